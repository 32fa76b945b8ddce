/**
 * The typed array, or a copy doubled until index i fits (zero-filled beyond the old length):
 * growth for arrays filled one element at a time.
 *
 * @example
 * withRoom(new Int32Array(4), 9).length; // => 16
 */
export function withRoom<T extends Uint8Array | Int32Array | Float64Array>(a: T, i: number): T {
  if (i < a.length) return a;
  let n = Math.max(1, a.length);
  while (i >= n) n *= 2;
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}

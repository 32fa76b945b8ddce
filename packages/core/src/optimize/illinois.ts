/**
 * A root of f in [a, b] (f(a), f(b) of opposite sign) by the Illinois variant of regula falsi:
 * the secant through the bracket, halving the retained end's value when the same end is kept
 * twice, so convergence is superlinear (order ≈ 1.44) yet never leaves the bracket
 * (Dowell & Jarratt 1971, "A modified regula falsi method for computing the root of an
 * equation", BIT 11). Stops when the bracket no longer shrinks or |f| = 0.
 *
 * @example
 * findRootIllinois((x) => x * x - 2, 0, 2); // => 1.414213562373095
 */
export function findRootIllinois(f: (x: number) => number, a: number, b: number, fa = f(a), fb = f(b), maxIterations = 200): number {
  if (fa === 0) return a;
  if (fb === 0) return b;
  if (fa < 0 === fb < 0) throw new RangeError(`findRootIllinois: f(${a}) and f(${b}) have the same sign`);
  let side = 0;
  for (let i = 0; i < maxIterations; i++) {
    let c = (a * fb - b * fa) / (fb - fa);
    // Falls back to the midpoint when the secant lands on (or outside) an end by rounding.
    if (!(c > Math.min(a, b) && c < Math.max(a, b))) c = 0.5 * (a + b);
    if (c === a || c === b) return c;
    const fc = f(c);
    if (fc === 0) return c;
    if (fc < 0 === fb < 0) {
      b = c;
      fb = fc;
      if (side === -1) fa /= 2;
      side = -1;
    } else {
      a = c;
      fa = fc;
      if (side === 1) fb /= 2;
      side = 1;
    }
    if (Math.abs(b - a) <= 4 * Number.EPSILON * Math.max(Math.abs(a), Math.abs(b), 1e-300)) return Math.abs(fa) < Math.abs(fb) ? a : b;
  }
  return Math.abs(fa) < Math.abs(fb) ? a : b;
}

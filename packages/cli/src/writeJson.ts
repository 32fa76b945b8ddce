import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/**
 * The text of `JSON.stringify(value, null, 2)` in pieces (JSON 分段输出): containers near the
 * root are walked, deeper values stringified whole, so no single string has to hold the whole
 * document — results of thousands of counties exceed V8's largest string (2²⁹ − 24 characters).
 * Pieces joined are byte-identical to JSON.stringify.
 *
 * @example
 * [...jsonPieces({ a: [1, 2] })].join(''); // => '{\n  "a": [\n    1,\n    2\n  ]\n}'
 */
export function* jsonPieces(value: unknown, walkDepth = 4, depth = 0): Generator<string> {
  const v = withToJson(value, '');
  yield* pieces(v === undefined || typeof v === 'function' || typeof v === 'symbol' ? null : v, walkDepth, depth);
}

/** A value as JSON.stringify sees it under `key`: after its toJSON(key), if it has one. */
function withToJson(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function'
    ? (value as { toJSON(key: string): unknown }).toJSON(key)
    : value;
}

const omitted = (x: unknown): boolean => x === undefined || typeof x === 'function' || typeof x === 'symbol';

function* pieces(v: unknown, walkDepth: number, depth: number): Generator<string> {
  const plain = v !== null && typeof v === 'object' && (Array.isArray(v) || Object.getPrototypeOf(v) === Object.prototype);
  if (!plain || depth >= walkDepth) {
    // Indented as it would be at this depth (JSON strings never hold a raw line break).
    const text = JSON.stringify(v, null, 2) ?? 'null';
    yield depth ? text.replace(/\n/g, `\n${'  '.repeat(depth)}`) : text;
    return;
  }
  const inner = '  '.repeat(depth + 1);
  if (Array.isArray(v)) {
    if (!v.length) return void (yield '[]');
    yield '[\n';
    for (let i = 0; i < v.length; i++) {
      yield inner;
      const x = withToJson(v[i], String(i));
      if (omitted(x)) yield 'null';
      else yield* pieces(x, walkDepth, depth + 1);
      yield i < v.length - 1 ? ',\n' : '\n';
    }
    yield `${'  '.repeat(depth)}]`;
    return;
  }
  const entries = Object.entries(v as Record<string, unknown>)
    .map(([key, x]) => [key, withToJson(x, key)] as const)
    .filter(([, x]) => !omitted(x));
  if (!entries.length) return void (yield '{}');
  yield '{\n';
  for (const [i, [key, x]] of entries.entries()) {
    yield `${inner}${JSON.stringify(key)}: `;
    yield* pieces(x, walkDepth, depth + 1);
    yield i < entries.length - 1 ? ',\n' : '\n';
  }
  yield `${'  '.repeat(depth)}}`;
}

/**
 * Writes `JSON.stringify(value, null, 2)` and a line break to a file without building the
 * whole text (see {@link jsonPieces}); pieces are buffered into writes of about 1 MB.
 */
export async function writeJson(path: string, value: unknown): Promise<void> {
  const out = createWriteStream(path);
  const failed = once(out, 'error').then(([e]) => Promise.reject(e));
  failed.catch(() => {});
  let buffer: string[] = [];
  let size = 0;
  const flush = async (): Promise<void> => {
    if (!out.write(buffer.join(''))) await Promise.race([once(out, 'drain'), failed]);
    buffer = [];
    size = 0;
  };
  for (const piece of jsonPieces(value)) {
    buffer.push(piece);
    size += piece.length;
    if (size > 1 << 20) await flush();
  }
  buffer.push('\n');
  await flush();
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
}

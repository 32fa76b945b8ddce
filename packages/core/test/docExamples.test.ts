import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tableFromArrays } from 'apache-arrow';
import * as aq from 'arquero';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as core from '../src/index.js';
import * as simulate from '../src/simulate/index.js';

// Runs every `@example` of every doc comment in src/, so the examples cannot drift from the code
// (STYLE.md habit 2). The convention:
//
// - An example is the lines after `@example` up to the end of the comment or the next tag. Its
//   lines are TypeScript, run in order as one async function body (so `await` and type syntax
//   work). A line ending in `// => value` is a check: the value of the last statement on that line
//   must match `value`. Lines without `// =>` set things up for the checks after them.
// - An example that cannot run as written (it stands for data the reader has, or shows only the
//   shape of a call) says so on its tag line: `@example (illustrative)`. It is counted, not run.
//   Every other example must run and have at least one check: an example that throws, does not
//   compile or whose expected value cannot be read FAILS (nothing is skipped silently).
// - In scope: everything @jiance/core and @jiance/core/simulate export, everything the example's own module exports
//   (internal helpers), `tableFromArrays` from apache-arrow, arquero as `aq`, and `readFileSync` from node:fs with
//   relative paths taken from the repository root (`readFileSync('fixtures/county.csv', 'utf8')`).
// - The expected value is a JavaScript-like literal: numbers, strings, null, true/false,
//   undefined, NaN, Infinity, arrays, objects, and typed arrays as Node prints them
//   (`Float64Array [1, 2]`, which must be that typed array; `[1, 2]` must be an Array). Beyond
//   literals:
//   - `0.2727…`: the number's leading digits (a prefix of its decimal representation: truncated,
//     not rounded);
//   - `…` as an array element: more elements here (`['a', …]` is a prefix, `[…, 'z']` a suffix,
//     `['a', …, 'z']` both);
//   - `…` as an object member: the object may have other properties (without it the properties
//     must be exactly those written); a bare name (`{ results, … }`) means the property is there
//     and not undefined;
//   - a derivation before the value, `(0.25 + 0.25)/(2·0.25) = 1`: only the part after the last
//     ` = ` is the expectation;
//   - a remark after the value in parentheses, `11 (12 schools in one county)`, is ignored.
//   Numbers written in full must agree within 1e-12 · max(1, |written|).
// - The last test counts them: examples in all, run and checked, illustrative (also logged), and
//   fails when more than ILLUSTRATIVE_AT_MOST are illustrative or a `// =>` line of a doc comment
//   lies outside every example.

/** Examples allowed to be illustrative (none is at present); raise only with a reason. */
const ILLUSTRATIVE_AT_MOST = 5;

function sources(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
    });
}

interface Example {
  file: string;
  /** 1-based line of the `@example` tag. */
  line: number;
  illustrative: boolean;
  /** The code lines; a check's `// => …` is taken off its code into `expected`. */
  lines: { line: number; code: string; expected?: string }[];
}

/** The `@example` blocks of one source file. */
function examplesOf(file: string, source: string): Example[] {
  const text = source.split('\n');
  const out: Example[] = [];
  for (let i = 0; i < text.length; i++) {
    const tag = /^\s*\* @example\b(.*)$/.exec(text[i]!);
    if (!tag) continue;
    const example: Example = { file, line: i + 1, illustrative: /\(illustrative\)/.test(tag[1]!), lines: [] };
    for (let j = i + 1; j < text.length; j++) {
      const line = text[j]!;
      if (/^\s*\*\//.test(line) || /^\s*\* @/.test(line)) break;
      const body = /^\s*\*(?: (.*))?$/.exec(line)?.[1] ?? '';
      if (body.trim() === '') continue;
      const m = /^(.*?)\s*\/\/ => (.+)$/.exec(body);
      if (m) example.lines.push({ line: j + 1, code: m[1]!, expected: m[2]! });
      else example.lines.push({ line: j + 1, code: body });
    }
    out.push(example);
  }
  return out;
}

const src = new URL('../src/', import.meta.url).pathname;
const root = resolve(src, '../../..');
const files = sources(src).map((path) => ({ file: path.slice(src.length), text: readFileSync(path, 'utf8') }));
const examples = files.flatMap(({ file, text }) => examplesOf(file, text));

// ---- running an example --------------------------------------------------------------------

const coreScope: Record<string, unknown> = { ...core, ...simulate };
const nodeScope: Record<string, unknown> = {
  tableFromArrays,
  aq,
  readFileSync: (path: string, ...rest: unknown[]) => (readFileSync as (...a: unknown[]) => unknown)(resolve(root, path), ...rest),
};

/** A name a destructuring parameter can bind (not `default` or another reserved word). */
function isIdentifier(name: string): boolean {
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) return false;
  try {
    new Function(`let ${name};`);
    return true;
  } catch {
    return false;
  }
}

/** One line of code with its last statement's value handed to `__check(index, value)`. */
function instrument(code: string, index: number): string {
  const source = ts.createSourceFile('line.ts', code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const last = source.statements.at(-1);
  if (!last || !ts.isExpressionStatement(last)) throw new Error(`the last statement of \`${code}\` is not an expression`);
  const before = code.slice(0, last.getStart(source));
  const expression = last.expression.getText(source);
  return `${before}__check(${index}, (${expression}));`;
}

async function run(example: Example, scope: Record<string, unknown>): Promise<unknown[]> {
  const checks = example.lines.filter((l) => l.expected !== undefined);
  const body = example.lines.map((l) => (l.expected !== undefined ? instrument(l.code, checks.indexOf(l)) : l.code)).join('\n');
  const names = Object.keys(scope).filter(isIdentifier);
  const wrapped = `(async ({ ${names.join(', ')} }, __check) => {\n${body}\n})`;
  const out = ts.transpileModule(wrapped, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext }, reportDiagnostics: true });
  const problems = (out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  if (problems.length > 0) throw new Error(`does not compile: ${problems.join('; ')}\n${body}`);
  const values: unknown[] = new Array(checks.length);
  const seen = new Set<number>();
  const fn = new Function(`return ${out.outputText.trim().replace(/;$/, '')};`)() as (s: unknown, c: (i: number, v: unknown) => void) => Promise<void>;
  await fn(scope, (i, v) => {
    values[i] = v;
    seen.add(i);
  });
  if (seen.size !== checks.length) throw new Error('a check line did not run');
  return values;
}

// ---- reading an expectation -----------------------------------------------------------------

type Want =
  | { kind: 'literal'; value: unknown }
  | { kind: 'prefix'; digits: string }
  | { kind: 'array'; type: string | null; head: Want[]; tail: Want[]; open: boolean }
  | { kind: 'object'; members: [string, Want | null][]; open: boolean };

const ELLIPSIS = '…';

class Reader {
  private i = 0;
  constructor(private readonly text: string) {}
  fail(what: string): never {
    throw new Error(`cannot read the expectation \`${this.text}\`: ${what} at ${this.i}`);
  }
  space(): void {
    while (/\s/.test(this.text[this.i] ?? '')) this.i++;
  }
  peek(s: string): boolean {
    this.space();
    return this.text.startsWith(s, this.i);
  }
  eat(s: string): boolean {
    if (!this.peek(s)) return false;
    this.i += s.length;
    return true;
  }
  expect(s: string): void {
    if (!this.eat(s)) this.fail(`expected ${s}`);
  }
  done(): boolean {
    this.space();
    return this.i >= this.text.length;
  }
  rest(): string {
    return this.text.slice(this.i);
  }
  name(): string | null {
    this.space();
    const m = /^[A-Za-z_$][\w$]*/.exec(this.text.slice(this.i));
    if (!m) return null;
    this.i += m[0].length;
    return m[0];
  }
  digits(): string | null {
    this.space();
    const m = /^\d+/.exec(this.text.slice(this.i));
    if (!m) return null;
    this.i += m[0].length;
    return m[0];
  }
  string(): string | null {
    this.space();
    const q = this.text[this.i];
    if (q !== "'" && q !== '"') return null;
    let j = this.i + 1;
    let out = '';
    while (j < this.text.length && this.text[j] !== q) {
      if (this.text[j] === '\\') {
        const esc = this.text.slice(j, j + 6);
        const u = /^\\u([0-9a-fA-F]{4})/.exec(esc);
        if (u) {
          out += String.fromCharCode(parseInt(u[1]!, 16));
          j += 6;
          continue;
        }
        out += { n: '\n', t: '\t', '0': '\0' }[this.text[j + 1]!] ?? this.text[j + 1];
        j += 2;
        continue;
      }
      out += this.text[j++];
    }
    if (j >= this.text.length) this.fail('unterminated string');
    this.i = j + 1;
    return out;
  }
  value(): Want {
    this.space();
    const num = /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?(…)?/.exec(this.text.slice(this.i));
    if (num) {
      this.i += num[0].length;
      return num[4] ? { kind: 'prefix', digits: num[0].slice(0, -1) } : { kind: 'literal', value: Number(num[0]) };
    }
    const s = this.string();
    if (s !== null) return { kind: 'literal', value: s };
    if (this.eat('[')) return this.array(null);
    if (this.eat('{')) return this.object();
    if (this.eat('-Infinity')) return { kind: 'literal', value: -Infinity };
    const name = this.name();
    if (name === null) this.fail('expected a value');
    const constants: Record<string, unknown> = { true: true, false: false, null: null, undefined: undefined, NaN: NaN, Infinity: Infinity };
    if (name in constants) return { kind: 'literal', value: constants[name] };
    if (/^(Float64|Float32|Int32|Uint32|Int16|Uint16|Int8|Uint8|Uint8Clamped)Array$/.test(name) && this.eat('[')) return this.array(name);
    return this.fail(`unknown name ${name}`);
  }
  array(type: string | null): Want {
    const head: Want[] = [];
    const tail: Want[] = [];
    let open = false;
    while (!this.eat(']')) {
      if (this.eat(ELLIPSIS)) open = true;
      else (open ? tail : head).push(this.value());
      if (!this.eat(',')) {
        this.expect(']');
        break;
      }
    }
    return { kind: 'array', type, head, tail, open };
  }
  object(): Want {
    const members: [string, Want | null][] = [];
    let open = false;
    while (!this.eat('}')) {
      if (this.eat(ELLIPSIS)) open = true;
      else {
        const key = this.string() ?? this.name() ?? this.digits();
        if (key === null) this.fail('expected a property name');
        members.push([key, this.eat(':') ? this.value() : null]);
      }
      if (!this.eat(',')) {
        this.expect('}');
        break;
      }
    }
    return { kind: 'object', members, open };
  }
}

/** The expectation written after `// =>`. */
function expectation(text: string): Want {
  const derived = text.lastIndexOf(' = ');
  const reader = new Reader(derived >= 0 && !/['"]/.test(text.slice(derived)) ? text.slice(derived + 3) : text);
  const want = reader.value();
  if (!reader.done() && !/^\s*\(.*\)$/.test(reader.rest())) reader.fail('unexpected text after the value');
  return want;
}

function describeValue(v: unknown): string {
  if (ArrayBuffer.isView(v)) return `${v.constructor.name} [${Array.from(v as unknown as ArrayLike<number>).join(', ')}]`;
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/** Why `actual` does not match `want` (at `path`), or null. */
function mismatch(actual: unknown, want: Want, path = 'value'): string | null {
  const not = (what: string) => `${path} is ${describeValue(actual)}, expected ${what}`;
  switch (want.kind) {
    case 'literal': {
      const w = want.value;
      if (typeof w === 'number' && typeof actual === 'number') {
        if (Number.isNaN(w)) return Number.isNaN(actual) ? null : not('NaN');
        if (!Number.isFinite(w)) return actual === w ? null : not(String(w));
        return Math.abs(actual - w) <= 1e-12 * Math.max(1, Math.abs(w)) ? null : not(String(w));
      }
      return Object.is(actual, w) ? null : not(describeValue(w));
    }
    case 'prefix':
      return typeof actual === 'number' && String(actual).startsWith(want.digits) ? null : not(`a number starting ${want.digits}`);
    case 'array': {
      const isTyped = ArrayBuffer.isView(actual);
      if (want.type === null ? !Array.isArray(actual) : !isTyped || (actual as object).constructor.name !== want.type) return not(want.type ?? 'an array');
      const items = Array.from(actual as ArrayLike<unknown>);
      const fixed = want.head.length + want.tail.length;
      if (want.open ? items.length < fixed : items.length !== fixed)
        return `${path} has ${items.length} elements, expected ${want.open ? 'at least ' : ''}${fixed}`;
      for (let k = 0; k < want.head.length; k++) {
        const m = mismatch(items[k], want.head[k]!, `${path}[${k}]`);
        if (m) return m;
      }
      for (let k = 0; k < want.tail.length; k++) {
        const at = items.length - want.tail.length + k;
        const m = mismatch(items[at], want.tail[k]!, `${path}[${at}]`);
        if (m) return m;
      }
      return null;
    }
    case 'object': {
      if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return not('an object');
      const record = actual as Record<string, unknown>;
      for (const [key, value] of want.members) {
        if (!(key in record) || record[key] === undefined) {
          if (value && value.kind === 'literal' && value.value === undefined) continue;
          return `${path} has no ${key}`;
        }
        if (value) {
          const m = mismatch(record[key], value, `${path}.${key}`);
          if (m) return m;
        }
      }
      if (!want.open) {
        const keys = Object.keys(record).filter((k) => record[k] !== undefined);
        const extra = keys.filter((k) => !want.members.some(([key]) => key === k));
        if (extra.length > 0) return `${path} has more properties than written: ${extra.join(', ')}`;
      }
      return null;
    }
  }
}

// ---- the tests ------------------------------------------------------------------------------

const modules = new Map<string, Record<string, unknown>>();
for (const file of new Set(examples.map((e) => e.file))) modules.set(file, (await import(pathToFileURL(join(src, file)).href)) as Record<string, unknown>);

const checked = examples.filter((e) => !e.illustrative);
const illustrative = examples.filter((e) => e.illustrative);
const checkCount = (list: Example[]) => list.reduce((n, e) => n + e.lines.filter((l) => l.expected !== undefined).length, 0);
console.log(
  `doc examples: ${examples.length} in all, ${checked.length} run and checked (${checkCount(checked)} \`// =>\` lines), ${illustrative.length} illustrative` +
    (illustrative.length ? `: ${illustrative.map((e) => `${e.file}:${e.line}`).join(', ')}` : ''),
);

/** Runs one example and returns what did not match (empty when all its checks hold). */
async function verify(example: Example, scope: Record<string, unknown>): Promise<string[]> {
  const wants = example.lines.filter((l) => l.expected !== undefined).map((l) => expectation(l.expected!));
  if (wants.length === 0) throw new Error(`${example.file}:${example.line}: an example without \`// =>\` must be marked @example (illustrative)`);
  const values = await run(example, scope);
  return wants.map((want, k) => mismatch(values[k], want)).filter((m): m is string => m !== null);
}

describe('doc-comment examples', () => {
  for (const example of checked) {
    const shown =
      example.lines
        .filter((l) => l.expected !== undefined)
        .map((l) => l.code)
        .join(' ') || example.lines.at(-1)?.code;
    it(`${example.file}:${example.line}: ${shown}`, async () => {
      expect(await verify(example, { ...coreScope, ...modules.get(example.file), ...nodeScope })).toEqual([]);
    });
  }
  it('counts: every example is run or marked illustrative, every `// =>` line is in an example, few are illustrative', () => {
    // Doc-comment lines with `// =>` found without the block parser: none may fall outside an example.
    const arrows = files.reduce((n, { text }) => n + text.split('\n').filter((l) => /^\s*\* .*\/\/ => /.test(l)).length, 0);
    expect(checkCount(examples)).toBe(arrows);
    expect(checked.length + illustrative.length).toBe(examples.length);
    expect(examples.length).toBeGreaterThan(100);
    expect(illustrative.length).toBeLessThanOrEqual(ILLUSTRATIVE_AT_MOST);
  });
});

describe('the doc-example runner', () => {
  const one = (lines: string, tag = '@example') =>
    examplesOf(
      't.ts',
      `/**\n * ${tag}\n${lines
        .split('\n')
        .map((l) => ` * ${l}`)
        .join('\n')}\n */`,
    )[0]!;
  const check = (lines: string) => verify(one(lines), coreScope);
  it('fails an example that cannot run, does not compile, has no check, or whose expectation cannot be read', async () => {
    await expect(check('undefinedName(1); // => 1')).rejects.toThrow(ReferenceError);
    await expect(check('rateWilson(36, 100; // => 1')).rejects.toThrow(/does not compile/);
    await expect(check('rateWilson(36, 100);')).rejects.toThrow(/must be marked @example \(illustrative\)/);
    await expect(check('rateWilson(36, 100).rate; // => about 0.36')).rejects.toThrow(/cannot read the expectation/);
    await expect(check('rateWilson(36, 100).rate; // => 0.36 or so')).rejects.toThrow(/cannot read the expectation/);
  });
  it('reports a wrong value', async () => {
    expect(await check('rateWilson(36, 100); // => { rate: 0.36, lower: 0.2726…, upper: 0.4580…, level: 0.95 }')).toEqual([
      'value.lower is 0.2727122040140433, expected a number starting 0.2726',
    ]);
    expect(await check('rateWilson(36, 100); // => { rate: 0.36, lower: 0.2727… }')).toEqual(['value has more properties than written: upper, level']);
    expect(await check('[1, 2]; // => Float64Array [1, 2]')).toEqual(['value is [1,2], expected Float64Array']);
    expect(await check('Float64Array.of(1, 2, 3); // => Float64Array [1, …, 2]')).toEqual(['value[2] is 3, expected 2']);
    expect(await check('const a = 0.1 + 0.2; a; // => 0.3')).toEqual([]);
    expect(await check('0.3 + 1e-9; // => 0.3')).toEqual(['value is 0.300000001, expected 0.3']);
  });
  it('reads the notations of the expectations', async () => {
    expect(await check('({ a: 1, b: [1, 2, 3], c: null }); // => { a: 1, b: [1, …], … }')).toEqual([]);
    expect(await check('({ results: 0, n: 2 }); // => { results, n: 2 }')).toEqual([]);
    expect(await check("['x', 'y', 'z']; // => […, 'z']")).toEqual([]);
    expect(await check('(0.25 + 0.25 + 0.04 + 0.04) / (4 * 0.25); // => (0.25+0.25+0.04+0.04)/(4·0.25) = 0.58')).toEqual([]);
    expect(await check("'overweight'; // => 'overweight' (BMI 20.4)")).toEqual([]);
    expect(await check('const m = new Map<string, number>([["a", -1.5]]); m.get("a"); // => -1.5')).toEqual([]);
    expect(await check('await Promise.resolve(Int32Array.of(7)); // => Int32Array [7]')).toEqual([]);
  });
  it('takes the illustrative marker from the tag line only', () => {
    expect(one('f(data); // => 1', '@example (illustrative)').illustrative).toBe(true);
    expect(one('f(data); // => 1 (illustrative)').illustrative).toBe(false);
  });
});

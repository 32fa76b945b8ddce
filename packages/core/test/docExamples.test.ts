import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as core from '../src/index.js';

// Runs the self-contained `@example` lines of every doc comment in src/ (`expr; // => value`),
// so the examples cannot drift from the code (STYLE.md habit 2). Examples that use a variable
// defined elsewhere (`data`, `table`) are illustrative and skipped; the test insists that most
// are checked.

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

interface Example {
  file: string;
  expression: string;
  expected: string;
}

const examples: Example[] = [];
const src = new URL('../src/', import.meta.url).pathname;
for (const file of sources(src)) {
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^\s*\* (.+?); \/\/ => (.+)$/.exec(line);
    if (m) examples.push({ file: file.slice(src.length), expression: m[1]!, expected: m[2]! });
  }
}

const names = Object.keys(core);
const values = Object.values(core);
function evaluate(expression: string): { ok: true; value: unknown } | { ok: false } {
  try {
    // The last statement's value: examples are one expression, or statements then an expression.
    const parts = expression.split('; ');
    const body = `${parts.slice(0, -1).join('; ')}${parts.length > 1 ? ';' : ''} return (${parts.at(-1)});`;
    return { ok: true, value: new Function(...names, body)(...values) };
  } catch (error) {
    if (error instanceof ReferenceError || error instanceof SyntaxError) return { ok: false };
    throw error;
  }
}

/** The expected value as written: a literal, possibly "… = 0.58", "0.3666…" or "'x' (comment)". */
function expectation(text: string): { kind: 'value'; value: unknown } | { kind: 'prefix'; prefix: string } | { kind: 'none' } {
  const candidates = [text, text.split(' = ').at(-1)!, text.replace(/ \(.*\)$/, ''), text.replace(/ on .*$/, '')];
  for (const c of candidates) {
    if (/^-?\d+(\.\d+)?…$/.test(c)) return { kind: 'prefix', prefix: c.slice(0, -1) };
    if (c.includes('…')) continue;
    try {
      return { kind: 'value', value: new Function(`return (${c});`)() };
    } catch {
      // try the next reading
    }
  }
  return { kind: 'none' };
}

describe('doc-comment examples', () => {
  let checked = 0;
  for (const ex of examples) {
    const result = evaluate(ex.expression);
    const want = expectation(ex.expected);
    if (!result.ok || want.kind === 'none') continue;
    checked++;
    it(`${ex.file}: ${ex.expression}`, () => {
      if (want.kind === 'prefix') expect(String(result.value).startsWith(want.prefix)).toBe(true);
      else if (typeof want.value === 'number') expect(result.value).toBeCloseTo(want.value, 12);
      else expect(JSON.parse(JSON.stringify(result.value, (_, v) => (ArrayBuffer.isView(v) ? Array.from(v as unknown as number[]) : v)))).toEqual(want.value);
    });
  }
  it('most examples are self-contained and checked', () => {
    expect(examples.length).toBeGreaterThan(50);
    expect(checked).toBeGreaterThanOrEqual(35);
  });
});

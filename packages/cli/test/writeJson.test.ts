import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeStudents, parseCsv, studentTable } from '@jiance/core';
import { jsonPieces, writeJson } from '../src/index.js';

describe('writeJson', () => {
  it('pieces join to JSON.stringify(value, null, 2) for any JSON value, undefined fields and NaN', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 5 }), (value, walkDepth) => {
        expect([...jsonPieces(value, walkDepth)].join('')).toBe(JSON.stringify(value, null, 2));
      }),
      { numRuns: 500, seed: 4 },
    );
    const odd = { a: undefined, b: [undefined, NaN, () => 1, { c: undefined }], d: {}, e: [], f: new Date(0), g: 'line\nbreak "q"' };
    expect([...jsonPieces(odd)].join('')).toBe(JSON.stringify(odd, null, 2));
    const keyed = {
      a: { toJSON: () => undefined },
      x: { toJSON: (k: string) => `key:${k}` },
      list: [{ toJSON: (k: string) => k }, { toJSON: () => undefined }],
    };
    expect([...jsonPieces(keyed)].join('')).toBe(JSON.stringify(keyed, null, 2));
  });
  it('writes the province results byte-identical to JSON.stringify', async () => {
    const text = readFileSync(new URL('../../../fixtures/province.csv', import.meta.url), 'utf8');
    const results = analyzeStudents(studentTable(parseCsv(text, 'province.csv')));
    const path = join(mkdtempSync(join(tmpdir(), 'jiance-json-')), 'results.json');
    await writeJson(path, results);
    expect(readFileSync(path, 'utf8')).toBe(`${JSON.stringify(results, null, 2)}\n`);
  });
  it('a folder that cannot be written gives the file system error, not a hang', async () => {
    await expect(writeJson('/nonexistent-dir/results.json', { a: 1 })).rejects.toThrow(/ENOENT/);
  });
});

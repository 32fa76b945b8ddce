import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeStudents, decodeText, parseCsv, studentTable, type AnalyzeStudentsOptions } from '@jiance/core';
import { describe, expect, it } from 'vitest';
import { duckdbAnalyze } from '../src/index.js';
import { fixture } from './helpers.js';

/**
 * The first path at which two JSON trees differ: numbers may differ by 1e-9 relative (or 1e-9
 * absolute near 0), everything else must be equal; undefined when they agree.
 */
export function firstDifference(a: unknown, b: unknown, path = '$'): string | undefined {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? undefined : `${path}: ${a} vs ${b}`;
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)) ? undefined : `${path}: ${a} vs ${b}`;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}.length: ${a.length} vs ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    if (ka.join('\u0000') !== kb.join('\u0000')) return `${path}: keys [${ka.join(', ')}] vs [${kb.join(', ')}]`;
    for (const k of ka) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      if (d) return d;
    }
    return undefined;
  }
  return Object.is(a, b) || a === b ? undefined : `${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
}

const json = (x: unknown): unknown => JSON.parse(JSON.stringify(x));

/** The in-memory analysis of a CSV file, as `analyze` runs it. */
function inMemory(path: string, options: AnalyzeStudentsOptions): unknown {
  const { text, encoding } = decodeText(readFileSync(path), path);
  return json(analyzeStudents(studentTable(parseCsv(text, path.split('/').pop()!, encoding)), options));
}

async function expectSame(path: string, options: AnalyzeStudentsOptions = {}): Promise<void> {
  const expected = inMemory(path, options);
  const got = await duckdbAnalyze(path, options);
  expect(firstDifference(expected, json(got.results))).toBeUndefined();
}

describe('duckdbAnalyze: the whole analysis in DuckDB gives the results of the in-memory analysis', () => {
  it('province fixture (with a reference and a vision target)', async () => {
    await expectSame(fixture('province.csv'), { countyComparison: { reference: { label: '全国', estimate: 500 } }, rates: { targets: { vision_poor: '-1pp per year from 2022' } } });
  });
  it('county fixture (typos, units, duplicates, out-of-range values)', async () => {
    await expectSame(fixture('county.csv'));
  });
  it('plausible values with JK2 replicate weights', async () => {
    await expectSame(fixture('design/pv-jk2.csv'), { design: { replicates: { kind: 'JK2' } } } as AnalyzeStudentsOptions);
  });
  it('plausible values with Fay replicate weights', async () => {
    await expectSame(fixture('design/pv-fay.csv'), { design: { replicates: { kind: 'Fay' } } } as AnalyzeStudentsOptions);
  });
});

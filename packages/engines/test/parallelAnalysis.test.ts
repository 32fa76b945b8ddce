import { analyzeStudents, parseCsv, recordingSource, studentTable, tableSource, answer, type AnalyzeStudentsOptions } from '@jiance/core';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeInParallel } from '../src/index.js';
import { fixture } from './helpers.js';

/** The summaries of every request of the analyses, from the table in memory (what an engine would answer). */
function answersOf(name: string, options: AnalyzeStudentsOptions) {
  const data = studentTable(parseCsv(readFileSync(fixture(name), 'utf8'), name));
  const source = tableSource(data, options.rates ?? {});
  const recorder = recordingSource(source.info);
  analyzeStudents(recorder.source, options);
  const answers = new Map([...recorder.requests].map(([key, request]) => [key, answer(source, request)]));
  return { data, info: source.info, answers };
}

describe('analyzeInParallel', () => {
  for (const [name, options] of [
    ['province.csv', { countyComparison: { reference: { label: '全国', estimate: 500 } } }],
    ['design/pv-jk2.csv', { design: { replicates: { kind: 'JK2' as const } } }],
  ] as const) {
    it(`${name}: the sections computed in a worker thread give exactly the results of one thread`, async () => {
      const { data, info, answers } = answersOf(name, options);
      const expected = analyzeStudents(data, options);
      // parallelFrom 0: the worker is used however small the data.
      let inWorker: string[] = [];
      const got = await analyzeInParallel(info, answers, { ...options, parallelFrom: 0, onWorker: (s) => (inWorker = s) });
      expect(inWorker.length).toBeGreaterThan(0);
      expect(inWorker.every((s) => s.startsWith('rateComparison:'))).toBe(true);
      expect(got).toEqual(expected);
      expect(JSON.stringify(got)).toBe(JSON.stringify(expected));
    });
  }
  it('below parallelFrom everything runs on this thread, with the same results', async () => {
    const { data, info, answers } = answersOf('county.csv', {});
    let inWorker: string[] | undefined;
    const got = await analyzeInParallel(info, answers, { onWorker: (s) => (inWorker = s) });
    expect(inWorker).toEqual([]);
    expect(JSON.stringify(got)).toBe(JSON.stringify(analyzeStudents(data, {})));
  });
});

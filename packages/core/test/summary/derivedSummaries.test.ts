import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  analyzeStudents,
  parseCsv,
  recordingSource,
  studentTable,
  tableSource,
  type DesignEntries,
  type EntriesRequest,
  type GroupedMoments,
  type MomentsRequest,
} from '../../src/index.js';
import { deriveFrom, deriveSummary } from '../../src/summary/derivedSummaries.js';

const table = (name: string) => studentTable(parseCsv(readFileSync(new URL(`../../../../fixtures/${name}`, import.meta.url), 'utf8'), name));

/** Numbers equal to 1e-12 relative (a derived Σwy is x̄·Σw, not the direct sum). */
const close = (a: ArrayLike<number>, b: ArrayLike<number>, what: string): void => {
  expect(b.length, what).toBe(a.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i]! - b[i]!) <= 1e-12 * Math.max(1, Math.abs(a[i]!)), `${what}[${i}]: ${a[i]} vs ${b[i]}`).toBe(true);
};

describe('deriveFrom / deriveSummary', () => {
  for (const [name, options] of [
    ['province.csv', {}],
    ['county.csv', {}],
    ['design/pv-jk2.csv', { design: { replicates: { kind: 'JK2' as const } } }],
  ] as const) {
    it(`${name}: every derived summary equals the one summarised directly`, () => {
      const data = table(name);
      const source = tableSource(data, {});
      const recorder = recordingSource(source.info);
      analyzeStudents(recorder.source, options);
      const derived = deriveFrom(recorder.requests);
      if (name === 'province.csv') {
        // School-level moments of 9 measures (weighted and not) are kept; their other key orders,
        // the county × year roll-ups and the design totals are derived.
        expect(derived.size).toBeGreaterThanOrEqual(25);
      }
      if (name === 'design/pv-jk2.csv') {
        // Replicate weights: design totals are never derived.
        for (const key of derived.keys()) expect(recorder.requests.get(key)!.kind).toBe('moments');
      }
      for (const [key, from] of derived) {
        const request = recorder.requests.get(key) as MomentsRequest | EntriesRequest;
        const base = recorder.requests.get(from) as MomentsRequest;
        expect(derived.has(from), 'a base is summarised itself').toBe(false);
        const got = deriveSummary(request, source.moments(base));
        if (request.kind === 'moments') {
          const want = source.moments(request);
          const g = got as GroupedMoments;
          expect(g.keys).toEqual(want.keys);
          expect(g.labels).toEqual(want.labels);
          expect(Array.from(g.firstRow!)).toEqual(Array.from(want.firstRow!));
          for (const k of ['count', 'sumWeights', 'sumWeights2', 'mean', 'm2'] as const) close(want[k], g[k], `${key} ${k}`);
        } else {
          const want = source.entries(request);
          const g = got as DesignEntries;
          const { sumWeights: _a, sumWY: _b, sumWYY: _c, ...shape } = g;
          const { sumWeights: _d, sumWY: _e, sumWYY: _f, ...wantShape } = want;
          expect(shape).toEqual(wantShape); // keys, labels, PSUs, strata, counts
          for (const k of ['sumWeights', 'sumWY', 'sumWYY'] as const) close(want[k], g[k], `${key} ${k}`);
        }
      }
    });
  }

  it('does not roll up over a key a kept row may lack (sex), nor derive entries whose strata are not keys', () => {
    const schools = ['county', 'year', 'grade', 'school'];
    const bySex: MomentsRequest = { kind: 'moments', keys: [...schools, 'sex'], measure: { column: 'math' }, weighted: true };
    const plain: MomentsRequest = { kind: 'moments', keys: schools, measure: { column: 'math' }, weighted: true };
    const design = { weight: 'weight', strata: 'stratum', plausibleValues: {}, replicates: null };
    const entries: EntriesRequest = { kind: 'entries', keys: schools, measures: [{ column: 'math' }], design };
    const requests = new Map<string, MomentsRequest | EntriesRequest>([
      ['a', bySex],
      ['b', plain],
      ['c', entries],
    ]);
    expect(deriveFrom(requests)).toEqual(new Map());
  });
});

import { readFileSync } from 'node:fs';
import { Dictionary, Float64, Int32, Table, Utf8, vectorFromArray } from 'apache-arrow';
import fc from 'fast-check';
import { mean as ssMean, sampleStandardDeviation } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import {
  addValue,
  analyzeStudents,
  describeAchievement,
  emptyMoments,
  groupedMoments,
  mergeGroupedMoments,
  mergeMoments,
  momentsOf,
  parseCsv,
  readNumbers,
  rollupMoments,
  sampleVarianceOf,
  studentTable,
  tableSource,
} from '../../src/index.js';

const hsbPath = new URL('../../../../fixtures/reference/hsb.csv', import.meta.url);

describe('moments', () => {
  it('momentsOf gives the closed-form mean and sum of squares', () => {
    const m = momentsOf([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(m.mean).toBe(5);
    expect(m.m2).toBe(32);
    expect(sampleVarianceOf(m)).toBeCloseTo(32 / 7, 14);
  });
  it('addValue with weights equals replicating values (integer weights)', () => {
    const weighted = momentsOf([1, 5, 9], [2, 1, 3]);
    const replicated = momentsOf([1, 1, 5, 9, 9, 9]);
    expect(weighted.mean).toBeCloseTo(replicated.mean, 14);
    expect(weighted.m2).toBeCloseTo(replicated.m2, 12);
    expect(weighted.sumWeights2).toBe(14);
  });
  it('sampleVarianceOf is the svyvar estimator n/(n-1)·m2/Σw', () => {
    // R 4.2.2: library(survey); d <- svydesign(ids=~1, weights=~w, data=data.frame(x=c(1,5,9), w=c(2,1,3)))
    //         svyvar(~x, d)  # variance 19.333 (= 58/3)
    expect(sampleVarianceOf(momentsOf([1, 5, 9], [2, 1, 3]))).toBeCloseTo(58 / 3, 12);
    expect(sampleVarianceOf(momentsOf([3]))).toBeNaN();
  });
  it('mergeMoments of any split equals one pass (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.double({ min: 0.1, max: 10, noNaN: true })), { minLength: 2, maxLength: 60 }),
        fc.nat(),
        (pairs, cut) => {
          const k = cut % pairs.length;
          const all = momentsOf(
            pairs.map((p) => p[0]),
            pairs.map((p) => p[1]),
          );
          const a = momentsOf(
            pairs.slice(0, k).map((p) => p[0]),
            pairs.slice(0, k).map((p) => p[1]),
          );
          const b = momentsOf(
            pairs.slice(k).map((p) => p[0]),
            pairs.slice(k).map((p) => p[1]),
          );
          const merged = mergeMoments(b, a);
          expect(merged.count).toBe(all.count);
          expect(merged.mean).toBeCloseTo(all.mean, 8);
          expect(Math.abs(merged.m2 - all.m2)).toBeLessThanOrEqual(1e-9 * Math.max(1, all.m2));
        },
      ),
      { seed: 20261125, numRuns: 300 },
    );
  });
  it('mergeMoments with an empty side returns the other', () => {
    const m = addValue(emptyMoments(), 3, 2);
    expect(mergeMoments(emptyMoments(), m)).toEqual(m);
  });
});

/** HSB rows parsed independently of Jiance's readers (the file has no quoted commas). */
function hsbRows(): { school: string; math: number }[] {
  const lines = readFileSync(hsbPath, 'utf8').trim().split('\n').slice(1);
  return lines.map((line) => {
    const cells = line.split(',');
    return { school: cells[0]!.replace(/"/g, ''), math: Number(cells[1]) };
  });
}

describe('groupedMoments', () => {
  const data = studentTable(parseCsv(readFileSync(hsbPath, 'utf8'), 'hsb.csv'), { require: ['school'] });

  it('describeAchievement per school equals an independent computation on HSB (simple-statistics)', () => {
    const rows = hsbRows();
    const bySchool = new Map<string, number[]>();
    for (const r of rows) bySchool.set(r.school, [...(bySchool.get(r.school) ?? []), r.math]);
    const summary = describeAchievement(tableSource(data), 'math');
    expect(summary.schools.length).toBe(160);
    expect(summary.usage.rowsUsed).toBe(7185);
    for (const s of summary.schools) {
      const xs = bySchool.get(s.school)!;
      expect(s.students).toBe(xs.length);
      expect(s.mean).toBeCloseTo(ssMean(xs), 10);
      expect(s.sd!).toBeCloseTo(sampleStandardDeviation(xs), 10);
    }
    const all = rows.map((r) => r.math);
    expect(summary.counties).toHaveLength(1);
    expect(summary.counties[0]!.schools).toBe(160);
    expect(summary.counties[0]!.mean).toBeCloseTo(ssMean(all), 10);
    expect(summary.counties[0]!.sd!).toBeCloseTo(sampleStandardDeviation(all), 10);
    // Published: HSB grand mean of MathAch 12.748, SD 6.878 (Raudenbush & Bryk 2002, table 4.1).
    expect(summary.counties[0]!.mean).toBeCloseTo(12.748, 3);
    expect(summary.counties[0]!.sd!).toBeCloseTo(6.878, 3);
  });

  it('mergeGroupedMoments of any split of the rows equals one pass (property)', () => {
    const table = data.table;
    const whole = groupedMoments(table, { keys: ['school'], value: 'math' });
    fc.assert(
      fc.property(fc.array(fc.nat({ max: table.numRows }), { minLength: 1, maxLength: 4 }), (cuts) => {
        const bounds = [0, ...[...new Set(cuts)].sort((x, y) => x - y), table.numRows];
        let merged = groupedMoments(table.slice(bounds[0], bounds[1]), { keys: ['school'], value: 'math' });
        for (let k = 1; k < bounds.length - 1; k++) {
          const part = groupedMoments(table.slice(bounds[k], bounds[k + 1]), { keys: ['school'], value: 'math' });
          merged = k % 2 ? mergeGroupedMoments(part, merged) : mergeGroupedMoments(merged, part);
        }
        const index = new Map(merged.labels[0]!.map((l, g) => [l, g]));
        expect(merged.count.length).toBe(whole.count.length);
        for (let g = 0; g < whole.count.length; g++) {
          const h = index.get(whole.labels[0]![g]!)!;
          expect(merged.count[h]).toBe(whole.count[g]);
          expect(merged.mean[h]).toBeCloseTo(whole.mean[g]!, 9);
          expect(Math.abs(merged.m2[h]! - whole.m2[g]!)).toBeLessThan(1e-8 * whole.m2[g]!);
        }
      }),
      { seed: 7, numRuns: 40 },
    );
  });

  it('rollupMoments to one group equals the moments of all rows', () => {
    const bySchool = groupedMoments(data.table, { keys: ['county', 'school'], value: 'math' });
    const all = rollupMoments(bySchool, ['county']);
    const direct = momentsOf(readNumbers(data.table, 'math'));
    expect(all.count[0]).toBe(7185);
    expect(all.mean[0]).toBeCloseTo(direct.mean, 10);
    expect(all.m2[0]! / direct.m2).toBeCloseTo(1, 12);
  });
});

describe('SummaryAccumulator', () => {
  it('merges 70,000 groups (17 chunks of 4,096 rows) from three batches as mergeGroupedMoments does, weighted and unweighted', async () => {
    const { GroupIndex, SummaryAccumulator } = await import('../../src/summary/summaryAccumulator.js');
    const { randomSource } = await import('../../src/index.js');
    const mapping = { columns: [], roles: {} } as never;
    const batch = (seed: number, n: number) => {
      const rng = randomSource(seed);
      const r = () => rng.uniform();
      const g = Array.from({ length: n }, () => Math.floor(r() * 70_000));
      const table = new Table({
        county: vectorFromArray(
          g.map((x) => `c${x % 7}`),
          new Dictionary(new Utf8(), new Int32()),
        ),
        school: vectorFromArray(
          g.map((x) => `s${x}`),
          new Dictionary(new Utf8(), new Int32()),
        ),
        math: vectorFromArray(
          g.map((x) => 400 + (x % 200) + r() * 50),
          new Float64(),
        ),
        weight: vectorFromArray(
          g.map(() => 0.5 + r()),
          new Float64(),
        ),
      });
      return table;
    };
    const tables = [batch(1, 150_000), batch(2, 150_000), batch(3, 20_000)];
    for (const weighted of [true, false]) {
      const index = new GroupIndex();
      const acc = new SummaryAccumulator('moments', mapping, index, { weighted });
      const parts = tables.map((t, b) => {
        const g = groupedMoments(t, { keys: ['county', 'school'], value: 'math', weight: weighted ? 'weight' : null });
        return { ...g, firstRow: g.firstRow!.map((i) => i + b * 1_000_000) };
      });
      for (const p of parts) acc.add(p);
      const expected = mergeGroupedMoments(mergeGroupedMoments(parts[0]!, parts[1]!), parts[2]!);
      const got = acc.result() as ReturnType<typeof groupedMoments>;
      expect(got.count.length).toBeGreaterThan(65_536);
      expect(got.labels).toEqual(expected.labels);
      expect(Array.from(got.count)).toEqual(Array.from(expected.count));
      expect(Array.from(got.firstRow!)).toEqual(Array.from(expected.firstRow!));
      for (const k of ['sumWeights', 'sumWeights2', 'mean', 'm2'] as const) {
        for (let i = 0; i < got.count.length; i += 97) expect(got[k][i]).toBeCloseTo(expected[k][i]!, 6);
      }
    }
  });
});

describe('tableSource: the entrance of a table to the estimators', () => {
  const data = studentTable(parseCsv(readFileSync(hsbPath, 'utf8'), 'hsb.csv'), { require: ['school'] });

  it('is one source per table and indicator definitions', () => {
    expect(tableSource(data)).toBe(tableSource(data, {}));
    expect(tableSource(data, { anxietyCutoff: 60 })).toBe(tableSource(data, { anxietyCutoff: 60, sleep: undefined }));
    expect(tableSource(data, { anxietyCutoff: 60 })).not.toBe(tableSource(data));
    expect(tableSource(data, { anxietyCutoff: 60 }).info.indicatorOptions).toEqual({ anxietyCutoff: 60 });
  });

  it('analyzeStudents on a source reads the indicator definitions the source was built with', () => {
    const county = studentTable(parseCsv(readFileSync(new URL('../../../../fixtures/county.csv', import.meta.url), 'utf8'), 'county.csv'));
    const fromSource = analyzeStudents(tableSource(county, { anxietyCutoff: 60 }));
    expect(fromSource.rates.indicators.map((i) => i.indicator)).toContain('anxiety');
    expect(JSON.stringify(fromSource)).toBe(JSON.stringify(analyzeStudents(county, { rates: { anxietyCutoff: 60 } })));
  });

  it('an estimator given a table (from JavaScript) says to pass tableSource(data)', () => {
    const call = () => describeAchievement(data as never, 'math');
    expect(call).toThrowError(expect.objectContaining({ code: 'not-a-summary-source', details: { estimator: 'describeAchievement' } }));
    expect(call).toThrowError(/tableSource\(data\)/);
  });
});

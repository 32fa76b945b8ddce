import { describe, expect, it } from 'vitest';
import { combinePlausibleValues, replicateVariance, tableSource } from '../../src/index.js';

describe('combinePlausibleValues', () => {
  const estimates = [500, 504, 498, 502, 501];
  const variances = [16, 16, 16, 16, 16];
  it('combinePlausibleValues equals a hand computation and mitools::MIcombine', () => {
    // By hand: θ̄ = 501, Ū = 16, B = (1 + 9 + 9 + 1 + 0)/4 = 5, T = 16 + 1.2·5 = 22.
    // R 4.2.2: MIcombine(results = as.list(c(500, 504, 498, 502, 501)), variances = as.list(rep(16, 5)))
    //          → 501, SE 4.69041575982343, df 53.7777777777778
    const c = combinePlausibleValues(estimates, variances);
    expect(c.estimate).toBe(501);
    expect(c.withinVariance).toBe(16);
    expect(c.betweenVariance).toBe(5);
    expect(c.variance).toBeCloseTo(22, 12);
    expect(c.se).toBeCloseTo(4.69041575982343, 12);
    expect(c.df).toBeCloseTo(53.7777777777778, 10);
  });
  it('combinePlausibleValues uses the Barnard–Rubin df with a complete-data df', () => {
    // R: MIcombine(…, df.complete = 50)$df → 21.7986250016558
    expect(combinePlausibleValues(estimates, variances, { completeDf: 50 }).df).toBeCloseTo(21.7986250016558, 10);
  });
  it('combinePlausibleValues refuses fewer than two plausible values', () => {
    expect(() => combinePlausibleValues([500], [16])).toThrow(RangeError);
  });
});

describe('replicateVariance', () => {
  // Four students y = 1, 3, 5, 7 with weights 1, 1, 2, 2 and four replicate weight columns;
  // replicate means by hand: 4.5, 4.8333, 4.3333, 5; full-sample mean 4.6667.
  // R: svrepdesign(…, type = 'Fay', rho = 0.5, mse = TRUE); SE(svymean(~y, des))^2 → 0.277777777777778
  const full = 14 / 3;
  const reps = [4.5, 29 / 6, 13 / 3, 5];
  it('replicateVariance with Fay-BRR equals svrepdesign(type = "Fay", rho = 0.5)', () => {
    expect(replicateVariance(full, reps, { kind: 'BRR', fay: 0.5 })).toBeCloseTo(0.277777777777778, 12);
  });
  it('replicateVariance with JK2 is the plain sum of squares (TIMSS), and JK1 scales by (R − 1)/R', () => {
    const ss = reps.reduce((a, r) => a + (r - full) ** 2, 0);
    expect(replicateVariance(full, reps, { kind: 'JK2' })).toBeCloseTo(ss, 14);
    expect(replicateVariance(full, reps, { kind: 'JK1' })).toBeCloseTo((3 / 4) * ss, 14);
    expect(replicateVariance(full, reps, { kind: 'BRR', fay: 0 })).toBeCloseTo(ss / 4, 14);
  });
  it('replicateVariance refuses a Fay factor outside [0, 1)', () => {
    expect(() => replicateVariance(1, [1, 2], { kind: 'BRR', fay: 1 })).toThrow(RangeError);
  });
});

describe('compareWithTotal', () => {
  // Province fixture, 2024, grade 4, math: 河东区 against the province (which includes it).
  // R 4.2.2: d$g <- as.numeric(d$county == '河东区'); d$yg <- d$math * d$g
  //   des <- svydesign(ids = ~school, strata = ~county, weights = ~weight, data = d, nest = TRUE)
  //   svycontrast(svymean(~yg + g + math, des), quote(yg / g - math)) → 13.6359141944633, SE 7.32356066438271
  //   without strata (ids = ~school only) → SE 7.34088007453102
  it('compareWithTotal equals svycontrast of the ratio difference, with and without strata', async () => {
    const { readFileSync } = await import('node:fs');
    const { compareWithTotal, groupedMoments, parseCsv, studentTable } = await import('../../src/index.js');
    const data = studentTable(parseCsv(readFileSync(new URL('../../../../fixtures/province.csv', import.meta.url), 'utf8'), 'province.csv'));
    const g = groupedMoments(data.table, { keys: ['year', 'grade', 'county', 'school'], value: 'math' });
    const clusters = [];
    for (let i = 0; i < g.count.length; i++) {
      if (g.labels[0]![i] !== 2024 || g.labels[1]![i] !== 4) continue;
      clusters.push({ stratum: String(g.labels[2]![i]), inGroup: g.labels[2]![i] === '河东区', sumWeights: g.sumWeights[i]!, mean: g.mean[i]! });
    }
    const c = compareWithTotal(clusters);
    expect(c.difference).toBeCloseTo(13.6359141944633, 9);
    expect(c.se).toBeCloseTo(7.32356066438271, 9);
    expect(c.mark).toBe('similar');
    const unstratified = compareWithTotal(clusters.map((x) => ({ ...x, stratum: 'all' })));
    expect(unstratified.se).toBeCloseTo(7.34088007453102, 9);
  });
  it('compareWithTotal marks a clear difference and refuses an empty group', async () => {
    const { compareWithTotal } = await import('../../src/index.js');
    // Counties as strata, as monitoring samples them; t on 4 − 1 degrees of freedom.
    const clusters = [0, 1, 2, 3, 4, 5, 6, 7].map((j) => ({
      stratum: j < 4 ? 'A' : 'B',
      inGroup: j < 4,
      sumWeights: 10,
      mean: j < 4 ? 0.6 + 0.01 * j : 0.3 + 0.01 * j,
    }));
    const c = compareWithTotal(clusters);
    expect([c.mark, c.df]).toEqual(['higher', 3]);
    expect(() => compareWithTotal(clusters.map((x) => ({ ...x, inGroup: false })))).toThrow(RangeError);
  });
});

describe('comparisons and ranks', () => {
  it('holmAdjust equals p.adjust(p, "holm")', async () => {
    const { holmAdjust } = await import('../../src/index.js');
    // R: p.adjust(c(0.01, 0.04, 0.03, 0.2, 0.001), "holm") → 0.040 0.090 0.090 0.200 0.005
    const adjusted = holmAdjust([0.01, 0.04, 0.03, 0.2, 0.001]);
    [0.04, 0.09, 0.09, 0.2, 0.005].forEach((v, i) => expect(adjusted[i]).toBeCloseTo(v, 14));
  });
  it('compareWithReference: difference, SE with and without the reference SE, effect size', async () => {
    const { compareWithReference } = await import('../../src/index.js');
    const noSE = compareWithReference({ label: '青山县', estimate: 520, se: 6, sd: 100 }, { label: '全国', estimate: 500, sd: 100 });
    expect([noSE.difference, noSE.se, noSE.effectSize, noSE.mark]).toEqual([20, 6, 0.2, 'higher']);
    const withSE = compareWithReference({ label: '青山县', estimate: 520, se: 6 }, { label: '全国', estimate: 500, se: 8 });
    expect(withSE.se).toBe(10);
    expect(withSE.mark).toBe('higher'); // 20 ± 19.6
    expect(withSE.pValue).toBeCloseTo(0.0455002638963584, 12); // R: 2 * pnorm(-2)
  });
  it('pairwiseComparisons marks only pairs that survive Holm’s correction', async () => {
    const { pairwiseComparisons } = await import('../../src/index.js');
    const pairs = pairwiseComparisons([
      { label: 'A', estimate: 0.5, se: 0.02 },
      { label: 'B', estimate: 0.45, se: 0.02 },
      { label: 'C', estimate: 0.3, se: 0.02 },
    ]);
    expect(pairs.map((d) => [d.a, d.b, d.mark])).toEqual([
      ['A', 'B', 'similar'], // p = 0.077 unadjusted
      ['A', 'C', 'higher'],
      ['B', 'C', 'higher'],
    ]);
    expect(pairs[0]!.adjustedP).toBeGreaterThanOrEqual(pairs[0]!.pValue);
  });
  it('rankIntervals: a clearly best county ranks 1 with a narrow interval; intervals contain the rank; seeded', async () => {
    const { rankIntervals } = await import('../../src/index.js');
    const groups = [
      { label: 'A', estimate: 560, se: 4.5 },
      { label: 'B', estimate: 500, se: 4.5 },
      { label: 'C', estimate: 502, se: 4.5 },
      { label: 'D', estimate: 498, se: 4.5 },
      { label: 'E', estimate: 440, se: 4.5 },
    ];
    const ranks = rankIntervals(groups, { seed: 1, replicates: 500 });
    expect(ranks[0]).toMatchObject({ label: 'A', rank: 1, lower: 1, upper: 1 });
    expect(ranks[4]).toMatchObject({ label: 'E', rank: 5, lower: 5, upper: 5 });
    for (const r of ranks) expect(r.lower <= r.rank && r.rank <= r.upper).toBe(true);
    expect(ranks.slice(1, 4).every((r) => r.lower === 2 && r.upper === 4)).toBe(true);
    expect(rankIntervals(groups, { seed: 1, replicates: 500 })).toEqual(ranks);
  });
  it('rankIntervals: equal estimates share the smallest rank in every draw; many counties rank like a sort', async () => {
    const { rankIntervals } = await import('../../src/index.js');
    // SE 0: every draw equals the estimates, so ties must tie in the draws too.
    const tied = rankIntervals(
      [
        { label: 'A', estimate: 10, se: 0 },
        { label: 'B', estimate: 5, se: 0 },
        { label: 'C', estimate: 10, se: 0 },
      ],
      { seed: 1, replicates: 50 },
    );
    expect(tied.map((r) => [r.rank, r.lower, r.upper])).toEqual([
      [1, 1, 1],
      [3, 3, 3],
      [1, 1, 1],
    ]);
    // −0 and +0 tie too (an estimate of −0 with SE 0 draws ±0).
    const zeros = rankIntervals(
      [
        { label: 'A', estimate: 0, se: 0 },
        { label: 'B', estimate: -0, se: 0 },
      ],
      { seed: 1, replicates: 50 },
    );
    expect(zeros.map((r) => [r.rank, r.lower, r.upper])).toEqual([
      [1, 1, 1],
      [1, 1, 1],
    ]);
    // 3,000 counties 1 apart with tiny SEs (negative estimates too): ranks are the sorted order.
    const many = Array.from({ length: 3000 }, (_, i) => ({ label: String(i), estimate: ((i * 7919) % 3000) - 1500, se: 1e-6 }));
    const ranks = rankIntervals(many, { seed: 2, replicates: 20 });
    for (const [i, r] of ranks.entries()) {
      const expected = 3000 - ((i * 7919) % 3000);
      expect([r.rank, r.lower, r.upper]).toEqual([expected, expected, expected]);
    }
  });
  it('rankInto ranks like a sort (ties share the smallest rank), also when an outlier crowds the buckets', async () => {
    const { randomSource } = await import('../../src/index.js');
    const { rankInto } = await import('../../src/survey/rankIntervals.js');
    const rng = randomSource(11);
    const reference = (v: Float64Array): number[] => Array.from(v, (x) => 1 + v.filter((y) => y < x).length);
    for (const n of [1, 2, 3, 17, 200, 1000]) {
      const rank = rankInto(n);
      for (let trial = 0; trial < 20; trial++) {
        // Rounded values give ties; every fifth trial one far outlier squeezes the rest into one bucket.
        const v = Float64Array.from({ length: n }, () => Math.round(rng.normal() * 20) / 4);
        if (trial % 5 === 4) v[0] = 1e9;
        const out = new Int32Array(n);
        rank(v, out);
        expect(Array.from(out)).toEqual(reference(v));
      }
    }
  });
  it('rankIntervals refuses non-finite estimates and no draws; no groups give no ranks', async () => {
    const { rankIntervals } = await import('../../src/index.js');
    expect(rankIntervals([])).toEqual([]);
    expect(() => rankIntervals([{ label: 'A', estimate: NaN, se: 1 }])).toThrow(/finite estimates.*A/);
    expect(() => rankIntervals([{ label: 'A', estimate: 1, se: 1 }], { replicates: 0 })).toThrow(/at least one draw/);
  });
  it('fillNormal gives the numbers normal() gives, in order, across calls and the spare', async () => {
    const { randomSource } = await import('../../src/index.js');
    const a = randomSource(5);
    const b = randomSource(5);
    a.normal();
    b.normal(); // leaves a spare
    const out = new Float64Array(1001);
    b.fillNormal(out, 0, 501); // odd lengths leave a spare again
    b.fillNormal(out, 501, 1001);
    expect(Array.from(out)).toEqual(Array.from({ length: 1001 }, () => a.normal()));
  });
  it('rankIntervals equals storing every draw and taking its order statistics', async () => {
    const { rankIntervals, randomSource } = await import('../../src/index.js');
    const groups = Array.from({ length: 40 }, (_, i) => ({ label: String(i), estimate: Math.round(10 * Math.sin(i)), se: i % 7 === 0 ? 0 : 1 + (i % 3) }));
    for (const options of [
      { replicates: 200, seed: 4 },
      { replicates: 37, seed: 9, level: 0.8, ascending: true },
    ]) {
      const B = options.replicates;
      const sign = options.ascending ? 1 : -1;
      const rng = randomSource(options.seed);
      const draws = groups.map(() => [] as number[]);
      for (let b = 0; b < B; b++) {
        const v = groups.map((g) => sign * (g.estimate + g.se * rng.normal()));
        v.forEach((x, i) => draws[i]!.push(1 + v.filter((y) => y < x).length));
      }
      const level = options.level ?? 0.95;
      const at = (p: number) => Math.min(B - 1, Math.max(0, Math.round(p * (B - 1))));
      const got = rankIntervals(groups, options);
      got.forEach((r, i) => {
        const sorted = [...draws[i]!].sort((x, y) => x - y);
        expect([r.lower, r.upper]).toEqual([sorted[at((1 - level) / 2)], sorted[at(1 - (1 - level) / 2)]]);
      });
    }
  });
  it('rankIntervals: with two counties, P(first) = Φ(d / (s√2)) decides the interval', async () => {
    const { rankIntervals } = await import('../../src/index.js');
    // d/(s√2) = 1.28 → P(A first) = 0.90: A's 95% interval is 1–2. d/(s√2) = 3 → 0.9987: 1–1.
    const near = rankIntervals(
      [
        { label: 'A', estimate: 1.28 * Math.SQRT2, se: 1 },
        { label: 'B', estimate: 0, se: 1 },
      ],
      { seed: 3, replicates: 4000 },
    );
    expect(near[0]).toMatchObject({ rank: 1, lower: 1, upper: 2 });
    const far = rankIntervals(
      [
        { label: 'A', estimate: 3 * Math.SQRT2, se: 1 },
        { label: 'B', estimate: 0, se: 1 },
      ],
      { seed: 3, replicates: 4000 },
    );
    expect(far[0]).toMatchObject({ rank: 1, lower: 1, upper: 1 });
    expect(far[1]).toMatchObject({ rank: 2, lower: 2, upper: 2 });
  });
});

describe('designMean on the survey package’s api data', () => {
  // fixtures/api/*.csv exported from R survey 4.1.1: data(api); write.csv(apistrat[, …]) (see fixtures/README.md)
  const read = async (name: string) => {
    const { readFileSync } = await import('node:fs');
    const lines = readFileSync(new URL(`../../../../fixtures/api/${name}`, import.meta.url), 'utf8')
      .trim()
      .split('\n');
    const header = lines[0]!.split(',').map((h) => h.replace(/"/g, ''));
    return lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [header[i]!, v.replace(/"/g, '')])));
  };
  it('designMean equals svymean on apistrat (stratified, schools as PSUs)', async () => {
    const { designMean } = await import('../../src/index.js');
    // R: svymean(~api00, svydesign(ids = ~1, strata = ~stype, weights = ~pw, data = apistrat))
    //    → 662.287363159321, SE 9.53613229692516; degf 197; confint(df = 197) 643.481356593217 681.093369725425
    const rows = await read('apistrat.csv');
    const m = designMean(rows.map((r) => ({ stratum: r.stype!, sumWeights: Number(r.pw), mean: Number(r.api00) })));
    expect(m.mean).toBeCloseTo(662.287363159321, 10);
    expect(m.se).toBeCloseTo(9.53613229692516, 10);
    expect(m.df).toBe(197);
    expect(m.lower).toBeCloseTo(643.481356593217, 8);
    expect(m.upper).toBeCloseTo(681.093369725425, 8);
  });
  it('designMean equals svymean on apiclus1 (districts as clusters) from per-cluster sums', async () => {
    const { designMean } = await import('../../src/index.js');
    // R: svymean(~api00, svydesign(ids = ~dnum, weights = ~pw, data = apiclus1))
    //    → 644.169398907104, SE 23.7790107208869; degf 14; confint 593.168493261091 695.170304553117
    const rows = await read('apiclus1.csv');
    const byDistrict = new Map<string, { sumWeights: number; sum: number }>();
    for (const r of rows) {
      const d = byDistrict.get(r.dnum!) ?? { sumWeights: 0, sum: 0 };
      d.sumWeights += Number(r.pw);
      d.sum += Number(r.pw) * Number(r.api00);
      byDistrict.set(r.dnum!, d);
    }
    const m = designMean([...byDistrict.values()].map((d) => ({ stratum: 1, sumWeights: d.sumWeights, mean: d.sum / d.sumWeights })));
    expect(m.mean).toBeCloseTo(644.169398907104, 10);
    expect(m.se).toBeCloseTo(23.7790107208869, 10);
    expect(m.df).toBe(14);
    expect(m.lower).toBeCloseTo(593.168493261091, 8);
  });
  it('no verdict without a variance estimate: SE 0 is not-assessable, never p = 0', async () => {
    const { compareWithReference, compareWithTotal, designMean, pairwiseComparisons } = await import('../../src/index.js');
    // A county rate of 0% (Taylor SE 0) against a published figure without SE.
    const zero = compareWithReference({ label: '青山县', estimate: 0, se: 0 }, { label: '全国', estimate: 0.36 });
    expect([zero.mark, zero.reason, zero.pValue, zero.lower]).toEqual(['not-assessable', 'no-variance-estimate', NaN, NaN]);
    // Every stratum a single school: no PSU varies within its stratum, so v = 0 (lonely PSUs).
    const lonely = [
      { stratum: 'A', inGroup: true, sumWeights: 2, mean: 505 },
      { stratum: 'B', inGroup: true, sumWeights: 2, mean: 525 },
      { stratum: 'C', inGroup: false, sumWeights: 2, mean: 405 },
      { stratum: 'D', inGroup: false, sumWeights: 2, mean: 425 },
    ];
    const c = compareWithTotal(lonely);
    expect([c.difference, c.se, c.mark, c.reason, c.pValue]).toEqual([50, 0, 'not-assessable', 'no-variance-estimate', NaN]);
    const m = designMean(lonely);
    expect([m.lonelyStrata, m.reason, m.lower]).toEqual([4, 'no-variance-estimate', NaN]);
    // Holm counts the two real tests only: with m = 3, p = 0.02 would be 0.06 and not significant.
    const pairs = pairwiseComparisons(
      [
        { label: 'A', estimate: 0.5, se: 0.0303 },
        { label: 'B', estimate: 0.4, se: 0 },
        { label: 'C', estimate: 0.4, se: 0 },
        { label: 'D', estimate: 0.3, se: 0.0303 },
      ].slice(0, 3),
    );
    expect(pairs.map((d) => [d.a, d.b, d.mark])).toEqual([
      ['A', 'B', 'higher'],
      ['A', 'C', 'higher'],
      ['B', 'C', 'not-assessable'],
    ]);
    expect(pairs[0]!.adjustedP).toBeCloseTo(2 * pairs[0]!.pValue, 12);
  });
  it('a trend whose slope has SE 0 (a rate of 0% every year in every school) is not-assessable, not 基本持平', async () => {
    const { designEntriesOf, designTrend } = await import('../../src/index.js');
    const rows = [
      [2021, 's1'],
      [2021, 's2'],
      [2022, 's1'],
      [2022, 's2'],
      [2023, 's1'],
      [2023, 's2'],
    ] as const;
    const entries = designEntriesOf({
      keys: ['year', 'school'],
      labels: [rows.map((r) => r[0]), rows.map((r) => r[1])],
      strata: rows.map(() => '青山县'),
      count: Float64Array.from(rows, () => 30),
      sumWeights: Float64Array.from(rows, () => 30),
      sumWY: new Float64Array(6),
      sumWYY: new Float64Array(6),
      plausibleValues: 1,
      replicates: 0,
      method: null,
    });
    const t = designTrend(entries, [0, 1, 2, 3, 4, 5], 0)!;
    expect([t.slope, t.se, t.direction, t.reason, t.pValue, t.lower]).toEqual([0, 0, 'not-assessable', 'no-variance-estimate', NaN, NaN]);
  });
  it('designMean of a stratum with one PSU says so', async () => {
    const { designMean } = await import('../../src/index.js');
    const m = designMean([
      { stratum: 'a', sumWeights: 1, mean: 1 },
      { stratum: 'a', sumWeights: 1, mean: 3 },
      { stratum: 'b', sumWeights: 1, mean: 5 },
    ]);
    expect(m.lonelyStrata).toBe(1);
  });
});

describe('countyComparisons on the province fixture', () => {
  it('countyComparisons gives each county against the province, ranks and Holm-adjusted pairs', async () => {
    const { readFileSync } = await import('node:fs');
    const { countyComparisons, parseCsv, studentTable } = await import('../../src/index.js');
    const data = studentTable(parseCsv(readFileSync(new URL('../../../../fixtures/province.csv', import.meta.url), 'utf8'), 'province.csv'));
    const summary = countyComparisons(tableSource(data), 'math', { reference: { label: '全国', estimate: 500 }, replicates: 200 });
    expect(summary.cells).toHaveLength(8);
    const cell = summary.cells.find((c) => c.year === 2024 && c.grade === 4)!;
    expect(cell.counties.map((c) => c.county)).toEqual(['青山县', '河东区', '白水县', '石门县', '平安县']);
    expect(cell.pairs).toHaveLength(10);
    for (const c of cell.counties) {
      expect(c.rank.lower <= c.rank.rank && c.rank.rank <= c.rank.upper).toBe(true);
      expect(c.province).toBe('示例省');
      expect(c.vsProvince!.totalMean).toBeCloseTo(cell.provinceMean.mean, 10);
      expect(c.references).toHaveLength(1);
      expect(c.references[0]).toMatchObject({ scope: 'nation', label: '全国', test: 'fixed', value: 500 });
      expect(c.references[0]!.difference).toBeCloseTo(c.mean.mean - 500, 10);
      // A fixed value: the county's own t interval (df = schools − strata).
      expect(c.references[0]!.se).toBe(c.mean.se);
      expect(c.references[0]!.df).toBe(c.mean.df);
    }
    // 2021 grade 4: 河东区 (built +15) is above the province, 石门县 below — as the fixture's realised school effects have it.
    const first = summary.cells.find((c) => c.year === 2021 && c.grade === 4)!;
    expect(first.counties.find((c) => c.county === '河东区')!.vsProvince!.mark).toBe('higher');
    // One province: no province-vs-nation level.
    expect(summary.nation).toEqual([]);
  });
  it('countyComparisons of one county gives its means and no comparison within the province', async () => {
    const { readFileSync } = await import('node:fs');
    const { countyComparisons, designMean, parseCsv, studentTable } = await import('../../src/index.js');
    const data = studentTable(parseCsv(readFileSync(new URL('../../../../fixtures/county.csv', import.meta.url), 'utf8'), 'county.csv'));
    const summary = countyComparisons(tableSource(data), 'math');
    expect(summary.cells).toHaveLength(8);
    for (const cell of summary.cells) {
      expect(cell.counties).toHaveLength(1);
      const [c] = cell.counties;
      expect(c).toMatchObject({ province: '示例省', county: '青山县', estimable: true, vsProvince: null, rank: null, references: [] });
      expect(cell.pairs).toEqual([]);
      expect(cell.references).toEqual([]);
      expect(cell.provinceMean.mean).toBe(c!.mean.mean);
    }
    // The county's mean is designMean over its schools (one stratum: the county).
    const cell = summary.cells.find((x) => x.year === 2024 && x.grade === 4)!;
    expect(cell.counties[0]!.mean.df).toBe(cell.counties[0]!.schools - 1);
    expect(designMean).toBeTypeOf('function');
  });
});

describe('domainGap', () => {
  it('domainGap equals svycontrast of two domain means with schools as clusters', async () => {
    // R: d <- county.csv, 2024, grade 4, usable math; d$a <- sex == 'M'; ya <- math * a; yb <- math * (1 - a)
    //    svycontrast(svymean(~ya + a + yb + b, svydesign(ids = ~school, weights = ~weight, data = d)), quote(ya/a - yb/b))
    //    → -6.13908158842548, SE 11.0667634272586 (489 students)
    const { readFileSync } = await import('node:fs');
    const { domainGap, parseCsv, studentTable } = await import('../../src/index.js');
    const data = studentTable(parseCsv(readFileSync(new URL('../../../../fixtures/county.csv', import.meta.url), 'utf8'), 'county.csv'));
    const gap = domainGap(tableSource(data), 'math', 'sex', 'M', 'F').find((x) => x.year === 2024 && x.grade === 4)!;
    expect(gap.studentsA + gap.studentsB).toBe(489);
    expect(gap.gap).toBeCloseTo(-6.13908158842548, 10);
    expect(gap.se).toBeCloseTo(11.0667634272586, 10);
    expect(gap.mark).toBe('similar');
    expect(domainGap(tableSource(data), 'math', 'locale', '城区', '乡村').length).toBeGreaterThan(0);
    expect(domainGap(tableSource(data), 'math', 'nonexistent', 'x', 'y')).toEqual([]);
  });
});

describe('county comparisons of detection rates', () => {
  it('analyzeStudents compares counties on rates with the same machinery (= svycontrast on the 0/1 indicator)', async () => {
    // R: y <- pmin(va_left, va_right) < 5 (2024, grade 4); svycontrast(svymean(~yg + g + y, des), quote(yg/g - y))
    //    with des <- svydesign(ids = ~school, strata = ~county, weights = ~weight, nest = TRUE) → 0.109387738271978, SE 0.0270632135685097
    const { readFileSync } = await import('node:fs');
    const { analyzeStudents, parseCsv, studentTable } = await import('../../src/index.js');
    const data = studentTable(parseCsv(readFileSync(new URL('../../../../fixtures/province.csv', import.meta.url), 'utf8'), 'province.csv'));
    const results = analyzeStudents(data);
    const vision = results.rateComparison.find((s) => s.subject === 'vision_poor')!;
    const c = vision.cells.find((x) => x.year === 2024 && x.grade === 4)!.counties.find((x) => x.county === '河东区')!;
    expect(c.vsProvince!.difference).toBeCloseTo(0.109387738271978, 12);
    expect(c.vsProvince!.se).toBeCloseTo(0.0270632135685097, 12);
    expect(vision.usage.rowsUsed).toBe(20052);
  });
});

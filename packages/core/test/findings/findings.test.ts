import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeStudents, findings, parseCsv, rawFromRecords, studentTable, type AnalysisResults, type Finding } from '../../src/index.js';
import { generateStudents, nationalPrevalence, type ProvinceParams } from '../../src/simulate/index.js';

const province = analyzeStudents(studentTable(parseCsv(readFileSync(new URL('../../../../fixtures/province.csv', import.meta.url), 'utf8'), 'province.csv')));
const list = findings(province);

/** The value at a dotted path with [i] indices: results.json's own number behind a finding. */
const at = (root: unknown, path: string): unknown =>
  path
    .split(/\.|\[|\]/)
    .filter(Boolean)
    .reduce((o: any, k) => o?.[k], root);

describe('findings of the province fixture (planted trends and ICCs)', () => {
  const ids = new Set(list.map((f) => f.id));
  it('finds each planted trend, with the polarity of what is better', () => {
    const planted: [string, Finding['polarity']][] = [
      ['trend|vision_poor|rate|示例省|河东区|*', 'problem'],
      ['trend|vision_poor|rate|示例省|石门县|*', 'positive'],
      ['trend|sleep_short|rate|示例省|白水县|*', 'problem'],
      ['trend|obese|rate|示例省|平安县|*', 'problem'],
    ];
    for (const [id, polarity] of planted) expect(list.find((f) => f.id === id)?.polarity, id).toBe(polarity);
  });
  it('calls between-school differences large where the built ICC is 0.20 or more and the weighted interval clears the line, uncertain at 0.15–0.20', () => {
    const between = list
      .filter((f) => f.kind === 'between-school')
      .map((f) => `${f.county} ${f.grade} ${f.polarity}`)
      .sort();
    // Built ICCs (grade 4, 8): 青山县 0.05/0.05, 河东区 0.12/0.10, 白水县 0.18/0.15, 石门县 0.25/0.20, 平安县 0.35/0.30; line 0.15.
    // The fixture's weights vary, so the weighted estimate decides: 石门县 grade 8 (22 schools, ICC
    // 0.30, design effect 2.9) has the interval 0.13–0.66, which reaches below the line.
    expect(between).toEqual(['平安县 4 problem', '平安县 8 problem', '白水县 4 uncertain', '白水县 8 uncertain', '石门县 4 problem', '石门县 8 uncertain']);
    expect(province.betweenSchool[0]!.counties.every((c) => c.primary === 'pseudo-ML')).toBe(true);
  });
  it('gives few trends where nothing was built (no more than the 5% level allows)', () => {
    // Built: vision in 河东区/石门县, sleep in 白水县, obesity in 平安县, and what follows from them
    // (acuity from vision, sleep hours from sleep, overweight-or-obese and fitness from obesity).
    const follows: Record<string, string[]> = {
      河东区: ['vision_poor', 'va_worse'],
      石门县: ['vision_poor', 'va_worse'],
      白水县: ['sleep_short', 'sleep_hours'],
      平安县: ['obese', 'overweight_obese', 'fitness_pass', 'fitness_good', 'bmi', 'fitness_score'],
    };
    const trends = list.filter((f) => f.kind === 'trend');
    const unbuilt = trends.filter((f) => !(follows[f.county!] ?? []).includes(f.measure));
    const tested =
      province.rates.indicators.reduce((n, i) => n + i.trends.length + i.countyTrends.length, 0) +
      province.health.measures.reduce((n, m) => n + m.trends.length, 0);
    expect(tested).toBeGreaterThan(100);
    // With this seed some unbuilt trends are found (overweight in 青山县 among them): chance at the 5% level.
    expect(unbuilt.length / tested).toBeLessThanOrEqual(0.05);
    expect(ids.has('trend|overweight|rate|示例省|青山县|4')).toBe(true);
  });
  it('every finding is numbers of the results at its source, and rests on a significant test', () => {
    expect(list.length).toBeGreaterThan(30);
    for (const f of list) {
      const source = at(province, f.source);
      expect(Array.isArray(source), f.source).toBe(true);
      const text = JSON.stringify(source);
      if (f.figures.estimate !== null) expect(text.includes(JSON.stringify(f.figures.estimate)), `${f.id} ${f.figures.estimate}`).toBe(true);
      if (f.kind === 'trend' || f.kind === 'versus-data' || f.kind === 'versus-reference') {
        expect(f.figures.pValue!).toBeLessThan(0.05);
        if (f.kind === 'trend') expect(f.figures.lower! * f.figures.upper!).toBeGreaterThan(0);
      }
      if (f.kind === 'between-school' && f.polarity === 'problem') expect(f.figures.lower!).toBeGreaterThanOrEqual(f.figures.line!);
      if (f.polarity === 'uncertain' && f.kind === 'between-school')
        expect(f.figures.lower! < f.figures.line! && f.figures.estimate! >= f.figures.line!).toBe(true);
    }
  });
  it('orders problems first, by severity, and gives stable ids without the year', () => {
    const rank = { problem: 0, positive: 1, uncertain: 2 };
    for (let i = 1; i < list.length; i++) {
      const [a, b] = [list[i - 1]!, list[i]!];
      expect(rank[a.polarity] < rank[b.polarity] || (rank[a.polarity] === rank[b.polarity] && a.severity >= b.severity)).toBe(true);
    }
    expect(ids.size).toBe(list.length);
    expect(list.every((f) => !/\|20\d\d\|/.test(f.id))).toBe(true);
  });
});

// A province with no problem built in: three equal counties (offset 0), no trend, ICC 0.12
// (between the small line 0.10 and the large line 0.15). Every finding is a false one.
function nullProvince(): ProvinceParams {
  return {
    province: '模拟省',
    years: [2022, 2023, 2024],
    mathMean: { 4: 500, 8: 500 },
    mathSD: 100,
    studentsPerSchool: [18, 22],
    clustering: 20,
    anxietyCutoff: 60,
    counties: [1, 2, 3].map((i) => ({
      name: `县${i}`,
      code: String(i).padStart(2, '0'),
      primarySchools: 8,
      juniorSchools: 0,
      smallSchools: 0,
      icc: { 4: 0.12, 8: 0.12 },
      mathOffset: 0,
      prevalence: nationalPrevalence(),
    })),
  };
}

/** The tests findings() reads in a results object: county-vs-province marks, trends, between-school verdicts (latest year). */
function testsMade(r: AnalysisResults): number {
  const latest = <T extends { year: unknown }>(cells: readonly T[]) => cells.filter((c) => c.year === Math.max(...cells.map((x) => Number(x.year))));
  const comparisons = [...r.countyComparison, ...r.rateComparison, ...r.health.measures.filter((m) => m.better !== null).map((m) => m.comparison)];
  const versus = comparisons.reduce((n, s) => n + latest(s.cells).reduce((k, c) => k + c.counties.filter((x) => x.vsProvince).length, 0), 0);
  const trends =
    r.rates.indicators.reduce((n, i) => n + i.trends.length + i.countyTrends.length, 0) +
    r.health.measures.filter((m) => m.better !== null).reduce((n, m) => n + m.trends.length, 0);
  const between = r.betweenSchool.reduce((n, b) => n + latest(b.counties).filter((c) => c.reml.estimable).length, 0);
  return versus + trends + between;
}

describe('false findings over 200 simulated provinces without problems', () => {
  it('reports problems and positive changes at about the 5% level per test, never as a rule', () => {
    let tests = 0;
    let falseFindings = 0;
    let uncertain = 0;
    let provincesWithAny = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const r = analyzeStudents(studentTable(rawFromRecords([...generateStudents(nullProvince(), 7000 + seed)], 'null.csv')));
      const f = findings(r);
      tests += testsMade(r);
      const decided = f.filter((x) => x.polarity !== 'uncertain');
      falseFindings += decided.length;
      uncertain += f.length - decided.length;
      if (decided.length) provincesWithAny++;
    }
    const rate = falseFindings / tests;
    console.log(
      `null provinces: 200, tests ${tests}, false findings ${falseFindings} (${(100 * rate).toFixed(2)}% per test), uncertain ${uncertain}, provinces with ≥ 1 false finding ${provincesWithAny}`,
    );
    // Two-sided 95% tests: 5% nominal; trends of correlated grades and measures make it vary.
    expect(rate).toBeGreaterThan(0.01);
    expect(rate).toBeLessThan(0.07);
  }, 300_000);
});

describe('no finding without a variance estimate', () => {
  it('provinces whose strata are single schools are not assessable against the nation, and give no finding', () => {
    // Each county one school (lonely PSUs): the province − nation difference has SE 0.
    const rows = [
      ['P1', 'A', 's1', 500],
      ['P1', 'A', 's1', 510],
      ['P1', 'B', 's2', 520],
      ['P1', 'B', 's2', 530],
      ['P2', 'C', 's3', 400],
      ['P2', 'C', 's3', 410],
      ['P2', 'D', 's4', 420],
      ['P2', 'D', 's4', 430],
    ];
    const r = analyzeStudents(
      studentTable(
        rawFromRecords(
          rows.map(([province, county, school, math]) => ({ province, county, school, math })),
          'lonely.csv',
        ),
      ),
    );
    const provinces = r.countyComparison[0]!.nation[0]!.provinces;
    expect(provinces.map((p) => [p.province, p.vsNation!.difference, p.vsNation!.se, p.vsNation!.mark, p.vsNation!.reason])).toEqual([
      ['P1', 50, 0, 'not-assessable', 'no-variance-estimate'],
      ['P2', -50, 0, 'not-assessable', 'no-variance-estimate'],
    ]);
    // Nor a rank "1 (1–1)": draws of a mean with SE 0 are all one value.
    expect(provinces.map((p) => p.rank)).toEqual([null, null]);
    expect(findings(r).filter((f) => f.kind === 'versus-data')).toEqual([]);
  });
});

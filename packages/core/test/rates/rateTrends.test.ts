import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  designSlope,
  detectionRates,
  evaluateTarget,
  indicatorTrends,
  parseCsv,
  parseTarget,
  rateTrend,
  rawFromRecords,
  studentTable,
  type RateCell,
  tableSource,
} from '../../src/index.js';
import { thrown } from '../helpers.js';

const province = studentTable(parseCsv(readFileSync(new URL('../../../../fixtures/province.csv', import.meta.url), 'utf8'), 'province.csv'));

describe('detectionRates on the province fixture', () => {
  // R 4.2.2, survey 4.1.1, on fixtures/province.csv:
  //   s <- d[d$county == '河东区' & d$grade == 4 & d$year == 2024, ]; s$y <- as.numeric(pmin(s$va_left, s$va_right) < 5)
  //   des <- svydesign(ids = ~school, weights = ~weight, data = s)
  //   svymean(~y, des, deff = 'replace') → 0.495215365904032, SE 0.0329931256296687, deff 3.20061931968799
  //   svyciprop(~y, des, method = 'beta') → 0.425968882319464 0.56459777266792; n 736, cases 359
  it('detectionRates equals svymean and svyciprop(method = "beta") for a county × year × grade', () => {
    const rates = detectionRates(tableSource(province), 'vision_poor');
    const cell = rates.cells.find((c) => c.keys.county === '河东区' && c.keys.year === 2024 && c.keys.grade === 4)!;
    expect([cell.students, cell.cases]).toEqual([736, 359]);
    expect(cell.rate).toBeCloseTo(0.495215365904032, 12);
    expect(cell.se).toBeCloseTo(0.0329931256296687, 12);
    expect(cell.designEffect).toBeCloseTo(3.20061931968799, 9);
    expect(cell.lower).toBeCloseTo(0.425968882319464, 10);
    expect(cell.upper).toBeCloseTo(0.56459777266792, 10);
  });
  it('detectionRates accounts for every row', () => {
    const { usage } = detectionRates(tableSource(province), 'obese');
    expect(usage.rowsUsed + usage.excluded.reduce((a, x) => a + x.count, 0)).toBe(usage.rowsRead);
  });
  it('detectionRates suppresses small cells but keeps their counts', () => {
    const records = [
      ...Array.from({ length: 12 }, (_, i) => ({ 区县: 'A', 学校: `a${i % 3}`, 年级: 4, 视力不良: i % 2 })),
      ...Array.from({ length: 4 }, (_, i) => ({ 区县: 'B', 学校: 'b', 年级: 4, 视力不良: i % 2 })),
    ];
    const rates = detectionRates(tableSource(studentTable(rawFromRecords(records))), 'vision_poor', { by: ['county'] });
    expect(rates.cells.map((c) => [c.keys.county, c.students, c.cases, c.suppressed, c.rate === null])).toEqual([
      ['A', 12, 6, false, false],
      ['B', 4, 2, true, true],
    ]);
  });
});

describe('designSlope and rateTrend', () => {
  // R: q <- d[d$county == '河东区' & d$grade == 4, ]; q$y <- …
  //    svyglm(y ~ year, svydesign(ids = ~school, strata = ~year, weights = ~weight, data = q, nest = TRUE))
  //    → slope 0.0372100072896706, SE 0.012688805301911, p 0.0040584431683051
  //    prop.trend.test(cases, n, score = 2021:2024) → X-squared 19.61720584254
  const section = indicatorTrends(tableSource(province));
  const vision = section.indicators.find((i) => i.indicator === 'vision_poor')!;
  const hedong = vision.trends.find((t) => t.county === '河东区' && t.grade === 4)!.trend;
  it('rateTrend slope equals svyglm with schools as clusters and years as strata', () => {
    expect(hedong.annualChange!.method).toBe('design');
    expect(hedong.annualChange!.slope).toBeCloseTo(0.0372100072896706, 12);
    expect(hedong.annualChange!.se).toBeCloseTo(0.012688805301911, 12);
    expect(hedong.annualChange!.pValue).toBeCloseTo(0.0040584431683051, 10);
    expect(hedong.direction).toBe('rising');
  });
  it('rateTrend Cochran–Armitage on the counts equals prop.trend.test', () => {
    expect(hedong.cochranArmitage!.statistic).toBeCloseTo(19.61720584254, 8);
    expect(hedong.designAdjusted!.statistic).toBeLessThan(hedong.cochranArmitage!.statistic);
  });
  it('rateTrend gives the changes between years in proportion units with SEs', () => {
    expect(hedong.changes).toHaveLength(3);
    const f = hedong.firstToLast!;
    expect(f.from).toBe(2021);
    expect(f.to).toBe(2024);
    expect(f.change).toBeCloseTo(hedong.rates[3]! - hedong.rates[0]!, 14);
    expect(f.lower).toBeLessThan(f.change);
  });
  it('designSlope of a flat series is 0 with a positive SE', () => {
    const clusters = [2021, 2022].flatMap((year) => [0.2, 0.4].map((mean) => ({ year, sumWeights: 10, mean })));
    const s = designSlope(clusters)!;
    expect(s.slope).toBeCloseTo(0, 14);
    expect(s.se).toBeGreaterThan(0);
    expect(designSlope([{ year: 2021, sumWeights: 1, mean: 0.2 }])).toBeNull();
  });
  it('indicatorTrends finds every built-in trend per county (grades together), and no other in those indicators', () => {
    const planted: Record<string, Record<string, string>> = {
      vision_poor: { 河东区: 'rising', 石门县: 'falling' },
      sleep_short: { 白水县: 'rising' },
      obese: { 平安县: 'rising' },
    };
    for (const [indicator, built] of Object.entries(planted)) {
      const trends = section.indicators.find((i) => i.indicator === indicator)!.countyTrends;
      expect(trends.map((t) => t.grade)).toEqual([null, null, null, null, null]);
      for (const t of trends) expect([indicator, t.county, t.trend.direction]).toEqual([indicator, t.county, built[t.county!] ?? 'stable']);
    }
  });
  it('indicatorTrends per grade finds the built-in trends where the grade has the schools to show them', () => {
    const direction = (indicator: string, county: string, grade: number) =>
      section.indicators.find((i) => i.indicator === indicator)!.trends.find((t) => t.county === county && t.grade === grade)!.trend.direction;
    expect(direction('vision_poor', '河东区', 4)).toBe('rising');
    expect(direction('vision_poor', '石门县', 4)).toBe('falling');
    expect(direction('vision_poor', '石门县', 8)).toBe('falling');
    expect(direction('sleep_short', '白水县', 4)).toBe('rising');
    expect(direction('sleep_short', '白水县', 8)).toBe('rising');
    expect(direction('obese', '平安县', 8)).not.toBe('falling');
    // Counties without a built-in trend in these indicators are not called rising or falling.
    for (const county of ['青山县', '白水县', '平安县'])
      for (const g of [4, 8]) expect([county, g, direction('vision_poor', county, g)]).toEqual([county, g, 'stable']);
    for (const county of ['青山县', '河东区', '石门县', '平安县'])
      for (const g of [4, 8]) expect([county, g, direction('sleep_short', county, g)]).toEqual([county, g, 'stable']);
  });
});

describe('targets', () => {
  it('parseTarget reads the forms of the issue', () => {
    expect(parseTarget('vision_poor', '-1pp per year from 2024')).toEqual({
      indicator: 'vision_poor',
      kind: 'annualChange',
      perYear: -0.01,
      from: 2024,
      text: '-1pp per year from 2024',
    });
    expect(parseTarget('fitness_pass', '>= 95%')).toMatchObject({ kind: 'atLeast', value: 0.95 });
    expect(parseTarget('obese', '≤ 10%')).toMatchObject({ kind: 'atMost', value: 0.1 });
    expect(parseTarget('sleep_short', 'decreasing')).toMatchObject({ kind: 'decreasing' });
    expect(thrown(() => parseTarget('obese', 'less please')).code).toBe('bad-target');
  });
  const cell = (year: number, rate: number): RateCell => ({
    keys: { year },
    students: 400,
    schools: 12,
    cases: Math.round(rate * 400),
    suppressed: false,
    rate,
    se: 0.02,
    designEffect: 2,
    lower: rate - 0.04,
    upper: rate + 0.04,
    wilson: null,
    clopperPearson: null,
  });
  const cells = [cell(2021, 0.4), cell(2022, 0.38), cell(2023, 0.37), cell(2024, 0.36)];
  const trend = rateTrend(cells);
  it('evaluateTarget: annual change from a baseline year', () => {
    const v = evaluateTarget(parseTarget('vision_poor', '-1pp per year from 2021'), cells, trend);
    expect(v.status).toBe('met');
    expect(v.observed).toBeCloseTo(-0.04 / 3, 14);
    expect(evaluateTarget(parseTarget('vision_poor', '-2pp per year from 2021'), cells, trend).status).toBe('not-met');
    expect(evaluateTarget(parseTarget('vision_poor', '-1pp per year from 2024'), cells, trend).status).toBe('not-assessable');
  });
  it('evaluateTarget: a level, met beyond sampling error or not', () => {
    expect(evaluateTarget(parseTarget('fitness_pass', '>= 30%'), cells, trend)).toMatchObject({ status: 'met', beyondUncertainty: true, latestYear: 2024 });
    expect(evaluateTarget(parseTarget('fitness_pass', '>= 38%'), cells, trend)).toMatchObject({ status: 'not-met', beyondUncertainty: false });
  });
  it('evaluateTarget: a direction uses the trend test', () => {
    expect(evaluateTarget(parseTarget('sleep_short', 'decreasing'), cells, trend).status).toBe(trend.direction === 'falling' ? 'met' : 'not-met');
  });
});

describe('rates: bad values and other groupings', () => {
  it('acuity 0 or 9, sleep 25 h and height 20 cm are excluded from the rates and counted', () => {
    const records = [
      { 区县: 'A', 学校: 'x', 年级: 4, 左眼裸眼视力: 0, 右眼裸眼视力: 5.0, 睡眠时长: 25, 身高: 20, 体重: 30, 年龄: 10, 性别: '男' },
      { 区县: 'A', 学校: 'x', 年级: 4, 左眼裸眼视力: 9, 右眼裸眼视力: 5.0, 睡眠时长: 9, 身高: 140, 体重: 30, 年龄: 10, 性别: '女' },
      { 区县: 'A', 学校: 'y', 年级: 4, 左眼裸眼视力: 4.8, 右眼裸眼视力: 5.0, 睡眠时长: 10, 身高: 140, 体重: 30, 年龄: 10, 性别: '女' },
    ];
    const data = studentTable(rawFromRecords(records, 'bad.csv'));
    expect(data.quality.invalidValues.map((r) => [r.rule, r.field, r.count])).toEqual([
      ['out_of_range', 'va_left', 2],
      ['out_of_range', 'sleep_hours', 1],
      ['out_of_range', 'height_cm', 1],
    ]);
    const vision = detectionRates(tableSource(data), 'vision_poor', { by: ['county'], minCell: 1 });
    expect(vision.usage.rowsUsed).toBe(1);
    expect(vision.usage.excluded).toEqual([{ rule: 'out_of_range', field: 'va_left', count: 2 }]);
    const sleep = detectionRates(tableSource(data), 'sleep_short', { by: ['county'], minCell: 1 });
    expect([sleep.usage.rowsUsed, sleep.cells[0]!.cases]).toEqual([2, 1]);
  });
  it('detectionRates groups by sex and urban/rural type as well', () => {
    const bySex = detectionRates(tableSource(province), 'vision_poor', { by: ['sex'] });
    expect(bySex.cells.map((c) => c.keys.sex).sort()).toEqual(['F', 'M']);
    expect(bySex.cells.reduce((a, c) => a + c.students, 0)).toBe(province.quality.rowsKept);
    const byLocale = detectionRates(tableSource(province), 'vision_poor', { by: ['county', 'locale'] });
    expect(new Set(byLocale.cells.map((c) => c.keys.locale))).toEqual(new Set(['城区', '镇区', '乡村']));
  });
});

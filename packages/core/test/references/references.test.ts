import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  analyzeStudents,
  countyComparisons,
  messages,
  parseCsv,
  referenceDifference,
  referencesFromList,
  referenceTable,
  studentTable,
  type ReferenceValue,
  tableSource,
} from '../../src/index.js';
import { referencesForCell } from '../../src/references/referenceValues.js';
import { thrown } from '../helpers.js';

const fixture = (name: string): string => readFileSync(new URL(`../../../../${name}`, import.meta.url), 'utf8');
const refs = (csv: string, file = 'refs.csv'): ReferenceValue[] => referenceTable(parseCsv(csv, file));
const nation = (estimate: number, se: number | null = null): ReferenceValue => ({
  scope: 'nation',
  label: '全国',
  province: null,
  measure: 'vision_poor',
  statistic: 'rate',
  level: null,
  year: null,
  grade: null,
  estimate,
  se,
  lower: null,
  upper: null,
  source: null,
  origin: null,
});

describe('referenceTable reads a reference file as the feedback gives it', () => {
  it('Chinese headers, indicator and subject names, percentages, a CI instead of an SE, blank year and grade', () => {
    const list = refs(
      [
        '层级,名称,省份,指标,年份,年级,估计值,标准误,下限,上限,来源',
        '全国,全国（公开发布，2018）,,视力不良检出率,2018,四年级,38.5%,,,,国家报告',
        '全省,,示例省,数学,2024,4,505.5,2.1,,,反馈报告',
        '全省,示例省,,肥胖,,八年级,0.097,,0.08,0.114,',
        '全国,,,体质健康达标率,2024,,92%,0.5%,,,',
      ].join('\n'),
    );
    expect(list.map((r) => [r.scope, r.label, r.province, r.measure, r.statistic, r.year, r.grade])).toEqual([
      ['nation', '全国（公开发布，2018）', null, 'vision_poor', 'rate', 2018, 4],
      ['province', '示例省', '示例省', 'math', 'mean', 2024, 4],
      ['province', '示例省', null, 'obese', 'rate', null, 8],
      ['nation', '全国', null, 'fitness_pass', 'rate', 2024, null],
    ]);
    expect(list[0]!.estimate).toBeCloseTo(0.385, 15);
    expect(list[0]!.se).toBeNull();
    expect(list[1]!).toMatchObject({ estimate: 505.5, se: 2.1, source: '反馈报告', origin: { kind: 'file', row: 3 } });
    // SE from the 95% CI: (0.114 − 0.08) / (2 × 1.96).
    expect(list[2]!.se).toBeCloseTo(0.034 / (2 * 1.959963984540054), 15);
    expect(list[3]!.se).toBeCloseTo(0.005, 15);
  });

  it('English headers, a statistic column, and the anxiety score as a mean beside the anxiety rate', () => {
    const list = refs(
      'level,label,measure,statistic,year,grade,estimate\nnation,National,anxiety,mean,2024,4,48.2\nnation,National,焦虑,,2024,4,12%\nprovince,Province,math,icc,2024,4,0.18\n',
    );
    expect(list.map((r) => [r.measure, r.statistic, r.estimate])).toEqual([
      ['anxiety', 'mean', 48.2],
      ['anxiety', 'rate', 0.12],
      ['math', 'icc', 0.18],
    ]);
  });

  it('the published national figures ship as a reference file with their sources', () => {
    const list = refs(fixture('references/national-published.csv'), 'national-published.csv');
    expect(list).toHaveLength(12);
    expect(list.every((r) => r.scope === 'nation' && r.se === null && r.source !== null && /公开发布，(2015|2018)/.test(r.label))).toBe(true);
    const at = (measure: string, year: number, grade: number) => list.find((r) => r.measure === measure && r.year === year && r.grade === grade)!.estimate;
    // DESIGN.md: 视力不良 grade 4 36.5% → 38.5%, grade 8 65.3% → 68.8%; 肥胖 6.9% → 8.8%, 7.5% → 9.7%;
    // meeting the sleep requirement 30.7% → 22.2% (grade 4), 16.6% → 19.4% (grade 8): 睡眠不足 is its complement.
    expect(
      [at('vision_poor', 2015, 4), at('vision_poor', 2018, 4), at('vision_poor', 2015, 8), at('vision_poor', 2018, 8)].map((x) => Math.round(x * 1000)),
    ).toEqual([365, 385, 653, 688]);
    expect([at('obese', 2015, 4), at('obese', 2018, 4), at('obese', 2015, 8), at('obese', 2018, 8)].map((x) => Math.round(x * 1000))).toEqual([69, 88, 75, 97]);
    expect(
      [at('sleep_short', 2015, 4), at('sleep_short', 2018, 4), at('sleep_short', 2015, 8), at('sleep_short', 2018, 8)].map((x) => Math.round(x * 1000)),
    ).toEqual([693, 778, 834, 806]);
  });

  it('the county fixture’s reference file gives its province and the nation for every year, grade and measure', () => {
    const text = fixture('fixtures/county.references.csv');
    const list = refs(text, 'county.references.csv');
    expect(list).toHaveLength(160);
    expect(new Set(list.map((r) => r.year))).toEqual(new Set([2021, 2022, 2023, 2024]));
    expect(list.filter((r) => r.scope === 'province').every((r) => r.se !== null)).toBe(true);
    expect(list.filter((r) => r.scope === 'nation').every((r) => r.se === null)).toBe(true);
  });

  it('every value that cannot be used is an error naming the file, row, column and value', () => {
    const head = '层级,指标,年份,年级,估计值,标准误';
    const at = (row: string) => thrown(() => refs(`${head}\n全国,视力不良,2024,4,0.4,\n${row}\n`));
    const where = { file: 'refs.csv', row: 3, kind: 'file' as const };
    const unknown = at('全国,近视眼,2024,4,0.4,');
    const fix = unknown.zh.replace(/^.*无法使用：/, '').replace(/。$/, '');
    expect(unknown.zh).toBe(messages.referenceValueInvalid(where, '指标', '近视眼', { zh: fix, en: '' }).zh);
    expect(unknown.zh.startsWith('参照值文件“refs.csv”第 3 行：指标“近视眼”无法使用：应为学科')).toBe(true);
    expect(at('全国,近视眼,2024,4,0.4,').code).toBe('reference-value-invalid');
    expect(at('全国,近视眼,2024,4,0.4,').details).toMatchObject({ row: 3, column: '指标', value: '近视眼' });
    expect(at('全国,视力不良,2024,十三年级,0.4,').details).toMatchObject({ row: 3, column: '年级', value: '十三年级' });
    expect(at('全国,视力不良,二〇二四,4,0.4,').details).toMatchObject({ column: '年份', value: '二〇二四' });
    expect(at('全国,视力不良,2024,4,38.5,').details).toMatchObject({ column: '估计值', value: '38.5' });
    expect(at('全国,视力不良,2024,4,0.4,-0.1').details).toMatchObject({ column: '标准误', value: '-0.1' });
    expect(at('县级,视力不良,2024,4,0.4,').details).toMatchObject({ column: '层级', value: '县级' });
    expect(at('全国,数学,2024,4,50%,').details).toMatchObject({ column: '估计值', value: '50%' });
    expect(at('全国,视力不良,2024,4,0.4,').code).toBe('reference-duplicate');
    expect(thrown(() => refs('层级,指标,年份,年级,估值\n全国,数学,2024,4,500\n')).code).toBe('reference-header-unknown');
    expect(thrown(() => refs('层级,指标,年份,年级\n全国,数学,2024,4\n')).code).toBe('reference-header-missing');
    expect(thrown(() => referencesFromList([{ level: 'nation', measure: 'math', estimate: 'high' }], 'jiance.json')).zh).toContain(
      '配置文件“jiance.json”的 "references" 第 1 项',
    );
  });
});

describe('referenceDifference: a county against a figure with or without an SE', () => {
  it('a figure without an SE is a fixed value: the county’s own t interval', () => {
    // R: t <- 0.045 / 0.02; 2 * pt(-t, 17) → 0.037983029221257; 0.045 ∓ qt(.975, 17) × 0.02 → 0.00280368844333367, 0.0871963115566663
    const d = referenceDifference({ estimate: 0.43, se: 0.02, df: 17 }, nation(0.385), 0);
    expect(d).toMatchObject({ test: 'fixed', valueSE: null, df: 17, mark: 'higher' });
    expect(d.difference).toBeCloseTo(0.045, 15);
    expect(d.pValue).toBeCloseTo(0.037983029221257, 12);
    expect(d.lower).toBeCloseTo(0.00280368844333367, 12);
    expect(d.upper).toBeCloseTo(0.0871963115566663, 12);
  });
  it('a figure with an SE: two independent estimates, Welch–Satterthwaite df', () => {
    // R: v <- 0.02^2 + 0.01^2; df <- v^2 / (0.02^4 / 17) → 26.5625; 2 * pt(-0.045 / sqrt(v), df) → 0.054412637575511
    const d = referenceDifference({ estimate: 0.43, se: 0.02, df: 17 }, nation(0.385, 0.01), 3);
    expect(d).toMatchObject({ reference: 3, test: 'independent', valueSE: 0.01, mark: 'similar' });
    expect(d.se).toBeCloseTo(Math.sqrt(0.0005), 15);
    expect(d.df).toBeCloseTo(26.5625, 12);
    expect(d.pValue).toBeCloseTo(0.054412637575511, 12);
    expect(d.lower).toBeCloseTo(-0.000915709924229138, 12);
  });
  it('the county fixture against the nation’s 500 equals svycontrast with confint on degf', () => {
    // R: d <- subset(county.csv, year == 2024 & grade == 4, usable math); des <- svydesign(ids = ~school, strata = ~county, weights = ~weight, data = d)
    //    m <- svymean(~math, des) → 473.344863352389, SE 16.0411596147817, degf 17
    //    confint(svycontrast(m, quote(math - 500)), df = degf(des)) → -60.4990250893879, 7.18875179416635
    const data = studentTable(parseCsv(fixture('fixtures/county.csv'), 'county.csv'));
    const cell = countyComparisons(tableSource(data), 'math', { references: [{ ...nation(500), measure: 'math', statistic: 'mean' }] }).cells.find(
      (c) => c.year === 2024 && c.grade === 4,
    )!;
    const c = cell.counties[0]!;
    expect(c.mean.mean).toBeCloseTo(473.344863352389, 9);
    expect(c.mean.se).toBeCloseTo(16.0411596147817, 9);
    expect(c.references[0]!.lower).toBeCloseTo(-60.4990250893879, 8);
    expect(c.references[0]!.upper).toBeCloseTo(7.18875179416635, 8);
  });
});

describe('references in the analysis', () => {
  const county = studentTable(parseCsv(fixture('fixtures/county.csv'), 'county.csv'));
  const list = refs(fixture('fixtures/county.references.csv'), 'county.references.csv');
  const results = analyzeStudents(county, { references: list });

  it('every county cell of a subject and an indicator is compared with its province’s and the nation’s figure', () => {
    const math = results.countyComparison[0]!;
    expect(math.cells).toHaveLength(8);
    for (const cell of math.cells) {
      const [c] = cell.counties;
      expect(c!.references.map((r) => [r.scope, r.test])).toEqual([
        ['province', 'independent'],
        ['nation', 'fixed'],
      ]);
      const ref = list[c!.references[0]!.reference]!;
      expect([ref.measure, ref.year, ref.grade]).toEqual(['math', cell.year, cell.grade]);
      expect(c!.references[0]!.difference).toBeCloseTo(c!.mean.mean - ref.estimate, 10);
    }
    const vision = results.rateComparison.find((s) => s.subject === 'vision_poor')!.cells.find((c) => c.year === 2024 && c.grade === 4)!;
    expect(vision.counties[0]!.references.map((r) => [r.label, r.value])).toEqual([
      ['示例省', 0.4],
      ['全国', 0.37],
    ]);
  });

  it('figures no cell could use are listed with the reason: anxiety without a cut-off has no rate', () => {
    expect(results.references.values).toHaveLength(160);
    const unused = results.references.unused.map((u) => [list[u.reference]!.measure, u.reason]);
    expect(unused).toHaveLength(16);
    expect(new Set(unused.map(([m, r]) => `${m}:${r}`))).toEqual(new Set(['anxiety:measure-absent']));
    const published = analyzeStudents(county, { references: refs(fixture('references/national-published.csv'), 'n.csv') });
    expect(new Set(published.references.unused.map((u) => u.reason))).toEqual(new Set(['year-absent']));
  });

  it('a province figure without a province is an error when the data hold two provinces', () => {
    const two = studentTable(parseCsv(fixture('fixtures/two-provinces.csv'), 'two-provinces.csv'));
    const error = thrown(() => analyzeStudents(two, { references: refs('层级,名称,指标,估计值\n全省,全省,数学,500\n') }));
    expect(error.code).toBe('reference-province-ambiguous');
    expect(error.zh).toContain('参照值文件第 2 行');
    expect(error.zh).toContain('北京市、吉林省');
    // Named, it is compared with that province's counties only.
    const named = analyzeStudents(two, { references: refs('层级,名称,省份,指标,估计值\n全省,吉林省参照,吉林省,数学,500\n') });
    for (const cell of named.countyComparison[0]!.cells)
      expect(cell.counties.every((c) => c.references.length === (cell.province === '吉林省' ? 1 : 0))).toBe(true);
  });

  it('the older one-figure references of the config are reference figures too', () => {
    const old = analyzeStudents(county, {
      countyComparison: { reference: { label: '全国', estimate: 500, se: 2 } },
      betweenSchool: { reference: { icc: 0.17, label: '全国' } },
    });
    expect(old.references.values.map((r) => [r.statistic, r.measure])).toEqual([
      ['mean', null],
      ['icc', null],
    ]);
    expect(old.countyComparison[0]!.cells[0]!.counties[0]!.references[0]).toMatchObject({ label: '全国', test: 'independent', valueSE: 2 });
    const between = old.betweenSchool[0]!.counties.find((c) => c.reml.estimable)!;
    expect(between.references.find((r) => r.source === 'reference')).toMatchObject({ label: '全国', icc: 0.17, reference: 1 });
    expect(
      referencesForCell(old.references.values, { measure: 'math', statistic: 'icc', year: 2024, grade: 4, province: null }, ['nation'], [null]),
    ).toHaveLength(1);
  });
});

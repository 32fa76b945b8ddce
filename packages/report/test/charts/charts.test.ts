import { describe, expect, it } from 'vitest';
import { betweenSchoolVariance, countyComparisons, randomSource, rawFromRecords, studentTable, tableSource } from '@jiance/core';
import {
  buildCharts,
  caterpillarLimit,
  caterpillarSpec,
  countyChartLimit,
  comparisonSpec,
  iccSpec,
  rankSpec,
  renderChart,
  renderReport,
} from '../../src/index.js';
import { analyzeStudents } from '@jiance/core';

function simulated() {
  const rng = randomSource(42);
  const records: Record<string, string | number>[] = [];
  for (const [county, icc] of [
    ['青山县', 0.25],
    ['河东区', 0.05],
  ] as const) {
    for (let j = 0; j < 8; j++) {
      const u = Math.sqrt(icc) * 100 * rng.normal();
      for (let i = 0; i < 12; i++) {
        records.push({
          年份: 2024,
          区县: county,
          学校: `${county}第${j + 1}小学`,
          年级: 4,
          数学: Math.round(10 * (500 + u + Math.sqrt(1 - icc) * 100 * rng.normal())) / 10,
        });
      }
    }
  }
  return studentTable(rawFromRecords(records, 'sim.csv'));
}

const data = simulated();
const summary = betweenSchoolVariance(tableSource(data), 'math');
const comparison = countyComparisons(tableSource(data), 'math', { replicates: 200 }).cells[0]!;

describe('chart specs', () => {
  it('caterpillarSpec is stable (snapshot)', () => {
    expect(caterpillarSpec(summary.counties[0]!, 'zh')).toMatchSnapshot();
  });
  it('iccSpec is stable (snapshot)', () => {
    expect(iccSpec(summary, 'zh')).toMatchSnapshot();
  });
  it('iccSpec: with two provinces each row carries its own province’s share and is named with its province', async () => {
    const { readFileSync } = await import('node:fs');
    const { parseCsv } = await import('@jiance/core');
    const two = analyzeStudents(
      studentTable(parseCsv(readFileSync(new URL('../../../../fixtures/two-provinces.csv', import.meta.url), 'utf8'), 'two-provinces.csv')),
    ).betweenSchool[0]!;
    const values = (iccSpec(two, 'zh') as { data: { values: { panel: string; county: string; province: number | null }[] } }).data.values;
    const rows = two.counties.filter((c) => c.weighted?.estimable || c.reml.estimable);
    expect(values).toHaveLength(rows.length);
    // 朝阳区 is a county of both provinces: two rows per panel, told apart by their province.
    expect(new Set(values.map((v) => `${v.panel}|${v.county}`)).size).toBe(values.length);
    expect(values.some((v) => v.county === '北京市朝阳区') && values.some((v) => v.county === '吉林省朝阳区')).toBe(true);
    rows.forEach((c, i) => {
      const share = two.province.find((p) => p.province === c.province && p.year === c.year && p.grade === c.grade)!;
      expect(values[i]!.province).toBeCloseTo(share.icc!, 4);
    });
    expect(new Set(values.map((v) => v.province)).size).toBeGreaterThan(4);
  });
  it('rankSpec is stable (snapshot)', () => {
    expect(rankSpec(comparison, '数学', 'zh')).toMatchSnapshot();
  });
  it('rankSpec shows every ranked county with its interval around its rank', () => {
    const values = (rankSpec(comparison, 'math', 'en') as { data: { values: { county: string; rank: number; lower: number; upper: number }[] } }).data.values;
    expect(values.map((v) => v.rank)).toEqual([1, 2]);
    for (const v of values) expect(v.lower <= v.rank && v.rank <= v.upper).toBe(true);
  });
  it('caterpillarSpec orders schools by shrunken mean, with intervals around them', () => {
    const values = (caterpillarSpec(summary.counties[0]!) as { data: { values: { shrunken: number; lower: number; upper: number }[] } }).data.values;
    expect(values).toHaveLength(8);
    for (let i = 1; i < values.length; i++) expect(values[i]!.shrunken).toBeGreaterThanOrEqual(values[i - 1]!.shrunken);
    for (const v of values) expect(v.lower < v.shrunken && v.shrunken < v.upper).toBe(true);
  });
  for (const [name, spec] of [
    ['caterpillarSpec', () => caterpillarSpec(summary.counties[1]!, 'en')],
    ['iccSpec', () => iccSpec(summary, 'en')],
    ['comparisonSpec', () => comparisonSpec(comparison, '数学', 'zh')],
    ['rankSpec', () => rankSpec(comparison, '数学', 'zh')],
  ] as const) {
    it(`${name} compiles without warnings and renders a non-empty SVG`, async () => {
      const chart = await renderChart(spec());
      expect(chart.warnings).toEqual([]);
      expect(chart.svg.startsWith('<svg')).toBe(true);
      expect(chart.svg.length).toBeGreaterThan(2000);
    });
  }
  it('renderChart keeps Chinese labels and escapes markup from the data', async () => {
    const records = [0, 1, 2, 3].flatMap((j) => [0, 1, 2].map((i) => ({ 区县: '<b>县</b>', 学校: `校${j}`, 数学: 500 + 10 * j + i })));
    const s = betweenSchoolVariance(tableSource(studentTable(rawFromRecords(records))), 'math');
    const { svg } = await renderChart(iccSpec(s, 'zh'));
    expect(svg).toContain('校间差异占总差异的比例');
    expect(svg).toContain('&lt;b&gt;县&lt;/b&gt;');
    expect(svg).not.toContain('<b>');
  });
  it('buildCharts draws at most caterpillarLimit caterpillars and the report says how many were left out', async () => {
    const results = analyzeStudents(data);
    const cell = results.betweenSchool[0]!.counties[0]!;
    // 70 county × grade cells of the latest year (copies of one, renamed).
    const many = {
      ...results,
      betweenSchool: [{ ...results.betweenSchool[0]!, counties: Array.from({ length: 70 }, (_, i) => ({ ...cell, county: `县${i}` })) }],
    };
    const charts = await buildCharts({ ...many, rates: { ...many.rates, indicators: [] }, countyComparison: [], rateComparison: [] }, 'zh');
    expect(charts.filter((c) => c.id.includes('-caterpillar-')).length).toBe(caterpillarLimit);
    const html = renderReport(many, { charts });
    expect(html).toContain(`共 70 个区县×年级，图中只绘出前 ${caterpillarLimit} 个`);
    expect(renderReport(results, { charts: await buildCharts(results, 'zh') })).not.toContain('图中只绘出');
    // The ICC chart (a row per county) shows the first countyChartLimit counties and says so.
    const icc = charts.find((c) => c.id === 'math-icc')!;
    expect(icc.counties).toEqual({ shown: countyChartLimit, total: 70 });
    expect(html).toContain(`图中只绘出 70 个区县中的前 ${countyChartLimit} 个；表中列出全部区县。`);
    expect((icc.spec as { data: { values: unknown[] } }).data.values.length).toBe(countyChartLimit);
    // The trend chart (a panel per county) likewise, on the province fixture's rates.
    const { readFileSync } = await import('node:fs');
    const { parseCsv } = await import('@jiance/core');
    const province = analyzeStudents(
      studentTable(parseCsv(readFileSync(new URL('../../../../fixtures/province.csv', import.meta.url), 'utf8'), 'province.csv')),
    );
    const trend = province.rates.indicators[0]!;
    const cells = Array.from({ length: 70 }, (_, i) => trend.rates.cells.map((c) => ({ ...c, keys: { ...c.keys, county: `县${i}` } }))).flat();
    const wide = {
      ...province,
      betweenSchool: [],
      countyComparison: [],
      rateComparison: [],
      rates: { ...province.rates, indicators: [{ ...trend, rates: { ...trend.rates, cells } }] },
    };
    const [trendChart] = await buildCharts(wide, 'zh');
    expect(trendChart!.counties).toEqual({ shown: countyChartLimit, total: 70 });
    expect(new Set(JSON.stringify(trendChart!.spec).match(/县\d+/g)).size).toBe(countyChartLimit);
  }, 60_000);
  it('buildCharts makes the ICC chart and one caterpillar per county × grade', async () => {
    const charts = (await buildCharts(analyzeStudents(data), 'zh')).filter((c) => c.section === 'betweenSchool');
    expect(charts.map((c) => c.id)).toEqual(['math-icc', 'math-caterpillar-1', 'math-caterpillar-2']);
    for (const c of charts) expect(c.warnings).toEqual([]);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeStudents, parseCsv, studentTable } from '@jiance/core';
import { buildCharts, renderChart, renderReport, trendSpec } from '../../src/index.js';

const province = studentTable(parseCsv(readFileSync(new URL('../../../../fixtures/province.csv', import.meta.url), 'utf8'), 'province.csv'));
const results = analyzeStudents(province, {
  rates: { anxietyCutoff: 60, targets: { vision_poor: '-1pp per year from 2021', fitness_pass: '>= 95%' } },
});

describe('rates in the report', () => {
  it('trendSpec is stable (snapshot) and compiles without warnings', async () => {
    const vision = results.rates.indicators.find((i) => i.indicator === 'fitness_pass')!;
    const spec = trendSpec(
      vision,
      vision.trends.flatMap((t) => t.targets.map((v) => v.target)),
      'zh',
    );
    expect(spec).toMatchSnapshot();
    const { warnings, svg } = await renderChart(spec);
    expect(warnings).toEqual([]);
    expect(svg).toContain('体质健康达标率');
  });
  it('renderReport shows rates, trends in words and targets with their figures', async () => {
    const charts = (await buildCharts(results, 'zh')).filter((c) => c.section === 'rates');
    expect(charts.map((c) => c.id)).toContain('vision_poor-trend');
    const html = renderReport(results, { charts });
    expect(html).toContain('五、检出率与趋势');
    expect(html).toContain('河东区四年级视力不良检出率2021–2024 年有所上升');
    expect(html).toContain('每年降低 1 个百分点以上（以 2021 年为基线）');
    expect(html).toContain('不低于 95.0%');
    const hedong = results.rates.indicators
      .find((i) => i.indicator === 'vision_poor')!
      .rates.cells.find((c) => c.keys.county === '河东区' && c.keys.year === 2024 && c.keys.grade === 4)!;
    expect(html).toContain(`<span data-value="rate">${(100 * hedong.rate!).toFixed(1)}%</span>`);
  });
  it('renderReport says why anxiety is missing when no cut-off is configured', () => {
    const html = renderReport(analyzeStudents(province), {});
    expect(html).toContain('未在配置文件中给出判定界值');
  });
});

describe('county comparisons in the report', () => {
  it('renderReport shows the comparison table, the pairs note and the dot plot', async () => {
    const withRef = analyzeStudents(province, { countyComparison: { reference: { label: '全国', estimate: 500 } } });
    const charts = (await buildCharts(withRef, 'zh')).filter((c) => c.section === 'countyComparison');
    expect(charts.map((c) => c.id)).toEqual(['math-counties-4', 'math-ranks-4', 'math-counties-8', 'math-ranks-8']);
    for (const c of charts) expect(c.warnings).toEqual([]);
    const html = renderReport(withRef, { charts });
    expect(html).toContain('七、县域比较');
    expect(html).toContain('经 Holm 校正后有');
    // The national figure of the config (no SE): each county's own interval against a fixed value.
    expect(html).toContain('与全省、全国参照值比较');
    expect(html).toContain('参照值无标准误：以本县 95% 置信区间与之比较');
    expect(html).toContain('标准误按抽样设计计算：学校为初级抽样单元，按“区县”分层（泰勒线性化）');
    expect(html).toContain('id="chart-math-ranks-4"');
    const c = withRef.countyComparison[0]!.cells.find((x) => x.year === 2024 && x.grade === 4)!.counties[0]!;
    expect(html).toContain(`<span data-value="mean">${c.mean.mean.toFixed(1)}</span>`);
  });
});

describe('rate comparisons in the report', () => {
  it('renderReport lists each county’s latest rate against the province, in percentage points', () => {
    const html = renderReport(results, {});
    expect(html).toContain('视力不良检出率：2024年四年级（示例省）');
    const c = results.rateComparison.find((s) => s.subject === 'vision_poor')!.cells.find((x) => x.year === 2024 && x.grade === 4)!.counties[1]!;
    expect(html).toContain(`<span data-value="mean">${(100 * c.mean.mean).toFixed(1)}%</span>（`);
    const d = c.vsProvince!.difference;
    expect(html).toContain(`${d > 0 ? '+' : '−'}${Math.abs(100 * d).toFixed(1)}（`);
  });
});

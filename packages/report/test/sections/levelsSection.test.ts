import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeStudents, parseCsv, studentTable } from '@jiance/core';
import { buildCharts, levelSpec, renderChart, renderReport, reportTables } from '../../src/index.js';

const province = studentTable(parseCsv(readFileSync(new URL('../../../../fixtures/province.csv', import.meta.url), 'utf8'), 'province.csv'));
const results = analyzeStudents(province, { levels: { cuts: { math: { '4': [420, 500, 580], '8': [420, 500, 580] } } } });
const math = results.levels.subjects[0]!;

describe('performance levels in the report', () => {
  it('levelSpec stacks the four levels per county, lowest first (snapshot), and renders without warnings', async () => {
    const cells = math.cells.filter((c) => c.year === 2024 && c.grade === 4).map((cell) => ({ label: String(cell.county), cell }));
    const spec = levelSpec(math, cells, '数学：2024年四年级', 'zh');
    expect(spec).toMatchSnapshot();
    const values = (spec as { data: { values: { row: string; share: number }[] } }).data.values;
    expect(values).toHaveLength(5 * 4);
    for (const county of ['青山县', '平安县']) expect(values.filter((v) => v.row === county).reduce((a, v) => a + v.share, 0)).toBeCloseTo(1, 3);
    const chart = await renderChart(spec);
    expect(chart.warnings).toEqual([]);
    expect(chart.svg).toContain('待提高');
  });

  it('renderReport shows the levels, 中等及以上 with its trend and comparison, and the 优质均衡 check, in Chinese and English', async () => {
    const charts = await buildCharts(results, 'zh');
    expect(charts.filter((c) => c.section === 'levels').map((c) => c.id)).toEqual(['levels-math-4', 'levels-math-8']);
    const html = renderReport(results, { charts });
    expect(html).toContain('三、学业水平');
    expect(html).toContain('待提高 &lt; 420 ≤ 中等 &lt; 500 ≤ 良好 &lt; 580 ≤ 优秀（四年级）');
    const c = math.cells.find((x) => x.year === 2024 && x.grade === 4 && x.county === '青山县')!;
    expect(html).toContain(`<span data-value="pass">${(100 * c.pass!.share).toFixed(1)}%</span>`);
    expect(html).toContain('达到中等及以上趋势');
    expect(html).toContain('优质均衡核查');
    expect(html).toContain('官方计算方法未公开');
    expect(html).toContain('id="chart-levels-math-4"');
    const en = renderReport(
      analyzeStudents(province, { levels: { cuts: { math: { '4': [420, 500, 580] } }, names: ['Below basic', 'Basic', 'Proficient', 'Advanced'] } }),
      { lang: 'en' },
    );
    expect(en).toContain('3. Performance levels');
    expect(en).toContain('Basic or above');
    expect(en).toContain('Check against the 优质均衡 criterion');
    expect(en).toContain('its official formula is not published'.replace('its', 'Its'));
  });

  it('without cut scores the section says levels need them and how to give them', () => {
    const html = renderReport(analyzeStudents(province), {});
    expect(html).toContain('未给出学业水平分数线');
    expect(html).toContain('"levels": { "math": { "4": [420, 500, 580], "8": [420, 500, 580] } }');
  });

  it('the level tables carry every cell, trend and check, unrounded', () => {
    const tables = reportTables(results, 'zh');
    const levels = tables.find((t) => t.id === 'levels-math')!;
    expect(levels.rows).toHaveLength(math.cells.length + math.provinces.length + math.domains.length);
    const c = math.cells[0]!;
    expect(levels.rows[0]!.slice(0, 7)).toEqual([c.province, c.county, c.year, '四年级', '全体', c.students, c.schools]);
    expect(levels.rows[0]![7]).toBe(c.shares[0]!.share);
    expect(tables.find((t) => t.id === 'level-trends-math')!.rows).toHaveLength(math.trends.length);
    expect(tables.find((t) => t.id === 'balanced-math')!.rows).toHaveLength(results.levels.balanced.length);
    expect(tables.map((t) => t.id)).toEqual(expect.arrayContaining(['level-comparison-math', 'level-pairs-math']));
    for (const t of tables) for (const r of t.rows) expect(r).toHaveLength(t.columns.length);
  });
});

import type { AnalysisResults, YearGradeComparison } from '@jiance/core';
import { trendSpec } from './trendSpec.js';
import { comparisonSpec } from './comparisonSpec.js';
import { rankSpec } from './rankSpec.js';
import { gradeName, roleName } from '../labels.js';
import { levelCellsShown, levelChartId, levelSpec } from './levelSpec.js';
import { latestCells, latestYearGrades } from './latest.js';

export { latestCells, latestYearGrades };
import type { TopLevelSpec } from 'vega-lite';
import type { Lang } from '../labels.js';
import { caterpillarSpec } from './caterpillarSpec.js';
import { iccSpec } from './iccSpec.js';
import { renderChart } from './renderChart.js';

/** A chart of the report: a stable id (file name), its section, spec and SVG. */
export interface ReportChart {
  id: string;
  section: 'betweenSchool' | 'rates' | 'countyComparison' | 'levels';
  /** Subject (between-school charts) or indicator (rate charts). */
  subject: string;
  spec: TopLevelSpec;
  svg: string;
  warnings: string[];
  /** Set when a chart with one panel or row per county drew only the first counties. */
  counties?: { shown: number; total: number };
}

/**
 * At most this many counties in a chart with one panel or row per county (ICC by county,
 * trends by county): 2,000 panels make a 17 MB SVG nobody can read. The tables keep every
 * county; the report says how many the chart shows.
 */
export const countyChartLimit = 60;

/**
 * The items of the first {@link countyChartLimit} counties (in order of appearance) — all of
 * them when there are no more — and, when some were left out, how many counties are shown.
 */
function firstCounties<T>(items: readonly T[], countyOf: (item: T) => unknown): { kept: readonly T[]; counties?: { shown: number; total: number } } {
  const all = [...new Set(items.map(countyOf))];
  if (all.length <= countyChartLimit) return { kept: items };
  const keep = new Set(all.slice(0, countyChartLimit));
  return { kept: items.filter((x) => keep.has(countyOf(x))), counties: { shown: countyChartLimit, total: all.length } };
}

/**
 * At most this many caterpillar charts per subject: a province of 200 counties would
 * otherwise carry 400 of them (the report says how many were left out; results.json keeps
 * every school's shrunken mean).
 */
export const caterpillarLimit = 60;

/**
 * Builds and renders every chart of the report (图表): per subject the ICC-by-county chart and
 * a caterpillar chart for the latest year of each county × grade; per indicator a trend chart;
 * per subject and grade the county dot plot and rank chart. `onProgress` hears each rendering.
 *
 * @example
 * (await buildCharts(results, 'zh')).map((c) => c.id); // => ['math-icc', 'math-caterpillar-1', …]
 */
export async function buildCharts(results: AnalysisResults, lang: Lang = 'zh', onProgress?: (rendered: number, total: number) => void): Promise<ReportChart[]> {
  const pending: Omit<ReportChart, 'svg' | 'warnings'>[] = [];
  for (const summary of results.betweenSchool) {
    if (!summary.counties.some((c) => c.reml.estimable)) continue;
    const { kept, counties } = firstCounties(summary.counties, (c) => JSON.stringify([c.province, c.county]));
    const spec = iccSpec({ ...summary, counties: [...kept] }, lang);
    pending.push({ id: `${summary.subject}-icc`, section: 'betweenSchool', subject: summary.subject, spec, ...(counties ? { counties } : {}) });
    latestCells(summary)
      .filter((c) => c.reml.estimable)
      .slice(0, caterpillarLimit)
      .forEach((c, i) =>
        pending.push({ id: `${summary.subject}-caterpillar-${i + 1}`, section: 'betweenSchool', subject: summary.subject, spec: caterpillarSpec(c, lang) }),
      );
  }
  for (const summary of results.levels.subjects) {
    const provinces = [...new Set(summary.cells.map((c) => c.province))];
    const name = roleName(summary.subject, lang);
    for (const group of levelCellsShown(summary)) {
      const oneCounty = new Set(group.cells.map((c) => c.county)).size === 1;
      const rows = group.cells.map((cell) => ({ label: oneCounty ? String(cell.year) : String(cell.county), cell }));
      const province = summary.provinces.find((p) => p.province === group.province && p.grade === group.grade && p.year === group.year);
      if (province) rows.push({ label: lang === 'zh' ? '全省' : 'Province', cell: province });
      const title =
        lang === 'zh'
          ? `${name}：${oneCounty ? '' : `${group.year}年`}${gradeName(group.grade as number | null, lang)}${oneCounty ? `（${group.cells[0]!.county}）` : ''}`
          : `${name}, ${oneCounty ? '' : `${group.year}, `}${gradeName(group.grade as number | null, lang)}`;
      pending.push({
        id: levelChartId(summary.subject, group, provinces),
        section: 'levels',
        subject: summary.subject,
        spec: levelSpec(summary, rows, title, lang),
      });
    }
  }
  for (const trend of results.rates.indicators) {
    const targets = trend.trends.flatMap((t) => t.targets.map((v) => v.target));
    const { kept, counties } = firstCounties(trend.rates.cells, (c) => JSON.stringify([c.keys.province ?? null, c.keys.county]));
    const spec = trendSpec({ ...trend, rates: { ...trend.rates, cells: [...kept] } }, targets, lang);
    pending.push({ id: `${trend.indicator}-trend`, section: 'rates', subject: trend.indicator, spec, ...(counties ? { counties } : {}) });
  }
  for (const summary of results.countyComparison) {
    const name = roleName(summary.subject, lang);
    for (const cell of latestYearGrades(summary.cells)) {
      const id = comparisonChartId(summary.subject, cell, summary.cells);
      // A county file's one county against its references; ranks only where counties were ranked.
      if (!cell.counties.some((c) => c.vsProvince || c.references.length)) continue;
      pending.push({ id: `${id.counties}`, section: 'countyComparison', subject: summary.subject, spec: comparisonSpec(cell, name, lang) });
      if (cell.counties.some((c) => c.rank))
        pending.push({ id: id.ranks, section: 'countyComparison', subject: summary.subject, spec: rankSpec(cell, name, lang) });
    }
  }
  const charts: ReportChart[] = [];
  for (const chart of pending) {
    charts.push({ ...chart, ...(await renderChart(chart.spec)) });
    onProgress?.(charts.length, pending.length);
  }
  return charts;
}

/**
 * The ids of a comparison cell's charts: `math-counties-4` and `math-ranks-4`, with the
 * province's place among the provinces (`math-counties-4-p2`) when the data hold several.
 */
export function comparisonChartId(subject: string, cell: YearGradeComparison, cells: readonly YearGradeComparison[]): { counties: string; ranks: string } {
  const provinces = [...new Set(cells.map((c) => c.province))];
  const suffix = provinces.length > 1 ? `-p${provinces.indexOf(cell.province) + 1}` : '';
  return { counties: `${subject}-counties-${cell.grade}${suffix}`, ranks: `${subject}-ranks-${cell.grade}${suffix}` };
}

import type { LevelCell, LevelSummary } from '@jiance/core';
import { latestYearGrades } from './latest.js';
import type { TopLevelSpec } from 'vega-lite';
import type { Lang } from '../labels.js';
import { round } from './round.js';

/** Colours of the four levels, lowest first (待提高 red to 优秀 dark blue). */
const levelColours = ['#c8102e', '#f2a541', '#7fb3d5', '#1f4e79'];

/**
 * Stacked bars of the four performance levels (学业水平分布图): one bar per county of one year ×
 * grade (or, for a file of one county, one bar per year), each split into the shares at
 * 待提高, 中等, 良好 and 优秀 (lowest on the left), with the province's pooled bar when there is
 * one. Suppressed cells are left out (the table lists them).
 *
 * @example
 * levelSpec(summary, cells, '数学：2024年四年级', 'zh').encoding.color.scale.domain; // => ['待提高', '中等', '良好', '优秀']
 */
export function levelSpec(
  summary: Pick<LevelSummary, 'names'>,
  rows: readonly { label: string; cell: LevelCell }[],
  title: string,
  lang: Lang = 'zh',
): TopLevelSpec {
  const zh = lang === 'zh';
  const values = rows
    .filter(({ cell }) => !cell.suppressed)
    .flatMap(({ label, cell }, row) => cell.shares.map((s, k) => ({ row: label, order: row, level: summary.names[k]!, rank: k, share: round(s!.share) })));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, subtitle: zh ? '各学业水平学生所占比例（加权）' : 'Share of students at each performance level (weighted)' },
    width: 420,
    height: { step: 24 },
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'row', type: 'nominal', title: null, sort: { field: 'order', order: 'ascending' } },
      x: { field: 'share', type: 'quantitative', stack: 'zero', title: zh ? '比例' : 'Share', axis: { format: '.0%' }, scale: { domain: [0, 1] } },
      color: {
        field: 'level',
        type: 'nominal',
        title: zh ? '学业水平' : 'Level',
        scale: { domain: [...summary.names], range: levelColours },
        legend: { orient: 'bottom' },
      },
      order: { field: 'rank', type: 'quantitative' },
      tooltip: [{ field: 'row' }, { field: 'level' }, { field: 'share', format: '.1%' }],
    },
  };
}

/** The id of a level chart: `levels-math-4` (with the province's place among several: `-p2`). */
export function levelChartId(subject: string, cell: { grade: unknown; province: string | null }, provinces: readonly (string | null)[]): string {
  return `levels-${subject}-${String(cell.grade)}${provinces.length > 1 ? `-p${provinces.indexOf(cell.province) + 1}` : ''}`;
}

/** The county cells shown for a subject: the latest year of each province × grade (every year for a file of one county). */
export function levelCellsShown(summary: LevelSummary): { province: string | null; grade: unknown; year: unknown; cells: LevelCell[] }[] {
  const oneCounty = new Set(summary.cells.map((c) => JSON.stringify([c.province, c.county]))).size === 1;
  return latestYearGrades(summary.cells).map((latest) => ({
    province: latest.province,
    grade: latest.grade,
    year: latest.year,
    cells: summary.cells.filter((c) => c.province === latest.province && c.grade === latest.grade && (oneCounty || c.year === latest.year)),
  }));
}

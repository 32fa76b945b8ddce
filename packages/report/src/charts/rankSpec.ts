import type { YearGradeComparison } from '@jiance/core';
import type { TopLevelSpec } from 'vega-lite';
import type { Lang } from '../labels.js';

/**
 * County rank chart with uncertainty (区县排名及其区间) for one year × grade: each county's rank
 * (1 = highest mean) as a dot and its 95% interval (draws from the design-based sampling distributions) as a bar, so that
 * "第 3 名" is read together with "可能在第 2–7 名之间". Counties with a single school are not
 * ranked (see countyComparisons).
 *
 * @example
 * rankSpec(summary.cells[0], '数学', 'zh').layer.length; // => 2
 */
export function rankSpec(cell: YearGradeComparison, subjectName: string, lang: Lang = 'zh'): TopLevelSpec {
  const zh = lang === 'zh';
  const values = cell.counties
    .filter((c) => c.rank)
    .map((c) => ({ county: c.county, rank: c.rank!.rank, lower: c.rank!.lower, upper: c.rank!.upper }))
    .sort((a, b) => a.rank - b.rank);
  const n = values.length;
  const where = cell.province ? (zh ? `（${cell.province}）` : ` (${cell.province})`) : '';
  const y = { field: 'county', type: 'nominal' as const, title: null, sort: { field: 'rank', order: 'ascending' as const } };
  const x = {
    field: 'rank',
    type: 'quantitative' as const,
    title: zh ? '名次（1 = 最高）' : 'Rank (1 = highest)',
    scale: { domain: [0.5, n + 0.5], nice: false },
    axis: { values: values.map((_, i) => i + 1), format: 'd' },
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: zh
        ? `${cell.year ?? ''}年${cell.grade ?? ''}年级${subjectName}：区县在本省的名次及 95% 区间${where}`
        : `${subjectName}, ${cell.year ?? ''}, grade ${cell.grade ?? ''}: county ranks within the province, 95% intervals${where}`,
      subtitle: zh
        ? '区间按各区县均值的抽样误差模拟得到；区间重叠的区县不宜排先后'
        : 'Intervals from the sampling error of each county mean; counties whose intervals overlap should not be ordered',
    },
    width: 420,
    height: { step: 24 },
    data: { values },
    layer: [
      {
        mark: { type: 'rule', color: '#4c78a8', strokeWidth: 6, opacity: 0.35 },
        encoding: { y, x: { field: 'lower', type: 'quantitative', scale: x.scale, title: x.title, axis: x.axis }, x2: { field: 'upper' } },
      },
      { mark: { type: 'point', filled: true, size: 70, color: '#1f3b57' }, encoding: { y, x } },
    ],
  };
}

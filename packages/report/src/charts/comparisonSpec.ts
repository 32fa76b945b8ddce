import type { YearGradeComparison } from '@jiance/core';
import type { TopLevelSpec } from 'vega-lite';
import type { Lang } from '../labels.js';
import { round } from './round.js';

/**
 * County-vs-province dot plot (县域与全省比较图) for one year × grade: each county's mean with
 * its 95% interval, coloured by the significance mark, and the province mean as a rule.
 *
 * @example
 * comparisonSpec(summary.cells[0], 'math', 'zh').layer.length; // => 3
 */
export function comparisonSpec(cell: YearGradeComparison, subjectName: string, lang: Lang = 'zh'): TopLevelSpec {
  const zh = lang === 'zh';
  const markName = { higher: zh ? '显著高于全省' : 'above province', similar: zh ? '无显著差异' : 'no significant difference', lower: zh ? '显著低于全省' : 'below province' };
  // Counties with a single school have no interval and no comparison; the table lists them.
  const values = cell.counties.filter((c) => c.province).map((c) => ({
    county: c.county,
    mean: round(c.mean.mean, 2),
    lower: round(c.mean.lower, 2),
    upper: round(c.mean.upper, 2),
    mark: markName[c.province!.mark],
  }));
  const y = { field: 'county', type: 'nominal' as const, title: null, sort: { field: 'mean', order: 'descending' as const } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: zh ? `${cell.year ?? ''}年${cell.grade ?? ''}年级${subjectName}：各区县与全省` : `${subjectName}, ${cell.year ?? ''}, grade ${cell.grade ?? ''}: counties and province`,
      subtitle: zh ? '均值及 95% 置信区间；竖线为全省均值' : 'Mean with 95% CI; vertical line: province mean',
    },
    width: 420,
    height: { step: 24 },
    data: { values },
    layer: [
      { mark: { type: 'rule', color: '#555', strokeDash: [4, 3] }, data: { values: [{ province: round(cell.province.mean, 2) }] }, encoding: { x: { field: 'province', type: 'quantitative' } } },
      { mark: { type: 'rule', color: '#4c78a8', strokeWidth: 2 }, encoding: { y, x: { field: 'lower', type: 'quantitative', title: zh ? '平均分' : 'Mean', scale: { zero: false } }, x2: { field: 'upper' } } },
      {
        mark: { type: 'point', filled: true, size: 70 },
        encoding: {
          y,
          x: { field: 'mean', type: 'quantitative' },
          color: { field: 'mark', type: 'nominal', title: null, scale: { domain: [markName.higher, markName.similar, markName.lower], range: ['#c8102e', '#999999', '#2a9d8f'] } },
        },
      },
    ],
  } as TopLevelSpec;
}

import type { YearGradeComparison } from '@jiance/core';
import type { TopLevelSpec } from 'vega-lite';
import type { Lang } from '../labels.js';
import { round } from './round.js';

/**
 * County-vs-province dot plot (县域与全省、全国比较图) for one province × year × grade: each
 * county's mean with its 95% interval, coloured by its mark against its own province, and as
 * vertical rules the province's mean from the data (with two or more counties) and every
 * reference figure (全省、全国参照值), labelled. A county file shows its one county against
 * the references. `percent` draws rates as percentages.
 *
 * @example
 * comparisonSpec(summary.cells[0], 'math', 'zh').layer.length; // => 4
 */
export function comparisonSpec(cell: YearGradeComparison, subjectName: string, lang: Lang = 'zh', options: { percent?: boolean } = {}): TopLevelSpec {
  const zh = lang === 'zh';
  const scale = options.percent ? 100 : 1;
  const markName = {
    higher: zh ? '显著高于全省' : 'above province',
    similar: zh ? '与全省无显著差异' : 'no significant difference',
    lower: zh ? '显著低于全省' : 'below province',
    'not-assessable': zh ? '无法判断' : 'cannot be assessed',
    none: zh ? '（未与全省比较）' : '(not compared with the province)',
  };
  // Counties with a single school have no interval; the table lists them.
  const values = cell.counties
    .filter((c) => c.estimable)
    .map((c) => ({
      county: c.county,
      mean: round(scale * c.mean.mean, 2),
      lower: round(scale * c.mean.lower, 2),
      upper: round(scale * c.mean.upper, 2),
      mark: markName[c.vsProvince?.mark ?? 'none'],
    }));
  const compared = cell.counties.some((c) => c.vsProvince);
  // The lines to read the counties against: the data's province, then the reference figures.
  const lines = [
    ...(compared
      ? [
          {
            label: zh ? `全省（本数据）${round(scale * cell.provinceMean.mean, 1)}` : `Province (these data) ${round(scale * cell.provinceMean.mean, 1)}`,
            value: round(scale * cell.provinceMean.mean, 2),
            kind: 'data',
          },
        ]
      : []),
    ...(cell.counties.find((c) => c.estimable)?.references ?? []).map((r) => ({
      label: `${r.label} ${round(scale * r.value, 1)}`,
      value: round(scale * r.value, 2),
      kind: r.scope,
    })),
  ].map((line, i) => ({ ...line, offset: -4 - 13 * i })); // labels stacked above the plot, so equal or close figures stay legible
  const y = { field: 'county', type: 'nominal' as const, title: null, sort: { field: 'mean', order: 'descending' as const } };
  const where = cell.province ? (zh ? `（${cell.province}）` : ` (${cell.province})`) : '';
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: zh
        ? `${cell.year ?? ''}年${cell.grade ?? ''}年级${subjectName}：区县与全省、全国${where}`
        : `${subjectName}, ${cell.year ?? ''}, grade ${cell.grade ?? ''}: counties, province and nation${where}`,
      subtitle: zh
        ? `均值${options.percent ? '（%）' : ''}及 95% 置信区间；竖线为全省均值与参照值`
        : `Mean${options.percent ? ' (%)' : ''} with 95% CI; vertical lines: the province mean and the reference figures`,
    },
    width: 420,
    // A fixed height (28 px a county): the stacked labels' pixel positions make y continuous, which a step height cannot be.
    height: 28 * Math.max(1, values.length),
    data: { values },
    layer: [
      {
        data: { values: lines },
        mark: { type: 'rule', strokeDash: [4, 3] },
        encoding: {
          x: { field: 'value', type: 'quantitative' },
          color: { field: 'kind', type: 'nominal', legend: null, scale: { domain: ['data', 'province', 'nation'], range: ['#555555', '#8a5a00', '#6a3d9a'] } },
        },
      },
      {
        data: { values: lines },
        mark: { type: 'text', align: 'left', dx: 3, baseline: 'bottom', fontSize: 10 },
        encoding: {
          x: { field: 'value', type: 'quantitative' },
          y: { field: 'offset', type: 'quantitative', scale: null, axis: null },
          text: { field: 'label', type: 'nominal' },
          color: { field: 'kind', type: 'nominal', legend: null, scale: { domain: ['data', 'province', 'nation'], range: ['#555555', '#8a5a00', '#6a3d9a'] } },
        },
      },
      {
        mark: { type: 'rule', color: '#4c78a8', strokeWidth: 2 },
        encoding: {
          y,
          x: {
            field: 'lower',
            type: 'quantitative',
            title: zh ? (options.percent ? '比例（%）' : '平均分') : options.percent ? 'Rate (%)' : 'Mean',
            scale: { zero: false },
          },
          x2: { field: 'upper' },
        },
      },
      {
        mark: { type: 'point', filled: true, size: 70 },
        encoding: {
          y,
          x: { field: 'mean', type: 'quantitative' },
          fill: {
            field: 'mark',
            type: 'nominal',
            title: null,
            scale: compared
              ? { domain: [markName.higher, markName.similar, markName.lower], range: ['#c8102e', '#999999', '#2a9d8f'] }
              : { domain: [markName.none], range: ['#1f3b57'] },
            // A county file's one county is compared with references only: no province marks to explain.
            ...(compared ? {} : { legend: null }),
          },
        },
      },
    ],
    resolve: { scale: { color: 'independent' } },
  };
}

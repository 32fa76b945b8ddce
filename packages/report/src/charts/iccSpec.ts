import { primaryFit, type BetweenSchoolSummary } from '@jiance/core';
import type { TopLevelSpec } from 'vega-lite';
import type { Lang } from '../labels.js';
import { round } from './round.js';

/**
 * ICC by county (各区县校间差异占比): the estimate the verdict uses (weighted when the weights
 * vary, else REML: `primaryFit`) with its 95% interval per county, one panel
 * per year × grade, a dashed line at the 较大 threshold and a tick for the county's own province's
 * share (rows named with their province when the data hold several).
 *
 * @example
 * iccSpec(summary, 'zh').facet; // => { row: { field: 'panel', … } }
 */
export function iccSpec(summary: BetweenSchoolSummary, lang: Lang = 'zh'): TopLevelSpec {
  const zh = lang === 'zh';
  const panel = (year: number | null, grade: number | null): string =>
    zh ? `${year ?? ''} ${grade ?? ''}年级`.trim() : `${year ?? ''} grade ${grade ?? ''}`.trim();
  const levelName = { large: zh ? '较大' : 'large', moderate: zh ? '适中' : 'moderate', small: zh ? '较小' : 'small' };
  const fits = summary.counties.map((c) => ({ c, fit: primaryFit(c) }));
  // Counties of different provinces may share a name (朝阳区): then a row is named with its province.
  const severalProvinces = new Set(summary.counties.map((c) => c.province)).size > 1;
  const weighted = fits.filter(({ c, fit }) => fit.estimable && c.primary === 'pseudo-ML').length;
  const estimable = fits.filter(({ fit }) => fit.estimable).length;
  const which =
    weighted === 0
      ? zh
        ? 'REML 估计'
        : 'REML estimate'
      : weighted === estimable
        ? zh
          ? '加权估计'
          : 'Weighted estimate'
        : zh
          ? '权重不等时为加权估计，否则为 REML 估计'
          : 'Weighted estimate where the weights vary, else REML';
  const values = fits
    .filter(({ fit }) => fit.estimable)
    .map(({ c, fit: f }) => {
      const fit = f as Extract<typeof f, { estimable: true }>;
      const province = summary.province.find((p) => p.province === c.province && p.year === c.year && p.grade === c.grade);
      return {
        panel: panel(c.year, c.grade),
        county: severalProvinces ? (zh ? `${c.province ?? ''}${c.county ?? ''}` : `${c.county ?? ''}, ${c.province ?? ''}`) : (c.county ?? ''),
        icc: round(fit.icc),
        lower: round(fit.iccCI[0]),
        upper: round(fit.iccCI[1]),
        level: c.level ? levelName[c.level] : '',
        threshold: summary.thresholds.large,
        province: province?.icc === null || province === undefined ? null : round(province.icc),
      };
    });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: zh ? '校间差异占总差异的比例（ICC）' : 'Between-school share of variance (ICC)',
      subtitle: zh ? `${which}及 95% 置信区间；虚线为“较大”界线` : `${which} with 95% CI; dashed: the "large" line`,
    },
    data: { values },
    // Horizontal row labels: rotated ones overlap on short rows.
    facet: { row: { field: 'panel', type: 'nominal', title: null, header: { labelAngle: 0, labelAlign: 'left' } } },
    spec: {
      width: 420,
      height: { step: 22 },
      layer: [
        {
          mark: { type: 'rule', strokeDash: [4, 3], color: '#c8102e' },
          encoding: { x: { field: 'threshold', type: 'quantitative', aggregate: 'min' } },
        },
        {
          mark: { type: 'rule', color: '#4c78a8', strokeWidth: 2 },
          encoding: {
            y: { field: 'county', type: 'nominal', title: null },
            x: { field: 'lower', type: 'quantitative', title: 'ICC', scale: { domain: [0, 1] }, axis: { format: '.0%' } },
            x2: { field: 'upper' },
          },
        },
        {
          mark: { type: 'tick', color: '#555', thickness: 2 },
          encoding: { y: { field: 'county', type: 'nominal' }, x: { field: 'province', type: 'quantitative' } },
        },
        {
          mark: { type: 'point', filled: true, size: 60 },
          encoding: {
            y: { field: 'county', type: 'nominal' },
            x: { field: 'icc', type: 'quantitative' },
            color: {
              field: 'level',
              type: 'nominal',
              title: zh ? '校间差异' : 'Differences',
              scale: { domain: [levelName.large, levelName.moderate, levelName.small], range: ['#c8102e', '#f2a541', '#2a9d8f'] },
            },
            tooltip: [
              { field: 'county', title: zh ? '区县' : 'County' },
              { field: 'icc', title: 'ICC', format: '.3f' },
              { field: 'lower', title: zh ? '下限' : 'Lower', format: '.3f' },
              { field: 'upper', title: zh ? '上限' : 'Upper', format: '.3f' },
            ],
          },
        },
      ],
    },
  };
}

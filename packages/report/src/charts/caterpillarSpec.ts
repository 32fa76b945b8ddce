import type { CountyBetweenSchool } from '@jiance/core';
import type { TopLevelSpec } from 'vega-lite';
import type { Lang } from '../labels.js';
import { round } from './round.js';

/**
 * Caterpillar chart (学校均值毛毛虫图) of one county × year × grade: each school's
 * empirical-Bayes mean with a 95% interval (± 1.96 posterior SD), ordered from lowest to
 * highest, the raw school mean as a hollow point, and the county mean μ̂ as a rule.
 *
 * @example
 * caterpillarSpec(result.counties[0], 'zh').mark; // => undefined (layered spec)
 */
export function caterpillarSpec(county: CountyBetweenSchool, lang: Lang = 'zh'): TopLevelSpec {
  const fit = county.reml;
  const mu = fit.estimable ? fit.intercept : 0;
  const ordered = [...county.schoolsDetail].sort((a, b) => a.shrunkenMean - b.shrunkenMean);
  const values = ordered.map((s, i) => ({
    rank: i + 1,
    school: s.school,
    students: s.students,
    mean: round(s.mean, 2),
    shrunken: round(s.shrunkenMean, 2),
    lower: round(s.shrunkenMean - 1.959963984540054 * s.posteriorSD, 2),
    upper: round(s.shrunkenMean + 1.959963984540054 * s.posteriorSD, 2),
  }));
  const zh = lang === 'zh';
  const title = `${county.county ?? ''} ${county.year ?? ''} ${zh ? `${county.grade ?? ''}年级` : `grade ${county.grade ?? ''}`}`.trim();
  const x = {
    field: 'rank',
    type: 'ordinal' as const,
    title: zh ? '学校（按收缩均值排序）' : 'School (ordered by shrunken mean)',
    axis: { labels: false, ticks: false },
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, subtitle: zh ? '经验贝叶斯收缩均值及 95% 区间；空心点为原始均值' : 'Empirical-Bayes means with 95% intervals; hollow: raw means' },
    width: Math.max(240, Math.min(720, values.length * 12)),
    height: 220,
    data: { values },
    layer: [
      {
        mark: { type: 'rule', color: '#888', strokeDash: [4, 3] },
        data: { values: [{ mu: round(mu, 2) }] },
        encoding: { y: { field: 'mu', type: 'quantitative' } },
      },
      {
        mark: { type: 'rule', color: '#4c78a8' },
        encoding: {
          x,
          y: { field: 'lower', type: 'quantitative', title: zh ? '平均分' : 'Mean score', scale: { zero: false } },
          y2: { field: 'upper' },
        },
      },
      {
        mark: { type: 'point', filled: false, color: '#999', size: 20 },
        encoding: { x, y: { field: 'mean', type: 'quantitative' } },
      },
      {
        mark: { type: 'point', filled: true, color: '#c8102e', size: 30 },
        encoding: {
          x,
          y: { field: 'shrunken', type: 'quantitative' },
          tooltip: [
            { field: 'school', title: zh ? '学校' : 'School' },
            { field: 'students', title: zh ? '学生数' : 'Students' },
            { field: 'mean', title: zh ? '原始均值' : 'Raw mean' },
            { field: 'shrunken', title: zh ? '收缩均值' : 'Shrunken mean' },
          ],
        },
      },
    ],
  };
}

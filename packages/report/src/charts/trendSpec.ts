import { indicatorNames, type IndicatorTrend, type RateTarget } from '@jiance/core';
import type { TopLevelSpec } from 'vega-lite';
import type { Lang } from '../labels.js';
import { round } from './round.js';

/**
 * Trend chart of one indicator (检出率趋势图): per county a panel with the yearly rate, its
 * 95% band (Korn–Graubard), one line per grade, and a dashed rule at a level target
 * (e.g. 达标率 ≥ 95%). Suppressed cells are left out.
 *
 * @example
 * trendSpec(section.indicators[0], [], 'zh').facet; // => { field: 'county', … }
 */
export function trendSpec(trend: IndicatorTrend, targets: readonly RateTarget[] = [], lang: Lang = 'zh'): TopLevelSpec {
  const zh = lang === 'zh';
  const grade = (g: unknown): string => (zh ? `${g}年级` : `grade ${g}`);
  const values = trend.rates.cells
    .filter((c) => !c.suppressed && c.rate !== null)
    .map((c) => ({
      county: String(c.keys.county ?? ''),
      year: Number(c.keys.year),
      grade: grade(c.keys.grade),
      rate: round(c.rate!),
      lower: round(c.lower!),
      upper: round(c.upper!),
    }));
  const level = targets.find((t) => t.indicator === trend.indicator && (t.kind === 'atLeast' || t.kind === 'atMost')) as
    | Extract<RateTarget, { kind: 'atLeast' | 'atMost' }>
    | undefined;
  const x = { field: 'year', type: 'ordinal' as const, title: zh ? '年份' : 'Year' };
  const y = { field: 'rate', type: 'quantitative' as const, title: zh ? '比例' : 'Rate', axis: { format: '.0%' }, scale: { zero: false } };
  const color = { field: 'grade', type: 'nominal' as const, title: zh ? '年级' : 'Grade' };
  const layers: object[] = [
    { mark: { type: 'area', opacity: 0.2 }, encoding: { x, y: { field: 'lower', type: 'quantitative' }, y2: { field: 'upper' }, color } },
    {
      mark: { type: 'line', point: true },
      encoding: {
        x,
        y,
        color,
        tooltip: [
          { field: 'year' },
          { field: 'grade' },
          { field: 'rate', format: '.1%' },
          { field: 'lower', format: '.1%' },
          { field: 'upper', format: '.1%' },
        ],
      },
    },
  ];
  if (level) {
    layers.push({
      mark: { type: 'rule', strokeDash: [4, 3], color: '#c8102e' },
      data: { values: [{ target: level.value }] },
      encoding: { y: { field: 'target', type: 'quantitative' } },
    });
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: indicatorNames[trend.indicator][lang],
      subtitle: zh
        ? `各年比例及 95% 置信区间（学校为整群）${level ? '；虚线为目标' : ''}`
        : `Yearly rate with 95% CI (schools as clusters)${level ? '; dashed: target' : ''}`,
    },
    data: { values },
    facet: { field: 'county', type: 'nominal', title: null },
    // columns belongs to the spec, not the facet (Vega-Lite ignores it there: five panels in a row).
    columns: 3,
    spec: { width: 200, height: 140, layer: layers as never },
  };
}

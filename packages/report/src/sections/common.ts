import {
  healthMeasureNames,
  indicatorNames,
  type AnalysisResults,
  type CountyComparisonSummary,
  type HealthMeasureId,
  type ReferenceDifference,
} from '@jiance/core';
import type { ReportChart } from '../charts/buildCharts.js';
import { escapeHtml } from '../escapeHtml.js';
import { formatNumber, percent, pp } from '../format.js';
import { roleName, t, type Lang } from '../labels.js';

/** Escapes text from the data (every name, header and cell value). */
export const e = escapeHtml;

/** Whether the data name provinces (then every county row shows its province). */
export function hasProvinces(results: AnalysisResults): boolean {
  return results.data.roles.includes('province');
}

/** The province column, first in every county row, when the data name provinces. */
export const provinceHead = (withProvince: boolean, lang: Lang): string[] => (withProvince ? [lang === 'zh' ? '省份' : 'Province'] : []);
export const provinceCell = (withProvince: boolean, province: string | null | undefined): string[] => (withProvince ? [e(province ?? '—')] : []);

/** A county as named in a sentence: with its province when the data name provinces. */
export function countyName(province: string | null | undefined, county: string | null, withProvince: boolean, lang: Lang): string {
  return `${withProvince && province ? `${e(province)}${lang === 'zh' ? '' : ' '}` : ''}${e(county ?? '—')}`;
}

/** 男生 / 女生 for sex codes; other levels (城区…) as they are. */
export const levelName = (level: string): string => ({ M: '男生', F: '女生' })[level] ?? level;

/** A value of a comparison on its measure's scale (a score to 1 decimal, a rate as a percentage). */
export interface Scale {
  value: (x: number) => string;
  diff: (x: number) => string;
}
export const scoreScale: Scale = { value: (x) => formatNumber(x, 1), diff: (x) => formatNumber(x, 1) };
export const rateScale: Scale = { value: (x) => percent(x), diff: (x) => pp(x) };

/** How a comparison's figures are named and written: a subject's score, a rate, or a health measure's mean. */
export interface Display {
  name: string;
  scale: Scale;
  /** Subjects' and health measures' cells are read in words; a rate's are read in the rates section. */
  reading: boolean;
}

/** The display of a comparison summary. */
export function displayOf(summary: CountyComparisonSummary, lang: Lang): Display {
  const health = healthMeasureNames[summary.subject as HealthMeasureId];
  if (summary.indicator !== null) return { name: indicatorNames[summary.indicator]?.[lang] ?? summary.subject, scale: rateScale, reading: false };
  if (health)
    return { name: health[lang], scale: { value: (x) => formatNumber(x, health.decimals), diff: (x) => formatNumber(x, health.decimals) }, reading: true };
  return { name: roleName(summary.subject, lang), scale: scoreScale, reading: true };
}

/** How a reference comparison was made, in words. */
export function referenceTest(r: ReferenceDifference, scale: Scale, lang: Lang): string {
  const zh = lang === 'zh';
  return r.test === 'fixed'
    ? zh
      ? '参照值无标准误：以本县 95% 置信区间与之比较'
      : 'no SE given: the county’s own 95% interval against a fixed value'
    : zh
      ? `参照值标准误 ${scale.diff(r.valueSE!)}：按两个独立样本比较`
      : `reference SE ${scale.diff(r.valueSE!)}: as two independent samples`;
}

/** "显著高于全国（38.5%）" — a mark against a reference, with the figure. */
export function referenceMark(r: ReferenceDifference, scale: Scale, lang: Lang): string {
  const name = `${e(r.label)}（${scale.value(r.value)}）`;
  if (r.mark === 'not-assessable') return lang === 'zh' ? `与${name}相比${t(r.mark, lang)}` : `against ${name}: ${t(r.mark, lang)}`;
  if (lang === 'zh') return r.mark === 'similar' ? `与${name}无显著差异` : `${t(r.mark, lang)}${name}`;
  return `${t(r.mark, lang)} ${name}`;
}

/** One sentence on how the comparison's SEs were obtained (design, replicates, plausible values). */
export function designNote(design: CountyComparisonSummary['design'], lang: Lang, lonelyStrata = 0): string {
  const zh = lang === 'zh';
  const variance =
    design.variance === 'taylor'
      ? zh
        ? `标准误按抽样设计计算：学校为初级抽样单元${design.strata ? `，按“${e(roleName(design.strata, lang))}”分层` : ''}（泰勒线性化）`
        : `SEs follow the sampling design: schools as primary sampling units${design.strata ? `, stratified by ${e(roleName(design.strata, lang))}` : ''} (Taylor linearisation)`
      : zh
        ? `标准误由 ${design.replicates} 组重复权重按 ${design.variance === 'BRR' ? 'BRR（Fay 法）' : design.variance} 方法计算`
        : `SEs from ${design.replicates} replicate weights (${design.variance})`;
  const pv =
    design.plausibleValues > 1
      ? zh
        ? `；${design.plausibleValues} 个似真值按 Rubin 规则合并`
        : `; ${design.plausibleValues} plausible values combined by Rubin's rules`
      : '';
  const lonely = lonelyStrata
    ? zh
      ? `；有 ${lonelyStrata} 个层只有 1 所学校，不贡献方差（同 R survey 的 lonely.psu = "remove"），全省均值的标准误可能略偏小`
      : `; ${lonelyStrata} strata have a single school and add no variance (R survey's lonely.psu = "remove"), so the province SE may be slightly small`
    : '';
  return `${variance}${pv}${lonely}${zh ? '。' : '.'}`;
}

/** The sentence under a per-county chart that shows only the first counties (empty when it shows all). */
export function countiesShown(chart: ReportChart, lang: Lang): string {
  if (!chart.counties) return '';
  const { shown, total } = chart.counties;
  return lang === 'en'
    ? `The chart shows the first ${shown} of ${total} counties; the table lists them all.`
    : `图中只绘出 ${total} 个区县中的前 ${shown} 个；表中列出全部区县。`;
}

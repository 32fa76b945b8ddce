import type { ReferenceValue } from '../references/referenceValues.js';
import { groupCells } from '../summary/groupCells.js';
import type { KeyLabel } from '../summary/groupedMoments.js';
import { requireSource, derivedInputs, hasColumn, type DerivedId, type Measure, type SummarySource } from '../summary/summarySource.js';
import { cellDegreesOfFreedom } from '../survey/cellDesign.js';
import { countyComparisons, type CountyComparisonSummary } from '../survey/countyComparisons.js';
import { designContrast } from '../survey/designContrast.js';
import type { DesignMean } from '../survey/designMean.js';
import { designTrend, type DesignTrend } from '../survey/designTrend.js';
import { simpleDesign, type SurveyDesign } from '../survey/surveyDesign.js';

/** The continuous health measures whose level (mean) is reported (健康指标平均水平). */
export const healthMeasureIds = ['anxiety', 'sleep_hours', 'bmi', 'fitness_score', 'va_worse'] as const;

/** One of {@link healthMeasureIds}. */
export type HealthMeasureId = (typeof healthMeasureIds)[number];

/** Names, decimals shown, and which direction is better (null: neither, as for BMI). */
export const healthMeasureNames: Record<HealthMeasureId, { zh: string; en: string; decimals: number; better: 'higher' | 'lower' | null }> = {
  anxiety: { zh: '焦虑得分', en: 'Anxiety score', decimals: 1, better: 'lower' },
  sleep_hours: { zh: '每天睡眠小时数', en: 'Sleep (hours a day)', decimals: 2, better: 'higher' },
  bmi: { zh: '体质指数 BMI', en: 'Body mass index (BMI)', decimals: 2, better: null },
  fitness_score: { zh: '体质健康总分', en: 'Fitness total score', decimals: 1, better: 'higher' },
  va_worse: { zh: '较差眼裸眼视力', en: 'Uncorrected acuity (worse eye)', decimals: 2, better: 'higher' },
};

const derived: Partial<Record<HealthMeasureId, DerivedId>> = { bmi: 'bmi', va_worse: 'va_worse' };

/** A mean within a domain of a county (boys, girls, 城区…) in one year × grade. */
export interface DomainMean {
  province: string | null;
  county: string | null;
  year: KeyLabel;
  grade: KeyLabel;
  domain: { by: 'sex' | 'locale'; value: string };
  students: number;
  schools: number;
  /** Null with fewer than two schools holding the domain's students (no design SE). */
  mean: DesignMean | null;
}

/** The mean level of one health measure: counties against their province and references, trends, domains. */
export interface HealthMeasureSummary {
  measure: HealthMeasureId;
  /** Which direction is better (anxiety: lower), for readings and findings; null for BMI. */
  better: 'higher' | 'lower' | null;
  /** County means with design SEs, against their own province, ranked within it, and against the reference figures (statistic 均值). */
  comparison: CountyComparisonSummary;
  /** Change of the mean per year per county × grade (the rates' design-based slope). */
  trends: { province: string | null; county: string | null; grade: KeyLabel; trend: DesignTrend | null }[];
  domains: DomainMean[];
}

/** The health-measure section of results.json. */
export interface HealthSection {
  measures: HealthMeasureSummary[];
  /** How anxiety is reported: as a level only (no cut-off configured), as a level and a detection rate, or not at all (no score). */
  anxiety: 'level' | 'level-and-rate' | null;
}

/** The health measures the data have columns for. */
export function availableHealthMeasures(source: SummarySource): HealthMeasureId[] {
  return healthMeasureIds.filter((id) => {
    const d = derived[id];
    return d ? derivedInputs[d].every((c) => hasColumn(source, c)) : hasColumn(source, id);
  });
}

/**
 * The mean level of each continuous health measure (焦虑水平、睡眠时间、BMI、体质健康总分、较差眼
 * 视力) per county × year × grade, by the machinery of achievement's means
 * ({@link countyComparisons}): the weighted mean with its design SE and t interval (schools as
 * PSUs in county strata, = `svymean`), the county against its own province (overlap-aware, =
 * `svycontrast`), its rank within the province, against the reference figures with statistic
 * 均值 ("焦虑水平显著高于全省"), provinces against the nation; the change per year per county ×
 * grade by the design-based slope the rates use (= `svyglm(y ~ year)`); and the mean within
 * sex and locale domains of each county (= `svymean` on a subset of the county's design).
 * Anxiety is reported as a level whether or not a cut-off is configured (with one, the rates
 * section adds its detection rate).
 *
 * @example
 * const source = tableSource(studentTable(parseCsv(readFileSync('fixtures/county.csv', 'utf8'), 'county.csv')));
 * healthMeans(source).measures.map((m) => m.measure); // => ['anxiety', 'sleep_hours', 'bmi', 'fitness_score', 'va_worse']
 */
export function healthMeans(
  source: SummarySource,
  options: { design?: SurveyDesign; references?: readonly ReferenceValue[]; level?: number } = {},
): HealthSection {
  requireSource(source, 'healthMeans');
  const design = options.design ?? simpleDesign(source);
  const level = options.level ?? 0.95;
  const keys = ['year', 'grade', 'province', 'county', 'school'];
  const measures = availableHealthMeasures(source).map((id): HealthMeasureSummary => {
    const d = derived[id];
    const measure: Measure = d ? { derived: d } : { column: id };
    // A figure for every subject (the older one-figure form, measure null) is no figure of a health measure.
    const references = (options.references ?? []).filter((r) => r.measure !== null);
    const comparison = countyComparisons(source, id, { design, level, references, ...(d ? { derived: d } : {}) });
    const entries = source.entries({ keys, measures: [measure], design });
    const label = (k: number, e: number): KeyLabel => entries.labels[k]![e]!;
    const trends = groupCells(entries.size, 3, (k, e) => label([2, 3, 1][k]!, e)).map(({ labels, rows }) => {
      const [province, county, grade] = labels as [string | null, string | null, KeyLabel];
      return { province, county, grade, trend: designTrend(entries, rows, 0, level) };
    });
    const domains: DomainMean[] = [];
    for (const by of ['sex', 'locale'] as const) {
      if (!hasColumn(source, by)) continue;
      const set = source.entries({ keys: [...keys, by], measures: [measure], design });
      const at = keys.length;
      for (const { labels, rows } of groupCells(set.size, 4, (k, e) => set.labels[k]![e]!)) {
        const [year, grade, province, county] = labels as [KeyLabel, KeyLabel, string | null, string | null];
        for (const value of [...new Set(rows.map((e) => set.labels[at]![e]))].filter((v): v is string => v !== null).sort()) {
          const includes = (e: number): boolean => set.labels[at]![e] === value;
          const own = rows.filter(includes);
          const students = own.reduce((a, e) => a + set.count[e]!, 0);
          const schools = new Set(own.map((e) => set.psu[e])).size;
          let mean: DesignMean | null = null;
          if (schools >= 2) {
            const c = designContrast(set, [{ coefficient: 1, includes }], { df: cellDegreesOfFreedom(set, rows, includes), level, rows });
            mean = {
              mean: c.estimate,
              se: c.se,
              df: c.df,
              lower: c.lower,
              upper: c.upper,
              lonelyStrata: c.lonelyStrata,
              level,
              ...(c.reason ? { reason: c.reason } : {}),
            };
          }
          domains.push({ province, county, year, grade, domain: { by, value }, students, schools, mean });
        }
      }
    }
    return { measure: id, better: healthMeasureNames[id].better, comparison, trends, domains };
  });
  const anxiety = measures.some((m) => m.measure === 'anxiety')
    ? source.info.indicatorOptions.anxietyCutoff !== undefined || hasColumn(source, 'anxiety_flag')
      ? 'level-and-rate'
      : 'level'
    : null;
  return { measures, anxiety };
}

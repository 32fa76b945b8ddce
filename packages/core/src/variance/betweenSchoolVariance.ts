import { analysisUsage, type AnalysisUsage } from '../table/analysisUsage.js';
import type { StudentData } from '../table/studentTable.js';
import { groupCount, groupedMoments, type GroupedMoments } from '../summary/groupedMoments.js';
import { weightedClusterSummary, type ClusterSummary, type VarianceUnavailable } from './clusterSummary.js';
import { iccAnova, type AnovaDecomposition } from './iccAnova.js';
import { iccMl, iccReml, iccWeighted, type RandomInterceptFit, type WeightedRandomInterceptFit } from './randomIntercept.js';
import { schoolEffects, type SchoolEffect } from './schoolEffects.js';
import { schoolMeanCV } from './schoolMeanCV.js';

/** Thresholds and reference for the verdict on between-school differences. */
export interface BetweenSchoolOptions {
  /** ICC at or above which differences are 较大 (default 0.15, the 优质均衡 line). */
  largeThreshold?: number;
  /** ICC below which differences are 较小 (default 0.10). */
  smallThreshold?: number;
  /** A reference share from outside the data, e.g. the national figure. */
  reference?: { icc: number; label: string };
  /** Confidence level (default 0.95). */
  level?: number;
}

/** Verdict wording keys: 校间差异较大 / 适中 / 较小. */
export type DifferenceLevel = 'large' | 'moderate' | 'small';

/** Comparison of a county's ICC with a reference share. */
export interface ReferenceComparison {
  label: string;
  icc: number;
  /** higher: CI entirely above the reference; lower: entirely below; similar otherwise. */
  comparison: 'higher' | 'similar' | 'lower';
}

/** The between-school decomposition of one county × year × grade. */
export interface CountyBetweenSchool {
  county: string | null;
  year: number | null;
  grade: number | null;
  schools: number;
  students: number;
  /** The estimate the verdict uses (REML; see betweenSchoolVariance for why, also with weights). */
  primary: 'REML';
  reml: RandomInterceptFit | VarianceUnavailable;
  ml: RandomInterceptFit | VarianceUnavailable;
  anova: AnovaDecomposition | VarianceUnavailable;
  weighted: WeightedRandomInterceptFit | VarianceUnavailable | null;
  /** Student-weighted coefficient of variation of school means (差异系数). */
  cv: number | null;
  level: DifferenceLevel | null;
  references: ReferenceComparison[];
  schoolsDetail: (SchoolEffect & { school: string })[];
}

/** The between-school section of results.json. */
export interface BetweenSchoolSummary {
  subject: string;
  method: string;
  thresholds: { large: number; small: number };
  usage: AnalysisUsage;
  counties: CountyBetweenSchool[];
  /** Province-wide shares per year × grade (all counties' schools pooled), when there are several counties. */
  province: { year: number | null; grade: number | null; icc: number | null; iccCI: [number, number] | null; schools: number }[];
}

function slice(g: GroupedMoments, rows: number[]): ClusterSummary & { sumWeights: Float64Array } {
  return {
    count: Float64Array.from(rows, (i) => g.count[i]!),
    mean: Float64Array.from(rows, (i) => g.mean[i]!),
    m2: Float64Array.from(rows, (i) => g.m2[i]!),
    sumWeights: Float64Array.from(rows, (i) => g.sumWeights[i]!),
  };
}

/**
 * Between-school variance of a subject (校间差异) per county × year × grade: REML, ML, ANOVA
 * with n₀, and the weighted pseudo-likelihood estimate when the data carry sampling weights;
 * school means with SEs and empirical-Bayes means; the
 * 差异系数; and a verdict: 较大 when ICC ≥ 0.15 (the 优质均衡 line), 较小 below 0.10, else 适中,
 * plus comparisons with the province (pooled schools) and any reference share given.
 * All from per-school summaries of one scan (unweighted, and weighted when there are weights).
 *
 * The verdict uses REML also when there are weights: its profile-likelihood interval covers
 * the true ICC in 94–96% of simulated counties (8–40 schools, ICC 0.05–0.5, test/variance),
 * and it is what lme4 reports; the weighted estimate is shown beside it, but its jackknife
 * interval covered only 84–98% in the same simulations (worst with 12 schools and ICC 0.05).
 *
 * @example
 * betweenSchoolVariance(data, 'math').counties[0].reml.icc; // => 0.18…
 */
export function betweenSchoolVariance(data: StudentData, subject: string, options: BetweenSchoolOptions = {}): BetweenSchoolSummary {
  const large = options.largeThreshold ?? 0.15;
  const small = options.smallThreshold ?? 0.1;
  const level = options.level ?? 0.95;
  const { usage } = analysisUsage(data, `betweenSchool.${subject}`, [subject]);
  const keys = ['county', 'year', 'grade', 'school'];
  const plain = groupedMoments(data.table, { keys, value: subject, weight: null });
  const weightedMoments = data.quality.weighted ? groupedMoments(data.table, { keys, value: subject }) : undefined;

  // School groups per county × year × grade (both scans meet groups in the same order).
  const cells = new Map<string, number[]>();
  const byYearGrade = new Map<string, number[]>();
  for (let g = 0; g < groupCount(plain); g++) {
    const key = JSON.stringify([plain.labels[0]![g], plain.labels[1]![g], plain.labels[2]![g]]);
    cells.set(key, [...(cells.get(key) ?? []), g]);
    const yg = JSON.stringify([plain.labels[1]![g], plain.labels[2]![g]]);
    byYearGrade.set(yg, [...(byYearGrade.get(yg) ?? []), g]);
  }
  const counties = new Set(plain.labels[0]);

  const province: BetweenSchoolSummary['province'] = [];
  const provinceIcc = new Map<string, number>();
  if (counties.size > 1) {
    for (const [yg, rows] of byYearGrade) {
      const [year, grade] = JSON.parse(yg) as [number | null, number | null];
      const f = iccReml(slice(plain, rows), level);
      province.push({ year, grade, icc: f.estimable ? f.icc : null, iccCI: f.estimable ? f.iccCI : null, schools: rows.length });
      if (f.estimable) provinceIcc.set(yg, f.icc);
    }
  }

  const results: CountyBetweenSchool[] = [];
  for (const [key, rows] of cells) {
    const [county, year, grade] = JSON.parse(key) as [string | null, number | null, number | null];
    const s = slice(plain, rows);
    const reml = iccReml(s, level);
    const ml = iccMl(s, level);
    const anova = iccAnova(s, level);
    const weighted = weightedMoments ? iccWeighted(weightedClusterSummary(slice(weightedMoments, rows)), level) : null;
    const primaryFit = reml;
    const references: ReferenceComparison[] = [];
    const compare = (label: string, icc: number): void => {
      if (!primaryFit.estimable) return;
      const [lo, hi] = primaryFit.iccCI;
      references.push({ label, icc, comparison: lo > icc ? 'higher' : hi < icc ? 'lower' : 'similar' });
    };
    const prov = provinceIcc.get(JSON.stringify([year, grade]));
    if (prov !== undefined) compare('province', prov);
    if (options.reference) compare(options.reference.label, options.reference.icc);
    const effects = reml.estimable ? schoolEffects(s, reml) : [];
    let students = 0;
    for (const r of rows) students += plain.count[r]!;
    results.push({
      county,
      year,
      grade,
      schools: rows.length,
      students,
      primary: 'REML',
      reml,
      ml,
      anova,
      weighted,
      cv: schoolMeanCV(weightedMoments ? slice(weightedMoments, rows) : s),
      level: primaryFit.estimable ? (primaryFit.icc >= large ? 'large' : primaryFit.icc < small ? 'small' : 'moderate') : null,
      references,
      schoolsDetail: effects.map((e, i) => ({ school: String(plain.labels[3]![rows[i]!]), ...e })),
    });
  }
  return {
    subject,
    method:
      'REML/ML of y = μ + u_school + e profiled exactly from per-school n, mean, SS (matches lme4::lmer); ANOVA with n0 and F-based CI (Searle 1971; Donner 1986); weighted: pseudo-ML with scaled weights (Rabe-Hesketh & Skrondal 2006), jackknife CI; REML CI: profile likelihood',
    thresholds: { large, small },
    usage,
    counties: results,
    province,
  };
}

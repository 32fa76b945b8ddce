import { primaryFit, type BetweenSchoolSummary } from '../variance/betweenSchoolVariance.js';
import type { CountyComparisonSummary } from '../survey/countyComparisons.js';
import type { KeyLabel } from '../summary/groupedMoments.js';
import { cutsOfGrade, scoreLevel } from './levelBands.js';
import type { LevelSummary, ShareEstimate } from './levelShares.js';
import type { NotAssessableReason } from '../survey/comparisonMark.js';

/** One condition of the check: met, not met, uncertain (the interval straddles the line), or not assessable. */
export type ConditionStatus = 'met' | 'not-met' | 'uncertain' | 'not-assessable';

/** The 优质均衡 check of one county × year × grade × subject. */
export interface BalancedCheck {
  subject: string;
  province: string | null;
  county: string;
  year: KeyLabel;
  grade: KeyLabel;
  /** The level a county must reach, and its lower cut in this grade. */
  levelName: string;
  cut: number | null;
  /** How "达到Ⅲ级以上" was judged: the county's mean score against the cut, or its share at or above the level against `shareLine`. */
  definition: 'mean' | 'share';
  /** The county's mean score with its 95% CI, and the level the mean is in. */
  mean: { estimate: number; lower: number; upper: number; level: string; reason?: NotAssessableReason } | null;
  /** The share of its students at or above the level (shown with either definition). */
  share: ShareEstimate | null;
  shareLine: number | null;
  levelStatus: ConditionStatus;
  /** The 校际差异率: the between-school share (ICC; weighted when the weights vary, else REML) with its 95% CI, against `iccLine`. */
  icc: { estimate: number; lower: number; upper: number } | null;
  iccLine: number;
  iccStatus: ConditionStatus;
  /** Both conditions: not met if either is not met, met if both are, else uncertain (or not assessable). */
  status: ConditionStatus;
}

/** A line crossed by an interval: met when the whole interval is on the good side. */
function against(lower: number, upper: number, line: number, good: 'above' | 'below'): ConditionStatus {
  if (good === 'above') return lower >= line ? 'met' : upper < line ? 'not-met' : 'uncertain';
  return upper < line ? 'met' : lower >= line ? 'not-met' : 'uncertain';
}

/**
 * The 县域义务教育优质均衡 check (优质均衡核查) per county × year × grade × subject: "监测相关科目
 * 学生学业水平达到Ⅲ级以上，且校际差异率低于 0.15" — the two conditions side by side, each met,
 * not met, or uncertain when its 95% interval straddles the line. The official formula is not
 * published, so the definition used is stated: the level is reached when the county's mean
 * score is at or above the level's lower cut (definition 'mean', the default), or when the share
 * of its students at or above the level is at least `shareLine` (definition 'share'); the
 * 校际差异率 is read as the between-school share (ICC) of the subject that the verdict uses
 * ({@link primaryFit}: weighted when the weights vary, else REML), below `iccLine`.
 *
 * @example
 * const data = studentTable(parseCsv(readFileSync('fixtures/county.csv', 'utf8'), 'county.csv'));
 * const results = analyzeStudents(data, { levels: { cuts: { math: { '4': [420, 500, 580], '8': [420, 500, 580] } } } });
 * balancedChecks(results.countyComparison, results.betweenSchool, results.levels.subjects)[0]; // => { county: '青山县', year: 2021, grade: 4, levelStatus: 'uncertain', iccStatus: 'uncertain', status: 'uncertain', … }
 */
export function balancedChecks(
  comparisons: readonly CountyComparisonSummary[],
  between: readonly BetweenSchoolSummary[],
  levels: readonly LevelSummary[],
  options: { definition?: 'mean' | 'share'; shareLine?: number | null; iccLine?: number } = {},
): BalancedCheck[] {
  const definition = options.definition ?? 'mean';
  const shareLine = definition === 'share' ? (options.shareLine ?? 0.5) : null;
  const iccLine = options.iccLine ?? 0.15;
  const out: BalancedCheck[] = [];
  for (const summary of levels) {
    const key = (province: unknown, county: unknown, year: unknown, grade: unknown) => JSON.stringify([province, county, year, grade]);
    const means = new Map<string, { estimate: number; lower: number; upper: number; reason?: NotAssessableReason }>();
    for (const cell of comparisons.find((c) => c.subject === summary.subject && c.indicator === null && c.share === null)?.cells ?? []) {
      for (const c of cell.counties)
        if (c.estimable)
          means.set(key(c.province, c.county, cell.year, cell.grade), {
            estimate: c.mean.mean,
            lower: c.mean.lower,
            upper: c.mean.upper,
            ...(c.mean.reason ? { reason: c.mean.reason } : {}),
          });
    }
    const iccs = new Map<string, { estimate: number; lower: number; upper: number }>();
    for (const c of between.find((b) => b.subject === summary.subject)?.counties ?? []) {
      const fit = primaryFit(c);
      if (fit.estimable) iccs.set(key(c.province, c.county, c.year, c.grade), { estimate: fit.icc, lower: fit.iccCI[0], upper: fit.iccCI[1] });
    }
    for (const cell of summary.cells) {
      const k = key(cell.province, cell.county, cell.year, cell.grade);
      const cuts = cutsOfGrade(summary.cuts, cell.grade);
      const cut = cuts ? cuts[summary.upperFrom - 1]! : null;
      const m = means.get(k);
      const mean = m && cuts ? { ...m, level: summary.names[scoreLevel(m.estimate, cuts)]! } : null;
      const levelStatus: ConditionStatus =
        definition === 'mean'
          ? mean && cut !== null && !mean.reason
            ? against(mean.lower, mean.upper, cut, 'above')
            : 'not-assessable'
          : cell.upper
            ? against(cell.upper.lower, cell.upper.upper, shareLine!, 'above')
            : 'not-assessable';
      const icc = iccs.get(k) ?? null;
      const iccStatus: ConditionStatus = icc ? against(icc.lower, icc.upper, iccLine, 'below') : 'not-assessable';
      const both = [levelStatus, iccStatus];
      const status: ConditionStatus = both.includes('not-met')
        ? 'not-met'
        : both.includes('not-assessable')
          ? 'not-assessable'
          : both.every((s) => s === 'met')
            ? 'met'
            : 'uncertain';
      out.push({
        subject: summary.subject,
        province: cell.province,
        county: cell.county!,
        year: cell.year,
        grade: cell.grade,
        levelName: summary.names[summary.upperFrom]!,
        cut,
        definition,
        mean,
        share: cell.upper,
        shareLine,
        levelStatus,
        icc,
        iccLine,
        iccStatus,
        status,
      });
    }
  }
  return out;
}

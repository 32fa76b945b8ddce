import type { AnalysisUsage } from '../table/analysisUsage.js';
import { requireSource, hasColumn, type Measure, type SummarySource } from '../summary/summarySource.js';
import type { KeyLabel } from '../summary/groupedMoments.js';
import type { ComparisonMark, NotAssessableReason } from './comparisonMark.js';
import { designContrast } from './designContrast.js';
import { groupCells } from '../summary/groupCells.js';
import { simpleDesign, type SurveyDesign } from './surveyDesign.js';

/** A gap between two groups of students inside one county × year × grade (县内差距). */
export interface DomainGap {
  province: KeyLabel;
  county: KeyLabel;
  year: KeyLabel;
  grade: KeyLabel;
  /** The two levels compared, a − b (e.g. 城区 − 乡村, M − F). */
  a: string;
  b: string;
  studentsA: number;
  studentsB: number;
  /** False when one level has no students in the cell (e.g. a county without 城区 schools); the figures are then null. */
  estimable: boolean;
  meanA: number | null;
  meanB: number | null;
  gap: number | null;
  se: number | null;
  lower: number | null;
  upper: number | null;
  pValue: number | null;
  mark: ComparisonMark | null;
  /** Set when the gap has no variance estimate (mark 'not-assessable'): the interval and p are NaN. */
  reason?: NotAssessableReason;
}

/**
 * Gaps inside each county (城乡差距、性别差距): the difference between the weighted means of two
 * levels of a student or school characteristic (sex M − F, locale 城区 − 乡村), per county ×
 * year × grade, under the survey design (schools as PSUs, a school may hold both levels;
 * replicate weights and plausible values as the design has them; see {@link designContrast}):
 *
 *   z_j = W_ja (ȳ_ja − ȳ_a)/W_a − W_jb (ȳ_jb − ȳ_b)/W_b,  v = J/(J − 1) Σ (z_j − z̄)²,
 *
 * as R `svycontrast(svyby(~y, ~sex, svydesign(ids = ~school, weights = ~w)), c(1, -1))` within
 * the county; normal reference. A cell where one level has no students is returned with
 * `estimable: false` (nothing is dropped silently).
 *
 * @example
 * const source = tableSource(studentTable(parseCsv(readFileSync('fixtures/county.csv', 'utf8'), 'county.csv')));
 * domainGap(source, 'math', 'locale', '城区', '乡村')[0]; // => { year: 2021, grade: 4, meanA: 489.82…, meanB: 505.42…, gap: -15.59…, mark: 'similar', … }
 */
export function domainGap(
  source: SummarySource,
  subject: string,
  by: string,
  a: string,
  b: string,
  options: { design?: SurveyDesign; level?: number } = {},
): DomainGap[] {
  requireSource(source, 'domainGap');
  if (!hasColumn(source, by)) return [];
  const level = options.level ?? 0.95;
  const design = options.design ?? simpleDesign(source);
  const columns = design.plausibleValues[subject] ?? [subject];
  const measures: Measure[] = columns.length === 1 ? [{ column: columns[0]! }] : columns.map((_, pv) => ({ columns, pv }));
  const all = source.entries({ keys: ['province', 'county', 'year', 'grade', 'school', by], measures, design });
  const cells = groupCells(all.size, 4, (k, e) => all.labels[k]![e]!);
  const byLabel = all.labels[5]!;
  const isA = (e: number) => byLabel[e] === a;
  const isB = (e: number) => byLabel[e] === b;
  const out: DomainGap[] = [];
  for (const { labels, rows } of cells) {
    const [province, county, year, grade] = labels as [KeyLabel, KeyLabel, KeyLabel, KeyLabel];
    let studentsA = 0;
    let studentsB = 0;
    for (const e of rows) {
      if (isA(e)) studentsA += all.count[e]!;
      if (isB(e)) studentsB += all.count[e]!;
    }
    const cell = { province, county, year, grade, a, b, studentsA, studentsB };
    if (!studentsA || !studentsB) {
      out.push({ ...cell, estimable: false, meanA: null, meanB: null, gap: null, se: null, lower: null, upper: null, pValue: null, mark: null });
      continue;
    }
    const d = designContrast(
      all,
      [
        { coefficient: 1, includes: isA },
        { coefficient: -1, includes: isB },
      ],
      { df: Infinity, level, rows },
    );
    out.push({
      ...cell,
      estimable: true,
      meanA: d.terms[0]!,
      meanB: d.terms[1]!,
      gap: d.estimate,
      se: d.se,
      lower: d.lower,
      upper: d.upper,
      pValue: d.pValue,
      mark: d.mark,
      ...(d.reason ? { reason: d.reason } : {}),
    });
  }
  return out;
}

/** Rows a gap analysis of a subject uses, with the reasons for the rest. */
export function domainGapUsage(source: SummarySource, subject: string, by: string, design?: SurveyDesign): AnalysisUsage {
  requireSource(source, 'domainGapUsage');
  const d = design ?? simpleDesign(source);
  const columns = d.plausibleValues[subject] ?? [subject];
  const replicates = d.replicates?.columns;
  return source.usage({ analysis: `gap.${subject}.${by}`, fields: [...columns, by], ...(replicates ? { replicates } : {}) });
}

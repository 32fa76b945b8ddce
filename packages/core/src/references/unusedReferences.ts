import type { BetweenSchoolSummary } from '../variance/betweenSchoolVariance.js';
import type { CountyComparisonSummary } from '../survey/countyComparisons.js';
import type { ReferenceValue } from './referenceValues.js';

/** A reference figure that no cell of the data was compared with, and why (未使用的参照值). */
export interface ReferenceUnused {
  /** Index into the reference figures. */
  reference: number;
  /** The data have no analysis of its measure and statistic; no such year; no such grade; or the cells of that year and grade had no estimate (e.g. single-school counties). */
  reason: 'measure-absent' | 'year-absent' | 'grade-absent' | 'not-estimable';
}

/**
 * The reference figures that no comparison used, each with the reason — so a figure given for
 * 2018 when the data are of 2024, or for science when the data have none, is reported, never
 * dropped silently.
 *
 * @example
 * const data = studentTable(parseCsv(readFileSync('fixtures/county.csv', 'utf8'), 'county.csv'));
 * const references = referencesFromList([{ level: 'nation', measure: 'math', year: 2018, estimate: 500 }, { level: 'nation', measure: 'math', year: 2024, estimate: 500 }], 'jiance.json');
 * const results = analyzeStudents(data, { references });
 * unusedReferences(references, results.countyComparison, results.betweenSchool); // => [{ reference: 0, reason: 'year-absent' }]
 */
export function unusedReferences(
  references: readonly ReferenceValue[],
  comparisons: readonly CountyComparisonSummary[],
  between: readonly BetweenSchoolSummary[],
): ReferenceUnused[] {
  if (!references.length) return [];
  const used = new Set<number>();
  // What each measure × statistic was analysed for: its years and grades.
  const analysed = new Map<string, { years: Set<unknown>; grades: Set<unknown> }>();
  const seen = (measure: string, statistic: string, year: unknown, grade: unknown): void => {
    const key = `${statistic}\u0000${measure}`;
    let a = analysed.get(key);
    if (!a) analysed.set(key, (a = { years: new Set(), grades: new Set() }));
    a.years.add(year);
    a.grades.add(grade);
  };
  for (const summary of comparisons) {
    const statistic = summary.indicator ? 'rate' : summary.share !== null ? `share:${summary.share}` : 'mean';
    for (const cell of summary.cells) {
      seen(summary.subject, statistic, cell.year, cell.grade);
      for (const r of cell.references) used.add(r.reference);
      for (const c of cell.counties) for (const r of c.references) used.add(r.reference);
    }
  }
  for (const summary of between) {
    for (const c of summary.counties) {
      seen(summary.subject, 'icc', c.year, c.grade);
      for (const r of c.references) if (r.reference !== null) used.add(r.reference);
    }
  }
  const out: ReferenceUnused[] = [];
  references.forEach((ref, reference) => {
    if (used.has(reference)) return;
    const statistic = ref.statistic === 'share' ? `share:${ref.level}` : ref.statistic;
    const candidates = [...analysed].filter(
      ([key]) => key === `${statistic}\u0000${ref.measure}` || (ref.measure === null && key.startsWith(`${statistic}\u0000`)),
    );
    const years = new Set(candidates.flatMap(([, a]) => [...a.years]));
    const grades = new Set(candidates.flatMap(([, a]) => [...a.grades]));
    const reason: ReferenceUnused['reason'] = !candidates.length
      ? 'measure-absent'
      : ref.year !== null && !years.has(ref.year)
        ? 'year-absent'
        : ref.grade !== null && !grades.has(ref.grade)
          ? 'grade-absent'
          : 'not-estimable';
    out.push({ reference, reason });
  });
  return out;
}

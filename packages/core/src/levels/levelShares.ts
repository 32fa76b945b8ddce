import type { AnalysisUsage } from '../table/analysisUsage.js';
import { kornGraubard } from '../rates/kornGraubard.js';
import type { ReferenceValue } from '../references/referenceValues.js';
import { groupCells } from '../summary/groupCells.js';
import type { KeyLabel } from '../summary/groupedMoments.js';
import { requireSource, hasColumn, type Measure, type ScoreBand, type SummarySource } from '../summary/summarySource.js';
import { countyComparisons, type CountyComparisonSummary } from '../survey/countyComparisons.js';
import { designContrast } from '../survey/designContrast.js';
import type { DesignEntries } from '../survey/designEntries.js';
import { designTrend, type DesignTrend } from '../survey/designTrend.js';
import { cellDegreesOfFreedom } from '../survey/cellDesign.js';
import { simpleDesign, type SurveyDesign } from '../survey/surveyDesign.js';
import { subjectBands, type LevelOptions } from './levelBands.js';

/** A share of students with its design SE, df and Korn–Graubard interval. */
export interface ShareEstimate {
  share: number;
  se: number;
  df: number;
  lower: number;
  upper: number;
}

/** The level shares of one cell: a county (or a province, or a domain of a county) × year × grade. */
export interface LevelCell {
  province: string | null;
  /** Null for a province's pooled cell. */
  county: string | null;
  year: KeyLabel;
  grade: KeyLabel;
  /** A domain of the county (boys, girls, 城区…), or null for all its students. */
  domain: { by: 'sex' | 'locale'; value: string } | null;
  students: number;
  schools: number;
  /** True when the shares are withheld (counts kept): fewer students than minCell (小样本不报告), or all in one school (no design SE). */
  suppressed: boolean;
  /** Why the shares are withheld. */
  reason: 'small-cell' | 'single-school' | null;
  /** Share at each level, lowest first (待提高, 中等, 良好, 优秀); null when suppressed. They add to 1. */
  shares: (ShareEstimate | null)[];
  /** 达到中等及以上: at or above the `passFrom` level. */
  pass: ShareEstimate | null;
  /** At or above the 优质均衡 level (Ⅲ by default). */
  upper: ShareEstimate | null;
}

/** The trends of a county × grade across years: its lowest level's share and its 中等及以上 share. */
export interface LevelTrend {
  province: string | null;
  county: string | null;
  grade: KeyLabel;
  lowest: DesignTrend | null;
  pass: DesignTrend | null;
}

/** The performance levels of one subject (学业水平). */
export interface LevelSummary {
  subject: string;
  /** Level names, lowest first. */
  names: string[];
  /** Index of the lowest level of 中等及以上. */
  passFrom: number;
  /** Index of the 优质均衡 level. */
  upperFrom: number;
  /** grade ("*": every grade) → three cuts. */
  cuts: Record<string, number[]>;
  minCell: number;
  method: string;
  design: { variance: 'taylor' | 'JK2' | 'BRR' | 'JK1'; plausibleValues: number; replicates: number };
  usage: AnalysisUsage;
  cells: LevelCell[];
  /** Provinces of two or more counties, all their schools pooled. */
  provinces: LevelCell[];
  /** Boys and girls, 城区/镇区/乡村, within each county. */
  domains: LevelCell[];
  trends: LevelTrend[];
  /** County against its province, ranks and references, for the 中等及以上 share and the lowest level's share. */
  comparisons: { pass: CountyComparisonSummary; lowest: CountyComparisonSummary };
}

/** Options of {@link levelShares}. */
export interface LevelShareOptions {
  levels: LevelOptions;
  design?: SurveyDesign;
  /** Cells with fewer students withhold their shares (default 10). */
  minCell?: number;
  level?: number;
  references?: readonly ReferenceValue[];
}

/**
 * Performance levels of a subject (学业水平): the share of students at each of the four levels
 * (优秀 / 良好 / 中等 / 待提高, from the configured cut scores), at 达到中等及以上, and at or
 * above the 优质均衡 level, per county × year × grade, per province (pooled, with two or more
 * counties) and per sex and locale within each county — weighted, with design-based SEs
 * (schools as PSUs in strata; replicate weights when the data carry them) and the Korn–Graubard
 * interval (`svyciprop(method = "beta")` with n = the cell's students and df = its design df:
 * schools − strata, or replicates − 1). With plausible values each one is classified and the
 * shares combined by Rubin's rules (`MIcombine`), the interval on the Barnard–Rubin df. Cells
 * under `minCell` students keep their counts and withhold the shares. Trends of the lowest
 * level's share and of 中等及以上 across years use the rates' design-based slope
 * ({@link designTrend}); the same two shares are compared with the province, ranked and set
 * against reference figures by {@link countyComparisons}. Returns null without cuts for the
 * subject, or with grade-specific cuts and no grade column.
 *
 * @example
 * const source = tableSource(studentTable(parseCsv(readFileSync('fixtures/county.csv', 'utf8'), 'county.csv')));
 * levelShares(source, 'math', { levels: { cuts: { math: { '4': [420, 500, 580] } } } })!.cells[0].pass!.share; // => 0.7514…
 */
export function levelShares(source: SummarySource, subject: string, options: LevelShareOptions): LevelSummary | null {
  requireSource(source, 'levelShares');
  const cuts = options.levels.cuts[subject];
  if (!cuts || !Object.keys(cuts).length) return null;
  if (!hasColumn(source, 'grade') && !cuts['*']) return null;
  const bands = subjectBands(cuts, options.levels);
  const level = options.level ?? 0.95;
  const minCell = options.minCell ?? 10;
  const design = options.design ?? simpleDesign(source);
  const columns = design.plausibleValues[subject] ?? [subject];
  const replicates = design.replicates?.columns;
  const measuresOf = (band: ScoreBand): Measure[] =>
    columns.length === 1
      ? [{ column: columns[0]!, band, ...(replicates ? { replicates } : {}) }]
      : columns.map((_, pv) => ({ columns, pv, band, ...(replicates ? { replicates } : {}) }));
  const keys = ['year', 'grade', 'province', 'county', 'school'];
  const request = (band: ScoreBand, by?: string): DesignEntries => source.entries({ keys: by ? [...keys, by] : keys, measures: measuresOf(band), design });
  const all = [...bands.levels, bands.pass, bands.upper];
  const entries = all.map((b) => request(b));
  const M = entries[0]!.plausibleValues;
  const R = entries[0]!.replicates;
  const base = source.usage({ analysis: `levels.${subject}`, fields: columns, ...(replicates ? { replicates } : {}) });
  let classified = 0;
  for (let e = 0; e < entries[0]!.size; e++) classified += entries[0]!.count[e]!;
  // Rows with a score in a grade without cut scores: counted, not lost.
  const unclassified = base.rowsUsed - classified;
  const usage: AnalysisUsage =
    unclassified > 0 ? { ...base, rowsUsed: classified, excluded: [...base.excluded, { rule: 'no_cut_scores', field: 'grade', count: unclassified }] } : base;

  /** The shares of a cell: `rows` are its entries (the same in every band's entries), `includes` a domain of them. */
  const estimate = (sets: readonly DesignEntries[], rows: readonly number[], students: number, includes?: (e: number) => boolean): ShareEstimate[] => {
    const df = cellDegreesOfFreedom(sets[0]!, rows, includes);
    return sets.map((set) => {
      const d = designContrast(set, [{ coefficient: 1, includes: includes ?? (() => true) }], { df, level, rows });
      const kg = kornGraubard(d.estimate, d.se * d.se, students, d.df, level);
      return { share: d.estimate, se: d.se, df: d.df, lower: kg.lower, upper: kg.upper };
    });
  };
  const studentsOf = (set: DesignEntries, rows: readonly number[], includes?: (e: number) => boolean): number => {
    let n = 0;
    for (const e of rows) if (!includes || includes(e)) n += set.count[e]!;
    return n;
  };
  const schoolsOf = (set: DesignEntries, rows: readonly number[], includes?: (e: number) => boolean): number =>
    new Set(rows.filter((e) => !includes || includes(e)).map((e) => set.psu[e])).size;
  const cellOf = (
    labels: { province: string | null; county: string | null; year: KeyLabel; grade: KeyLabel },
    sets: readonly DesignEntries[],
    rows: readonly number[],
    domain: LevelCell['domain'],
    includes?: (e: number) => boolean,
  ): LevelCell => {
    const students = studentsOf(sets[0]!, rows, includes);
    const schools = schoolsOf(sets[0]!, rows, includes);
    const withheld = (reason: LevelCell['reason']): LevelCell => ({
      ...labels,
      domain,
      students,
      schools,
      suppressed: true,
      reason,
      shares: bands.names.map(() => null),
      pass: null,
      upper: null,
    });
    if (students < minCell) return withheld('small-cell');
    // One school: no between-school variation to give the SE its degrees of freedom.
    if (schools < 2) return withheld('single-school');
    const shares = estimate(sets, rows, students, includes);
    const n = bands.names.length;
    return { ...labels, domain, students, schools, suppressed: false, reason: null, shares: shares.slice(0, n), pass: shares[n]!, upper: shares[n + 1]! };
  };

  const cells: LevelCell[] = [];
  const label = (k: number, e: number): KeyLabel => entries[0]!.labels[k]![e]!;
  for (const { labels, rows } of groupCells(entries[0]!.size, 4, label)) {
    const [year, grade, province, county] = labels as [KeyLabel, KeyLabel, string | null, string];
    cells.push(cellOf({ province, county, year, grade }, entries, rows, null));
  }
  // Provinces of two or more counties: every school of the province (its strata are its counties).
  const countiesOf = new Map<KeyLabel, Set<KeyLabel>>();
  for (let e = 0; e < entries[0]!.size; e++) {
    const p = label(2, e);
    if (!countiesOf.has(p)) countiesOf.set(p, new Set());
    countiesOf.get(p)!.add(label(3, e));
  }
  const provinces: LevelCell[] = [];
  for (const { labels, rows } of groupCells(entries[0]!.size, 3, label)) {
    const [year, grade, province] = labels as [KeyLabel, KeyLabel, string | null];
    if ((countiesOf.get(province)?.size ?? 0) < 2) continue;
    provinces.push(cellOf({ province, county: null, year, grade }, entries, rows, null));
  }
  // Domains: one scan per characteristic; a county's cell keeps every school (PSUs without
  // the domain's students count with zeros, as in R's subset of a design).
  const domains: LevelCell[] = [];
  for (const by of ['sex', 'locale'] as const) {
    if (!hasColumn(source, by)) continue;
    const sets = all.map((b) => request(b, by));
    const at = keys.length;
    for (const { labels, rows } of groupCells(sets[0]!.size, 4, (k, e) => sets[0]!.labels[k]![e]!)) {
      const [year, grade, province, county] = labels as [KeyLabel, KeyLabel, string | null, string];
      const values = [...new Set(rows.map((e) => sets[0]!.labels[at]![e]))].filter((v): v is string => v !== null).sort();
      for (const value of values) {
        const includes = (e: number): boolean => sets[0]!.labels[at]![e] === value;
        domains.push(cellOf({ province, county, year, grade }, sets, rows, { by, value }, includes));
      }
    }
  }
  // Trends across years per county × grade: the lowest level and 中等及以上.
  const trends: LevelTrend[] = [];
  const lowest = entries[0]!;
  const pass = entries[bands.names.length]!;
  for (const { labels, rows } of groupCells(lowest.size, 3, (k, e) => label([2, 3, 1][k]!, e))) {
    const [province, county, grade] = labels as [string | null, string, KeyLabel];
    trends.push({ province, county, grade, lowest: designTrend(lowest, rows, 0, level), pass: designTrend(pass, rows, 0, level) });
  }
  const compare = (band: ScoreBand, shareLevel: number | 'pass'): CountyComparisonSummary => ({
    ...countyComparisons(source, subject, {
      design,
      share: { band, level: shareLevel },
      level,
      ...(options.references ? { references: options.references } : {}),
    }),
    usage,
  });
  return {
    subject,
    names: bands.names,
    passFrom: bands.passFrom,
    upperFrom: bands.upperFrom,
    cuts: bands.cuts,
    minCell,
    method:
      `shares of students at each level from cut scores (a score equal to a cut is in the higher level); weighted, ${R > 0 ? `${design.replicates!.method.kind} replicate-weight SEs (survey::svrepdesign)` : 'Taylor-linearised SEs with schools as PSUs within strata (survey::svymean)'}` +
      `; Korn–Graubard intervals (svyciprop method = "beta")${M > 1 ? `; ${M} plausible values each classified, shares combined by Rubin's rules (mitools::MIcombine)` : ''}` +
      '; trends: design-based slope per year (svyglm, schools as clusters, years as strata)',
    design: { variance: entries[0]!.method?.kind ?? 'taylor', plausibleValues: M, replicates: R },
    usage,
    cells,
    provinces,
    domains,
    trends,
    comparisons: { pass: compare(bands.pass, 'pass'), lowest: compare(bands.levels[0]!, 0) },
  };
}

import { groupCount, type KeyLabel } from '../summary/groupedMoments.js';
import { groupCells } from '../summary/groupCells.js';
import { requireSource, type Measure, type SummarySource } from '../summary/summarySource.js';
import type { AnalysisUsage } from '../table/analysisUsage.js';
import type { IndicatorId } from '../indicators/indicatorValues.js';
import { rateClustered } from './rateClustered.js';
import { designContrast } from '../survey/designContrast.js';
import type { SurveyDesign } from '../survey/surveyDesign.js';
import { rateClopperPearson, rateWilson } from './rateInterval.js';

/** The detection rate of one cell (e.g. a county × year × grade). */
export interface RateCell {
  /** Values of the grouping keys, in the order of `by`. */
  keys: Record<string, KeyLabel>;
  students: number;
  schools: number;
  /** Students with the condition (unweighted count). */
  cases: number;
  /** True when students < minCell: rate and interval are withheld, counts kept. */
  suppressed: boolean;
  rate: number | null;
  se: number | null;
  designEffect: number | null;
  /** Korn–Graubard interval with schools as clusters. */
  lower: number | null;
  upper: number | null;
  /** Simple-random-sample intervals on the unweighted counts, for reference. */
  wilson: [number, number] | null;
  clopperPearson: [number, number] | null;
}

/** The school clusters of one rate cell as columns: Σw and the weighted rate of each school. */
export interface RateClusterSums {
  sumWeights: Float64Array;
  mean: Float64Array;
}

/** Detection rates of one indicator for every cell of a grouping. */
export interface DetectionRates {
  indicator: IndicatorId;
  by: string[];
  minCell: number;
  level: number;
  method: string;
  usage: AnalysisUsage;
  cells: RateCell[];
}

/** Options of {@link detectionRates}. */
export interface DetectionRateOptions {
  /** Grouping keys (default province, county, year, grade: a county is (province, county)); any role: sex, locale, school… */
  by?: readonly string[];
  /** Cells with fewer students are suppressed in what is shown (default 10). */
  minCell?: number;
  level?: number;
  /** The survey design; with replicate weights the SEs come from them (Taylor otherwise). */
  design?: SurveyDesign;
}

/**
 * Detection rates (检出率) of an indicator for any grouping, from one scan into per-school
 * sums: the weighted proportion Σwy/Σw, its Taylor-linearised SE with schools as clusters, the
 * design effect and the Korn–Graubard interval (`survey::svyciprop(method = "beta")`), plus
 * Wilson and Clopper–Pearson on the unweighted counts. Cells below `minCell` students keep
 * their counts but withhold the rate (小样本不报告), and say so.
 *
 * @example
 * const source = tableSource(studentTable(parseCsv(readFileSync('fixtures/county.csv', 'utf8'), 'county.csv')));
 * detectionRates(source, 'vision_poor').cells[0]; // => { keys: { province: '示例省', county: '青山县', year: 2021, grade: 4 }, students: 493, schools: 19, cases: 213, rate: 0.4285…, … }
 */
export function detectionRates(source: SummarySource, indicator: IndicatorId, options: DetectionRateOptions = {}): DetectionRates {
  return detectionRatesWithClusters(source, indicator, options).rates;
}

/**
 * {@link detectionRates} plus, for each cell (same order), its school clusters (Σw and weighted
 * rate per school), which design-based trend tests need.
 */
export function detectionRatesWithClusters(
  source: SummarySource,
  indicator: IndicatorId,
  options: DetectionRateOptions = {},
): { rates: DetectionRates; clusters: RateClusterSums[] } {
  requireSource(source, 'detectionRatesWithClusters');
  const by = [...(options.by ?? ['province', 'county', 'year', 'grade'])];
  const minCell = options.minCell ?? 10;
  const level = options.level ?? 0.95;
  const design = options.design;
  // Rows without their replicate weights leave every estimate, not only the SE.
  const replicates = design?.replicates?.columns;
  const measure: Measure = replicates ? { indicator, replicates } : { indicator };
  const usage = source.usage({ analysis: `rate.${indicator}`, fields: [], indicator, ...(replicates ? { replicates } : {}) });
  const keys = [...by, 'school'];
  // Replicate variances per cell, from one scan into per-school replicate totals.
  const replicateVariances = new Map<string, number>();
  if (design?.replicates) {
    const entries = source.entries({ keys, measures: [measure], design });
    for (const cell of groupCells(entries.size, by.length, (k, e) => entries.labels[k]![e]!)) {
      replicateVariances.set(
        JSON.stringify(cell.labels),
        designContrast(entries, [{ coefficient: 1, includes: () => true }], { df: Infinity, rows: cell.rows }).se ** 2,
      );
    }
  }
  const weighted = source.moments({ keys, measure, weighted: true });
  const plain = source.moments({ keys, measure, weighted: false });
  const cells = groupCells(groupCount(weighted), by.length, (k, g) => weighted.labels[k]![g]!);
  const replicateKey = (labels: KeyLabel[]): string => (replicateVariances.size ? JSON.stringify(labels) : '');
  const out: RateCell[] = [];
  const clusters: RateClusterSums[] = [];
  for (const { labels, rows: groups } of cells) {
    // Typed arrays per cell, no object per school (a national run has millions of school-years).
    const J = groups.length;
    const count = new Float64Array(J);
    const sumWeights = new Float64Array(J);
    const mean = new Float64Array(J);
    const sumWeightedCases = new Float64Array(J);
    let students = 0;
    let weightedCases = 0;
    for (let j = 0; j < J; j++) {
      const g = groups[j]!;
      count[j] = weighted.count[g]!;
      sumWeights[j] = weighted.sumWeights[g]!;
      mean[j] = weighted.mean[g]!;
      sumWeightedCases[j] = weighted.mean[g]! * weighted.sumWeights[g]!;
      students += count[j]!;
      // Both scans meet groups in the same order (same rows, same keys).
      weightedCases += plain.mean[g]! * plain.count[g]!;
    }
    clusters.push({ sumWeights, mean });
    const cases = Math.round(weightedCases);
    const keyLabels: Record<string, KeyLabel> = {};
    for (let k = 0; k < by.length; k++) keyLabels[by[k]!] = labels[k]!;
    if (students < minCell) {
      out.push({
        keys: keyLabels,
        students,
        schools: J,
        cases,
        suppressed: true,
        rate: null,
        se: null,
        designEffect: null,
        lower: null,
        upper: null,
        wilson: null,
        clopperPearson: null,
      });
      continue;
    }
    const r = rateClustered(
      { count, sumWeights, sumWeightedCases },
      level,
      replicateVariances.has(replicateKey(labels)) ? { variance: replicateVariances.get(replicateKey(labels))! } : {},
    );
    const w = rateWilson(cases, students, level);
    const cp = rateClopperPearson(cases, students, level);
    out.push({
      keys: keyLabels,
      students,
      schools: J,
      cases,
      suppressed: false,
      rate: r.rate,
      se: Number.isNaN(r.se) ? null : r.se,
      designEffect: Number.isFinite(r.designEffect) ? r.designEffect : null,
      lower: r.lower,
      upper: r.upper,
      wilson: [w.lower, w.upper],
      clopperPearson: [cp.lower, cp.upper],
    });
  }
  const rates: DetectionRates = {
    indicator,
    by,
    minCell,
    level,
    method: design?.replicates
      ? `weighted proportion; ${design.replicates.method.kind} replicate-weight SE (survey::svrepdesign); Korn–Graubard CI on it; Wilson and Clopper–Pearson on unweighted counts`
      : 'weighted proportion; Taylor-linearised SE with schools as PSUs (survey::svymean); Korn–Graubard CI (svyciprop method="beta"); Wilson and Clopper–Pearson on unweighted counts',
    usage,
    cells: out,
  };
  return { rates, clusters };
}

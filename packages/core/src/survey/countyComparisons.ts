import { analysisUsage, type AnalysisUsage } from '../table/analysisUsage.js';
import type { StudentData } from '../table/studentTable.js';
import { groupCount, groupedMoments, type KeyLabel } from '../summary/groupedMoments.js';
import { sampleVarianceOf } from '../summary/moments.js';
import { compareWithReference, pairwiseComparisons, type Difference } from './compareGroups.js';
import { compareWithTotal, type ComparisonWithTotal } from './compareWithTotal.js';
import { designMean, type DesignMean } from './designMean.js';
import { rankIntervals, type RankInterval } from './rankIntervals.js';

/** One county in one year × grade, against its province and an optional reference. */
export interface CountyComparison {
  county: string;
  mean: DesignMean;
  students: number;
  schools: number;
  /** Against the province including this county (overlap-aware SE), with the effect size. */
  province: ComparisonWithTotal & { effectSize: number | null };
  reference: Difference | null;
  rank: RankInterval;
}

/** County comparisons of a subject for one year × grade (县域比较). */
export interface YearGradeComparison {
  year: KeyLabel;
  grade: KeyLabel;
  province: DesignMean;
  /** Student-level SD of the subject in the province (for effect sizes). */
  provinceSD: number | null;
  counties: CountyComparison[];
  /** Every pair of counties, Holm-adjusted. */
  pairs: Difference[];
}

/** The county-comparison section of results.json. */
export interface CountyComparisonSummary {
  subject: string;
  method: string;
  usage: AnalysisUsage;
  cells: YearGradeComparison[];
}

/**
 * County comparisons of a subject (县域比较) per year × grade, from one scan into per-school
 * weighted sums: each county's design mean (schools as PSUs within county strata), its
 * difference from the province including itself (compareWithTotal, = svycontrast), Cohen's d
 * against the province SD, an optional reference (e.g. the national 500 with its SE), its rank
 * with a 95% interval from resampling schools, and all county pairs with Holm's correction.
 * Needs two or more counties. With `values` (an indicator's 0/1 values) the same machinery
 * compares detection rates; effect sizes are then relative to √(p(1 − p)) of the province.
 *
 * @example
 * countyComparisons(data, 'math', { reference: { label: '全国', estimate: 500 } }).cells[0].counties[0].province.mark; // => 'higher'
 */
export function countyComparisons(
  data: StudentData,
  subject: string,
  options: {
    reference?: { label: string; estimate: number; se?: number };
    level?: number;
    replicates?: number;
    seed?: number;
    /** Values to compare instead of the subject column (a 0/1 indicator: rates), with their usage. */
    values?: { values: Float64Array; usage: AnalysisUsage };
  } = {},
): CountyComparisonSummary {
  const level = options.level ?? 0.95;
  const usage = options.values?.usage ?? analysisUsage(data, `countyComparison.${subject}`, [subject]).usage;
  const g = groupedMoments(data.table, { keys: ['year', 'grade', 'county', 'school'], value: subject, ...(options.values ? { values: options.values.values } : {}) });
  const cells = new Map<string, number[]>();
  for (let i = 0; i < groupCount(g); i++) {
    const key = JSON.stringify([g.labels[0]![i], g.labels[1]![i]]);
    cells.set(key, [...(cells.get(key) ?? []), i]);
  }
  const out: YearGradeComparison[] = [];
  for (const [key, rows] of cells) {
    const [year, grade] = JSON.parse(key) as [KeyLabel, KeyLabel];
    const counties = [...new Set(rows.map((i) => String(g.labels[2]![i])))];
    if (counties.length < 2) continue;
    const clusters = rows.map((i) => ({ stratum: String(g.labels[2]![i]), sumWeights: g.sumWeights[i]!, mean: g.mean[i]!, county: String(g.labels[2]![i]), count: g.count[i]!, m2: g.m2[i]! }));
    const province = designMean(clusters, level);
    // Province student-level SD from the school moments (within + between, weighted).
    let W = 0;
    let ss = 0;
    let n = 0;
    for (const c of clusters) {
      W += c.sumWeights;
      n += c.count;
      ss += c.m2 + c.sumWeights * (c.mean - province.mean) ** 2;
    }
    const provinceSD = n > 1 ? Math.sqrt(sampleVarianceOf({ count: n, sumWeights: W, sumWeights2: 0, mean: province.mean, m2: ss })) : null;
    const ranks = rankIntervals(
      counties.map((c) => ({ label: c, schools: clusters.filter((x) => x.county === c) })),
      { level, replicates: options.replicates ?? 1000, seed: options.seed ?? 20261125 },
    );
    const perCounty: CountyComparison[] = counties.map((county, k) => {
      const own = clusters.filter((x) => x.county === county);
      const mean = designMean(own, level);
      const vsProvince = compareWithTotal(clusters.map((x) => ({ stratum: x.stratum, inGroup: x.county === county, sumWeights: x.sumWeights, mean: x.mean })), level);
      return {
        county,
        mean,
        students: own.reduce((a, x) => a + x.count, 0),
        schools: own.length,
        province: { ...vsProvince, effectSize: provinceSD ? vsProvince.difference / provinceSD : null },
        reference: options.reference ? compareWithReference({ label: county, estimate: mean.mean, se: mean.se }, options.reference, level) : null,
        rank: ranks[k]!,
      };
    });
    const pairs = pairwiseComparisons(perCounty.map((c) => ({ label: c.county, estimate: c.mean.mean, se: c.mean.se, ...(provinceSD ? { sd: provinceSD } : {}) })), level);
    out.push({ year, grade, province, provinceSD, counties: perCounty, pairs });
  }
  return {
    subject,
    method: 'weighted means with Taylor-linearised SEs, schools as PSUs within county strata (survey::svymean); county vs province with the overlap in the linearisation (svycontrast); ranks by resampling schools within counties; pairwise differences with Holm-adjusted p',
    usage,
    cells: out,
  };
}

import { pushTo } from '../summary/pushTo.js';
import type { AnalysisUsage } from '../table/analysisUsage.js';
import type { StudentData } from '../table/studentTable.js';
import type { IndicatorId, IndicatorOptions } from '../indicators/indicatorValues.js';
import { asSource, type Measure, type SummarySource } from '../summary/summarySource.js';
import type { KeyLabel } from '../summary/groupedMoments.js';
import { compareWithReference, holmAdjust, type Difference } from './compareGroups.js';
import { comparisonWithTotal, type ComparisonWithTotal } from './compareWithTotal.js';
import { designContrast, designEstimate, domainTotals, type DesignEstimate } from './designContrast.js';
import { TaylorCell, type ContrastParts } from './taylorCell.js';
import { groupCells } from '../summary/groupCells.js';
import type { DesignEntries } from './designEntries.js';
import type { DesignMean } from './designMean.js';
import { rankIntervals, type RankInterval } from './rankIntervals.js';
import { simpleDesign, type SurveyDesign } from './surveyDesign.js';

/** One county in one year × grade, against its province and an optional reference. */
export interface CountyComparison {
  county: string;
  /** False for a county with a single school in the cell: no between-school variation to give its SE, so it is listed but not compared or ranked. */
  estimable: boolean;
  reason: 'single_school' | null;
  mean: DesignMean;
  students: number;
  schools: number;
  /** Against the province including this county (overlap-aware SE), with the effect size. */
  province: (ComparisonWithTotal & { effectSize: number | null }) | null;
  reference: Difference | null;
  rank: RankInterval | null;
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
  /** True when there were more counties than `maxPairCounties` and the pairs were not listed. */
  pairsOmitted: boolean;
}

/** The county-comparison section of results.json. */
export interface CountyComparisonSummary {
  subject: string;
  method: string;
  /** How the SEs were obtained: Taylor (schools as PSUs) or the replicate method; plausible values combined. */
  design: { variance: 'taylor' | 'JK2' | 'BRR' | 'JK1'; plausibleValues: number; replicates: number; strata: string | null };
  usage: AnalysisUsage;
  cells: YearGradeComparison[];
}

/**
 * County comparisons of a subject (县域比较) per year × grade under the survey design, from one
 * scan into per-school design totals ({@link designEntries}): each county's mean, its
 * difference from the province including itself (the overlap enters the linearisation, =
 * `svycontrast(svyby(…), county − province)`), Cohen's d against the province SD, an optional
 * reference (e.g. the national 500 with its SE), its rank with a 95% interval from draws of
 * the county means ({@link rankIntervals}), and all county pairs with Holm's correction. Every SE follows the design: Taylor
 * with schools as PSUs in strata, or the replicate weights; with plausible values every
 * estimate is combined by Rubin's rules. Needs two or more counties. With `indicator` the
 * same machinery compares that indicator's detection rates; effect sizes are then
 * relative to √(p(1 − p)) of the province. A county with a single school in a cell is listed
 * with its mean but `estimable: false` (its SE would rest on no between-school variation);
 * the province mean still includes its students.
 *
 * @example
 * countyComparisons(data, 'math', { reference: { label: '全国', estimate: 500 } }).cells[0].counties[0].province.mark; // => 'higher'
 */
export function countyComparisons(
  data: StudentData | SummarySource,
  subject: string,
  options: {
    design?: SurveyDesign;
    reference?: { label: string; estimate: number; se?: number };
    level?: number;
    replicates?: number;
    seed?: number;
    /** List all county pairs up to this many counties (default 200: 19,900 pairs). */
    maxPairCounties?: number;
    /** Compare this indicator's detection rate instead of a subject (`subject` then names it). */
    indicator?: IndicatorId;
    /** Indicator definitions (anxiety cut-off, sleep requirement…) for a table. */
    indicatorOptions?: IndicatorOptions;
  } = {},
): CountyComparisonSummary {
  const level = options.level ?? 0.95;
  const source = asSource(data, options.indicatorOptions);
  const design = options.design ?? simpleDesign(source);
  const columns = options.indicator ? [] : (design.plausibleValues[subject] ?? [subject]);
  const replicates = design.replicates?.columns;
  const usage = source.usage({
    analysis: `countyComparison.${subject}`,
    fields: columns,
    ...(options.indicator ? { indicator: options.indicator } : {}),
    ...(replicates ? { replicates } : {}),
  });
  const measures: Measure[] = options.indicator ? [{ indicator: options.indicator }] : columns.length === 1 ? [{ column: columns[0]! }] : columns.map((_, pv) => ({ columns, pv }));
  const all = source.entries({ keys: ['year', 'grade', 'county', 'school'], measures, design });
  const M = measures.length;
  const cells = groupCells(all.size, 2, (k, e) => all.labels[k]![e]!);
  const countyLabels = all.labels[2]!;
  const inCounty = (county: string) => (e: number) => countyLabels[e] === county;
  const everyone = () => true;
  const asMean = (d: DesignEstimate): DesignMean => ({ mean: d.estimate, se: d.se, df: d.df, lower: d.lower, upper: d.upper, lonelyStrata: d.lonelyStrata, level: d.level });
  const dfOf = (list: readonly number[]) => new Set(list.map((e) => all.psu[e])).size - new Set(list.map((e) => all.strata[e])).size;
  const studentsOf = (list: readonly number[]) => list.reduce((a, e) => a + all.count[e]!, 0);
  const maxPairCounties = options.maxPairCounties ?? 200;
  const finish = (p: ContrastParts, df: number): DesignEstimate => designEstimate(p.estimates, p.variances, { df, level, variance: 'taylor', terms: p.terms, lonelyStrata: p.lonelyStrata });
  // Without replicates the counties' contrasts are computed straight from the entries' columns
  // (TaylorCell: designContrast's sums, in its order, without a closure or map per school).
  const taylorCell = all.replicates ? undefined : new TaylorCell(all);
  // Counties as integer codes, for the Taylor path's membership tests.
  const countyCodes = new Map<string, number>();
  const countyCode = Int32Array.from(countyLabels, (l) => {
    const c = String(l);
    let code = countyCodes.get(c);
    if (code === undefined) countyCodes.set(c, (code = countyCodes.size));
    return code;
  });
  const memberOf = (county: string): ((e: number) => boolean) => {
    const code = countyCodes.get(county)!;
    return (e) => countyCode[e] === code;
  };
  const out: YearGradeComparison[] = [];
  for (const { labels: cellLabels, rows } of cells) {
    const [year, grade] = cellLabels as [KeyLabel, KeyLabel];
    // Entries by county and by stratum: a county's estimates need only the strata its schools
    // are in (PSUs of other strata add exactly nothing), which keeps large provinces fast.
    const byCounty = new Map<string, number[]>();
    const byStratum = new Map<KeyLabel, number[]>();
    const psus = new Set<number>();
    for (const e of rows) {
      pushTo(byCounty, String(countyLabels[e]), e);
      pushTo(byStratum, all.strata[e]!, e);
      psus.add(all.psu[e]!);
    }
    const listed = [...byCounty.keys()];
    const schoolsOf = (c: string) => new Set(byCounty.get(c)!.map((e) => all.psu[e])).size;
    const counties = listed.filter((c) => schoolsOf(c) >= 2);
    const estimable = new Set(counties);
    const single = listed.filter((c) => !estimable.has(c));
    if (counties.length < 2) continue;
    // The typed path needs one entry per school (true of these keys, checked all the same).
    const taylor = taylorCell && psus.size === rows.length ? taylorCell : undefined;
    /** The entry lists of the strata of the counties given, in the order designContrast meets them. */
    const strataOf = (...cs: string[]): number[][] => [...new Set(cs.flatMap((c) => byCounty.get(c)!.map((e) => all.strata[e]!)))].map((h) => byStratum.get(h)!);
    const within = (...cs: string[]): number[] => strataOf(...cs).flat();
    const province = asMean(designContrast(all, [{ coefficient: 1, includes: everyone }], { df: dfOf(rows), level, rows }));
    const provinceTotals = domainTotals(all, everyone, rows);
    // Taylor: each stratum's share of the variance of −(province mean), per plausible value;
    // a county − province contrast recomputes only its own strata's shares.
    const stratumShare = new Map<KeyLabel, number[]>();
    const totalShare = new Array<number>(M).fill(0);
    if (!all.replicates) {
      for (const [h, list] of byStratum) {
        const v = taylor
          ? taylor.provinceShare(list, provinceTotals)
          : designContrast(all, [{ coefficient: -1, includes: everyone, totals: provinceTotals }], { df: Infinity, rows: list }).pvVariances;
        stratumShare.set(h, v);
        v.forEach((x, m) => (totalShare[m]! += x));
      }
    }
    const provinceSD = studentSD(all, rows, M);
    const means = new Map<string, DesignEstimate>();
    const perCounty: CountyComparison[] = single.map((county) => ({
      county,
      estimable: false,
      reason: 'single_school',
      mean: { ...asMean(designContrast(all, [{ coefficient: 1, includes: inCounty(county) }], { df: Infinity, level, rows: within(county) })), se: NaN, lower: NaN, upper: NaN },
      students: studentsOf(byCounty.get(county)!),
      schools: 1,
      province: null,
      reference: null,
      rank: null,
    }));
    // Each county's strata (its own schools and any sharing its strata), found once.
    const strataLists = new Map(counties.map((c) => [c, strataOf(c)]));
    for (const county of counties) {
      const df = dfOf(byCounty.get(county)!);
      means.set(
        county,
        taylor
          ? finish(taylor.county(strataLists.get(county)!, memberOf(county)), df)
          : designContrast(all, [{ coefficient: 1, includes: inCounty(county) }], { df, level, rows: strataLists.get(county)!.flat() }),
      );
    }
    // Ranks with intervals: draws of every county's mean from its design-based sampling
    // distribution (so replicate weights and plausible values count), ranked per draw.
    const ranks = rankIntervals(
      counties.map((c) => ({ label: c, estimate: means.get(c)!.estimate, se: means.get(c)!.se })),
      { level, replicates: options.replicates ?? 1000, seed: options.seed ?? 20261125 },
    );
    perCounty.unshift(...counties.map((county, k): CountyComparison => {
      const own = byCounty.get(county)!;
      const mean = means.get(county)!;
      const ownStrata = new Set(own.map((e) => all.strata[e]!));
      const outside = all.replicates ? [] : totalShare.map((t, m) => t - [...ownStrata].reduce((a: number, h) => a + stratumShare.get(h)![m]!, 0));
      // The county's own schools dominate the variance of county − province: t on its schools − 1.
      const df = Math.max(1, own.length - 1);
      const vs = taylor
        ? finish(taylor.county(strataLists.get(county)!, memberOf(county), { totals: provinceTotals, outside }), df)
        : designContrast(
            all,
            [{ coefficient: 1, includes: inCounty(county) }, { coefficient: -1, includes: everyone, totals: provinceTotals }],
            { df, level, rows: strataLists.get(county)!.flat(), ...(all.replicates ? {} : { outsideVariance: outside }) },
          );
      const vsProvince = comparisonWithTotal(vs);
      return {
        county,
        estimable: true,
        reason: null,
        mean: asMean(mean),
        students: studentsOf(own),
        schools: own.length,
        province: { ...vsProvince, effectSize: provinceSD ? vsProvince.difference / provinceSD : null },
        reference: options.reference ? compareWithReference({ label: county, estimate: mean.estimate, se: mean.se }, options.reference, level) : null,
        rank: ranks[k]!,
      };
    }));
    // Every pair under the design (independent strata under Taylor; shared replicates and
    // plausible values handled by the contrast), normal reference, Holm over all pairs. With
    // very many counties the pairs are not listed (they would number in the millions).
    const raw: Difference[] = [];
    if (counties.length <= maxPairCounties) {
      for (let i = 0; i < counties.length; i++) {
        for (let j = i + 1; j < counties.length; j++) {
          const d = designContrast(all, [{ coefficient: 1, includes: inCounty(counties[i]!) }, { coefficient: -1, includes: inCounty(counties[j]!) }], { df: Infinity, level, rows: within(counties[i]!, counties[j]!) });
          raw.push({ a: counties[i]!, b: counties[j]!, difference: d.estimate, se: d.se, lower: d.lower, upper: d.upper, pValue: d.pValue, adjustedP: d.pValue, effectSize: provinceSD ? d.estimate / provinceSD : null, mark: d.mark });
        }
      }
    }
    const adjusted = holmAdjust(raw.map((d) => d.pValue));
    const pairs = raw.map((d, k) => ({ ...d, adjustedP: adjusted[k]!, mark: adjusted[k]! < 1 - level ? (d.difference > 0 ? 'higher' : 'lower') : 'similar' }) as Difference);
    out.push({ year, grade, province, provinceSD, counties: perCounty, pairs, pairsOmitted: counties.length > maxPairCounties });
  }
  return {
    subject,
    method:
      (all.replicates ? `design means with ${design.replicates!.method.kind} replicate-weight SEs (survey::svrepdesign)` : 'design means with Taylor-linearised SEs, schools as PSUs within strata (survey::svymean)') +
      (M > 1 ? `; ${M} plausible values combined by Rubin's rules (mitools::MIcombine)` : '') +
      '; county vs province with the overlap in the contrast (svycontrast); rank intervals from 1,000 draws of the county means from their design-based sampling distributions; pairwise differences with Holm-adjusted p',
    design: { variance: all.method?.kind ?? 'taylor', plausibleValues: M, replicates: all.replicates, strata: design.strata },
    usage,
    cells: out,
  };
}

/** Student-level SD of the measure from the entries' full-weight totals, averaged over plausible values. */
function studentSD(all: DesignEntries, rows: readonly number[], M: number): number | null {
  let n = 0;
  for (const e of rows) n += all.count[e]!;
  if (n < 2) return null;
  const R = all.replicates;
  let sd = 0;
  for (let m = 0; m < M; m++) {
    let W = 0;
    let S = 0;
    let SS = 0;
    for (const e of rows) {
      W += all.sumWeights[e * (R + 1)]!;
      S += all.sumWY[(e * M + m) * (R + 1)]!;
      SS += all.sumWYY[e * M + m]!;
    }
    const mean = S / W;
    sd += Math.sqrt(((n / (n - 1)) * Math.max(0, SS / W - mean * mean))) / M;
  }
  return sd;
}

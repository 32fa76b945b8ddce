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
import type { DesignEntries, DesignEntry } from './designEntries.js';
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
  const cells = groupCells(all.entries.length, 2, (k, i) => all.entries[i]!.labels[k]!);
  const inCounty = (county: string) => (e: DesignEntry) => e.labels[2] === county;
  const everyone = () => true;
  const asMean = (d: DesignEstimate): DesignMean => ({ mean: d.estimate, se: d.se, df: d.df, lower: d.lower, upper: d.upper, lonelyStrata: d.lonelyStrata, level: d.level });
  const dfOf = (entries: readonly DesignEntry[]) => new Set(entries.map((e) => e.psu)).size - new Set(entries.map((e) => e.stratum)).size;
  const maxPairCounties = options.maxPairCounties ?? 200;
  const finish = (p: ContrastParts, df: number): DesignEstimate => designEstimate(p.estimates, p.variances, { df, level, variance: 'taylor', terms: p.terms, lonelyStrata: p.lonelyStrata });
  const out: YearGradeComparison[] = [];
  for (const { labels: cellLabels, rows } of cells) {
    const [year, grade] = cellLabels as [KeyLabel, KeyLabel];
    const entries = rows.map((i) => all.entries[i]!);
    // Entries by county and by stratum: a county's estimates need only the strata its schools
    // are in (PSUs of other strata add exactly nothing), which keeps large provinces fast.
    const byCounty = new Map<string, DesignEntry[]>();
    const byStratum = new Map<KeyLabel, DesignEntry[]>();
    // The same as indices into `entries` (for the typed Taylor path).
    const countyIndex = new Map<string, number[]>();
    const stratumIndex = new Map<KeyLabel, number[]>();
    const psus = new Set<string>();
    entries.forEach((e, k) => {
      pushTo(byCounty, String(e.labels[2]), e);
      pushTo(byStratum, e.stratum, e);
      pushTo(countyIndex, String(e.labels[2]), k);
      pushTo(stratumIndex, e.stratum, k);
      psus.add(e.psu);
    });
    const listed = [...byCounty.keys()];
    const schoolsOf = (c: string) => new Set(byCounty.get(c)!.map((e) => e.psu)).size;
    const counties = listed.filter((c) => schoolsOf(c) >= 2);
    const estimable = new Set(counties);
    const single = listed.filter((c) => !estimable.has(c));
    if (counties.length < 2) continue;
    // Without replicates and with one entry per school, the counties' contrasts are computed
    // on typed copies of the cell (TaylorCell: designContrast's sums, in its order).
    const taylor = !all.replicates && psus.size === entries.length ? new TaylorCell(entries, M) : undefined;
    const countyOf = new Map(listed.map((c, i) => [c, i]));
    const countyCode = Int32Array.from(entries, (e) => countyOf.get(String(e.labels[2]))!);
    /** The entry lists of a county's strata, in the order designContrast meets them. */
    const strataOf = (county: string): number[][] => [...new Set(byCounty.get(county)!.map((e) => e.stratum))].map((h) => stratumIndex.get(h)!);
    const cell = { ...all, entries };
    const within = (...cs: string[]): DesignEntries => {
      const strata = new Set(cs.flatMap((c) => byCounty.get(c)!.map((e) => e.stratum)));
      return { ...all, entries: [...strata].flatMap((h) => byStratum.get(h)!) };
    };
    const province = asMean(designContrast(cell, [{ coefficient: 1, includes: everyone }], { df: dfOf(entries), level }));
    const provinceTotals = domainTotals(cell);
    // Taylor: each stratum's share of the variance of −(province mean), per plausible value;
    // a county − province contrast recomputes only its own strata's shares.
    const stratumShare = new Map<KeyLabel, number[]>();
    const totalShare = new Array<number>(M).fill(0);
    if (!all.replicates) {
      for (const [h, list] of byStratum) {
        const v = taylor
          ? taylor.provinceShare(stratumIndex.get(h)!, provinceTotals)
          : designContrast({ ...all, entries: list }, [{ coefficient: -1, includes: everyone, totals: provinceTotals }], { df: Infinity }).pvVariances;
        stratumShare.set(h, v);
        v.forEach((x, m) => (totalShare[m]! += x));
      }
    }
    const provinceSD = studentSD(entries, M);
    const means = new Map<string, DesignEstimate>();
    const perCounty: CountyComparison[] = single.map((county) => {
      const own = byCounty.get(county)!;
      return {
        county,
        estimable: false,
        reason: 'single_school',
        mean: { ...asMean(designContrast(within(county), [{ coefficient: 1, includes: inCounty(county) }], { df: Infinity, level })), se: NaN, lower: NaN, upper: NaN },
        students: own.reduce((a, e) => a + e.count, 0),
        schools: 1,
        province: null,
        reference: null,
        rank: null,
      };
    });
    // Each county's strata (its own schools and any sharing its strata), found once.
    const subOf = new Map(counties.map((c) => [c, taylor ? undefined : within(c)]));
    const strataLists = new Map(counties.map((c) => [c, taylor ? strataOf(c) : []]));
    const memberOf = (county: string): ((e: number) => boolean) => {
      const code = countyOf.get(county)!;
      return (e) => countyCode[e] === code;
    };
    for (const county of counties) {
      const df = dfOf(byCounty.get(county)!);
      means.set(
        county,
        taylor
          ? finish(taylor.county(strataLists.get(county)!, memberOf(county)), df)
          : designContrast(subOf.get(county)!, [{ coefficient: 1, includes: inCounty(county) }], { df, level }),
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
      const ownStrata = new Set(own.map((e) => e.stratum));
      const outside = all.replicates ? [] : totalShare.map((t, m) => t - [...ownStrata].reduce((a: number, h) => a + stratumShare.get(h)![m]!, 0));
      // The county's own schools dominate the variance of county − province: t on its schools − 1.
      const df = Math.max(1, own.length - 1);
      const vs = taylor
        ? finish(taylor.county(strataLists.get(county)!, memberOf(county), { totals: provinceTotals, outside }), df)
        : designContrast(
            subOf.get(county)!,
            [{ coefficient: 1, includes: inCounty(county) }, { coefficient: -1, includes: everyone, totals: provinceTotals }],
            { df, level, ...(all.replicates ? {} : { outsideVariance: outside }) },
          );
      const vsProvince = comparisonWithTotal(vs);
      return {
        county,
        estimable: true,
        reason: null,
        mean: asMean(mean),
        students: own.reduce((a, e) => a + e.count, 0),
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
          const d = designContrast(within(counties[i]!, counties[j]!), [{ coefficient: 1, includes: inCounty(counties[i]!) }, { coefficient: -1, includes: inCounty(counties[j]!) }], { df: Infinity, level });
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
function studentSD(entries: readonly DesignEntry[], M: number): number | null {
  let n = 0;
  for (const e of entries) n += e.count;
  if (n < 2) return null;
  let sd = 0;
  for (let m = 0; m < M; m++) {
    let W = 0;
    let S = 0;
    let SS = 0;
    for (const e of entries) {
      W += e.sumWeights[0]!;
      S += e.sumWY[m * (e.sumWeights.length)]!;
      SS += e.sumWYY[m]!;
    }
    const mean = S / W;
    sd += Math.sqrt(((n / (n - 1)) * Math.max(0, SS / W - mean * mean))) / M;
  }
  return sd;
}

import { pushTo } from '../summary/pushTo.js';
import type { AnalysisUsage } from '../table/analysisUsage.js';
import type { IndicatorId } from '../indicators/indicatorValues.js';
import { requireSource, derivedInputs, type DerivedId, type Measure, type ScoreBand, type SummarySource } from '../summary/summarySource.js';
import type { KeyLabel } from '../summary/groupedMoments.js';
import { holmMarks, type Difference } from './compareGroups.js';
import { assessable, type NotAssessableReason } from './comparisonMark.js';
import { comparisonWithTotal, type ComparisonWithTotal } from './compareWithTotal.js';
import { designContrast, designEstimate, domainTotals, type DesignEstimate } from './designContrast.js';
import { TaylorCell, type ContrastParts } from './taylorCell.js';
import { groupCells } from '../summary/groupCells.js';
import type { DesignEntries } from './designEntries.js';
import type { DesignMean } from './designMean.js';
import { rankIntervals, type RankInterval } from './rankIntervals.js';
import { simpleDesign, type SurveyDesign } from './surveyDesign.js';
import { stratumIds } from './stratumIds.js';
import { legacyReference, referencesForCell, type ReferenceScope, type ReferenceValue } from '../references/referenceValues.js';
import { referenceDifference, type ReferenceDifference } from '../references/referenceDifference.js';

/** A county or province as compared: its mean, its size, and whether it can be compared at all. */
interface AreaBase {
  /** False for an area with a single school in the cell: no between-school variation to give its SE, so it is listed but not compared or ranked. */
  estimable: boolean;
  /** Why the area is not compared or ranked: one school, or a mean without a variance estimate (SE 0: no rank interval). */
  reason: 'single_school' | NotAssessableReason | null;
  mean: DesignMean;
  students: number;
  schools: number;
  /** Rank among the estimable counties of its province (a province: among the provinces), with a 95% interval; null with fewer than two. */
  /** Null when not compared, or when the area's mean has no variance estimate (SE 0): no interval can be drawn. */
  rank: RankInterval | null;
}

/** An area's mean against the total it is part of (overlap-aware SE), with the effect size. */
export type ComparisonWithPart = ComparisonWithTotal & { effectSize: number | null };

/** One county in one year × grade, against its own province and the reference figures. */
export interface CountyComparison extends AreaBase {
  /** The county's province (null: the data have no 省份, or it was blank). A county is (province, county). */
  province: string | null;
  county: string;
  /** Against its own province in the data (null with fewer than two estimable counties in the province). */
  vsProvince: ComparisonWithPart | null;
  /** Against the province's and the nation's reference figures given (参照值). */
  references: ReferenceDifference[];
}

/** County comparisons of one province in one year × grade (县域比较：县与本省). */
export interface YearGradeComparison {
  year: KeyLabel;
  grade: KeyLabel;
  province: string | null;
  /** The province's mean from the data (all its counties' schools). With one county it is that county's mean. */
  provinceMean: DesignMean;
  /** Student-level SD of the subject in the province (for effect sizes). */
  provinceSD: number | null;
  counties: CountyComparison[];
  /** The province's mean against the nation's reference figures (only with two or more counties in the province). */
  references: ReferenceDifference[];
  /** Every pair of the province's counties, Holm-adjusted. */
  pairs: Difference[];
  /** True when there were more counties than `maxPairCounties` and the pairs were not listed. */
  pairsOmitted: boolean;
}

/** One province in one year × grade against the nation (the whole file). */
export interface ProvinceComparison extends AreaBase {
  province: string | null;
  /** Counties of the province in the cell. */
  counties: number;
  /** Against the nation in the data (overlap-aware); null with fewer than two estimable provinces. */
  vsNation: ComparisonWithPart | null;
}

/** Provinces against the nation in one year × grade, when the data hold two or more provinces (省与全国). */
export interface NationComparison {
  year: KeyLabel;
  grade: KeyLabel;
  /** The nation's mean: every school of the file. */
  nationMean: DesignMean;
  nationSD: number | null;
  provinces: ProvinceComparison[];
  /** Every pair of provinces, Holm-adjusted. */
  pairs: Difference[];
  pairsOmitted: boolean;
}

/** The county-comparison section of results.json. */
export interface CountyComparisonSummary {
  subject: string;
  /** The indicator whose detection rates are compared (`subject` names it), or null for a subject's scores. */
  indicator: IndicatorId | null;
  /** The performance level whose share is compared (0 = lowest, 'pass' = 中等及以上), or null. */
  share: number | 'pass' | null;
  method: string;
  /** How the SEs were obtained: Taylor (schools as PSUs) or the replicate method; plausible values combined. */
  design: { variance: 'taylor' | 'JK2' | 'BRR' | 'JK1'; plausibleValues: number; replicates: number; strata: string | null };
  usage: AnalysisUsage;
  /** One cell per year × grade × province (counties against their own province). */
  cells: YearGradeComparison[];
  /** One cell per year × grade with two or more provinces (provinces against the nation). */
  nation: NationComparison[];
}

/** Options of {@link countyComparisons}. */
export interface CountyComparisonOptions {
  design?: SurveyDesign;
  /** Reference figures (参照值) of the province and the nation; those of this subject or indicator are used. */
  references?: readonly ReferenceValue[];
  /** One reference for every year and grade (the older form; e.g. the national 500 with its SE). */
  reference?: { label: string; estimate: number; se?: number };
  level?: number;
  replicates?: number;
  seed?: number;
  /** List all county pairs up to this many counties (default 200: 19,900 pairs). */
  maxPairCounties?: number;
  /** Compare this indicator's detection rate instead of a subject (`subject` then names it). */
  indicator?: IndicatorId;
  /** Compare a derived health measure's mean (BMI, the worse eye's acuity; `subject` then names it). */
  derived?: DerivedId;
  /** Compare the share of the subject's students in a score band (a performance level, or 中等及以上) instead of its mean. */
  share?: { band: ScoreBand; level: number | 'pass' };
}

/**
 * County comparisons of a subject (县域比较) per year × grade under the survey design, from one
 * scan into per-school design totals ({@link designEntries}). A county is (province, county):
 * each county is compared with **its own** province — its mean, the difference from the
 * province including itself (the overlap enters the linearisation, = `svycontrast(svyby(…),
 * county − province)`), Cohen's d against the province SD, its rank among the province's
 * counties with a 95% interval from draws of the county means ({@link rankIntervals}), and all
 * pairs of the province's counties with Holm's correction. With two or more provinces, each
 * province is compared with the nation (the whole file) in the same way and the provinces are
 * ranked. Strata are nested in provinces ({@link stratumIds}). Every SE follows the design:
 * Taylor with schools as PSUs in strata, or the replicate weights; with plausible values every
 * estimate is combined by Rubin's rules. With `indicator` the same machinery compares that
 * indicator's detection rates; effect sizes are then relative to √(p(1 − p)) of the province.
 *
 * Reference figures (`references`, 参照值: the province's and the nation's results of the
 * feedback report) of the subject are compared with every county's mean
 * ({@link referenceDifference}), and the nation's with the province's when the province has two
 * or more counties. A file of one county gets its means and these comparisons. A county (or
 * province) with a single school in a cell is listed with its mean but `estimable: false` (its
 * SE would rest on no between-school variation); the total still includes its students.
 *
 * @example
 * const source = tableSource(studentTable(parseCsv(readFileSync('fixtures/province.csv', 'utf8'), 'province.csv')));
 * countyComparisons(source, 'math').cells[0].counties.map((c) => [c.county, c.vsProvince!.mark]); // => [['青山县', 'similar'], ['河东区', 'higher'], ['白水县', 'similar'], ['石门县', 'lower'], ['平安县', 'similar']]
 */
export function countyComparisons(source: SummarySource, subject: string, options: CountyComparisonOptions = {}): CountyComparisonSummary {
  requireSource(source, 'countyComparisons');
  const level = options.level ?? 0.95;
  const design = options.design ?? simpleDesign(source);
  const columns = options.indicator || options.derived ? [] : (design.plausibleValues[subject] ?? [subject]);
  const replicates = design.replicates?.columns;
  const usage = source.usage({
    analysis: `countyComparison.${subject}`,
    fields: options.derived ? [...derivedInputs[options.derived]] : columns,
    ...(options.indicator ? { indicator: options.indicator } : {}),
    ...(replicates ? { replicates } : {}),
  });
  const band = options.share ? { band: options.share.band } : {};
  const measures: Measure[] = options.indicator
    ? [{ indicator: options.indicator }]
    : options.derived
      ? [{ derived: options.derived }]
      : columns.length === 1
        ? [{ column: columns[0]!, ...band }]
        : columns.map((_, pv) => ({ columns, pv, ...band }));
  const all = source.entries({ keys: ['year', 'grade', 'province', 'county', 'school'], measures, design });
  const M = measures.length;
  const references = [...(options.references ?? []), ...(options.reference ? [legacyReference(options.reference)] : [])];
  const statistic = options.indicator ? 'rate' : options.share ? 'share' : 'mean';
  const shareLevel = options.share?.level ?? null;
  const provinceLabels = all.labels[2]! as (string | null)[];
  const countyLabels = all.labels[3]!;
  const provinces = [...new Set(provinceLabels)];
  // Areas as integer codes per entry: a county is (province, county), so same-named counties of two provinces stay apart.
  const provinceCode = areaCodes(all.size, (e) => provinceLabels[e]!);
  const countyCode = areaCodes(
    all.size,
    (e) => provinceLabels[e]!,
    (e) => countyLabels[e]!,
  );
  const countyName = (code: number): string => String(countyCode.labels[code]![1]);
  const provinceName = (code: number): string | null => provinceCode.labels[code]![0] as string | null;
  const compare: AreaCompare = {
    all,
    level,
    M,
    maxPairs: options.maxPairCounties ?? 200,
    replicates: options.replicates ?? 1000,
    seed: options.seed ?? 20261125,
    // Without replicates the contrasts are computed straight from the entries' columns
    // (TaylorCell: designContrast's sums, in its order, without a closure or map per school).
    taylorCell: all.replicates ? undefined : new TaylorCell(all),
    stratum: stratumIds(all),
  };
  const cells: YearGradeComparison[] = [];
  const nation: NationComparison[] = [];
  for (const { labels: cellLabels, rows } of groupCells(all.size, 2, (k, e) => all.labels[k]![e]!)) {
    const [year, grade] = cellLabels as [KeyLabel, KeyLabel];
    const refs = (province: string | null, scopes: readonly ReferenceScope[]) =>
      referencesForCell(references, { measure: subject, statistic, level: shareLevel, year, grade, province }, scopes, provinces);
    const versus = (own: DesignMean, list: ReturnType<typeof refs>): ReferenceDifference[] =>
      list.map(({ reference, index }) => referenceDifference({ estimate: own.mean, se: own.se, df: own.df }, reference, index, level));
    const byProvince = new Map<string | null, number[]>();
    for (const e of rows) pushTo(byProvince, provinceLabels[e]!, e);
    for (const [province, provinceRows] of byProvince) {
      const within = compareAreas(compare, provinceRows, { codes: countyCode.codes, name: countyName }, (own) => Math.max(1, own.length - 1));
      const countyRefs = refs(province, ['province', 'nation']);
      cells.push({
        year,
        grade,
        province,
        provinceMean: within.total,
        provinceSD: within.totalSD,
        counties: within.areas.map(({ code, vsTotal, ...area }) => ({
          province,
          county: countyName(code),
          ...area,
          vsProvince: vsTotal,
          references: area.estimable ? versus(area.mean, countyRefs) : [],
        })),
        references: within.areas.length >= 2 ? versus(within.total, refs(province, ['nation'])) : [],
        pairs: within.pairs,
        pairsOmitted: within.pairsOmitted,
      });
    }
    if (byProvince.size < 2) continue;
    // Provinces against the nation (the whole file), as counties against their province.
    const across = compareAreas(compare, rows, { codes: provinceCode.codes, name: (code) => provinceName(code) ?? '' }, (own, dfOf) => Math.max(1, dfOf(own)));
    nation.push({
      year,
      grade,
      nationMean: across.total,
      nationSD: across.totalSD,
      provinces: across.areas.map(({ code, vsTotal, ...area }) => ({
        province: provinceName(code),
        ...area,
        counties: new Set(byProvince.get(provinceName(code))!.map((e) => countyCode.codes[e])).size,
        vsNation: vsTotal,
      })),
      pairs: across.pairs,
      pairsOmitted: across.pairsOmitted,
    });
  }
  return {
    subject,
    indicator: options.indicator ?? null,
    share: shareLevel,
    method:
      (all.replicates
        ? `design means with ${design.replicates!.method.kind} replicate-weight SEs (survey::svrepdesign)`
        : 'design means with Taylor-linearised SEs, schools as PSUs within strata nested in provinces (survey::svymean)') +
      (M > 1 ? `; ${M} plausible values combined by Rubin's rules (mitools::MIcombine)` : '') +
      '; county vs its own province (and province vs nation) with the overlap in the contrast (svycontrast); rank intervals from 1,000 draws of the means from their design-based sampling distributions; pairwise differences with Holm-adjusted p; reference figures: independent samples when they carry an SE, a fixed value otherwise',
    design: { variance: all.method?.kind ?? 'taylor', plausibleValues: M, replicates: all.replicates, strata: design.strata },
    usage,
    cells,
    nation,
  };
}

/** Integer codes of the areas of each entry (a province; a (province, county)), numbered in order of first appearance, with their labels. */
function areaCodes(size: number, ...parts: ((e: number) => KeyLabel)[]): { codes: Int32Array; labels: KeyLabel[][] } {
  const root = new Map<KeyLabel, unknown>();
  const labels: KeyLabel[][] = [];
  const codes = new Int32Array(size);
  for (let e = 0; e < size; e++) {
    let level = root;
    for (let k = 0; k < parts.length - 1; k++) {
      const l = parts[k]!(e);
      let next = level.get(l) as Map<KeyLabel, unknown> | undefined;
      if (!next) level.set(l, (next = new Map()));
      level = next;
    }
    const l = parts[parts.length - 1]!(e);
    let code = level.get(l) as number | undefined;
    if (code === undefined) {
      level.set(l, (code = labels.length));
      labels.push(parts.map((p) => p(e)));
    }
    codes[e] = code;
  }
  return { codes, labels };
}

/** What {@link compareAreas} needs of the whole comparison. */
interface AreaCompare {
  all: DesignEntries;
  level: number;
  M: number;
  maxPairs: number;
  replicates: number;
  seed: number;
  taylorCell: TaylorCell | undefined;
  stratum: Int32Array;
}

/** An area's comparison before it is named (`code` into the area codes). */
type AreaResult = AreaBase & { code: number; vsTotal: ComparisonWithPart | null };

/**
 * The areas (counties of a province, or provinces of the nation) of one design cell against
 * their total: each area's mean; with two or more estimable areas, each against the total
 * including itself (overlap-aware), ranks with intervals, and Holm-adjusted pairs (labelled by
 * area code). `rows` are the cell's entries, `areaOf` each entry's area code, `dfVsTotal` the
 * df of an area − total contrast from the area's own entries.
 */
function compareAreas(
  ctx: AreaCompare,
  rows: readonly number[],
  area: { codes: Int32Array; name: (code: number) => string },
  dfVsTotal: (own: readonly number[], dfOf: (list: readonly number[]) => number) => number,
): { total: DesignMean; totalSD: number | null; areas: AreaResult[]; pairs: Difference[]; pairsOmitted: boolean } {
  const { all, level, M, stratum } = ctx;
  const areaOf = area.codes;
  const dfOf = (list: readonly number[]) => new Set(list.map((e) => all.psu[e])).size - new Set(list.map((e) => stratum[e])).size;
  const inArea = (code: number) => (e: number) => areaOf[e] === code;
  const everyone = () => true;
  const asMean = (d: DesignEstimate): DesignMean => ({
    mean: d.estimate,
    se: d.se,
    df: d.df,
    lower: d.lower,
    upper: d.upper,
    lonelyStrata: d.lonelyStrata,
    level: d.level,
    ...(d.reason ? { reason: d.reason } : {}),
  });
  const studentsOf = (list: readonly number[]) => list.reduce((a, e) => a + all.count[e]!, 0);
  const finish = (p: ContrastParts, df: number): DesignEstimate =>
    designEstimate(p.estimates, p.variances, { df, level, variance: 'taylor', terms: p.terms, lonelyStrata: p.lonelyStrata });
  // Entries by area and by stratum: an area's estimates need only the strata its schools
  // are in (PSUs of other strata add exactly nothing), which keeps large provinces fast.
  const byArea = new Map<number, number[]>();
  const byStratum = new Map<number, number[]>();
  const psus = new Set<number>();
  for (const e of rows) {
    pushTo(byArea, areaOf[e]!, e);
    pushTo(byStratum, stratum[e]!, e);
    psus.add(all.psu[e]!);
  }
  const listed = [...byArea.keys()];
  const schoolsOf = (c: number) => new Set(byArea.get(c)!.map((e) => all.psu[e])).size;
  const areas = listed.filter((c) => schoolsOf(c) >= 2);
  const estimable = new Set(areas);
  const single = listed.filter((c) => !estimable.has(c));
  const compared = areas.length >= 2;
  // The typed path needs one entry per school (true of these keys, checked all the same).
  const taylor = ctx.taylorCell && psus.size === rows.length ? ctx.taylorCell : undefined;
  /** The entry lists of the strata of the areas given, in the order designContrast meets them. */
  const strataOf = (...cs: number[]): number[][] => [...new Set(cs.flatMap((c) => byArea.get(c)!.map((e) => stratum[e]!)))].map((h) => byStratum.get(h)!);
  const within = (...cs: number[]): number[] => strataOf(...cs).flat();
  const total = asMean(designContrast(all, [{ coefficient: 1, includes: everyone }], { df: dfOf(rows), level, rows }));
  const totalTotals = domainTotals(all, everyone, rows);
  // Taylor: each stratum's share of the variance of −(total mean), per plausible value;
  // an area − total contrast recomputes only its own strata's shares.
  const stratumShare = new Map<number, number[]>();
  const totalShare = new Array<number>(M).fill(0);
  if (!all.replicates && compared) {
    for (const [h, list] of byStratum) {
      const v = taylor
        ? taylor.provinceShare(list, totalTotals)
        : designContrast(all, [{ coefficient: -1, includes: everyone, totals: totalTotals }], { df: Infinity, rows: list }).pvVariances;
      stratumShare.set(h, v);
      v.forEach((x, m) => (totalShare[m]! += x));
    }
  }
  const totalSD = studentSD(all, rows, M);
  const out: AreaResult[] = single.map((code) => ({
    code,
    estimable: false,
    reason: 'single_school',
    mean: {
      ...asMean(designContrast(all, [{ coefficient: 1, includes: inArea(code) }], { df: Infinity, level, rows: within(code) })),
      se: NaN,
      lower: NaN,
      upper: NaN,
    },
    students: studentsOf(byArea.get(code)!),
    schools: 1,
    vsTotal: null,
    rank: null,
  }));
  // Each area's strata (its own schools and any sharing its strata), found once.
  const strataLists = new Map(areas.map((c) => [c, strataOf(c)]));
  const means = new Map<number, DesignEstimate>();
  for (const code of areas) {
    const df = dfOf(byArea.get(code)!);
    means.set(
      code,
      taylor
        ? finish(taylor.county(strataLists.get(code)!, inArea(code)), df)
        : designContrast(all, [{ coefficient: 1, includes: inArea(code) }], { df, level, rows: strataLists.get(code)!.flat() }),
    );
  }
  // Ranks with intervals: draws of every area's mean from its design-based sampling
  // distribution (so replicate weights and plausible values count), ranked per draw.
  const ranks = compared
    ? rankIntervals(
        areas.map((c) => ({ label: area.name(c), estimate: means.get(c)!.estimate, se: means.get(c)!.se })),
        { level, replicates: ctx.replicates, seed: ctx.seed },
      )
    : [];
  out.unshift(
    ...areas.map((code, k): AreaResult => {
      const own = byArea.get(code)!;
      const mean = means.get(code)!;
      let vsTotal: ComparisonWithPart | null = null;
      if (compared) {
        const ownStrata = new Set(own.map((e) => stratum[e]!));
        const outside = all.replicates ? [] : totalShare.map((t, m) => t - [...ownStrata].reduce((a: number, h) => a + stratumShare.get(h)![m]!, 0));
        // The area's own schools dominate the variance of area − total: t on dfVsTotal(own).
        const df = dfVsTotal(own, dfOf);
        const vs = taylor
          ? finish(taylor.county(strataLists.get(code)!, inArea(code), { totals: totalTotals, outside }), df)
          : designContrast(
              all,
              [
                { coefficient: 1, includes: inArea(code) },
                { coefficient: -1, includes: everyone, totals: totalTotals },
              ],
              { df, level, rows: strataLists.get(code)!.flat(), ...(all.replicates ? {} : { outsideVariance: outside }) },
            );
        const c = comparisonWithTotal(vs);
        vsTotal = { ...c, effectSize: totalSD ? c.difference / totalSD : null };
      }
      // A mean without a variance estimate has no rank interval (its draws would all be one value).
      const rank = compared && assessable(mean.se, mean.df) ? ranks[k]! : null;
      return { code, estimable: true, reason: mean.reason ?? null, mean: asMean(mean), students: studentsOf(own), schools: own.length, vsTotal, rank };
    }),
  );
  // Every pair under the design (independent strata under Taylor; shared replicates and
  // plausible values handled by the contrast), normal reference, Holm over all pairs. With
  // very many areas the pairs are not listed (they would number in the millions).
  const raw: Difference[] = [];
  if (compared && areas.length <= ctx.maxPairs) {
    for (let i = 0; i < areas.length; i++) {
      for (let j = i + 1; j < areas.length; j++) {
        const [a, b] = [areas[i]!, areas[j]!];
        const d = designContrast(
          all,
          [
            { coefficient: 1, includes: inArea(a) },
            { coefficient: -1, includes: inArea(b) },
          ],
          { df: Infinity, level, rows: within(a, b) },
        );
        raw.push({
          a: area.name(a),
          b: area.name(b),
          difference: d.estimate,
          se: d.se,
          lower: d.lower,
          upper: d.upper,
          pValue: d.pValue,
          adjustedP: d.pValue,
          effectSize: totalSD ? d.estimate / totalSD : null,
          mark: d.mark,
          ...(d.reason ? { reason: d.reason } : {}),
        });
      }
    }
  }
  const pairs: Difference[] = holmMarks(raw, level);
  return { total, totalSD, areas: out, pairs, pairsOmitted: areas.length > ctx.maxPairs };
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
    sd += Math.sqrt((n / (n - 1)) * Math.max(0, SS / W - mean * mean)) / M;
  }
  return sd;
}

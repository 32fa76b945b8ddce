import type { CountyBetweenSchool } from '../variance/betweenSchoolVariance.js';
import { iccIntervalQuantile } from '../variance/randomIntercept.js';
import type { AnalysisResults } from '../analyze/analyzeStudents.js';
import { JianceError } from '../errors.js';
import { roleSpec } from '../roles.js';
import { healthMeasureNames, type HealthMeasureId } from '../health/healthMeans.js';
import { indicatorIds } from '../indicators/indicatorValues.js';
import { badLedgerTarget } from '../messages.js';
import type { KeyLabel } from '../summary/groupedMoments.js';
import type { CountyComparisonSummary } from '../survey/countyComparisons.js';
import { findingId } from './findings.js';
import { parseTarget } from '../rates/targets.js';
import type { IndicatorId } from '../indicators/indicatorValues.js';
import { assessable } from '../survey/comparisonMark.js';

import type { Finding } from './findingTypes.js';
import type { Ledger, LedgerFinding, LedgerItem, LedgerRule, LedgerStatistic, LedgerTargetSpec, LedgerValue } from './ledgerTypes.js';

export type { Ledger, LedgerFinding, LedgerItem, LedgerRule, LedgerStatistic, LedgerStatus, LedgerTargetSpec, LedgerValue } from './ledgerTypes.js';

const z95 = 1.959963984540054;

/**
 * Parses a ledger target (整改目标的表述) for a measure of the given statistic. Rates, shares and
 * ICCs are written with % and pp; means as plain numbers. Throws a JianceError naming the target.
 *
 * @example
 * parseLedgerTarget('-1pp per year', 'rate', 'vision_poor'); // => { kind: 'perYear', value: -0.01 }
 * parseLedgerTarget('>= 9', 'mean', 'sleep_hours'); // => { kind: 'atLeast', value: 9 }
 */
export function parseLedgerTarget(text: string, statistic: LedgerStatistic, measure: string): LedgerRule {
  const s = text.trim().toLowerCase().normalize('NFKC');
  const proportion = statistic !== 'mean';
  const bad = (): never => {
    throw new JianceError(badLedgerTarget(measure, text, proportion));
  };
  if (s === 'decreasing' || s === 'increasing') return { kind: s };
  let m = /^(>=|≥|<=|≤)\s*([+-]?\d+(?:\.\d+)?)\s*(%?)$/.exec(s);
  if (m) {
    if ((m[3] === '%') !== proportion) bad();
    const value = Number(m[2]) / (proportion ? 100 : 1);
    return { kind: m[1] === '>=' || m[1] === '≥' ? 'atLeast' : 'atMost', value };
  }
  m = /^([+-]?\d+(?:\.\d+)?)\s*(pp)?\s*(?:per|\/)\s*year$/.exec(s);
  if (m) {
    if ((m[2] === 'pp') !== proportion) bad();
    return { kind: 'perYear', value: Number(m[1]) / (proportion ? 100 : 1) };
  }
  return bad();
}

/** The statistic a ledger measure names, or null when the name is not one Jiance knows. */
export function ledgerStatistic(measure: string): LedgerStatistic | null {
  const [name, part] = measure.split(':');
  if ((part === 'pass' || part === 'icc') && !roleSpec(name!)?.subject) return null;
  if (part === 'pass') return 'share';
  if (part === 'icc') return 'icc';
  if (part === 'mean') return healthMeasureNames[name as HealthMeasureId] ? 'mean' : null;
  if (part !== undefined) return null;
  if ((indicatorIds as readonly string[]).includes(name!)) return 'rate';
  if (healthMeasureNames[name as HealthMeasureId] || roleSpec(name!)?.subject) return 'mean';
  return null;
}

/** The values of a measure per province × county × grade, by year. A county of null is the province pooled. */
type Series = Map<string, { province: string | null; county: string | null; grade: KeyLabel; values: Map<number, LedgerValue> }>;

function comparisonSeries(summary: CountyComparisonSummary): Series {
  const out: Series = new Map();
  const add = (
    province: string | null,
    county: string | null,
    grade: KeyLabel,
    year: KeyLabel,
    m: { mean: number; se: number; lower: number; upper: number },
    estimable: boolean,
  ): void => {
    if (year === null || !Number.isFinite(m.mean)) return;
    const key = JSON.stringify([province, county, grade]);
    if (!out.has(key)) out.set(key, { province, county, grade, values: new Map() });
    // A single-school county has no SE: its value is listed, its change has no interval.
    out.get(key)!.values.set(Number(year), {
      year: Number(year),
      value: m.mean,
      lower: estimable ? m.lower : NaN,
      upper: estimable ? m.upper : NaN,
      se: estimable ? m.se : NaN,
    });
  };
  for (const cell of summary.cells) {
    // The province pooled only when it has two or more counties (else it is the county).
    if (cell.counties.length >= 2) add(cell.province, null, cell.grade, cell.year, cell.provinceMean, true);
    for (const c of cell.counties) add(c.province, c.county, cell.grade, cell.year, c.mean, c.estimable);
  }
  return out;
}

/**
 * A county × grade's ICC by year, with one estimator for all its years: the weighted (pseudo-ML)
 * fit when the weights vary in any of its years, else REML — a change from an unweighted year to
 * a weighted one would mix estimators (ML is biased low by about 1/J against REML).
 */
function iccSeries(results: AnalysisResults, subject: string): Series {
  const out: Series = new Map();
  const summary = results.betweenSchool.find((b) => b.subject === subject);
  const key = (c: CountyBetweenSchool): string => JSON.stringify([c.province, c.county, c.grade]);
  const weighted = new Set((summary?.counties ?? []).filter((c) => c.primary === 'pseudo-ML').map(key));
  for (const c of summary?.counties ?? []) {
    const fit = weighted.has(key(c)) ? (c.weighted ?? c.reml) : c.reml;
    if (c.year === null || !fit.estimable) continue;
    const k = key(c);
    if (!out.has(k)) out.set(k, { province: c.province, county: c.county, grade: c.grade, values: new Map() });
    const [lower, upper] = fit.iccCI;
    // The profile interval is asymmetric; its half-width over its quantile serves as the SE of a change.
    out.get(k)!.values.set(Number(c.year), { year: Number(c.year), value: fit.icc, lower, upper, se: (upper - lower) / (2 * iccIntervalQuantile(fit)) });
  }
  return out;
}

/** The series of a measure in the results, or null when the results do not have the measure. */
function seriesOf(results: AnalysisResults, measure: string, statistic: LedgerStatistic): Series | null {
  const [name] = measure.split(':');
  switch (statistic) {
    case 'rate': {
      const s = results.rateComparison.find((r) => r.indicator === name);
      return s ? comparisonSeries(s) : null;
    }
    case 'share': {
      const l = results.levels.subjects.find((x) => x.subject === name);
      return l ? comparisonSeries(l.comparisons.pass) : null;
    }
    case 'icc':
      return results.betweenSchool.some((b) => b.subject === name) ? iccSeries(results, name!) : null;
    case 'mean': {
      const h = healthMeasureNames[name as HealthMeasureId] ? results.health.measures.find((m) => m.measure === name) : undefined;
      if (h) return comparisonSeries(h.comparison);
      const c = results.countyComparison.find((x) => x.subject === name);
      return c ? comparisonSeries(c) : null;
    }
  }
}

/** The direction a rule counts as better: −1 (lower is better), +1 (higher is better). */
const goodSign = (rule: LedgerRule): number => (rule.kind === 'atMost' || rule.kind === 'decreasing' || (rule.kind === 'perYear' && rule.value < 0) ? -1 : 1);

/**
 * Checks one target in one cell (逐项销号): the status at the deadline —
 *
 * - 已达成 (met): a line reached by the value (≤ or ≥, inclusive); a change per year at least
 *   the required pace, (latest − baseline)/(years) ≤ or ≥ the target; a direction when the
 *   change's 95% interval excludes 0 on the right side;
 * - 明显改善但未达标 (improved): not met, but the change's 95% interval lies wholly on the better side;
 * - 未达成 (not met): otherwise;
 * - 待评估 (pending): the deadline is after the latest year (then `onTrack` says whether it is met
 *   so far), or the baseline or the checked year has no value.
 *
 * The change's interval treats the two years as independent samples, SE = √(SE₁² + SE₂²):
 * different students are sampled each cycle (the same schools may recur, which makes it
 * conservative when their results are positively correlated).
 *
 * @example
 * const base = { year: 2021, value: 0.42, lower: 0.38, upper: 0.46, se: 0.02 };
 * const latest = { year: 2024, value: 0.34, lower: 0.30, upper: 0.38, se: 0.02 };
 * ledgerStatus({ kind: 'atMost', value: 0.35 }, base, latest, 2024, 2024).status; // => 'met' (0.34 ≤ 0.35)
 * ledgerStatus({ kind: 'atMost', value: 0.30 }, base, latest, 2024, 2024).status; // => 'improved' (the change's interval is below 0)
 * ledgerStatus({ kind: 'atMost', value: 0.30 }, base, latest, 2025, 2024).status; // => 'pending' (before the deadline)
 */
export function ledgerStatus(
  rule: LedgerRule,
  baseline: LedgerValue | null,
  latest: LedgerValue | null,
  deadline: number | null,
  latestYearOfData: number | null,
): Pick<LedgerItem, 'status' | 'reason' | 'onTrack' | 'change'> {
  const change =
    baseline && latest && latest.year > baseline.year
      ? (() => {
          const d = latest.value - baseline.value;
          const se = Math.sqrt(baseline.se ** 2 + latest.se ** 2);
          // SE 0 (a rate of 0% both times) gives no interval: "improved" needs one.
          const q = assessable(se) ? z95 : NaN;
          return { estimate: d, lower: d - q * se, upper: d + q * se, perYear: d / (latest.year - baseline.year) };
        })()
      : null;
  const sign = goodSign(rule);
  const improved = change !== null && Number.isFinite(change.lower) && (sign < 0 ? change.upper < 0 : change.lower > 0);
  const needsChange = rule.kind !== 'atMost' && rule.kind !== 'atLeast';
  let ok: boolean | null = null;
  if (latest) {
    // A figure equal to the line up to rounding (0.43 − 0.40 is 0.02999…) reaches it.
    const eps = 1e-9;
    if (rule.kind === 'atMost') ok = latest.value <= rule.value + eps;
    else if (rule.kind === 'atLeast') ok = latest.value >= rule.value - eps;
    else if (change) ok = rule.kind === 'perYear' ? (rule.value < 0 ? change.perYear <= rule.value + eps : change.perYear >= rule.value - eps) : improved;
  }
  if (!latest) return { status: 'pending', reason: 'no-latest', onTrack: null, change };
  if (needsChange && !change) return { status: 'pending', reason: 'no-baseline', onTrack: null, change };
  if (deadline !== null && latestYearOfData !== null && latestYearOfData < deadline)
    return { status: 'pending', reason: 'before-deadline', onTrack: ok, change };
  if (ok) return { status: 'met', reason: null, onTrack: null, change };
  return { status: improved ? 'improved' : 'not-met', reason: null, onTrack: null, change };
}

/**
 * The rectification ledger (整改台账): every target of the config in every cell it applies to
 * (each county × grade, and each province of two or more counties pooled), with the baseline
 * and checked values, the change and its interval, and the status ({@link ledgerStatus}); and,
 * given an earlier run's findings, each problem of either run as resolved, persisting or new,
 * matched by finding id.
 *
 * @example
 * const data = studentTable(parseCsv(readFileSync('fixtures/county.csv', 'utf8'), 'county.csv'));
 * const results = analyzeStudents(data);
 * rectificationLedger(results, [{ measure: 'vision_poor', target: '-1pp per year', baseline: 2021, deadline: 2024 }]).items.map((i) => [i.grade, i.status]); // => [[4, 'met'], [8, 'not-met']]
 */
export function rectificationLedger(
  results: AnalysisResults,
  targets: readonly LedgerTargetSpec[],
  current: readonly Finding[] = [],
  baseline: { findings: readonly Finding[]; label: string; years: number[] } | null = null,
): Ledger {
  const items: LedgerItem[] = [];
  for (const spec of targets) {
    const statistic = ledgerStatistic(spec.measure);
    if (!statistic) throw new JianceError(badLedgerTarget(spec.measure, spec.target, false));
    const rule = parseLedgerTarget(spec.target, statistic, spec.measure);
    const series = seriesOf(results, spec.measure, statistic);
    const base = { measure: spec.measure, statistic, target: spec.target, text: spec.text ?? null, rule, deadline: spec.deadline ?? null };
    const cells = [...(series?.values() ?? [])].filter(
      (s) =>
        (spec.grade == null || s.grade === spec.grade) &&
        (spec.province == null || s.province === spec.province) &&
        (spec.county == null || s.county === spec.county),
    );
    if (!cells.length) {
      // A target the data cannot check is listed as pending, never dropped.
      items.push({
        ...base,
        id: findingId(['target', spec.measure, spec.target, spec.province ?? null, spec.county ?? null, spec.grade ?? null]),
        province: spec.province ?? null,
        county: spec.county ?? null,
        grade: spec.grade ?? null,
        baselineYear: spec.baseline ?? null,
        baseline: null,
        latest: null,
        change: null,
        status: 'pending',
        reason: 'no-data',
        onTrack: null,
      });
      continue;
    }
    for (const cell of cells) {
      const years = [...cell.values.keys()].sort((a, b) => a - b);
      const baselineYear = spec.baseline ?? years[0]!;
      const last = years.at(-1)!;
      const deadline = spec.deadline ?? null;
      const checkedYear = deadline === null || last < deadline ? last : cell.values.has(deadline) ? deadline : (years.find((y) => y > deadline) ?? last);
      const b = cell.values.get(baselineYear) ?? null;
      const latest = cell.values.get(checkedYear) ?? null;
      const status = ledgerStatus(rule, b, latest && (!b || latest.year >= b.year) ? latest : null, deadline, last);
      items.push({
        ...base,
        id: findingId(['target', spec.measure, spec.target, cell.province, cell.county, cell.grade]),
        province: cell.province,
        county: cell.county,
        grade: cell.grade,
        baselineYear,
        baseline: b,
        latest,
        ...status,
      });
    }
  }
  let compared: LedgerFinding[] | null = null;
  if (baseline) {
    const problems = (list: readonly Finding[]) => new Map(list.filter((f) => f.polarity === 'problem').map((f) => [f.id, f]));
    const before = problems(baseline.findings);
    const now = problems(current);
    compared = [
      ...[...before.values()].map(
        (f): LedgerFinding => ({ id: f.id, status: now.has(f.id) ? 'persisting' : 'resolved', baseline: f, current: now.get(f.id) ?? null }),
      ),
      ...[...now.values()].filter((f) => !before.has(f.id)).map((f): LedgerFinding => ({ id: f.id, status: 'new', baseline: null, current: f })),
    ];
  }
  return { items, findings: compared, baselineRun: baseline ? { label: baseline.label, years: baseline.years } : null };
}

/** The years an AnalysisResults covers (for naming an earlier run). */
export function resultYears(results: Pick<AnalysisResults, 'achievement'> & Partial<AnalysisResults>): number[] {
  const years = new Set<number>();
  for (const a of results.achievement ?? []) for (const c of a.counties) if (c.year !== null) years.add(Number(c.year));
  for (const i of results.rates?.indicators ?? []) for (const t of i.trends) for (const y of t.trend.years) years.add(y);
  return [...years].sort((a, b) => a - b);
}

/**
 * The detection rates' targets of an analysis config (`"rates": {"targets": …}`, e.g.
 * `{ vision_poor: '-1pp per year' }`) as ledger targets (整改目标), so the ledger checks them
 * like the plan's own: at the latest year, a change from their "from" year or the first year.
 * `analyze` and the notebooks both build the ledger with it.
 *
 * @example
 * rateLedgerTargets({ vision_poor: '-1pp per year' }); // => [{ measure: 'vision_poor', target: '-1pp per year', text: '-1pp per year' }]
 */
export function rateLedgerTargets(targets: Record<string, string> | undefined): LedgerTargetSpec[] {
  return Object.entries(targets ?? {}).map(([indicator, text]) => {
    const t = parseTarget(indicator as IndicatorId, text);
    const target =
      t.kind === 'annualChange'
        ? `${+(t.perYear * 100).toFixed(6)}pp per year`
        : t.kind === 'atLeast'
          ? `>= ${+(t.value * 100).toFixed(6)}%`
          : t.kind === 'atMost'
            ? `<= ${+(t.value * 100).toFixed(6)}%`
            : t.kind;
    return { measure: indicator, target, text, ...(t.kind === 'annualChange' && t.from !== null ? { baseline: t.from } : {}) };
  });
}

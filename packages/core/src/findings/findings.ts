import { primaryFit } from '../variance/betweenSchoolVariance.js';
import type { AnalysisResults } from '../analyze/analyzeStudents.js';
import type { IndicatorId } from '../indicators/indicatorValues.js';
import type { KeyLabel } from '../summary/groupedMoments.js';
import type { CountyComparisonSummary } from '../survey/countyComparisons.js';
import { healthMeasureNames, type HealthMeasureId } from '../health/healthMeans.js';
import type { TrendDirection } from '../rates/rateTrend.js';

import type { Finding, FindingDomain, FindingPolarity } from './findingTypes.js';

export type { Finding, FindingDomain, FindingKind, FindingPolarity } from './findingTypes.js';

/** Indicators where more is better (体质达标、优良); all others are conditions to reduce. */
const goodIndicators = new Set<string>(['fitness_pass', 'fitness_good']);

const indicatorDomain: Record<IndicatorId, FindingDomain> = {
  vision_poor: 'vision',
  sleep_short: 'sleep',
  anxiety: 'mental',
  overweight: 'body',
  obese: 'body',
  overweight_obese: 'body',
  thin: 'body',
  fitness_pass: 'body',
  fitness_good: 'body',
};
const healthDomain: Record<HealthMeasureId, FindingDomain> = {
  anxiety: 'mental',
  sleep_hours: 'sleep',
  bmi: 'body',
  fitness_score: 'body',
  va_worse: 'vision',
};

/** Whether higher is better for a compared measure, or null when neither is (BMI). */
function higherIsBetter(summary: CountyComparisonSummary): boolean | null {
  if (summary.indicator) return goodIndicators.has(summary.indicator);
  if (summary.share !== null) return summary.share === 'pass' || summary.share > 0;
  const health = healthMeasureNames[summary.subject as HealthMeasureId];
  if (health) return health.better === null ? null : health.better === 'higher';
  return true;
}

/** The latest year of each province × county × grade (of each province × grade for cells without a county). */
const latestYears = <T extends { year: KeyLabel; grade: KeyLabel; province?: string | null; county?: string | null }>(cells: readonly T[]): T[] => {
  const latest = new Map<string, T>();
  for (const c of cells) {
    const key = JSON.stringify([c.province ?? null, c.county ?? null, c.grade]);
    const seen = latest.get(key);
    if (!seen || Number(c.year) > Number(seen.year)) latest.set(key, c);
  }
  return [...latest.values()];
};

/**
 * A stable id from its parts, `|`-joined, a null part as `*` (发现编号): the same cell and
 * statement give the same id in every monitoring cycle.
 *
 * @example
 * findingId(['trend', 'vision_poor', 'rate', '示例省', '青山县', null]); // => 'trend|vision_poor|rate|示例省|青山县|*'
 */
export function findingId(parts: readonly (string | number | null)[]): string {
  return parts.map((p) => (p === null ? '*' : String(p))).join('|');
}

/**
 * The findings the results support (主要发现), computed from results.json alone — so an earlier
 * run's results give its findings too (the ledger compares them by id). Only what a test
 * supports is a problem or a positive finding, at the results' 95% level:
 *
 * - between-school shares (latest year): 校间差异较大 when the ICC's whole interval (the weighted
 *   estimate's when the weights vary, else REML's: {@link primaryFit}) is at or
 *   above the large line, 较小 when below the small line, uncertain when the estimate is at or
 *   above the line but the interval straddles it;
 * - means, rates, level shares and health means (latest year) significantly above or below the
 *   county's own province in the data, or a reference figure (the marks of the comparison
 *   sections); provinces against the nation;
 * - trends (有所上升 / 有所下降) of rates, of health means and of 中等及以上;
 * - targets met and not met; the 优质均衡 check.
 *
 * Each is a problem or a positive finding by what is better (less poor vision, more sleep,
 * fewer anxious students, a higher mean); BMI has no better direction and gives no finding by
 * level. No finding comes from a non-significant difference. Ordered problems first, then
 * positive, then uncertain; within each by severity.
 *
 * @example
 * const data = studentTable(parseCsv(readFileSync('fixtures/county.csv', 'utf8'), 'county.csv'));
 * const results = analyzeStudents(data);
 * findings(results).filter((f) => f.polarity === 'problem').map((f) => f.id); // => ['trend|fitness_score|mean|示例省|青山县|8', …]
 */
export function findings(results: AnalysisResults): Finding[] {
  const out: Finding[] = [];
  const push = (f: Omit<Finding, 'id'> & { idParts: (string | number | null)[] }): void => {
    const { idParts, ...rest } = f;
    const { lower, upper } = rest.figures;
    const noInterval = rest.figures.estimate !== null && !(Number.isFinite(lower) && Number.isFinite(upper));
    out.push({ id: findingId(idParts), ...rest, ...(noInterval ? { figures: { ...rest.figures, reason: 'no-variance-estimate' as const } } : {}) });
  };
  const polarityOf = (better: boolean | null, up: boolean): FindingPolarity | null => (better === null ? null : better === up ? 'positive' : 'problem');

  // Between-school differences.
  results.betweenSchool.forEach((summary, s) => {
    const { large, small } = summary.thresholds;
    for (const c of latestYears(summary.counties)) {
      const fit = primaryFit(c);
      if (!fit.estimable) continue;
      const [lower, upper] = fit.iccCI;
      const icc = fit.icc;
      const polarity: FindingPolarity | null = lower >= large ? 'problem' : upper < small ? 'positive' : icc >= large ? 'uncertain' : null;
      if (!polarity) continue;
      const line = polarity === 'positive' ? small : large;
      push({
        idParts: ['between-school', summary.subject, 'icc', c.province, c.county, c.grade],
        kind: 'between-school',
        polarity,
        domain: 'between',
        measure: summary.subject,
        statistic: 'icc',
        province: c.province,
        county: c.county,
        grade: c.grade,
        year: c.year,
        direction: polarity === 'positive' ? 'small' : polarity === 'problem' ? 'large' : 'uncertain',
        against: null,
        figures: { estimate: icc, lower, upper, line },
        severity: polarity === 'problem' ? (lower - large) * 100 + 10 : Math.abs(icc - line) * 100,
        source: `betweenSchool[${s}].counties`,
      });
    }
  });

  // Comparisons with the province (in the data) and the references.
  const comparisons: { summary: CountyComparisonSummary; source: string; domain: FindingDomain; statistic: Finding['statistic'] }[] = [
    ...results.countyComparison.map((summary, i) => ({
      summary,
      source: `countyComparison[${i}]`,
      domain: 'achievement' as const,
      statistic: 'mean' as const,
    })),
    ...results.rateComparison.map((summary, i) => ({
      summary,
      source: `rateComparison[${i}]`,
      domain: indicatorDomain[summary.indicator!],
      statistic: 'rate' as const,
    })),
    ...results.levels.subjects.map((l, i) => ({
      summary: l.comparisons.pass,
      source: `levels.subjects[${i}].comparisons.pass`,
      domain: 'achievement' as const,
      statistic: 'share' as const,
    })),
    ...results.health.measures.map((m, i) => ({
      summary: m.comparison,
      source: `health.measures[${i}].comparison`,
      domain: healthDomain[m.measure],
      statistic: 'mean' as const,
    })),
  ];
  for (const { summary, source, domain, statistic } of comparisons) {
    const better = higherIsBetter(summary);
    if (better === null) continue;
    const measure = summary.share === null ? summary.subject : `${summary.subject}:${summary.share}`;
    for (const cell of latestYears(summary.cells)) {
      for (const c of cell.counties) {
        const base = { domain, measure, statistic, province: c.province, county: c.county, grade: cell.grade, year: cell.year, source: `${source}.cells` };
        if (c.vsProvince && (c.vsProvince.mark === 'higher' || c.vsProvince.mark === 'lower')) {
          const up = c.vsProvince.mark === 'higher';
          push({
            ...base,
            idParts: ['versus-data', measure, 'province', c.province, c.county, cell.grade],
            kind: 'versus-data',
            polarity: polarityOf(better, up)!,
            direction: up ? 'higher' : 'lower',
            against: { scope: 'province', label: 'province', value: c.vsProvince.totalMean },
            figures: { estimate: c.mean.mean, lower: c.mean.lower, upper: c.mean.upper, difference: c.vsProvince.difference, pValue: c.vsProvince.pValue },
            severity: Math.abs(c.vsProvince.z),
          });
        }
        for (const r of c.references) {
          if (r.mark !== 'higher' && r.mark !== 'lower') continue;
          const up = r.mark === 'higher';
          push({
            ...base,
            idParts: ['versus-reference', measure, r.scope, c.province, c.county, cell.grade, r.label],
            kind: 'versus-reference',
            polarity: polarityOf(better, up)!,
            direction: up ? 'higher' : 'lower',
            against: { scope: r.scope, label: r.label, value: r.value },
            figures: { estimate: c.mean.mean, lower: c.mean.lower, upper: c.mean.upper, difference: r.difference, pValue: r.pValue },
            severity: r.se > 0 ? Math.abs(r.difference / r.se) : 0,
          });
        }
      }
    }
    for (const cell of latestYears(summary.nation)) {
      for (const p of cell.provinces) {
        if (!p.vsNation || (p.vsNation.mark !== 'higher' && p.vsNation.mark !== 'lower')) continue;
        const up = p.vsNation.mark === 'higher';
        push({
          idParts: ['versus-data', measure, 'nation', p.province, null, cell.grade],
          kind: 'versus-data',
          polarity: polarityOf(better, up)!,
          domain,
          measure,
          statistic,
          province: p.province,
          county: null,
          grade: cell.grade,
          year: cell.year,
          direction: up ? 'higher' : 'lower',
          against: { scope: 'nation', label: 'nation', value: p.vsNation.totalMean },
          figures: { estimate: p.mean.mean, lower: p.mean.lower, upper: p.mean.upper, difference: p.vsNation.difference, pValue: p.vsNation.pValue },
          severity: Math.abs(p.vsNation.z),
          source: `${source}.nation`,
        });
      }
    }
  }

  // Trends: rates (per grade and all grades together), health means, 中等及以上.
  const trend = (
    parts: {
      measure: string;
      statistic: Finding['statistic'];
      domain: FindingDomain;
      better: boolean | null;
      province: string | null;
      county: string | null;
      grade: KeyLabel;
      source: string;
    },
    t: { direction: TrendDirection; slope: number; lower: number; upper: number; pValue: number; years: number[]; se: number } | null,
  ): void => {
    if (!t || (t.direction !== 'rising' && t.direction !== 'falling')) return;
    const polarity = polarityOf(parts.better, t.direction === 'rising');
    if (!polarity) return;
    const { better: _, source, ...cell } = parts;
    push({
      ...cell,
      idParts: ['trend', parts.measure, parts.statistic, parts.province, parts.county, parts.grade],
      kind: 'trend',
      polarity,
      year: t.years.at(-1)!,
      direction: t.direction,
      against: null,
      figures: { estimate: t.slope, lower: t.lower, upper: t.upper, pValue: t.pValue, years: [t.years[0]!, t.years.at(-1)!] },
      severity: t.se > 0 ? Math.abs(t.slope / t.se) : 0,
      source,
    });
  };
  results.rates.indicators.forEach((ind, i) => {
    const better = goodIndicators.has(ind.indicator);
    for (const [list, name] of [
      [ind.trends, 'trends'],
      [ind.countyTrends, 'countyTrends'],
    ] as const) {
      for (const tr of list) {
        const a = tr.trend.annualChange;
        trend(
          {
            measure: ind.indicator,
            statistic: 'rate',
            domain: indicatorDomain[ind.indicator],
            better,
            province: tr.province,
            county: tr.county,
            grade: tr.grade,
            source: `rates.indicators[${i}].${name}`,
          },
          a ? { direction: tr.trend.direction, slope: a.slope, lower: a.lower, upper: a.upper, pValue: a.pValue, years: tr.trend.years, se: a.se } : null,
        );
      }
    }
  });
  results.health.measures.forEach((m, i) => {
    const better = m.better === null ? null : m.better === 'higher';
    for (const tr of m.trends)
      trend(
        {
          measure: m.measure,
          statistic: 'mean',
          domain: healthDomain[m.measure],
          better,
          province: tr.province,
          county: tr.county,
          grade: tr.grade,
          source: `health.measures[${i}].trends`,
        },
        tr.trend,
      );
  });
  results.levels.subjects.forEach((l, i) => {
    for (const tr of l.trends)
      trend(
        {
          measure: `${l.subject}:pass`,
          statistic: 'share',
          domain: 'achievement',
          better: true,
          province: tr.province,
          county: tr.county,
          grade: tr.grade,
          source: `levels.subjects[${i}].trends`,
        },
        tr.pass,
      );
  });

  // Targets of the config.
  results.rates.indicators.forEach((ind, i) => {
    for (const [list, name] of [
      [ind.trends, 'trends'],
      [ind.countyTrends, 'countyTrends'],
    ] as const) {
      for (const tr of list) {
        for (const v of tr.targets) {
          if (v.status === 'not-assessable') continue;
          push({
            idParts: ['target', ind.indicator, v.target.text, tr.province, tr.county, tr.grade],
            kind: 'target',
            polarity: v.status === 'met' ? 'positive' : 'problem',
            domain: indicatorDomain[ind.indicator],
            measure: ind.indicator,
            statistic: 'rate',
            province: tr.province,
            county: tr.county,
            grade: tr.grade,
            year: v.latestYear,
            direction: v.status,
            against: null,
            figures: { estimate: v.observed, lower: null, upper: null },
            severity: 1,
            source: `rates.indicators[${i}].${name}`,
          });
        }
      }
    }
  });

  // The 优质均衡 check (latest year).
  for (const b of latestYears(results.levels.balanced)) {
    if (b.status === 'not-assessable') continue;
    push({
      idParts: ['balanced', b.subject, 'level', b.province, b.county, b.grade],
      kind: 'balanced',
      polarity: b.status === 'met' ? 'positive' : b.status === 'not-met' ? 'problem' : 'uncertain',
      domain: 'between',
      measure: b.subject,
      statistic: 'icc',
      province: b.province,
      county: b.county,
      grade: b.grade,
      year: b.year,
      direction: b.status,
      against: null,
      figures: { estimate: b.icc?.estimate ?? null, lower: b.icc?.lower ?? null, upper: b.icc?.upper ?? null, line: b.iccLine },
      severity: 0.5,
      source: 'levels.balanced',
    });
  }
  const rank: Record<FindingPolarity, number> = { problem: 0, positive: 1, uncertain: 2 };
  return out.sort((a, b) => rank[a.polarity] - rank[b.polarity] || b.severity - a.severity);
}

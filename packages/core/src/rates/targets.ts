import { JianceError } from '../errors.js';
import { badTarget } from '../messages.js';
import type { IndicatorId } from '../indicators/indicatorValues.js';
import type { RateCell } from './detectionRates.js';
import type { RateTrend } from './rateTrend.js';

/** A target set for an indicator (目标). */
export type RateTarget =
  | { indicator: IndicatorId; kind: 'annualChange'; perYear: number; from: number | null; text: string }
  | { indicator: IndicatorId; kind: 'atLeast' | 'atMost'; value: number; text: string }
  | { indicator: IndicatorId; kind: 'decreasing' | 'increasing'; text: string };

/**
 * Parses a target as written in the config file (目标表述):
 * "-1pp per year from 2024" (每年降低 1 个百分点以上), ">= 95%", "<= 10%", "decreasing",
 * "increasing". Throws a JianceError quoting the text otherwise.
 *
 * @example
 * parseTarget('fitness_pass', '>= 95%'); // => { indicator: 'fitness_pass', kind: 'atLeast', value: 0.95, text: '>= 95%' }
 */
export function parseTarget(indicator: IndicatorId, text: string): RateTarget {
  const s = text.trim().toLowerCase().normalize('NFKC');
  let m = /^([+-]?\d+(?:\.\d+)?)\s*pp\s*(?:per|\/)\s*year(?:\s+from\s+(\d{4}))?$/.exec(s);
  if (m) return { indicator, kind: 'annualChange', perYear: Number(m[1]) / 100, from: m[2] ? Number(m[2]) : null, text };
  m = /^(>=|≥|<=|≤)\s*(\d+(?:\.\d+)?)\s*%$/.exec(s);
  if (m) return { indicator, kind: m[1] === '>=' || m[1] === '≥' ? 'atLeast' : 'atMost', value: Number(m[2]) / 100, text };
  if (s === 'decreasing' || s === 'increasing') return { indicator, kind: s, text };
  throw new JianceError(badTarget(indicator, text));
}

/** Whether a county × grade meets a target, with the numbers behind the verdict. */
export interface TargetVerdict {
  target: RateTarget;
  /** met / not met / not yet assessable (e.g. no year after the baseline). */
  status: 'met' | 'not-met' | 'not-assessable';
  /** The observed figure compared: latest rate, or change per year. */
  observed: number | null;
  /** For levels: whether the whole CI is on the right side (met beyond sampling error). */
  beyondUncertainty: boolean | null;
  latestYear: number | null;
}

/**
 * Evaluates a target for one county × grade (目标达成判断): a level target against the latest
 * rate (and whether its CI clears the line), an annual-change target against the average
 * change per year from the baseline year (or the first year) to the latest, a direction target
 * against the trend's direction.
 *
 * @example
 * const cell = (year: number, rate: number) => ({ keys: { year }, students: 400, schools: 12, cases: rate * 400, suppressed: false, rate, se: 0.01, designEffect: 2, lower: rate - 0.02, upper: rate + 0.02, wilson: null, clopperPearson: null });
 * const cells = [cell(2023, 0.9), cell(2024, 0.92)];
 * evaluateTarget(parseTarget('fitness_pass', '>= 95%'), cells, rateTrend(cells)); // => { status: 'not-met', observed: 0.92, beyondUncertainty: true, latestYear: 2024, … }
 */
export function evaluateTarget(target: RateTarget, cells: readonly RateCell[], trend: RateTrend, yearKey = 'year'): TargetVerdict {
  const usable = [...cells].filter((c) => c.rate !== null).sort((a, b) => Number(a.keys[yearKey]) - Number(b.keys[yearKey]));
  const latest = usable.at(-1);
  const latestYear = latest ? Number(latest.keys[yearKey]) : null;
  const none = (status: TargetVerdict['status']): TargetVerdict => ({ target, status, observed: null, beyondUncertainty: null, latestYear });
  if (!latest) return none('not-assessable');
  switch (target.kind) {
    case 'atLeast':
    case 'atMost': {
      const ok = target.kind === 'atLeast' ? latest.rate! >= target.value : latest.rate! <= target.value;
      const beyond = target.kind === 'atLeast' ? latest.lower! >= target.value : latest.upper! <= target.value;
      return {
        target,
        status: ok ? 'met' : 'not-met',
        observed: latest.rate,
        beyondUncertainty: ok ? beyond : target.kind === 'atLeast' ? latest.upper! < target.value : latest.lower! > target.value,
        latestYear,
      };
    }
    case 'annualChange': {
      const base = target.from === null ? usable[0] : usable.find((c) => Number(c.keys[yearKey]) === target.from);
      if (!base || base === latest) return none('not-assessable');
      const years = latestYear! - Number(base.keys[yearKey]);
      const perYear = (latest.rate! - base.rate!) / years;
      const ok = target.perYear < 0 ? perYear <= target.perYear : perYear >= target.perYear;
      return { target, status: ok ? 'met' : 'not-met', observed: perYear, beyondUncertainty: null, latestYear };
    }
    case 'decreasing':
    case 'increasing': {
      const ok = target.kind === 'decreasing' ? trend.direction === 'falling' : trend.direction === 'rising';
      return { target, status: ok ? 'met' : 'not-met', observed: trend.annualChange?.slope ?? null, beyondUncertainty: null, latestYear };
    }
  }
}

import type { IndicatorId } from '../indicators/indicatorValues.js';
import type { RateCell } from './detectionRates.js';
import type { RateTrend } from './rateTrend.js';
/** A target set for an indicator (目标). */
export type RateTarget = {
    indicator: IndicatorId;
    kind: 'annualChange';
    perYear: number;
    from: number | null;
    text: string;
} | {
    indicator: IndicatorId;
    kind: 'atLeast' | 'atMost';
    value: number;
    text: string;
} | {
    indicator: IndicatorId;
    kind: 'decreasing' | 'increasing';
    text: string;
};
/**
 * Parses a target as written in the config file (目标表述):
 * "-1pp per year from 2024" (每年降低 1 个百分点以上), ">= 95%", "<= 10%", "decreasing",
 * "increasing". Throws a JianceError quoting the text otherwise.
 *
 * @example
 * parseTarget('fitness_pass', '>= 95%'); // => { indicator: 'fitness_pass', kind: 'atLeast', value: 0.95, text: '>= 95%' }
 */
export declare function parseTarget(indicator: IndicatorId, text: string): RateTarget;
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
 * evaluateTarget(parseTarget('fitness_pass', '>= 95%'), cells, trend).status; // => 'not-met'
 */
export declare function evaluateTarget(target: RateTarget, cells: readonly RateCell[], trend: RateTrend, yearKey?: string): TargetVerdict;
//# sourceMappingURL=targets.d.ts.map
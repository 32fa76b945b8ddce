import { type TrendTest } from './cochranArmitage.js';
import type { RateCell } from './detectionRates.js';
/** A change in a rate between two years, in proportion units (× 100 = percentage points). */
export interface RateChange {
    from: number;
    to: number;
    change: number;
    se: number;
    lower: number;
    upper: number;
    pValue: number;
}
/** Trend wording: 有所上升 / 基本持平 / 有所下降. */
export type TrendDirection = 'rising' | 'stable' | 'falling';
/** The trend of one rate over monitoring years. */
export interface RateTrend {
    years: number[];
    rates: (number | null)[];
    /** Consecutive-year changes. */
    changes: RateChange[];
    firstToLast: RateChange | null;
    /**
     * Change per year: the design-based slope (designSlope: schools as clusters, years as strata,
     * = svyglm) when cluster sums are given, else the inverse-variance slope of the yearly rates.
     */
    annualChange: {
        slope: number;
        se: number;
        lower: number;
        upper: number;
        pValue: number;
        method: 'design' | 'inverse-variance';
    } | null;
    /** Cochran–Armitage on the unweighted counts (= prop.trend.test, simple random sampling). */
    cochranArmitage: TrendTest | null;
    /** The same χ² divided by the mean design effect (first-order Rao–Scott), for clustered data. */
    designAdjusted: {
        statistic: number;
        pValue: number;
        meanDesignEffect: number;
    } | null;
    /** From the annual change's test at the 5% level. */
    direction: TrendDirection;
    level: number;
}
/**
 * Trend of a detection rate across monitoring years (检出率趋势) from one cell per year: changes
 * between consecutive years and first → last (SE √(se₁² + se₂²)), the average annual change
 * (design-based slope over all school-year clusters, as `svyglm(y ~ year)` with schools as
 * clusters and years as strata; without cluster sums, the inverse-variance slope of the yearly
 * rates), the Cochran–Armitage test on the counts (`prop.trend.test`) and its Rao–Scott
 * first-order adjustment χ²/mean deff. The direction is rising or falling only when the annual
 * change differs from 0 at the 5% level.
 * Suppressed cells and cells without an SE are left out of the tests.
 *
 * @example
 * rateTrend(cellsOfOneCountyAndGrade, { clusters }).direction; // => 'rising'
 */
export declare function rateTrend(cells: readonly RateCell[], options?: {
    clusters?: Map<RateCell, {
        sumWeights: number;
        mean: number;
    }[]>;
    yearKey?: string;
    level?: number;
}): RateTrend;
//# sourceMappingURL=rateTrend.d.ts.map
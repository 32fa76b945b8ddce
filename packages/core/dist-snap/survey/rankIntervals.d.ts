/** A county's rank with its uncertainty (排名及其区间). */
export interface RankInterval {
    label: string;
    estimate: number;
    /** Rank of the estimate (1 = highest, or lowest with `ascending`). */
    rank: number;
    /** Central `level` (95%) interval of the rank over the draws. */
    lower: number;
    upper: number;
}
/**
 * Rank intervals from the estimates' sampling distributions (排名区间，参数法): each of
 * `replicates` draws takes every group's estimate from N(estimate, se²) and ranks them; the
 * interval is the central `level` range of a group's ranks (Goldstein & Spiegelhalter 1996,
 * "League tables and their limitations"). Using the design-based SEs, it respects strata,
 * replicate weights and plausible values; groups are independent (separate strata).
 *
 * @example
 * rankIntervals([{ label: 'A', estimate: 520, se: 3 }, { label: 'B', estimate: 500, se: 3 }])[0]; // => { label: 'A', rank: 1, lower: 1, upper: 1, … }
 */
export declare function rankIntervals(groups: readonly {
    label: string;
    estimate: number;
    se: number;
}[], options?: {
    replicates?: number;
    seed?: number;
    ascending?: boolean;
    level?: number;
}): RankInterval[];
//# sourceMappingURL=rankIntervals.d.ts.map
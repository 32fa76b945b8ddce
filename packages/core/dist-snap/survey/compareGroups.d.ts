import type { ComparisonMark } from './compareWithTotal.js';
/** An estimate of one group with its standard error (and SD, for effect sizes of scores). */
export interface GroupEstimate {
    label: string;
    estimate: number;
    se: number;
    /** Population SD of the score, for the standardised difference (omit for rates). */
    sd?: number;
}
/** A difference between two estimates, tested. */
export interface Difference {
    a: string;
    b: string;
    difference: number;
    se: number;
    lower: number;
    upper: number;
    pValue: number;
    /** p after the multiple-comparison adjustment (equal to pValue for a single comparison). */
    adjustedP: number;
    /** d / pooled SD (Cohen's d) when both SDs are known. */
    effectSize: number | null;
    mark: ComparisonMark;
}
/**
 * A county's estimate against a reference value from outside the data (与全国常模比较), e.g.
 * the national figure of the official report, with its SE when published (else 0). The two
 * samples are treated as independent: SE = √(se² + se_ref²).
 *
 * @example
 * compareWithReference({ label: '青山县', estimate: 0.42, se: 0.02 }, { label: '全国', estimate: 0.365 }).mark; // => 'higher'
 */
export declare function compareWithReference(group: GroupEstimate, reference: {
    label: string;
    estimate: number;
    se?: number;
    sd?: number;
}, level?: number): Difference;
/**
 * Holm's step-down adjustment of p-values (Holm 1979), as R `p.adjust(p, "holm")`.
 *
 * @example
 * holmAdjust([0.01, 0.04, 0.03]); // => [0.03, 0.06, 0.06]
 */
export declare function holmAdjust(p: readonly number[]): number[];
/**
 * Every pair of counties compared (县际两两比较): difference, SE √(se_a² + se_b²) (counties are
 * separate strata, so independent), CI, p, Holm-adjusted p over all pairs, effect size, and the
 * mark from the adjusted p (the multiple-comparison correction is stated, not hidden).
 *
 * @example
 * pairwiseComparisons(countyEstimates).filter((d) => d.mark !== 'similar');
 */
export declare function pairwiseComparisons(groups: readonly GroupEstimate[], level?: number): Difference[];
//# sourceMappingURL=compareGroups.d.ts.map
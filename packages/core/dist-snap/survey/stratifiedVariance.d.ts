/**
 * The with-replacement variance of a total of PSU influence values within strata
 * (分层整群方差): v = Σ_h n_h/(n_h − 1) Σ_{j∈h} (z_j − z̄_h)² — the Taylor-linearisation step of
 * R's survey package (`svyrecvar` with PSUs sampled with replacement). A stratum with a single
 * PSU contributes nothing (survey's `lonely.psu = "remove"`); its count is returned so callers
 * can say so.
 *
 * @example
 * stratifiedVariance([{ stratum: 'a', z: 1 }, { stratum: 'a', z: -1 }]); // => { variance: 4, lonelyStrata: 0 }
 */
export declare function stratifiedVariance(values: readonly {
    stratum: string | number;
    z: number;
}[]): {
    variance: number;
    lonelyStrata: number;
};
//# sourceMappingURL=stratifiedVariance.d.ts.map
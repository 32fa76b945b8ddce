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
export function stratifiedVariance(values) {
    const strata = new Map();
    for (const v of values) {
        const list = strata.get(v.stratum);
        if (list)
            list.push(v.z);
        else
            strata.set(v.stratum, [v.z]);
    }
    let variance = 0;
    let lonelyStrata = 0;
    for (const zs of strata.values()) {
        if (zs.length < 2) {
            lonelyStrata++;
            continue;
        }
        const mean = zs.reduce((a, b) => a + b, 0) / zs.length;
        variance += (zs.length / (zs.length - 1)) * zs.reduce((a, z) => a + (z - mean) ** 2, 0);
    }
    return { variance, lonelyStrata };
}
//# sourceMappingURL=stratifiedVariance.js.map
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
/**
 * Rubin's rules (多重插补/似真值合并; Rubin 1987): with M estimates θ_m and sampling variances U_m,
 *
 *   θ̄ = Σθ_m/M,  Ū = ΣU_m/M,  B = Σ(θ_m − θ̄)²/(M − 1),  T = Ū + (1 + 1/M)B,
 *   df = (M − 1)(1 + Ū/((1 + 1/M)B))²  (Rubin),
 *
 * and, when the complete-data degrees of freedom ν are known, the Barnard–Rubin (1999)
 * small-sample df 1/(1/df + 1/ν_obs) with ν_obs as `mitools::MIcombine` computes it. This is how PISA/TIMSS and the national monitoring combine plausible values
 * (`mitools::MIcombine`).
 *
 * @example
 * combinePlausibleValues([500, 504, 498, 502, 501], [16, 16, 16, 16, 16]).se; // => √(16 + 1.2·5) = 4.6904…
 */
export function combinePlausibleValues(estimates, variances, options = {}) {
    const M = estimates.length;
    if (M < 2 || variances.length !== M)
        throw new RangeError('combinePlausibleValues needs at least two estimates and one variance each');
    const level = options.level ?? 0.95;
    const estimate = estimates.reduce((a, b) => a + b, 0) / M;
    const within = variances.reduce((a, b) => a + b, 0) / M;
    const between = estimates.reduce((a, x) => a + (x - estimate) ** 2, 0) / (M - 1);
    const variance = within + (1 + 1 / M) * between;
    const r = ((1 + 1 / M) * between) / within;
    let df = between > 0 ? (M - 1) * (1 + 1 / r) ** 2 : Infinity;
    if (options.completeDf !== undefined && between > 0) {
        // As mitools::MIcombine: ν_obs = (ν + 1)/(ν + 3) · ν · Ū/(Ū + B).
        const dfObserved = ((options.completeDf + 1) / (options.completeDf + 3)) * options.completeDf * (within / (within + between));
        df = 1 / (1 / df + 1 / dfObserved);
    }
    const se = Math.sqrt(variance);
    const q = Number.isFinite(df) ? tQuantile(1 - (1 - level) / 2, df) : 1.959963984540054;
    return { estimate, variance, se, withinVariance: within, betweenVariance: between, df, lower: estimate - q * se, upper: estimate + q * se, level };
}
//# sourceMappingURL=rubinsRules.js.map
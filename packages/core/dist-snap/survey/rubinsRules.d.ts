/** An estimate combined over plausible values (or imputations). */
export interface CombinedEstimate {
    estimate: number;
    /** Total variance T = Ū + (1 + 1/M) B. */
    variance: number;
    se: number;
    /** Mean sampling variance Ū. */
    withinVariance: number;
    /** Variance between plausible values B. */
    betweenVariance: number;
    /** Degrees of freedom (Barnard–Rubin 1999 when the complete-data df is given, else Rubin 1987). */
    df: number;
    lower: number;
    upper: number;
    level: number;
}
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
export declare function combinePlausibleValues(estimates: readonly number[], variances: readonly number[], options?: {
    level?: number;
    completeDf?: number;
}): CombinedEstimate;
//# sourceMappingURL=rubinsRules.d.ts.map
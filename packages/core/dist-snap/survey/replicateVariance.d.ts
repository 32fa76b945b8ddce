/** Replicate-weight methods of international assessments. */
export type ReplicateMethod = 
/** Paired jackknife (JK2) as in TIMSS/PIRLS: v = Σ_r (θ_r − θ)². */
{
    kind: 'JK2';
}
/** Balanced repeated replication with Fay's factor k (PISA: k = 0.5, 80 replicates): v = Σ_r (θ_r − θ)² / (R (1 − k)²). */
 | {
    kind: 'BRR';
    fay: number;
}
/** Delete-one-group jackknife (JK1): v = (R − 1)/R Σ_r (θ_r − θ)². */
 | {
    kind: 'JK1';
};
/**
 * Sampling variance of an estimate from its replicate estimates (重复权重方差), as the
 * IEA and OECD technical reports prescribe: JK2 (TIMSS/PIRLS) Σ(θ_r − θ̂)², Fay-BRR (PISA)
 * Σ(θ_r − θ̂)²/(R(1 − k)²), JK1 (R − 1)/R Σ(θ_r − θ̂)². Deviations are taken from the
 * full-sample estimate θ̂ (R survey's `mse = TRUE`).
 *
 * @example
 * replicateVariance(10, [10.5, 9.5, 10.2, 9.8], { kind: 'BRR', fay: 0.5 }); // => (0.25+0.25+0.04+0.04)/(4·0.25) = 0.58
 */
export declare function replicateVariance(estimate: number, replicates: readonly number[], method: ReplicateMethod): number;
//# sourceMappingURL=replicateVariance.d.ts.map
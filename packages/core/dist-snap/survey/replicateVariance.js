/**
 * Sampling variance of an estimate from its replicate estimates (重复权重方差), as the
 * IEA and OECD technical reports prescribe: JK2 (TIMSS/PIRLS) Σ(θ_r − θ̂)², Fay-BRR (PISA)
 * Σ(θ_r − θ̂)²/(R(1 − k)²), JK1 (R − 1)/R Σ(θ_r − θ̂)². Deviations are taken from the
 * full-sample estimate θ̂ (R survey's `mse = TRUE`).
 *
 * @example
 * replicateVariance(10, [10.5, 9.5, 10.2, 9.8], { kind: 'BRR', fay: 0.5 }); // => (0.25+0.25+0.04+0.04)/(4·0.25) = 0.58
 */
export function replicateVariance(estimate, replicates, method) {
    const R = replicates.length;
    if (R < 2)
        throw new RangeError('replicateVariance needs at least two replicate estimates');
    const ss = replicates.reduce((a, r) => a + (r - estimate) ** 2, 0);
    switch (method.kind) {
        case 'JK2':
            return ss;
        case 'BRR':
            if (!(method.fay >= 0 && method.fay < 1))
                throw new RangeError(`Fay's factor must be in [0, 1), got ${method.fay}`);
            return ss / (R * (1 - method.fay) ** 2);
        case 'JK1':
            return ((R - 1) / R) * ss;
    }
}
//# sourceMappingURL=replicateVariance.js.map
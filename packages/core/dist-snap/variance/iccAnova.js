import fQuantile from '@stdlib/stats-base-dists-f-quantile';
import { clusterTotals, unavailableReason } from './clusterSummary.js';
/**
 * Between-school share of variance by one-way ANOVA (方差分析法组内相关系数):
 *
 *   MSB = Σ n_j(ȳ_j − ȳ)²/(J − 1),  MSW = Σ SS_j/(N − J),  n₀ = (N − Σ n_j²/N)/(J − 1),
 *   σ²_b = max(0, (MSB − MSW)/n₀),  σ²_w = MSW,  ICC = σ²_b/(σ²_b + σ²_w).
 *
 * The CI inverts F = MSB/MSW (Searle 1971, *Linear Models* §9.7; Donner 1986, Int. Stat. Rev.
 * 54:67–82): with F_L = F/F_{1−α/2}(J−1, N−J) and F_U = F/F_{α/2}(J−1, N−J), the limits are
 * (F − 1)/(F + n₀ − 1) at F_L and F_U, clipped to [0, 1]. Exact for equal school sizes,
 * a close approximation otherwise (Donner 1986).
 *
 * Degenerate input (fewer than two schools, one student per school, no variance) returns
 * `{ estimable: false, reason }`.
 *
 * @example
 * iccAnova({ count: [2, 2], mean: [1, 3], m2: [0.5, 0.5] }).icc; // => 0.7777777777777778
 */
export function iccAnova(s, level = 0.95) {
    const t = clusterTotals(s);
    const reason = unavailableReason(t);
    if (reason)
        return { estimable: false, reason, schools: t.schools, students: t.students };
    const J = t.schools;
    const N = t.students;
    const msb = t.betweenSS / (J - 1);
    const msw = t.withinSS / (N - J);
    const n0 = (N - t.sumSquaredSizes / N) / (J - 1);
    const raw = (msb - msw) / n0;
    const betweenVariance = Math.max(0, raw);
    const icc = msw === 0 ? 1 : betweenVariance / (betweenVariance + msw);
    const alpha = 1 - level;
    let iccCI;
    if (msw === 0)
        iccCI = [1, 1];
    else {
        const F = msb / msw;
        const limit = (f) => Math.min(1, Math.max(0, (f - 1) / (f + n0 - 1)));
        iccCI = [limit(F / fQuantile(1 - alpha / 2, J - 1, N - J)), limit(F / fQuantile(alpha / 2, J - 1, N - J))];
    }
    return {
        estimable: true,
        method: 'ANOVA',
        schools: J,
        students: N,
        meanSquareBetween: msb,
        meanSquareWithin: msw,
        n0,
        betweenVariance,
        withinVariance: msw,
        icc,
        iccCI,
        level,
        truncated: raw < 0,
    };
}
//# sourceMappingURL=iccAnova.js.map
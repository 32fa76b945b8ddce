/**
 * Student-weighted coefficient of variation of school means (校际差异系数), as in the
 * county balanced-development supervision (县域义务教育优质均衡发展督导评估办法, 2017):
 *
 *   CV = S / X̄,  X̄ = Σ P_j X_j / Σ P_j,  S = √( Σ P_j (X_j − X̄)² / Σ P_j ),
 *
 * X_j the school mean and P_j its number of students. Null for fewer than two schools or a
 * zero mean.
 *
 * @example
 * schoolMeanCV({ count: [10, 30], mean: [400, 600], m2: [0, 0] }); // => 0.15745916432444337
 */
export function schoolMeanCV(s) {
    let total = 0;
    let sum = 0;
    let schools = 0;
    for (let j = 0; j < s.count.length; j++) {
        const n = s.count[j];
        if (!(n > 0))
            continue;
        schools++;
        total += n;
        sum += n * s.mean[j];
    }
    if (schools < 2)
        return null;
    const mean = sum / total;
    if (mean === 0)
        return null;
    let ss = 0;
    for (let j = 0; j < s.count.length; j++) {
        const n = s.count[j];
        if (n > 0)
            ss += n * (s.mean[j] - mean) ** 2;
    }
    return Math.sqrt(ss / total) / Math.abs(mean);
}
//# sourceMappingURL=schoolMeanCV.js.map
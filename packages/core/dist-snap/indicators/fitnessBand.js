/**
 * Fitness band (体质健康等级) of a total score under 《国家学生体质健康标准（2014年修订）》:
 * 优秀 ≥ 90.0, 良好 80.0–89.9, 及格 60.0–79.9, 不及格 < 60.0. 达标率 is the share at 及格 or
 * better, 优良率 the share at 良好 or better.
 *
 * @example
 * fitnessBand(79.9); // => 'pass'
 */
export function fitnessBand(score) {
    if (score === null || !Number.isFinite(score))
        return null;
    const s = Math.round(score * 10);
    return s >= 900 ? 'excellent' : s >= 800 ? 'good' : s >= 600 ? 'pass' : 'fail';
}
//# sourceMappingURL=fitnessBand.js.map
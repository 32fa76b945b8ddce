export const defaultVisionThresholds = { poorBelow: 5.0, mildFrom: 4.9, moderateFrom: 4.6 };
// Acuity is recorded to one decimal; comparing on the rounded tenth avoids 4.9 < 4.9 − ε issues.
const tenth = (x) => Math.round(x * 10);
/**
 * Poor-vision screening (视力不良) from uncorrected visual acuity of both eyes on the
 * 5-point chart (GB 11533 标准对数视力表): poor when either eye is below 5.0; graded by the
 * worse eye as 轻度 (4.9), 中度 (4.6–4.8) or 重度 (≤ 4.5). One eye missing: the other decides
 * when it is poor, otherwise the status is unknown (null). This is not myopia (近视), which
 * also needs refraction (WS/T 663-2020).
 *
 * @example
 * visionGrade(5.0, 4.7); // => 'moderate'
 */
export function visionGrade(left, right, t = defaultVisionThresholds) {
    const eyes = [left, right].filter((x) => x !== null && Number.isFinite(x));
    if (eyes.length === 0)
        return null;
    const worse = tenth(Math.min(...eyes));
    if (worse >= tenth(t.poorBelow))
        return eyes.length === 2 ? 'normal' : null;
    if (worse >= tenth(t.mildFrom))
        return 'mild';
    if (worse >= tenth(t.moderateFrom))
        return 'moderate';
    return 'severe';
}
/**
 * 1 when vision is poor (either eye < 5.0), 0 when both eyes ≥ 5.0, null when unknown.
 *
 * @example
 * visionPoor(5.0, 4.9); // => 1
 */
export function visionPoor(left, right, t = defaultVisionThresholds) {
    const g = visionGrade(left, right, t);
    return g === null ? null : g === 'normal' ? 0 : 1;
}
//# sourceMappingURL=visionPoor.js.map
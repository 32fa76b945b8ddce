/** Grade of poor vision by the worse eye (视力不良程度). */
export type VisionGrade = 'normal' | 'mild' | 'moderate' | 'severe';
/** Thresholds of {@link visionGrade} on the 5-point (logarithmic) chart. */
export interface VisionThresholds {
    /** Poor vision below this acuity (default 5.0). */
    poorBelow: number;
    /** Mild down to this acuity (default 4.9). */
    mildFrom: number;
    /** Moderate down to this acuity (default 4.6); severe below. */
    moderateFrom: number;
}
export declare const defaultVisionThresholds: VisionThresholds;
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
export declare function visionGrade(left: number | null, right: number | null, t?: VisionThresholds): VisionGrade | null;
/**
 * 1 when vision is poor (either eye < 5.0), 0 when both eyes ≥ 5.0, null when unknown.
 *
 * @example
 * visionPoor(5.0, 4.9); // => 1
 */
export declare function visionPoor(left: number | null, right: number | null, t?: VisionThresholds): 0 | 1 | null;
//# sourceMappingURL=visionPoor.d.ts.map
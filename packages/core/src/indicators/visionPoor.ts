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

export const defaultVisionThresholds: VisionThresholds = { poorBelow: 5.0, mildFrom: 4.9, moderateFrom: 4.6 };

// Acuity is recorded to one decimal; comparing on the rounded tenth avoids 4.9 < 4.9 − ε issues.
const tenth = (x: number): number => Math.round(x * 10);

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
export function visionGrade(left: number | null, right: number | null, t: VisionThresholds = defaultVisionThresholds): VisionGrade | null {
  const eyes = [left, right].filter((x): x is number => x !== null && Number.isFinite(x));
  if (eyes.length === 0) return null;
  const worse = tenth(Math.min(...eyes));
  if (worse >= tenth(t.poorBelow)) return eyes.length === 2 ? 'normal' : null;
  if (worse >= tenth(t.mildFrom)) return 'mild';
  if (worse >= tenth(t.moderateFrom)) return 'moderate';
  return 'severe';
}

/**
 * 1 when vision is poor (either eye < 5.0), 0 when both eyes ≥ 5.0, null when unknown.
 *
 * @example
 * visionPoor(5.0, 4.9); // => 1
 */
export function visionPoor(left: number | null, right: number | null, t: VisionThresholds = defaultVisionThresholds): 0 | 1 | null {
  const g = visionGrade(left, right, t);
  return g === null ? null : g === 'normal' ? 0 : 1;
}

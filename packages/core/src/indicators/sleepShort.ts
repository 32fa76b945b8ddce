/** Daily sleep required by school stage, hours (教育部《关于进一步加强中小学生睡眠管理工作的通知》, 2021). */
export interface SleepRequirement {
  /** Grades 1–6 (小学). */
  primary: number;
  /** Grades 7–9 (初中). */
  junior: number;
  /** Grades 10–12 (高中). */
  senior: number;
}

export const defaultSleepRequirement: SleepRequirement = { primary: 10, junior: 9, senior: 8 };

/**
 * Insufficient sleep (睡眠不足): fewer hours than the stage requires — primary < 10 h,
 * junior secondary < 9 h, senior secondary < 8 h. Exactly the requirement is enough.
 * Null when hours or grade are missing.
 *
 * @example
 * sleepShort(10, 4); // => 0
 */
export function sleepShort(hours: number | null, grade: number | null, r: SleepRequirement = defaultSleepRequirement): 0 | 1 | null {
  if (hours === null || grade === null || !Number.isFinite(hours)) return null;
  const need = grade <= 6 ? r.primary : grade <= 9 ? r.junior : r.senior;
  return hours < need ? 1 : 0;
}

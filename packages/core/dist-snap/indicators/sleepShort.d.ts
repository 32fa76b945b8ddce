/** Daily sleep required by school stage, hours (教育部《关于进一步加强中小学生睡眠管理工作的通知》, 2021). */
export interface SleepRequirement {
    /** Grades 1–6 (小学). */
    primary: number;
    /** Grades 7–9 (初中). */
    junior: number;
    /** Grades 10–12 (高中). */
    senior: number;
}
export declare const defaultSleepRequirement: SleepRequirement;
/**
 * Insufficient sleep (睡眠不足): fewer hours than the stage requires — primary < 10 h,
 * junior secondary < 9 h, senior secondary < 8 h. Exactly the requirement is enough.
 * Null when hours or grade are missing.
 *
 * @example
 * sleepShort(10, 4); // => 0
 */
export declare function sleepShort(hours: number | null, grade: number | null, r?: SleepRequirement): 0 | 1 | null;
//# sourceMappingURL=sleepShort.d.ts.map
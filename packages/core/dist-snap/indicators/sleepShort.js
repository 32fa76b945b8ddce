export const defaultSleepRequirement = { primary: 10, junior: 9, senior: 8 };
/**
 * Insufficient sleep (睡眠不足): fewer hours than the stage requires — primary < 10 h,
 * junior secondary < 9 h, senior secondary < 8 h. Exactly the requirement is enough.
 * Null when hours or grade are missing.
 *
 * @example
 * sleepShort(10, 4); // => 0
 */
export function sleepShort(hours, grade, r = defaultSleepRequirement) {
    if (hours === null || grade === null || !Number.isFinite(hours))
        return null;
    const need = grade <= 6 ? r.primary : grade <= 9 ? r.junior : r.senior;
    return hours < need ? 1 : 0;
}
//# sourceMappingURL=sleepShort.js.map
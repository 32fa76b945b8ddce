/**
 * WS/T 456-2014 《学龄儿童青少年营养不良筛查》: BMI cut-offs (kg/m²) for thinness (消瘦) by sex
 * and half-year age, 6.0–17.5 years: at or below `moderateSevere` is 中重度消瘦, at or below
 * `mild` (and above the former) 轻度消瘦. Transcribed from shared/data/wst456-2014-bmi-thinness.csv;
 * a test compares this module with that file.
 */
export declare const wst456Table: readonly {
    age: number;
    maleModerateSevere: number;
    maleMild: number;
    femaleModerateSevere: number;
    femaleMild: number;
}[];
//# sourceMappingURL=wst456.d.ts.map
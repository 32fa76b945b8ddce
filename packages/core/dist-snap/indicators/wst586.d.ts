/**
 * WS/T 586-2018 《学龄儿童青少年超重与肥胖筛查》: BMI cut-offs (kg/m²) for overweight (超重)
 * and obesity (肥胖) by sex and half-year age, 6.0–18.0 years. Transcribed from
 * shared/data/wst586-2018-bmi-overweight-obesity.csv (cross-checked against two independent
 * public encodings of the standard); a test compares this module with that file.
 */
export declare const wst586Table: readonly {
    age: number;
    maleOverweight: number;
    maleObese: number;
    femaleOverweight: number;
    femaleObese: number;
}[];
//# sourceMappingURL=wst586.d.ts.map
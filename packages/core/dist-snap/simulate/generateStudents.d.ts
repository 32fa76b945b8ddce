import { type ProvinceParams } from './provinceParams.js';
/** Columns of a synthetic student record, in file order (the data contract's canonical names). */
export declare const simulatedColumns: readonly ["year", "province", "county", "school", "student", "grade", "sex", "locale", "weight", "math", "va_left", "va_right", "sleep_hours", "anxiety", "height_cm", "weight_kg", "age", "fitness_score"];
/** One synthetic student-year: every cell as the text a CSV would hold. */
export type SimulatedRecord = Record<(typeof simulatedColumns)[number], string>;
/** A data-quality defect injected into a fixture, where it is (header = row 1). */
export interface InjectedDefect {
    row: number;
    column: string;
    value: string;
    rule: string;
}
/** Options of {@link generateStudents}. */
export interface GenerateOptions {
    /** Inject the documented data-quality defects (the one-county fixture). */
    defects?: boolean;
    /** Receives each injected defect as it is written. */
    onDefect?: (defect: InjectedDefect) => void;
}
/**
 * Chinese numeral for 1–999 (school ordinals in names).
 *
 * @example
 * [chineseOrdinal(12), chineseOrdinal(40), chineseOrdinal(105), chineseOrdinal(210)]; // => ['十二', '四十', '一百零五', '二百一十']
 */
export declare function chineseOrdinal(n: number): string;
/**
 * Synthetic student-level monitoring data with known truth (模拟数据), one record per student
 * per year, as an iterator (so millions of rows can be streamed to disk).
 *
 * - math: y = μ_grade + county offset + u_school + e, u ~ N(0, ICC·SD²) drawn once per school
 *   and kept across years, e ~ N(0, (1 − ICC)·SD²); one decimal.
 * - binary indicators: school-year prevalence p_j ~ Beta(p·k, (1 − p)·k), student status ~
 *   Bernoulli(p_j): the marginal prevalence is exactly p (the truth), with clustering (design
 *   effect ≈ 1 + (n − 1)/(k + 1)). Overweight and obesity, and fitness bands, are drawn as nested
 *   Beta-Bernoullis with the same property. Raw measurements are then drawn consistent with the
 *   status: acuity of both eyes, sleep hours around the stage requirement (including values
 *   exactly at it), anxiety scores around the cut-off, height/weight/age giving a BMI in the
 *   drawn WS/T 586 category after rounding, fitness scores within the drawn band.
 *
 * @example
 * [...generateStudents(countyFixtureParams, 20261125)].length; // => about 3,400
 */
export declare function generateStudents(p: ProvinceParams, seed: number, options?: GenerateOptions): Generator<SimulatedRecord>;
//# sourceMappingURL=generateStudents.d.ts.map
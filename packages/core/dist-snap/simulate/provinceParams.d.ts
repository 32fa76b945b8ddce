/** Indicators the synthetic generator builds in, with a known population prevalence. */
export declare const simulatedIndicators: readonly ["vision_poor", "sleep_short", "anxiety", "overweight", "obese", "fitness_pass", "fitness_good"];
/** One of {@link simulatedIndicators}. */
export type SimulatedIndicator = (typeof simulatedIndicators)[number];
/** Prevalence in the first year and linear change per year (proportions, e.g. 0.03 = 3 pp). */
export interface PrevalenceTrend {
    base: number;
    perYear: number;
}
/** One synthetic county (模拟区县). */
export interface CountyParams {
    name: string;
    /** Two-digit code used in student ids. */
    code: string;
    primarySchools: number;
    juniorSchools: number;
    /** Schools (of the first ones) that give only 5–15 students a year. */
    smallSchools: number;
    /** Between-school share of math variance, per grade. */
    icc: {
        4: number;
        8: number;
    };
    /** County offset of the math mean (scale points). */
    mathOffset: number;
    prevalence: Record<SimulatedIndicator, {
        4: PrevalenceTrend;
        8: PrevalenceTrend;
    }>;
}
/** A synthetic province: the parameters that are the truth of a fixture. */
export interface ProvinceParams {
    province: string;
    years: number[];
    /** Math mean per grade before county offsets, and total SD (2015 scale: 500, 100). */
    mathMean: {
        4: number;
        8: number;
    };
    mathSD: number;
    /** Students per school and year (normal schools), inclusive range. */
    studentsPerSchool: [number, number];
    /** Beta concentration k of school-year prevalences (smaller = more clustering). */
    clustering: number;
    /** Anxiety score at or above which a student counts as anxious. */
    anxietyCutoff: number;
    counties: CountyParams[];
}
/** National-like prevalences (DESIGN.md, published figures) with no trend. */
export declare function nationalPrevalence(): CountyParams['prevalence'];
/** The bundled one-county fixture: 18 primary and 12 junior schools, 2021–2024 (~3,400 rows). */
export declare const countyFixtureParams: ProvinceParams;
/**
 * The bundled province fixture: five counties of 20–60 schools, 2021–2024, with contrasting
 * between-school shares (0.05–0.35) and built-in trends: poor vision +3 pp/year in 河东区 and
 * −3 pp/year in 石门县, insufficient sleep +3 pp/year in 白水县, obesity +3 pp/year in 平安县,
 * none in 青山县.
 */
export declare const provinceFixtureParams: ProvinceParams;
/**
 * Parameters of a province of about `students` rows for benchmarks and scale tests: whole
 * counties of 24 primary and 16 junior schools (two small ones per grade) over four years, and
 * one last county with as many ~30-student schools as make up the rest. Expected rows of a whole
 * county: years × (36 × 30 + 4 × 10) = 4 × 1,120 = 4,480. From 5,000 rows up the total is within
 * about 1% of `students` (school sizes are random; a school-year is the unit).
 *
 * @example
 * scaledProvinceParams(1e7).counties.length; // => 2233 (2,232 whole counties + 5 schools)
 */
export declare function scaledProvinceParams(students: number): ProvinceParams;
/** True prevalence of an indicator in a county, grade and year (clamped to [0.01, 0.99]). */
export declare function truePrevalence(c: CountyParams, indicator: SimulatedIndicator, grade: 4 | 8, year: number, firstYear: number): number;
//# sourceMappingURL=provinceParams.d.ts.map
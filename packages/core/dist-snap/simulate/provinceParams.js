/** Indicators the synthetic generator builds in, with a known population prevalence. */
export const simulatedIndicators = ['vision_poor', 'sleep_short', 'anxiety', 'overweight', 'obese', 'fitness_pass', 'fitness_good'];
const flat = (base) => ({ base, perYear: 0 });
/** National-like prevalences (DESIGN.md, published figures) with no trend. */
export function nationalPrevalence() {
    return {
        vision_poor: { 4: flat(0.37), 8: flat(0.66) },
        sleep_short: { 4: flat(0.75), 8: flat(0.8) },
        anxiety: { 4: flat(0.12), 8: flat(0.18) },
        overweight: { 4: flat(0.12), 8: flat(0.12) },
        obese: { 4: flat(0.08), 8: flat(0.09) },
        fitness_pass: { 4: flat(0.92), 8: flat(0.88) },
        fitness_good: { 4: flat(0.45), 8: flat(0.35) },
    };
}
function county(name, code, primary, junior, icc4, icc8, offset, changes = {}) {
    const prevalence = nationalPrevalence();
    for (const [indicator, perYear] of Object.entries(changes)) {
        prevalence[indicator] = { 4: { ...prevalence[indicator][4], perYear }, 8: { ...prevalence[indicator][8], perYear } };
    }
    return { name, code, primarySchools: primary, juniorSchools: junior, smallSchools: 2, icc: { 4: icc4, 8: icc8 }, mathOffset: offset, prevalence };
}
/** The bundled one-county fixture: 18 primary and 12 junior schools, 2021–2024 (~3,400 rows). */
export const countyFixtureParams = {
    province: '示例省',
    years: [2021, 2022, 2023, 2024],
    mathMean: { 4: 500, 8: 500 },
    mathSD: 100,
    studentsPerSchool: [26, 34],
    clustering: 20,
    anxietyCutoff: 60,
    counties: [county('青山县', '01', 18, 12, 0.2, 0.15, -10, { vision_poor: 0.02 })],
};
/**
 * The bundled province fixture: five counties of 20–60 schools, 2021–2024, with contrasting
 * between-school shares (0.05–0.35) and built-in trends: poor vision +3 pp/year in 河东区 and
 * −3 pp/year in 石门县, insufficient sleep +3 pp/year in 白水县, obesity +3 pp/year in 平安县,
 * none in 青山县.
 */
export const provinceFixtureParams = {
    province: '示例省',
    years: [2021, 2022, 2023, 2024],
    mathMean: { 4: 500, 8: 500 },
    mathSD: 100,
    studentsPerSchool: [22, 28],
    clustering: 20,
    anxietyCutoff: 60,
    counties: [
        county('青山县', '01', 14, 8, 0.05, 0.05, 0),
        county('河东区', '02', 30, 18, 0.12, 0.1, 15, { vision_poor: 0.03 }),
        county('白水县', '03', 22, 14, 0.18, 0.15, -20, { sleep_short: 0.03 }),
        county('石门县', '04', 34, 22, 0.25, 0.2, -5, { vision_poor: -0.03 }),
        county('平安县', '05', 30, 20, 0.35, 0.3, 10, { obese: 0.03 }),
    ],
};
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
export function scaledProvinceParams(students) {
    const years = provinceFixtureParams.years.length;
    const perSchool = 30 * years;
    const perCounty = (36 * 30 + 4 * 10) * years;
    const whole = Math.floor(students / perCounty);
    const restSchools = Math.max(whole === 0 ? 2 : 0, Math.round((students - whole * perCounty) / perSchool));
    const iccs = [0.05, 0.12, 0.18, 0.25, 0.35];
    const make = (i, primary, junior) => {
        const code = String(i + 1).padStart(5, '0');
        return county(`模拟县${code}`, code, primary, junior, iccs[i % 5], iccs[i % 5], ((i % 7) - 3) * 5);
    };
    const counties = Array.from({ length: whole }, (_, i) => make(i, 24, 16));
    if (restSchools > 0) {
        const primary = Math.ceil((restSchools * 3) / 5);
        counties.push({ ...make(whole, primary, restSchools - primary), smallSchools: 0 });
    }
    return { ...provinceFixtureParams, studentsPerSchool: [26, 34], counties };
}
/** True prevalence of an indicator in a county, grade and year (clamped to [0.01, 0.99]). */
export function truePrevalence(c, indicator, grade, year, firstYear) {
    const t = c.prevalence[indicator][grade];
    return Math.min(0.99, Math.max(0.01, t.base + t.perYear * (year - firstYear)));
}
//# sourceMappingURL=provinceParams.js.map
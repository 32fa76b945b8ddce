import { wst456Table } from './wst456.js';
import { wst586Table } from './wst586.js';
/** BMI = weight (kg) / height (m)². */
export function bodyMassIndex(heightCm, weightKg) {
    const m = heightCm / 100;
    return weightKg / (m * m);
}
/**
 * Half-year age (半岁年龄): completed age floored to 0.5 year, as the screening standards
 * tabulate it (10.49 → 10.0, 10.5 → 10.5).
 *
 * @example
 * halfYearAge(10.49); // => 10
 */
export function halfYearAge(ageYears) {
    return Math.floor(ageYears * 2 + 1e-9) / 2;
}
// Cut-offs are compared after a guard of 1e-9 so that a BMI computed as exactly the
// tabulated value (e.g. 18.1 kg at 100 cm) is not lost to floating-point rounding.
const guard = 1e-9;
/**
 * Overweight/obesity and thinness screening (超重肥胖与消瘦筛查) of one child:
 * obese when BMI ≥ the WS/T 586-2018 obesity cut-off for sex and half-year age, overweight
 * when ≥ the overweight cut-off, thin when ≤ the WS/T 456-2014 mild-thinness cut-off, normal
 * otherwise. Ages outside the tables (6.0–18.0 for overweight; thinness to 17.5) give null
 * for what the table does not cover: a child of 18 can be overweight/obese/normal but not
 * screened for thinness (then 'normal' means "not overweight").
 *
 * @example
 * bmiCategory(140, 40, 10.2, 'M'); // => 'overweight' (BMI 20.4; cut-offs at 10.0: 19.2 and 21.9)
 */
export function bmiCategory(heightCm, weightKg, ageYears, sex) {
    const age = halfYearAge(ageYears);
    const row = wst586Table.find((r) => r.age === age);
    if (!row || !(heightCm > 0) || !(weightKg > 0))
        return null;
    const bmi = bodyMassIndex(heightCm, weightKg);
    const male = sex === 'M';
    if (bmi + guard >= (male ? row.maleObese : row.femaleObese))
        return 'obese';
    if (bmi + guard >= (male ? row.maleOverweight : row.femaleOverweight))
        return 'overweight';
    const thin = wst456Table.find((r) => r.age === age);
    if (thin && bmi - guard <= (male ? thin.maleMild : thin.femaleMild))
        return 'thin';
    return 'normal';
}
//# sourceMappingURL=bmiCategory.js.map
/** BMI status of a school-age child (体重状况). */
export type BmiCategory = 'thin' | 'normal' | 'overweight' | 'obese';
/** BMI = weight (kg) / height (m)². */
export declare function bodyMassIndex(heightCm: number, weightKg: number): number;
/**
 * Half-year age (半岁年龄): completed age floored to 0.5 year, as the screening standards
 * tabulate it (10.49 → 10.0, 10.5 → 10.5).
 *
 * @example
 * halfYearAge(10.49); // => 10
 */
export declare function halfYearAge(ageYears: number): number;
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
export declare function bmiCategory(heightCm: number, weightKg: number, ageYears: number, sex: 'M' | 'F'): BmiCategory | null;
//# sourceMappingURL=bmiCategory.d.ts.map
/**
 * WS/T 586-2018 《学龄儿童青少年超重与肥胖筛查》: BMI cut-offs (kg/m²) for overweight (超重)
 * and obesity (肥胖) by sex and half-year age, 6.0–18.0 years. Transcribed from
 * fixtures/reference/wst586-2018-bmi-overweight-obesity.csv (cross-checked against two independent
 * public encodings of the standard); a test compares this module with that file.
 */
export const wst586Table: readonly {
  age: number;
  maleOverweight: number;
  maleObese: number;
  femaleOverweight: number;
  femaleObese: number;
}[] = [
  { age: 6, maleOverweight: 16.4, maleObese: 17.7, femaleOverweight: 16.2, femaleObese: 17.5 },
  { age: 6.5, maleOverweight: 16.7, maleObese: 18.1, femaleOverweight: 16.5, femaleObese: 18.0 },
  { age: 7, maleOverweight: 17.0, maleObese: 18.7, femaleOverweight: 16.8, femaleObese: 18.5 },
  { age: 7.5, maleOverweight: 17.4, maleObese: 19.2, femaleOverweight: 17.2, femaleObese: 19.0 },
  { age: 8, maleOverweight: 17.8, maleObese: 19.7, femaleOverweight: 17.6, femaleObese: 19.4 },
  { age: 8.5, maleOverweight: 18.1, maleObese: 20.3, femaleOverweight: 18.1, femaleObese: 19.9 },
  { age: 9, maleOverweight: 18.5, maleObese: 20.8, femaleOverweight: 18.5, femaleObese: 20.4 },
  { age: 9.5, maleOverweight: 18.9, maleObese: 21.4, femaleOverweight: 19.0, femaleObese: 21.0 },
  { age: 10, maleOverweight: 19.2, maleObese: 21.9, femaleOverweight: 19.5, femaleObese: 21.5 },
  { age: 10.5, maleOverweight: 19.6, maleObese: 22.5, femaleOverweight: 20.0, femaleObese: 22.1 },
  { age: 11, maleOverweight: 19.9, maleObese: 23.0, femaleOverweight: 20.5, femaleObese: 22.7 },
  { age: 11.5, maleOverweight: 20.3, maleObese: 23.6, femaleOverweight: 21.1, femaleObese: 23.3 },
  { age: 12, maleOverweight: 20.7, maleObese: 24.1, femaleOverweight: 21.5, femaleObese: 23.9 },
  { age: 12.5, maleOverweight: 21.0, maleObese: 24.7, femaleOverweight: 21.9, femaleObese: 24.5 },
  { age: 13, maleOverweight: 21.4, maleObese: 25.2, femaleOverweight: 22.2, femaleObese: 25.0 },
  { age: 13.5, maleOverweight: 21.9, maleObese: 25.7, femaleOverweight: 22.6, femaleObese: 25.6 },
  { age: 14, maleOverweight: 22.3, maleObese: 26.1, femaleOverweight: 22.8, femaleObese: 25.9 },
  { age: 14.5, maleOverweight: 22.6, maleObese: 26.4, femaleOverweight: 23.0, femaleObese: 26.3 },
  { age: 15, maleOverweight: 22.9, maleObese: 26.6, femaleOverweight: 23.2, femaleObese: 26.6 },
  { age: 15.5, maleOverweight: 23.1, maleObese: 26.9, femaleOverweight: 23.4, femaleObese: 26.9 },
  { age: 16, maleOverweight: 23.3, maleObese: 27.1, femaleOverweight: 23.6, femaleObese: 27.1 },
  { age: 16.5, maleOverweight: 23.5, maleObese: 27.4, femaleOverweight: 23.7, femaleObese: 27.4 },
  { age: 17, maleOverweight: 23.7, maleObese: 27.6, femaleOverweight: 23.8, femaleObese: 27.6 },
  { age: 17.5, maleOverweight: 23.8, maleObese: 27.8, femaleOverweight: 23.9, femaleObese: 27.8 },
  { age: 18, maleOverweight: 24.0, maleObese: 28.0, femaleOverweight: 24.0, femaleObese: 28.0 },
];

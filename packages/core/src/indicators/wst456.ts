/**
 * WS/T 456-2014 《学龄儿童青少年营养不良筛查》: BMI cut-offs (kg/m²) for thinness (消瘦) by sex
 * and half-year age, 6.0–17.5 years: at or below `moderateSevere` is 中重度消瘦, at or below
 * `mild` (and above the former) 轻度消瘦. Transcribed from
 * fixtures/reference/wst456-2014-bmi-thinness.csv; a test compares this module with that file.
 */
export const wst456Table: readonly {
  age: number;
  maleModerateSevere: number;
  maleMild: number;
  femaleModerateSevere: number;
  femaleMild: number;
}[] = [
  { age: 6, maleModerateSevere: 13.2, maleMild: 13.4, femaleModerateSevere: 12.8, femaleMild: 13.1 },
  { age: 6.5, maleModerateSevere: 13.4, maleMild: 13.8, femaleModerateSevere: 12.9, femaleMild: 13.3 },
  { age: 7, maleModerateSevere: 13.5, maleMild: 13.9, femaleModerateSevere: 13.0, femaleMild: 13.4 },
  { age: 7.5, maleModerateSevere: 13.5, maleMild: 13.9, femaleModerateSevere: 13.0, femaleMild: 13.5 },
  { age: 8, maleModerateSevere: 13.6, maleMild: 14.0, femaleModerateSevere: 13.1, femaleMild: 13.6 },
  { age: 8.5, maleModerateSevere: 13.6, maleMild: 14.0, femaleModerateSevere: 13.1, femaleMild: 13.7 },
  { age: 9, maleModerateSevere: 13.7, maleMild: 14.1, femaleModerateSevere: 13.2, femaleMild: 13.8 },
  { age: 9.5, maleModerateSevere: 13.8, maleMild: 14.2, femaleModerateSevere: 13.2, femaleMild: 13.9 },
  { age: 10, maleModerateSevere: 13.9, maleMild: 14.4, femaleModerateSevere: 13.3, femaleMild: 14.0 },
  { age: 10.5, maleModerateSevere: 14.0, maleMild: 14.6, femaleModerateSevere: 13.4, femaleMild: 14.1 },
  { age: 11, maleModerateSevere: 14.2, maleMild: 14.9, femaleModerateSevere: 13.7, femaleMild: 14.3 },
  { age: 11.5, maleModerateSevere: 14.3, maleMild: 15.1, femaleModerateSevere: 13.9, femaleMild: 14.5 },
  { age: 12, maleModerateSevere: 14.4, maleMild: 15.4, femaleModerateSevere: 14.1, femaleMild: 14.7 },
  { age: 12.5, maleModerateSevere: 14.5, maleMild: 15.6, femaleModerateSevere: 14.3, femaleMild: 14.9 },
  { age: 13, maleModerateSevere: 14.8, maleMild: 15.9, femaleModerateSevere: 14.6, femaleMild: 15.3 },
  { age: 13.5, maleModerateSevere: 15.0, maleMild: 16.1, femaleModerateSevere: 14.9, femaleMild: 15.6 },
  { age: 14, maleModerateSevere: 15.3, maleMild: 16.4, femaleModerateSevere: 15.3, femaleMild: 16.0 },
  { age: 14.5, maleModerateSevere: 15.5, maleMild: 16.7, femaleModerateSevere: 15.7, femaleMild: 16.3 },
  { age: 15, maleModerateSevere: 15.8, maleMild: 16.9, femaleModerateSevere: 16.0, femaleMild: 16.6 },
  { age: 15.5, maleModerateSevere: 16.0, maleMild: 17.0, femaleModerateSevere: 16.2, femaleMild: 16.8 },
  { age: 16, maleModerateSevere: 16.2, maleMild: 17.3, femaleModerateSevere: 16.4, femaleMild: 17.0 },
  { age: 16.5, maleModerateSevere: 16.4, maleMild: 17.5, femaleModerateSevere: 16.5, femaleMild: 17.1 },
  { age: 17, maleModerateSevere: 16.6, maleMild: 17.7, femaleModerateSevere: 16.6, femaleMild: 17.2 },
  { age: 17.5, maleModerateSevere: 16.8, maleMild: 17.9, femaleModerateSevere: 16.7, femaleMild: 17.3 },
];

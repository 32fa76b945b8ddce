import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bmiCategory, fitnessBand, halfYearAge, sleepShort, visionGrade, visionPoor, wst456Table, wst586Table } from '../../src/index.js';

const reference = new URL('../../../../fixtures/reference/', import.meta.url);
const csvRows = (name: string): number[][] =>
  readFileSync(new URL(name, reference), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(',').map(Number));

describe('cut-off tables', () => {
  it('wst586Table equals fixtures/reference/wst586-2018-bmi-overweight-obesity.csv', () => {
    expect(wst586Table.map((r) => [r.age, r.maleOverweight, r.maleObese, r.femaleOverweight, r.femaleObese])).toEqual(
      csvRows('wst586-2018-bmi-overweight-obesity.csv'),
    );
  });
  it('wst456Table equals fixtures/reference/wst456-2014-bmi-thinness.csv', () => {
    expect(wst456Table.map((r) => [r.age, r.maleModerateSevere, r.maleMild, r.femaleModerateSevere, r.femaleMild])).toEqual(
      csvRows('wst456-2014-bmi-thinness.csv'),
    );
  });
});

describe('visionGrade', () => {
  it('visionGrade: 5.0 in both eyes is normal, 4.9 in either eye is poor (mild)', () => {
    expect(visionGrade(5.0, 5.0)).toBe('normal');
    expect(visionGrade(5.0, 4.9)).toBe('mild');
    expect(visionGrade(4.9, 5.3)).toBe('mild');
  });
  it('visionGrade grades by the worse eye: 4.8 and 4.6 moderate, 4.5 severe', () => {
    expect(visionGrade(4.8, 5.0)).toBe('moderate');
    expect(visionGrade(4.6, 4.9)).toBe('moderate');
    expect(visionGrade(4.5, 4.9)).toBe('severe');
    expect(visionGrade(3.0, 3.0)).toBe('severe');
  });
  it('visionGrade survives floating-point noise at the boundaries', () => {
    expect(visionGrade(5.0 - 1e-12, 5.1)).toBe('normal');
    expect(visionGrade(0.49 * 10, 5.1)).toBe('mild');
  });
  it('visionPoor with one eye missing decides only when that eye is poor', () => {
    expect(visionPoor(4.8, null)).toBe(1);
    expect(visionPoor(5.1, null)).toBeNull();
    expect(visionPoor(null, null)).toBeNull();
  });
});

describe('sleepShort', () => {
  it('sleepShort: exactly 10 h in grade 4 is enough, 9.9 h is short', () => {
    expect(sleepShort(10, 4)).toBe(0);
    expect(sleepShort(9.9, 4)).toBe(1);
  });
  it('sleepShort uses 9 h for grades 7–9 and 8 h for 10–12', () => {
    expect([sleepShort(9, 8), sleepShort(8.9, 8), sleepShort(8, 10), sleepShort(7.9, 12), sleepShort(9.9, 6), sleepShort(9.5, 7)]).toEqual([0, 1, 0, 1, 1, 0]);
  });
  it('sleepShort takes a configured requirement', () => {
    expect(sleepShort(9.5, 4, { primary: 9.5, junior: 9, senior: 8 })).toBe(0);
  });
});

describe('bmiCategory', () => {
  // A height of 100 cm makes BMI equal the weight in kg, so cut-offs can be hit exactly.
  it('bmiCategory: on the overweight and obesity cut-offs for each sex at several ages', () => {
    for (const row of wst586Table.filter((r) => [6, 8.5, 10, 12.5, 14, 17.5].includes(r.age))) {
      const age = row.age + 0.2;
      expect([row.age, bmiCategory(100, row.maleOverweight, age, 'M')]).toEqual([row.age, 'overweight']);
      expect([row.age, bmiCategory(100, row.maleOverweight - 0.01, age, 'M')]).not.toEqual([row.age, 'overweight']);
      expect([row.age, bmiCategory(100, row.maleObese, age, 'M')]).toEqual([row.age, 'obese']);
      expect([row.age, bmiCategory(100, row.maleObese - 0.01, age, 'M')]).toEqual([row.age, 'overweight']);
      expect([row.age, bmiCategory(100, row.femaleOverweight, age, 'F')]).toEqual([row.age, 'overweight']);
      expect([row.age, bmiCategory(100, row.femaleObese, age, 'F')]).toEqual([row.age, 'obese']);
      expect([row.age, bmiCategory(100, row.femaleObese - 0.01, age, 'F')]).toEqual([row.age, 'overweight']);
    }
  });
  it('bmiCategory: the same BMI differs by sex (10-year-olds: boys 19.2, girls 19.5)', () => {
    expect(bmiCategory(100, 19.3, 10.3, 'M')).toBe('overweight');
    expect(bmiCategory(100, 19.3, 10.3, 'F')).toBe('normal');
  });
  it('bmiCategory uses the half-year age: 10.49 reads the 10.0 row, 10.5 the 10.5 row', () => {
    expect(halfYearAge(10.49)).toBe(10);
    expect(halfYearAge(10.5)).toBe(10.5);
    // boys: 10.0 overweight 19.2, 10.5 overweight 19.6
    expect(bmiCategory(100, 19.4, 10.49, 'M')).toBe('overweight');
    expect(bmiCategory(100, 19.4, 10.5, 'M')).toBe('normal');
  });
  it('bmiCategory: thinness at or below the WS/T 456 mild cut-off', () => {
    // boys 10.0: mild thinness ≤ 14.4
    expect(bmiCategory(100, 14.4, 10.1, 'M')).toBe('thin');
    expect(bmiCategory(100, 14.5, 10.1, 'M')).toBe('normal');
  });
  it('bmiCategory is null outside the tables or with impossible measures', () => {
    expect(bmiCategory(120, 25, 5.9, 'M')).toBeNull();
    expect(bmiCategory(170, 60, 18.6, 'F')).toBeNull();
    expect(bmiCategory(0, 25, 10, 'M')).toBeNull();
  });
});

describe('fitnessBand', () => {
  it('fitnessBand boundaries: 90 excellent, 89.9 good, 80 good, 79.9 pass, 60 pass, 59.9 fail', () => {
    expect([90, 89.9, 80, 79.9, 60, 59.9].map(fitnessBand)).toEqual(['excellent', 'good', 'good', 'pass', 'pass', 'fail']);
    expect(fitnessBand(null)).toBeNull();
  });
});

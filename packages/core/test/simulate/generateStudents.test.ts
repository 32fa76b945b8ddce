import { describe, expect, it } from 'vitest';
import { bmiCategory, fitnessBand, iccAnova, sleepShort, visionPoor } from '../../src/index.js';
import {
  countyFixtureParams,
  generateStudents,
  nationalPrevalence,
  provinceTruth,
  type InjectedDefect,
  type ProvinceParams,
  type SimulatedRecord,
} from '../../src/simulate/index.js';

describe('generateStudents', () => {
  it('generateStudents: the same seed gives the same records, another seed others', () => {
    const a = JSON.stringify([...generateStudents(countyFixtureParams, 5)]);
    expect(JSON.stringify([...generateStudents(countyFixtureParams, 5)])).toBe(a);
    expect(JSON.stringify([...generateStudents(countyFixtureParams, 6)])).not.toBe(a);
  });

  // A large clean county in one year: 250 primary and 250 junior schools of ~30 students.
  const big: ProvinceParams = {
    ...countyFixtureParams,
    years: [2024],
    counties: [{ ...countyFixtureParams.counties[0]!, primarySchools: 250, juniorSchools: 250, smallSchools: 0, prevalence: nationalPrevalence() }],
  };
  const records = [...generateStudents(big, 99)];
  const truth = provinceTruth(big, 99).counties[0]!;

  it('generateStudents recovers every indicator prevalence through Jiance’s own indicator definitions', () => {
    for (const grade of ['4', '8'] as const) {
      const rows = records.filter((r) => r.grade === grade);
      const n = rows.length;
      const status: Record<string, (r: SimulatedRecord) => boolean> = {
        vision_poor: (r) => visionPoor(Number(r.va_left), Number(r.va_right)) === 1,
        sleep_short: (r) => sleepShort(Number(r.sleep_hours), Number(r.grade)) === 1,
        anxiety: (r) => Number(r.anxiety) >= 60,
        overweight: (r) => bmiCategory(Number(r.height_cm), Number(r.weight_kg), Number(r.age), r.sex as 'M' | 'F') === 'overweight',
        obese: (r) => bmiCategory(Number(r.height_cm), Number(r.weight_kg), Number(r.age), r.sex as 'M' | 'F') === 'obese',
        fitness_pass: (r) => fitnessBand(Number(r.fitness_score)) !== 'fail',
        fitness_good: (r) => ['good', 'excellent'].includes(fitnessBand(Number(r.fitness_score))!),
      };
      for (const [indicator, is] of Object.entries(status)) {
        const p = truth.prevalence[indicator]![grade]['2024']!;
        const observed = rows.filter(is).length / n;
        // SE with the design effect of Beta(20)-clustering at ~30 a school: 1 + 29/21 ≈ 2.4.
        const se = Math.sqrt((2.4 * p * (1 - p)) / n);
        expect([indicator, grade, Math.abs(observed - p) < 4 * se]).toEqual([indicator, grade, true]);
      }
    }
  });

  it('generateStudents draws math with the chosen between-school share', () => {
    for (const grade of ['4', '8'] as const) {
      const bySchool = new Map<string, number[]>();
      for (const r of records) if (r.grade === grade) bySchool.set(r.school, [...(bySchool.get(r.school) ?? []), Number(r.math)]);
      const count = [...bySchool.values()].map((v) => v.length);
      const mean = [...bySchool.values()].map((v) => v.reduce((a, b) => a + b, 0) / v.length);
      const m2 = [...bySchool.values()].map((v, j) => v.reduce((a, x) => a + (x - mean[j]!) ** 2, 0));
      const fit = iccAnova({ count, mean, m2 });
      if (!fit.estimable) throw new Error('not estimable');
      expect(fit.iccCI[0]).toBeLessThan(truth.math[grade].icc);
      expect(fit.iccCI[1]).toBeGreaterThan(truth.math[grade].icc);
    }
  });

  it('generateStudents writes values exactly at the sleep requirement, and they are not short', () => {
    const atTen = records.filter((r) => r.grade === '4' && r.sleep_hours === '10.0');
    const atNine = records.filter((r) => r.grade === '8' && r.sleep_hours === '9.0');
    expect(atTen.length).toBeGreaterThan(20);
    expect(atNine.length).toBeGreaterThan(20);
    for (const r of [...atTen, ...atNine]) expect(sleepShort(Number(r.sleep_hours), Number(r.grade))).toBe(0);
  });

  it('generateStudents gives unique student ids within a year and constant weights within a school', () => {
    const ids = new Set(records.map((r) => `${r.year}/${r.student}`));
    expect(ids.size).toBe(records.length);
    const weights = new Map<string, Set<string>>();
    for (const r of records) weights.set(r.school, (weights.get(r.school) ?? new Set()).add(r.weight));
    for (const w of weights.values()) expect(w.size).toBe(1);
  });

  it('generateStudents injects each defect where it reports it', () => {
    const defects: InjectedDefect[] = [];
    const rows = [...generateStudents(countyFixtureParams, 20261125, { defects: true, onDefect: (d) => defects.push(d) })];
    expect(defects.map((d) => d.rule).sort()).toEqual([
      'duplicate_student',
      'invalid_weight',
      'missing',
      'missing',
      'missing',
      'not_numeric',
      'not_numeric',
      'out_of_range',
      'out_of_range',
      'out_of_range',
      'out_of_range',
      'single_student_school',
    ]);
    for (const d of defects) {
      const record = rows[d.row - 2]!;
      if (d.rule === 'duplicate_student') expect(record.student).toBe(rows[d.row - 3]!.student);
      else if (d.rule === 'single_student_school') expect(rows.filter((r) => r.school === d.value)).toHaveLength(1);
      else expect(record[d.column as keyof SimulatedRecord]).toBe(d.value);
    }
  });
});

describe('chineseOrdinal', () => {
  it('chineseOrdinal writes 1–999 without collisions', async () => {
    const { chineseOrdinal } = await import('../../src/simulate/index.js');
    expect([1, 10, 12, 40, 99, 100, 105, 110, 210, 999].map(chineseOrdinal)).toEqual([
      '一',
      '十',
      '十二',
      '四十',
      '九十九',
      '一百',
      '一百零五',
      '一百一十',
      '二百一十',
      '九百九十九',
    ]);
    expect(new Set(Array.from({ length: 999 }, (_, i) => chineseOrdinal(i + 1))).size).toBe(999);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bmiCategory } from '../../src/index.js';
import {
  countyFixtureParams,
  generateStudents,
  nationalPrevalence,
  provinceFixtureParams,
  provinceTruth,
  scaledProvinceParams,
  simulatedColumns,
  type InjectedDefect,
  type ProvinceParams,
  type SimulatedRecord,
} from '../../src/simulate/index.js';

// Independent definitions, written from DESIGN.md and the WS/T 586-2018 table in
// fixtures/reference/ rather than taken from core's indicator modules, so that the generator is
// checked against the standard.
const cutoffs = readFileSync(new URL('../../../../fixtures/reference/wst586-2018-bmi-overweight-obesity.csv', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split(',').map(Number));

function bmiOf(r: SimulatedRecord): { bmi: number; overweightCut: number; obeseCut: number } {
  const halfYear = Math.floor(Number(r.age) * 2) / 2;
  const row = cutoffs.find((c) => c[0] === halfYear)!;
  const [overweightCut, obeseCut] = r.sex === 'M' ? [row[1]!, row[2]!] : [row[3]!, row[4]!];
  return { bmi: Number(r.weight_kg) / (Number(r.height_cm) / 100) ** 2, overweightCut, obeseCut };
}

const status: Record<string, (r: SimulatedRecord, anxietyCutoff: number) => boolean> = {
  vision_poor: (r) => Math.min(Number(r.va_left), Number(r.va_right)) < 5.0,
  sleep_short: (r) => Number(r.sleep_hours) < (r.grade === '4' ? 10 : 9),
  anxiety: (r, cut) => Number(r.anxiety) >= cut,
  overweight: (r) => {
    const b = bmiOf(r);
    return b.bmi >= b.overweightCut && b.bmi < b.obeseCut;
  },
  obese: (r) => {
    const b = bmiOf(r);
    return b.bmi >= b.obeseCut;
  },
  fitness_pass: (r) => Number(r.fitness_score) >= 60,
  fitness_good: (r) => Number(r.fitness_score) >= 80,
};

/** Rate and its SE with school-years as clusters (ratio estimator, Taylor linearisation). */
function clusteredRate(rows: SimulatedRecord[], is: (r: SimulatedRecord) => boolean): { rate: number; se: number; deff: number } {
  const clusters = new Map<string, [number, number]>();
  for (const r of rows) {
    const c = clusters.get(r.school) ?? [0, 0];
    c[0] += 1;
    c[1] += is(r) ? 1 : 0;
    clusters.set(r.school, c);
  }
  const n = rows.length;
  const J = clusters.size;
  const rate = [...clusters.values()].reduce((s, c) => s + c[1], 0) / n;
  const ss = [...clusters.values()].reduce((s, [m, y]) => s + (y - rate * m) ** 2, 0);
  const se = Math.sqrt((J / (J - 1)) * ss) / n;
  return { rate, se, deff: se ** 2 / ((rate * (1 - rate)) / n) };
}

/** One-way ANOVA (method of moments) ICC with n₀ = (N − Σn_j²/N)/(J − 1). */
function anovaIcc(groups: number[][]): number {
  const N = groups.reduce((s, g) => s + g.length, 0);
  const J = groups.length;
  const grand = groups.reduce((s, g) => s + g.reduce((a, b) => a + b, 0), 0) / N;
  let ssb = 0;
  let ssw = 0;
  for (const g of groups) {
    const m = g.reduce((a, b) => a + b, 0) / g.length;
    ssb += g.length * (m - grand) ** 2;
    for (const x of g) ssw += (x - m) ** 2;
  }
  const msb = ssb / (J - 1);
  const msw = ssw / (N - J);
  const n0 = (N - groups.reduce((s, g) => s + g.length ** 2, 0) / N) / (J - 1);
  const between = Math.max(0, (msb - msw) / n0);
  return between / (between + msw);
}

function groupBy<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const group = m.get(k);
    if (group) group.push(r);
    else m.set(k, [r]);
  }
  return m;
}

/** A large clean county: 150 primary and 150 junior schools of 26–34 students, four years. */
function bigCounty(icc4: number, icc8: number, trend = 0): ProvinceParams {
  const prevalence = nationalPrevalence();
  prevalence.vision_poor = { 4: { base: 0.37, perYear: trend }, 8: { base: 0.66, perYear: trend } };
  const county = { ...countyFixtureParams.counties[0]!, primarySchools: 150, juniorSchools: 150, smallSchools: 0, icc: { 4: icc4, 8: icc8 }, prevalence };
  return { ...countyFixtureParams, counties: [county] };
}

describe('generateStudents and provinceTruth', () => {
  it('generateStudents with the same seed gives identical records and truth, another seed different records', () => {
    const text = (seed: number): string => JSON.stringify([...generateStudents(countyFixtureParams, seed, { defects: true })]);
    const a = text(20261125);
    expect(text(20261125)).toBe(a);
    expect(text(20261124)).not.toBe(a);
    expect(JSON.stringify(provinceTruth(provinceFixtureParams, 1))).toBe(JSON.stringify(provinceTruth(provinceFixtureParams, 1)));
  });

  it('provinceTruth gives σ²_b = ICC·SD², σ²_w = (1 − ICC)·SD² and prevalence = base + trend·(year − first year)', () => {
    const truth = provinceTruth(provinceFixtureParams, 20261126);
    expect(truth.counties.map((c) => c.math['4'].icc)).toEqual([0.05, 0.12, 0.18, 0.25, 0.35]);
    for (const [i, c] of truth.counties.entries()) {
      const params = provinceFixtureParams.counties[i]!;
      for (const g of ['4', '8'] as const) {
        expect(c.math[g].betweenVariance + c.math[g].withinVariance).toBeCloseTo(100 ** 2, 9);
        expect(c.math[g].betweenVariance / 100 ** 2).toBeCloseTo(c.math[g].icc, 12);
        for (const [indicator, byGrade] of Object.entries(c.prevalence)) {
          const t = params.prevalence[indicator as keyof typeof params.prevalence][g === '4' ? 4 : 8];
          for (const year of truth.years) expect(byGrade[g][String(year)]).toBeCloseTo(t.base + t.perYear * (year - 2021), 9);
        }
      }
    }
  });

  const params = bigCounty(0.2, 0.15, 0.03);
  const truth = provinceTruth(params, 7).counties[0]!;
  const rows = [...generateStudents(params, 7)];

  it('generateStudents recovers every indicator in every grade and year within 4 clustered SEs of the truth', () => {
    // 7 indicators × 2 grades × 4 years = 56 comparisons; each |z| < 4 fails by chance with p ≈ 6e-5.
    const deffs: number[] = [];
    for (const [key, cell] of groupBy(rows, (r) => `${r.grade}/${r.year}`)) {
      const [grade, year] = key.split('/') as ['4' | '8', string];
      for (const [indicator, is] of Object.entries(status)) {
        const p = truth.prevalence[indicator]![grade][year]!;
        const est = clusteredRate(cell, (r) => is(r, 60));
        deffs.push(est.deff);
        expect([indicator, key, Math.abs(est.rate - p) < 4 * est.se]).toEqual([indicator, key, true]);
      }
    }
    // Clustering is built in: Beta(p·20, (1 − p)·20) at ~30 a school gives deff ≈ 1 + 29/21 ≈ 2.4.
    const meanDeff = deffs.reduce((a, b) => a + b, 0) / deffs.length;
    expect(meanDeff).toBeGreaterThan(1.9);
    expect(meanDeff).toBeLessThan(2.9);
  });

  it('generateStudents draws math whose one-way ANOVA ICC and mean are near the truth', () => {
    for (const g of ['4', '8'] as const) {
      const cell = rows.filter((r) => r.grade === g && r.year === '2024');
      const groups = [...groupBy(cell, (r) => r.school).values()].map((s) => s.map((r) => Number(r.math)));
      const icc = truth.math[g].icc;
      // Large-sample SE of the ANOVA ICC (Donner 1986): √(2(1−ρ)²(1+(n−1)ρ)² / (n(n−1)(J−1))).
      const n = 30;
      const J = groups.length;
      const se = Math.sqrt((2 * (1 - icc) ** 2 * (1 + (n - 1) * icc) ** 2) / (n * (n - 1) * (J - 1)));
      expect(Math.abs(anovaIcc(groups) - icc)).toBeLessThan(4 * se);
      const mean = cell.reduce((s, r) => s + Number(r.math), 0) / cell.length;
      const seMean = Math.sqrt(truth.math[g].betweenVariance / J + truth.math[g].withinVariance / cell.length);
      expect(Math.abs(mean - truth.math[g].mean)).toBeLessThan(4 * seMean);
    }
  });

  it('generateStudents keeps each school’s effect across years', () => {
    const means = (year: string): number[] =>
      [
        ...groupBy(
          rows.filter((r) => r.grade === '4' && r.year === year),
          (r) => r.school,
        ).values(),
      ].map((s) => s.reduce((a, r) => a + Number(r.math), 0) / s.length);
    const [a, b] = [means('2021'), means('2024')];
    const ma = a.reduce((x, y) => x + y) / a.length;
    const mb = b.reduce((x, y) => x + y) / b.length;
    const cov = a.reduce((s, x, i) => s + (x - ma) * (b[i]! - mb), 0);
    const r = cov / Math.sqrt(a.reduce((s, x) => s + (x - ma) ** 2, 0) * b.reduce((s, x) => s + (x - mb) ** 2, 0));
    // Reliability of a 30-student mean at ICC 0.2: 30·0.2 / (1 + 29·0.2) ≈ 0.88.
    expect(r).toBeGreaterThan(0.8);
  });

  it('generateStudents writes acuity, sleep, anxiety, body and fitness values consistent with the status at the boundaries', () => {
    // Every rule is checked on every row; the rows breaking a rule are collected and must be none.
    const broken = new Map<string, number>();
    const check = (rule: string, ok: boolean): void => {
      if (!ok) broken.set(rule, (broken.get(rule) ?? 0) + 1);
    };
    let poorNearFive = 0;
    let poor = 0;
    for (const r of rows) {
      for (const c of ['va_left', 'va_right', 'sleep_hours', 'anxiety', 'height_cm', 'weight_kg', 'fitness_score', 'math'] as const)
        check(`${c} has one decimal`, /^\d+\.\d$/.test(r[c]));
      const worse = Math.min(Number(r.va_left), Number(r.va_right));
      const better = Math.max(Number(r.va_left), Number(r.va_right));
      check('acuity ≤ 5.3', better <= 5.3);
      if (worse < 5.0) {
        poor++;
        check('poor: worse eye 4.0–4.9', worse >= 4.0);
        if (worse >= 4.8) poorNearFive++;
      }
      const need = r.grade === '4' ? 10 : 9;
      const hours = Number(r.sleep_hours);
      check('sleep within requirement − 3 h … + 1.5 h', hours >= need - 3 && hours <= need + 1.5);
      check('anxiety 0–100', Number(r.anxiety) >= 0 && Number(r.anxiety) <= 100);
      const age = Number(r.age);
      const [lo, hi] = r.grade === '4' ? [9.5, 10.99] : [13.5, 14.99];
      check('age has two decimals, 9.50–10.99 or 13.50–14.99', /^\d+\.\d\d$/.test(r.age) && age >= lo && age <= hi);
      check('height 100–200 cm', Number(r.height_cm) > 100 && Number(r.height_cm) < 200);
      // No BMI sits on a cut-off up to floating-point noise, so every reader classifies it alike.
      const b = bmiOf(r);
      check('BMI away from the cut-offs', Math.min(Math.abs(b.bmi - b.overweightCut), Math.abs(b.bmi - b.obeseCut)) > 1e-6);
      const independent = b.bmi >= b.obeseCut ? 'obese' : b.bmi >= b.overweightCut ? 'overweight' : 'other';
      const core = bmiCategory(Number(r.height_cm), Number(r.weight_kg), age, r.sex as 'M' | 'F');
      check('core bmiCategory agrees with the reference table', (core === 'obese' || core === 'overweight' ? core : 'other') === independent);
      check('fitness 40–100', Number(r.fitness_score) >= 40 && Number(r.fitness_score) <= 100);
      check('sex M/F', r.sex === 'M' || r.sex === 'F');
    }
    expect(Object.fromEntries(broken)).toEqual({});
    // Poor vision is mostly mild: the worse eye at 4.8–4.9 in at least 40% of the poor.
    expect(poorNearFive / poor).toBeGreaterThan(0.4);
    // Values exactly at the requirement are written and are not short; one decimal below is short.
    for (const [grade, at, below] of [
      ['4', '10.0', '9.9'],
      ['8', '9.0', '8.9'],
    ] as const) {
      const cell = rows.filter((r) => r.grade === grade);
      expect(cell.filter((r) => r.sleep_hours === at).length).toBeGreaterThan(50);
      expect(cell.filter((r) => r.sleep_hours === below).length).toBeGreaterThan(50);
      expect(cell.filter((r) => r.sleep_hours === at).every((r) => !status.sleep_short!(r, 60))).toBe(true);
      expect(cell.filter((r) => r.sleep_hours === below).every((r) => status.sleep_short!(r, 60))).toBe(true);
    }
    for (const [column, value] of [
      ['anxiety', '60.0'],
      ['anxiety', '59.9'],
      ['fitness_score', '60.0'],
      ['fitness_score', '80.0'],
      ['fitness_score', '90.0'],
    ] as const) {
      expect([column, value, rows.some((r) => r[column] === value)]).toEqual([column, value, true]);
    }
  });
});

describe('provinceFixtureParams and scaledProvinceParams', () => {
  const province = [...generateStudents(provinceFixtureParams, 20261126)];
  const truth = provinceTruth(provinceFixtureParams, 20261126);

  it('generateStudents gives unique student ids within a year, one weight and locale per school, 5–15 students in small schools', () => {
    expect(new Set(province.map((r) => `${r.year}/${r.student}`)).size).toBe(province.length);
    expect(province.length).toBeLessThan(30_000);
    for (const [school, rs] of groupBy(province, (r) => r.school)) {
      expect([school, new Set(rs.map((r) => `${r.weight}|${r.locale}|${r.grade}`)).size]).toEqual([school, 1]);
      expect(Number(rs[0]!.weight)).toBeGreaterThanOrEqual(0.5);
      expect(Number(rs[0]!.weight)).toBeLessThanOrEqual(3);
      expect(['城区', '镇区', '乡村']).toContain(rs[0]!.locale);
      for (const year of groupBy(rs, (r) => r.year).values()) expect(year.length).toBeGreaterThanOrEqual(5);
    }
    const sizes = [...groupBy(province, (r) => `${r.school}/${r.year}`).values()].map((s) => s.length);
    expect(sizes.filter((n) => n <= 15).length).toBe(5 * 4 * 4); // 2 small schools per grade, 5 counties, 4 years
    for (const c of truth.counties) {
      const schools = c.schools[4] + c.schools[8];
      expect([c.county, schools >= 20 && schools <= 60]).toEqual([c.county, true]);
    }
    const males = province.filter((r) => r.sex === 'M').length / province.length;
    expect(Math.abs(males - 0.5)).toBeLessThan(0.02);
  });

  it('generateStudents makes the built-in province trends detectable: slope within 3 SE of the truth and |z| > 2', () => {
    // Per grade: least-squares slope of the four yearly clustered rates; grades averaged.
    const trending = truth.counties.flatMap((c) =>
      Object.entries(c.trendPerYear)
        .filter(([, t]) => t !== 0)
        .map(([indicator, t]) => ({ county: c.county, indicator, t })),
    );
    expect(trending.length).toBe(4);
    for (const { county, indicator, t } of trending) {
      const slopes: { b: number; v: number }[] = [];
      for (const g of ['4', '8']) {
        const years = truth.years;
        const mean = years.reduce((a, b) => a + b) / years.length;
        const sxx = years.reduce((a, y) => a + (y - mean) ** 2, 0);
        let b = 0;
        let v = 0;
        for (const y of years) {
          const cell = province.filter((r) => r.county === county && r.grade === g && r.year === String(y));
          const est = clusteredRate(cell, (r) => status[indicator]!(r, truth.anxietyCutoff));
          b += ((y - mean) / sxx) * est.rate;
          v += ((y - mean) / sxx) ** 2 * est.se ** 2;
        }
        slopes.push({ b, v });
      }
      const b = (slopes[0]!.b + slopes[1]!.b) / 2;
      const se = Math.sqrt(slopes[0]!.v + slopes[1]!.v) / 2;
      expect([county, indicator, Math.abs(b - t) < 3 * se, Math.abs(b / se) > 2]).toEqual([county, indicator, true, true]);
    }
  });

  it('scaledProvinceParams(n) gives n rows within 2%', () => {
    for (const n of [5_000, 60_000]) {
      let count = 0;
      for (const _ of generateStudents(scaledProvinceParams(n), 3)) count++;
      expect([n, Math.abs(count / n - 1) < 0.02]).toEqual([n, true]);
    }
  });
});

describe('generateStudents with defects', () => {
  const defects: InjectedDefect[] = [];
  const rows = [...generateStudents(countyFixtureParams, 20261125, { defects: true, onDefect: (d) => defects.push(d) })];
  const clean = [...generateStudents(countyFixtureParams, 20261125)];
  const teachingPoint = defects.find((d) => d.rule === 'single_student_school')!;

  it('generateStudents({ defects: true }) reports the documented defects', () => {
    const count = (rule: string, column: string): number => defects.filter((d) => d.rule === rule && d.column === column).length;
    expect([
      count('not_numeric', 'math'),
      count('missing', 'math'),
      count('out_of_range', 'va_left'),
      count('out_of_range', 'sleep_hours'),
      count('out_of_range', 'height_cm'),
      count('invalid_weight', 'weight'),
      count('duplicate_student', 'student'),
      count('single_student_school', 'school'),
    ]).toEqual([2, 3, 2, 1, 1, 1, 1, 1]);
    expect(defects.length).toBe(12);
  });

  it('generateStudents({ defects: true }) changes only the reported cells of the rows before the teaching point', () => {
    const changed = new Set(defects.filter((d) => d.row < teachingPoint.row).map((d) => `${d.row}/${d.column}`));
    for (let row = 2; row < teachingPoint.row; row++) {
      for (const c of simulatedColumns) {
        const same = rows[row - 2]![c] === clean[row - 2]![c];
        expect([row, c, same]).toEqual([row, c, !changed.has(`${row}/${c}`)]);
      }
    }
  });

  it('generateStudents({ defects: true }) breaks each rule exactly at the reported rows', () => {
    const rowsWhere = (test: (r: SimulatedRecord, i: number) => boolean): number[] => rows.flatMap((r, i) => (test(r, i) ? [i + 2] : []));
    const reported = (rule: string, column: string): number[] => defects.filter((d) => d.rule === rule && d.column === column).map((d) => d.row);
    const inRange = (v: string, lo: number, hi: number): boolean => Number(v) >= lo && Number(v) <= hi;
    expect(rowsWhere((r) => r.math !== '' && !Number.isFinite(Number(r.math)))).toEqual(reported('not_numeric', 'math'));
    expect(rowsWhere((r) => simulatedColumns.some((c) => r[c] === ''))).toEqual(reported('missing', 'math'));
    expect(rowsWhere((r) => !inRange(r.va_left, 3, 5.3) || !inRange(r.va_right, 3, 5.3))).toEqual(reported('out_of_range', 'va_left'));
    expect(rowsWhere((r) => !inRange(r.sleep_hours, 0, 24))).toEqual(reported('out_of_range', 'sleep_hours'));
    expect(rowsWhere((r) => !inRange(r.height_cm, 60, 230))).toEqual(reported('out_of_range', 'height_cm'));
    expect(rowsWhere((r) => !(Number(r.weight) > 0))).toEqual(reported('invalid_weight', 'weight'));
    const seen = new Set<string>();
    expect(rowsWhere((r) => seen.size === seen.add(`${r.year}/${r.student}`).size)).toEqual(reported('duplicate_student', 'student'));
    const duplicate = reported('duplicate_student', 'student')[0]!;
    expect(rows[duplicate - 2]!.year).toBe(rows[duplicate - 3]!.year);
    const perSchoolYear = groupBy(rows, (r) => `${r.school}/${r.year}`);
    expect(rowsWhere((r) => perSchoolYear.get(`${r.school}/${r.year}`)!.length === 1)).toEqual([teachingPoint.row]);
    expect(rows[teachingPoint.row - 2]!.school).toBe(teachingPoint.value);
    expect(rows.filter((r) => r.school === teachingPoint.value)).toHaveLength(1);
  });
});

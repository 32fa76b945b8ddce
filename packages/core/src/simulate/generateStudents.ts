import { randomSource, type RandomSource } from '../random.js';
import { bmiCategory } from '../indicators/bmiCategory.js';
import { wst586Table } from '../indicators/wst586.js';
import { truePrevalence, type CountyParams, type ProvinceParams, type SimulatedIndicator } from './provinceParams.js';

/** Columns of a synthetic student record, in file order (the data contract's canonical names). */
export const simulatedColumns = [
  'year',
  'province',
  'county',
  'school',
  'student',
  'grade',
  'sex',
  'locale',
  'weight',
  'math',
  'va_left',
  'va_right',
  'sleep_hours',
  'anxiety',
  'height_cm',
  'weight_kg',
  'age',
  'fitness_score',
] as const;

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

const digits = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/**
 * Chinese numeral for 1–999 (school ordinals in names).
 *
 * @example
 * [chineseOrdinal(12), chineseOrdinal(40), chineseOrdinal(105), chineseOrdinal(210)]; // => ['十二', '四十', '一百零五', '二百一十']
 */
export function chineseOrdinal(n: number): string {
  if (n < 10) return digits[n]!;
  if (n < 100) {
    const tens = Math.floor(n / 10);
    return `${tens === 1 ? '' : digits[tens]}十${digits[n % 10]}`;
  }
  const rest = n % 100;
  const tail = rest === 0 ? '' : rest < 10 ? `零${digits[rest]}` : rest < 20 ? `一${chineseOrdinal(rest)}` : chineseOrdinal(rest);
  return `${digits[Math.floor(n / 100)]}百${tail}`;
}

const fixed = (x: number, d: number): string => x.toFixed(d);

interface School {
  name: string;
  grade: 4 | 8;
  index: number;
  effect: number;
  weight: string;
  locale: string;
  small: boolean;
}

function schoolsOf(c: CountyParams, p: ProvinceParams, rng: RandomSource): School[] {
  const schools: School[] = [];
  const locales = ['城区', '镇区', '乡村'];
  const add = (grade: 4 | 8, count: number, kind: string): void => {
    for (let i = 1; i <= count; i++) {
      const icc = c.icc[grade];
      schools.push({
        name: `${c.name}第${chineseOrdinal(i)}${kind}`,
        grade,
        index: schools.length + 1,
        effect: Math.sqrt(icc) * p.mathSD * rng.normal(),
        weight: fixed(0.5 + 2.5 * rng.uniform(), 2),
        locale: locales[rng.integer(0, 2)]!,
        small: i <= c.smallSchools,
      });
    }
  };
  add(4, c.primarySchools, '小学');
  add(8, c.juniorSchools, '中学');
  return schools;
}

/** Draws a value from a Beta-Bernoulli: school-year prevalence ~ Beta(pk, (1 − p)k). */
function schoolPrevalence(rng: RandomSource, p: number, k: number): number {
  return rng.beta(p * k, (1 - p) * k);
}

const acuityPoor = [4.9, 4.9, 4.9, 4.8, 4.8, 4.7, 4.6, 4.5, 4.4, 4.3, 4.1, 4.0];

function bodyMeasures(
  rng: RandomSource,
  grade: 4 | 8,
  sex: 'M' | 'F',
  target: 'normal' | 'overweight' | 'obese',
): { height: string; weight: string; age: string } {
  for (;;) {
    const age = grade === 4 ? 9.5 + 1.49 * rng.uniform() : 13.5 + 1.49 * rng.uniform();
    const ageText = fixed(age, 2);
    const half = Math.floor(Number(ageText) * 2) / 2;
    const row = wst586Table.find((r) => r.age === half)!;
    const ow = sex === 'M' ? row.maleOverweight : row.femaleOverweight;
    const ob = sex === 'M' ? row.maleObese : row.femaleObese;
    const bmi =
      target === 'obese' ? ob + 0.2 + 5 * rng.uniform() : target === 'overweight' ? ow + 0.2 + (ob - ow - 0.4) * rng.uniform() : ow - 0.3 - 3.5 * rng.uniform();
    const meanHeight = grade === 4 ? 140 : sex === 'M' ? 163 : 158;
    const height = fixed(meanHeight + 7 * rng.normal(), 1);
    const weight = fixed(bmi * (Number(height) / 100) ** 2, 1);
    const category = bmiCategory(Number(height), Number(weight), Number(ageText), sex);
    const seen = category === 'thin' ? 'normal' : category;
    if (seen === target) return { height, weight, age: ageText };
  }
}

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
 * [...generateStudents(countyFixtureParams, 20261125)].length; // => 3299
 * [...generateStudents(countyFixtureParams, 20261125, { defects: true })].length; // => 3266 (the rows of fixtures/county.csv)
 */
export function* generateStudents(p: ProvinceParams, seed: number, options: GenerateOptions = {}): Generator<SimulatedRecord> {
  const rng = randomSource(seed);
  const firstYear = p.years[0]!;
  const k = p.clustering;
  let row = 1;
  const defects = options.defects ? defectPlan() : undefined;
  const firstIds: string[] = [];
  for (const c of p.counties) {
    const schools = schoolsOf(c, p, rng);
    for (const year of p.years) {
      for (const school of schools) {
        const grade = school.grade;
        const n = school.small ? rng.integer(5, 15) : rng.integer(p.studentsPerSchool[0], p.studentsPerSchool[1]);
        const prevalence = (indicator: SimulatedIndicator): number => truePrevalence(c, indicator, grade, year, firstYear);
        const pj = (indicator: SimulatedIndicator, conditional = 1): number => schoolPrevalence(rng, Math.min(0.99, prevalence(indicator) / conditional), k);
        const vision = pj('vision_poor');
        const sleep = pj('sleep_short');
        const anxiety = pj('anxiety');
        const obese = pj('obese');
        const overweight = schoolPrevalence(rng, prevalence('overweight') / (1 - prevalence('obese')), k);
        const pass = pj('fitness_pass');
        const good = schoolPrevalence(rng, prevalence('fitness_good') / prevalence('fitness_pass'), k);
        for (let i = 1; i <= n; i++) {
          const record = student(rng, p, c, school, year, i, { vision, sleep, anxiety, obese, overweight, pass, good });
          row++;
          if (defects) {
            if (year === firstYear && firstIds.length < 100) firstIds.push(record.student);
            defects.apply(row, record, firstIds, options.onDefect);
          }
          yield record;
        }
        if (defects && year === firstYear && school.index === c.primarySchools) {
          // A teaching point (教学点) that sent one student in one year.
          const tiny: School = { ...school, name: `${c.name}石岭教学点`, index: 99, small: true };
          const record = student(rng, p, c, tiny, year, 1, { vision, sleep, anxiety, obese, overweight, pass, good });
          row++;
          options.onDefect?.({ row, column: 'school', value: tiny.name, rule: 'single_student_school' });
          yield record;
        }
      }
    }
  }
}

interface SchoolYearRates {
  vision: number;
  sleep: number;
  anxiety: number;
  obese: number;
  overweight: number;
  pass: number;
  good: number;
}

function student(rng: RandomSource, p: ProvinceParams, c: CountyParams, school: School, year: number, serial: number, r: SchoolYearRates): SimulatedRecord {
  const grade = school.grade;
  const sex = rng.bernoulli(0.5) ? 'M' : 'F';
  const icc = c.icc[grade];
  const math = p.mathMean[grade] + c.mathOffset + school.effect + Math.sqrt(1 - icc) * p.mathSD * rng.normal();
  // Vision: both eyes ≥ 5.0, or the worse eye below.
  let left: number;
  let right: number;
  if (rng.bernoulli(r.vision)) {
    const worse = acuityPoor[rng.integer(0, acuityPoor.length - 1)]!;
    const other = Math.min(5.3, worse + rng.integer(0, 4) / 10);
    [left, right] = rng.bernoulli(0.5) ? [worse, other] : [other, worse];
  } else {
    left = 5.0 + rng.integer(0, 3) / 10;
    right = 5.0 + rng.integer(0, 3) / 10;
  }
  const need = grade <= 6 ? 10 : 9;
  const sleep = rng.bernoulli(r.sleep) ? need - rng.integer(1, 30) / 10 : need + rng.integer(0, 15) / 10;
  const anxiety = rng.bernoulli(r.anxiety) ? p.anxietyCutoff + rng.integer(0, 400) / 10 : rng.integer(0, p.anxietyCutoff * 10 - 1) / 10;
  const category = rng.bernoulli(r.obese) ? 'obese' : rng.bernoulli(r.overweight) ? 'overweight' : 'normal';
  const body = bodyMeasures(rng, grade, sex, category);
  let fitness: number;
  if (!rng.bernoulli(r.pass)) fitness = 40 + rng.integer(0, 199) / 10;
  else if (!rng.bernoulli(r.good)) fitness = 60 + rng.integer(0, 199) / 10;
  else fitness = rng.bernoulli(1 / 3) ? 90 + rng.integer(0, 100) / 10 : 80 + rng.integer(0, 99) / 10;
  return {
    year: String(year),
    province: p.province,
    county: c.name,
    school: school.name,
    student: `S${c.code}${String(school.index).padStart(3, '0')}${String(year % 100).padStart(2, '0')}${String(serial).padStart(3, '0')}`,
    grade: String(grade),
    sex,
    locale: school.locale,
    weight: school.weight,
    math: fixed(math, 1),
    va_left: fixed(left, 1),
    va_right: fixed(right, 1),
    sleep_hours: fixed(sleep, 1),
    anxiety: fixed(anxiety, 1),
    height_cm: body.height,
    weight_kg: body.weight,
    age: body.age,
    fitness_score: fixed(fitness, 1),
  };
}

/** The defects of the one-county fixture, by spreadsheet row. */
function defectPlan(): { apply: (row: number, record: SimulatedRecord, firstIds: string[], report?: (d: InjectedDefect) => void) => void } {
  const plan = new Map<number, [keyof SimulatedRecord, string, string]>([
    [12, ['math', '缺考', 'not_numeric']],
    [345, ['math', '缺考', 'not_numeric']],
    [30, ['math', '', 'missing']],
    [400, ['math', '', 'missing']],
    [1000, ['math', '', 'missing']],
    [50, ['va_left', '7.2', 'out_of_range']],
    [777, ['va_left', '7.2', 'out_of_range']],
    [88, ['sleep_hours', '30', 'out_of_range']],
    [123, ['height_cm', '20', 'out_of_range']],
    [200, ['weight', '-1', 'invalid_weight']],
  ]);
  return {
    apply(row, record, firstIds, report) {
      const change = plan.get(row);
      if (change) {
        record[change[0]] = change[1];
        report?.({ row, column: change[0], value: change[1], rule: change[2] });
      }
      if (row === 60) {
        // Row 60 repeats the student id of row 59 (the same year).
        record.student = firstIds[firstIds.length - 2]!;
        report?.({ row, column: 'student', value: '= row 59', rule: 'duplicate_student' });
      }
    },
  };
}

/** Indicators the synthetic generator builds in, with a known population prevalence. */
export const simulatedIndicators = ['vision_poor', 'sleep_short', 'anxiety', 'overweight', 'obese', 'fitness_pass', 'fitness_good'] as const;

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
  icc: { 4: number; 8: number };
  /** County offset of the math mean (scale points). */
  mathOffset: number;
  prevalence: Record<SimulatedIndicator, { 4: PrevalenceTrend; 8: PrevalenceTrend }>;
}

/** A synthetic province: the parameters that are the truth of a fixture. */
export interface ProvinceParams {
  province: string;
  years: number[];
  /** Math mean per grade before county offsets, and total SD (2015 scale: 500, 100). */
  mathMean: { 4: number; 8: number };
  mathSD: number;
  /** Students per school and year (normal schools), inclusive range. */
  studentsPerSchool: [number, number];
  /** Beta concentration k of school-year prevalences (smaller = more clustering). */
  clustering: number;
  /** Anxiety score at or above which a student counts as anxious. */
  anxietyCutoff: number;
  counties: CountyParams[];
}

const flat = (base: number): PrevalenceTrend => ({ base, perYear: 0 });

/** National-like prevalences (DESIGN.md, published figures) with no trend. */
export function nationalPrevalence(): CountyParams['prevalence'] {
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

function county(
  name: string,
  code: string,
  primary: number,
  junior: number,
  icc4: number,
  icc8: number,
  offset: number,
  changes: Partial<Record<SimulatedIndicator, number>> = {},
): CountyParams {
  const prevalence = nationalPrevalence();
  for (const [indicator, perYear] of Object.entries(changes) as [SimulatedIndicator, number][]) {
    prevalence[indicator] = { 4: { ...prevalence[indicator][4], perYear }, 8: { ...prevalence[indicator][8], perYear } };
  }
  return { name, code, primarySchools: primary, juniorSchools: junior, smallSchools: 2, icc: { 4: icc4, 8: icc8 }, mathOffset: offset, prevalence };
}

/** The bundled one-county fixture: 18 primary and 12 junior schools, 2021–2024 (~3,400 rows). */
export const countyFixtureParams: ProvinceParams = {
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
export const provinceFixtureParams: ProvinceParams = {
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
 * The two-province fixture (two-provinces.csv): 北京市 and 吉林省 over 2021 and 2024, each with a
 * county named 朝阳区 (the name is real in both) whose schools share their names too
 * (朝阳区第一小学 …), and one other county — so that a county must be (province, county) and a
 * school (province, county, school) for the results to be right. Student ids differ (county
 * codes 11, 12, 21, 22). Seeds: `twoProvinceFixtureSeeds`.
 */
export const twoProvinceFixtureParams: readonly ProvinceParams[] = [
  {
    ...provinceFixtureParams,
    province: '北京市',
    years: [2021, 2024],
    counties: [county('朝阳区', '11', 12, 8, 0.15, 0.12, 10, { vision_poor: 0.01 }), county('海淀区', '12', 12, 8, 0.1, 0.1, 25)],
  },
  {
    ...provinceFixtureParams,
    province: '吉林省',
    years: [2021, 2024],
    counties: [county('朝阳区', '21', 12, 8, 0.25, 0.2, -15, { vision_poor: 0.02 }), county('南关区', '22', 12, 8, 0.2, 0.15, -5)],
  },
];

/** Seeds of the two provinces of the two-province fixture. */
export const twoProvinceFixtureSeeds: readonly number[] = [20261201, 20261202];

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
export function scaledProvinceParams(students: number): ProvinceParams {
  const years = provinceFixtureParams.years.length;
  const perSchool = 30 * years;
  const perCounty = (36 * 30 + 4 * 10) * years;
  const whole = Math.floor(students / perCounty);
  const restSchools = Math.max(whole === 0 ? 2 : 0, Math.round((students - whole * perCounty) / perSchool));
  const iccs = [0.05, 0.12, 0.18, 0.25, 0.35];
  const make = (i: number, primary: number, junior: number): CountyParams => {
    const code = String(i + 1).padStart(5, '0');
    return county(`模拟县${code}`, code, primary, junior, iccs[i % 5]!, iccs[i % 5]!, ((i % 7) - 3) * 5);
  };
  const counties = Array.from({ length: whole }, (_, i) => make(i, 24, 16));
  if (restSchools > 0) {
    const primary = Math.ceil((restSchools * 3) / 5);
    counties.push({ ...make(whole, primary, restSchools - primary), smallSchools: 0 });
  }
  return { ...provinceFixtureParams, studentsPerSchool: [26, 34], counties };
}

/** True prevalence of an indicator in a county, grade and year (clamped to [0.01, 0.99]). */
export function truePrevalence(c: CountyParams, indicator: SimulatedIndicator, grade: 4 | 8, year: number, firstYear: number): number {
  const t = c.prevalence[indicator][grade];
  return Math.min(0.99, Math.max(0.01, t.base + t.perYear * (year - firstYear)));
}

/** A reference figure as the bundled reference file writes it (层级, 名称, 指标, 统计量, 年份, 年级, 估计值, 标准误, 来源). */
export interface FixtureReferenceRow {
  level: '全省' | '全国';
  label: string;
  measure: string;
  statistic: '均值' | '检出率';
  year: number;
  grade: number;
  estimate: number;
  se: number | null;
  source: string;
}

/**
 * The feedback figures the county fixture's county (青山县) would receive: its province's
 * (示例省) and the nation's results per year and grade — the truth of the generator's world,
 * not real monitoring results. The nation is the generator's national base
 * ({@link nationalPrevalence}, near the published figures; math 500, the 2015 scale), without
 * SEs, as published figures come; the province is the county's province (math 500, the mean
 * the county's −10 offset is relative to; poor vision 3 points above the nation in grade 4, 2 in
 * grade 8, the other indicators 1 point apart), with the SE a provincial sample of about 100
 * schools would give (2.5 points; 0.8 percentage points). The county's own truth
 * (county.truth.json) starts at the national rates and its poor vision rises 2 points a year,
 * so it moves from below its province to above it. The mean anxiety score and the mean hours
 * of sleep follow from the generator's rules and these rates (SE 0.5 points and 0.03 hours for
 * the province): a student is anxious with probability p and then scores cut-off + U{0…40}
 * (else U{0…cut-off − 0.1}), sleeps short with probability p and then need − U{0.1…3} h (else
 * need + U{0…1.5} h).
 *
 * @example
 * countyFixtureReferences().length; // => 160
 */
export function countyFixtureReferences(): FixtureReferenceRow[] {
  const p = countyFixtureParams;
  const national = nationalPrevalence();
  const provinceShift: Record<SimulatedIndicator, { 4: number; 8: number }> = {
    vision_poor: { 4: 0.03, 8: 0.02 },
    sleep_short: { 4: 0.01, 8: 0.01 },
    anxiety: { 4: 0.01, 8: 0.01 },
    overweight: { 4: 0.01, 8: 0.01 },
    obese: { 4: 0.01, 8: 0.01 },
    fitness_pass: { 4: -0.01, 8: -0.01 },
    fitness_good: { 4: -0.01, 8: -0.01 },
  };
  const names: Record<SimulatedIndicator, string> = {
    vision_poor: '视力不良',
    sleep_short: '睡眠不足',
    anxiety: '焦虑',
    overweight: '超重',
    obese: '肥胖',
    fitness_pass: '体质健康达标率',
    fitness_good: '体质健康优良率',
  };
  const source = '合成数据：生成器的真值（fixtures/README.md），不是真实监测结果';
  const rows: FixtureReferenceRow[] = [];
  for (const year of p.years) {
    for (const grade of [4, 8] as const) {
      for (const [level, label] of [
        ['全省', p.province],
        ['全国', '全国'],
      ] as const) {
        const province = level === '全省';
        rows.push({ level, label, measure: '数学', statistic: '均值', year, grade, estimate: p.mathMean[grade], se: province ? 2.5 : null, source });
        const rateOf = (indicator: SimulatedIndicator): number => national[indicator][grade].base + (province ? provinceShift[indicator][grade] : 0);
        for (const indicator of simulatedIndicators) {
          rows.push({
            level,
            label,
            measure: names[indicator],
            statistic: '检出率',
            year,
            grade,
            estimate: Math.round(rateOf(indicator) * 1e6) / 1e6,
            se: province ? 0.008 : null,
            source,
          });
        }
        const round = (x: number): number => Math.round(x * 1e4) / 1e4;
        const anxious = rateOf('anxiety');
        const anxiety = anxious * (p.anxietyCutoff + 20) + (1 - anxious) * ((p.anxietyCutoff * 10 - 1) / 20);
        rows.push({ level, label, measure: '焦虑得分', statistic: '均值', year, grade, estimate: round(anxiety), se: province ? 0.5 : null, source });
        const need = grade === 4 ? 10 : 9;
        const short = rateOf('sleep_short');
        rows.push({
          level,
          label,
          measure: '睡眠时长',
          statistic: '均值',
          year,
          grade,
          estimate: round(need + (1 - short) * 0.75 - short * 1.55),
          se: province ? 0.03 : null,
          source,
        });
      }
    }
  }
  return rows;
}

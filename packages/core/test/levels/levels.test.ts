import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  analyzeStudents,
  balancedChecks,
  levelShares,
  parseCsv,
  rawFromRecords,
  scoreLevel,
  studentTable,
  subjectBands,
  type BetweenSchoolSummary,
  type CountyComparisonSummary,
  type LevelSummary,
  tableSource,
} from '../../src/index.js';

const fixture = (name: string): string => readFileSync(new URL(`../../../../fixtures/${name}`, import.meta.url), 'utf8');
const cuts = { math: { '4': [420, 500, 580], '8': [420, 500, 580] } };
const province = studentTable(parseCsv(fixture('province.csv'), 'province.csv'));
const results = analyzeStudents(province, { levels: { cuts } });
const math = results.levels.subjects[0]!;

describe('performance levels from cut scores', () => {
  it('a score equal to a cut belongs to the higher level, at each cut', () => {
    expect([419.99, 420, 499.99, 500, 579.99, 580].map((x) => scoreLevel(x, [420, 500, 580]))).toEqual([0, 1, 1, 2, 2, 3]);
    const bands = subjectBands({ '4': [420, 500, 580] });
    expect(bands.levels.map((b) => b.cuts['4'])).toEqual([
      [null, 420],
      [420, 500],
      [500, 580],
      [580, null],
    ]);
    expect(bands.pass.cuts['4']).toEqual([420, null]);
    expect(bands.upper.cuts['4']).toEqual([500, null]);
    // Students exactly at the cuts, counted by hand.
    const records = [419.9, 420, 420, 499.9, 500, 579.9, 580, 580, 600, 300].flatMap((math, i) =>
      [0, 1].map((s) => ({ 区县: '甲', 学校: `校${s}`, 年级: 4, 数学: math + s * 0, 学号: `${i}-${s}` })),
    );
    const summary = levelShares(tableSource(studentTable(rawFromRecords(records))), 'math', {
      levels: { cuts: { math: { '4': [420, 500, 580] } } },
      minCell: 1,
    })!;
    const shares = summary.cells[0]!.shares.map((s) => s!.share);
    // 待提高: 419.9, 300; 中等: 420, 420, 499.9; 良好: 500, 579.9; 优秀: 580, 580, 600 — of 10 (each in two schools).
    expect(shares.map((x) => Math.round(x * 10))).toEqual([2, 3, 2, 3]);
    expect(summary.cells[0]!.pass!.share).toBeCloseTo(0.8, 15);
    expect(summary.cells[0]!.upper!.share).toBeCloseTo(0.5, 15);
  });

  it('shares equal svymean / svyciprop(method = "beta") with schools as PSUs, and add to 1 in every cell', () => {
    // R: q <- subset(province.csv, year == 2024 & grade == 4 & county == '青山县'); lv <- cut(math, c(-Inf, 420, 500, 580, Inf), right = FALSE)
    //    des <- svydesign(ids = ~school, weights = ~weight, data = q); svymean(~I(lv == k), des); svyciprop(~I(lv == k), des, method = 'beta')
    const R = [
      [0.174930238889267, 0.0207485331474564, 0.132152101429765, 0.22479254600405],
      [0.299394269379977, 0.0285710752337653, 0.238736469930123, 0.365732595500933],
      [0.316187980671068, 0.0251362556114615, 0.262496511549323, 0.373768177059115],
      [0.209487511059688, 0.0314966785718496, 0.145008648232436, 0.286807977441346],
    ];
    const cell = math.cells.find((c) => c.year === 2024 && c.grade === 4 && c.county === '青山县')!;
    cell.shares.forEach((s, k) => {
      expect(s!.share).toBeCloseTo(R[k]![0]!, 12);
      expect(s!.se).toBeCloseTo(R[k]![1]!, 12);
      expect(s!.lower).toBeCloseTo(R[k]![2]!, 10);
      expect(s!.upper).toBeCloseTo(R[k]![3]!, 10);
    });
    // 达到中等及以上: svyciprop(~I(math >= 420), des, method = 'beta') → 0.825069761110733, SE 0.0207485331474564, 0.77520745399595–0.867847898570234
    expect(cell.pass!.share).toBeCloseTo(0.825069761110733, 12);
    expect(cell.pass!.lower).toBeCloseTo(0.77520745399595, 10);
    expect(cell.pass!.upper).toBeCloseTo(0.867847898570234, 10);
    for (const c of [...math.cells, ...math.provinces, ...math.domains]) {
      if (c.suppressed) continue;
      expect(c.shares.reduce((a, s) => a + s!.share, 0)).toBeCloseTo(1, 12);
      expect(c.pass!.share).toBeCloseTo(
        c.shares.slice(1).reduce((a, s) => a + s!.share, 0),
        12,
      );
    }
  });

  it('domains (boys) and the province pooled equal svyciprop on a subset and on the counties as strata', () => {
    // R: svyciprop(~pass, subset(des, sex == 'M'), method = 'beta') → 0.791491829563675, SE 0.0255406779281313, 0.7304516368521–0.844166404270961 (nrow 158, degf 13)
    const boys = math.domains.find((c) => c.year === 2024 && c.grade === 4 && c.county === '青山县' && c.domain!.value === 'M')!;
    expect(boys.students).toBe(158);
    expect(boys.pass!.share).toBeCloseTo(0.791491829563675, 12);
    expect(boys.pass!.se).toBeCloseTo(0.0255406779281313, 12);
    expect(boys.pass!.lower).toBeCloseTo(0.7304516368521, 10);
    expect(boys.pass!.upper).toBeCloseTo(0.844166404270961, 10);
    // R: dp <- svydesign(ids = ~school, strata = ~county, weights = ~weight, data = subset(province.csv, year == 2024 & grade == 4))
    //    svyciprop(~I(math >= 420), dp, method = 'beta') → 0.795560239676304, SE 0.0147459937118466, 0.764544784800818–0.824178739374333
    const whole = math.provinces.find((c) => c.year === 2024 && c.grade === 4)!;
    expect(whole.pass!.share).toBeCloseTo(0.795560239676304, 12);
    expect(whole.pass!.se).toBeCloseTo(0.0147459937118466, 12);
    expect(whole.pass!.lower).toBeCloseTo(0.764544784800818, 10);
    expect(whole.pass!.upper).toBeCloseTo(0.824178739374333, 10);
  });

  it('the trend of 中等及以上 equals svyglm with schools as clusters and years as strata', () => {
    // R: t <- subset(province.csv, county == '青山县' & grade == 4); t$pass <- as.numeric(t$math >= 420)
    //    svyglm(pass ~ year, svydesign(ids = ~school, strata = ~year, weights = ~weight, data = t, nest = TRUE)) → 0.0134676230953484, SE 0.0120582426332896
    const trend = math.trends.find((t) => t.county === '青山县' && t.grade === 4)!;
    expect(trend.pass!.slope).toBeCloseTo(0.0134676230953484, 12);
    expect(trend.pass!.se).toBeCloseTo(0.0120582426332896, 12);
    expect(trend.pass!.direction).toBe('stable');
    // The lowest level's share is the complement of 中等及以上: its slope is the negative.
    expect(trend.lowest!.slope).toBeCloseTo(-trend.pass!.slope, 12);
  });

  it('plausible values: each classified, shares combined by Rubin (= MIcombine with df.complete); replicate weights (= svrepdesign)', () => {
    const raw = () => parseCsv(fixture('design/pv-jk2.csv'), 'pv-jk2.csv');
    const levels = { cuts: { math: { '*': [420, 500, 580] } } };
    const ignoreReplicates = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`rep_w${i + 1}`, 'ignore']));
    // R: lists <- 5 copies of subset(complete cases, county == '青山县') with up = math_pvm >= 500
    //    MIcombine(lapply(lists, function(x) svymean(~up, svydesign(ids = ~school, weights = ~weight, data = x))), df.complete = 9)
    //    → 0.516017717034276, SE 0.0701456509820791, df 6.9686273001929; the lowest level: 0.174482741896567, SE 0.0479459921817324
    const taylor = levelShares(tableSource(studentTable(raw(), { map: ignoreReplicates })), 'math', {
      levels,
      design: { weight: 'weight', strata: 'county', plausibleValues: { math: ['math_pv1', 'math_pv2', 'math_pv3', 'math_pv4', 'math_pv5'] }, replicates: null },
    })!;
    const t = taylor.cells.find((c) => c.county === '青山县')!;
    expect(t.students).toBe(185);
    expect(t.upper!.share).toBeCloseTo(0.516017717034276, 12);
    expect(t.upper!.se).toBeCloseTo(0.0701456509820791, 12);
    expect(t.upper!.df).toBeCloseTo(6.9686273001929, 9);
    expect(t.shares[0]!.share).toBeCloseTo(0.174482741896567, 12);
    expect(t.shares[0]!.se).toBeCloseTo(0.0479459921817324, 12);
    // R: MIcombine over the PVs of svymean(~up, subset(svrepdesign(…, type = 'JK2', combined.weights = TRUE, mse = TRUE), county == '青山县'))
    //    → 0.516017717034276, SE 0.0746957800284606
    const jk2 = analyzeStudents(studentTable(raw()), { levels, design: { replicates: { kind: 'JK2' } } }).levels.subjects[0]!;
    const j = jk2.cells.find((c) => c.county === '青山县')!;
    expect(j.upper!.share).toBeCloseTo(0.516017717034276, 12);
    expect(j.upper!.se).toBeCloseTo(0.0746957800284606, 12);
    expect(jk2.design).toMatchObject({ variance: 'JK2', plausibleValues: 5, replicates: 10 });
    // One score (math_pv1 as math) on the replicate design: the Korn–Graubard interval of svyciprop on it.
    // R: svyciprop(~up, subset(des, county == '青山县'), method = 'beta') → 0.520754027962549, SE 0.0673532128621657,
    //    0.33892201371248–0.698649144626143; degf 5 (the rank of the county's replicate weights − 1), nrow 187
    const one = { math_pv1: 'math', math_pv2: 'ignore', math_pv3: 'ignore', math_pv4: 'ignore', math_pv5: 'ignore' };
    const single = analyzeStudents(studentTable(raw(), { map: one }), { levels, design: { replicates: { kind: 'JK2' } } }).levels.subjects[0]!.cells.find(
      (c) => c.county === '青山县',
    )!;
    expect(single.students).toBe(187);
    expect(single.upper!.share).toBeCloseTo(0.520754027962549, 12);
    expect(single.upper!.se).toBeCloseTo(0.0673532128621657, 12);
    expect(single.upper!.df).toBe(5);
    expect(single.upper!.lower).toBeCloseTo(0.33892201371248, 10);
    expect(single.upper!.upper).toBeCloseTo(0.698649144626143, 10);
  });

  it('small cells keep their counts and withhold their shares; grades without cuts are counted, not lost', () => {
    const only4 = analyzeStudents(province, { levels: { cuts: { math: { '4': [420, 500, 580] } } }, rates: { minCell: 400 } }).levels.subjects[0]!;
    expect(new Set(only4.cells.map((c) => c.grade))).toEqual(new Set([4]));
    const grade8 = results.achievement[0]!.counties.filter((c) => c.grade === 8).reduce((a, c) => a + c.students, 0);
    expect(only4.usage.excluded).toContainEqual({ rule: 'no_cut_scores', field: 'grade', count: grade8 });
    expect(only4.usage.rowsRead).toBe(only4.usage.rowsUsed + only4.usage.excluded.reduce((a, x) => a + x.count, 0));
    const small = only4.cells.find((c) => c.students < 400)!;
    expect(small).toMatchObject({ suppressed: true, reason: 'small-cell', pass: null, upper: null, shares: [null, null, null, null] });
    expect(small.students).toBeGreaterThan(0);
  });

  it('without cut scores no levels are computed, and the results say which subjects lack them', () => {
    const plain = analyzeStudents(province);
    expect(plain.levels).toMatchObject({ subjects: [], withoutCuts: ['math'], balanced: [] });
  });

  it('county against its province and references for 中等及以上 and the lowest level', () => {
    const refs = [
      {
        scope: 'nation' as const,
        label: '全国（2018）',
        province: null,
        measure: 'math',
        statistic: 'share' as const,
        level: 'pass' as const,
        year: 2024,
        grade: 4,
        estimate: 0.848,
        se: null,
        lower: null,
        upper: null,
        source: null,
        origin: null,
      },
    ];
    const withRefs = analyzeStudents(province, { levels: { cuts }, references: refs }).levels.subjects[0]!;
    const cell = withRefs.comparisons.pass.cells.find((c) => c.year === 2024 && c.grade === 4)!;
    const c = cell.counties.find((x) => x.county === '青山县')!;
    const own = withRefs.cells.find((x) => x.year === 2024 && x.grade === 4 && x.county === '青山县')!;
    expect(c.mean.mean).toBeCloseTo(own.pass!.share, 12);
    expect(c.mean.se).toBeCloseTo(own.pass!.se, 12);
    expect(c.vsProvince!.totalMean).toBeCloseTo(withRefs.provinces.find((p) => p.year === 2024 && p.grade === 4)!.pass!.share, 12);
    expect(c.references).toMatchObject([{ label: '全国（2018）', value: 0.848, test: 'fixed' }]);
    expect(withRefs.comparisons.pass.share).toBe('pass');
    expect(withRefs.comparisons.lowest.share).toBe(0);
  });
});

describe('the 优质均衡 check', () => {
  const level = (upper: { share: number; lower: number; upper: number } | null): LevelSummary =>
    ({
      subject: 'math',
      names: ['待提高', '中等', '良好', '优秀'],
      passFrom: 1,
      upperFrom: 2,
      cuts: { '4': [420, 500, 580] },
      cells: [
        {
          province: null,
          county: '甲',
          year: 2024,
          grade: 4,
          domain: null,
          students: 300,
          schools: 12,
          suppressed: false,
          shares: [],
          pass: null,
          upper: upper && { ...upper, se: 0.02, df: 11 },
        },
      ],
    }) as unknown as LevelSummary;
  const comparison = (mean: number, lower: number, upper: number): CountyComparisonSummary[] =>
    [
      {
        subject: 'math',
        indicator: null,
        share: null,
        cells: [{ year: 2024, grade: 4, counties: [{ province: null, county: '甲', estimable: true, mean: { mean, lower, upper } }] }],
      },
    ] as unknown as CountyComparisonSummary[];
  const between = (icc: number, lower: number, upper: number): BetweenSchoolSummary[] =>
    [
      { subject: 'math', counties: [{ province: null, county: '甲', year: 2024, grade: 4, reml: { estimable: true, icc, iccCI: [lower, upper] } }] },
    ] as unknown as BetweenSchoolSummary[];
  const check = (
    m: [number, number, number],
    i: [number, number, number],
    options = {},
    share: { share: number; lower: number; upper: number } | null = null,
  ) => balancedChecks(comparison(...m), between(...i), [level(share)], options)[0]!;

  it('each condition is met, not met or uncertain at its boundary; both decide', () => {
    // The mean's interval at the cut 500: met when it starts at 500, not met when it ends below, else uncertain.
    expect(check([520, 500, 540], [0.1, 0.05, 0.149]).levelStatus).toBe('met');
    expect(check([480, 460, 499.99], [0.1, 0.05, 0.149]).levelStatus).toBe('not-met');
    expect(check([505, 499.99, 520], [0.1, 0.05, 0.149]).levelStatus).toBe('uncertain');
    // The ICC's interval at 0.15: met below, not met when it starts at 0.15, uncertain across.
    expect(check([520, 500, 540], [0.1, 0.05, 0.149]).iccStatus).toBe('met');
    expect(check([520, 500, 540], [0.2, 0.15, 0.3]).iccStatus).toBe('not-met');
    expect(check([520, 500, 540], [0.12, 0.05, 0.15]).iccStatus).toBe('uncertain');
    expect(check([520, 500, 540], [0.1, 0.05, 0.149]).status).toBe('met');
    expect(check([520, 500, 540], [0.2, 0.15, 0.3]).status).toBe('not-met');
    expect(check([505, 499.99, 520], [0.1, 0.05, 0.149]).status).toBe('uncertain');
    expect(check([480, 460, 499], [0.12, 0.05, 0.2]).status).toBe('not-met');
    expect(check([520, 500, 540], [0.1, 0.05, 0.149])).toMatchObject({ cut: 500, levelName: '良好', definition: 'mean', mean: { level: '良好' } });
  });

  it('the share definition judges the share at or above the level against its line', () => {
    const at = (lower: number, upper: number) =>
      check([520, 500, 540], [0.1, 0.05, 0.149], { definition: 'share', shareLine: 0.5 }, { share: (lower + upper) / 2, lower, upper });
    expect(at(0.5, 0.6).levelStatus).toBe('met');
    expect(at(0.4, 0.4999).levelStatus).toBe('not-met');
    expect(at(0.45, 0.55).levelStatus).toBe('uncertain');
    expect(at(0.5, 0.6).shareLine).toBe(0.5);
  });

  it('on the province fixture every county × year × grade is checked, the ICC from the between-school section', () => {
    expect(results.levels.balanced).toHaveLength(40);
    const b = results.levels.balanced.find((x) => x.county === '平安县' && x.year === 2024 && x.grade === 4)!;
    const icc = results.betweenSchool[0]!.counties.find((c) => c.county === '平安县' && c.year === 2024 && c.grade === 4)!;
    // The ICC the verdict uses: the weighted one, as the fixture's weights vary.
    expect(icc.primary).toBe('pseudo-ML');
    expect(b.icc!.estimate).toBe(icc.weighted?.estimable ? icc.weighted.icc : NaN);
    expect([b.icc!.lower, b.icc!.upper]).toEqual(icc.weighted?.estimable ? icc.weighted.iccCI : []);
    // 平安县 was built with an ICC of 0.35 in grade 4: its between-school condition is not met.
    expect(b.iccStatus).toBe('not-met');
    expect(b.status).toBe('not-met');
    expect(results.levels.balancedDefinition).toEqual({ definition: 'mean', level: 2, shareLine: null, iccLine: 0.15 });
  });
});

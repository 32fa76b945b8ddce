import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  analysisUsage,
  analyzeStudents,
  betweenSchoolVariance,
  countyComparisons,
  detectionRates,
  domainGap,
  type DesignEntries,
  type RandomInterceptFit,
  designContrast,
  designEntries,
  designMean,
  isJianceError,
  parseCsv,
  readNumbers,
  studentTable,
  surveyDesign,
  type StudentData,
  type SurveyDesign,
  tableSource,
} from '../../src/index.js';

// fixtures/design/pv-{jk2,fay}.csv and the reference values come from fixtures/design/make.R
// (R 4.2, survey 4.1, mitools 2.4): 2 counties × 10 schools paired into zones, 5 plausible
// values, math_pv3 blank in two rows; reference.txt holds R's output.
const load = (name: string): StudentData => studentTable(parseCsv(readFileSync(new URL(`../../../../fixtures/design/${name}`, import.meta.url), 'utf8'), name));

const pvs = (data: StudentData, design: SurveyDesign) => design.plausibleValues.math!.map((c) => readNumbers(data.table, c));
/** Entries of a county (the first key), by index. */
const county = (d: DesignEntries, name: string) => (e: number) => d.labels[0]![e] === name;
const all = () => true;

describe('surveyDesign', () => {
  it('finds plausible values and replicate weights, and refuses replicates without a method', () => {
    const data = load('pv-jk2.csv');
    expect(() => surveyDesign(tableSource(data))).toThrowError(expect.objectContaining({ code: 'design-replicates-unknown' }));
    const design = surveyDesign(tableSource(data), { replicates: { kind: 'JK2' } });
    expect(design.plausibleValues).toEqual({ math: ['math_pv1', 'math_pv2', 'math_pv3', 'math_pv4', 'math_pv5'] });
    expect(design.replicates!.columns).toHaveLength(10);
    expect(design.weight).toBe('weight');
    expect(design.strata).toBe('county');
    try {
      surveyDesign(tableSource(data), { replicates: { kind: 'JK2' }, strata: '学区' });
      expect.unreachable();
    } catch (e) {
      expect(isJianceError(e) && e.message).toContain('学区');
    }
  });

  it('recognises PISA replicate-weight headers', () => {
    const data = studentTable(parseCsv('county,school,W_FSTR1,W_FSTR2,math\nA,s1,1,2,500\nA,s2,2,1,510\n', 'x.csv'));
    expect(surveyDesign(tableSource(data), { replicates: { kind: 'BRR', fay: 0.5 } }).replicates!.columns).toEqual(['rep_w1', 'rep_w2']);
  });

  it('excludes rows with a missing plausible value from the subject, and counts them under that column', () => {
    const data = load('pv-jk2.csv');
    const design = surveyDesign(tableSource(data), { replicates: { kind: 'JK2' } });
    const { usage } = analysisUsage(data, 'math', [...design.plausibleValues.math!, ...design.replicates!.columns]);
    expect(usage.excluded.find((e) => e.field === 'math_pv3')).toMatchObject({ rule: 'missing', count: 2 });
    const entries = designEntries(data, design, ['county', 'school'], pvs(data, design));
    expect(entries.count.reduce((a, n) => a + n, 0)).toBe(usage.rowsUsed);
    expect(usage.rowsUsed + usage.excluded.reduce((a, e) => a + e.count, 0)).toBe(usage.rowsRead);
  });
});

describe('designContrast equals R survey + mitools', () => {
  for (const [file, kind, ref] of [
    // svymean(~math_pv1, svrepdesign(type = "JK2", combined.weights = TRUE, mse = TRUE)) and
    // MIcombine(with(svrepdesign(imputationList(…)), svymean(~math))), svyby(~math, ~county), svycontrast(白水县 − 青山县)
    [
      'pv-jk2.csv',
      { kind: 'JK2' },
      {
        pv1: [514.20031979, 9.34192549558],
        rubin: [514.41056041, 8.96016750567],
        白水县: [527.738834809, 8.3992200374],
        青山县: [503.6746691, 14.380303567],
        diff: [24.0641657084, 16.7259374537],
      },
    ],
    // the same with type = "Fay", rho = 0.5 (weights from as.svrepdesign(type = "Fay", fay.rho = 0.5))
    [
      'pv-fay.csv',
      { kind: 'BRR', fay: 0.5 },
      {
        pv1: [514.20031979, 9.28719361678],
        rubin: [514.41056041, 8.94390299756],
        白水县: [527.738834809, 7.6858549666],
        青山县: [503.6746691, 14.0754778588],
        diff: [24.0641657084, 15.8227109613],
      },
    ],
  ] as const) {
    it(`${kind.kind} replicate weights with plausible values (${file})`, () => {
      const data = load(file);
      const design = surveyDesign(tableSource(data), { replicates: kind });
      const values = pvs(data, design);
      // R dropped the rows with an incomplete set of plausible values before svymean(~math_pv1).
      const pv1 = values[0]!.map((v, i) => (values.some((x) => Number.isNaN(x[i]!)) ? NaN : v));
      const one = designContrast(designEntries(data, design, ['county', 'school'], [pv1]), [{ coefficient: 1, includes: all }], { df: Infinity });
      expect(one.estimate).toBeCloseTo(ref.pv1[0], 8);
      expect(one.se).toBeCloseTo(ref.pv1[1], 8);
      expect(one.variance).toBe(kind.kind);
      const entries = designEntries(data, design, ['county', 'school'], values);
      const rubin = designContrast(entries, [{ coefficient: 1, includes: all }], { df: Infinity });
      expect(rubin.estimate).toBeCloseTo(ref.rubin[0], 8);
      expect(rubin.se).toBeCloseTo(ref.rubin[1], 8);
      expect(rubin.plausibleValues!.count).toBe(5);
      for (const c of ['白水县', '青山县'] as const) {
        const m = designContrast(entries, [{ coefficient: 1, includes: county(entries, c) }], { df: Infinity });
        expect(m.estimate).toBeCloseTo(ref[c][0], 8);
        expect(m.se).toBeCloseTo(ref[c][1], 8);
      }
      const diff = designContrast(
        entries,
        [
          { coefficient: 1, includes: county(entries, '白水县') },
          { coefficient: -1, includes: county(entries, '青山县') },
        ],
        { df: Infinity },
      );
      expect(diff.estimate).toBeCloseTo(ref.diff[0], 8);
      expect(diff.se).toBeCloseTo(ref.diff[1], 8);
      expect(diff.terms[0]).toBeCloseTo(ref.白水县[0], 8);
    });
  }

  it('Taylor linearisation with schools as PSUs in county strata, with plausible values', () => {
    // tdes <- svydesign(ids = ~school, strata = ~county, weights = ~weight, data = imputationList(…))
    // MIcombine(with(tdes, svymean(~math))); svyby(~math, ~county); svycontrast(svyby(~math, ~sex), c(1, -1)),
    // where svyby orders the levels 女, 男: R's 11.2263 is 女 − 男, so M − F is its negative.
    const data = load('pv-jk2.csv');
    const design: SurveyDesign = { ...surveyDesign(tableSource(data), { replicates: { kind: 'JK2' } }), replicates: null };
    const entries = designEntries(data, design, ['county', 'school', 'sex'], pvs(data, design));
    const mean = designContrast(entries, [{ coefficient: 1, includes: all }], { df: Infinity });
    expect(mean.estimate).toBeCloseTo(514.41056041, 8);
    expect(mean.se).toBeCloseTo(9.30213115697, 8);
    expect(mean.df).toBeCloseTo(131354.779854, 0);
    expect(designContrast(entries, [{ coefficient: 1, includes: county(entries, '白水县') }], { df: Infinity }).se).toBeCloseTo(10.8109793632, 8);
    expect(designContrast(entries, [{ coefficient: 1, includes: county(entries, '青山县') }], { df: Infinity }).se).toBeCloseTo(13.2884166855, 8);
    const gap = designContrast(
      entries,
      [
        { coefficient: 1, includes: (e) => entries.labels[2]![e] === 'M' },
        { coefficient: -1, includes: (e) => entries.labels[2]![e] === 'F' },
      ],
      { df: Infinity },
    );
    expect(gap.estimate).toBeCloseTo(-11.2263442355, 8);
    expect(gap.se).toBeCloseTo(8.60387582644, 8);
  });

  it('one plausible value and no replicates is designMean', () => {
    const data = load('pv-jk2.csv');
    const design: SurveyDesign = { weight: 'weight', strata: 'county', plausibleValues: {}, replicates: null };
    const entries = designEntries(data, design, ['county', 'school'], [readNumbers(data.table, 'math_pv2')]);
    const viaContrast = designContrast(entries, [{ coefficient: 1, includes: all }], { df: 18 });
    const clusters = Array.from({ length: entries.size }, (_, e) => ({
      stratum: String(entries.strata[e]),
      sumWeights: entries.sumWeights[e]!,
      mean: entries.sumWY[e]! / entries.sumWeights[e]!,
    }));
    const direct = designMean(clusters);
    expect(viaContrast.estimate).toBeCloseTo(direct.mean, 10);
    expect(viaContrast.se).toBeCloseTo(direct.se, 10);
    expect(viaContrast.upper).toBeCloseTo(direct.upper, 8);
  });
});

describe('estimators under the design', () => {
  const jk2 = () => {
    const data = load('pv-jk2.csv');
    return { data, design: surveyDesign(tableSource(data), { replicates: { kind: 'JK2' } }) };
  };

  it('analyzeStudents analyses a subject once, over its plausible values, with the replicate SEs of R', () => {
    const { data } = jk2();
    const results = analyzeStudents(data, { design: { replicates: { kind: 'JK2' } } });
    expect(results.data.subjects).toEqual(['math']);
    expect(results.data.design.replicates).toEqual({ count: 10, method: { kind: 'JK2' } });
    const cmp = results.countyComparison[0]!;
    expect(cmp.design).toEqual({ variance: 'JK2', plausibleValues: 5, replicates: 10, strata: 'county' });
    const byCounty = Object.fromEntries(cmp.cells[0]!.counties.map((c) => [c.county, c]));
    // svyby(~math, ~county) under JK2 with MIcombine (fixtures/design/reference.txt)
    expect(byCounty.白水县!.mean.mean).toBeCloseTo(527.738834809, 7);
    expect(byCounty.白水县!.mean.se).toBeCloseTo(8.3992200374, 8);
    expect(byCounty.青山县!.mean.se).toBeCloseTo(14.380303567, 8);
    expect(Math.abs(cmp.cells[0]!.pairs[0]!.difference)).toBeCloseTo(24.0641657084, 8);
    expect(cmp.cells[0]!.pairs[0]!.se).toBeCloseTo(16.7259374537, 8);
    // The two rows without math_pv3 are counted, not dropped silently.
    expect(cmp.usage.rowsUsed).toBe(364);
    expect(cmp.usage.excluded).toContainEqual({ rule: 'missing', field: 'math_pv3', count: 2 });
  });

  it('detection rates take their SEs from the replicate weights (= svyby(~vision_poor, ~county, svrepdesign))', () => {
    const { data, design } = jk2();
    for (const [kind, file, se] of [
      [{ kind: 'JK2' }, 'pv-jk2.csv', { 白水县: 0.0403310244985, 青山县: 0.0531682957095 }],
      [{ kind: 'BRR', fay: 0.5 }, 'pv-fay.csv', { 白水县: 0.0387843680355, 青山县: 0.0522559433103 }],
    ] as const) {
      const d = kind.kind === 'JK2' ? data : load(file);
      const r = detectionRates(tableSource(d), 'vision_poor', {
        by: ['county'],
        design: kind.kind === 'JK2' ? design : surveyDesign(tableSource(d), { replicates: kind }),
      });
      const cell = (c: string) => r.cells.find((x) => x.keys.county === c)!;
      expect(cell('白水县').rate).toBeCloseTo(0.530995062081, 10);
      expect(cell('青山县').rate).toBeCloseTo(0.402637674124, 10);
      expect(cell('白水县').se).toBeCloseTo(se.白水县, 10);
      expect(cell('青山县').se).toBeCloseTo(se.青山县, 10);
      expect(r.method).toContain(kind.kind);
    }
  });

  it('between-school variance over plausible values: the mean ICC, an interval widened by the between-PV variance', () => {
    const { data, design } = jk2();
    const combined = betweenSchoolVariance(tableSource(data), 'math', { design });
    // Hand computation: each PV decomposed alone on the same 364 students (the two rows
    // without math_pv3 removed from the file), then Rubin's T = Ū + (1 + 1/M)B on the ICC scale.
    const text = readFileSync(new URL('../../../../fixtures/design/pv-jk2.csv', import.meta.url), 'utf8');
    const lines = text.trim().split('\n');
    const complete = studentTable(parseCsv([lines[0], ...lines.slice(1).filter((l) => l.split(',')[6] !== '')].join('\n'), 'complete.csv'));
    expect(complete.quality.rowsRead).toBe(364);
    const z = 1.959963984540054;
    for (const county of combined.counties) {
      const fits = design.plausibleValues.math!.map(
        (c) => betweenSchoolVariance(tableSource(complete), c).counties.find((x) => x.county === county.county)!.reml as RandomInterceptFit,
      );
      const iccs = fits.map((f) => f.icc);
      const icc = iccs.reduce((a, b) => a + b, 0) / 5;
      const U = fits.reduce((a, f) => a + ((f.iccCI[1] - f.iccCI[0]) / (2 * z)) ** 2, 0) / 5;
      const B = iccs.reduce((a, x) => a + (x - icc) ** 2, 0) / 4;
      const widen = Math.sqrt((U + 1.2 * B) / U);
      const lower = Math.max(0, icc - (icc - fits.reduce((a, f) => a + f.iccCI[0], 0) / 5) * widen);
      const upper = Math.min(1, icc + (fits.reduce((a, f) => a + f.iccCI[1], 0) / 5 - icc) * widen);
      const reml = county.reml as RandomInterceptFit & { plausibleValues: { icc: number[]; betweenVariance: number } };
      expect(reml.icc).toBeCloseTo(icc, 10);
      expect(reml.plausibleValues.betweenVariance).toBeCloseTo(B, 12);
      expect(reml.iccCI[0]).toBeCloseTo(lower, 10);
      expect(reml.iccCI[1]).toBeCloseTo(upper, 10);
      expect(widen).toBeGreaterThan(1);
    }
    expect(combined.method).toContain('5 plausible values');
  });
});

describe('edge cases of the design get clear answers', () => {
  const csv = (rows: string[][]) => ['county,school,math', ...rows.map((r) => r.join(','))].join('\n');
  const small = () => {
    const rows: string[][] = [];
    for (const [county, schools] of [
      ['甲县', 4],
      ['乙县', 4],
      ['丙县', 1],
    ] as const) {
      for (let s = 0; s < schools; s++)
        for (let i = 0; i < 6; i++) rows.push([county, `${county}${s}`, String(480 + 7 * s + ((i * 13) % 11) + (county === '乙县' ? 20 : 0))]);
    }
    return studentTable(parseCsv(csv(rows), 'small.csv'));
  };

  it('a county with one school is listed with its mean but not compared or ranked; its students stay in the province', () => {
    const data = small();
    const cell = countyComparisons(tableSource(data), 'math').cells[0]!;
    const lone = cell.counties.find((c) => c.county === '丙县')!;
    expect(lone).toMatchObject({
      estimable: false,
      reason: 'single_school',
      schools: 1,
      students: 6,
      province: null,
      vsProvince: null,
      rank: null,
      references: [],
    });
    expect(Number.isNaN(lone.mean.se)).toBe(true);
    expect(
      cell.counties
        .filter((c) => c.estimable)
        .map((c) => c.rank!.rank)
        .sort(),
    ).toEqual([1, 2]);
    expect(cell.pairs.map((p) => [p.a, p.b])).toEqual([['甲县', '乙县']]);
    const all = readNumbers(data.table, 'math');
    expect(cell.provinceMean.mean).toBeCloseTo(all.reduce((a, b) => a + b, 0) / all.length, 10);
    // The province mean's SE: 丙县 is a stratum with one PSU, which adds nothing (lonely.psu = "remove") and is counted.
    expect(cell.provinceMean.lonelyStrata).toBe(1);
  });

  it('a stratum with one cluster adds no variance and is counted (R: options(survey.lonely.psu = "remove"))', () => {
    const data = small();
    const design: SurveyDesign = { weight: null, strata: 'county', plausibleValues: {}, replicates: null };
    const entries = designEntries(data, design, ['county', 'school'], [readNumbers(data.table, 'math')]);
    const withLonely = designContrast(entries, [{ coefficient: 1, includes: () => true }], { df: 6 });
    expect(withLonely.lonelyStrata).toBe(1);
    // By hand: the linearised variance over the two strata with ≥ 2 schools only.
    const W = entries.sumWeights.reduce((a, w) => a + w, 0);
    const mean = withLonely.estimate;
    let v = 0;
    for (const county of ['甲县', '乙县']) {
      const z = Array.from({ length: entries.size }, (_, e) => e)
        .filter((e) => entries.labels[0]![e] === county)
        .map((e) => (entries.sumWY[e]! - mean * entries.sumWeights[e]!) / W);
      const zbar = z.reduce((a, b) => a + b, 0) / z.length;
      v += (z.length / (z.length - 1)) * z.reduce((a, x) => a + (x - zbar) ** 2, 0);
    }
    expect(withLonely.se).toBeCloseTo(Math.sqrt(v), 12);
  });

  it('a gap cell where one level has no students is returned as not estimable, not dropped', () => {
    const text =
      'county,school,sex,math\n甲县,a,男,500\n甲县,a,男,510\n甲县,b,男,490\n甲县,b,男,520\n乙县,c,男,500\n乙县,c,女,510\n乙县,d,男,490\n乙县,d,女,530\n';
    const gaps = domainGap(tableSource(studentTable(parseCsv(text, 'g.csv'))), 'math', 'sex', 'M', 'F');
    expect(gaps.find((g) => g.county === '甲县')).toMatchObject({ estimable: false, studentsA: 4, studentsB: 0, gap: null, mark: null });
    expect(gaps.find((g) => g.county === '乙县')).toMatchObject({ estimable: true, gap: 495 - 520 });
  });
});

describe('design strata', () => {
  it('a 抽样层 column is the default strata; the config may name another or none', () => {
    const text = 'county,school,抽样层,math\nA,a,1,500\nA,b,1,510\nA,c,2,490\nA,d,2,520\n';
    const data = studentTable(parseCsv(text, 's.csv'));
    expect(surveyDesign(tableSource(data)).strata).toBe('stratum');
    expect(surveyDesign(tableSource(data), { strata: 'county' }).strata).toBe('county');
    expect(surveyDesign(tableSource(data), { strata: null }).strata).toBeNull();
  });
});

describe('countyComparisons computes each county on its own strata only', () => {
  it('equals the contrast over every school of the province (Taylor), and ranks follow the design SEs', () => {
    const data = studentTable(parseCsv(readFileSync(new URL('../../../../fixtures/province.csv', import.meta.url), 'utf8'), 'province.csv'));
    const design = surveyDesign(tableSource(data));
    const cell = countyComparisons(tableSource(data), 'math', { design }).cells.find((c) => c.year === 2024 && c.grade === 4)!;
    const entries = designEntries(data, design, ['year', 'grade', 'county', 'school'], [readNumbers(data.table, 'math')]);
    const inCell = Array.from({ length: entries.size }, (_, e) => e).filter((e) => entries.labels[0]![e] === 2024 && entries.labels[1]![e] === 4);
    for (const c of cell.counties) {
      const full = designContrast(
        entries,
        [
          { coefficient: 1, includes: (e) => entries.labels[2]![e] === c.county },
          { coefficient: -1, includes: () => true },
        ],
        { df: c.schools - 1, rows: inCell },
      );
      expect(c.vsProvince!.difference).toBeCloseTo(full.estimate, 10);
      expect(c.vsProvince!.se).toBeCloseTo(full.se, 10);
      expect(c.rank!.lower).toBeLessThanOrEqual(c.rank!.rank);
      expect(c.rank!.upper).toBeGreaterThanOrEqual(c.rank!.rank);
    }
    expect(cell.pairsOmitted).toBe(false);
    expect(countyComparisons(tableSource(data), 'math', { design, maxPairCounties: 3 }).cells[0]!).toMatchObject({ pairs: [], pairsOmitted: true });
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  analysisUsage,
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
} from '../src/index.js';

// fixtures/design/pv-{jk2,fay}.csv and the reference values come from fixtures/design/make.R
// (R 4.2, survey 4.1, mitools 2.4): 2 counties × 10 schools paired into zones, 5 plausible
// values, math_pv3 blank in two rows; reference.txt holds R's output.
const load = (name: string): StudentData =>
  studentTable(parseCsv(readFileSync(new URL(`../../../fixtures/design/${name}`, import.meta.url), 'utf8'), name));

const pvs = (data: StudentData, design: SurveyDesign) => design.plausibleValues.math!.map((c) => readNumbers(data.table, c));
const county = (name: string) => (e: { labels: unknown[] }) => e.labels[0] === name;
const all = () => true;

describe('surveyDesign', () => {
  it('finds plausible values and replicate weights, and refuses replicates without a method', () => {
    const data = load('pv-jk2.csv');
    expect(() => surveyDesign(data)).toThrowError(expect.objectContaining({ code: 'design-replicates-unknown' }));
    const design = surveyDesign(data, { replicates: { kind: 'JK2' } });
    expect(design.plausibleValues).toEqual({ math: ['math_pv1', 'math_pv2', 'math_pv3', 'math_pv4', 'math_pv5'] });
    expect(design.replicates!.columns).toHaveLength(10);
    expect(design.weight).toBe('weight');
    expect(design.strata).toBe('county');
    try {
      surveyDesign(data, { replicates: { kind: 'JK2' }, strata: '学区' });
      expect.unreachable();
    } catch (e) {
      expect(isJianceError(e) && e.message).toContain('学区');
    }
  });

  it('recognises PISA replicate-weight headers', () => {
    const data = studentTable(parseCsv('county,school,W_FSTR1,W_FSTR2,math\nA,s1,1,2,500\nA,s2,2,1,510\n', 'x.csv'));
    expect(surveyDesign(data, { replicates: { kind: 'BRR', fay: 0.5 } }).replicates!.columns).toEqual(['rep_w1', 'rep_w2']);
  });

  it('excludes rows with a missing plausible value from the subject, and counts them under that column', () => {
    const data = load('pv-jk2.csv');
    const design = surveyDesign(data, { replicates: { kind: 'JK2' } });
    const { usage } = analysisUsage(data, 'math', [...design.plausibleValues.math!, ...design.replicates!.columns]);
    expect(usage.excluded.find((e) => e.field === 'math_pv3')).toMatchObject({ rule: 'missing', count: 2 });
    const entries = designEntries(data, design, ['county', 'school'], pvs(data, design));
    expect(entries.entries.reduce((a, e) => a + e.count, 0)).toBe(usage.rowsUsed);
    expect(usage.rowsUsed + usage.excluded.reduce((a, e) => a + e.count, 0)).toBe(usage.rowsRead);
  });
});

describe('designContrast equals R survey + mitools', () => {
  for (const [file, kind, ref] of [
    // svymean(~math_pv1, svrepdesign(type = "JK2", combined.weights = TRUE, mse = TRUE)) and
    // MIcombine(with(svrepdesign(imputationList(…)), svymean(~math))), svyby(~math, ~county), svycontrast(白水县 − 青山县)
    ['pv-jk2.csv', { kind: 'JK2' }, { pv1: [514.20031979, 9.34192549558], rubin: [514.41056041, 8.96016750567], 白水县: [527.738834809, 8.3992200374], 青山县: [503.6746691, 14.380303567], diff: [24.0641657084, 16.7259374537] }],
    // the same with type = "Fay", rho = 0.5 (weights from as.svrepdesign(type = "Fay", fay.rho = 0.5))
    ['pv-fay.csv', { kind: 'BRR', fay: 0.5 }, { pv1: [514.20031979, 9.28719361678], rubin: [514.41056041, 8.94390299756], 白水县: [527.738834809, 7.6858549666], 青山县: [503.6746691, 14.0754778588], diff: [24.0641657084, 15.8227109613] }],
  ] as const) {
    it(`${kind.kind} replicate weights with plausible values (${file})`, () => {
      const data = load(file);
      const design = surveyDesign(data, { replicates: kind });
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
        const m = designContrast(entries, [{ coefficient: 1, includes: county(c) }], { df: Infinity });
        expect(m.estimate).toBeCloseTo(ref[c][0], 8);
        expect(m.se).toBeCloseTo(ref[c][1], 8);
      }
      const diff = designContrast(entries, [{ coefficient: 1, includes: county('白水县') }, { coefficient: -1, includes: county('青山县') }], { df: Infinity });
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
    const design: SurveyDesign = { ...surveyDesign(data, { replicates: { kind: 'JK2' } }), replicates: null };
    const entries = designEntries(data, design, ['county', 'school', 'sex'], pvs(data, design));
    const mean = designContrast(entries, [{ coefficient: 1, includes: all }], { df: Infinity });
    expect(mean.estimate).toBeCloseTo(514.41056041, 8);
    expect(mean.se).toBeCloseTo(9.30213115697, 8);
    expect(mean.df).toBeCloseTo(131354.779854, 0);
    expect(designContrast(entries, [{ coefficient: 1, includes: county('白水县') }], { df: Infinity }).se).toBeCloseTo(10.8109793632, 8);
    expect(designContrast(entries, [{ coefficient: 1, includes: county('青山县') }], { df: Infinity }).se).toBeCloseTo(13.2884166855, 8);
    const gap = designContrast(entries, [{ coefficient: 1, includes: (e) => e.labels[2] === 'M' }, { coefficient: -1, includes: (e) => e.labels[2] === 'F' }], { df: Infinity });
    expect(gap.estimate).toBeCloseTo(-11.2263442355, 8);
    expect(gap.se).toBeCloseTo(8.60387582644, 8);
  });

  it('one plausible value and no replicates is designMean', () => {
    const data = load('pv-jk2.csv');
    const design: SurveyDesign = { weight: 'weight', strata: 'county', plausibleValues: {}, replicates: null };
    const entries = designEntries(data, design, ['county', 'school'], [readNumbers(data.table, 'math_pv2')]);
    const viaContrast = designContrast(entries, [{ coefficient: 1, includes: all }], { df: 18 });
    const clusters = entries.entries.map((e) => ({ stratum: String(e.stratum), sumWeights: e.sumWeights[0]!, mean: e.sumWY[0]! / e.sumWeights[0]! }));
    const direct = designMean(clusters);
    expect(viaContrast.estimate).toBeCloseTo(direct.mean, 10);
    expect(viaContrast.se).toBeCloseTo(direct.se, 10);
    expect(viaContrast.upper).toBeCloseTo(direct.upper, 8);
  });
});

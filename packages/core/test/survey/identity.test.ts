import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeStudents, countyComparisons, parseCsv, studentTable, surveyDesign, type AnalysisResults, tableSource } from '../../src/index.js';
import { stratumIds } from '../../src/survey/stratumIds.js';

// fixtures/two-provinces.csv: 北京市 and 吉林省, each with a 朝阳区 whose schools share their names
// (朝阳区第一小学 …), and one other county (海淀区, 南关区); 2021 and 2024 (fixtures/README.md).
const text = readFileSync(new URL('../../../../fixtures/two-provinces.csv', import.meta.url), 'utf8');
const lines = text.trimEnd().split('\n');
/** The rows of one province only, as a file of that province alone. */
const provinceFile = (province: string): string => `${[lines[0], ...lines.slice(1).filter((l) => l.split(',')[1] === province)].join('\n')}\n`;
const analyse = (csv: string, name: string): AnalysisResults => analyzeStudents(studentTable(parseCsv(csv, name)));

const both = analyse(text, 'two-provinces.csv');
const alone = { 北京市: analyse(provinceFile('北京市'), 'bj.csv'), 吉林省: analyse(provinceFile('吉林省'), 'jl.csv') };

describe('a county is (province, county), a school (province, county, school)', () => {
  it('two provinces with a 朝阳区 each give two 朝阳区, each with the students, means and schools of its province alone', () => {
    const rows = both.achievement[0]!.counties.filter((c) => c.county === '朝阳区' && c.year === 2024 && c.grade === 4);
    expect(rows.map((c) => c.province)).toEqual(['北京市', '吉林省']);
    for (const row of rows) {
      const own = alone[row.province as keyof typeof alone].achievement[0]!.counties.find((c) => c.county === '朝阳区' && c.year === 2024 && c.grade === 4)!;
      expect(row).toEqual(own);
    }
    // Not merged: 273 + 271 students (R: nrow of each province's 朝阳区, 2024, grade 4).
    expect(rows.map((c) => c.students)).toEqual([273, 271]);
    // Same-named schools stay apart too: 12 primary schools in each 朝阳区.
    expect(rows.map((c) => c.schools)).toEqual([12, 12]);
    expect(both.achievement[0]!.schools.filter((s) => s.school === '朝阳区第一小学' && s.year === 2024).map((s) => s.province)).toEqual(['北京市', '吉林省']);
  });

  it('each 朝阳区 has its own between-school share, equal to lme4 on its own students and to the single-province run', () => {
    // R: lmer(math ~ 1 + (1 | school), subset(d, province == '吉林省' & county == '朝阳区' & year == 2024 & grade == 4))
    //    → ICC 0.271072362481134 (271 students); 北京市: 0.278279200427532 (273).
    const cells = both.betweenSchool[0]!.counties.filter((c) => c.county === '朝阳区' && c.year === 2024 && c.grade === 4);
    expect(cells.map((c) => c.province)).toEqual(['北京市', '吉林省']);
    const icc = (c: (typeof cells)[number]) => (c.reml.estimable ? c.reml.icc : NaN);
    expect(icc(cells[0]!)).toBeCloseTo(0.278279200427532, 6);
    expect(icc(cells[1]!)).toBeCloseTo(0.271072362481134, 6);
    for (const c of cells) {
      const own = alone[c.province as keyof typeof alone].betweenSchool[0]!.counties.find((x) => x.county === '朝阳区' && x.year === 2024 && x.grade === 4)!;
      expect(c.reml).toEqual(own.reml);
      expect(c.schoolsDetail).toEqual(own.schoolsDetail);
      // Compared with its own province's pooled share, not the whole file's.
      expect(c.references.find((r) => r.source === 'province')!.icc).toBe(own.references.find((r) => r.source === 'province')!.icc);
    }
    // With two provinces the whole file's share is given too, per year × grade.
    expect(both.betweenSchool[0]!.nation.map((n) => [n.year, n.grade])).toEqual([
      [2021, 4],
      [2021, 8],
      [2024, 4],
      [2024, 8],
    ]);
    expect(both.betweenSchool[0]!.province.map((p) => p.province)).toEqual(['北京市', '北京市', '北京市', '北京市', '吉林省', '吉林省', '吉林省', '吉林省']);
  });

  it('each 朝阳区 has its own detection rates and trend, equal to the single-province run', () => {
    const vision = both.rates.indicators.find((i) => i.indicator === 'vision_poor')!;
    const cells = vision.rates.cells.filter((c) => c.keys.county === '朝阳区');
    expect(cells.map((c) => [c.keys.province, c.keys.year, c.keys.grade])).toEqual([
      ['北京市', 2021, 4],
      ['北京市', 2021, 8],
      ['北京市', 2024, 4],
      ['北京市', 2024, 8],
      ['吉林省', 2021, 4],
      ['吉林省', 2021, 8],
      ['吉林省', 2024, 4],
      ['吉林省', 2024, 8],
    ]);
    for (const cell of cells) {
      const own = alone[cell.keys.province as keyof typeof alone].rates.indicators
        .find((i) => i.indicator === 'vision_poor')!
        .rates.cells.find((c) => c.keys.county === '朝阳区' && c.keys.year === cell.keys.year && c.keys.grade === cell.keys.grade)!;
      expect(cell).toEqual(own);
    }
    const trends = vision.trends.filter((t) => t.county === '朝阳区');
    expect(trends.map((t) => [t.province, t.grade])).toEqual([
      ['北京市', 4],
      ['北京市', 8],
      ['吉林省', 4],
      ['吉林省', 8],
    ]);
    for (const t of trends) {
      const own = alone[t.province as keyof typeof alone].rates.indicators
        .find((i) => i.indicator === 'vision_poor')!
        .trends.find((x) => x.county === '朝阳区' && x.grade === t.grade)!;
      expect(t.trend).toEqual(own.trend);
    }
  });

  it('a blank 省份 is one unnamed province: its rows are kept and compared, not dropped', () => {
    const blanked = text.replaceAll(',吉林省,', ',,');
    const results = analyse(blanked, 'blank.csv');
    const rows = results.achievement[0]!.counties.filter((c) => c.county === '朝阳区' && c.year === 2024 && c.grade === 4);
    expect(rows.map((c) => [c.province, c.students])).toEqual([
      ['北京市', 273],
      [null, 271],
    ]);
    expect(results.achievement[0]!.usage.rowsUsed).toBe(both.achievement[0]!.usage.rowsUsed);
    const nation = results.countyComparison[0]!.nation.find((c) => c.year === 2024 && c.grade === 4)!;
    expect(nation.provinces.map((p) => p.province)).toEqual(['北京市', null]);
    expect(nation.nationMean.mean).toBeCloseTo(504.405780283683, 9);
  });

  it('strata are nested in provinces: the two 朝阳区 are two strata', () => {
    const data = studentTable(parseCsv(text, 'two-provinces.csv'));
    const design = surveyDesign(tableSource(data));
    expect(design.strata).toBe('county');
    const entries = countyComparisons(tableSource(data), 'math', { design, replicates: 10 });
    expect(entries.cells.map((c) => c.province)).toEqual(['北京市', '吉林省', '北京市', '吉林省', '北京市', '吉林省', '北京市', '吉林省']);
    const ids = stratumIds({
      keys: ['province', 'school'],
      size: 3,
      labels: [
        ['北京市', '吉林省', '北京市'],
        ['a', 'a', 'b'],
      ],
      psu: Int32Array.of(0, 1, 2),
      strata: ['朝阳区', '朝阳区', '朝阳区'],
      count: new Float64Array(3),
      sumWeights: new Float64Array(3),
      sumWY: new Float64Array(3),
      sumWYY: new Float64Array(3),
      plausibleValues: 1,
      replicates: 0,
      method: null,
    });
    expect([...ids]).toEqual([0, 1, 0]);
  });
});

describe('counties against their own province; provinces against the nation', () => {
  const math = both.countyComparison[0]!;

  it('counties are compared and ranked within their own province, as in the single-province run', () => {
    for (const cell of math.cells) {
      const own = alone[cell.province as keyof typeof alone].countyComparison[0]!.cells.find((c) => c.year === cell.year && c.grade === cell.grade)!;
      expect(cell).toEqual(own);
      expect(cell.counties).toHaveLength(2);
      expect(cell.counties.map((c) => c.rank!.rank).sort()).toEqual([1, 2]);
      expect(cell.pairs).toHaveLength(1);
    }
  });

  it('a county − its province equals svycontrast on the two-province design', () => {
    // R (fixtures/two-provinces.csv, 2024, grade 4): des <- svydesign(ids = ~school, strata = ~interaction(province, county),
    //   weights = ~weight, data = d, nest = TRUE); m <- svymean(~ycy + cy + yjl + jl + …, des)
    //   svycontrast(m, quote(ycy/cy - yjl/jl)) → -11.459822732962, SE 12.3795264458822 (吉林省 朝阳区 − 吉林省)
    const cell = math.cells.find((c) => c.year === 2024 && c.grade === 4 && c.province === '吉林省')!;
    const c = cell.counties.find((x) => x.county === '朝阳区')!;
    expect(c.vsProvince!.difference).toBeCloseTo(-11.459822732962, 9);
    expect(c.vsProvince!.se).toBeCloseTo(12.3795264458822, 9);
  });

  it('each province − the nation is overlap-aware, equal to svycontrast; provinces are ranked', () => {
    // R, as above: svymean(~math, des) → 504.405780283683, SE 7.99292430665406
    //   svycontrast(m, quote(ybj/bj - math)) → 11.6588092120057, SE 7.919898759163
    //   svycontrast(m, quote(yjl/jl - math)) → -11.5493215232513, SE 7.94714762937435
    //   vision (pmin(va_left, va_right) < 5): svycontrast(m, quote(vbj/bj - vision)) → -0.0335679514124366, SE 0.0237528663064068
    const cell = math.nation.find((c) => c.year === 2024 && c.grade === 4)!;
    expect(cell.nationMean.mean).toBeCloseTo(504.405780283683, 9);
    expect(cell.nationMean.se).toBeCloseTo(7.99292430665406, 9);
    const [bj, jl] = cell.provinces;
    expect([bj!.province, jl!.province]).toEqual(['北京市', '吉林省']);
    expect(bj!.vsNation!.difference).toBeCloseTo(11.6588092120057, 9);
    expect(bj!.vsNation!.se).toBeCloseTo(7.919898759163, 9);
    expect(jl!.vsNation!.difference).toBeCloseTo(-11.5493215232513, 9);
    expect(jl!.vsNation!.se).toBeCloseTo(7.94714762937435, 9);
    // The province's own df: its schools − its strata (24 − 2).
    expect(bj!.vsNation!.df).toBe(22);
    expect(bj!.counties).toBe(2);
    expect(cell.provinces.map((p) => p.rank!.rank).sort()).toEqual([1, 2]);
    expect(cell.pairs.map((p) => [p.a, p.b])).toEqual([['北京市', '吉林省']]);
    const vision = both.rateComparison.find((s) => s.subject === 'vision_poor')!.nation.find((c) => c.year === 2024 && c.grade === 4)!;
    expect(vision.provinces[0]!.vsNation!.difference).toBeCloseTo(-0.0335679514124366, 12);
    expect(vision.provinces[0]!.vsNation!.se).toBeCloseTo(0.0237528663064068, 12);
    // A file of one province has no nation level.
    expect(alone.北京市.countyComparison[0]!.nation).toEqual([]);
  });
});

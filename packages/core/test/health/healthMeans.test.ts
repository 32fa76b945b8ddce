import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeStudents, healthMeans, parseCsv, referenceTable, studentTable, tableSource } from '../../src/index.js';

const fixture = (name: string): string => readFileSync(new URL(`../../../../fixtures/${name}`, import.meta.url), 'utf8');
const province = studentTable(parseCsv(fixture('province.csv'), 'province.csv'));
const section = healthMeans(tableSource(province));
const measure = (id: string) => section.measures.find((m) => m.measure === id)!;
const county = (id: string, name: string, year = 2024, grade = 4) =>
  measure(id)
    .comparison.cells.find((c) => c.year === year && c.grade === grade)!
    .counties.find((c) => c.county === name)!;

describe('the mean level of the health measures', () => {
  it('every measure the data support, derived BMI and worse-eye acuity included', () => {
    expect(section.measures.map((m) => m.measure)).toEqual(['anxiety', 'sleep_hours', 'bmi', 'fitness_score', 'va_worse']);
    expect(section.measures.map((m) => m.better)).toEqual(['lower', 'higher', null, 'higher', 'higher']);
  });

  it('county means with design SE and t interval equal svymean + confint(df = degf)', () => {
    // R: q <- subset(province.csv, year == 2024 & grade == 4 & county == '青山县'); q$bmi <- weight_kg / ((height_cm / 100) * (height_cm / 100))
    //    q$va <- pmin(va_left, va_right); des <- svydesign(ids = ~school, weights = ~weight, data = q)
    //    svymean(~v, des); confint(…, df = degf(des))
    const R: Record<string, number[]> = {
      anxiety: [32.7510055808889, 1.39905754102956, 29.7285255206607, 35.773485641117],
      sleep_hours: [8.99825597223168, 0.0778858413197593, 8.82999384186223, 9.16651810260112],
      bmi: [17.6808270991606, 0.146894913718612, 17.3634799317691, 17.9981742665521],
      fitness_score: [76.925743551351, 0.63458483220293, 75.5548063699931, 78.2966807327089],
      va_worse: [4.8996409855033, 0.0247979363068226, 4.84606830116108, 4.95321366984552],
    };
    for (const [id, [mean, se, lower, upper]] of Object.entries(R)) {
      const c = county(id, '青山县');
      expect(c.mean.mean).toBeCloseTo(mean!, 10);
      expect(c.mean.se).toBeCloseTo(se!, 10);
      expect(c.mean.lower).toBeCloseTo(lower!, 9);
      expect(c.mean.upper).toBeCloseTo(upper!, 9);
    }
  });

  it('a county − its province equals svycontrast; the trend of the mean equals svyglm; a domain mean equals svymean on a subset', () => {
    // R: dp <- svydesign(ids = ~school, strata = ~county, weights = ~weight, data = subset(province.csv, year == 2024 & grade == 4), nest = TRUE)
    //    svycontrast(svymean(~yg + g + sleep_hours, dp), quote(yg/g - sleep_hours)), g = county == '白水县' → -0.21793855534208, SE 0.066636894907882
    const c = county('sleep_hours', '白水县');
    expect(c.vsProvince!.difference).toBeCloseTo(-0.21793855534208, 12);
    expect(c.vsProvince!.se).toBeCloseTo(0.066636894907882, 12);
    expect(c.vsProvince!.mark).toBe('lower');
    // R: svyglm(sleep_hours ~ year, svydesign(ids = ~school, strata = ~year, weights = ~weight, data = subset(province.csv, county == '白水县' & grade == 4), nest = TRUE))
    //    → -0.0643455011989697, SE 0.0331891508435196
    const trend = measure('sleep_hours').trends.find((t) => t.county === '白水县' && t.grade === 4)!.trend!;
    expect(trend.slope).toBeCloseTo(-0.0643455011989697, 12);
    expect(trend.se).toBeCloseTo(0.0331891508435196, 12);
    expect(trend.direction).toBe('stable');
    // R: f <- subset(des, sex == 'F') (青山县, 2024, grade 4); svymean(~anxiety, f) → 33.3202349027462, SE 2.09117874375158; confint(df = degf(f) = 13)
    const girls = measure('anxiety').domains.find((d) => d.county === '青山县' && d.year === 2024 && d.grade === 4 && d.domain.value === 'F')!;
    expect(girls.mean!.mean).toBeCloseTo(33.3202349027462, 10);
    expect(girls.mean!.se).toBeCloseTo(2.09117874375158, 10);
    expect(girls.mean!.df).toBe(13);
    expect(girls.mean!.lower).toBeCloseTo(28.802517889684, 9);
  });

  it('anxiety is a level without a cut-off, and a level and a rate with one', () => {
    expect(analyzeStudents(province).health.anxiety).toBe('level');
    const withCutoff = analyzeStudents(province, { rates: { anxietyCutoff: 60 } });
    expect(withCutoff.health.anxiety).toBe('level-and-rate');
    expect(withCutoff.rates.indicators.map((i) => i.indicator)).toContain('anxiety');
  });

  it('the sample county against its references: anxiety and sleep, with no configuration', () => {
    const data = studentTable(parseCsv(fixture('county.csv'), 'county.csv'));
    const refs = referenceTable(parseCsv(fixture('county.references.csv'), 'county.references.csv'));
    const results = analyzeStudents(data, { references: refs });
    for (const id of ['anxiety', 'sleep_hours']) {
      const m = results.health.measures.find((x) => x.measure === id)!;
      for (const cell of m.comparison.cells) {
        const [c] = cell.counties;
        expect(c!.references.map((r) => [r.scope, r.test])).toEqual([
          ['province', 'independent'],
          ['nation', 'fixed'],
        ]);
        const ref = refs[c!.references[1]!.reference]!;
        expect([ref.measure, ref.statistic, ref.year, ref.grade]).toEqual([id, 'mean', cell.year, cell.grade]);
      }
    }
    // The older one-figure reference (every subject) is no figure of a health measure.
    const old = analyzeStudents(data, { countyComparison: { reference: { label: '全国', estimate: 500 } } });
    expect(old.health.measures.every((m) => m.comparison.cells.every((c) => c.counties.every((x) => x.references.length === 0)))).toBe(true);
  });
});

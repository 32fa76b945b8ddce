import { describe, expect, it } from 'vitest';
import { countyComparisons, rawFromRecords, studentTable, tableSource } from '../../src/index.js';
import { generateStudents, nationalPrevalence, type ProvinceParams } from '../../src/simulate/index.js';

// Six counties of 20 primary schools: four built equal to the province (offset 0) and two built
// 40 points above and below, so the province's true mean equals the equal counties' mean.
function province(): ProvinceParams {
  const offsets = [0, 0, 0, 0, 40, -40];
  return {
    province: '模拟省',
    years: [2024],
    mathMean: { 4: 500, 8: 500 },
    mathSD: 100,
    studentsPerSchool: [22, 28],
    clustering: 20,
    anxietyCutoff: 60,
    counties: offsets.map((offset, i) => ({
      name: `县${i + 1}`,
      code: String(i + 1).padStart(2, '0'),
      primarySchools: 20,
      juniorSchools: 0,
      smallSchools: 0,
      icc: { 4: 0.15, 8: 0.15 },
      mathOffset: offset,
      prevalence: nationalPrevalence(),
    })),
  };
}

describe('county comparisons flag counties at the nominal rate (simulation over 60 seeds)', () => {
  it('counties built equal are flagged about 5% of the time; counties built 40 points apart nearly always', () => {
    let nullTests = 0;
    let falseFlags = 0;
    let differTests = 0;
    let detected = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const records = [...generateStudents(province(), seed)];
      const data = studentTable(rawFromRecords(records, 'sim.csv'));
      const cell = countyComparisons(tableSource(data), 'math', { replicates: 20 }).cells[0]!;
      for (const c of cell.counties) {
        const built = Number(c.county.slice(1)) <= 4 ? 'equal' : 'differ';
        if (built === 'equal') {
          nullTests++;
          if (c.vsProvince!.mark !== 'similar') falseFlags++;
        } else {
          differTests++;
          if (c.vsProvince!.mark === (c.county === '县5' ? 'higher' : 'lower')) detected++;
        }
      }
    }
    // 240 null tests at 5%: 12 expected (13 observed with seeds 1–60); binomial 99% range about 4–22.
    expect(nullTests).toBe(240);
    expect(falseFlags).toBeGreaterThanOrEqual(4);
    expect(falseFlags).toBeLessThanOrEqual(22);
    // 40 points with ICC 0.15 and 20 schools is about 4 SE: power ≈ 0.97.
    expect(detected / differTests).toBeGreaterThan(0.9);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countyFixtureParams, generateStudents, provinceFixtureParams, provinceTruth } from '@jiance/core/simulate';
import { writeCsv } from '../src/writeFixtures.js';
import { resultsOf, run, tempDir } from './helpers.js';

const fixtures = new URL('../../../fixtures/', import.meta.url);
const fixture = (name: string): string => new URL(name, fixtures).pathname;
const truth = JSON.parse(readFileSync(fixture('county.truth.json'), 'utf8'));

describe('committed fixtures', () => {
  it('regenerating county.csv and province.csv with their seeds gives the same bytes', async () => {
    const dir = tempDir();
    await writeCsv(join(dir, 'county.csv'), generateStudents(countyFixtureParams, 20261125, { defects: true }));
    await writeCsv(join(dir, 'province.csv'), generateStudents(provinceFixtureParams, 20261126));
    expect(readFileSync(join(dir, 'county.csv')).equals(readFileSync(fixture('county.csv')))).toBe(true);
    expect(readFileSync(join(dir, 'province.csv')).equals(readFileSync(fixture('province.csv')))).toBe(true);
    const provinceTruthFile = JSON.parse(readFileSync(fixture('province.truth.json'), 'utf8'));
    expect(provinceTruthFile).toEqual(JSON.parse(JSON.stringify(provinceTruth(provinceFixtureParams, 20261126))));
  });
});

describe('analyze on the county fixture', () => {
  const dir = tempDir();
  const outputs: Record<string, string> = {};

  it('the UTF-8, GB18030 and .xlsx copies give byte-identical results.json', async () => {
    for (const name of ['county.csv', 'county-gb18030.csv', 'county.xlsx']) {
      const out = join(dir, name);
      const r = await run([fixture(name), '--out', out]);
      expect([name, r.code, r.err]).toEqual([name, 0, '']);
      outputs[name] = readFileSync(join(out, 'results.json'), 'utf8');
    }
    expect(outputs['county-gb18030.csv']).toBe(outputs['county.csv']);
    expect(outputs['county.xlsx']).toBe(outputs['county.csv']);
    const run0 = JSON.parse(readFileSync(join(dir, 'county-gb18030.csv', 'run.json'), 'utf8'));
    expect(run0.input).toMatchObject({ format: 'csv', encoding: 'gb18030' });
  });

  it('every injected defect is counted under its rule at its row', () => {
    const results = resultsOf(join(dir, 'county.csv'));
    const q = results.dataQuality;
    const rows = (rule: string, field?: string): number[] =>
      truth.defects.filter((d: any) => d.rule === rule && (field === undefined || d.column === field)).map((d: any) => d.row);
    expect(q.rowsRead).toBe(3266);
    expect(q.excludedRows).toEqual([
      { rule: 'invalid_weight', field: 'weight', count: 1, examples: [{ row: rows('invalid_weight')[0], value: '-1' }] },
      { rule: 'duplicate_student', field: 'student', count: 1, examples: [{ row: rows('duplicate_student')[0], value: '= row 59' }] },
    ]);
    const invalid = Object.fromEntries(q.invalidValues.map((r: any) => [`${r.rule}/${r.field}`, r.examples.map((x: any) => x.row)]));
    expect(invalid).toEqual({
      'not_numeric/math': rows('not_numeric', 'math'),
      'out_of_range/va_left': rows('out_of_range', 'va_left'),
      'out_of_range/sleep_hours': rows('out_of_range', 'sleep_hours'),
      'out_of_range/height_cm': rows('out_of_range', 'height_cm'),
    });
    expect(q.blankValues).toEqual({ math: rows('missing', 'math').length });
    const math = results.achievement[0];
    expect(math.warnings[0].examples.map((x: any) => x.row)).toEqual(rows('single_student_school'));
    expect(math.usage.rowsUsed + math.usage.excluded.reduce((s: number, x: any) => s + x.count, 0)).toBe(3266);
    expect(math.usage.rowsUsed).toBe(3266 - 2 - 2 - 3);
  });

  it('county summary statistics equal an independent computation from the CSV text', () => {
    // Independent path: split lines by hand, apply the documented exclusions, weighted mean and
    // svyvar-style SD by plain two-pass loops.
    const lines = readFileSync(fixture('county.csv'), 'utf8').trim().split('\n');
    const header = lines[0]!.split(',');
    const col = (name: string): number => header.indexOf(name);
    const excludedRows = new Set(truth.defects.filter((d: any) => ['invalid_weight', 'duplicate_student'].includes(d.rule)).map((d: any) => d.row));
    const cells = new Map<string, { x: number[]; w: number[]; schools: Set<string> }>();
    lines.slice(1).forEach((line, i) => {
      const c = line.split(',');
      const x = Number(c[col('math')]);
      if (excludedRows.has(i + 2) || c[col('math')] === '' || !Number.isFinite(x)) return;
      const key = `${c[col('county')]}|${c[col('year')]}|${c[col('grade')]}`;
      const cell = cells.get(key) ?? { x: [], w: [], schools: new Set() };
      cell.x.push(x);
      cell.w.push(Number(c[col('weight')]));
      cell.schools.add(c[col('school')]!);
      cells.set(key, cell);
    });
    const results = resultsOf(join(dir, 'county.csv'));
    const counties = results.achievement[0].counties;
    expect(counties).toHaveLength(cells.size);
    for (const c of counties) {
      const cell = cells.get(`${c.county}|${c.year}|${c.grade}`)!;
      const W = cell.w.reduce((a, b) => a + b, 0);
      const mean = cell.x.reduce((a, x, i) => a + cell.w[i]! * x, 0) / W;
      const n = cell.x.length;
      const sd = Math.sqrt(((n / (n - 1)) * cell.x.reduce((a, x, i) => a + cell.w[i]! * (x - mean) ** 2, 0)) / W);
      expect(c.students).toBe(n);
      expect(c.schools).toBe(cell.schools.size);
      expect(c.mean).toBeCloseTo(mean, 9);
      expect(c.sd).toBeCloseTo(sd, 9);
    }
  });
});

describe('analyze on the province fixture', () => {
  it('the true ICC of each county falls inside the reported 95% CI (at the nominal rate)', async () => {
    const dir = tempDir();
    const r = await run([fixture('province.csv'), '--out', dir]);
    expect(r.code).toBe(0);
    const results = resultsOf(dir);
    const provinceTruthFile = JSON.parse(readFileSync(fixture('province.truth.json'), 'utf8'));
    const between = results.betweenSchool[0].counties;
    expect(between).toHaveLength(5 * 4 * 2);
    let misses = 0;
    for (const c of between) {
      const t = provinceTruthFile.counties.find((x: any) => x.county === c.county).math[String(c.grade)].icc;
      if (!(c.reml.iccCI[0] <= t && t <= c.reml.iccCI[1])) misses++;
    }
    // 40 intervals at 95%: 2 misses expected; more than 5 would happen by chance with p < 0.02.
    expect(misses).toBeLessThanOrEqual(5);
    // Counties built far apart are told apart: 平安县 (0.35) is large in every year, 青山县 (0.05, 14 schools) never.
    const levels = (county: string) => [...new Set(between.filter((c: any) => c.county === county && c.grade === 4).map((c: any) => c.level))];
    expect(levels('平安县')).toEqual(['large']);
    expect(levels('青山县')).not.toContain('large');
  });
});

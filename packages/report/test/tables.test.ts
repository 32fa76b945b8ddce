import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeStudents, parseCsv, studentTable } from '@jiance/core';
import { reportTables, spreadsheetText, tableToCsv } from '../src/index.js';

const province = studentTable(parseCsv(readFileSync(new URL('../../../fixtures/province.csv', import.meta.url), 'utf8'), 'province.csv'));
const results = analyzeStudents(province, { countyComparison: { reference: { label: '全国', estimate: 500 } } });
const tables = reportTables(results, 'zh');
const byId = (id: string) => tables.find((t) => t.id === id)!;

describe('report tables', () => {
  it('has one table per report table, every row as wide as its header', () => {
    expect(tables.map((t) => t.id)).toEqual(
      expect.arrayContaining([
        'quality',
        'usage',
        'achievement-math',
        'schools-math',
        'between-math',
        'rates-vision_poor',
        'trends-vision_poor',
        'comparison-math',
        'pairs-math',
        'rate-comparison-vision_poor',
        'gaps-math-sex',
      ]),
    );
    for (const t of tables) for (const r of t.rows) expect(r).toHaveLength(t.columns.length);
    expect(new Set(tables.map((t) => t.id)).size).toBe(tables.length);
  });

  it('carries the unrounded numbers of results.json', () => {
    const between = byId('between-math');
    const c = results.betweenSchool[0]!.counties[3]!;
    const row = between.rows[3]!;
    expect(row.slice(0, 3)).toEqual([c.province, c.county, c.year]);
    expect(row[6]).toBe(c.reml.estimable ? c.reml.icc : null);
    const cmp = byId('comparison-math');
    const county = results.countyComparison[0]!.cells[0]!.counties[1]!;
    const match = cmp.rows.find((r) => r[3] === county.county && r[0] === results.countyComparison[0]!.cells[0]!.year)!;
    expect(match[2]).toBe('示例省');
    expect(match[6]).toBe(county.mean.mean);
    expect(match[7]).toBe(county.mean.se);
    expect(match[11]).toBe(county.vsProvince!.difference);
    expect(match[18]).toBe(county.rank!.rank);
    // The national reference of the config: one row per county and cell in the reference table.
    const refs = byId('references-math');
    const ref = refs.rows.find((r) => r[3] === county.county && r[0] === results.countyComparison[0]!.cells[0]!.year)!;
    expect(ref.slice(6, 11)).toEqual(['全国', '全国', 500, null, county.references[0]!.difference]);
    const pairs = byId('pairs-math');
    expect(pairs.rows).toHaveLength(results.countyComparison[0]!.cells.reduce((a, c) => a + c.pairs.length, 0));
    const rates = byId('rates-vision_poor');
    const cell = results.rates.indicators.find((i) => i.indicator === 'vision_poor')!.rates.cells[0]!;
    expect(rates.rows[0]!.slice(-6, -1)).toEqual([cell.rate, cell.se, cell.lower, cell.upper, cell.designEffect]);
  });

  it('tableToCsv writes a BOM, CRLF, RFC 4180 quoting, and neutralises formulas in text only', () => {
    const csv = tableToCsv({
      id: 'x',
      title: 'x',
      columns: ['学校', '值', '说明'],
      rows: [
        ['=HYPERLINK("http://evil","点我")', -1.5, '+1'],
        ['@SUM(A1)', 2, '含,逗号'],
        ['-2+3', null, '\t制表'],
        ['正常"学校"', NaN, 'a\nb'],
      ],
    });
    expect(csv.startsWith('\uFEFF学校,值,说明\r\n')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[1]).toBe(`"'=HYPERLINK(""http://evil"",""点我"")",-1.5,'+1`);
    expect(lines[2]).toBe(`'@SUM(A1),2,"含,逗号"`);
    expect(lines[3]).toBe(`'-2+3,,'\t制表`);
    expect(lines[4]).toBe('"正常""学校""",,"a\nb"');
    expect(spreadsheetText('青山县')).toBe('青山县');
  });

  it('English tables have English headers', () => {
    const en = reportTables(results, 'en').find((t) => t.id === 'comparison-math')!;
    expect(en.columns[0]).toBe('Year');
    expect(en.rows[0]![1]).toMatch(/^Grade \d/);
  });
});

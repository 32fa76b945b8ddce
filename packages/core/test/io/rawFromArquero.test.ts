import { readFileSync } from 'node:fs';
import * as aq from 'arquero';
import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { analyzeStudents, decodeText, parseCsv, rawFromArquero, rawFromRecords, studentTable, tableSource } from '../../src/index.js';

const fixture = (name: string): string => decodeText(new Uint8Array(readFileSync(new URL(`../../../../fixtures/${name}`, import.meta.url))), name).text;
const json = (x: unknown): string => JSON.stringify(x);

describe('arquero tables as input (through Arrow)', () => {
  // What an analyst does: aq.fromCSV (types guessed: numbers become numbers) or a table built in a notebook.
  for (const name of ['county.csv', 'province.csv', 'two-provinces.csv', 'county-gb18030.csv']) {
    it(`${name}: analyzeStudents of the arquero table gives the results of the CSV, byte for byte`, () => {
      const text = fixture(name);
      const fromCsv = analyzeStudents(studentTable(parseCsv(text, name)));
      const table = aq.fromCSV(text);
      const fromArquero = analyzeStudents(studentTable(table));
      expect(json(fromArquero)).toBe(json(fromCsv));
      // analyzeStudents validates an unvalidated table itself, with the same defaults.
      expect(json(analyzeStudents(table))).toBe(json(fromCsv));
    });
  }

  it('a filtered and reordered table is read as arquero shows it (its filter and order applied)', () => {
    const text = fixture('province.csv');
    const all = aq.fromCSV(text);
    const sorted = all.filter((d: { county: string }) => d.county === '石门县').orderby(aq.desc('math'));
    const raw = rawFromArquero(sorted);
    expect(raw.rowNumbers.length).toBe(sorted.numRows());
    expect(raw.columns[raw.headers.indexOf('math')]).toEqual(Array.from(sorted.array('math') as ArrayLike<unknown>));
    // Filtered only (the file's order: sums in the same order, so the same digits) equals the CSV's rows of that county.
    const one = all.filter((d: { county: string }) => d.county === '石门县');
    const viaArquero = analyzeStudents(studentTable(one));
    const csvRows = text.split('\n').filter((line, i) => i === 0 || line.split(',')[2] === '石门县');
    const viaCsv = analyzeStudents(studentTable(parseCsv(csvRows.join('\n'), 'x.csv')));
    expect(viaArquero.dataQuality.rowsKept).toBe(viaCsv.dataQuality.rowsKept);
    expect(json(viaArquero.betweenSchool)).toBe(json(viaCsv.betweenSchool));
  });

  it('a column of numbers and text (数学 with 缺考) is read as text, as a CSV gives it: the same values usable, the same counted unusable', () => {
    const records = [
      { 区县: '青山县', 学校: '一小', 学生编号: 'S1', 数学: 512, 睡眠时间: 9 },
      { 区县: '青山县', 学校: '一小', 学生编号: 'S2', 数学: '缺考', 睡眠时间: null },
      { 区县: '青山县', 学校: '二小', 学生编号: 'S3', 数学: 498.5, 睡眠时间: 8.5 },
      { 区县: null, 学校: '二小', 学生编号: 'S4', 数学: 501, 睡眠时间: 30 },
      { 区县: '青山县', 学校: '二小', 学生编号: 'S3', 数学: 470, 睡眠时间: 7 },
    ];
    const arquero = studentTable(aq.from(records));
    const plain = studentTable(rawFromRecords(records));
    expect(arquero.quality).toEqual(plain.quality);
    expect(arquero.quality.rowsExcluded).toBe(2); // blank county, duplicate student
    expect(arquero.quality.invalidValues).toEqual(
      [
        { rule: 'not_numeric', field: 'math', count: 1, examples: [{ row: 3, value: '缺考' }] },
        { rule: 'out_of_range', field: 'sleep_hours', count: 0, examples: [] },
      ].filter((r) => r.count > 0),
    );
    expect([...arquero.table.getChild('math')!]).toEqual([512, null, 498.5]);
    expect(arquero.rowNumbers).toEqual(plain.rowNumbers);
  });

  it('an Arrow table with a different dictionary in each batch is read with each batch’s own dictionary', () => {
    // Two batches whose dictionaries differ (arquero 8.0.3's fromArrow decodes both with the last one).
    const batch = (counties: string[], schools: string[], math: number[]) =>
      tableFromArrays({ 区县: counties, 学校: schools, 数学: Float64Array.from(math) }).batches[0]!;
    const a = tableFromArrays({ 区县: ['青山县', '青山县'], 学校: ['一小', '二小'], 数学: Float64Array.of(500, 510) });
    const b = batch(['河东区', '河东区'], ['三小', '四小'], [490, 520]);
    const two = a.concat(new (a.constructor as typeof import('apache-arrow').Table)([b]));
    expect(two.batches.length).toBe(2);
    const data = studentTable(two);
    expect(data.quality.rowsKept).toBe(4);
    const counties = data.table.getChild('county')!;
    expect([...counties].map(String)).toEqual(['青山县', '青山县', '河东区', '河东区']);
    expect([...data.table.getChild('school')!].map(String)).toEqual(['一小', '二小', '三小', '四小']);
    expect(tableSource(data).info.quality.rowsKept).toBe(4);
  });
});

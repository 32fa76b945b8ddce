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
      const fromCsv = json(analyzeStudents(studentTable(parseCsv(text, name))));
      // As text (autoType: false, what the docs advise for files) and with arquero's type guessing.
      const asText = aq.fromCSV(text, { autoType: false });
      expect(json(analyzeStudents(studentTable(asText)))).toBe(fromCsv);
      const guessed = aq.fromCSV(text);
      expect(json(analyzeStudents(studentTable(guessed)))).toBe(fromCsv);
      // analyzeStudents validates an unvalidated table itself, with the same defaults.
      expect(json(analyzeStudents(guessed))).toBe(fromCsv);
    });
  }

  describe('past arquero’s 1,000-row type guess: a late 缺考, a blank cell, a blank line, 18-digit 学籍号', () => {
    const rows = ['区县,学校,学籍号,数学,睡眠时间'];
    for (let i = 0; i < 1200; i++) {
      if (i === 600) rows.push('');
      const math = i === 1100 ? '缺考' : String(400 + (i % 200));
      const sleep = i === 1150 ? ' ' : String(7 + (i % 4));
      rows.push(`青山县,第${1 + (i % 12)}小学,${110101200801010000n + BigInt(i * 7)},${math},${sleep}`);
    }
    const text = `${rows.join('\n')}\n`;
    const csv = studentTable(parseCsv(text, 'late.csv'));

    it('read as text (autoType: false), the counts, examples and row numbers are the CSV reader’s', () => {
      expect(csv.quality.rowsKept).toBe(1200);
      expect(csv.quality.blankRows).toBe(1);
      expect(csv.quality.invalidValues).toEqual([{ rule: 'not_numeric', field: 'math', count: 1, examples: [{ row: 1103, value: '缺考' }] }]);
      const asText = studentTable(aq.fromCSV(text, { autoType: false }), { file: 'late.csv' });
      expect(asText.quality).toEqual(csv.quality);
      expect(asText.rowNumbers).toEqual(csv.rowNumbers);
      expect(json(analyzeStudents(asText))).toBe(json(analyzeStudents(csv)));
    });

    it('with arquero’s type guess the 学籍号 lose digits: counted as unrecognised, never taken for duplicates', () => {
      const guessed = studentTable(aq.fromCSV(text));
      expect(guessed.quality.rowsKept).toBe(1200);
      expect(guessed.quality.excludedRows).toEqual([]);
      expect(guessed.quality.invalidValues.find((r) => r.field === 'student')).toMatchObject({ rule: 'unrecognised', count: 1200 });
    });
  });

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

  it('a 年份 column of dates (as arquero and Arrow hold them) is read as the year, as from Excel', () => {
    const table = aq.table({
      年份: [new Date(Date.UTC(2024, 8, 1)), new Date(Date.UTC(2023, 8, 1)), null],
      区县: ['青山县', '青山县', '青山县'],
      学校: ['一小', '一小', '二小'],
      数学: [500, 510, 520],
    });
    const data = studentTable(table);
    expect(data.quality.excludedRows).toEqual([{ rule: 'invalid_year', field: 'year', count: 1, examples: [{ row: 4, value: '' }] }]);
    expect([...data.table.getChild('year')!]).toEqual([2024, 2023]);
  });

  it('an Arrow table (not arquero) with a different dictionary in each batch is read with each batch’s own dictionary', () => {
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

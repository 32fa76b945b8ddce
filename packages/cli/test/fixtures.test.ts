import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  countyFixtureParams,
  countyFixtureReferences,
  generateStudents,
  provinceFixtureParams,
  provinceTruth,
  simulatedColumns,
  twoProvinceFixtureParams,
  twoProvinceFixtureSeeds,
  type InjectedDefect,
  type SimulatedRecord,
} from '@jiance/core/simulate';
import { chineseHeaders, writeCsv, writeGb18030Csv, writeReferences, writeXlsx } from '../src/writeFixtures.js';
import { tempDir } from './helpers.js';

// Seeds of the committed fixtures (fixtures/README.md, packages/cli/src/bin/make-fixtures.ts).
const countySeed = 20261125;
const provinceSeed = 20261126;

const fixtures = new URL('../../../fixtures/', import.meta.url);
const fixture = (name: string): string => new URL(name, fixtures).pathname;
const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** Cells of a CSV without quoted fields (asserted), split by line end and comma. */
function cellsOf(text: string, eol: string): string[][] {
  expect(text.includes('"')).toBe(false);
  expect(text.endsWith(eol)).toBe(true);
  return text
    .slice(0, -eol.length)
    .split(eol)
    .map((line) => line.split(','));
}

const utf8 = readFileSync(fixture('county.csv'));
const utf8Cells = cellsOf(utf8.toString('utf8'), '\n');

describe('committed county fixture', () => {
  it('writeCsv, writeGb18030Csv and provinceTruth with the documented seeds reproduce the CSV and truth files byte for byte', async () => {
    const dir = tempDir();
    const defects: InjectedDefect[] = [];
    const county = [...generateStudents(countyFixtureParams, countySeed, { defects: true, onDefect: (d) => defects.push(d) })];
    await writeCsv(join(dir, 'county.csv'), county);
    await writeGb18030Csv(join(dir, 'county-gb18030.csv'), county);
    await writeCsv(join(dir, 'province.csv'), generateStudents(provinceFixtureParams, provinceSeed));
    await writeReferences(join(dir, 'county.references.csv'), countyFixtureReferences());
    await writeCsv(
      join(dir, 'two-provinces.csv'),
      twoProvinceFixtureParams.flatMap((params, i) => [...generateStudents(params, twoProvinceFixtureSeeds[i]!)]),
    );
    const made: Record<string, Buffer | string> = {
      'county.csv': readFileSync(join(dir, 'county.csv')),
      'county-gb18030.csv': readFileSync(join(dir, 'county-gb18030.csv')),
      'province.csv': readFileSync(join(dir, 'province.csv')),
      'county.truth.json': json({ ...provinceTruth(countyFixtureParams, countySeed), defects }),
      'province.truth.json': json(provinceTruth(provinceFixtureParams, provinceSeed)),
      'county.references.csv': readFileSync(join(dir, 'county.references.csv')),
      'two-provinces.csv': readFileSync(join(dir, 'two-provinces.csv')),
      'two-provinces.truth.json': json(twoProvinceFixtureParams.map((params, i) => provinceTruth(params, twoProvinceFixtureSeeds[i]!))),
    };
    for (const [name, bytes] of Object.entries(made)) {
      expect([name, Buffer.from(bytes).equals(readFileSync(fixture(name)))]).toEqual([name, true]);
    }
  });

  it('county.csv is UTF-8 without BOM, LF line ends, English canonical headers', () => {
    expect([...utf8.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    expect(utf8.includes('\r')).toBe(false);
    expect(utf8Cells[0]).toEqual([...simulatedColumns]);
    expect(new Set(utf8Cells.map((r) => r.length))).toEqual(new Set([simulatedColumns.length]));
  });

  it('county-gb18030.csv decodes with TextDecoder("gb18030") to the cells of county.csv after mapping headers, 男/女 and 四年级/八年级', () => {
    const bytes = readFileSync(fixture('county-gb18030.csv'));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const text = new TextDecoder('gb18030').decode(bytes);
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(text.replace(/\r\n/g, '').includes('\n')).toBe(false);
    const gb = cellsOf(text, '\r\n');
    expect(gb[0]).toEqual(simulatedColumns.map((c) => chineseHeaders[c]));
    const sex: Record<string, string> = { 男: 'M', 女: 'F' };
    const grade: Record<string, string> = { 四年级: '4', 八年级: '8' };
    const back = gb.slice(1).map((row) => row.map((v, j) => (simulatedColumns[j] === 'sex' ? sex[v]! : simulatedColumns[j] === 'grade' ? grade[v]! : v)));
    expect(back).toEqual(utf8Cells.slice(1));
  });

  it('county.xlsx reads back with exceljs to the cells of county.csv: numbers equal Number(text), blanks empty, 缺考 text', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(fixture('county.xlsx'));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['学生数据']);
    expect(workbook.created.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    const sheet = workbook.worksheets[0]!;
    expect(sheet.rowCount).toBe(utf8Cells.length);
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(simulatedColumns.map((c) => chineseHeaders[c]));
    const textColumns = new Set(['province', 'county', 'school', 'student', 'sex', 'locale', 'grade']);
    const chinese: Record<string, Record<string, string>> = { sex: { M: '男', F: '女' }, grade: { '4': '四年级', '8': '八年级' } };
    const mismatches: string[] = [];
    for (let i = 1; i < utf8Cells.length; i++) {
      const row = sheet.getRow(i + 1);
      simulatedColumns.forEach((c, j) => {
        const text = utf8Cells[i]![j]!;
        const value = row.getCell(j + 1).value;
        const expected = text === '' ? null : textColumns.has(c) ? (chinese[c]?.[text] ?? text) : Number.isFinite(Number(text)) ? Number(text) : text;
        if (!Object.is(value ?? null, expected)) mismatches.push(`row ${i + 1} ${c}: ${String(value)} ≠ ${String(expected)}`);
      });
    }
    expect(mismatches).toEqual([]);
  });

  it('county.csv holds each defect of county.truth.json at its spreadsheet row', () => {
    const truth = JSON.parse(readFileSync(fixture('county.truth.json'), 'utf8')) as { defects: InjectedDefect[] };
    const col = (name: string): number => simulatedColumns.indexOf(name as (typeof simulatedColumns)[number]);
    expect(truth.defects.length).toBe(12);
    for (const d of truth.defects) {
      const row = utf8Cells[d.row - 1]!; // header = row 1 = index 0
      if (d.rule === 'duplicate_student') {
        const earlier = utf8Cells.slice(1, d.row - 1).filter((r) => r[col('year')] === row[col('year')] && r[col('student')] === row[col('student')]);
        expect(earlier).toHaveLength(1);
      } else if (d.rule === 'single_student_school') {
        expect(row[col('school')]).toBe(d.value);
        expect(utf8Cells.filter((r) => r[col('school')] === d.value)).toHaveLength(1);
      } else {
        expect([d.row, d.column, row[col(d.column)]]).toEqual([d.row, d.column, d.value]);
      }
    }
  });
});

describe('fixture writers', () => {
  const record = (school: string): SimulatedRecord => {
    const r = Object.fromEntries(simulatedColumns.map((c) => [c, '1'])) as SimulatedRecord;
    return { ...r, school, sex: 'F', grade: '8', math: '' };
  };

  it('writeCsv quotes only fields with a comma, quote or line break and counts the rows it streams', async () => {
    const dir = tempDir();
    function* rows(): Generator<SimulatedRecord> {
      yield record('甲,乙');
      yield record('say "hi"');
      yield record('two\nlines');
      yield record('plain');
    }
    expect(await writeCsv(join(dir, 'a.csv'), rows())).toBe(4);
    const line = (school: string): string => `1,1,1,${school},1,8,F,1,1,,1,1,1,1,1,1,1,1\n`;
    expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toBe(
      `${simulatedColumns.join(',')}\n${line('"甲,乙"')}${line('"say ""hi"""')}${line('"two\nlines"')}${line('plain')}`,
    );
  });

  it('writeGb18030Csv and writeXlsx write 女, 八年级 and an empty math cell', async () => {
    const dir = tempDir();
    await writeGb18030Csv(join(dir, 'a.csv'), [record('x')]);
    const text = new TextDecoder('gb18030').decode(readFileSync(join(dir, 'a.csv')));
    expect(text.split('\r\n')[1]).toBe('1,1,1,x,1,八年级,女,1,1,,1,1,1,1,1,1,1,1');
    await writeXlsx(join(dir, 'a.xlsx'), [record('x')]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(dir, 'a.xlsx'));
    const values = (workbook.worksheets[0]!.getRow(2).values as unknown[]).slice(1);
    expect(values.slice(5, 11)).toEqual(['八年级', '女', '1', 1, undefined, 1]);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Float64, Int32, Table, Utf8, tableToIPC, vectorFromArray } from 'apache-arrow';
import ExcelJS from 'exceljs';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { put, run, tempDir } from './helpers.js';

// One small data set, written in every input format Jiance reads.
const rows = [
  { year: 2023, county: '青山县', school: '一小', grade: 4, math: 512.5, sleep: 9.5 },
  { year: 2023, county: '青山县', school: '一小', grade: 4, math: null, sleep: 10 },
  { year: 2023, county: '青山县', school: '二小', grade: 4, math: 470, sleep: 30 },
  { year: 2024, county: '青山县', school: '一小', grade: 4, math: 530.25, sleep: 9 },
  { year: 2024, county: '河东区', school: '河东一中', grade: 8, math: 601.5, sleep: 8.5 },
  { year: 2024, county: '河东区', school: '河东一中', grade: 8, math: 598, sleep: 7 },
];
const headers = ['year', 'county', 'school', 'grade', 'math', 'sleep_hours'];
const zhHeaders = ['监测年份', '区县', '学校名称', '年级', '数学', '睡眠时长'];
const cells = (r: (typeof rows)[number]) => [r.year, r.county, r.school, r.grade, r.math, r.sleep];

describe('analyze: every input format gives byte-identical results.json', () => {
  const dir = tempDir();

  async function resultsFor(name: string, content: Uint8Array | string, extra: string[] = []): Promise<string> {
    const out = join(dir, `out-${name}`);
    const r = await run([put(dir, name, content), '--out', out, ...extra]);
    expect([name, r.code, r.err]).toEqual([name, 0, '']);
    return readFileSync(join(out, 'results.json'), 'utf8');
  }

  it('CSV, Excel (Chinese headers), Arrow IPC and Parquet agree', async () => {
    const csv = `${headers.join(',')}\n${rows
      .map((r) =>
        cells(r)
          .map((c) => c ?? '')
          .join(','),
      )
      .join('\n')}\n`;
    const reference = await resultsFor('data.csv', csv);

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('学生数据');
    sheet.addRow(zhHeaders);
    for (const r of rows) sheet.addRow(cells(r));
    const xlsx = new Uint8Array(await workbook.xlsx.writeBuffer());

    const table = new Table({
      year: vectorFromArray(
        rows.map((r) => r.year),
        new Int32(),
      ),
      county: vectorFromArray(
        rows.map((r) => r.county),
        new Utf8(),
      ),
      school: vectorFromArray(
        rows.map((r) => r.school),
        new Utf8(),
      ),
      grade: vectorFromArray(
        rows.map((r) => r.grade),
        new Int32(),
      ),
      math: vectorFromArray(
        rows.map((r) => r.math),
        new Float64(),
      ),
      sleep_hours: vectorFromArray(
        rows.map((r) => r.sleep),
        new Float64(),
      ),
    });
    const arrow = tableToIPC(table, 'file');

    const parquet = new Uint8Array(
      parquetWriteBuffer({
        columnData: [
          { name: '监测年份', data: rows.map((r) => r.year), type: 'INT32' },
          { name: '区县', data: rows.map((r) => r.county), type: 'STRING' },
          { name: '学校名称', data: rows.map((r) => r.school), type: 'STRING' },
          { name: '年级', data: rows.map((r) => r.grade), type: 'INT32' },
          { name: '数学', data: rows.map((r) => r.math), type: 'DOUBLE' },
          { name: '睡眠时长', data: rows.map((r) => r.sleep), type: 'DOUBLE' },
        ],
      }),
    );

    expect(await resultsFor('data.xlsx', xlsx)).toBe(reference);
    expect(await resultsFor('data.arrow', arrow)).toBe(reference);
    expect(await resultsFor('data.parquet', parquet)).toBe(reference);

    const results = JSON.parse(reference);
    expect(results.dataQuality.invalidValues).toEqual([{ rule: 'out_of_range', field: 'sleep_hours', count: 1, examples: [{ row: 4, value: '30' }] }]);
    expect(results.achievement[0].counties.map((c: any) => [c.county, c.year, c.grade, c.students, c.schools])).toEqual([
      ['青山县', 2023, 4, 2, 2],
      ['青山县', 2024, 4, 1, 1],
      ['河东区', 2024, 8, 2, 1],
    ]);
  });
});

describe('analyze: Excel workbooks as exported by school systems', () => {
  it('skips a title row above the header and names worksheet rows', async () => {
    const dir = tempDir();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('学生数据');
    sheet.addRow(['青山县2024年监测学生数据']);
    sheet.addRow(zhHeaders);
    sheet.addRow([2024, '青山县', '一小', '四年级', { formula: '500+12', result: 512 }, '9小时']);
    sheet.addRow([2024, '青山县', { richText: [{ text: '二' }, { text: '小' }] }, 4, '缺考', 9]);
    const out = join(dir, 'out');
    const r = await run([put(dir, 'export.xlsx', new Uint8Array(await workbook.xlsx.writeBuffer())), '--out', out]);
    expect(r.code).toBe(0);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(results.dataQuality.blankRows).toBe(1);
    expect(results.dataQuality.invalidValues).toEqual([{ rule: 'not_numeric', field: 'math', count: 1, examples: [{ row: 4, value: '缺考' }] }]);
    expect(results.achievement[0].schools.map((s: any) => [s.school, s.students, s.mean])).toEqual([['一小', 1, 512]]);
  });
});

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { analyzeStudents, parseCsv, studentTable } from '@jiance/core';
import { reportTables } from '@jiance/report';
import { boldHeaderCells, writeTables, writeTablesWorkbook } from '../src/writeTables.js';

describe('writeTables', () => {
  it('streams tables.xlsx: a contents sheet, one sheet per table with the same cells as the CSV rows, header frozen', async () => {
    const text = readFileSync(new URL('../../../fixtures/province.csv', import.meta.url), 'utf8');
    const tables = reportTables(analyzeStudents(studentTable(parseCsv(text, 'province.csv'))), 'zh');
    const out = mkdtempSync(join(tmpdir(), 'jiance-tables-'));
    await writeTables(out, tables, 'zh');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(out, 'tables.xlsx'));
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['目录', ...tables.map((t) => t.id.slice(0, 31))]);
    expect(workbook.getWorksheet('目录')!.rowCount).toBe(tables.length + 1);
    for (const table of tables) {
      const sheet = workbook.getWorksheet(table.id.slice(0, 31))!;
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(table.columns);
      expect(sheet.getRow(1).font?.bold ?? sheet.getCell(1, 1).font?.bold).toBe(true);
      expect(sheet.rowCount).toBe(table.rows.length + 1);
      // Spot-check the last row: numbers stay numbers, text stays text, blanks stay blank.
      const last = table.rows.at(-1);
      if (!last) continue;
      const cells = (sheet.getRow(table.rows.length + 1).values as unknown[]).slice(1);
      last.forEach((v, i) => {
        if (v === null || (typeof v === 'number' && !Number.isFinite(v))) expect(cells[i] ?? null).toBeNull();
        else expect(cells[i]).toEqual(v);
      });
    }
  });

  it('a workbook of more than boldHeaderCells cells is written without styles: the same cells, plain frozen headers', async () => {
    const columns = ['区县', '学校', '数学'];
    const rows = Array.from({ length: Math.ceil(boldHeaderCells / 3) + 1 }, (_, i) => [`县${i % 7}`, `校${i}`, i / 3]);
    const out = mkdtempSync(join(tmpdir(), 'jiance-tables-'));
    const path = join(out, 'big.xlsx');
    await writeTablesWorkbook(path, [{ id: 'schools-math', title: '学校', columns, rows }], 'zh');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const sheet = workbook.getWorksheet('schools-math')!;
    expect(sheet.rowCount).toBe(rows.length + 1);
    expect((sheet.getRow(rows.length + 1).values as unknown[]).slice(1)).toEqual(rows.at(-1));
    expect(sheet.getRow(1).font?.bold).toBeUndefined();
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });
});

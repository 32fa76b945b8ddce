import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { analyzeStudents, parseCsv, studentTable } from '@jiance/core';
import { reportTables } from '@jiance/report';
import { writeTables } from '../src/writeTables.js';

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
});

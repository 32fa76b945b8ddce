import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { tableToCsv, type ReportTable } from '@jiance/report';

/**
 * Writes every report table as `tables/<id>.csv` (UTF-8 with BOM, formula-safe; see
 * tableToCsv) and all of them as one workbook `tables.xlsx` (表格.xlsx) with a contents sheet.
 * Returns the paths written, relative to `out`.
 */
export async function writeTables(out: string, tables: readonly ReportTable[], lang: 'zh' | 'en'): Promise<string[]> {
  await mkdir(join(out, 'tables'), { recursive: true });
  const written: string[] = [];
  for (const table of tables) {
    await writeFile(join(out, 'tables', `${table.id}.csv`), tableToCsv(table));
    written.push(`tables/${table.id}.csv`);
  }
  await writeFile(join(out, 'tables.xlsx'), await tablesWorkbook(tables, lang));
  written.push('tables.xlsx');
  return written;
}

/**
 * One .xlsx workbook of the tables: a contents sheet, then one sheet per table (header row
 * frozen, numbers as numbers). Text from the data is written as string cells — never as a
 * formula — so `=HYPERLINK(…)` in a school name stays text (防公式注入).
 */
export async function tablesWorkbook(tables: readonly ReportTable[], lang: 'zh' | 'en'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Jiance';
  // Fixed dates keep the workbook's bytes a function of the results only.
  workbook.created = workbook.modified = new Date(0);
  const contents = workbook.addWorksheet(lang === 'zh' ? '目录' : 'Contents');
  contents.addRow(lang === 'zh' ? ['工作表', '内容'] : ['Sheet', 'Table']);
  const used = new Set<string>();
  for (const table of tables) {
    // Sheet names: at most 31 characters, unique (Excel's rules); the id is ASCII.
    let name = table.id.slice(0, 31);
    for (let k = 2; used.has(name); k++) name = `${table.id.slice(0, 28)}~${k}`;
    used.add(name);
    contents.addRow([name, table.title]);
    const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.addRow(table.columns);
    sheet.getRow(1).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row.map((v) => (v === null || (typeof v === 'number' && !Number.isFinite(v)) ? null : v)));
    sheet.columns.forEach((c, i) => (c.width = Math.min(40, Math.max(8, [...table.columns[i]!].length * 2))));
  }
  contents.getRow(1).font = { bold: true };
  contents.getColumn(1).width = 32;
  contents.getColumn(2).width = 60;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

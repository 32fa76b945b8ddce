import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { isEmptyCell, tableToCsv, type ReportTable } from '@jiance/report';

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
  await writeTablesWorkbook(join(out, 'tables.xlsx'), tables, lang);
  written.push('tables.xlsx');
  return written;
}

/** The most cells a workbook has for its header rows to be bold (see {@link writeTablesWorkbook}). */
export const boldHeaderCells = 200_000;

/**
 * One .xlsx workbook of the tables: a contents sheet, then one sheet per table (header row
 * frozen, numbers as numbers). Text from the data is written as string cells — never as a
 * formula — so `=HYPERLINK(…)` in a school name stays text (防公式注入). Rows are streamed to
 * the file as they are added (exceljs' streaming writer): the workbook of 2,000 counties'
 * tables is never held whole, and writing it takes seconds rather than minutes. Header rows are
 * bold in workbooks of up to {@link boldHeaderCells} cells (a county's); above, they are plain
 * (still frozen): ExcelJS files a style for every cell once styles are on, which was 60% of the
 * 12 s the 1.7 million cells of a 224-county province took.
 */
export async function writeTablesWorkbook(path: string, tables: readonly ReportTable[], lang: 'zh' | 'en'): Promise<void> {
  const cells = tables.reduce((sum, t) => sum + t.rows.length * t.columns.length, 0);
  const useStyles = cells <= boldHeaderCells;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles, useSharedStrings: false });
  workbook.creator = 'Jiance';
  // Fixed dates keep the workbook's contents a function of the results only.
  workbook.created = workbook.modified = new Date(0);
  // Sheet names: at most 31 characters, unique (Excel's rules); the id is ASCII.
  const used = new Set<string>();
  const names = tables.map((table) => {
    let name = table.id.slice(0, 31);
    for (let k = 2; used.has(name); k++) name = `${table.id.slice(0, 28)}~${k}`;
    used.add(name);
    return name;
  });
  const contents = workbook.addWorksheet(lang === 'zh' ? '目录' : 'Contents');
  contents.columns = [{ width: 32 }, { width: 60 }];
  const head = contents.addRow(lang === 'zh' ? ['工作表', '内容'] : ['Sheet', 'Table']);
  if (useStyles) head.font = { bold: true };
  head.commit();
  tables.forEach((table, i) => contents.addRow([names[i], table.title]).commit());
  contents.commit();
  for (const [i, table] of tables.entries()) {
    const sheet = workbook.addWorksheet(names[i], { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = table.columns.map((c) => ({ width: Math.min(40, Math.max(8, [...c].length * 2)) }));
    const header = sheet.addRow(table.columns);
    if (useStyles) header.font = { bold: true };
    header.commit();
    for (const row of table.rows) sheet.addRow(row.map((v) => (isEmptyCell(v) ? null : v))).commit();
    sheet.commit();
  }
  await workbook.commit();
}

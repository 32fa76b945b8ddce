import { Field, Float64, Null, RecordBatch, Schema, Struct, Table, Utf8, makeData, vectorFromArray, type Data } from 'apache-arrow';
import type { AnalysisResults } from '@jiance/core';
import type { Lang } from './labels.js';
import { isEmptyCell, reportTables, type ReportTable, type TableCell } from './tables.js';

/** A result table for analysts (整理好的结果表): the rows of `tables/<id>.csv` as an Arrow table. */
export interface ResultTable {
  /** The id of its CSV file and workbook sheet, e.g. 'between-math'. */
  id: string;
  /** The kind of result, e.g. 'between' or 'rate-comparison' (tables of one family share their columns; see ReportTable). */
  family?: string;
  /** Its subject, indicator or measure, e.g. 'math' or 'vision_poor'. */
  subject?: string;
  title: string;
  table: Table;
}

/**
 * The column's values typed for Arrow: Utf8 when any value is text (numbers among text written
 * as text), Float64 when the values are numbers, and Arrow's Null type when there is no value at
 * all (a note column with nothing to note): a type taken from nothing would be a guess, and
 * Null joins either type when tables of several runs are stacked (as pyarrow does). A number
 * that is not finite is null, as it is an empty cell in the CSV.
 */
function columnData(rows: readonly TableCell[][], j: number): Data<Float64 | Utf8 | Null> {
  let text = false;
  let any = false;
  for (const row of rows) {
    const v = row[j];
    if (typeof v === 'string') text = true;
    if (!isEmptyCell(v)) any = true;
  }
  if (!any) return makeData({ type: new Null(), length: rows.length, nullCount: rows.length });
  const values = rows.map((row) => {
    const v = row[j];
    if (isEmptyCell(v)) return null;
    return text ? String(v) : v;
  });
  const vector = text ? vectorFromArray(values as (string | null)[], new Utf8()) : vectorFromArray(values as (number | null)[], new Float64());
  // One chunk: the builder flushes once for arrays of this size; an empty column has none.
  return vector.data[0] ?? makeData({ type: vector.type, length: 0, nullCount: 0 });
}

/**
 * A report table as an Arrow table (Arrow 表): one column per CSV column, in order and with the
 * same names, numbers as Float64 (unrounded) and text as plain Utf8 — no dictionary, so arquero
 * and other readers cannot mix dictionaries up; a column without any value has the Null type. Text is as in the results (the CSV's
 * formula-neutralising apostrophe is a spreadsheet matter and is not added).
 *
 * @example
 * arrowFromReportTable({ id: 'x', title: 'x', columns: ['区县', '均值'], rows: [['青山县', 512.5]] }).schema.fields.map(String); // => ['区县: Utf8', '均值: Float64']
 */
export function arrowFromReportTable(t: ReportTable): Table {
  if (new Set(t.columns).size !== t.columns.length) throw new Error(`table ${t.id}: two columns have the same name (${t.columns.join(', ')})`);
  const children = t.columns.map((_, j) => columnData(t.rows, j));
  const fields = t.columns.map((name, j) => new Field(name, children[j]!.type, true));
  const data = makeData({ type: new Struct(fields), length: t.rows.length, nullCount: 0, children });
  return new Table([new RecordBatch(new Schema(fields), data)]);
}

/**
 * Every result as a tidy table (结果表), one row per cell — per county × year × grade (and
 * school, indicator, reference… as the family needs) with the estimate, its SE, interval, counts
 * and verdict in columns — as Arrow tables: the same tables, columns and values as the
 * `tables/*.csv` files and the workbook `analyze` writes, from the same {@link reportTables}
 * (one source for the files, the report's exports and these). Column names follow `lang`.
 *
 * @example
 * const results = analyzeStudents(aq.fromCSV(readFileSync('fixtures/county.csv', 'utf8'), { autoType: false }));
 * resultTables(results).find((t) => t.id === 'between-math')!.table.numRows; // => 8 (1 county × 4 years × 2 grades)
 */
export function resultTables(results: AnalysisResults, lang: Lang = 'zh'): ResultTable[] {
  return reportTables(results, lang).map((t) => ({
    id: t.id,
    ...(t.family ? { family: t.family } : {}),
    ...(t.subject ? { subject: t.subject } : {}),
    title: t.title,
    table: arrowFromReportTable(t),
  }));
}

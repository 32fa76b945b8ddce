// arquero tables of the results (arquero 结果表): a separate entry point, @jiance/report/arquero,
// so that the report and the CLI do not load arquero (180 ms) when no one asks for it.
import type { Table } from 'apache-arrow';
import { table as arqueroTable, type ColumnTable } from 'arquero';
import type { AnalysisResults } from '@jiance/core';
import type { Lang } from './labels.js';
import { resultTables } from './resultTables.js';

/**
 * An arquero table (arquero 表) from an Arrow table, column by column. arquero 8.0.3's own
 * `fromArrow` decodes a dictionary column whose record batches carry different dictionaries with
 * the last batch's dictionary only — wrong strings, no error (TOOLING.md; Parquet reads do this);
 * here every value is read through apache-arrow's vector, which uses each batch's own
 * dictionary. 64-bit integers become numbers when they are exact.
 *
 * @example
 * arqueroFromArrow(arrowFromReportTable({ id: 'x', title: 'x', columns: ['区县'], rows: [['青山县']] })).objects(); // => [{ 区县: '青山县' }]
 */
export function arqueroFromArrow(table: Table): ColumnTable {
  const names = table.schema.fields.map((f) => f.name);
  const columns: Record<string, unknown[]> = {};
  names.forEach((name, j) => {
    const values: unknown[] = new Array(table.numRows);
    let i = 0;
    for (const v of table.getChildAt(j)!) {
      values[i++] = typeof v === 'bigint' && v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : v;
    }
    columns[name] = values;
  });
  return arqueroTable(columns, names);
}

/**
 * Every result table as an arquero table, by id ({@link resultTables} read by
 * {@link arqueroFromArrow}), for filtering, grouping and joining in a notebook.
 *
 * @example
 * const results = analyzeStudents(aq.fromCSV(readFileSync('fixtures/county.csv', 'utf8'), { autoType: false }));
 * arqueroResultTables(results)['between-math'].filter((d) => d.年级 === '四年级').numRows(); // => 4
 */
export function arqueroResultTables(results: AnalysisResults, lang: Lang = 'zh'): Record<string, ColumnTable> {
  const out: Record<string, ColumnTable> = {};
  for (const t of resultTables(results, lang)) out[t.id] = arqueroFromArrow(t.table);
  return out;
}

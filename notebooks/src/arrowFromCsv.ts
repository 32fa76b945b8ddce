import { Float64, Int32, Table, Utf8, tableToIPC, vectorFromArray, type DataType, type Vector } from 'apache-arrow';
import { parseCsv, type RawCell } from '@jiance/core';

const integer = /^[+-]?\d+$/;
const decimal = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * An Arrow IPC file (Arrow 格式) from CSV text, so the notebooks can show both ways of loading
 * data. Each column gets the narrowest type all its non-empty cells fit: Int32 when every cell
 * is a whole number of int32 range, Float64 when every cell is a number, else Utf8 (a column
 * such as math with "缺考" stays text, exactly as in the CSV). Empty cells become nulls. Reading
 * the result with `rawFromArrow` gives the same analysis results as reading the CSV (tested).
 *
 * @example
 * tableFromIPC(arrowFromCsv('year,county\n2024,青山县\n', 'a.csv')).schema.fields.map(String); // => ['year: Int32', 'county: Utf8']
 */
export function arrowFromCsv(text: string, file: string): Uint8Array {
  const raw = parseCsv(text, file);
  const columns: Record<string, Vector> = {};
  raw.headers.forEach((header, j) => {
    columns[header] = typedVector(raw.columns[j]!);
  });
  return tableToIPC(new Table(columns), 'file');
}

function typedVector(cells: readonly RawCell[]): Vector {
  const texts = cells.map((cell) => (cell === null || String(cell).trim() === '' ? null : String(cell)));
  const present = texts.filter((c): c is string => c !== null).map((c) => c.trim());
  let type: DataType = new Utf8();
  if (present.length > 0 && present.every((c) => integer.test(c) && Math.abs(Number(c)) < 2 ** 31)) type = new Int32();
  else if (present.length > 0 && present.every((c) => decimal.test(c))) type = new Float64();
  const values = type instanceof Utf8 ? texts : texts.map((c) => (c === null ? null : Number(c)));
  return vectorFromArray(values, type);
}

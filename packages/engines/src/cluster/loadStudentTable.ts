import { readCodes, readNumbers, type StudentData } from '@jiance/core';
import { clickhouseRequest, type ClickhouseConnection } from '../clickhouseHttp.js';
import { quoteIdentifier } from '../sqlQuote.js';
import { createShardedTable, type ShardedTableNames, type StudentColumn } from './shardedTable.js';

/** The column of a validated student table that holds each row's spreadsheet row number. */
export const rowColumn = '__row';

/**
 * The column that keeps core's value status of a role (0 ok, 1 missing, 2 not a number, 3 out of
 * range, 4 unrecognised; core's `valueStatus`), written for roles with invalid values only, so
 * that the usage counts of an analysis give the same reasons as core (a NULL alone cannot say
 * whether the cell was blank or "abc").
 */
export const statusColumn = (role: string): string => `__status_${role}`;

/** The table beside a student table that keeps the report of its load (one row: the JSON of {@link LoadReport}). */
export const loadReportTable = (table: string): string => `${table}__load`;

/** What core found in the file when the table was loaded: its columns and the data-quality report. */
export interface LoadReport {
  mapping: StudentData['mapping'];
  quality: StudentData['quality'];
}

/** Roles never blank in a validated table (blank county or school excludes the row): plain String, the sort key. */
const keyRoles = new Set(['county', 'school']);

/** ClickHouse type of a column of core's validated table (from its Arrow type: Dictionary<Int32, Utf8>, Int32, Int8, Float64). */
function clickhouseType(table: StudentData['table'], name: string): string {
  const type = String(table.schema.fields.find((f) => f.name === name)!.type);
  if (/Utf8/.test(type)) return keyRoles.has(name) ? 'String' : 'Nullable(String)';
  const int = /^Int(8|16|32)$/.exec(type);
  return int ? `Nullable(Int${int[1]})` : 'Nullable(Float64)';
}

/** Appends rows in ClickHouse's RowBinary format (little-endian; Nullable = a null byte, then the value). */
class RowBinaryWriter {
  private buffer = Buffer.alloc(1 << 16);
  private size = 0;

  private room(bytes: number): void {
    if (this.size + bytes <= this.buffer.length) return;
    const next = Buffer.alloc(Math.max(this.buffer.length * 2, this.size + bytes));
    this.buffer.copy(next, 0, 0, this.size);
    this.buffer = next;
  }

  nullFlag(isNull: boolean): void {
    this.room(1);
    this.buffer[this.size++] = isNull ? 1 : 0;
  }

  float64(x: number): void {
    this.room(8);
    this.size = this.buffer.writeDoubleLE(x, this.size);
  }

  int(x: number, bits: number): void {
    this.room(bits / 8);
    if (bits === 8) this.size = this.buffer.writeInt8(x, this.size);
    else if (bits === 16) this.size = this.buffer.writeInt16LE(x, this.size);
    else this.size = this.buffer.writeInt32LE(x, this.size);
  }

  string(text: string): void {
    const bytes = Buffer.from(text, 'utf8');
    this.room(bytes.length + 10);
    // LEB128 length, then the bytes.
    let n = bytes.length;
    do {
      let byte = n & 0x7f;
      n >>>= 7;
      if (n) byte |= 0x80;
      this.buffer[this.size++] = byte;
    } while (n);
    bytes.copy(this.buffer, this.size);
    this.size += bytes.length;
  }

  bytes(): Buffer {
    return this.buffer.subarray(0, this.size);
  }
}

/**
 * Loads a student table validated by core (`studentTable`) into a sharded ClickHouse table
 * (装载已校验的学生表): one column per role with core's typed values (county and school
 * String, the sort key; other text Nullable(String), year and grade Nullable(Int32), flags Nullable(Int8), numbers
 * Nullable(Float64); invalid and out-of-range values already NULL), plus `__row`, the row's
 * spreadsheet row number, and for roles with invalid values their status (`__status_<role>`).
 * The load's report (core's mapping and data-quality findings) is kept beside it, in
 * `<distributed>__load` on every shard, where `clickhouseAnalyze` finds it. This is the table `clickhouseAnalyze` reads: the file's checks were
 * made once, at load.
 *
 * Rows are sent in RowBinary, so every number arrives bit for bit (ClickHouse 18's text
 * parsers round some decimals one ulp off), row i to shard i mod (number of shards), so every
 * school's rows are split over all shards and a summary must merge partial sums to be right.
 * Returns the rows sent to each shard.
 *
 * @example
 * const data = studentTable(parseCsv(text, 'province.csv', 'utf-8'));
 * await loadStudentTable(shards, 'jiance', data, { local: 'students_local', distributed: 'students' }); // => [10026, 10026]
 */
export async function loadStudentTable(
  shards: readonly ClickhouseConnection[],
  cluster: string,
  data: StudentData,
  names: ShardedTableNames = { local: 'students_local', distributed: 'students' },
): Promise<number[]> {
  const { table, rowNumbers } = data;
  // Without a weight column in the file, core's weight of 1 is not stored: the table is then unweighted too.
  const roles = table.schema.fields.map((f) => f.name).filter((name) => name !== 'weight' || data.quality.weighted);
  // Statuses only where a value was set to NULL for a reason other than a blank cell.
  const statusRoles = roles.filter((role) => data.status[role]?.some((s) => s > 1));
  const columns: StudentColumn[] = [
    ...roles.map((name) => ({ name, role: name, type: clickhouseType(table, name) })),
    { name: rowColumn, type: 'Int32' },
    ...statusRoles.map((role) => ({ name: statusColumn(role), type: 'UInt8' })),
  ];
  await createShardedTable(shards, cluster, columns, names);
  const writers = shards.map(() => new RowBinaryWriter());
  const counts = shards.map(() => 0);
  // Each column is read once by core's readers (numbers as a Float64Array with NaN for NULL,
  // text as codes and labels), not cell by cell through the Arrow vector.
  const values = roles.map((name) => {
    const type = columns.find((c) => c.name === name)!.type;
    return type.endsWith('String)') || type === 'String'
      ? { type, text: readCodes(table, name) }
      : { type, numbers: readNumbers(table, name), bits: Number(/Int(\d+)/.exec(type)?.[1] ?? 0) };
  });
  for (let i = 0; i < rowNumbers.length; i++) {
    const s = i % shards.length;
    const w = writers[s]!;
    counts[s]!++;
    for (const column of values) {
      if ('text' in column) {
        const code = column.text.codes[i]!;
        const text = code < 0 ? null : String(column.text.labels[code]);
        if (column.type === 'String') w.string(text ?? '');
        else {
          w.nullFlag(text === null);
          if (text !== null) w.string(text);
        }
        continue;
      }
      const x = column.numbers[i]!;
      w.nullFlag(Number.isNaN(x));
      if (Number.isNaN(x)) continue;
      if (column.bits) w.int(x, column.bits);
      else w.float64(x);
    }
    w.int(rowNumbers[i]!, 32);
    for (const role of statusRoles) w.int(data.status[role]![i]!, 8);
  }
  const list = columns.map((c) => quoteIdentifier(c.name)).join(', ');
  for (let s = 0; s < shards.length; s++) {
    if (counts[s]) await clickhouseRequest(shards[s]!, `INSERT INTO ${quoteIdentifier(names.local)} (${list}) FORMAT RowBinary`, { body: writers[s]!.bytes() });
  }
  // The load's report travels with the table, on every shard, so any later analysis reports
  // the rows excluded and the values set to NULL at load (nothing is lost between the two).
  const report: LoadReport = { mapping: data.mapping, quality: data.quality };
  const reportRow = new RowBinaryWriter();
  reportRow.string(JSON.stringify(report));
  const reportTable = quoteIdentifier(loadReportTable(names.distributed));
  for (const shard of shards) {
    await clickhouseRequest(shard, `DROP TABLE IF EXISTS ${reportTable}`);
    await clickhouseRequest(shard, `CREATE TABLE ${reportTable} (report String) ENGINE = TinyLog`);
    await clickhouseRequest(shard, `INSERT INTO ${reportTable} (report) FORMAT RowBinary`, { body: reportRow.bytes() });
  }
  return counts;
}

import { readFile } from 'node:fs/promises';
import {
  decodeText,
  parseCsv,
  parseGradeCell,
  parseNumberCell,
  parseTextCell,
  parseYearCell,
  roleOfHeader,
  roleSpec,
  type RawCell,
  type RawTable,
} from '@jiance/core';
import { clickhouseRequest, type ClickhouseConnection } from '../clickhouseHttp.js';
import { quoteIdentifier } from '../summarySql.js';

/** A column of the student table in ClickHouse: the file's header, its type and how a cell is written. */
export interface StudentColumn {
  name: string;
  role?: string;
  type: string;
  /** The cell as a TabSeparated field (\N for NULL). */
  field: (cell: RawCell) => string;
}

const tsv = (text: string): string => text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
const nullable = (v: number | string): string => (typeof v === 'number' ? String(v) : '\\N');

/**
 * ClickHouse columns for a student file's headers (表结构): year and grade as Nullable(Int32),
 * numbers and weights as Nullable(Float64) (read by core's cell parsers, so 缺考, "" or "abc"
 * become NULL and "140cm" becomes 140), every other column as String (trimmed; blank = '').
 * Column names are the file's headers, so core's header aliases (数学, 区县…) still resolve.
 * Plausible ranges are not applied here: the summary query applies them.
 *
 * @example
 * studentColumns(['区县', '数学']).map((c) => c.type); // => ['String', 'Nullable(Float64)']
 */
export function studentColumns(headers: readonly string[]): StudentColumn[] {
  return headers.map((name) => {
    const role = roleOfHeader(name)?.role;
    const spec = role ? roleSpec(role) : undefined;
    const kind = spec?.kind ?? (role ? 'number' : 'text');
    const base = role ? { name, role } : { name };
    if (kind === 'year') return { ...base, type: 'Nullable(Int32)', field: (c) => nullable(parseYearCell(c)) };
    if (kind === 'grade') return { ...base, type: 'Nullable(Int32)', field: (c) => nullable(parseGradeCell(c)) };
    if (kind === 'number' || kind === 'weight') return { ...base, type: 'Nullable(Float64)', field: (c) => nullable(parseNumberCell(c, spec?.units)) };
    return {
      ...base,
      type: 'String',
      field: (c) => {
        const t = parseTextCell(c);
        return t === 'missing' || t === 'invalid' || t === 'not_numeric' || t === 'out_of_range' ? '' : tsv(String(t));
      },
    } satisfies StudentColumn;
  });
}

/** Names of the two tables of a sharded student table. */
export interface ShardedTableNames {
  /** MergeTree table on every shard, e.g. 'students_local'. */
  local: string;
  /** Distributed table over them (on every shard), e.g. 'students'. */
  distributed: string;
}

/**
 * Creates the student table of a cluster (分布式表): on every shard a local MergeTree table
 * ordered by county and school, and a `Distributed(cluster, currentDatabase, local, rand())`
 * table over them, so any shard can answer for the whole cluster.
 *
 * @example
 * await createShardedTable(shards, 'jiance', studentColumns(headers), { local: 'students_local', distributed: 'students' });
 */
export async function createShardedTable(
  shards: readonly ClickhouseConnection[],
  cluster: string,
  columns: readonly StudentColumn[],
  names: ShardedTableNames,
): Promise<void> {
  const definition = columns.map((c) => `${quoteIdentifier(c.name)} ${c.type}`).join(', ');
  const order = columns.filter((c) => (c.role === 'county' || c.role === 'school') && c.type === 'String').map((c) => quoteIdentifier(c.name));
  for (const shard of shards) {
    await clickhouseRequest(shard, `DROP TABLE IF EXISTS ${quoteIdentifier(names.distributed)}`);
    await clickhouseRequest(shard, `DROP TABLE IF EXISTS ${quoteIdentifier(names.local)}`);
    await clickhouseRequest(shard, `CREATE TABLE ${quoteIdentifier(names.local)} (${definition}) ENGINE = MergeTree() ORDER BY (${order.join(', ') || 'tuple()'})`);
    await clickhouseRequest(
      shard,
      `CREATE TABLE ${quoteIdentifier(names.distributed)} AS ${quoteIdentifier(names.local)} ENGINE = Distributed(${cluster}, currentDatabase(), ${names.local}, rand())`,
    );
  }
}

/**
 * Loads a raw table into the local tables of the shards, row i to shard i mod (number of
 * shards), so every school's rows are spread over all shards and a summary must merge
 * partial sums across the network to be right. Returns the rows sent to each shard.
 *
 * @example
 * await loadShards(shards, raw, studentColumns(raw.headers), 'students_local'); // => [10026, 10026]
 */
export async function loadShards(
  shards: readonly ClickhouseConnection[],
  raw: RawTable,
  columns: readonly StudentColumn[],
  local: string,
): Promise<number[]> {
  const parts: string[][] = shards.map(() => []);
  const n = raw.rowNumbers.length;
  for (let i = 0; i < n; i++) {
    const line = columns.map((c, k) => c.field(raw.columns[k]![i]!)).join('\t');
    parts[i % shards.length]!.push(line);
  }
  const names = columns.map((c) => quoteIdentifier(c.name)).join(', ');
  for (let s = 0; s < shards.length; s++) {
    if (parts[s]!.length) await clickhouseRequest(shards[s]!, `INSERT INTO ${quoteIdentifier(local)} (${names}) FORMAT TabSeparated`, { body: `${parts[s]!.join('\n')}\n` });
  }
  return parts.map((p) => p.length);
}

/**
 * Creates the sharded student table and loads a CSV file into it (the file is read with core's
 * reader: UTF-8 or GB18030, any delimiter). Returns the rows per shard.
 *
 * @example
 * await loadCsvIntoCluster(cluster.shards.map((_, i) => cluster.connection(i)), 'jiance', 'fixtures/province.csv');
 */
export async function loadCsvIntoCluster(
  shards: readonly ClickhouseConnection[],
  cluster: string,
  path: string,
  names: ShardedTableNames = { local: 'students_local', distributed: 'students' },
): Promise<number[]> {
  const { text, encoding } = decodeText(new Uint8Array(await readFile(path)), path);
  const raw = parseCsv(text, path, encoding);
  const columns = studentColumns(raw.headers);
  await createShardedTable(shards, cluster, columns, names);
  return loadShards(shards, raw, columns, names.local);
}

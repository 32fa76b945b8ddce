import { clickhouseRequest, type ClickhouseConnection } from '../clickhouseHttp.js';
import { quoteIdentifier } from '../sqlQuote.js';

/** A column of the student table in ClickHouse: its name, its role and its ClickHouse type. */
export interface StudentColumn {
  name: string;
  role?: string;
  type: string;
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
 * await createShardedTable(shards, 'jiance', [{ name: 'county', role: 'county', type: 'String' }, { name: 'math', role: 'math', type: 'Nullable(Float64)' }], { local: 'students_local', distributed: 'students' });
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
    await clickhouseRequest(
      shard,
      `CREATE TABLE ${quoteIdentifier(names.local)} (${definition}) ENGINE = MergeTree() ORDER BY (${order.join(', ') || 'tuple()'})`,
    );
    await clickhouseRequest(
      shard,
      `CREATE TABLE ${quoteIdentifier(names.distributed)} AS ${quoteIdentifier(names.local)} ENGINE = Distributed(${cluster}, currentDatabase(), ${names.local}, rand())`,
    );
  }
}

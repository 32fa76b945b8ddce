/**
 * A double-quoted SQL identifier (DuckDB, and ClickHouse's ANSI quoting).
 *
 * @example
 * quoteIdentifier('数学"成绩'); // => '"数学""成绩"'
 */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * A single-quoted SQL string literal as ClickHouse reads it (backslashes escaped, quotes doubled).
 *
 * @example
 * quoteString("O'Neil\\"); // => "'O''Neil\\\\'"
 */
export function quoteString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * `db.table` or `table` as quoted identifiers.
 *
 * @example
 * clickhouseTableName('monitoring.students'); // => '"monitoring"."students"'
 */
export function clickhouseTableName(table: string): string {
  return table.split('.').map(quoteIdentifier).join('.');
}

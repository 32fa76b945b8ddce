/**
 * Every user-facing message of @jiance/engines, in one place (as core's messages.ts). Each
 * says what failed, where (engine, address, table, column) and what to do, in English and
 * Chinese, with a stable code that tests and callers branch on. They are thrown as core's
 * `JianceError`, so `isJianceError` and `.text('zh')` work as for the rest of Jiance.
 */
import type { Message } from '@jiance/core';

const seconds = (ms: number): string => `${Math.round(ms / 100) / 10}`;

export const unknownColumn = (where: string, role: string, columns: readonly string[]): Message => ({
  code: 'engine-unknown-column',
  en: `${where} has no column for "${role}" (columns: ${columns.join(', ')}). Name the column in \`columns\`, e.g. { ${role}: "数学成绩" }.`,
  zh: `${where} 中找不到“${role}”对应的列（现有列：${columns.join('、')}）。请在 columns 中指定，例如 { ${role}: "数学成绩" }。`,
  details: { where, role, columns },
});

export const noValues = (): Message => ({
  code: 'engine-no-values',
  en: 'A summary needs at least one value column (e.g. values: ["math"]).',
  zh: '汇总至少需要一个数值列（例如 values: ["math"]）。',
});

export const duckdbFailed = (source: string, cause: string): Message => ({
  code: 'engine-duckdb-failed',
  en: `DuckDB could not summarise "${source}": ${cause}`,
  zh: `DuckDB 无法汇总“${source}”：${cause}`,
  details: { source },
});

export const duckdbNotUtf8 = (source: string, encoding: string): Message => ({
  code: 'engine-duckdb-encoding',
  en: `"${source}" is ${encoding}; the DuckDB engine reads UTF-8 and GB18030 CSV only. Analyse it with the default engine (leave out --engine duckdb), or save the file as "CSV UTF-8".`,
  zh: `“${source}”的编码是 ${encoding}；DuckDB 引擎只读取 UTF-8 与 GB18030 编码的 CSV。请用默认引擎分析（去掉 --engine duckdb），或把文件另存为“CSV UTF-8”。`,
  details: { source, encoding },
});

export const duckdbUnreadableCsv = (source: string, cause: string): Message => ({
  code: 'engine-duckdb-csv',
  en: `DuckDB cannot read "${source}" the way Jiance does (${cause}). Line breaks inside quoted cells, or many surplus fields on a row, are read only by the default engine: leave out --engine duckdb.`,
  zh: `DuckDB 无法按 Jiance 的方式读取“${source}”（${cause}）。带引号单元格中的换行、或一行中过多的多余字段，只有默认引擎能读取：请去掉 --engine duckdb。`,
  details: { source },
});

export const duckdbLongLine = (source: string, kib: number): Message => ({
  code: 'engine-duckdb-csv',
  en: `"${source}" has a line of ${kib} KB or more; DuckDB drops a line longer than 2 MB without saying so, so the DuckDB engine does not read this file. Analyse it with the default engine (leave out --engine duckdb, or give --engine default).`,
  zh: `“${source}”中有一行达到或超过 ${kib} KB；DuckDB 会不加提示地丢弃超过 2 MB 的行，因此 DuckDB 引擎不读取此文件。请用默认引擎分析（去掉 --engine duckdb，或加 --engine default）。`,
  details: { source },
});

export const clickhouseUnreachable = (url: string, cause: string): Message => ({
  code: 'engine-unreachable',
  en: `Cannot reach ClickHouse at ${url} (${cause}). Check that the server is running and the host and HTTP port (default 8123) in the connection are right.`,
  zh: `无法连接 ClickHouse（${url}，${cause}）。请确认服务器已启动，连接配置中的主机与 HTTP 端口（默认 8123）正确。`,
  details: { url },
});

export const clickhouseTimeout = (url: string, timeoutMs: number): Message => ({
  code: 'engine-timeout',
  en: `ClickHouse at ${url} did not answer within ${seconds(timeoutMs)} s; the request was cancelled. Raise \`timeoutMs\` for very large tables, or check the server's load.`,
  zh: `ClickHouse（${url}）在 ${seconds(timeoutMs)} 秒内没有响应，请求已取消。数据量很大时可调大 timeoutMs，或检查服务器负载。`,
  details: { url, timeoutMs },
});

export const clickhouseAuth = (url: string, user: string, serverText: string): Message => ({
  code: 'engine-auth',
  en: `ClickHouse at ${url} refused user "${user}": wrong user name or password. Check \`user\` and \`password\` in the connection. (Server: ${serverText})`,
  zh: `ClickHouse（${url}）拒绝了用户“${user}”：用户名或密码错误。请检查连接配置中的 user 与 password。（服务器：${serverText}）`,
  details: { url, user },
});

export const clickhouseMissingTable = (url: string, table: string, serverText: string): Message => ({
  code: 'engine-missing-table',
  en: `ClickHouse at ${url} has no table ${table}. Check \`table\` (and \`database\`) in the mapping; SHOW TABLES lists what exists. (Server: ${serverText})`,
  zh: `ClickHouse（${url}）中没有表 ${table}。请检查映射中的 table（及 database）；可用 SHOW TABLES 查看现有表。（服务器：${serverText}）`,
  details: { url, table },
});

export const clickhouseShardDown = (url: string, table: string, serverText: string): Message => ({
  code: 'engine-shard-unavailable',
  en: `A shard of ${table} (queried through ${url}) is unreachable, so the summary would be incomplete and was not computed. Start the shard or fix remote_servers; results are never silently partial. (Server: ${serverText})`,
  zh: `${table} 的某个分片（经 ${url} 查询）无法连接，汇总将不完整，因此未计算。请启动该分片或修正 remote_servers 配置；结果绝不会在缺少分片时静默给出。（服务器：${serverText}）`,
  details: { url, table },
});

export const clickhouseQueryFailed = (url: string, status: number, serverText: string): Message => ({
  code: 'engine-query-failed',
  en: `ClickHouse at ${url} rejected the summary query (HTTP ${status}): ${serverText}`,
  zh: `ClickHouse（${url}）拒绝了汇总查询（HTTP ${status}）：${serverText}`,
  details: { url, status },
});

export const clickhouseBadAnswer = (url: string, cause: string): Message => ({
  code: 'engine-bad-answer',
  en: `ClickHouse at ${url} answered with something that is not the expected JSON (${cause}). Is the URL the HTTP interface (port 8123), not the native port (9000)?`,
  zh: `ClickHouse（${url}）的响应不是预期的 JSON（${cause}）。请确认地址是 HTTP 接口（端口 8123），而不是原生协议端口（9000）。`,
  details: { url },
});

export const clusterNotInstalled = (): Message => ({
  code: 'engine-clickhouse-not-installed',
  en: 'clickhouse-server is not installed (needed for a local cluster). On Debian: apt-get install -y clickhouse-server clickhouse-client.',
  zh: '未安装 clickhouse-server（启动本地集群需要）。Debian 上可执行：apt-get install -y clickhouse-server clickhouse-client。',
});

export const clusterStartFailed = (shard: number, port: number, log: string): Message => ({
  code: 'engine-cluster-start-failed',
  en: `ClickHouse shard ${shard} (HTTP port ${port}) did not become ready. Last lines of its log:\n${log}`,
  zh: `ClickHouse 分片 ${shard}（HTTP 端口 ${port}）未能启动。日志最后几行：\n${log}`,
  details: { shard, port },
});

export const clickhouseNoRowColumn = (table: string, column: string, columns: readonly string[]): Message => ({
  code: 'engine-no-row-column',
  en: `ClickHouse table ${table} has no column "${column}" (each row's record number, which orders groups and names rows in listings). Columns: ${columns.join(', ')}. Load the table with loadStudentTable, or name an integer column that numbers the rows with \`rowColumn\`.`,
  zh: `ClickHouse 表 ${table} 中没有“${column}”列（每行的记录号，用于排列分组、在清单中指明行）。现有列：${columns.join('、')}。请用 loadStudentTable 装载，或以 rowColumn 指定一个为各行编号的整数列。`,
  details: { table, column, columns },
});

export const clickhouseColumnType = (table: string, column: string, role: string, type: string, expected: string): Message => ({
  code: 'engine-column-type',
  en: `Column "${column}" (${role}) of ClickHouse table ${table} is ${type}; Jiance needs ${expected}. Store it with that type (loadStudentTable does), or map another column to ${role}.`,
  zh: `ClickHouse 表 ${table} 的“${column}”列（${role}）类型为 ${type}，监测需要 ${expected}。请以该类型存储（loadStudentTable 即如此），或为 ${role} 指定其他列。`,
  details: { table, column, role, type, expected },
});

export const clickhouseUncheckedRows = (table: string, problems: readonly { column: string; count: number; en: string; zh: string }[]): Message => ({
  code: 'engine-unchecked-rows',
  en: `ClickHouse table ${table} holds values core would not keep, so its results would not be Jiance's: ${problems.map((p) => `${p.count} rows with ${p.en} in "${p.column}"`).join('; ')}. Load files with loadStudentTable (core's checks run at load and invalid values become NULL), or clean the table first.`,
  zh: `ClickHouse 表 ${table} 中有核心校验不会保留的值，据此得出的结果将与监测不一致：${problems.map((p) => `“${p.column}”列有 ${p.count} 行${p.zh}`).join('；')}。请用 loadStudentTable 装载文件（装载时执行核心校验，无效值置为 NULL），或先清洗该表。`,
  details: { table, problems },
});

export const clickhouseLoadMismatch = (table: string, tableRows: number, reportRows: number): Message => ({
  code: 'engine-load-mismatch',
  en: `The load report passed for ClickHouse table ${table} kept ${reportRows} rows, but the table has ${tableRows}. Pass the report of the load that filled this table, or leave it out.`,
  zh: `传入的装载报告保留了 ${reportRows} 行，但 ClickHouse 表 ${table} 有 ${tableRows} 行。请传入装载该表时的报告，或不传。`,
  details: { table, tableRows, reportRows },
});

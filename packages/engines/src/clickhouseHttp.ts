import { JianceError, isJianceError } from '@jiance/core';
import {
  clickhouseAuth,
  clickhouseBadAnswer,
  clickhouseMissingTable,
  clickhouseQueryFailed,
  clickhouseShardDown,
  clickhouseTimeout,
  clickhouseUnreachable,
} from './messages.js';

/**
 * Where and how to reach ClickHouse over its HTTP interface (连接配置). A national deployment
 * keeps this in its own config (see README, "Scale"); the password never appears in errors.
 *
 * @example
 * const connection: ClickhouseConnection = { url: 'http://10.0.0.5:8123', user: 'jiance', password: process.env.CH_PASSWORD, database: 'monitoring' };
 */
export interface ClickhouseConnection {
  /** HTTP interface, e.g. http://127.0.0.1:8123 (not the native port 9000). */
  url: string;
  /** Default 'default'. */
  user?: string;
  password?: string;
  /** Database of unqualified table names (default: the user's default database). */
  database?: string;
  /** Time limit of each request, client and server side (default 60 s). */
  timeoutMs?: number;
  /** Extra ClickHouse settings sent with every query (e.g. { max_threads: 8 }). */
  settings?: Readonly<Record<string, string | number>>;
}

/** A JSONCompact answer: column names and types, and rows of values. */
export interface ClickhouseResult {
  meta: { name: string; type: string }[];
  data: unknown[][];
}

const defaultTimeoutMs = 60_000;

/** Error codes of ClickHouse that name the failure (ErrorCodes.cpp). */
const code = {
  unknownTable: 60,
  unknownDatabase: 81,
  socketTimeout: 209,
  networkError: 210,
  allConnectionTriesFailed: 279,
  unknownUser: 192,
  wrongPassword: 193,
  requiredPassword: 194,
  authenticationFailed: 516,
} as const;

function serverMessage(text: string): { code?: number; message: string } {
  const m = /Code:\s*(\d+)/.exec(text);
  const message = text
    .replace(/,?\s*e\.what\(\) = DB::Exception\s*$/, '')
    .replace(/e\.displayText\(\) = DB::Exception:\s*/, '')
    .trim();
  return m ? { code: Number(m[1]), message } : { message };
}

/**
 * One request to ClickHouse's HTTP interface, with a hard time limit: `AbortSignal.timeout`
 * on the client (covers connecting, waiting and reading the body) and `max_execution_time` /
 * `receive_timeout` on the server, so a dead or hung server or shard ends in an error, never a
 * hang. Failures become JianceErrors that say what to fix: unreachable, timeout, wrong user or
 * password, missing table, unreachable shard, or the server's own message.
 *
 * @example
 * await clickhouseRequest({ url: 'http://127.0.0.1:8123' }, 'SELECT 1'); // => '1\n'
 */
export async function clickhouseRequest(
  connection: ClickhouseConnection,
  sql: string,
  options: {
    body?: string | Uint8Array;
    table?: string;
    /** Reads a successful answer as a stream (inside the time limit) instead of as one string; '' is returned. */
    stream?: (body: ReadableStream<Uint8Array>) => Promise<void>;
  } = {},
): Promise<string> {
  const timeoutMs = connection.timeoutMs ?? defaultTimeoutMs;
  const seconds = Math.max(1, Math.ceil(timeoutMs / 1000));
  const params = new URLSearchParams({
    max_execution_time: String(seconds),
    receive_timeout: String(seconds),
    send_timeout: String(seconds),
    ...Object.fromEntries(Object.entries(connection.settings ?? {}).map(([k, v]) => [k, String(v)])),
  });
  if (connection.database) params.set('database', connection.database);
  if (options.body !== undefined) params.set('query', sql);
  const user = connection.user ?? 'default';
  const url = connection.url.replace(/\/+$/, '');
  let response: Response;
  let text: string;
  const signal = AbortSignal.timeout(timeoutMs);
  const send = (): Promise<Response> =>
    fetch(`${url}/?${params}`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from(`${user}:${connection.password ?? ''}`).toString('base64')}` },
      body: options.body ?? sql,
      signal,
    });
  try {
    try {
      response = await send();
    } catch (error) {
      // A kept-alive connection the server closed while this thread was busy (ClickHouse closes
      // idle ones after 3 s; a long computation can keep the client from noticing) fails before
      // anything is answered: a query is sent again, once, on a new connection. Not a load (a
      // body of rows), which must never be sent twice.
      if (options.body !== undefined || !isStaleConnection(error)) throw error;
      response = await send();
    }
    if (response.ok && options.stream && response.body) {
      await options.stream(response.body);
      text = '';
    } else text = await response.text();
  } catch (error) {
    if (isJianceError(error)) throw error;
    const name = (error as Error)?.name;
    if (name === 'TimeoutError' || name === 'AbortError') throw new JianceError(clickhouseTimeout(url, timeoutMs), { cause: error });
    const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
    throw new JianceError(clickhouseUnreachable(url, cause?.code ?? cause?.message ?? String(error)), { cause: error });
  }
  if (response.ok) return text;
  const server = serverMessage(text);
  const table = options.table ?? '(the table)';
  if (
    response.status === 401 ||
    response.status === 403 ||
    [code.unknownUser, code.wrongPassword, code.requiredPassword, code.authenticationFailed].includes(server.code as never)
  ) {
    throw new JianceError(clickhouseAuth(url, user, server.message));
  }
  if (server.code === code.unknownTable || server.code === code.unknownDatabase) throw new JianceError(clickhouseMissingTable(url, table, server.message));
  if ([code.allConnectionTriesFailed, code.networkError, code.socketTimeout].includes(server.code as never)) {
    throw new JianceError(clickhouseShardDown(url, table, server.message));
  }
  throw new JianceError(clickhouseQueryFailed(url, response.status, server.message));
}

/** Whether fetch failed on a connection the server had closed (nothing was answered on it). */
function isStaleConnection(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code === 'UND_ERR_SOCKET' || cause?.code === 'ECONNRESET' || /other side closed/.test(cause?.message ?? '');
}

/**
 * A query answered as JSON (`FORMAT JSONCompact`): column meta and rows. 64-bit integers come
 * back as strings (ClickHouse quotes them in JSON); convert with Number().
 *
 * @example
 * (await clickhouseQuery(connection, 'SELECT 1 AS one')).data; // => [[1]]
 */
export async function clickhouseQuery(connection: ClickhouseConnection, sql: string, options: { table?: string } = {}): Promise<ClickhouseResult> {
  const text = await clickhouseRequest(connection, `${sql} FORMAT JSONCompact`, options);
  try {
    const json = JSON.parse(text) as ClickhouseResult;
    if (!Array.isArray(json.data) || !Array.isArray(json.meta)) throw new Error('no "data" or "meta"');
    return json;
  } catch (error) {
    throw new JianceError(clickhouseBadAnswer(connection.url, (error as Error).message), { cause: error });
  }
}

/** Columns of an answer, by name, with ClickHouse's type of each. */
export interface ClickhouseColumns {
  names: string[];
  types: string[];
  /** name → values (numbers, strings or null). */
  columns: Record<string, unknown[]>;
}

const tsvEscapes: Record<string, string> = { b: '\b', f: '\f', r: '\r', n: '\n', t: '\t', '0': '\0', "'": "'", '\\': '\\' };

/** How a TabSeparated field of a ClickHouse type is read (\\N is NULL), chosen once per column. */
function tsvReader(type: string): (field: string) => unknown {
  const nullable = type.startsWith('Nullable(');
  const base = type.replace(/^Nullable\((.*)\)$/, '$1').replace(/^LowCardinality\((.*)\)$/, '$1');
  if (base === 'Nothing') return () => null;
  if (/^(U?Int|Float|Decimal)/.test(base)) {
    return (field) => {
      if (nullable && field === '\\N') return null;
      const x = +field;
      if (!Number.isNaN(x)) return x;
      return field === 'inf' || field === '+inf' ? Infinity : field === '-inf' ? -Infinity : NaN;
    };
  }
  return (field) => (nullable && field === '\\N' ? null : field.includes('\\') ? field.replace(/\\(.)/g, (_, c: string) => tsvEscapes[c] ?? c) : field);
}

/**
 * A query's answer as columns, streamed (`FORMAT TabSeparatedWithNamesAndTypes`): read line by
 * line, so an answer of millions of groups never has to fit in one string (V8's limit is
 * 512 MB; a national school-level summary as JSON passes it). Numbers are ClickHouse's
 * shortest round-trip text, read exactly; the server buffers the whole answer first
 * (`wait_end_of_query`), so a failure is an HTTP error, not a truncated table.
 *
 * @example
 * (await clickhouseColumns(connection, 'SELECT 1 AS one')).columns.one; // => [1]
 */
export async function clickhouseColumns(connection: ClickhouseConnection, sql: string, options: { table?: string } = {}): Promise<ClickhouseColumns> {
  let names: string[] = [];
  let types: string[] = [];
  let values: unknown[][] = [];
  let readers: ((field: string) => unknown)[] = [];
  let line = 0;
  const take = (text: string): void => {
    const fields = text.split('\t');
    if (line === 0) names = fields;
    else if (line === 1) {
      types = fields;
      values = names.map(() => []);
      readers = types.map(tsvReader);
    } else {
      if (fields.length !== names.length)
        throw new JianceError(clickhouseBadAnswer(connection.url, `row ${line - 1} has ${fields.length} fields, not ${names.length}: ${text.slice(0, 200)}`));
      for (let i = 0; i < fields.length; i++) values[i]!.push(readers[i]!(fields[i]!));
    }
    line++;
  };
  await clickhouseRequest({ ...connection, settings: { wait_end_of_query: 1, ...connection.settings } }, `${sql} FORMAT TabSeparatedWithNamesAndTypes`, {
    ...options,
    stream: async (body) => {
      const decoder = new TextDecoder();
      let rest = '';
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        rest += decoder.decode(chunk, { stream: true });
        let start = 0;
        for (let end = rest.indexOf('\n'); end >= 0; end = rest.indexOf('\n', start)) {
          take(rest.slice(start, end));
          start = end + 1;
        }
        rest = rest.slice(start);
      }
      rest += decoder.decode();
      if (rest !== '') take(rest);
    },
  });
  if (line < 2) throw new JianceError(clickhouseBadAnswer(connection.url, 'no column names and types'));
  return { names, types, columns: Object.fromEntries(names.map((n, i) => [n, values[i]!])) };
}

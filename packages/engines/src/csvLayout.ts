import { createReadStream, createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { JianceError, byteOrderMark, detectDelimiter, locateHeader } from '@jiance/core';
import { duckdbNotUtf8 } from './messages.js';

/** What an SQL engine needs to read a CSV as core reads it (CSV 版式). */
export interface CsvLayout {
  /** Headers as core reads them (trimmed). */
  headers: string[];
  /** Records before the header row (title lines, blank lines): core counts them as blank rows. */
  headerIndex: number;
  /** Physical lines before the first data line (what the engine skips). */
  skipLines: number;
  delimiter: string;
  /**
   * Record indices (0-based, header-relative as core's parser counts records) of empty lines
   * after the header — DuckDB skips them, core counts them as blank rows and numbers rows past them.
   */
  emptyLines: number[];
  /** 'utf-8' or 'utf-8-bom'. */
  encoding: string;
  /**
   * True when a line may be longer than DuckDB reads ({@link longLineBytes} or more): DuckDB
   * drops a line over its max_line_size (2 MiB) without an error, so such a file is refused.
   */
  longLine: boolean;
}

const headBytes = 8 << 20;
const chunkBytes = 16 << 20;

/**
 * Splits one CSV line into cells (RFC 4180 quotes), as core's parser splits a record without
 * line breaks inside quotes.
 *
 * @example
 * splitLine('a,"b,c",', ','); // => ['a', 'b,c', '']
 */
export function splitLine(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) cells.push(cell), (cell = '');
    else cell += ch;
  }
  cells.push(cell);
  return cells;
}

/**
 * Reads the head of a CSV file and scans the rest for empty lines (版式探测): the encoding
 * (UTF-8 only: a GB18030 file is refused with a message pointing to the default engine), the
 * delimiter (core's `detectDelimiter`), the header row (core's `locateHeader`, so a title line
 * is skipped as core skips it) and the empty lines, whose positions keep the spreadsheet row
 * numbers equal to core's. The scan is `Buffer.indexOf` over 16 MB chunks (≈ 0.2 s per GB);
 * only when an empty line exists is the file read again to number them.
 *
 * @example
 * (await csvLayout('fixtures/province.csv')).headers.slice(0, 3); // => ['year', 'province', 'county']
 */
export async function csvLayout(path: string): Promise<CsvLayout> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(headBytes);
    const { bytesRead } = await handle.read(head, 0, headBytes, 0);
    const bytes = head.subarray(0, bytesRead);
    const bom = byteOrderMark(bytes);
    if (sniff(bytes) === 'gb18030') throw new JianceError(duckdbNotUtf8(path, 'gb18030'));
    const text = new TextDecoder('utf-8').decode(bytes.subarray(bom ? bom.length : 0));
    const delimiter = detectDelimiter(text);
    const lines = text.split('\n', 12).map((l) => l.replace(/\r$/, ''));
    const records = lines.slice(0, 10).map((l) => (l === '' ? [''] : splitLine(l, delimiter)));
    const headerIndex = locateHeader(records);
    const headers = (records[headerIndex] ?? []).map((h) => h.trim());
    // Position (byte) of the first data line.
    let start = 0;
    for (let k = 0; k <= headerIndex; k++) start = bytes.indexOf(0x0a, start) + 1;
    const { emptyLines, longLine } = await scanLines(handle, start);
    return { headers, headerIndex, skipLines: headerIndex + 1, delimiter, emptyLines, encoding: bom ? 'utf-8-bom' : 'utf-8', longLine };
  } finally {
    await handle.close();
  }
}

/** The encoding of a file's head: UTF-8 (with or without BOM) or GB18030; anything else throws. */
function sniff(bytes: Uint8Array, path = 'the file'): 'utf-8' | 'utf-8-bom' | 'gb18030' {
  const bom = byteOrderMark(bytes);
  if (bom && bom.encoding !== 'utf-8-bom') throw new JianceError(duckdbNotUtf8(path, bom.encoding));
  const fits = (label: string): boolean => {
    try {
      new TextDecoder(label, { fatal: true }).decode(bytes, { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  if (fits('utf-8')) return bom ? 'utf-8-bom' : 'utf-8';
  if (fits('gb18030')) return 'gb18030';
  throw new JianceError(duckdbNotUtf8(path, 'neither UTF-8 nor GB18030'));
}

/**
 * The encoding of a CSV file as core would decode it (编码探测), from its first 8 MB: 'utf-8',
 * 'utf-8-bom' or 'gb18030' (as Excel saves CSV on Chinese Windows). UTF-16 or undecodable bytes
 * throw a JianceError pointing to the default engine.
 *
 * @example
 * await csvEncoding('fixtures/county-gb18030.csv'); // => 'gb18030'
 */
export async function csvEncoding(path: string): Promise<'utf-8' | 'utf-8-bom' | 'gb18030'> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(headBytes);
    const { bytesRead } = await handle.read(head, 0, headBytes, 0);
    return sniff(head.subarray(0, bytesRead), path);
  } finally {
    await handle.close();
  }
}

/**
 * Writes a GB18030 file as UTF-8 (转码), streamed (core's decoding: `TextDecoder('gb18030')`,
 * never the 'gbk' label), so DuckDB — which reads UTF-8 only — can read it. Lines and their
 * order are unchanged, so row numbers stay core's.
 *
 * @example
 * await gb18030ToUtf8('county-gb18030.csv', '/tmp/county.csv');
 */
export async function gb18030ToUtf8(path: string, target: string): Promise<void> {
  const decoder = new TextDecoder('gb18030');
  const out = createWriteStream(target);
  const write = (text: string): Promise<void> =>
    new Promise((resolve, reject) => {
      out.write(text, (error) => (error ? reject(error) : resolve()));
    });
  for await (const chunk of createReadStream(path, { highWaterMark: chunkBytes })) await write(decoder.decode(chunk as Buffer, { stream: true }));
  await write(decoder.decode());
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

/** Header-relative record indices of empty lines after byte `start` (none: one fast pass). */
/**
 * Lines of this length may be flagged as long: a line over DuckDB's 2 MiB has more than 1 MiB
 * in one chunk, which holds a whole newline-free window of this size aligned in the chunk.
 */
export const longLineBytes = 512 << 10;

/** Whether some window of `longLineBytes`, aligned in `view`, has no newline. */
function hasLongLine(view: Buffer): boolean {
  for (let k = 0; k + longLineBytes <= view.length; k += longLineBytes) {
    const next = view.indexOf(0x0a, k);
    if (next < 0 || next >= k + longLineBytes) return true;
  }
  return false;
}

/** The empty lines after `start` (see CsvLayout.emptyLines), and whether a line may be too long for DuckDB. */
async function scanLines(handle: import('node:fs/promises').FileHandle, start: number): Promise<{ emptyLines: number[]; longLine: boolean }> {
  const buffer = Buffer.alloc(chunkBytes + 2);
  let any = false;
  let longLine = false;
  let carry = 0; // bytes kept from the previous chunk
  let position = Math.max(0, start - 1); // from the header's own newline: a first empty line is found too
  for (;;) {
    const { bytesRead } = await handle.read(buffer, carry, chunkBytes, position);
    if (bytesRead === 0) break;
    const view = buffer.subarray(0, carry + bytesRead);
    longLine ||= hasLongLine(view);
    if (view.indexOf('\n\n') >= 0 || view.indexOf('\n\r\n') >= 0) {
      any = true;
      break;
    }
    position += bytesRead;
    carry = Math.min(2, view.length);
    view.copy(buffer, 0, view.length - carry);
  }
  if (!any) return { emptyLines: [], longLine };
  // Number every line: record k (header-relative, 0 = first line after the header) is empty
  // when it has no byte (or only '\r'). A trailing newline does not start a record.
  const empty: number[] = [];
  let record = 0;
  let lineLength = 0;
  position = start;
  for (;;) {
    const { bytesRead } = await handle.read(buffer, 0, chunkBytes, position);
    if (bytesRead === 0) break;
    for (let i = 0; i < bytesRead; i++) {
      const b = buffer[i]!;
      if (b === 0x0a) {
        if (lineLength >= longLineBytes) longLine = true;
        if (lineLength === 0) empty.push(record);
        record++;
        lineLength = 0;
      } else if (b !== 0x0d || lineLength > 0) lineLength++;
    }
    position += bytesRead;
  }
  if (lineLength >= longLineBytes) longLine = true;
  return { emptyLines: empty, longLine };
}

/**
 * The spreadsheet row number (header = its own row, as core numbers rows) of the engine's
 * data record `index` (0-based, empty lines skipped).
 *
 * @example
 * rowNumberOf({ headerIndex: 0, emptyLines: [] }, 0); // => 2
 */
export function rowNumberOf(layout: Pick<CsvLayout, 'headerIndex' | 'emptyLines'>, index: number): number {
  let record = index;
  for (const e of layout.emptyLines) {
    if (e <= record) record++;
    else break;
  }
  return layout.headerIndex + 2 + record;
}

/**
 * The text of some lines of a file (0-based physical line indices; '\r' dropped), read in one
 * pass — for the few records whose exact field count core reports (surplus fields).
 *
 * @example
 * await readLines('a.csv', [0]); // => Map { 0 => 'county,school,math' }
 */
export async function readLines(path: string, lines: readonly number[]): Promise<Map<number, string>> {
  const wanted = new Set(lines);
  const out = new Map<number, string>();
  if (!wanted.size) return out;
  const last = Math.max(...lines);
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(chunkBytes);
    let line = 0;
    let pending: Buffer[] = [];
    let position = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, chunkBytes, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      let from = 0;
      for (;;) {
        const at = buffer.indexOf(0x0a, from);
        const end = at < 0 || at >= bytesRead ? bytesRead : at;
        if (wanted.has(line)) pending.push(Buffer.from(buffer.subarray(from, end)));
        if (at < 0 || at >= bytesRead) break;
        if (wanted.has(line)) out.set(line, Buffer.concat(pending).toString('utf8').replace(/\r$/, ''));
        pending = [];
        line++;
        from = at + 1;
        if (line > last) return out;
      }
    }
    if (wanted.has(line) && pending.length) out.set(line, Buffer.concat(pending).toString('utf8').replace(/\r$/, ''));
    return out;
  } finally {
    await handle.close();
  }
}

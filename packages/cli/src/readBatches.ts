import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { TextDecoder } from 'node:util';
import { RecordBatchReader, Table } from 'apache-arrow';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import {
  CsvBatcher,
  JianceError,
  batchesOf,
  byteOrderMark,
  looksBinary,
  messages,
  rawFromArrow,
  rawFromRecords,
  type RawCell,
  type RawTable,
} from '@jiance/core';
import { detectFormat, type InputFormat } from './readInput.js';

/** What run.json records of a streamed file, known once the stream is read. */
export interface StreamInfo {
  format: InputFormat;
  encoding?: string;
  bytes: number;
  sha256: string;
}

/**
 * Reads a file as batches of raw rows (分批读取) without holding it in memory: CSV in text
 * chunks split at record boundaries (quotes tracked across chunks; encoding sniffed from the
 * first 8 MB: BOM, strict UTF-8, else GB18030), Arrow IPC record batches, Parquet row groups.
 * Row numbers are the file's. Excel workbooks are read whole (a sheet holds at most 1,048,576
 * rows) and yielded in slices. `info()` gives size, SHA-256 and encoding after the last batch.
 *
 * @example
 * for await (const raw of readBatches('province.csv', { batchRows: 100_000 }).batches) …
 */
export function readBatches(
  path: string,
  options: { batchRows: number; readWhole?: () => Promise<RawTable> },
): { batches: AsyncGenerator<RawTable>; info: () => StreamInfo } {
  const info: StreamInfo = { format: 'csv', bytes: 0, sha256: '' };
  const file = basename(path);
  async function* batches(): AsyncGenerator<RawTable> {
    let size: number;
    try {
      size = (await stat(path)).size;
    } catch {
      throw new JianceError(messages.fileNotFound(path));
    }
    if (size === 0) throw new JianceError(messages.emptyFile(file));
    const head = new Uint8Array(16);
    const handle = await open(path, 'r');
    await handle.read(head, 0, 16, 0);
    await handle.close();
    info.format = detectFormat(head, file);
    info.bytes = size;
    if (info.format === 'csv') yield* csvBatches(path, file, options.batchRows, info);
    else {
      info.sha256 = await sha256Of(path);
      if (info.format === 'arrow') yield* arrowBatches(path, file);
      else if (info.format === 'parquet') yield* parquetBatches(path, file, options.batchRows);
      else if (options.readWhole) yield* batchesOf(await options.readWhole(), options.batchRows);
    }
  }
  return { batches: batches(), info: () => info };
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 23 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function* csvBatches(path: string, file: string, batchRows: number, info: StreamInfo): AsyncGenerator<RawTable> {
  const hash = createHash('sha256');
  let decoder: TextDecoder | undefined;
  let csv: CsvBatcher | undefined;
  const line = { n: 0 };
  // Only white space (or a BOM alone) is an empty file, as decodeText says of the whole file.
  let content = false;
  const text = (decoded: string): string => {
    content ||= /\S/.test(decoded);
    return decoded;
  };
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 23 })) {
    const bytes = new Uint8Array(chunk as Buffer);
    hash.update(bytes);
    if (!decoder || !csv) {
      if (looksBinary(bytes)) throw new JianceError(messages.binaryNotText(file));
      const sniffed = sniffEncoding(bytes);
      decoder = sniffed.decoder;
      info.encoding = sniffed.encoding;
      csv = new CsvBatcher(file, batchRows, sniffed.encoding);
      yield* csv.push(text(decodeChunk(decoder, bytes.subarray(sniffed.skip), file, line)));
    } else yield* csv.push(text(decodeChunk(decoder, bytes, file, line)));
  }
  if (!decoder || !csv) throw new JianceError(messages.emptyFile(file));
  yield* csv.push(text(decodeChunk(decoder, new Uint8Array(0), file, line, true)));
  if (!content) throw new JianceError(messages.emptyFile(file));
  info.sha256 = hash.digest('hex');
  yield* csv.end();
}

/** BOM → its encoding; else strict UTF-8 if the sample decodes, else GB18030 (Excel on Chinese Windows). */
function sniffEncoding(bytes: Uint8Array): { decoder: TextDecoder; encoding: string; skip: number } {
  const bom = byteOrderMark(bytes);
  // Every decoder is strict, as decodeText is for a whole file: an invalid byte stops the run, never becomes U+FFFD.
  if (bom) return { decoder: new TextDecoder(bom.label, { fatal: true }), encoding: bom.encoding, skip: bom.length };
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return { decoder: new TextDecoder('utf-8', { fatal: true }), encoding: 'utf-8', skip: 0 };
  } catch {
    return { decoder: new TextDecoder('gb18030', { fatal: true }), encoding: 'gb18030', skip: 0 };
  }
}

/** Decodes the next chunk; `line` counts the lines decoded so far (for where an invalid byte is). */
function decodeChunk(decoder: TextDecoder, bytes: Uint8Array, file: string, line: { n: number }, final = false): string {
  let text: string;
  try {
    text = decoder.decode(bytes, { stream: !final });
  } catch {
    // The end of a UTF-8 file mid-character (decodeText says the same of a whole file).
    if (final && decoder.encoding === 'utf-8') throw new JianceError(messages.truncatedText(file, line.n + 1));
    if (decoder.encoding.startsWith('utf-16')) throw new JianceError(messages.invalidBytesForEncoding(file, decoder.encoding.toUpperCase(), line.n + 1));
    // A byte the sniffed encoding cannot hold (a file of mixed encodings): the chunk's first line.
    throw new JianceError(messages.unreadableEncoding(file, line.n + 1));
  }
  for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) line.n++;
  return text;
}

async function* arrowBatches(path: string, file: string): AsyncGenerator<RawTable> {
  let offset = 0;
  try {
    const reader = await RecordBatchReader.from(createReadStream(path));
    for await (const batch of reader) {
      const raw = rawFromArrow(new Table(batch), file, 'arrow');
      yield { ...raw, rowNumbers: raw.rowNumbers.map((r) => r + offset) };
      offset += batch.numRows;
    }
  } catch (error) {
    if (error instanceof JianceError) throw error;
    throw new JianceError(messages.unreadableFile(file, 'Arrow IPC', (error as Error).message), { cause: error });
  }
}

async function* parquetBatches(path: string, file: string, batchRows: number): AsyncGenerator<RawTable> {
  let buffer: Awaited<ReturnType<typeof asyncBufferFromFile>>;
  let total: number;
  try {
    buffer = await asyncBufferFromFile(path);
    const metadata = await parquetMetadataAsync(buffer);
    total = Number(metadata.num_rows);
  } catch (error) {
    throw new JianceError(messages.unreadableFile(file, 'Parquet', (error as Error).message), { cause: error });
  }
  if (total === 0) throw new JianceError(messages.noDataRows(file, 0));
  for (let start = 0; start < total; start += batchRows) {
    const rows = await parquetReadObjects({ file: buffer, rowStart: start, rowEnd: Math.min(total, start + batchRows) });
    const raw = rawFromRecords(rows as Record<string, RawCell>[], file);
    yield { ...raw, format: 'parquet', rowNumbers: raw.rowNumbers.map((r) => r + start) };
  }
}

import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type ExcelJS from 'exceljs';
import { tableFromIPC } from 'apache-arrow';
import { parquetReadObjects } from 'hyparquet';
import { JianceError, decodeText, messages, parseCsv, rawFromArrow, rawFromRecords, rawFromRows, type RawCell, type RawTable } from '@jiance/core';

/** The OLE2 directory name of an encrypted Office document, as stored (UTF-16LE). */
const encryptedPackage = Buffer.from('EncryptedPackage', 'utf16le');

/** The input formats `analyze` reads. */
export type InputFormat = 'csv' | 'xlsx' | 'arrow' | 'parquet';

/** Options of {@link readInput}. */
export interface ReadInputOptions {
  /** Worksheet name for Excel workbooks (default: the first sheet). */
  sheet?: string;
}

/** A read file: its raw table plus what run.json records about it. */
export interface ReadResult {
  raw: RawTable;
  format: InputFormat;
  bytes: Uint8Array;
}

/**
 * Detects a file's format from its first bytes (the extension only breaks ties): zip → Excel
 * workbook, PAR1 → Parquet, ARROW1 or an IPC stream marker → Arrow, OLE2 → old .xls
 * (refused with advice), anything else → CSV text.
 */
export function detectFormat(bytes: Uint8Array, file: string): InputFormat {
  const head = (n: number): string => String.fromCharCode(...bytes.subarray(0, n));
  if (head(4) === 'PK\x03\x04') return 'xlsx';
  if (head(4) === 'PAR1') return 'parquet';
  if (head(6) === 'ARROW1') return 'arrow';
  if (
    bytes[0] === 0xff &&
    bytes[1] === 0xff &&
    bytes[2] === 0xff &&
    bytes[3] === 0xff &&
    ['.arrow', '.arrows', '.feather', '.ipc'].includes(extname(file).toLowerCase())
  )
    return 'arrow';
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    // An OLE2 container: an old .xls, or an .xlsx with an opening password (Office keeps the
    // encrypted workbook in an OLE2 stream named "EncryptedPackage").
    throw new JianceError(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(encryptedPackage)
        ? messages.encryptedWorkbook(file)
        : messages.unsupportedFormat(file),
    );
  }
  return 'csv';
}

/**
 * Reads a student data file of any supported format into a raw table (读取数据文件).
 * Errors a user can fix (missing file, empty file, unreadable encoding…) are JianceErrors.
 */
export async function readInput(path: string, options: ReadInputOptions = {}): Promise<ReadResult> {
  const file = basename(path);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new JianceError(messages.fileNotFound(path));
    if (code === 'EISDIR') throw new JianceError(messages.inputIsDirectory(path));
    throw new JianceError(messages.inputNotReadable(path, code ?? String(error)), { cause: error });
  }
  if (bytes.length === 0) throw new JianceError(messages.emptyFile(file));
  const format = detectFormat(bytes, file);
  switch (format) {
    case 'csv': {
      const { text, encoding } = decodeText(bytes, file);
      return { raw: parseCsv(text, file, encoding), format, bytes };
    }
    case 'xlsx':
      return { raw: await readWorkbook(bytes, file, options.sheet), format, bytes };
    case 'arrow':
      return { raw: readArrow(bytes, file), format, bytes };
    case 'parquet':
      return { raw: await readParquet(bytes, file), format, bytes };
  }
}

async function readWorkbook(bytes: Uint8Array, file: string, sheet: string | undefined): Promise<RawTable> {
  // Loaded only for a workbook (about 20 MB of modules a CSV run need not hold).
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } catch (error) {
    throw new JianceError(messages.unreadableFile(file, 'Excel (.xlsx)', (error as Error).message), { cause: error });
  }
  const names = workbook.worksheets.map((w) => w.name);
  // Every workbook Excel writes has a sheet: a zip without one is some other zip.
  if (!names.length) throw new JianceError(messages.unreadableFile(file, 'Excel (.xlsx)', 'the zip holds no worksheet (xl/workbook.xml)'));
  const worksheet = sheet === undefined ? workbook.worksheets[0] : workbook.getWorksheet(sheet);
  if (!worksheet) {
    if (sheet === undefined) throw new JianceError(messages.emptyFile(file));
    throw new JianceError(messages.sheetNotFound(file, sheet, names));
  }
  const records: RawCell[][] = [];
  const rowNumbers: number[] = [];
  for (let r = 1; r <= worksheet.rowCount; r++) {
    const row = worksheet.getRow(r);
    const cells: RawCell[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(excelCell(row.getCell(c).value));
    records.push(cells);
    rowNumbers.push(r);
  }
  if (records.length === 0) throw new JianceError(messages.emptyFile(file));
  return rawFromRows(records, { file, format: 'xlsx', rowNumbers });
}

/** An Excel cell value as a raw cell: formulas give their result, rich text its plain text. */
function excelCell(value: ExcelJS.CellValue): RawCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((p) => p.text).join('');
    if ('formula' in value || 'sharedFormula' in value) return excelCell((value as ExcelJS.CellFormulaValue).result);
    if ('error' in value) return String(value.error);
    if ('text' in value) return String(value.text);
  }
  return String(value);
}

function readArrow(bytes: Uint8Array, file: string): RawTable {
  try {
    return rawFromArrow(tableFromIPC(bytes), file, 'arrow');
  } catch (error) {
    throw new JianceError(messages.unreadableFile(file, 'Arrow IPC', (error as Error).message), { cause: error });
  }
}

async function readParquet(bytes: Uint8Array, file: string): Promise<RawTable> {
  let rows: Record<string, unknown>[];
  try {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    rows = await parquetReadObjects({ file: buffer });
  } catch (error) {
    throw new JianceError(messages.unreadableFile(file, 'Parquet', (error as Error).message), { cause: error });
  }
  if (rows.length === 0) throw new JianceError(messages.noDataRows(file, 0));
  const raw = rawFromRecords(rows as Record<string, RawCell>[], file);
  return { ...raw, format: 'parquet' };
}

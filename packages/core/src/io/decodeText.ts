import { JianceError } from '../errors.js';
import { binaryNotText, emptyFile, fileTooLargeForMemory, invalidBytesForEncoding, truncatedText, unreadableEncoding } from '../messages.js';

/** A decoded text file and the encoding it was found to be in. */
export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le' | 'utf-16be';
}

/**
 * Decodes the bytes of a CSV file, detecting its encoding (编码识别): a byte-order mark
 * (UTF-8, UTF-16 LE/BE, as Excel's "Unicode text" writes) wins; otherwise strict UTF-8; if
 * that fails, GB18030 (the superset of GBK/GB2312 that Excel on Chinese Windows writes). The
 * `gbk` label is never used: it corrupts four-byte characters.
 *
 * Throws a JianceError (empty file, binary file, neither encoding) naming the file.
 *
 * @example
 * decodeText(new Uint8Array([0xc4, 0xea]), 'a.csv'); // => { text: '年', encoding: 'gb18030' }
 */
export function decodeText(bytes: Uint8Array, file: string): DecodedText {
  if (bytes.length === 0) throw new JianceError(emptyFile(file));
  // A JavaScript string holds at most 2²⁹ − 24 UTF-16 units: a larger file must be read in batches.
  if (bytes.length > maxTextBytes) throw new JianceError(fileTooLargeForMemory(file, bytes.length));
  let decoded: DecodedText;
  const bom = byteOrderMark(bytes);
  if (bom) {
    decoded = { text: strict(bom.label, bytes.subarray(bom.length), file), encoding: bom.encoding };
  } else {
    if (looksBinary(bytes)) throw new JianceError(binaryNotText(file));
    const utf8 = tryDecode('utf-8', bytes);
    if (utf8 !== undefined) decoded = { text: utf8, encoding: 'utf-8' };
    else if (utf8UpToCutEnd(bytes)) throw new JianceError(truncatedText(file, lineCount(bytes)));
    else {
      const gb = tryDecode('gb18030', bytes);
      if (gb === undefined) throw new JianceError(unreadableEncoding(file, lineOfFirstInvalidUtf8(bytes)));
      decoded = { text: gb, encoding: 'gb18030' };
    }
  }
  if (decoded.text.trim() === '') throw new JianceError(emptyFile(file));
  return decoded;
}

/**
 * The encoding a byte-order mark announces (UTF-8, UTF-16 LE/BE), the TextDecoder label and
 * the mark's length; undefined without a mark. Shared by whole-file and streamed reading.
 *
 * @example
 * byteOrderMark(new Uint8Array([0xef, 0xbb, 0xbf, 0x41])); // => { encoding: 'utf-8-bom', label: 'utf-8', length: 3 }
 */
export function byteOrderMark(bytes: Uint8Array): { encoding: DecodedText['encoding']; label: string; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8-bom', label: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', label: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', label: 'utf-16be', length: 2 };
  return undefined;
}

/** Files above this are read in batches (a decoded string could exceed V8's 2²⁹ − 24 characters). */
export const maxTextBytes = 500_000_000;

/**
 * True when the start of a file is binary, not text: a NUL byte in the first 8 KB and no byte
 * order mark (UTF-16 text has NULs but starts with its BOM). Whole-file and streamed reading
 * both refuse such a file.
 *
 * @example
 * looksBinary(new Uint8Array([0x50, 0x4b, 0x00])); // => true
 */
export function looksBinary(bytes: Uint8Array): boolean {
  return !byteOrderMark(bytes) && bytes.subarray(0, 8192).includes(0);
}

function tryDecode(label: string, bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function strict(label: string, bytes: Uint8Array, file: string): string {
  const text = tryDecode(label, bytes);
  if (text !== undefined) return text;
  if (label === 'utf-8' && utf8UpToCutEnd(bytes)) throw new JianceError(truncatedText(file, lineCount(bytes)));
  // Where the declared encoding first fails: the line of the first replacement character.
  const lenient = new TextDecoder(label, { ignoreBOM: true }).decode(bytes);
  const at = lenient.indexOf('\uFFFD');
  let line = 1;
  for (let k = lenient.indexOf('\n'); k >= 0 && k < at; k = lenient.indexOf('\n', k + 1)) line++;
  throw new JianceError(invalidBytesForEncoding(file, label.toUpperCase(), line));
}

/** Valid UTF-8 but for an incomplete sequence at the very end: a UTF-8 file cut off mid-character. */
function utf8UpToCutEnd(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** 1-based number of the last line (line feeds + 1). */
function lineCount(bytes: Uint8Array): number {
  let n = 1;
  for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, i + 1)) n++;
  return n;
}

/** 1-based line of the first byte sequence that is not valid UTF-8 (for the error message). */
function lineOfFirstInvalidUtf8(bytes: Uint8Array): number {
  let line = 1;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b === 0x0a) line++;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return line;
    for (let k = 1; k <= need; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return line;
    i += need + 1;
  }
  return line;
}

import { DataType, type Data, type Table } from 'apache-arrow';

/**
 * The one place that reads Arrow columns for the hot loops (STYLE.md habit 5): it walks the
 * chunks and their null bitmaps itself. `Vector.toArray()` is never used on a column that may
 * hold nulls, because nulls come back as 0 (apache/arrow-js#105).
 */

function isValid(data: Data, i: number): boolean {
  const bitmap = data.nullBitmap;
  if (!bitmap || data.nullCount === 0 || bitmap.length === 0) return true;
  const bit = data.offset + i;
  return (bitmap[bit >> 3]! & (1 << (bit & 7))) !== 0;
}

/**
 * A numeric column as a Float64Array with NaN for null (数值列读取).
 * Throws a RangeError for a column that is absent or not numeric.
 *
 * @example
 * readNumbers(tableFromArrays({ x: Float64Array.of(1, 2) }), 'x'); // => Float64Array [1, 2]
 */
export function readNumbers(table: Table, name: string): Float64Array {
  const column = table.getChild(name);
  if (!column) throw new RangeError(`no column "${name}"`);
  const out = new Float64Array(column.length);
  let at = 0;
  for (const data of column.data) {
    const type = data.type;
    if (!DataType.isFloat(type) && !DataType.isInt(type) && !DataType.isDecimal(type)) {
      throw new RangeError(`column "${name}" is not numeric (${String(type)})`);
    }
    const values = data.values as ArrayLike<number | bigint>;
    const n = data.length;
    const checkNulls = data.nullCount > 0;
    if (DataType.isInt(type) && type.bitWidth === 64) {
      for (let i = 0; i < n; i++) out[at + i] = checkNulls && !isValid(data, i) ? NaN : Number(values[i]);
    } else if (DataType.isFloat(type) && type.precision === 0) {
      // Float16: decode through the vector accessor.
      for (let i = 0; i < n; i++) out[at + i] = checkNulls && !isValid(data, i) ? NaN : Number(column.get(at + i));
    } else {
      const v = values as ArrayLike<number>;
      if (!checkNulls) for (let i = 0; i < n; i++) out[at + i] = v[i]!;
      else for (let i = 0; i < n; i++) out[at + i] = isValid(data, i) ? v[i]! : NaN;
    }
    at += n;
  }
  return out;
}

/** A categorical column as integer codes into `labels`; -1 for null. */
export interface Codes {
  codes: Int32Array;
  labels: (string | number)[];
}

/**
 * A key column (county, school, year, grade…) as integer codes, in order of first
 * appearance. Dictionary columns are decoded batch by batch against each batch's own
 * dictionary, so batches with different dictionaries give correct labels (the arquero 8.0.3
 * `fromArrow` bug in TOOLING.md is avoided here).
 *
 * @example
 * const table = tableFromArrays({ county: ['青山县', '青山县', '河东区'] });
 * readCodes(table, 'county'); // => { codes: Int32Array [0, 0, 1], labels: ['青山县', '河东区'] }
 */
export function readCodes(table: Table, name: string): Codes {
  // Tables are immutable: a key column is decoded once per table (every summary reuses it).
  let cached = codesCache.get(table);
  if (!cached) codesCache.set(table, (cached = new Map()));
  const hit = cached.get(name);
  if (hit) return hit;
  const codes = decodeCodes(table, name);
  cached.set(name, codes);
  return codes;
}

const codesCache = new WeakMap<Table, Map<string, Codes>>();

function decodeCodes(table: Table, name: string): Codes {
  const column = table.getChild(name);
  if (!column) throw new RangeError(`no column "${name}"`);
  const codes = new Int32Array(column.length);
  const labels: (string | number)[] = [];
  const index = new Map<string | number, number>();
  const codeOf = (label: string | number): number => {
    let c = index.get(label);
    if (c === undefined) {
      c = labels.length;
      index.set(label, c);
      labels.push(label);
    }
    return c;
  };
  let at = 0;
  for (const data of column.data) {
    const n = data.length;
    if (DataType.isDictionary(data.type) && data.dictionary) {
      const dictionary = data.dictionary;
      const local = new Int32Array(dictionary.length).fill(-2);
      const keys = data.values as ArrayLike<number | bigint>;
      for (let i = 0; i < n; i++) {
        if (!isValid(data, i)) {
          codes[at + i] = -1;
          continue;
        }
        const k = Number(keys[i]);
        if (local[k] === -2) local[k] = codeOf(normaliseLabel(dictionary.get(k)));
        codes[at + i] = local[k]!;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const v = isValid(data, i) ? column.get(at + i) : null;
        codes[at + i] = v === null || v === undefined ? -1 : codeOf(normaliseLabel(v));
      }
    }
    at += n;
  }
  return { codes, labels };
}

/**
 * Keys whose blank cells form a group of their own instead of leaving the row out of the
 * summary: a blank 省份 is one unnamed province (validation keeps such rows; county, school,
 * year and grade are never blank in a kept row, and a blank sex or locale leaves a gap
 * analysis, which counts it).
 */
export const blankKeepingKeys: ReadonlySet<string> = new Set(['province']);

const keyCodesCache = new WeakMap<Table, Map<string, KeyCodes>>();

/** A key column's codes, blanks coded as a label of their own (null) for {@link blankKeepingKeys}. */
export interface KeyCodes {
  codes: Int32Array;
  labels: (string | number | null)[];
}

/**
 * The codes a summary groups a key by (分组编码): {@link readCodes}, except that for
 * {@link blankKeepingKeys} a blank cell is a group labelled null rather than -1 (skipped).
 *
 * @example
 * const table = tableFromArrays({ province: ['示例省', null, null] });
 * readKeyCodes(table, 'province'); // => { codes: Int32Array [0, 1, 1], labels: ['示例省', null] }
 */
export function readKeyCodes(table: Table, name: string): KeyCodes {
  const plain = readCodes(table, name);
  if (!blankKeepingKeys.has(name) || !plain.codes.includes(-1)) return plain;
  let cached = keyCodesCache.get(table);
  if (!cached) keyCodesCache.set(table, (cached = new Map()));
  const hit = cached.get(name);
  if (hit) return hit;
  const blank = plain.labels.length;
  const out: KeyCodes = { codes: plain.codes.map((c) => (c < 0 ? blank : c)), labels: [...plain.labels, null] };
  cached.set(name, out);
  return out;
}

function normaliseLabel(v: unknown): string | number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  return String(v);
}

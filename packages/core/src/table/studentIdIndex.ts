/** Segments of the table: each grows on its own, so a doubling allocates 1/256 of the table, not a second whole one. */
const SEGMENT_BITS = 8;
const SEGMENTS = 1 << SEGMENT_BITS;

/** One open-addressing segment: hash halves and first rows, at most 3/4 full. */
interface Segment {
  hi: Uint32Array;
  lo: Uint32Array;
  rows: Int32Array;
  size: number;
}

function segment(slots: number): Segment {
  return { hi: new Uint32Array(slots), lo: new Uint32Array(slots), rows: new Int32Array(slots).fill(-1), size: 0 };
}

/**
 * The students seen so far, for duplicate detection across batches (学生编号查重): an
 * open-addressing hash table of 64-bit hashes of (year, id) with the row number of each
 * first occurrence — 12 bytes a slot, at most 3/4 full, no strings kept, so a stream of ten
 * million students needs about 200 MB instead of gigabytes. Two different ids collide with
 * probability about n²/2⁶⁵ (≈ 3·10⁻⁶ for 10⁷ students); such a collision would report a false
 * duplicate.
 *
 * The table is split into 256 segments by 8 bits of the hash, each doubling on its own: a
 * single table would hold its old and its new arrays while doubling (1.5× its size, 300 MB at
 * 10⁷ students and 2.4 GB at 10⁸), a segment only 1/256 of that. (The old arrays are returned
 * when V8 collects them; the segments reach each size at about the same count, so their
 * doublings come close together, but V8 collects as the external memory grows.)
 */
export class StudentIdIndex {
  private readonly segments: Segment[];
  private size = 0;

  /** `capacity`: the students expected (the table grows past it; presizing only saves the doublings). */
  constructor(capacity = 1 << 16) {
    // A segment gets capacity/256 ids on average, binomially spread: sized for the mean + 4 SD,
    // so that presized for n ids no segment doubles before n (sized for the mean, half of them
    // would when n is just under 3/4 of a power of two).
    const share = capacity / SEGMENTS;
    const most = share + 4 * Math.sqrt(share) + 8;
    let slots = 8;
    while (slots * 3 < most * 4) slots <<= 1;
    this.segments = Array.from({ length: SEGMENTS }, () => segment(slots));
  }

  /** Number of students recorded. */
  get count(): number {
    return this.size;
  }

  /** Bytes held by the table's arrays. */
  get bytes(): number {
    let n = 0;
    for (const s of this.segments) n += s.rows.length * 12;
    return n;
  }

  /**
   * Records (key, row) and returns -1, or returns the row of the earlier student with that key.
   *
   * @example
   * const ids = new StudentIdIndex(); ids.firstRow('2024\u0000S1', 2); ids.firstRow('2024\u0000S1', 9); // => 2
   */
  firstRow(key: string, row: number): number {
    // -1 marks an empty slot: a negative row would be stored and never found.
    if (!(row >= 0 && row <= 0x7fffffff)) throw new RangeError(`StudentIdIndex: row ${row} is not a row number (0 to 2³¹ − 1)`);
    const [h1, h2] = hash64(key);
    const s = this.segments[h2 >>> (32 - SEGMENT_BITS)]!;
    const { hi, lo, rows } = s;
    const mask = rows.length - 1;
    let i = h1 & mask;
    while (rows[i]! >= 0) {
      if (hi[i] === h1 && lo[i] === h2) return rows[i]!;
      i = (i + 1) & mask;
    }
    hi[i] = h1;
    lo[i] = h2;
    rows[i] = row;
    this.size++;
    // Up to 3/4 full: linear probing stays short (≈ 2.5 probes on a hit, ≈ 8.5 on a miss) and 10⁸
    // students fit in 2²⁷ slots (1.6 GB) rather than 2²⁸.
    if (++s.size * 4 > rows.length * 3) grow(s);
    return -1;
  }
}

/** Doubles a segment, re-placing its entries. */
function grow(s: Segment): void {
  const { hi, lo, rows } = s;
  const c = rows.length * 2;
  s.hi = new Uint32Array(c);
  s.lo = new Uint32Array(c);
  s.rows = new Int32Array(c).fill(-1);
  const mask = c - 1;
  for (let j = 0; j < rows.length; j++) {
    if (rows[j]! < 0) continue;
    let i = hi[j]! & mask;
    while (s.rows[i]! >= 0) i = (i + 1) & mask;
    s.hi[i] = hi[j]!;
    s.lo[i] = lo[j]!;
    s.rows[i] = rows[j]!;
  }
}

/** Two independent 32-bit FNV-1a-style hashes of a string's UTF-16 code units (64 bits together). */
function hash64(s: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  a ^= a >>> 16;
  a = Math.imul(a, 0x85ebca6b);
  a ^= a >>> 13;
  return [a >>> 0, b >>> 0];
}

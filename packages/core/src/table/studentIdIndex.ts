/**
 * The students seen so far, for duplicate detection across batches (学生编号查重): an
 * open-addressing hash table of 64-bit hashes of (year, id) with the row number of each
 * first occurrence — 12 bytes a slot, at most 3/4 full, no strings kept, so a stream of ten
 * million students needs about 200 MB instead of gigabytes. Two different ids collide with probability about
 * n²/2⁶⁵ (≈ 3·10⁻⁶ for 10⁷ students); such a collision would report a false duplicate.
 */
export class StudentIdIndex {
  private hi: Uint32Array;
  private lo: Uint32Array;
  private rows: Int32Array;
  private size = 0;

  constructor(capacity = 1 << 16) {
    let c = 16;
    while (c * 3 < capacity * 4) c <<= 1;
    this.hi = new Uint32Array(c);
    this.lo = new Uint32Array(c);
    this.rows = new Int32Array(c).fill(-1);
  }

  /** Number of students recorded. */
  get count(): number {
    return this.size;
  }

  /**
   * Records (key, row) and returns -1, or returns the row of the earlier student with that key.
   *
   * @example
   * const ids = new StudentIdIndex(); ids.firstRow('2024\u0000S1', 2); ids.firstRow('2024\u0000S1', 9); // => 2
   */
  firstRow(key: string, row: number): number {
    const [h1, h2] = hash64(key);
    const mask = this.rows.length - 1;
    let i = h1 & mask;
    while (this.rows[i]! >= 0) {
      if (this.hi[i] === h1 && this.lo[i] === h2) return this.rows[i]!;
      i = (i + 1) & mask;
    }
    this.hi[i] = h1;
    this.lo[i] = h2;
    this.rows[i] = row;
    // Up to 3/4 full: linear probing stays short (≈ 2.5 probes on a hit, ≈ 8.5 on a miss) and 10⁸ students fit
    // in 2²⁷ slots (1.6 GB) rather than 2²⁸.
    if (++this.size * 4 > this.rows.length * 3) this.grow();
    return -1;
  }

  private grow(): void {
    const { hi, lo, rows } = this;
    const c = rows.length * 2;
    this.hi = new Uint32Array(c);
    this.lo = new Uint32Array(c);
    this.rows = new Int32Array(c).fill(-1);
    const mask = c - 1;
    for (let j = 0; j < rows.length; j++) {
      if (rows[j]! < 0) continue;
      let i = hi[j]! & mask;
      while (this.rows[i]! >= 0) i = (i + 1) & mask;
      this.hi[i] = hi[j]!;
      this.lo[i] = lo[j]!;
      this.rows[i] = rows[j]!;
    }
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

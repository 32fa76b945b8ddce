import { describe, expect, it } from 'vitest';
import { randomSource } from '../../src/index.js';
import { StudentIdIndex } from '../../src/table/studentIdIndex.js';

describe('StudentIdIndex', () => {
  it('firstRow returns the first row of every repeated id and -1 for new ones, as a Map would (seeded ids, 300,000 students)', () => {
    const rng = randomSource(8);
    const ids = new StudentIdIndex(); // starts small: every segment doubles at least twice
    const reference = new Map<string, number>();
    let repeats = 0;
    const wrong: string[] = [];
    for (let row = 2; row < 300_002; row++) {
      // One draw in ten repeats an id seen before; the others are new.
      const repeat = reference.size > 0 && rng.uniform() < 0.1;
      const id = repeat ? `2024\u0000S${Math.floor(rng.uniform() * reference.size)}` : `2024\u0000S${reference.size}`;
      const expected = reference.get(id) ?? -1;
      if (expected < 0) reference.set(id, row);
      else repeats++;
      const got = ids.firstRow(id, row);
      if (got !== expected && wrong.length < 5) wrong.push(`${id}: ${got}, expected ${expected}`);
    }
    expect(wrong).toEqual([]);
    expect(repeats).toBeGreaterThan(25_000);
    expect(ids.count).toBe(reference.size);
    // Every id is still found after all the doublings.
    for (const [id, row] of reference) if (ids.firstRow(id, 0) !== row) throw new Error(`${id} lost`);
  });

  it('StudentIdIndex segments fill evenly: 10⁶ ids take 2²¹ slots (24 MiB), as one table at most 3/4 full would', () => {
    const ids = new StudentIdIndex();
    for (let k = 0; k < 1_000_000; k++) ids.firstRow(`2023\u0000S${String(k).padStart(9, '0')}`, k);
    // 10⁶ / 0.75 = 1.33·10⁶ slots rounded up to a power of two per segment: 2¹³ slots each, 2²¹
    // in all, only if every segment holds 3,073 to 6,144 of the ids (mean 3,906); a skewed hash
    // would leave some smaller or double others.
    expect(ids.bytes).toBe(2 ** 21 * 12);
  });

  it('new StudentIdIndex(n) is presized: n students need no doubling, also just under 3/4 of a power of two', () => {
    // 98,304 and 196,608 are 3/4 of 2¹⁷ and 2¹⁸: sized for the average share, about half the
    // segments would double before n.
    for (const n of [1_000, 98_304, 100_000, 196_608]) {
      const ids = new StudentIdIndex(n);
      const before = ids.bytes;
      for (let k = 0; k < n; k++) ids.firstRow(`2024\u0000S${k}`, k + 2);
      expect(ids.bytes, `n = ${n}`).toBe(before);
      expect(ids.count).toBe(n);
      // …and not oversized: at most 4× the slots a single table 3/4 full would need, plus 32
      // slots a segment (what the margin of a few ids gives a small table).
      expect(before, `n = ${n}`).toBeLessThanOrEqual(4 * (n / 0.75) * 12 + 256 * 32 * 12);
    }
  });

  it('firstRow refuses a row number that cannot be stored (a negative row would be lost)', () => {
    const ids = new StudentIdIndex();
    expect(() => ids.firstRow('S1', -5)).toThrow(RangeError);
    expect(() => ids.firstRow('S1', Number.NaN)).toThrow(RangeError);
    expect(ids.count).toBe(0);
  });
});

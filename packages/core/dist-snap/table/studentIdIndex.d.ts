/**
 * The students seen so far, for duplicate detection across batches (学生编号查重): an
 * open-addressing hash table of 64-bit hashes of (year, id) with the row number of each
 * first occurrence — 12 bytes a slot, at most 3/4 full, no strings kept, so a stream of ten
 * million students needs about 200 MB instead of gigabytes. Two different ids collide with probability about
 * n²/2⁶⁵ (≈ 3·10⁻⁶ for 10⁷ students); such a collision would report a false duplicate.
 */
export declare class StudentIdIndex {
    private hi;
    private lo;
    private rows;
    private size;
    constructor(capacity?: number);
    /** Number of students recorded. */
    get count(): number;
    /**
     * Records (key, row) and returns -1, or returns the row of the earlier student with that key.
     *
     * @example
     * const ids = new StudentIdIndex(); ids.firstRow('2024\u0000S1', 2); ids.firstRow('2024\u0000S1', 9); // => 2
     */
    firstRow(key: string, row: number): number;
    private grow;
}
//# sourceMappingURL=studentIdIndex.d.ts.map
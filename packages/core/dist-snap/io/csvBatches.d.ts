import type { RawTable } from './raw.js';
export declare class CsvBatcher {
    private readonly file;
    private readonly batchRows;
    private readonly encoding?;
    /** Parse once this much text is waiting (characters). */
    private readonly pieceChars;
    private pending;
    private inQuotes;
    private lastBreak;
    /** Record ends seen in `pending` (the first parse waits for enough to find the header). */
    private breaks;
    private records;
    private headers;
    private delimiter;
    constructor(file: string, batchRows: number, encoding?: string | undefined, 
    /** Parse once this much text is waiting (characters). */
    pieceChars?: number);
    /** Adds decoded text; returns the batches completed by it. */
    push(text: string): RawTable[];
    /** Parses what is left at the end of the text. */
    end(): RawTable[];
    private parse;
}
/**
 * A raw table cut into batches of at most n rows (the first keeps the blank-line count).
 *
 * @example
 * [...batchesOf(raw, 1000)].length; // => Math.ceil(raw.rowNumbers.length / 1000)
 */
export declare function batchesOf(raw: RawTable, n: number): Generator<RawTable>;
//# sourceMappingURL=csvBatches.d.ts.map
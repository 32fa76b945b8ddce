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
export declare function decodeText(bytes: Uint8Array, file: string): DecodedText;
/**
 * The encoding a byte-order mark announces (UTF-8, UTF-16 LE/BE), the TextDecoder label and
 * the mark's length; undefined without a mark. Shared by whole-file and streamed reading.
 *
 * @example
 * byteOrderMark(new Uint8Array([0xef, 0xbb, 0xbf, 0x41])); // => { encoding: 'utf-8-bom', label: 'utf-8', length: 3 }
 */
export declare function byteOrderMark(bytes: Uint8Array): {
    encoding: DecodedText['encoding'];
    label: string;
    length: number;
} | undefined;
/** Files above this are read in batches (a decoded string could exceed V8's 2²⁹ − 24 characters). */
export declare const maxTextBytes = 500000000;
//# sourceMappingURL=decodeText.d.ts.map
import { describe, expect, it } from 'vitest';
import { decodeText, messages, parseCsv } from '../../src/index.js';
import { thrown } from '../helpers.js';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('decodeText', () => {
  it('decodeText reads plain UTF-8', () => {
    expect(decodeText(utf8('区县,学校\n'), 'a.csv')).toEqual({ text: '区县,学校\n', encoding: 'utf-8' });
  });
  it('decodeText strips a UTF-8 byte-order mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('区县')]);
    expect(decodeText(bytes, 'a.csv')).toEqual({ text: '区县', encoding: 'utf-8-bom' });
  });
  it('decodeText detects GB18030 (GBK) text, including a 4-byte character', () => {
    // "年级" in GBK is C4 EA BC B6; U+20000 (𠀀) is the GB18030 4-byte sequence 95 32 82 36.
    const bytes = new Uint8Array([0xc4, 0xea, 0xbc, 0xb6, 0x2c, 0x95, 0x32, 0x82, 0x36]);
    expect(decodeText(bytes, 'a.csv')).toEqual({ text: '年级,\u{20000}', encoding: 'gb18030' });
  });
  it('decodeText reads UTF-16LE with a byte-order mark (Excel "Unicode text")', () => {
    const bytes = new Uint8Array([0xff, 0xfe, 0x3a, 0x53, 0x09, 0x00, 0x61, 0x00]); // 区\ta
    expect(decodeText(bytes, 'a.txt')).toEqual({ text: '区\ta', encoding: 'utf-16le' });
  });
  it('decodeText refuses an empty or whitespace-only file', () => {
    expect(thrown(() => decodeText(new Uint8Array(), 'e.csv')).message).toBe(messages.emptyFile('e.csv').en);
    expect(thrown(() => decodeText(utf8(' \r\n\n'), 'e.csv')).code).toBe('empty-file');
  });
  it('decodeText refuses binary content', () => {
    expect(thrown(() => decodeText(new Uint8Array([1, 0, 2, 0]), 'b.csv')).message).toBe(messages.binaryNotText('b.csv').en);
  });
  it('decodeText names the line of bytes that are neither UTF-8 nor GB18030', () => {
    // 0xFF is invalid as a lead byte in both encodings.
    const bytes = new Uint8Array([...utf8('a,b\nc,d\n'), 0xff, 0x41]);
    const error = thrown(() => decodeText(bytes, 'x.csv'));
    expect(error.message).toBe(messages.unreadableEncoding('x.csv', 3).en);
  });
  it('decodeText calls a UTF-8 file cut mid-character truncated, never GB18030 (which would read it as garbled text)', () => {
    // "学" is E5 AD A6: the file ends after E5 AD. As a whole it would decode as GB18030.
    const bytes = utf8('区县,学校\n青山县,一小\n青山县,二学').subarray(0, -1);
    expect(thrown(() => decodeText(bytes, 'cut.csv')).message).toBe(messages.truncatedText('cut.csv', 3).en);
    expect(thrown(() => decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]), 'cut.csv')).code).toBe('truncated-text');
  });
  it('decodeText names the encoding a byte order mark declares, and the line of its invalid bytes', () => {
    // UTF-16LE: "a\nb\n" then a lone low surrogate (00 DC) on line 3.
    const bytes = new Uint8Array([0xff, 0xfe, 0x61, 0, 0x0a, 0, 0x62, 0, 0x0a, 0, 0x63, 0, 0x00, 0xdc]);
    expect(thrown(() => decodeText(bytes, 'u16.txt')).message).toBe(messages.invalidBytesForEncoding('u16.txt', 'UTF-16LE', 3).en);
  });
});

describe('parseCsv', () => {
  it('parseCsv keeps quoted commas and line breaks inside one cell', () => {
    const raw = parseCsv('区县,学校\n青山县,"一小,东校区"\n青山县,"二小\n分校"\n', 'a.csv');
    expect(raw.columns[1]).toEqual(['一小,东校区', '二小\n分校']);
    expect(Array.from(raw.rowNumbers)).toEqual([2, 3]);
  });
  it('parseCsv reads CRLF line ends', () => {
    const raw = parseCsv('区县,学校\r\n青山县,一小\r\n', 'a.csv');
    expect(raw.columns).toEqual([['青山县'], ['一小']]);
    expect(raw.blankRows).toBe(0);
  });
  it('parseCsv skips and counts blank lines, keeping spreadsheet row numbers', () => {
    const raw = parseCsv('区县,学校\n\n青山县,一小\n,\n青山县,二小\n', 'a.csv');
    expect(raw.blankRows).toBe(2);
    expect(Array.from(raw.rowNumbers)).toEqual([3, 5]);
  });
  it('parseCsv tolerates trailing separators (an empty last column)', () => {
    const raw = parseCsv('区县,学校,\n青山县,一小,\n', 'a.csv');
    expect(raw.headers).toEqual(['区县', '学校', '']);
    expect(raw.rejected).toEqual([]);
  });
  it('parseCsv rejects a row with more non-blank fields than the header', () => {
    const raw = parseCsv('区县,学校,数学\n青山县,一小,东校区,512\n青山县,二小,500\n', 'a.csv');
    expect(raw.rejected).toEqual([{ index: 0, rule: 'field_count', value: '4 fields / 3 columns' }]);
  });
  it('parseCsv refuses a header-only file', () => {
    expect(thrown(() => parseCsv('区县,学校,数学\n', 'h.csv')).message).toBe(messages.noDataRows('h.csv', 3).en);
  });
  it('parseCsv refuses an unclosed quote, naming its row', () => {
    expect(thrown(() => parseCsv('区县,学校\n青山县,"一小\n青山县,二小\n', 'q.csv')).code).toBe('unclosed-quote');
  });
  it('parseCsv skips a title line above the header', () => {
    const raw = parseCsv('青山县2024年监测数据\n区县,学校\n青山县,一小\n', 'a.csv');
    expect(raw.headers).toEqual(['区县', '学校']);
    expect(Array.from(raw.rowNumbers)).toEqual([3]);
    expect(raw.blankRows).toBe(1);
  });
  it('parseCsv detects tab-separated text', () => {
    expect(parseCsv('区县\t学校\n青山县\t一小\n', 'a.txt').columns).toEqual([['青山县'], ['一小']]);
  });
});

describe('decodeText on a file too large for one string', () => {
  it('says to read it in batches instead of blaming the encoding', async () => {
    const { decodeText } = await import('../../src/index.js');
    // Only the length is looked at before refusing; no 600 MB buffer is needed.
    const huge = { length: 600_000_000 } as unknown as Uint8Array;
    expect(() => decodeText(huge, 'province.csv')).toThrowError(expect.objectContaining({ code: 'file-too-large-for-memory' }));
  });
});

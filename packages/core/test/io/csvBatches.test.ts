import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvBatcher, parseCsv, type RawTable } from '../../src/index.js';

/** The batches joined into one raw table. */
function join(batches: RawTable[]): Pick<RawTable, 'headers' | 'columns' | 'rowNumbers' | 'blankRows' | 'rejected'> {
  const headers = batches[0]!.headers;
  let offset = 0;
  const rejected: RawTable['rejected'] = [];
  for (const b of batches) {
    rejected.push(...b.rejected.map((r) => ({ ...r, index: r.index + offset })));
    offset += b.rowNumbers.length;
  }
  return {
    headers,
    columns: headers.map((_, c) => batches.flatMap((b) => b.columns[c]!)),
    rowNumbers: Int32Array.from(batches.flatMap((b) => [...b.rowNumbers])),
    blankRows: batches.reduce((a, b) => a + b.blankRows, 0),
    rejected,
  };
}
const whole = (r: RawTable) => ({ headers: r.headers, columns: r.columns, rowNumbers: r.rowNumbers, blankRows: r.blankRows, rejected: r.rejected });

describe('CsvBatcher', () => {
  const tricky =
    '青山县2024年监测学生数据\r\n' +
    '区县,学校,学生编号,数学,备注\r\n' +
    '青山县,"一小, 东校区",S1,512.5,"第一行\r\n第二行"\r\n' +
    '\r\n' +
    '青山县,二小,S2,470,"他说""好"""\r\n' +
    '青山县,三小,S3,缺考,,多余\r\n' +
    '河东区,一中,S4,601,"a\nb\nc"\r\n';

  it('gives what parseCsv gives, for any split of the text and any batch size', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: tricky.length }), { maxLength: 8 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 40 }),
        (cuts, batchRows, pieceChars) => {
          const points = [...new Set([0, ...cuts.sort((a, b) => a - b), tricky.length])];
          const csv = new CsvBatcher('t.csv', batchRows, undefined, pieceChars);
          const batches: RawTable[] = [];
          for (let i = 1; i < points.length; i++) batches.push(...csv.push(tricky.slice(points[i - 1], points[i])));
          batches.push(...csv.end());
          for (const b of batches) expect(b.rowNumbers.length).toBeLessThanOrEqual(batchRows);
          expect(join(batches)).toEqual(whole(parseCsv(tricky, 't.csv')));
        },
      ),
      { numRuns: 300, seed: 20261125 },
    );
  });

  it('finds a tab delimiter even when the first piece ends inside the header', () => {
    const text = '区县\t学校\t数学\n青山县\t一小\t500\n河东区\t一中\t510\n';
    const csv = new CsvBatcher('t.tsv', 10, undefined, 1);
    const batches = [...csv.push(text.slice(0, 3)), ...csv.push(text.slice(3)), ...csv.end()];
    expect(join(batches)).toEqual(whole(parseCsv(text, 't.tsv')));
    expect(batches[0]!.headers).toEqual(['区县', '学校', '数学']);
  });

  it('the county fixture in 8 KB pieces and batches of 100 rows', () => {
    const text = readFileSync(new URL('../../../../fixtures/county.csv', import.meta.url), 'utf8');
    const csv = new CsvBatcher('county.csv', 100, 'utf-8', 4096);
    const batches: RawTable[] = [];
    for (let i = 0; i < text.length; i += 8192) batches.push(...csv.push(text.slice(i, i + 8192)));
    batches.push(...csv.end());
    for (const b of batches) expect(b.rowNumbers.length).toBeLessThanOrEqual(100);
    expect(batches.length).toBeGreaterThan(33);
    expect(join(batches)).toEqual(whole(parseCsv(text, 'county.csv', 'utf-8')));
  });

  it('a U+FEFF at the start of a later piece stays in its cell, as parseCsv keeps it (two exports concatenated; fuzz case 50277)', () => {
    const lines = ['区县,学校,数学', ...Array.from({ length: 40 }, (_, i) => `${i === 25 ? '\uFEFF' : ''}青山县,学校${i},${500 + i}`)];
    const text = `${lines.join('\n')}\n`;
    for (const pieceChars of [1, 7, 50]) {
      const csv = new CsvBatcher('bom.csv', 8, 'utf-8', pieceChars);
      const batches: RawTable[] = [];
      // Pushed line by line, so a piece starts where the BOM does.
      for (const line of lines) batches.push(...csv.push(`${line}\n`));
      batches.push(...csv.end());
      expect(join(batches)).toEqual(whole(parseCsv(text, 'bom.csv', 'utf-8')));
    }
    expect(parseCsv(text, 'bom.csv', 'utf-8').columns[0]![25]).toBe('\uFEFF青山县');
  });

  it('an unclosed quote is reported at its row, as in one piece', () => {
    const csv = new CsvBatcher('q.csv', 10, undefined, 8);
    const text = '区县,学校\n甲,"一小\n乙,二小\n';
    const once = (() => {
      try {
        parseCsv(text, 'q.csv');
      } catch (e) {
        return e;
      }
    })() as { code: string; details: unknown };
    expect(once.code).toBe('unclosed-quote');
    expect(() => [...csv.push(text), ...csv.end()]).toThrowError(expect.objectContaining({ code: 'unclosed-quote', details: once.details }));
  });
});

import { Dictionary, Float64, Int32, Table, Utf8, tableFromArrays, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { readCodes, readNumbers } from '../../src/index.js';

describe('columns', () => {
  it('readNumbers returns NaN for nulls, also in a sliced table', () => {
    const t = new Table({ x: vectorFromArray([1, null, 3, null, 5], new Float64()) });
    expect(Array.from(readNumbers(t, 'x'))).toEqual([1, NaN, 3, NaN, 5]);
    expect(Array.from(readNumbers(t.slice(1, 4), 'x'))).toEqual([NaN, 3, NaN]);
  });
  it('readCodes decodes each batch with its own dictionary', () => {
    const type = () => new Dictionary(new Utf8(), new Int32());
    const a = new Table({ county: vectorFromArray(['青山县', '河东区', null], type()) });
    const b = new Table({ county: vectorFromArray(['白水县', '青山县'], type()) });
    const t = a.concat(b);
    expect(t.batches.length).toBe(2);
    const { codes, labels } = readCodes(t, 'county');
    expect(Array.from(codes).map((c) => (c < 0 ? null : labels[c]))).toEqual(['青山县', '河东区', null, '白水县', '青山县']);
  });
  it('readCodes reads plain integer and text columns', () => {
    const t = tableFromArrays({ year: Int32Array.of(2024, 2021, 2024) });
    expect(readCodes(t, 'year')).toEqual({ codes: Int32Array.of(0, 1, 0), labels: [2024, 2021] });
  });
});

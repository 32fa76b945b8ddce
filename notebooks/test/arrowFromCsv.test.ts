import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import { analyzeStudents, parseCsv, rawFromArrow, studentTable } from '@jiance/core';
import { arrowFromCsv } from '../src/arrowFromCsv.js';
import { fixturesDir } from '../src/prepareData.js';

describe('arrowFromCsv', () => {
  it('arrowFromCsv types columns by their cells: Int32, Float64, else Utf8 with nulls for blanks', () => {
    const table = tableFromIPC(arrowFromCsv('year,county,math,note\n2024,青山县,512.5,\n2023,青山县,缺考,x\n', 'a.csv'));
    expect(table.schema.fields.map(String)).toEqual(['year: Int32', 'county: Utf8', 'math: Utf8', 'note: Utf8']);
    expect(table.getChild('year')!.get(1)).toBe(2023);
    expect(table.getChild('note')!.get(0)).toBeNull();
    expect(tableFromIPC(arrowFromCsv('w\n0.5\n\n2\n', 'b.csv')).schema.fields.map(String)).toEqual(['w: Float64']);
  });

  it('arrowFromCsv of county.csv gives the results of the CSV itself (the Arrow file the notebooks read)', () => {
    const text = readFileSync(join(fixturesDir, 'county.csv'), 'utf8');
    const fromCsv = analyzeStudents(studentTable(parseCsv(text, 'county.csv')), { rates: { anxietyCutoff: 60 } });
    const fromArrow = analyzeStudents(studentTable(rawFromArrow(tableFromIPC(arrowFromCsv(text, 'county.csv')), 'county.arrow')), {
      rates: { anxietyCutoff: 60 },
    });
    expect(JSON.stringify(fromArrow)).toBe(JSON.stringify(fromCsv));
  });
});

import { readFileSync } from 'node:fs';
import { analyzeStudents, parseCsv, studentTable } from '@jiance/core';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { renderDocx, renderReport, wordTableRows } from '../src/index.js';

const province = analyzeStudents(studentTable(parseCsv(readFileSync(new URL('../../../fixtures/province.csv', import.meta.url), 'utf8'), 'province.csv')));

describe('renderDocx', () => {
  it('a table longer than wordTableRows lists its first rows and says where every row is; report.html keeps them all', async () => {
    const xml = strFromU8(unzipSync(await renderDocx(province, { lang: 'zh' }))['word/document.xml']!);
    const html = renderReport(province, { lang: 'zh' });
    // The per-school table of the province fixture: one row per school × year × grade.
    const schoolRows = province.achievement[0]!.schools.length;
    expect(schoolRows).toBeGreaterThan(wordTableRows);
    const note = `此表共 ${schoolRows.toLocaleString('en')} 行，Word 报告列出前 ${wordTableRows} 行；全部各行见 tables.xlsx、tables/ 下的 CSV 文件和 report.html。`;
    expect(xml).toContain(note);
    const tables = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => (m[0].match(/<w:tr[ >]/g) ?? []).length);
    expect(Math.max(...tables)).toBe(wordTableRows + 1); // the header row and the first rows
    expect(html).not.toContain('Word 报告列出前');
    // The tables' borders and text size are set once: no cell carries its own borders.
    expect(xml).not.toContain('<w:tcBorders>');
    expect(xml).toContain('<w:pStyle w:val="TableText');
  });
});

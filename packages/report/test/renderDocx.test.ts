import { readFileSync } from 'node:fs';
import { analyzeStudents, findings, parseCsv, rectificationLedger, studentTable } from '@jiance/core';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { renderDocx, renderReport, wordTableRows } from '../src/index.js';

const province = analyzeStudents(studentTable(parseCsv(readFileSync(new URL('../../../fixtures/province.csv', import.meta.url), 'utf8'), 'province.csv')));

describe('renderDocx', () => {
  it('a table longer than wordTableRows lists its first rows and says where the full data are; report.html keeps them all', async () => {
    const xml = strFromU8(unzipSync(await renderDocx(province, { lang: 'zh' }))['word/document.xml']!);
    const html = renderReport(province, { lang: 'zh' });
    // The per-school table of the province fixture: one row per school × year × grade.
    const schoolRows = province.achievement[0]!.schools.length;
    expect(schoolRows).toBeGreaterThan(wordTableRows);
    const note = `此表在 HTML 报告中有 ${schoolRows.toLocaleString('en')} 行，Word 报告列出前 ${wordTableRows} 行；完整数据见 tables.xlsx 和 tables/ 下的 CSV 文件。`;
    expect(xml).toContain(note);
    const tables = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => (m[0].match(/<w:tr[ >]/g) ?? []).length);
    expect(Math.max(...tables)).toBe(wordTableRows + 1); // the header row and the first rows
    expect(html).not.toContain('Word 报告列出前');
    // The tables' borders and text size are set once: no cell carries its own borders.
    expect(xml).not.toContain('<w:tcBorders>');
    expect(xml).toContain('<w:pStyle w:val="TableText');
  });

  it('the tables of 主要发现 and 整改台账 are whole in Word however long', async () => {
    // The ledger of the province fixture, its rows repeated past wordTableRows.
    const found = findings(province);
    const ledger = rectificationLedger({ ...province, findings: found }, [{ measure: 'vision_poor', target: '-1pp per year' }], found, null);
    expect(ledger.items.length).toBeGreaterThan(0);
    const items = Array.from({ length: Math.ceil((wordTableRows + 1) / Math.max(1, ledger.items.length)) }, () => ledger.items).flat();
    const long = { ...province, findings: found, ledger: { ...ledger, items } };
    const xml = strFromU8(unzipSync(await renderDocx(long, { lang: 'zh' }))['word/document.xml']!);
    expect(items.length).toBeGreaterThan(wordTableRows);
    const tables = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => (m[0].match(/<w:tr[ >]/g) ?? []).length);
    expect(Math.max(...tables)).toBeGreaterThan(wordTableRows + 1);
  });
});

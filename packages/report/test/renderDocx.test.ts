import { readFileSync } from 'node:fs';
import { analyzeStudents, findings, parseCsv, rectificationLedger, studentTable } from '@jiance/core';
import { AlignmentType, BorderStyle, Document, type FileChild, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { type Block, inlineRuns, isNumeric } from '../src/document.js';
import { renderDocx, renderReport, wordTableRows } from '../src/index.js';
import { wordTable } from '../src/renderDocx.js';
import { reportSections } from '../src/renderReport.js';

const province = analyzeStudents(studentTable(parseCsv(readFileSync(new URL('../../../fixtures/province.csv', import.meta.url), 'utf8'), 'province.csv')));

/** A table built all of docx's objects (row → cell → paragraph → run): the XML {@link wordTable} must give. */
function docxObjectsTable(block: Extract<Block, { kind: 'table' }>, lang: 'zh' | 'en'): Table {
  const style = block.head.length > 7 ? 'TableText8' : 'TableText9';
  const border = { style: BorderStyle.SINGLE, size: 4, color: '999999' } as const;
  const cell = (text: string, header: boolean) =>
    new TableCell({
      ...(header ? { shading: { fill: 'F2F2F2' } } : {}),
      children: [
        new Paragraph({
          style,
          ...(!header && isNumeric(text) ? { alignment: AlignmentType.RIGHT } : {}),
          children: inlineRuns(text, lang).map((r) => new TextRun({ text: r.text, ...(r.bold || header ? { bold: true } : {}) })),
        }),
      ],
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: block.head.map((h) => cell(h, true)) }),
      ...block.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c) => cell(c, false)) })),
    ],
  });
}

/** The document.xml of a one-section Word document of these children, on the report's page. */
async function documentXml(children: FileChild[]): Promise<string> {
  const doc = new Document({ sections: [{ properties: { page: { margin: { left: 1418, right: 1134 } } }, children }] });
  return strFromU8(unzipSync(await Packer.toBuffer(doc))['word/document.xml']!);
}

describe('renderDocx', () => {
  it("wordTable writes the XML of docx's own row, cell, paragraph and run objects, for every table of a report and for edge cases", async () => {
    const tablesOf = (blocks: readonly Block[]): Extract<Block, { kind: 'table' }>[] =>
      blocks.flatMap((b) => (b.kind === 'table' ? [b] : b.kind === 'details' ? tablesOf(b.blocks) : []));
    const edge: Extract<Block, { kind: 'table' }> = {
      kind: 'table',
      head: ['县 &lt;甲&gt;', '<strong>值</strong>', 'a', 'b', 'c', 'd', 'e', 'f'],
      rows: [
        ['', '12.5', '−3.0', '<strong>待提高</strong>：注意', ' 空格 ', '&amp; &quot;x&quot;', '<span data-value="r.x">0.5</span>', '1,234'],
        ['乙', '', '', '', '', '', '', ''],
      ],
    };
    for (const lang of ['zh', 'en'] as const) {
      const tables = [
        ...reportSections(province, { lang })
          .flatMap((s) => tablesOf(s.blocks))
          .map((t) => ({ ...t, rows: t.rows.slice(0, 40) })),
        edge,
      ];
      expect(tables.length).toBeGreaterThan(20);
      const fast = await documentXml(tables.map((t) => wordTable(t, lang)));
      expect(fast).toBe(await documentXml(tables.map((t) => docxObjectsTable(t, lang))));
      expect(fast.match(/<w:tbl>/g)?.length).toBe(tables.length);
    }
  });

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

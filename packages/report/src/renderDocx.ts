import {
  AlignmentType,
  Bookmark,
  BorderStyle,
  Document,
  HeadingLevel,
  ImageRun,
  LineRuleType,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  FileChild,
} from 'docx';
import type { AnalysisResults } from '@jiance/core';
import { inlineRuns, inlineText, isNumeric, type Block, type Inline, type ReportSection } from './document.js';
import { t, type Lang } from './labels.js';
import { reportMeta, reportSections, type ReportContext } from './renderReport.js';

/** Options of {@link renderDocx}: the report's context, and how a chart's SVG becomes PNG (the CLI passes resvg). */
export interface DocxContext extends ReportContext {
  /**
   * SVG → PNG bytes at `scale`× (without it, charts are left out and a line says where they are).
   * May return a promise: the charts are then drawn all at once (the CLI draws them on libuv's
   * threads, beside its other work).
   */
  png?: (svg: string, scale: number) => Uint8Array | Promise<Uint8Array>;
}

/** The PNG of each chart of the document (by its SVG), drawn concurrently. */
type ChartImages = ReadonlyMap<string, Uint8Array>;

/** Every chart SVG of the blocks, details included. */
function figureSvgs(blocks: readonly Block[]): string[] {
  return blocks.flatMap((b) => (b.kind === 'figure' ? [b.chart.svg] : b.kind === 'details' ? figureSvgs(b.blocks) : []));
}

/**
 * Fonts declared for Chinese Word and WPS: 宋体 for the body's Chinese, 黑体 for headings,
 * Times New Roman for Latin letters and digits — the fonts of a 公文 on Chinese Windows; the
 * eastAsia language is zh-CN so Word picks the Chinese font for CJK text.
 */
const fonts = {
  body: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体', cs: 'Times New Roman' },
  heading: { ascii: 'Arial', hAnsi: 'Arial', eastAsia: '黑体', cs: 'Arial' },
} as const;

/** A4 with 2.5 cm / 2 cm margins: the text is 17 cm wide, 642 px at 96 dpi. */
const pageWidthPx = 642;
const twipsPerCm = 567;

/** The width and height of an SVG in px, from its attributes or viewBox. */
function svgSize(svg: string): { width: number; height: number } {
  const head = /<svg[^>]*>/.exec(svg)?.[0] ?? '';
  const num = (name: string) => Number(new RegExp(`\\s${name}="([\\d.]+)`).exec(head)?.[1]);
  let width = num('width');
  let height = num('height');
  if (!(width > 0 && height > 0)) {
    const box = /viewBox="[\d.\s-]*?([\d.]+)\s+([\d.]+)"/.exec(head);
    width = Number(box?.[1]) || 600;
    height = Number(box?.[2]) || 400;
  }
  return { width, height };
}

const runs = (inline: Inline, lang: Lang, options: { bold?: boolean; size?: number; color?: string } = {}): TextRun[] =>
  inlineRuns(inline, lang).map(
    (r) =>
      new TextRun({
        text: r.text,
        // Only what differs from the paragraph's style is written: a county's tables have tens of thousands of runs.
        ...(r.bold || options.bold === true ? { bold: true } : {}),
        ...(options.size ? { size: options.size } : {}),
        ...(options.color ? { color: options.color } : {}),
      }),
  );

const cellBorder = { style: BorderStyle.SINGLE, size: 4, color: '999999' } as const;

/**
 * The most rows a table has in report.docx (Word 报告中每张表最多列出的行数). A county's tables are
 * far shorter; a province of 224 counties has by-county lists of 2,000 rows, 32,000 rows in all —
 * a document of a thousand pages that office computers open slowly, if at all. The full data
 * are in tables.xlsx and tables/*.csv, and the note under a cut table says so. The tables of
 * 主要发现 and 整改台账 are never cut.
 */
export const wordTableRows = 500;

/** Sections whose tables are whole in Word too: 主要发现 and 整改台账, which the expert group edits. */
const uncutSections: ReadonlySet<string> = new Set(['findings', 'ledger']);

/** The line under a table cut to {@link wordTableRows}. */
const rowsCutNote = (rows: number, lang: Lang): Inline =>
  lang === 'zh'
    ? `此表在 HTML 报告中有 ${rows.toLocaleString('en')} 行，Word 报告列出前 ${wordTableRows} 行；完整数据见 tables.xlsx 和 tables/ 下的 CSV 文件。`
    : `This table has ${rows.toLocaleString('en')} rows in the HTML report; the Word report lists the first ${wordTableRows}. The full data are in tables.xlsx and the CSV files in tables/.`;

/** Paragraph styles of table cells: 8 pt in wide tables, 9 pt otherwise (set once, not on every run). */
const tableTextStyles = [
  { id: 'TableText8', name: 'Table Text 8pt', size: 16 },
  { id: 'TableText9', name: 'Table Text 9pt', size: 18 },
] as const;

/** docx's XML objects (what an `XmlComponent`'s `prepForXml` returns), written as the serializer reads them. */
type Xmlable = Record<string, unknown>;

/** The `w:r` of one run of a body cell, as docx's `TextRun` writes it (bold as `w:b` + `w:bCs`). */
const boldRunProperties: Xmlable = { 'w:rPr': [{ 'w:b': {} }, { 'w:bCs': {} }] };
const preserveSpace: Xmlable = { _attr: { 'xml:space': 'preserve' } };
const rowProperties: Xmlable = { 'w:trPr': [{ 'w:cantSplit': {} }] };
const paragraphProperties = (style: string, right: boolean): Xmlable => ({
  'w:pPr': right
    ? [{ 'w:pStyle': { _attr: { 'w:val': style } } }, { 'w:jc': { _attr: { 'w:val': 'right' } } }]
    : [{ 'w:pStyle': { _attr: { 'w:val': style } } }],
});

/**
 * A Word table whose body rows are written straight as docx's XML objects. The header row,
 * the borders and the column grid come from docx's own `Table` (the grid is resolved against the
 * page when the document is written); the body rows — a province's tables have tens of thousands
 * of cells — skip docx's `TableRow` → `TableCell` → `Paragraph` → `TextRun` objects, which took
 * 60% of the time of a province's Word report, and give the same XML (tested against those objects).
 */
class FastBodyTable extends FileChild {
  constructor(
    private readonly frame: Table,
    private readonly body: readonly Xmlable[],
  ) {
    super('w:tbl');
  }

  override prepForXml(context: Parameters<FileChild['prepForXml']>[0]): Xmlable | undefined {
    const xml = this.frame.prepForXml(context) as { 'w:tbl': unknown[] } | undefined;
    xml?.['w:tbl'].push(...this.body);
    return xml;
  }
}

/**
 * A report table as a Word table: a repeated header row, rows kept whole across pages, figures
 * right-aligned. Borders are the table's and the text size its cells' paragraph style, so a
 * table of thousands of cells stays small and quick to write.
 */
export function wordTable(block: Extract<Block, { kind: 'table' }>, lang: Lang): FileChild {
  const style = block.head.length > 7 ? tableTextStyles[0].id : tableTextStyles[1].id;
  const frame = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: cellBorder, bottom: cellBorder, left: cellBorder, right: cellBorder, insideHorizontal: cellBorder, insideVertical: cellBorder },
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: block.head.map(
          (h) => new TableCell({ shading: { fill: 'F2F2F2' }, children: [new Paragraph({ style, children: runs(h, lang, { bold: true }) })] }),
        ),
      }),
    ],
  });
  const left = paragraphProperties(style, false);
  const right = paragraphProperties(style, true);
  const body = block.rows.map((row) => ({
    'w:tr': [
      rowProperties,
      ...row.map((text) => ({
        'w:tc': [
          {
            'w:p': [
              isNumeric(text) ? right : left,
              ...inlineRuns(text, lang).map((r) => ({
                'w:r': r.bold ? [boldRunProperties, { 'w:t': [preserveSpace, r.text] }] : [{ 'w:t': [preserveSpace, r.text] }],
              })),
            ],
          },
        ],
      })),
    ],
  }));
  return new FastBodyTable(frame, body);
}

/** A section's blocks as Word paragraphs and tables. */
function wordBlocks(blocks: readonly Block[], context: DocxContext, lang: Lang, images: ChartImages, cutRows: boolean): (Paragraph | FileChild)[] {
  const out: (Paragraph | FileChild)[] = [];
  for (const block of blocks) {
    switch (block.kind) {
      case 'heading':
        out.push(
          new Paragraph({ heading: block.level === 3 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3, keepNext: true, children: runs(block.text, lang) }),
        );
        break;
      case 'paragraph': {
        const note = block.style === 'design-note' || block.style === 'quality-note';
        out.push(
          new Paragraph({
            children: runs(block.text, lang, note ? { size: 18, color: '555555' } : {}),
            ...(block.style === 'finding' ? { indent: { left: 420 }, spacing: { after: 60 } } : { spacing: { after: 120 } }),
            ...(block.style === 'reading' ? { border: { left: { style: BorderStyle.SINGLE, size: 18, color: 'C8102E', space: 6 } } } : {}),
          }),
        );
        break;
      }
      case 'table': {
        // A province's by-county lists run to thousands of rows: Word lists the first ones and says where the rest are.
        const cut = cutRows && block.rows.length > wordTableRows;
        out.push(wordTable(cut ? { ...block, rows: block.rows.slice(0, wordTableRows) } : block, lang));
        if (cut) out.push(new Paragraph({ children: runs(rowsCutNote(block.rows.length, lang), lang, { size: 18, color: '555555' }) }));
        out.push(new Paragraph({ children: [] }));
        break;
      }
      case 'figure': {
        const image = images.get(block.chart.svg);
        if (image) {
          const { width, height } = svgSize(block.chart.svg);
          const w = Math.min(pageWidthPx, width);
          // Very tall charts (one panel per county) are scaled to fit one page's height.
          const h = Math.min((height * w) / width, 860);
          const fitted = h < (height * w) / width ? (width * h) / height : w;
          out.push(
            new Paragraph({
              keepLines: true,
              alignment: AlignmentType.CENTER,
              children: [
                new ImageRun({
                  type: 'png',
                  data: image,
                  transformation: { width: Math.round(fitted), height: Math.round(h) },
                  altText: { name: block.chart.id, description: block.chart.id, title: block.chart.id },
                }),
              ],
            }),
          );
        } else {
          out.push(new Paragraph({ children: [new TextRun({ text: `${lang === 'zh' ? '图' : 'Chart'}：charts/${block.chart.id}.svg`, italics: true })] }));
        }
        if (block.note) out.push(new Paragraph({ children: runs(block.note, lang, { size: 18 }) }));
        break;
      }
      case 'figures':
        out.push(
          wordTable({ kind: 'table', head: block.items.map((i) => i.label), rows: [block.items.map((i) => i.value)] }, lang),
          new Paragraph({ children: [] }),
        );
        break;
      case 'details':
        out.push(
          new Paragraph({ keepNext: true, children: runs(block.summary, lang, { bold: true }) }),
          ...wordBlocks(block.blocks, context, lang, images, cutRows),
        );
        break;
    }
  }
  return out;
}

/**
 * The report as a Word document (报告.docx) from the same sections as the HTML
 * ({@link reportSections}): real Word tables (header row repeated, rows not split across
 * pages), charts as PNG images, headings as Word's 标题 styles, A4, and Chinese fonts declared
 * (宋体 / 黑体, Times New Roman for Latin) so it opens alike in Word and WPS on Chinese
 * Windows. Everything is editable: the expert group writes its 整改方案 into it.
 *
 * @example
 * const bytes = await renderDocx(results, { png: chartPng }); // => Uint8Array (a .docx, a zip)
 */
export async function renderDocx(results: AnalysisResults, context: DocxContext = {}): Promise<Uint8Array> {
  const lang = context.lang ?? 'zh';
  const sections = context.sections ?? reportSections(results, context);
  const svgs = [...new Set(sections.flatMap((s) => figureSvgs(s.blocks)))];
  const png = context.png;
  const images: ChartImages = new Map(png ? await Promise.all(svgs.map(async (svg) => [svg, await png(svg, 2)] as const)) : []);
  const sectionChildren = (s: ReportSection, first: boolean): (Paragraph | FileChild)[] => [
    new Paragraph({
      heading: HeadingLevel.HEADING_1,
      pageBreakBefore: !first,
      children: [new Bookmark({ id: s.id, children: [new TextRun(inlineText(s.title, lang))] })],
    }),
    // The findings and the ledger are what the expert group edits: never cut.
    ...wordBlocks(s.blocks, context, lang, images, !uncutSections.has(s.id)),
  ];
  const doc = new Document({
    creator: 'Jiance',
    title: t('title', lang),
    styles: {
      paragraphStyles: tableTextStyles.map(({ id, name, size }) => ({ id, name, basedOn: 'Normal', quickFormat: false, run: { size } })),
      default: {
        document: {
          run: { font: fonts.body, size: 21, language: { value: lang === 'zh' ? 'zh-CN' : 'en-GB', eastAsia: 'zh-CN' } },
          // The rule stated: without it LibreOffice reads 1.25 lines as an exact height and clips every chart to one line.
          paragraph: { spacing: { line: 300, lineRule: LineRuleType.AUTO } },
        },
        heading1: { run: { font: fonts.heading, size: 32, bold: true }, paragraph: { spacing: { before: 240, after: 200 } } },
        heading2: { run: { font: fonts.heading, size: 26, bold: true }, paragraph: { spacing: { before: 200, after: 120 } } },
        heading3: { run: { font: fonts.heading, size: 22, bold: true }, paragraph: { spacing: { before: 160, after: 80 } } },
        title: { run: { font: fonts.heading, size: 40, bold: true } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { orientation: PageOrientation.PORTRAIT, width: 11906, height: 16838 },
            margin: { top: 1418, bottom: 1418, left: Math.round(2.5 * twipsPerCm), right: 2 * twipsPerCm },
          },
        },
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun(t('title', lang))] }),
          ...reportMeta(context).map((m) => new Paragraph({ alignment: AlignmentType.CENTER, children: runs(m, lang, { size: 18, color: '555555' }) })),
          ...sections.flatMap((s, i) => sectionChildren(s, i === 0)),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

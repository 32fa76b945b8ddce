import type { ReportChart } from './charts/buildCharts.js';
import { englishPunctuation, escapeHtml } from './escapeHtml.js';
import { withoutNonXmlCharacters } from './xmlCharacters.js';
import type { Lang } from './labels.js';

/**
 * Inline content of the report: text that is already escaped ({@link escapeHtml}), with only
 * these tags: `<span data-value="…">` (marks a figure of results.json), `<strong>` and
 * `<a href="#…">` (a link to a section). The HTML renderer writes it as is; the Word renderer
 * turns it into runs (bold kept, tags dropped, references decoded).
 */
export type Inline = string;

/** One block of a report section (报告的内容块), rendered alike to HTML and to Word. */
export type Block =
  | { kind: 'heading'; level: 3 | 4; text: Inline }
  | { kind: 'paragraph'; text: Inline; style?: 'reading' | 'design-note' | 'finding' | 'quality-note' }
  | { kind: 'table'; head: Inline[]; rows: Inline[][]; numbers?: boolean }
  | { kind: 'figure'; chart: ReportChart; note?: Inline }
  | { kind: 'figures'; items: { label: Inline; value: Inline; key?: string }[] }
  | { kind: 'details'; summary: Inline; blocks: Block[] };

/** A section of the report: its anchor, its title, its blocks; appendices come after the results. */
export interface ReportSection {
  id: string;
  title: string;
  blocks: Block[];
}

/**
 * Builds a section's blocks in reading order (节内容的构建).
 *
 * @example
 * const b = new SectionBuilder(); b.heading(3, '数学'); b.paragraph('…', 'reading'); b.blocks.length; // => 2
 */
export class SectionBuilder {
  readonly blocks: Block[] = [];

  heading(level: 3 | 4, text: Inline): this {
    this.blocks.push({ kind: 'heading', level, text });
    return this;
  }

  paragraph(text: Inline, style?: 'reading' | 'design-note' | 'finding' | 'quality-note'): this {
    if (text) this.blocks.push(style ? { kind: 'paragraph', text, style } : { kind: 'paragraph', text });
    return this;
  }

  table(head: Inline[], rows: Inline[][], numbers = false): this {
    this.blocks.push({ kind: 'table', head, rows, numbers });
    return this;
  }

  figure(chart: ReportChart | undefined, note?: Inline): this {
    if (chart) this.blocks.push(note ? { kind: 'figure', chart, note } : { kind: 'figure', chart });
    return this;
  }

  figures(items: { label: Inline; value: Inline; key?: string }[]): this {
    this.blocks.push({ kind: 'figures', items });
    return this;
  }

  details(summary: Inline, build: (b: SectionBuilder) => void): this {
    const inner = new SectionBuilder();
    build(inner);
    if (inner.blocks.length) this.blocks.push({ kind: 'details', summary, blocks: inner.blocks });
    return this;
  }

  add(blocks: readonly Block[]): this {
    this.blocks.push(...blocks);
    return this;
  }
}

/** A cell that reads as a figure (a number, percentage, interval or rank) is right-aligned, in HTML and in Word. */
export const isNumeric = (cell: string): boolean => /^[+−-]?\d[\d,.]*%?(（[^）]*）)?$/.test(cell.replace(/<[^>]+>/g, '').trim());

/**
 * An HTML table of the report (表格): a header row and body rows of ready (escaped) cell
 * markup; a cell that reads as a figure is right-aligned.
 *
 * @example
 * table(['区县', '均值'], [['青山县', '512.5']]); // => '<table><thead><tr><th>区县</th><th>均值</th></tr></thead><tbody><tr><td>青山县</td><td class="num">512.5</td></tr></tbody></table>'
 */
export function table(head: string[], rows: string[][], className = ''): string {
  return `<table${className ? ` class="${className}"` : ''}><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td${isNumeric(c) ? ' class="num"' : ''}>${c}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/** A block as HTML. */
function blockToHtml(block: Block): string {
  switch (block.kind) {
    case 'heading':
      return `<h${block.level}>${block.text}</h${block.level}>`;
    case 'paragraph':
      return `<p${block.style ? ` class="${block.style}"` : ''}>${block.text}</p>`;
    case 'table':
      return table(block.head, block.rows, block.numbers ? 'numbers' : '');
    case 'figure':
      return `<figure class="chart" id="chart-${escapeHtml(block.chart.id)}">${block.chart.svg}</figure>${block.note ? `<p>${block.note}</p>` : ''}`;
    case 'figures':
      return `<dl class="figures">${block.items.map((i) => `<div><dt>${i.label}</dt><dd${i.key ? ` data-value="${i.key}"` : ''}>${i.value}</dd></div>`).join('')}</dl>`;
    case 'details':
      return `<details><summary>${block.summary}</summary>\n${blocksToHtml(block.blocks)}</details>`;
  }
}

/**
 * A section's blocks as HTML (the report's HTML rendering of the one description).
 *
 * @example
 * blocksToHtml([{ kind: 'paragraph', text: '无' }]); // => '<p>无</p>'
 */
export function blocksToHtml(blocks: readonly Block[]): string {
  return blocks.map(blockToHtml).join('\n');
}

/** A section as HTML: its anchor, its title, its blocks. */
export function sectionToHtml(section: ReportSection): string {
  return `<section id="${section.id}"><h2>${section.title}</h2>\n${blocksToHtml(section.blocks)}\n</section>`;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', nbsp: '\u00a0' };

/** Decodes the character references {@link escapeHtml} writes (and the named ones above). */
export function decodeEntities(text: string): string {
  return withoutNonXmlCharacters(text).replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (m, ref: string) => {
    if (ref[0] === '#')
      return withoutNonXmlCharacters(String.fromCodePoint(ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1))));
    return entities[ref.toLowerCase()] ?? m;
  });
}

/**
 * Inline content as plain text (for Word, CSV and the terminal): the English report's
 * punctuation applied, tags dropped, references decoded.
 *
 * @example
 * inlineText('<a href="#rates">一小&#65288;东&#65289;</a>'); // => '一小（东）'
 */
export function inlineText(inline: Inline, lang: Lang = 'zh'): string {
  return decodeEntities((lang === 'en' ? englishPunctuation(inline) : inline).replace(/<[^>]+>/g, ''));
}

/**
 * Inline content as runs of text, bold or not (the Word renderer's input).
 *
 * @example
 * inlineRuns('状态：<strong>已达成</strong>'); // => [{ text: '状态：', bold: false }, { text: '已达成', bold: true }]
 */
export function inlineRuns(inline: Inline, lang: Lang = 'zh'): { text: string; bold: boolean }[] {
  const source = lang === 'en' ? englishPunctuation(inline) : inline;
  return source
    .split(/(<strong>[\s\S]*?<\/strong>)/)
    .filter(Boolean)
    .map((part) => ({ text: decodeEntities(part.replace(/<[^>]+>/g, '')), bold: part.startsWith('<strong>') }))
    .filter((r) => r.text);
}

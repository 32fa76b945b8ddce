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


/** A cell that reads as a figure (a number, percentage, interval or rank) is right-aligned. */
const isNumeric = (cell: string): boolean => /^[+−-]?\d[\d,.]*%?(（[^）]*）)?$/.test(cell.replace(/<[^>]+>/g, '').trim());


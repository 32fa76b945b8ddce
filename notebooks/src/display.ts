// Display helpers for the notebooks (笔记本显示工具): charts from the Vega-Lite specs of
// @jiance/report, tables, numbers that carry the result they show, and the data-format switch.
// Browser only (DOM); imported by the notebooks as "./src/display.ts".
import { formatNumber } from '@jiance/report';
import { View, parse } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/**
 * Renders a Vega-Lite spec (e.g. `caterpillarSpec(…)` from @jiance/report) as SVG in the page
 * with vega's own view — tooltips on hover, text measured by the browser's canvas.
 */
export async function vegaChart(spec: TopLevelSpec): Promise<HTMLElement> {
  const figure = document.createElement('figure');
  figure.className = 'jiance-chart';
  figure.style.margin = '0.5rem 0 1rem';
  figure.style.maxWidth = 'none'; // the theme caps figures at 640px; faceted charts are wider
  figure.style.overflowX = 'auto';
  const view = new View(parse(compile(spec).spec), { renderer: 'svg', container: figure, hover: true });
  await view.runAsync();
  return figure;
}

/** How a number is written: plain, as a percentage (0.268 → 26.8%), or in percentage points. */
export type NumberStyle = 'plain' | 'percent' | 'pp';

/**
 * A number as text in a `<span data-result="…">`: the attribute names the result it shows
 * (e.g. "icc/青山县/2024/4"), so a reader — or the notebooks test — can trace it to
 * results.json. null/NaN shows as "—" (as in the report).
 */
export function numberSpan(value: number | null | undefined, digits: number, result: string, style: NumberStyle = 'plain'): HTMLSpanElement {
  const span = document.createElement('span');
  span.dataset.result = result;
  const scaled = value === null || value === undefined ? value : style === 'plain' ? value : 100 * value;
  span.textContent = formatNumber(scaled, digits) + (style === 'percent' && Number.isFinite(scaled) ? '%' : '');
  return span;
}

/** A column of {@link resultTable}: a header and what a row shows in it. */
export interface Column<Row> {
  label: string;
  value: (row: Row) => Node | string | number | null;
  align?: 'left' | 'right';
}

/**
 * A plain HTML table (结果表) of rows; cells may hold text or elements such as numberSpan.
 * Cells do not wrap; a table wider than the page scrolls sideways.
 */
export function resultTable<Row>(rows: readonly Row[], columns: readonly Column<Row>[]): HTMLDivElement {
  const wrapper = document.createElement('div');
  wrapper.style.overflowX = 'auto';
  wrapper.style.margin = '1rem 0';
  const table = wrapper.appendChild(document.createElement('table'));
  table.className = 'jiance-table';
  Object.assign(table.style, { width: 'auto', maxWidth: 'none', margin: '0', whiteSpace: 'nowrap' });
  const head = table.createTHead().insertRow();
  for (const column of columns) {
    const th = document.createElement('th');
    th.textContent = column.label;
    th.style.textAlign = column.align ?? 'left';
    head.appendChild(th);
  }
  const body = table.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    for (const column of columns) {
      const td = tr.insertCell();
      td.style.textAlign = column.align ?? 'left';
      const value = column.value(row);
      if (value instanceof Node) td.appendChild(value);
      else td.textContent = value === null ? '—' : String(value);
    }
  }
  return wrapper;
}

/** Joins nodes and text into one inline element, e.g. an estimate with its interval. */
export function inline(...parts: (Node | string)[]): HTMLSpanElement {
  const span = document.createElement('span');
  for (const part of parts) span.append(part);
  return span;
}

/** The data formats every notebook can read its fixture from. */
export type DataFormat = 'csv' | 'arrow';

/**
 * A switch between reading the fixture as CSV or as Arrow IPC (数据格式). Its `value` is the
 * chosen format, so a notebook cell can do `const format = view(formatPicker())`; the
 * starting choice comes from the page address (`?format=arrow`), else CSV.
 */
export function formatPicker(): HTMLFormElement {
  const start: DataFormat = new URLSearchParams(location.search).get('format') === 'arrow' ? 'arrow' : 'csv';
  const form = document.createElement('form');
  form.className = 'jiance-format';
  form.append('数据格式：');
  for (const [format, label] of [
    ['csv', 'CSV 文件'],
    ['arrow', 'Arrow IPC 文件'],
  ] as const) {
    const input = document.createElement('input');
    input.type = 'radio';
    input.name = 'format';
    input.value = format;
    input.checked = format === start;
    const wrap = document.createElement('label');
    wrap.style.marginRight = '1em';
    wrap.append(input, ` ${label}`);
    form.append(wrap);
  }
  Object.defineProperty(form, 'value', {
    get: (): DataFormat => ((form.elements.namedItem('format') as RadioNodeList).value as DataFormat) || start,
  });
  form.addEventListener('input', () => {
    const url = new URL(location.href);
    url.searchParams.set('format', (form as unknown as { value: DataFormat }).value);
    history.replaceState(null, '', url);
  });
  return form;
}

/** A form holding one labelled input, for the runtime's `view()` (which listens for "input" on it). */
function labelledForm(className: string, text: string, input: HTMLInputElement): HTMLFormElement {
  const form = document.createElement('form');
  form.className = className;
  const label = document.createElement('label');
  label.append(text, input);
  form.append(label);
  return form;
}

/**
 * A file chooser (选择数据文件) for CSV (UTF-8 or GB18030, as Excel saves it) and Arrow IPC files.
 * Its `value` is the chosen File, or null before one is chosen, so a cell can do
 * `const file = view(fileInput())`. The file is read in the browser: nothing is uploaded.
 */
export function fileInput(): HTMLFormElement {
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = '.csv,.txt,.arrow,.feather';
  const form = labelledForm('jiance-file', '数据文件：', input);
  Object.defineProperty(form, 'value', { get: (): File | null => input.files?.[0] ?? null });
  return form;
}

/**
 * Runs `read` and returns its value; a JianceError — a problem of the data, such as a missing
 * county column — is thrown again as an Error carrying its Chinese explanation (which names the
 * file, column, row and how to fix it), so the cell shows that rather than an English message.
 */
export function explained<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    const e = error as { name?: string; zh?: unknown };
    if (e?.name === 'JianceError' && typeof e.zh === 'string') throw new Error(e.zh);
    throw error;
  }
}

/**
 * A text box for column mappings (列名映射), written as for `analyze --map`:
 * `数学成绩=math 左眼视力=va_left`. Its `value` is the text; it takes effect on Enter or
 * when the box loses focus, not at every keystroke.
 */
export function mapInput(): HTMLFormElement {
  const input = document.createElement('input');
  input.type = 'text';
  input.placeholder = '例如：数学成绩=math 左眼视力=va_left';
  input.style.width = '24em';
  const form = labelledForm('jiance-map', '列名映射（可选）：', input);
  let value = '';
  Object.defineProperty(form, 'value', { get: () => value });
  // The runtime listens for "input" on the form: only let it through when the text is committed.
  input.addEventListener('input', (event) => event.stopPropagation());
  const commit = () => {
    if (input.value === value) return;
    value = input.value;
    form.dispatchEvent(new Event('input', { bubbles: true }));
  };
  input.addEventListener('change', commit);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    commit();
  });
  return form;
}

/**
 * What a chosen file is, by its first bytes (not its name): 'arrow' (ARROW1), 'xlsx' (a zip:
 * an Excel workbook), 'parquet' (PAR1), else 'csv' (text; its encoding is detected when read).
 */
export function fileKind(bytes: Uint8Array, name: string): 'csv' | 'arrow' | 'xlsx' | 'parquet' {
  const head = String.fromCharCode(...bytes.subarray(0, 6));
  if (head === 'ARROW1' || (/\.(arrow|feather)$/i.test(name) && bytes[0] === 0xff)) return 'arrow';
  if (head.startsWith('PK\u0003\u0004')) return 'xlsx';
  if (head.startsWith('PAR1')) return 'parquet';
  return 'csv';
}

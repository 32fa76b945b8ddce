/**
 * Readers of single cells (单元格解析) for each role kind. Each returns the value, or the
 * reason it cannot be read: 'missing' (blank or a missing-value code) or 'invalid'.
 * Text is NFKC-normalised first, so full-width digits (５１２．５) read as numbers.
 */
import type { RawCell } from '../io/raw.js';
import { maxWeight, minWeight, type RoleKind } from '../roles.js';

/** The reason a cell gave no value. */
export type CellProblem = 'missing' | 'invalid';

/** Missing-value codes written by Excel, SPSS, R and Stata exports (after NFKC, lower case). */
const missingCodes = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', '#n/a', '.', '-', '--', '—', '(null)', 'missing', '缺失']);

/** Cell as trimmed, NFKC-normalised text ('' for null). */
export function cellText(cell: RawCell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  return String(cell).normalize('NFKC').trim();
}

/** True when a cell is blank or holds a missing-value code. */
export function isMissingCell(cell: RawCell): boolean {
  if (typeof cell === 'number') return Number.isNaN(cell);
  return missingCodes.has(cellText(cell).toLowerCase());
}

/** True for "[+-]d…d[.d…d]" with at least one digit (and at most 20 characters). */
function isPlainNumber(text: string): boolean {
  const n = text.length;
  if (n === 0 || n > 20) return false;
  let i = 0;
  const first = text.charCodeAt(0);
  if (first === 43 || first === 45) i = 1; // + -
  let digits = 0;
  let dot = false;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 46 && !dot) dot = true;
    else return false;
  }
  return digits > 0;
}

const numberPattern = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
const groupedPattern = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;

/**
 * Reads a number, accepting thousands separators ("1,234.5"), full-width digits and a unit
 * suffix allowed for the role ("140cm", "9小时").
 *
 * @example
 * parseNumberCell('９.５小时', ['小时']); // => 9.5
 */
export function parseNumberCell(cell: RawCell, units: readonly string[] = []): number | CellProblem {
  // Fast path (most cells of a large file): plain ASCII "[+-]digits[.digits]" reads as is —
  // normalising, trimming and unit stripping would leave it unchanged.
  if (typeof cell === 'string' && isPlainNumber(cell)) return Number(cell);
  if (typeof cell === 'number') return Number.isNaN(cell) ? 'missing' : Number.isFinite(cell) ? cell : 'invalid';
  if (typeof cell === 'bigint') return Number(cell);
  if (typeof cell === 'boolean' || cell instanceof Date) return 'invalid';
  if (isMissingCell(cell)) return 'missing';
  let text = cellText(cell).toLowerCase();
  for (const unit of units) {
    if (text.endsWith(unit)) {
      text = text.slice(0, -unit.length).trim();
      break;
    }
  }
  if (groupedPattern.test(text)) text = text.replace(/,/g, '');
  if (!numberPattern.test(text)) return 'invalid';
  const value = Number(text);
  return Number.isFinite(value) ? value : 'invalid';
}

/**
 * Reads a monitoring year: 2024, "2024", "2024年", "2024年度" (1990–2100), or an Excel date cell
 * (2024 formatted as a date, or a date in 2024).
 *
 * @example
 * parseYearCell('2024年'); // => 2024
 */
export function parseYearCell(cell: RawCell): number | CellProblem {
  if (isMissingCell(cell)) return 'missing';
  if (cell instanceof Date) return yearOfDate(cell);
  const text = typeof cell === 'number' ? String(cell) : cellText(cell);
  const m = /^(\d{4})(?:\.0+)?(?:年度?)?$/.exec(text);
  if (!m) return 'invalid';
  const year = Number(m[1]);
  return year >= 1990 && year <= 2100 ? year : 'invalid';
}

/**
 * The year of an Excel date cell in a year column: the number 2024 formatted as a date (Excel
 * shows 1905-07-16: its serial day is the year), or a real date such as 2024-09-01.
 */
function yearOfDate(date: Date): number | CellProblem {
  const serial = (date.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000;
  if (Number.isInteger(serial) && serial >= 1990 && serial <= 2100) return serial;
  const year = date.getUTCFullYear();
  return year >= 1990 && year <= 2100 ? year : 'invalid';
}

const chineseDigits: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 十一: 11, 十二: 12 };

/**
 * Reads a grade (年级) as an integer 1–12: 4, "4", "4年级", "四年级", "初二" (= 8), "高一" (= 10).
 *
 * @example
 * parseGradeCell('八年级'); // => 8
 */
export function parseGradeCell(cell: RawCell): number | CellProblem {
  if (isMissingCell(cell)) return 'missing';
  const text = cellText(cell).replace(/\s/g, '');
  let grade: number | undefined;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{1,2})(?:\.0+)?(?:年级)?$/.exec(text))) grade = Number(m[1]);
  else if ((m = /^(十[一二]|[一二三四五六七八九十])年级$/.exec(text))) grade = chineseDigits[m[1]!];
  else if ((m = /^初([一二三])$/.exec(text))) grade = 6 + chineseDigits[m[1]!]!;
  else if ((m = /^高([一二三])$/.exec(text))) grade = 9 + chineseDigits[m[1]!]!;
  else if ((m = /^grade(\d{1,2})$/i.exec(text))) grade = Number(m[1]);
  return grade !== undefined && grade >= 1 && grade <= 12 ? grade : 'invalid';
}

const sexCodes: Record<string, 'M' | 'F'> = {
  男: 'M',
  男生: 'M',
  男性: 'M',
  m: 'M',
  male: 'M',
  boy: 'M',
  '1': 'M',
  女: 'F',
  女生: 'F',
  女性: 'F',
  f: 'F',
  female: 'F',
  girl: 'F',
  '2': 'F',
};

/**
 * Reads sex (性别) as 'M' or 'F': 男/女, M/F, male/female, 1/2 (the national code GB/T 2261.1).
 *
 * @example
 * parseSexCell('女'); // => 'F'
 */
export function parseSexCell(cell: RawCell): 'M' | 'F' | CellProblem {
  if (isMissingCell(cell)) return 'missing';
  return sexCodes[cellText(cell).toLowerCase().replace(/\.0+$/, '')] ?? 'invalid';
}

const localeCodes: Record<string, '城区' | '镇区' | '乡村'> = {
  城区: '城区',
  城市: '城区',
  城: '城区',
  urban: '城区',
  city: '城区',
  镇区: '镇区',
  县镇: '镇区',
  镇: '镇区',
  城镇: '镇区',
  town: '镇区',
  乡村: '乡村',
  农村: '乡村',
  乡: '乡村',
  rural: '乡村',
  village: '乡村',
};

/**
 * Reads urban/rural type (城乡类型) as 城区 / 镇区 / 乡村 (国家统计局 统计用城乡划分);
 * 城市 → 城区, 县镇 → 镇区, 农村 → 乡村.
 *
 * @example
 * parseLocaleCell('农村'); // => '乡村'
 */
export function parseLocaleCell(cell: RawCell): '城区' | '镇区' | '乡村' | CellProblem {
  if (isMissingCell(cell)) return 'missing';
  return localeCodes[cellText(cell).toLowerCase()] ?? 'invalid';
}

const flagCodes: Record<string, 0 | 1> = {
  '1': 1,
  是: 1,
  有: 1,
  y: 1,
  yes: 1,
  true: 1,
  阳性: 1,
  '0': 0,
  否: 0,
  无: 0,
  n: 0,
  no: 0,
  false: 0,
  阴性: 0,
};

/**
 * Reads a 0/1 flag: 1/0, 是/否, 有/无, yes/no, true/false.
 *
 * @example
 * parseFlagCell('是'); // => 1
 */
export function parseFlagCell(cell: RawCell): 0 | 1 | CellProblem {
  if (typeof cell === 'boolean') return cell ? 1 : 0;
  if (isMissingCell(cell)) return 'missing';
  return flagCodes[cellText(cell).toLowerCase().replace(/\.0+$/, '')] ?? 'invalid';
}

// Control characters (C0, DEL, C1) no one can type; they come from broken exports, and XML (SVG,
// Word) cannot hold them. Zero-width spaces are invisible; both would split one school in two.
// eslint-disable-next-line no-control-regex
const invisibleInName = /[\u0000-\u001F\u007F-\u009F]/g;
const zeroWidth = /[\u200B\u2060]/g;

/**
 * Reads a name or code (county, school): trimmed text with runs of white space collapsed;
 * numbers (school codes from Excel) as their decimal text. Control characters count as white
 * space and zero-width spaces are dropped, so `第一\u0001小学` and `第一 小学` are one school.
 *
 * @example
 * parseTextCell('  青山县  第一小学 '); // => '青山县 第一小学'
 * parseTextCell('第一\u200B小学\u0001'); // => '第一小学'
 */
export function parseTextCell(cell: RawCell): string | CellProblem {
  if (cell === null || cell === undefined) return 'missing';
  if (typeof cell === 'number' && Number.isNaN(cell)) return 'missing';
  const text = (cell instanceof Date ? cellText(cell) : String(cell)).replace(zeroWidth, '').replace(invisibleInName, ' ').trim().replace(/\s+/g, ' ');
  return text === '' ? 'missing' : text;
}

/** Status of a kept row's value of a role: 0 ok, or why it is missing (the rule it is counted under). */
export const valueStatus = { ok: 0, missing: 1, not_numeric: 2, out_of_range: 3, unrecognised: 4 } as const;

/** One of {@link valueStatus}. */
export type ValueStatus = (typeof valueStatus)[keyof typeof valueStatus];

/**
 * One cell of a role read as core reads it (按角色读取单元格) — the one parser of a cell for
 * every reader (studentTable, and the rows DuckDB leaves to core): by the role's kind, a
 * weight must be in [10⁻¹², 10¹²], a number inside its plausible range, a student number held
 * as a number below 2^53 (beyond, its digits are lost). The value, or null with
 * the reason ({@link valueStatus}).
 *
 * @example
 * parseRoleCell('number', '140cm', { units: ['cm'], range: [80, 220] }); // => { value: 140, status: 0 }
 * parseRoleCell('number', '999', { range: [80, 220] }); // => { value: null, status: 3 }
 * parseRoleCell('grade', '四年级'); // => { value: 4, status: 0 }
 * parseRoleCell('weight', '0'); // => { value: null, status: 2 }
 * parseRoleCell('weight', '1e-320'); // => { value: null, status: 2 } (below 10⁻¹²)
 * parseRoleCell('id', 110101200801011234); // => { value: null, status: 4 } (digits lost: not an id)
 */
export function parseRoleCell(
  kind: RoleKind,
  cell: RawCell,
  options: { units?: readonly string[] | undefined; range?: readonly [number, number] | undefined } = {},
): { value: string | number | null; status: ValueStatus } {
  const of = (v: string | number | CellProblem, invalid: ValueStatus): { value: string | number | null; status: ValueStatus } =>
    v === 'missing' ? { value: null, status: valueStatus.missing } : v === 'invalid' ? { value: null, status: invalid } : { value: v, status: valueStatus.ok };
  switch (kind) {
    case 'text':
      return of(parseTextCell(cell), valueStatus.unrecognised);
    case 'id':
      // A student number held as a number past 2^53 (an 18-digit 学籍号 that Excel or arquero's type
      // guessing made a number) has lost digits: different students would look like duplicates.
      if (typeof cell === 'number' && Math.abs(cell) >= 2 ** 53) return { value: null, status: valueStatus.unrecognised };
      return of(parseTextCell(cell), valueStatus.unrecognised);
    case 'year':
      return of(parseYearCell(cell), valueStatus.unrecognised);
    case 'grade':
      return of(parseGradeCell(cell), valueStatus.unrecognised);
    case 'sex':
      return of(parseSexCell(cell), valueStatus.unrecognised);
    case 'locale':
      return of(parseLocaleCell(cell), valueStatus.unrecognised);
    case 'flag':
      return of(parseFlagCell(cell), valueStatus.unrecognised);
    case 'weight': {
      const v = parseNumberCell(cell);
      // Outside [10⁻¹², 10¹²] no weight is real, and sums (or products) of such overflow (underflow).
      return of(typeof v === 'number' && !(v >= minWeight && v <= maxWeight) ? 'invalid' : v, valueStatus.not_numeric);
    }
    case 'number': {
      const v = parseNumberCell(cell, options.units);
      const range = options.range;
      if (typeof v === 'number' && range && (v < range[0] || v > range[1])) return { value: null, status: valueStatus.out_of_range };
      return of(v, valueStatus.not_numeric);
    }
  }
}

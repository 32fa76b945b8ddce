/**
 * Readers of single cells (单元格解析) for each role kind. Each returns the value, or the
 * reason it cannot be read: 'missing' (blank or a missing-value code) or 'invalid'.
 * Text is NFKC-normalised first, so full-width digits (５１２．５) read as numbers.
 */
import type { RawCell } from '../io/raw.js';
/** The reason a cell gave no value. */
export type CellProblem = 'missing' | 'invalid';
/** Cell as trimmed, NFKC-normalised text ('' for null). */
export declare function cellText(cell: RawCell): string;
/** True when a cell is blank or holds a missing-value code. */
export declare function isMissingCell(cell: RawCell): boolean;
/**
 * Reads a number, accepting thousands separators ("1,234.5"), full-width digits and a unit
 * suffix allowed for the role ("140cm", "9小时").
 *
 * @example
 * parseNumberCell('９.５小时', ['小时']); // => 9.5
 */
export declare function parseNumberCell(cell: RawCell, units?: readonly string[]): number | CellProblem;
/**
 * Reads a monitoring year: 2024, "2024", "2024年", "2024年度" (1990–2100).
 *
 * @example
 * parseYearCell('2024年'); // => 2024
 */
export declare function parseYearCell(cell: RawCell): number | CellProblem;
/**
 * Reads a grade (年级) as an integer 1–12: 4, "4", "4年级", "四年级", "初二" (= 8), "高一" (= 10).
 *
 * @example
 * parseGradeCell('八年级'); // => 8
 */
export declare function parseGradeCell(cell: RawCell): number | CellProblem;
/**
 * Reads sex (性别) as 'M' or 'F': 男/女, M/F, male/female, 1/2 (the national code GB/T 2261.1).
 *
 * @example
 * parseSexCell('女'); // => 'F'
 */
export declare function parseSexCell(cell: RawCell): 'M' | 'F' | CellProblem;
/**
 * Reads urban/rural type (城乡类型) as 城区 / 镇区 / 乡村 (国家统计局 统计用城乡划分);
 * 城市 → 城区, 县镇 → 镇区, 农村 → 乡村.
 *
 * @example
 * parseLocaleCell('农村'); // => '乡村'
 */
export declare function parseLocaleCell(cell: RawCell): '城区' | '镇区' | '乡村' | CellProblem;
/**
 * Reads a 0/1 flag: 1/0, 是/否, 有/无, yes/no, true/false.
 *
 * @example
 * parseFlagCell('是'); // => 1
 */
export declare function parseFlagCell(cell: RawCell): 0 | 1 | CellProblem;
/**
 * Reads a name or code (county, school): trimmed text with runs of white space collapsed;
 * numbers (school codes from Excel) as their decimal text.
 *
 * @example
 * parseTextCell('  青山县  第一小学 '); // => '青山县 第一小学'
 */
export declare function parseTextCell(cell: RawCell): string | CellProblem;
//# sourceMappingURL=parseCell.d.ts.map
import type { RawTable } from '../io/raw.js';
/** What became of one column of the input. */
export interface ColumnUse {
    header: string;
    /** 0-based column index in the file. */
    index: number;
    /** The role it fills (when used) or would fill (when superseded). */
    role?: string;
    status: 'used' | 'ignored';
    /** Why an ignored column was ignored. */
    reason?: 'unrecognised' | 'superseded' | 'unnamed' | 'mapped-ignore';
    /** For an unrecognised header close to a known alias: the role it may be a typo of. */
    suggestion?: string;
    /** Cells with a value (for ignored columns, so the user sees what is not used). */
    nonEmpty: number;
}
/** Which file column fills each role. */
export interface ColumnMapping {
    columns: ColumnUse[];
    /** role → column index */
    roles: Record<string, number>;
}
/** `header=role` pairs given with --map or in a config file; role `ignore` drops a column. */
export type HeaderMap = Record<string, string>;
/**
 * Parses `--map` arguments ("数学成绩=math") into a header map.
 *
 * @example
 * parseMapArguments(['数学成绩=math']); // => { '数学成绩': 'math' }
 */
export declare function parseMapArguments(args: readonly string[]): HeaderMap;
/**
 * Assigns roles to the columns of a raw table (列识别): a user's map first, then the alias
 * table of roles.ts. When several columns name one role, the preferred alias wins (学校名称
 * before 学校代码) and the others are reported as superseded; two equally preferred columns are
 * an error, as is a map naming a column or role that does not exist.
 *
 * @example
 * resolveColumns(rawFromRecords([{ 区县: 'A', 学校名称: 'x', 学校代码: 1 }])).roles; // => { county: 0, school: 1 }
 */
export declare function resolveColumns(raw: RawTable, map?: HeaderMap): ColumnMapping;
//# sourceMappingURL=resolveColumns.d.ts.map
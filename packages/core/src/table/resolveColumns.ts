import { JianceError } from '../errors.js';
import { badMapArgument, duplicateRole, mapHeaderNotFound, mapUnknownRole } from '../messages.js';
import { normalizeHeader, roleNames, roleOfHeader, roleSpec, suggestRole } from '../roles.js';
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
export function parseMapArguments(args: readonly string[]): HeaderMap {
  const map: HeaderMap = {};
  for (const arg of args) {
    const at = arg.lastIndexOf('=');
    if (at <= 0 || at === arg.length - 1) throw new JianceError(badMapArgument(arg));
    map[arg.slice(0, at).trim()] = arg.slice(at + 1).trim();
  }
  return map;
}

/**
 * Assigns roles to the columns of a raw table (列识别): a user's map first, then the alias
 * table of roles.ts. When several columns name one role, the preferred alias wins (学校名称
 * before 学校代码) and the others are reported as superseded; two equally preferred columns are
 * an error, as is a map naming a column or role that does not exist.
 *
 * @example
 * resolveColumns(rawFromRecords([{ 区县: 'A', 学校名称: 'x', 学校代码: 1 }])).roles; // => { county: 0, school: 1 }
 */
export function resolveColumns(raw: RawTable, map: HeaderMap = {}): ColumnMapping {
  const byHeader = new Map<string, number>();
  raw.headers.forEach((h, i) => {
    if (!byHeader.has(h)) byHeader.set(h, i);
    const n = normalizeHeader(h);
    if (n && !byHeader.has(`\u0000${n}`)) byHeader.set(`\u0000${n}`, i);
  });
  const mapped = new Map<number, string>();
  for (const [header, role] of Object.entries(map)) {
    const index = byHeader.get(header) ?? byHeader.get(`\u0000${normalizeHeader(header)}`);
    if (index === undefined) throw new JianceError(mapHeaderNotFound(raw.file, header, raw.headers.filter(Boolean)));
    if (role !== 'ignore' && !roleSpec(role)) throw new JianceError(mapUnknownRole(role, [...roleNames, 'ignore']));
    mapped.set(index, role);
  }

  const columns: ColumnUse[] = raw.headers.map((header, index) => {
    const nonEmpty = countNonEmpty(raw.columns[index]!);
    const base = { header, index, nonEmpty };
    const userRole = mapped.get(index);
    if (userRole === 'ignore') return { ...base, status: 'ignored', reason: 'mapped-ignore' };
    if (userRole) return { ...base, role: userRole, status: 'used' };
    if (normalizeHeader(header) === '') return { ...base, status: 'ignored', reason: 'unnamed' };
    const known = roleOfHeader(header);
    if (known) return { ...base, role: known.role, status: 'used' };
    const suggestion = suggestRole(header);
    return suggestion ? { ...base, status: 'ignored', reason: 'unrecognised', suggestion } : { ...base, status: 'ignored', reason: 'unrecognised' };
  });

  // One column per role: user-mapped first, then the most preferred alias.
  const rank = (c: ColumnUse): number => (mapped.has(c.index) ? -1 : (roleOfHeader(c.header)?.priority ?? 0));
  const candidates = new Map<string, ColumnUse[]>();
  for (const c of columns) if (c.status === 'used') candidates.set(c.role!, [...(candidates.get(c.role!) ?? []), c]);
  const roles: Record<string, number> = {};
  for (const [role, list] of candidates) {
    const best = Math.min(...list.map(rank));
    const winners = list.filter((c) => rank(c) === best);
    if (winners.length > 1)
      throw new JianceError(
        duplicateRole(
          raw.file,
          role,
          winners.map((c) => c.header),
        ),
      );
    roles[role] = winners[0]!.index;
    for (const c of list) {
      if (c !== winners[0]) {
        c.status = 'ignored';
        c.reason = 'superseded';
      }
    }
  }
  return { columns, roles };
}

function countNonEmpty(cells: readonly unknown[]): number {
  let n = 0;
  for (const v of cells) if (v !== null && v !== undefined && !(typeof v === 'string' && v.trim() === '')) n++;
  return n;
}

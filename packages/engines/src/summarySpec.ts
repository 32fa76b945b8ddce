import { JianceError, roleOfHeader, roleSpec } from '@jiance/core';
import { noValues, unknownColumn } from './messages.js';

/**
 * What to summarise (汇总规格): group keys and value columns named by their roles in the data
 * contract (DESIGN.md), as for core's `groupedMoments`.
 *
 * @example
 * const spec: SummarySpec = { keys: ['year', 'grade', 'county', 'school'], values: ['math', 'sleep_hours'] };
 */
export interface SummarySpec {
  /** Key roles, outermost first, e.g. ['year', 'grade', 'county', 'school']. */
  keys: readonly string[];
  /** Value roles summarised in the same scan, e.g. ['math', 'chinese']. */
  values: readonly string[];
  /** Weight role (default 'weight'; every weight 1 when the source has none); null = unweighted. */
  weight?: string | null;
  /** role → column name in the source, for columns whose names core does not recognise. */
  columns?: Readonly<Record<string, string>>;
  /** Plausible ranges [min, max] overriding core's (values outside are skipped, as in core). */
  ranges?: Readonly<Record<string, readonly [number, number]>>;
  /**
   * Shift (centre) per value for the numerically stable sums; default: the mean of the first
   * ≤ 10,000 usable rows (a cheap probe that reads one block). Any value near the data works.
   */
  centres?: Readonly<Record<string, number>>;
  /**
   * Also return every value's unweighted moments (all weights 1) from the same scan — what
   * core's REML/ANOVA between-school estimators take — beside the weighted ones.
   */
  unweighted?: boolean;
}

/** How a role is read in SQL: a trimmed text key, an integer key in a range, or a number. */
export type ColumnKind = 'text' | 'year' | 'grade' | 'number';

/** A role resolved to a source column. */
export interface ResolvedColumn {
  role: string;
  column: string;
  kind: ColumnKind;
  /** Plausible range (numbers), integer range (year, grade). */
  range?: readonly [number, number];
}

/** The spec resolved against a source's column names. */
export interface ResolvedSpec {
  keys: ResolvedColumn[];
  values: ResolvedColumn[];
  /** Undefined: every weight is 1. */
  weight?: ResolvedColumn;
  /**
   * Columns whose invalid cells exclude the whole row in core's studentTable (blank county or
   * school, invalid year, grade or weight): the same rows are left out here.
   */
  rowRules: ResolvedColumn[];
}

const rowRuleRoles = ['county', 'school', 'year', 'grade', 'weight'] as const;

function keyKind(role: string): ColumnKind {
  const kind = roleSpec(role)?.kind;
  return kind === 'year' ? 'year' : kind === 'grade' ? 'grade' : 'text';
}

function rangeOf(role: string, kind: ColumnKind, ranges: SummarySpec['ranges']): readonly [number, number] | undefined {
  if (kind === 'year') return [1990, 2100];
  if (kind === 'grade') return [1, 12];
  return ranges?.[role] ?? roleSpec(role)?.range;
}

/**
 * Maps the roles of a spec to the columns of a source (列映射): a column named in
 * `spec.columns` first, then any column whose header core recognises for the role (`roleOfHeader`:
 * 数学 → math, 区县 → county, …). Also lists the columns whose invalid cells exclude a row in
 * core (county, school, year, grade, weight), so SQL and core keep the same rows.
 *
 * @example
 * resolveSpec({ keys: ['county'], values: ['math'] }, ['区县', '数学']).values[0].column; // => '数学'
 */
export function resolveSpec(spec: SummarySpec, columns: readonly string[], where = 'the source'): ResolvedSpec {
  if (spec.values.length === 0) throw new JianceError(noValues());
  const byRole = new Map<string, string>();
  for (const c of columns) {
    const role = roleOfHeader(c)?.role;
    if (role && !byRole.has(role)) byRole.set(role, c);
  }
  for (const [role, column] of Object.entries(spec.columns ?? {})) byRole.set(role, column);
  const resolve = (role: string, required: boolean, numeric: boolean): ResolvedColumn | undefined => {
    const column = byRole.get(role) ?? (columns.includes(role) ? role : undefined);
    if (column === undefined || !columns.includes(column)) {
      if (required) throw new JianceError(unknownColumn(where, role, columns));
      return undefined;
    }
    const kind: ColumnKind = numeric ? 'number' : keyKind(role);
    const range = role === 'weight' ? undefined : rangeOf(role, kind, spec.ranges);
    return range ? { role, column, kind, range } : { role, column, kind };
  };
  const keys = spec.keys.map((k) => resolve(k, true, false)!);
  const values = spec.values.map((v) => resolve(v, true, true)!);
  const weightRole = spec.weight === undefined ? 'weight' : spec.weight;
  const weight = weightRole === null ? undefined : resolve(weightRole, spec.weight !== undefined, true);
  const rowRules = rowRuleRoles.map((r) => resolve(r, false, r === 'weight')).filter((c): c is ResolvedColumn => c !== undefined);
  return weight ? { keys, values, weight, rowRules } : { keys, values, rowRules };
}

import type { KeyLabel } from './groupedMoments.js';

/** One cell of a grouping: the labels of its keys and the summary rows (groups) in it. */
export interface Cell {
  labels: KeyLabel[];
  rows: number[];
}

/**
 * The cells of a grouping (分组): `size` summary rows (e.g. the schools of a per-school
 * summary) collected by the labels of their first `depth` keys (e.g. county × year × grade),
 * cells and rows in order of first appearance — d3's `group` over label columns. One map per
 * key level, so no key string is built per row (JSON keys cost seconds on national data).
 * `label(k, i)` gives key k's label of row i.
 *
 * @example
 * groupCells(3, 1, (k, i) => ['a', 'b', 'a'][i]).map((c) => c.rows); // => [[0, 2], [1]]
 */
export function groupCells(size: number, depth: number, label: (k: number, i: number) => KeyLabel): Cell[] {
  const cells: Cell[] = [];
  if (depth === 0) {
    if (size > 0) cells.push({ labels: [], rows: Array.from({ length: size }, (_, i) => i) });
    return cells;
  }
  const root = new Map<KeyLabel, unknown>();
  const last = depth - 1;
  for (let i = 0; i < size; i++) {
    let level = root;
    for (let k = 0; k < last; k++) {
      const l = label(k, i);
      let next = level.get(l) as Map<KeyLabel, unknown> | undefined;
      if (!next) level.set(l, (next = new Map()));
      level = next;
    }
    const l = label(last, i);
    let cell = level.get(l) as Cell | undefined;
    if (!cell) {
      const labels: KeyLabel[] = [];
      for (let k = 0; k < depth; k++) labels.push(label(k, i));
      cell = { labels, rows: [] };
      level.set(l, cell);
      cells.push(cell);
    }
    cell.rows.push(i);
  }
  return cells;
}

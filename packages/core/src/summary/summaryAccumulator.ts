import type { AnalysisUsage } from '../table/analysisUsage.js';
import type { ColumnMapping } from '../table/resolveColumns.js';
import { designEntriesOf, type DesignEntries } from '../survey/designEntries.js';
import type { GroupedMoments, KeyLabel } from './groupedMoments.js';
import { mergeUsage, type SummaryRequest } from './summarySource.js';
import { withRoom } from './withRoom.js';
import { mergeMeanM2 } from './moments.js';

/**
 * The groups of one key list (e.g. year × grade × county × school), numbered once and shared
 * by every summary with those keys, so a stream keeps each group's labels once. Groups are
 * found through one map per key level (no key string built per lookup) and their labels kept
 * by column.
 */
export class GroupIndex {
  private readonly root = new Map<KeyLabel, unknown>();
  /** columns[k][id]: label of key k for group id. */
  readonly columns: KeyLabel[][] = [];
  private count = 0;

  /** The id of a group, numbering it when new. */
  idOf(labels: readonly KeyLabel[]): number {
    const last = labels.length - 1;
    let level = this.root;
    for (let k = 0; k < last; k++) {
      let next = level.get(labels[k]!) as Map<KeyLabel, unknown> | undefined;
      if (!next) level.set(labels[k]!, (next = new Map()));
      level = next;
    }
    let id = level.get(labels[last]!) as number | undefined;
    if (id === undefined) {
      id = this.count++;
      level.set(labels[last]!, id);
      for (let k = 0; k <= last; k++) (this.columns[k] ??= []).push(labels[k]!);
    }
    return id;
  }

  /** The labels of group id. */
  labelsOf(id: number): KeyLabel[] {
    return this.columns.map((c) => c[id]!);
  }
}

const chunkBits = 12;
const chunkSize = 1 << chunkBits;

/**
 * Fixed-width float rows indexed by group id, stored in chunks of 4,096 rows allocated when
 * first touched: growing never copies, a small summary holds one small chunk, and ids that a
 * summary never uses (group ids are shared by every summary with the same keys) cost nothing.
 */
class Rows {
  private readonly chunks: (Float64Array | undefined)[] = [];
  constructor(readonly width: number) {}
  /** The chunk holding row id (allocated, zero-filled, when first touched). */
  chunk(id: number): Float64Array {
    const c = id >>> chunkBits;
    return (this.chunks[c] ??= new Float64Array(this.width * chunkSize));
  }
  /** Offset of row id inside its chunk. */
  offset(id: number): number {
    return (id & (chunkSize - 1)) * this.width;
  }
}

/**
 * Merges the summaries of one request batch after batch, in place (汇总累加器): moments are
 * updated by Chan's formulas and design totals added, in columns indexed by the shared group
 * ids; memory is a few numbers per group and summary — not per row, not per batch. Unweighted
 * moments keep count, mean and m2 only (their Σw and Σw² are the count). Groups are listed in
 * the order they first appeared in this summary, as one pass over the file lists them.
 */
export class SummaryAccumulator {
  private order = new Int32Array(64);
  private size = 0;
  private seen = new Uint8Array(64);
  private readonly weighted: boolean;
  private moments: Rows; // count, Σw, Σw², mean, m2 — or count, mean, m2 unweighted
  private firstRows = new Int32Array(64);
  private totals: Rows | undefined; // count, Σw (R+1), Σwy (M(R+1)), Σwy² (M)
  private strata: KeyLabel[] = [];
  private shape: Pick<DesignEntries, 'keys' | 'plausibleValues' | 'replicates' | 'method'> | undefined;
  private usage: AnalysisUsage | undefined;
  private keys: string[] = [];

  constructor(
    readonly kind: SummaryRequest['kind'],
    private readonly mapping: ColumnMapping,
    private readonly index: GroupIndex,
    options: { weighted?: boolean } = {},
  ) {
    this.weighted = options.weighted ?? true;
    this.moments = new Rows(this.weighted ? 5 : 3);
  }

  /** Adds the summary of one batch. */
  add(summary: GroupedMoments | DesignEntries | AnalysisUsage): void {
    if (this.kind === 'usage') {
      const u = summary as AnalysisUsage;
      this.usage = this.usage ? mergeUsage(this.usage, u, this.mapping) : u;
    } else if (this.kind === 'entries') this.addEntries(summary as DesignEntries);
    else this.addMoments(summary as GroupedMoments);
  }

  /** Groups held (what memory is bounded by). */
  get groups(): number {
    return this.size;
  }

  /** The merged summary (built on each call: keep it only while it is used). */
  result(): GroupedMoments | DesignEntries | AnalysisUsage {
    if (this.kind === 'usage') return this.usage!;
    const ids = this.order.subarray(0, this.size);
    if (this.kind === 'entries') {
      const t = this.totals!;
      const { plausibleValues: M, replicates: R, keys } = this.shape!;
      const n = ids.length;
      const count = new Float64Array(n);
      const sumWeights = new Float64Array(n * (R + 1));
      const sumWY = new Float64Array(n * M * (R + 1));
      const sumWYY = new Float64Array(n * M);
      for (let g = 0; g < n; g++) {
        const data = t.chunk(ids[g]!);
        const o = t.offset(ids[g]!);
        count[g] = data[o]!;
        sumWeights.set(data.subarray(o + 1, o + 2 + R), g * (R + 1));
        sumWY.set(data.subarray(o + 2 + R, o + 2 + R + M * (R + 1)), g * M * (R + 1));
        sumWYY.set(data.subarray(o + 2 + R + M * (R + 1), o + t.width), g * M);
      }
      return designEntriesOf({
        ...this.shape!,
        keys: [...keys],
        labels: keys.map((_, k) => Array.from(ids, (id) => this.index.columns[k]![id]!)),
        strata: Array.from(ids, (id) => this.strata[id] ?? null),
        count,
        sumWeights,
        sumWY,
        sumWYY,
      });
    }
    const rows = this.moments;
    const n = ids.length;
    const column = (k: number): Float64Array => {
      const out = new Float64Array(n);
      for (let g = 0; g < n; g++) out[g] = rows.chunk(ids[g]!)[rows.offset(ids[g]!) + k]!;
      return out;
    };
    const labelColumn = (k: number): KeyLabel[] => {
      const from = this.index.columns[k]!;
      const out: KeyLabel[] = new Array(n);
      for (let g = 0; g < n; g++) out[g] = from[ids[g]!]!;
      return out;
    };
    const firstRow = new Int32Array(n);
    for (let g = 0; g < n; g++) firstRow[g] = this.firstRows[ids[g]!]!;
    const count = column(0);
    return {
      keys: this.keys,
      labels: this.keys.map((_, k) => labelColumn(k)),
      count,
      sumWeights: this.weighted ? column(1) : count.slice(),
      sumWeights2: this.weighted ? column(2) : count.slice(),
      mean: column(this.weighted ? 3 : 1),
      m2: column(this.weighted ? 4 : 2),
      firstRow,
    };
  }

  /** Marks a group as part of this summary (in order of first appearance); true when new. */
  private include(id: number): boolean {
    this.seen = withRoom(this.seen, id);
    if (this.seen[id]) return false;
    this.seen[id] = 1;
    this.order = withRoom(this.order, this.size);
    this.order[this.size++] = id;
    return true;
  }

  private addEntries(d: DesignEntries): void {
    this.shape ??= { keys: d.keys, plausibleValues: d.plausibleValues, replicates: d.replicates, method: d.method };
    const R = d.replicates;
    const M = d.plausibleValues;
    this.totals ??= new Rows(2 + R + M * (R + 1) + M);
    const t = this.totals;
    const labels: KeyLabel[] = new Array(d.keys.length);
    const width = M * (R + 1);
    for (let e = 0; e < d.size; e++) {
      for (let k = 0; k < labels.length; k++) labels[k] = d.labels[k]![e]!;
      const id = this.index.idOf(labels);
      if (this.include(id)) this.strata[id] = d.strata[e]!;
      const a = t.chunk(id);
      const o = t.offset(id);
      a[o]! += d.count[e]!;
      for (let i = 0; i <= R; i++) a[o + 1 + i]! += d.sumWeights[e * (R + 1) + i]!;
      for (let i = 0; i < width; i++) a[o + 2 + R + i]! += d.sumWY[e * width + i]!;
      for (let i = 0; i < M; i++) a[o + 2 + R + width + i]! += d.sumWYY[e * M + i]!;
    }
  }

  private addMoments(g: GroupedMoments): void {
    this.keys = g.keys;
    const n = g.count.length;
    const weighted = this.weighted;
    const rows = this.moments;
    const labels: KeyLabel[] = new Array(g.keys.length);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < labels.length; k++) labels[k] = g.labels[k]![i]!;
      const id = this.index.idOf(labels);
      const d = rows.chunk(id);
      const o = rows.offset(id);
      const first = g.firstRow?.[i] ?? 0;
      if (this.include(id)) {
        this.firstRows = withRoom(this.firstRows, id);
        this.firstRows[id] = first;
        d[o] = g.count[i]!;
        if (weighted) {
          d[o + 1] = g.sumWeights[i]!;
          d[o + 2] = g.sumWeights2[i]!;
          d[o + 3] = g.mean[i]!;
          d[o + 4] = g.m2[i]!;
        } else {
          d[o + 1] = g.mean[i]!;
          d[o + 2] = g.m2[i]!;
        }
        continue;
      }
      const wb = g.sumWeights[i]!;
      if (wb === 0) continue;
      this.firstRows[id] = Math.min(this.firstRows[id]!, g.firstRow?.[i] ?? this.firstRows[id]!);
      const mean = weighted ? 3 : 1;
      const wa = weighted ? d[o + 1]! : d[o]!;
      d[o]! += g.count[i]!;
      if (weighted) {
        d[o + 1] = wa + wb;
        d[o + 2]! += g.sumWeights2[i]!;
      }
      if (wa === 0) {
        d[o + mean] = g.mean[i]!;
        d[o + mean + 1] = g.m2[i]!;
      } else {
        mergeMeanM2(wa, d[o + mean]!, d[o + mean + 1]!, wb, g.mean[i]!, g.m2[i]!, step);
        d[o + mean] = step[0]!;
        d[o + mean + 1] = step[1]!;
      }
    }
  }
}

/** Scratch of mergeMeanM2 (mean, m2). */
const step = new Float64Array(2);

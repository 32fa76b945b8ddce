import type { AnalysisUsage } from '../table/analysisUsage.js';
import type { ColumnMapping } from '../table/resolveColumns.js';
import type { DesignEntries, DesignEntry } from '../survey/designEntries.js';
import type { GroupedMoments, KeyLabel } from './groupedMoments.js';
import { mergeUsage, type SummaryRequest } from './summarySource.js';

/**
 * The groups of one key list (e.g. year × grade × county × school), numbered once and shared
 * by every summary with those keys, so a stream keeps each group's labels once.
 */
export class GroupIndex {
  private readonly ids = new Map<string, number>();
  readonly labels: KeyLabel[][] = [];

  /** The id of a group, numbering it when new. */
  idOf(labels: KeyLabel[]): number {
    const key = JSON.stringify(labels);
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.labels.length;
      this.ids.set(key, id);
      this.labels.push(labels);
    }
    return id;
  }
}

/** A growable array of fixed-width float rows, indexed by group id. */
class Rows {
  data: Float64Array;
  constructor(readonly width: number) {
    this.data = new Float64Array(Math.max(1, width) * 64);
  }
  ensure(id: number): void {
    if ((id + 1) * this.width <= this.data.length) return;
    let n = this.data.length;
    while ((id + 1) * this.width > n) n *= 2;
    const d = new Float64Array(n);
    d.set(this.data);
    this.data = d;
  }
}

/**
 * Merges the summaries of one request batch after batch, in place (汇总累加器): moments are
 * updated by Chan's formulas and design totals added, in columns indexed by the shared group
 * ids; memory is a few numbers per group and summary — not per row, not per batch. Groups are
 * listed in the order they first appeared in this summary, as one pass over the file lists them.
 */
export class SummaryAccumulator {
  private order = new Int32Array(64);
  private size = 0;
  private seen = new Uint8Array(64);
  private moments = new Rows(6); // count, Σw, Σw², mean, m2, first row
  private totals: Rows | undefined; // count, Σw (R+1), Σwy (M(R+1)), Σwy² (M)
  private strata: KeyLabel[] = [];
  private shape: Omit<DesignEntries, 'entries'> | undefined;
  private usage: AnalysisUsage | undefined;
  private keys: string[] = [];

  constructor(
    readonly kind: SummaryRequest['kind'],
    private readonly mapping: ColumnMapping,
    private readonly index: GroupIndex,
  ) {}

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
      const { width, data } = this.totals!;
      const { plausibleValues: M, replicates: R, keys } = this.shape!;
      const school = keys.indexOf('school');
      const entries: DesignEntry[] = Array.from(ids, (id) => {
        const o = id * width;
        const labels = this.index.labels[id]!;
        return {
          labels,
          psu: JSON.stringify(labels.slice(0, school + 1)),
          stratum: this.strata[id] ?? null,
          count: data[o]!,
          sumWeights: data.slice(o + 1, o + 2 + R),
          sumWY: data.slice(o + 2 + R, o + 2 + R + M * (R + 1)),
          sumWYY: data.slice(o + 2 + R + M * (R + 1), o + width),
        };
      });
      return { ...this.shape!, entries };
    }
    const d = this.moments.data;
    const column = (k: number) => Float64Array.from(ids, (id) => d[id * 6 + k]!);
    return {
      keys: this.keys,
      labels: this.keys.map((_, k) => Array.from(ids, (id) => this.index.labels[id]![k]!)),
      count: column(0),
      sumWeights: column(1),
      sumWeights2: column(2),
      mean: column(3),
      m2: column(4),
      firstRow: Int32Array.from(ids, (id) => d[id * 6 + 5]!),
    };
  }

  /** Marks a group as part of this summary (in order of first appearance); true when new. */
  private include(id: number): boolean {
    if (id >= this.seen.length) {
      let n = this.seen.length;
      while (id >= n) n *= 2;
      const s = new Uint8Array(n);
      s.set(this.seen);
      this.seen = s;
    }
    if (this.seen[id]) return false;
    this.seen[id] = 1;
    if (this.size === this.order.length) {
      const o = new Int32Array(this.order.length * 2);
      o.set(this.order);
      this.order = o;
    }
    this.order[this.size++] = id;
    return true;
  }

  private addEntries(d: DesignEntries): void {
    this.shape ??= { keys: d.keys, plausibleValues: d.plausibleValues, replicates: d.replicates, method: d.method };
    const R = d.replicates;
    const M = d.plausibleValues;
    this.totals ??= new Rows(2 + R + M * (R + 1) + M);
    const t = this.totals;
    for (const e of d.entries) {
      const id = this.index.idOf(e.labels);
      t.ensure(id);
      if (this.include(id)) this.strata[id] = e.stratum;
      const o = id * t.width;
      const a = t.data;
      a[o]! += e.count;
      for (let i = 0; i <= R; i++) a[o + 1 + i]! += e.sumWeights[i]!;
      for (let i = 0; i < e.sumWY.length; i++) a[o + 2 + R + i]! += e.sumWY[i]!;
      for (let i = 0; i < M; i++) a[o + 2 + R + M * (R + 1) + i]! += e.sumWYY[i]!;
    }
  }

  private addMoments(g: GroupedMoments): void {
    this.keys = g.keys;
    const n = g.count.length;
    for (let i = 0; i < n; i++) {
      const id = this.index.idOf(g.labels.map((l) => l[i]!));
      this.moments.ensure(id);
      const d = this.moments.data;
      const o = id * 6;
      if (this.include(id)) {
        d[o] = g.count[i]!;
        d[o + 1] = g.sumWeights[i]!;
        d[o + 2] = g.sumWeights2[i]!;
        d[o + 3] = g.mean[i]!;
        d[o + 4] = g.m2[i]!;
        d[o + 5] = g.firstRow?.[i] ?? 0;
        continue;
      }
      // Chan, Golub & LeVeque (1979), as mergeMoments.
      const wa = d[o + 1]!;
      const wb = g.sumWeights[i]!;
      if (wb === 0) continue;
      const w = wa + wb;
      const delta = g.mean[i]! - d[o + 3]!;
      d[o]! += g.count[i]!;
      d[o + 2]! += g.sumWeights2[i]!;
      d[o + 3] = wa === 0 ? g.mean[i]! : d[o + 3]! + (delta * wb) / w;
      d[o + 4] = wa === 0 ? g.m2[i]! : d[o + 4]! + g.m2[i]! + (delta * delta * wa * wb) / w;
      d[o + 1] = w;
      d[o + 5] = Math.min(d[o + 5]!, g.firstRow?.[i] ?? d[o + 5]!);
    }
  }
}

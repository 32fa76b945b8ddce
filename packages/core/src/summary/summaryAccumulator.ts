import type { AnalysisUsage } from '../table/analysisUsage.js';
import type { ColumnMapping } from '../table/resolveColumns.js';
import type { DesignEntries, DesignEntry } from '../survey/designEntries.js';
import type { GroupedMoments, KeyLabel } from './groupedMoments.js';
import { mergeUsage, type SummaryRequest } from './summarySource.js';

/**
 * Merges the summaries of one request batch after batch, in place (汇总累加器): groups are
 * found by their labels in a hash map and their moments updated by Chan's formulas, so each
 * batch costs its own size and memory holds one record per group (not per row, not per batch).
 */
export class SummaryAccumulator {
  private readonly index = new Map<string, number>();
  private labels: KeyLabel[][] = [];
  private size = 0;
  private count = new Float64Array(64);
  private sumW = new Float64Array(64);
  private sumW2 = new Float64Array(64);
  private mean = new Float64Array(64);
  private m2 = new Float64Array(64);
  private first = new Int32Array(64);
  private entries: DesignEntry[] = [];
  private shape: Omit<DesignEntries, 'entries'> | undefined;
  private usage: AnalysisUsage | undefined;
  private keys: string[] = [];

  constructor(
    readonly kind: SummaryRequest['kind'],
    private readonly mapping: ColumnMapping,
  ) {}

  /** Adds the summary of one batch. */
  add(summary: GroupedMoments | DesignEntries | AnalysisUsage): void {
    if (this.kind === 'usage') {
      const u = summary as AnalysisUsage;
      this.usage = this.usage ? mergeUsage(this.usage, u, this.mapping) : u;
    } else if (this.kind === 'entries') this.addEntries(summary as DesignEntries);
    else this.addMoments(summary as GroupedMoments);
  }

  /** The merged summary. */
  result(): GroupedMoments | DesignEntries | AnalysisUsage {
    if (this.kind === 'usage') return this.usage!;
    if (this.kind === 'entries') return { ...this.shape!, entries: this.entries };
    const n = this.size;
    return {
      keys: this.keys,
      labels: this.keys.map((_, k) => this.labels.map((l) => l[k]!)),
      count: this.count.slice(0, n),
      sumWeights: this.sumW.slice(0, n),
      sumWeights2: this.sumW2.slice(0, n),
      mean: this.mean.slice(0, n),
      m2: this.m2.slice(0, n),
      firstRow: this.first.slice(0, n),
    };
  }

  /** Groups held (what memory is bounded by). */
  get groups(): number {
    return this.kind === 'entries' ? this.entries.length : this.size;
  }

  private addEntries(d: DesignEntries): void {
    this.shape ??= { keys: d.keys, plausibleValues: d.plausibleValues, replicates: d.replicates, method: d.method };
    for (const e of d.entries) {
      const key = JSON.stringify(e.labels);
      const at = this.index.get(key);
      if (at === undefined) {
        this.index.set(key, this.entries.length);
        this.entries.push(e);
        continue;
      }
      const seen = this.entries[at]!;
      seen.count += e.count;
      for (let i = 0; i < e.sumWeights.length; i++) seen.sumWeights[i]! += e.sumWeights[i]!;
      for (let i = 0; i < e.sumWY.length; i++) seen.sumWY[i]! += e.sumWY[i]!;
      for (let i = 0; i < e.sumWYY.length; i++) seen.sumWYY[i]! += e.sumWYY[i]!;
    }
  }

  private addMoments(g: GroupedMoments): void {
    this.keys = g.keys;
    const n = g.count.length;
    for (let i = 0; i < n; i++) {
      const labels = g.labels.map((l) => l[i]!);
      const key = JSON.stringify(labels);
      let at = this.index.get(key);
      if (at === undefined) {
        if (this.size === this.count.length) this.grow();
        at = this.size++;
        this.index.set(key, at);
        this.labels.push(labels);
        this.count[at] = g.count[i]!;
        this.sumW[at] = g.sumWeights[i]!;
        this.sumW2[at] = g.sumWeights2[i]!;
        this.mean[at] = g.mean[i]!;
        this.m2[at] = g.m2[i]!;
        this.first[at] = g.firstRow?.[i] ?? 0;
        continue;
      }
      // Chan, Golub & LeVeque (1979), as mergeMoments.
      const wa = this.sumW[at]!;
      const wb = g.sumWeights[i]!;
      if (wb === 0) continue;
      const w = wa + wb;
      const delta = g.mean[i]! - this.mean[at]!;
      this.count[at]! += g.count[i]!;
      this.sumW2[at]! += g.sumWeights2[i]!;
      this.mean[at] = wa === 0 ? g.mean[i]! : this.mean[at]! + (delta * wb) / w;
      this.m2[at] = wa === 0 ? g.m2[i]! : this.m2[at]! + g.m2[i]! + (delta * delta * wa * wb) / w;
      this.sumW[at] = w;
      this.first[at] = Math.min(this.first[at]!, g.firstRow?.[i] ?? this.first[at]!);
    }
  }

  private grow(): void {
    const c = this.count.length * 2;
    const g = <T extends Float64Array | Int32Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(c);
      b.set(a);
      return b;
    };
    this.count = g(this.count);
    this.sumW = g(this.sumW);
    this.sumW2 = g(this.sumW2);
    this.mean = g(this.mean);
    this.m2 = g(this.m2);
    this.first = g(this.first);
  }
}

import type { RuleId } from '../messages.js';

/** One offending cell or row, as listed in the data-quality summary. */
export interface QualityExample {
  /** Spreadsheet row number in the input (header = 1). */
  row: number;
  value: string;
}

/** How many rows or values one rule caught, with the first few listed. */
export interface RuleCount {
  rule: RuleId;
  /** The role (canonical column) concerned; absent for rules about whole rows. */
  field?: string;
  count: number;
  examples: QualityExample[];
}

/**
 * Counts data-quality findings per rule and field, keeping the first `maxExamples` rows of
 * each (as Plot's warnings collector: one place, de-duplicated, counted). The listing is in a
 * fixed order (by insertion of the rule/field pair), so results are reproducible.
 */
export class QualityCollector {
  private readonly counts = new Map<string, RuleCount>();

  constructor(private readonly maxExamples = 5) {}

  add(rule: RuleId, field: string | undefined, row: number, value: string): void {
    const key = `${rule}\u0000${field ?? ''}`;
    let entry = this.counts.get(key);
    if (!entry) {
      entry = field === undefined ? { rule, count: 0, examples: [] } : { rule, field, count: 0, examples: [] };
      this.counts.set(key, entry);
    }
    entry.count++;
    if (entry.examples.length < this.maxExamples) entry.examples.push({ row, value: clip(value) });
  }

  /** Total count over all rules. */
  total(): number {
    let n = 0;
    for (const e of this.counts.values()) n += e.count;
    return n;
  }

  list(): RuleCount[] {
    return [...this.counts.values()];
  }
}

function clip(value: string): string {
  const chars = [...value];
  return chars.length > 40 ? `${chars.slice(0, 40).join('')}…` : value;
}

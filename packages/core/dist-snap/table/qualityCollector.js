/**
 * Counts data-quality findings per rule and field, keeping the first `maxExamples` rows of
 * each (as Plot's warnings collector: one place, de-duplicated, counted). The listing is in a
 * fixed order (by insertion of the rule/field pair), so results are reproducible.
 */
export class QualityCollector {
    maxExamples;
    counts = new Map();
    constructor(maxExamples = 5) {
        this.maxExamples = maxExamples;
    }
    add(rule, field, row, value) {
        const key = `${rule}\u0000${field ?? ''}`;
        let entry = this.counts.get(key);
        if (!entry) {
            entry = field === undefined ? { rule, count: 0, examples: [] } : { rule, field, count: 0, examples: [] };
            this.counts.set(key, entry);
        }
        entry.count++;
        if (entry.examples.length < this.maxExamples)
            entry.examples.push({ row, value: clip(value) });
    }
    /** Total count over all rules. */
    total() {
        let n = 0;
        for (const e of this.counts.values())
            n += e.count;
        return n;
    }
    list() {
        return [...this.counts.values()];
    }
}
function clip(value) {
    const chars = [...value];
    return chars.length > 40 ? `${chars.slice(0, 40).join('')}…` : value;
}
//# sourceMappingURL=qualityCollector.js.map
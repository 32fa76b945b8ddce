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
export declare class QualityCollector {
    private readonly maxExamples;
    private readonly counts;
    constructor(maxExamples?: number);
    add(rule: RuleId, field: string | undefined, row: number, value: string): void;
    /** Total count over all rules. */
    total(): number;
    list(): RuleCount[];
}
//# sourceMappingURL=qualityCollector.d.ts.map
import { rules } from '../messages.js';
import { ruleOfStatus } from './studentTable.js';
/**
 * The rows an analysis can use: kept by validation and with a usable value in every field it
 * needs. Each left-out row is counted once, under the first reason that applies (row rules of
 * validation first, then the fields in the order given). Returns the mask of used rows too.
 * `defined` (1 where a derived indicator has a value) makes that value decide instead.
 *
 * @example
 * analysisUsage(data, 'describe.math', ['math']).usage.rowsUsed; // => 2987
 */
export function analysisUsage(data, analysis, fields, defined) {
    const n = data.quality.rowsKept;
    const used = new Uint8Array(n).fill(1);
    // With `defined` (a derived indicator), a row with a value is used even if one input is
    // missing (e.g. one poor eye decides poor vision); a row without one is counted under the
    // first bad input, or as not applicable when every input was fine.
    const usedByValue = defined ? Uint8Array.from({ length: n }, (_, i) => (defined[i] ? 1 : 0)) : undefined;
    const excluded = data.quality.excludedRows.map((e) => e.field === undefined ? { rule: e.rule, count: e.count } : { rule: e.rule, field: e.field, count: e.count });
    const tally = new Map();
    for (const field of fields) {
        const status = data.status[field];
        if (!status)
            throw new RangeError(`analysis ${analysis} needs field "${field}", which the data does not have`);
        for (let i = 0; i < n; i++) {
            if (!used[i] || status[i] === 0 || usedByValue?.[i])
                continue;
            used[i] = 0;
            const rule = ruleOfStatus(status[i]);
            const key = `${rule}\u0000${field}`;
            const entry = tally.get(key) ?? { rule, field, count: 0 };
            entry.count++;
            tally.set(key, entry);
        }
    }
    if (usedByValue) {
        let notApplicable = 0;
        for (let i = 0; i < n; i++) {
            if (used[i] && !usedByValue[i]) {
                used[i] = 0;
                notApplicable++;
            }
        }
        if (notApplicable)
            tally.set('not_applicable', { rule: 'not_applicable', field: analysis, count: notApplicable });
    }
    excluded.push(...tally.values());
    excluded.splice(0, excluded.length, ...canonicalExclusions(excluded, data.mapping));
    let rowsUsed = 0;
    for (let i = 0; i < n; i++)
        rowsUsed += used[i];
    return { usage: { analysis, rowsRead: data.quality.rowsRead, rowsUsed, excluded }, used };
}
/**
 * Exclusions in a fixed order — row rules as applied, then value rules by column (in the
 * file's role order) and rule, then "not applicable" — so that usages merged from batches list
 * them as one pass over the whole file does.
 */
export function canonicalExclusions(list, mapping) {
    const rowRules = ['field_count', 'missing_county', 'missing_school', 'invalid_year', 'invalid_grade', 'invalid_weight', 'duplicate_student'];
    const ruleIds = Object.keys(rules);
    const roles = Object.keys(mapping.roles);
    const rank = (x) => rowRules.includes(x.rule)
        ? [0, rowRules.indexOf(x.rule), 0]
        : x.rule === 'not_applicable'
            ? [2, 0, 0]
            : [1, x.field === undefined ? -1 : roles.indexOf(x.field), ruleIds.indexOf(x.rule)];
    return [...list].sort((a, b) => {
        const [p, q] = [rank(a), rank(b)];
        return p[0] - q[0] || p[1] - q[1] || p[2] - q[2];
    });
}
//# sourceMappingURL=analysisUsage.js.map
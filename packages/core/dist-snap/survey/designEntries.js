import { readCodes, readNumbers } from '../table/columns.js';
import { canonicalExclusions } from '../table/analysisUsage.js';
import { ruleOfStatus } from '../table/studentTable.js';
/**
 * One scan of the student table into {@link DesignEntry} totals per combination of `keys`
 * (which must include 'school', the PSU). `values` holds the measure, one array per plausible
 * value (NaN = no value). A row is used only when every key, every plausible value and every
 * replicate weight is present, so that all M × (R + 1) estimates rest on the same students —
 * the rows left out are counted by the caller's analysisUsage over the same fields.
 *
 * @example
 * designEntries(data, design, ['year', 'grade', 'county', 'school'], [readNumbers(data.table, 'math')]).entries.length;
 */
export function designEntries(data, design, keys, values) {
    const table = data.table;
    const schoolAt = keys.indexOf('school');
    if (schoolAt < 0)
        throw new RangeError('designEntries needs the school (PSU) among its keys');
    const M = values.length;
    const w = design.weight ? readNumbers(table, design.weight) : undefined;
    const reps = design.replicates ? design.replicates.columns.map((c) => readNumbers(table, c)) : [];
    const R = reps.length;
    const keyCodes = keys.map((k) => (table.getChild(k) ? readCodes(table, k) : undefined));
    const strata = design.strata ? readCodes(table, design.strata) : undefined;
    const radix = keyCodes.map((c) => (c ? c.labels.length : 1));
    const index = new Map();
    const entries = [];
    const n = table.numRows;
    rows: for (let i = 0; i < n; i++) {
        for (let m = 0; m < M; m++)
            if (Number.isNaN(values[m][i]))
                continue rows;
        for (let r = 0; r < R; r++)
            if (Number.isNaN(reps[r][i]))
                continue rows;
        let key = 0;
        for (let k = 0; k < keyCodes.length; k++) {
            const c = keyCodes[k] ? keyCodes[k].codes[i] : 0;
            if (c < 0)
                continue rows;
            key = key * radix[k] + c;
        }
        let e = index.get(key);
        if (e === undefined) {
            e = entries.length;
            index.set(key, e);
            const labels = keyCodes.map((c) => (c ? c.labels[c.codes[i]] : null));
            const stratumCode = strata ? strata.codes[i] : -1;
            entries.push({
                labels,
                psu: JSON.stringify(labels.slice(0, schoolAt + 1)),
                stratum: stratumCode >= 0 ? strata.labels[stratumCode] : null,
                count: 0,
                sumWeights: new Float64Array(R + 1),
                sumWY: new Float64Array(M * (R + 1)),
                sumWYY: new Float64Array(M),
            });
        }
        const entry = entries[e];
        entry.count++;
        const w0 = w ? w[i] : 1;
        entry.sumWeights[0] += w0;
        for (let r = 1; r <= R; r++)
            entry.sumWeights[r] += reps[r - 1][i];
        for (let m = 0; m < M; m++) {
            const y = values[m][i];
            const base = m * (R + 1);
            entry.sumWY[base] += w0 * y;
            entry.sumWYY[m] += w0 * y * y;
            for (let r = 1; r <= R; r++)
                entry.sumWY[base + r] += reps[r - 1][i] * y;
        }
    }
    return { keys: [...keys], entries, plausibleValues: M, replicates: R, method: design.replicates?.method ?? null };
}
/**
 * Adds the rows a replicate-weight design cannot use to an analysis's usage: a used row whose
 * replicate weight is blank or invalid is excluded (counted under that column), because every
 * replicate estimate must rest on the same students. Without replicate columns the usage is
 * returned unchanged.
 *
 * @example
 * withReplicateUsage(analysisUsage(data, 'math', ['math']), data, design.replicates?.columns ?? []).usage.rowsUsed;
 */
export function withReplicateUsage(base, data, replicates) {
    if (!replicates.length)
        return base;
    const used = base.used.slice();
    const tally = new Map();
    for (const column of replicates) {
        const status = data.status[column];
        if (!status)
            continue;
        for (let i = 0; i < used.length; i++) {
            if (!used[i] || status[i] === 0)
                continue;
            used[i] = 0;
            const rule = ruleOfStatus(status[i]);
            const entry = tally.get(`${rule}\u0000${column}`) ?? { rule, field: column, count: 0 };
            entry.count++;
            tally.set(`${rule}\u0000${column}`, entry);
        }
    }
    let rowsUsed = 0;
    for (let i = 0; i < used.length; i++)
        rowsUsed += used[i];
    return { usage: { ...base.usage, rowsUsed, excluded: canonicalExclusions([...base.usage.excluded, ...tally.values()], data.mapping) }, used };
}
//# sourceMappingURL=designEntries.js.map
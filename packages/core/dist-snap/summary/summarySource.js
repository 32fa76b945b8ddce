import { indicatorValues } from '../indicators/indicatorValues.js';
import { designEntries, withReplicateUsage } from '../survey/designEntries.js';
import { analysisUsage, canonicalExclusions } from '../table/analysisUsage.js';
import { readNumbers } from '../table/columns.js';
import { groupedMoments } from './groupedMoments.js';
/** Whether the source's table has a column. */
export const hasColumn = (source, column) => source.info.columns.includes(column);
/** A stable key of a request (what a stream records and replays). */
export function requestKey(request) {
    if (request.kind === 'entries') {
        const { design } = request;
        return JSON.stringify([request.kind, request.keys, request.measures, design.weight, design.strata, design.replicates]);
    }
    return JSON.stringify(request);
}
/**
 * The source over a validated table in memory: each request is one scan of the typed
 * columns (indicator values computed once per indicator and kept).
 *
 * @example
 * tableSource(data).moments({ keys: ['county', 'school'], measure: { column: 'math' }, weighted: true });
 */
export function tableSource(data, indicatorOptions = {}) {
    const indicators = new Map();
    const indicator = (id) => {
        let v = indicators.get(id);
        if (!v)
            indicators.set(id, (v = indicatorValues(data, id, indicatorOptions)));
        return v;
    };
    // Each measure's values are built once per table (several summaries share them).
    const valueCache = new Map();
    const values = (measure) => {
        const key = JSON.stringify(measure);
        const hit = valueCache.get(key);
        if (hit)
            return hit;
        let x;
        if ('indicator' in measure)
            x = indicator(measure.indicator).values;
        else if ('columns' in measure) {
            const all = measure.columns.map((c) => readNumbers(data.table, c));
            x = all[measure.pv].slice();
            for (const a of all)
                for (let i = 0; i < x.length; i++)
                    if (Number.isNaN(a[i]))
                        x[i] = NaN;
        }
        else
            x = readNumbers(data.table, measure.column);
        if (measure.replicates?.length) {
            x = x.slice();
            for (const c of measure.replicates) {
                const r = readNumbers(data.table, c);
                for (let i = 0; i < x.length; i++)
                    if (Number.isNaN(r[i]))
                        x[i] = NaN;
            }
        }
        valueCache.set(key, x);
        return x;
    };
    const info = {
        columns: data.table.schema.fields.map((f) => f.name),
        mapping: data.mapping,
        subjects: data.subjects,
        quality: data.quality,
        indicatorOptions,
    };
    return {
        info,
        moments: ({ keys, measure, weighted }) => {
            const g = groupedMoments(data.table, { keys, value: '', values: values(measure), weight: weighted ? 'weight' : null });
            return { ...g, firstRow: g.firstRow.map((i) => data.rowNumbers[i]) };
        },
        entries: ({ keys, measures, design }) => designEntries(data, design, keys, measures.map(values)),
        usage: ({ analysis, fields, indicator: id, replicates }) => {
            if (id && !replicates?.length)
                return { ...indicator(id).usage, analysis };
            const base = id ? (() => {
                const v = indicator(id);
                const used = new Uint8Array(v.values.length);
                for (let i = 0; i < used.length; i++)
                    used[i] = Number.isNaN(v.values[i]) ? 0 : 1;
                return { usage: { ...v.usage, analysis }, used };
            })() : analysisUsage(data, analysis, fields);
            return replicates?.length ? withReplicateUsage(base, data, replicates).usage : base.usage;
        },
    };
}
/** Accepts a validated table or a source (the estimators' first argument). */
export function asSource(data, indicatorOptions = {}) {
    if ('moments' in data)
        return data;
    // One table source per table and indicator options, so indicator values are derived once.
    const options = { anxietyCutoff: indicatorOptions.anxietyCutoff, sleep: indicatorOptions.sleep, vision: indicatorOptions.vision };
    const key = JSON.stringify(options);
    let byOptions = cache.get(data);
    if (!byOptions)
        cache.set(data, (byOptions = new Map()));
    let source = byOptions.get(key);
    if (!source)
        byOptions.set(key, (source = tableSource(data, options)));
    return source;
}
const cache = new WeakMap();
// ------------------------------------------------------------------ merging summaries
/** Merges two usages of the same analysis over disjoint rows: counts added, reasons kept in order. */
export function mergeUsage(a, b, mapping) {
    const excluded = a.excluded.map((x) => ({ ...x }));
    for (const x of b.excluded) {
        const same = excluded.find((y) => y.rule === x.rule && y.field === x.field);
        if (same)
            same.count += x.count;
        else
            excluded.push({ ...x });
    }
    return { analysis: a.analysis, rowsRead: a.rowsRead + b.rowsRead, rowsUsed: a.rowsUsed + b.rowsUsed, excluded: mapping ? canonicalExclusions(excluded, mapping) : excluded };
}
/**
 * A source that answers requests from summaries computed elsewhere (merged batches, an SQL
 * engine). An unknown request is a programming error: the analyses ask the same questions of
 * every source with the same columns.
 */
export function summarySource(info, summaries) {
    const get = (request) => {
        const s = summaries.get(requestKey(request));
        if (!s)
            throw new RangeError(`no summary for request ${requestKey(request)}`);
        return s;
    };
    return {
        info,
        moments: (r) => get({ kind: 'moments', ...r }),
        entries: (r) => get({ kind: 'entries', ...r }),
        usage: (r) => ({ ...get({ kind: 'usage', ...r }), analysis: r.analysis }),
    };
}
/**
 * A source that answers every request with an empty summary and records it: running the
 * analyses on it once lists the summaries they need (for a stream or an SQL engine).
 */
export function recordingSource(info) {
    const requests = new Map();
    const record = (r) => void requests.set(requestKey(r), r);
    const empty = (keys) => ({
        keys,
        labels: keys.map(() => []),
        count: new Float64Array(0),
        sumWeights: new Float64Array(0),
        sumWeights2: new Float64Array(0),
        mean: new Float64Array(0),
        m2: new Float64Array(0),
        firstRow: new Int32Array(0),
    });
    return {
        requests,
        source: {
            info,
            moments: (r) => (record({ kind: 'moments', ...r }), empty(r.keys)),
            entries: (r) => (record({ kind: 'entries', ...r }),
                { keys: r.keys, entries: [], plausibleValues: r.measures.length, replicates: r.design.replicates?.columns.length ?? 0, method: r.design.replicates?.method ?? null }),
            usage: (r) => (record({ kind: 'usage', ...r }), { analysis: r.analysis, rowsRead: 0, rowsUsed: 0, excluded: [] }),
        },
    };
}
/**
 * Answers one request from a source (e.g. a batch's table, in a stream).
 *
 * @example
 * answer(tableSource(batch), request);
 */
export function answer(source, request) {
    const { kind, ...rest } = request;
    return kind === 'moments' ? source.moments(rest) : kind === 'entries' ? source.entries(rest) : source.usage(rest);
}
//# sourceMappingURL=summarySource.js.map
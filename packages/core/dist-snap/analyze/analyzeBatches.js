import { JianceError } from '../errors.js';
import { noUsableRows } from '../messages.js';
import { answer, recordingSource, summarySource, tableSource } from '../summary/summarySource.js';
import { StudentIdIndex } from '../table/studentIdIndex.js';
import { mergeDataQuality, studentTable } from '../table/studentTable.js';
import { GroupIndex, SummaryAccumulator } from '../summary/summaryAccumulator.js';
import { analyzeStudents } from './analyzeStudents.js';
/**
 * Analyses a file batch by batch (流式分析): each batch of raw rows is validated (duplicate
 * student ids are found across batches), summarised into exactly the per-group summaries the
 * analyses ask for, and merged; the rows are then dropped. Memory is bounded by the number of
 * groups (schools × years × grades…), not by the number of rows. The summaries needed are
 * listed by running the analyses once on a recording source over the first batch's columns.
 * Gives the results of {@link analyzeStudents} on the whole file (up to rounding in the
 * last digits, as merged moments are added in another order).
 *
 * @example
 * await analyzeBatches(csvBatches('province.csv', 100_000), {}); // => { results, mapping, batches: 1, … }
 */
export async function analyzeBatches(batches, options = {}) {
    const studentIds = new StudentIdIndex();
    const indicatorOptions = options.rates ?? {};
    let info;
    let requests;
    const merged = new Map();
    const indexes = new Map();
    let count = 0;
    let file = '';
    let mapping;
    for await (const raw of batches) {
        file = raw.file;
        const data = studentTable(raw, { ...options.table, studentIds, allowEmpty: true });
        count++;
        if (!info || !requests || !mapping) {
            mapping = data.mapping;
            info = tableSource(data, indicatorOptions).info;
            const recorder = recordingSource(info);
            analyzeStudents(recorder.source, options);
            requests = recorder.requests;
        }
        else {
            info = { ...info, quality: mergeDataQuality(info.quality, data.quality, mapping) };
            mapping = { ...mapping, columns: mapping.columns.map((c, i) => ({ ...c, nonEmpty: c.nonEmpty + (data.mapping.columns[i]?.nonEmpty ?? 0) })) };
        }
        // One request at a time, so a batch's summaries are dropped as soon as they are merged.
        const source = tableSource(data, indicatorOptions);
        for (const [key, request] of requests) {
            let acc = merged.get(key);
            if (!acc) {
                const keys = request.kind === 'usage' ? '' : JSON.stringify(request.keys);
                let index = indexes.get(keys);
                if (!index)
                    indexes.set(keys, (index = new GroupIndex()));
                merged.set(key, (acc = new SummaryAccumulator(request.kind, mapping, index, { weighted: request.kind !== 'moments' || request.weighted })));
            }
            acc.add(answer(source, request));
        }
        options.onBatch?.(info.quality.rowsRead);
    }
    if (!info || !mapping)
        throw new RangeError('analyzeBatches needs at least one batch');
    if (info.quality.rowsKept === 0)
        throw new JianceError(noUsableRows(file, info.quality.rowsRead));
    info = { ...info, mapping };
    let groups = 0;
    for (const acc of merged.values())
        groups += acc.kind === 'usage' ? 0 : acc.groups;
    // Summaries are built when an analysis asks for them and dropped after (not all held at once).
    const summaries = { get: (key) => merged.get(key)?.result() };
    const results = analyzeStudents(summarySource(info, summaries), options);
    return { results, mapping, batches: count, summaries: { requests: merged.size, groups } };
}
//# sourceMappingURL=analyzeBatches.js.map
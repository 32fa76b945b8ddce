import { Dictionary, Float64, Int32, Int8, Table, Utf8, makeVector, vectorFromArray } from 'apache-arrow';
import { JianceError } from '../errors.js';
import { missingRole, noUsableRows, rules } from '../messages.js';
import { StudentIdIndex } from './studentIdIndex.js';
import { closestHeader, roleSpec } from '../roles.js';
import { QualityCollector } from './qualityCollector.js';
import { resolveColumns } from './resolveColumns.js';
import { cellText, parseFlagCell, parseGradeCell, parseLocaleCell, parseNumberCell, parseSexCell, parseTextCell, parseYearCell, } from './parseCell.js';
/** Per-value status codes kept beside the table (0 = usable). */
export const valueStatus = { ok: 0, missing: 1, not_numeric: 2, out_of_range: 3, unrecognised: 4 };
const statusRule = [undefined, 'missing', 'not_numeric', 'out_of_range', 'unrecognised'];
/** The rule that a value status stands for. */
export function ruleOfStatus(status) {
    return statusRule[status];
}
/**
 * Builds the validated student table (学生数据表) from a raw table: assigns roles, reads
 * every cell by its role's rules, excludes rows that no analysis can use and counts every
 * exclusion; a value that cannot be used becomes missing and is counted, the row stays.
 *
 * Row rules, first match wins: surplus fields, blank county, blank school, invalid year,
 * invalid grade, invalid weight, duplicate (year, student id) — the first row is kept.
 * Structural problems (a required role absent, all rows excluded) throw a JianceError.
 *
 * @example
 * const data = studentTable(rawFromRecords([{ 区县: '青山县', 学校: '一小', 数学: '512' }]));
 * data.table.getChild('math')?.get(0); // => 512
 */
export function studentTable(raw, options = {}) {
    const mapping = resolveColumns(raw, options.map);
    const required = options.require ?? ['county', 'school'];
    for (const role of required) {
        if (mapping.roles[role] === undefined) {
            const s = roleSpec(role);
            const free = mapping.columns.filter((c) => c.status === 'ignored').map((c) => c.header);
            throw new JianceError(missingRole(raw.file, role, s.zh, options.purpose ?? 'every analysis', [...s.aliases, ...(s.secondary ?? [])], closestHeader(role, free)));
        }
    }
    const n = raw.rowNumbers.length;
    const parsed = new Map();
    for (const [role, index] of Object.entries(mapping.roles)) {
        const s = roleSpec(role);
        const range = options.ranges?.[role] ?? s.range;
        parsed.set(role, parseColumn(raw.columns[index], s, range));
    }
    // Row-level exclusions.
    const excluded = new QualityCollector(options.maxExamples);
    const keep = new Uint8Array(n).fill(1);
    const rowNumber = (i) => raw.rowNumbers[i];
    for (const r of raw.rejected) {
        keep[r.index] = 0;
        excluded.add(r.rule, undefined, rowNumber(r.index), r.value);
    }
    const rowRule = (role, rule, bad) => {
        const p = parsed.get(role);
        if (!p)
            return;
        for (let i = 0; i < n; i++) {
            if (keep[i] && bad(p.status[i])) {
                keep[i] = 0;
                excluded.add(rule, role, rowNumber(i), cellText(p.raw[i]));
            }
        }
    };
    rowRule('county', 'missing_county', (s) => s !== 0);
    rowRule('school', 'missing_school', (s) => s !== 0);
    rowRule('year', 'invalid_year', (s) => s !== 0);
    rowRule('grade', 'invalid_grade', (s) => s !== 0);
    rowRule('weight', 'invalid_weight', (s) => s !== 0);
    const student = parsed.get('student');
    if (student) {
        const year = parsed.get('year');
        const ids = options.studentIds ?? new StudentIdIndex(n);
        for (let i = 0; i < n; i++) {
            if (!keep[i] || student.values[i] === null)
                continue;
            const seen = ids.firstRow(`${year ? year.values[i] : ''}\u0000${student.values[i]}`, rowNumber(i));
            if (seen >= 0) {
                keep[i] = 0;
                excluded.add('duplicate_student', 'student', rowNumber(i), `= row ${seen}`);
            }
        }
    }
    let kept = 0;
    for (let i = 0; i < n; i++)
        kept += keep[i];
    if (kept === 0 && !options.allowEmpty)
        throw new JianceError(noUsableRows(raw.file, n));
    // Value-level findings among kept rows, and the Arrow columns.
    const invalid = new QualityCollector(options.maxExamples);
    const blankValues = {};
    const vectors = {};
    const status = {};
    const keptRows = new Int32Array(kept);
    for (let i = 0, k = 0; i < n; i++)
        if (keep[i])
            keptRows[k++] = i;
    for (const [role, p] of parsed) {
        const s = roleSpec(role);
        if (s.kind === 'id')
            continue; // student ids never leave validation
        const st = new Uint8Array(kept);
        const values = new Array(kept);
        let blanks = 0;
        for (let k = 0; k < kept; k++) {
            const i = keptRows[k];
            st[k] = p.status[i];
            values[k] = p.values[i];
            if (st[k] === valueStatus.missing)
                blanks++;
            else if (st[k] !== valueStatus.ok)
                invalid.add(ruleOfStatus(st[k]), role, rowNumber(i), cellText(p.raw[i]));
        }
        if (blanks > 0)
            blankValues[role] = blanks;
        status[role] = st;
        vectors[role] = toVector(s, values);
    }
    const weighted = parsed.has('weight');
    if (!weighted) {
        vectors.weight = makeVector(new Float64Array(kept).fill(1));
        status.weight = new Uint8Array(kept);
    }
    const subjects = mapping.columns
        .filter((c) => c.status === 'used' && roleSpec(c.role)?.subject)
        .map((c) => c.role);
    return {
        table: new Table(vectors),
        mapping,
        quality: {
            rowsRead: n,
            blankRows: raw.blankRows,
            rowsExcluded: n - kept,
            excludedRows: canonicalOrder(excluded.list(), mapping),
            rowsKept: kept,
            invalidValues: canonicalOrder(invalid.list(), mapping),
            blankValues,
            weighted,
        },
        status,
        rowNumbers: Int32Array.from(keptRows, (i) => rowNumber(i)),
        subjects,
    };
}
/** The order in which the row rules are applied (and listed). */
const rowRuleOrder = ['field_count', 'missing_county', 'missing_school', 'invalid_year', 'invalid_grade', 'invalid_weight', 'duplicate_student'];
/**
 * Findings in a fixed order — row rules in the order they are applied; value findings by
 * column, then by rule — so that a file read in one piece or in batches lists them identically.
 */
export function canonicalOrder(list, mapping) {
    const ruleIds = [...rowRuleOrder, ...Object.keys(rules).filter((r) => !rowRuleOrder.includes(r))];
    const roles = Object.keys(mapping.roles);
    const isRowRule = (r) => rowRuleOrder.includes(r.rule);
    const fieldRank = (r) => (isRowRule(r) || r.field === undefined ? -1 : roles.indexOf(r.field));
    return [...list].sort((a, b) => fieldRank(a) - fieldRank(b) || ruleIds.indexOf(a.rule) - ruleIds.indexOf(b.rule));
}
/**
 * Merges the data quality of two batches of one file (rows after the first batch's): counts
 * added, examples kept in row order up to `maxExamples`, findings in canonical order.
 *
 * @example
 * mergeDataQuality(first.quality, second.quality, first.mapping);
 */
export function mergeDataQuality(a, b, mapping, maxExamples = 5) {
    const mergeCounts = (x, y) => {
        const out = x.map((r) => ({ ...r, examples: [...r.examples] }));
        for (const r of y) {
            const same = out.find((o) => o.rule === r.rule && o.field === r.field);
            if (!same)
                out.push({ ...r, examples: [...r.examples] });
            else {
                same.count += r.count;
                same.examples = [...same.examples, ...r.examples].slice(0, maxExamples);
            }
        }
        return canonicalOrder(out, mapping);
    };
    const blankValues = {};
    for (const role of Object.keys(mapping.roles)) {
        const n = (a.blankValues[role] ?? 0) + (b.blankValues[role] ?? 0);
        if (n)
            blankValues[role] = n;
    }
    return {
        rowsRead: a.rowsRead + b.rowsRead,
        blankRows: a.blankRows + b.blankRows,
        rowsExcluded: a.rowsExcluded + b.rowsExcluded,
        excludedRows: mergeCounts(a.excludedRows, b.excludedRows),
        rowsKept: a.rowsKept + b.rowsKept,
        invalidValues: mergeCounts(a.invalidValues, b.invalidValues),
        blankValues,
        weighted: a.weighted,
    };
}
function parseColumn(cells, s, range) {
    const n = cells.length;
    const values = new Array(n);
    const status = new Uint8Array(n);
    const set = (i, v, invalidStatus) => {
        if (v === 'missing') {
            values[i] = null;
            status[i] = valueStatus.missing;
        }
        else if (v === 'invalid') {
            values[i] = null;
            status[i] = invalidStatus;
        }
        else
            values[i] = v;
    };
    for (let i = 0; i < n; i++) {
        const cell = cells[i];
        switch (s.kind) {
            case 'text':
            case 'id':
                set(i, parseTextCell(cell), valueStatus.unrecognised);
                break;
            case 'year':
                set(i, parseYearCell(cell), valueStatus.unrecognised);
                break;
            case 'grade':
                set(i, parseGradeCell(cell), valueStatus.unrecognised);
                break;
            case 'sex':
                set(i, parseSexCell(cell), valueStatus.unrecognised);
                break;
            case 'locale':
                set(i, parseLocaleCell(cell), valueStatus.unrecognised);
                break;
            case 'flag':
                set(i, parseFlagCell(cell), valueStatus.unrecognised);
                break;
            case 'weight': {
                const v = parseNumberCell(cell);
                set(i, typeof v === 'number' && !(v > 0) ? 'invalid' : v, valueStatus.not_numeric);
                break;
            }
            case 'number': {
                const v = parseNumberCell(cell, s.units);
                if (typeof v === 'number' && range && (v < range[0] || v > range[1])) {
                    values[i] = null;
                    status[i] = valueStatus.out_of_range;
                }
                else
                    set(i, v, valueStatus.not_numeric);
                break;
            }
        }
    }
    return { values, status, raw: cells };
}
function toVector(s, values) {
    switch (s.kind) {
        case 'text':
        case 'sex':
        case 'locale':
            return vectorFromArray(values, new Dictionary(new Utf8(), new Int32()));
        case 'year':
        case 'grade':
            return vectorFromArray(values, new Int32());
        case 'flag':
            return vectorFromArray(values, new Int8());
        default:
            return vectorFromArray(values, new Float64());
    }
}
//# sourceMappingURL=studentTable.js.map
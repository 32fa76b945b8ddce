import { roleOfHeader } from '../roles.js';
/** How many leading records are searched for the header row. */
const searchDepth = 10;
/**
 * Finds the header row (表头行) among the first records: the first one in which at least two
 * cells name a known role. Exports from Chinese school systems often put a title line
 * ("青山县2024年监测学生数据") or blank lines above the header; those are skipped and counted.
 * Falls back to the first non-blank record.
 *
 * @example
 * locateHeader([['青山县2024年监测数据'], ['区县', '学校', '数学']]); // => 1
 */
export function locateHeader(records) {
    let firstNonBlank = -1;
    const depth = Math.min(records.length, searchDepth);
    for (let r = 0; r < depth; r++) {
        const record = records[r];
        let known = 0;
        let nonBlank = false;
        for (const cell of record) {
            if (cell === null || cell === undefined)
                continue;
            const text = String(cell).trim();
            if (text === '')
                continue;
            nonBlank = true;
            if (roleOfHeader(text))
                known++;
        }
        if (nonBlank && firstNonBlank < 0)
            firstNonBlank = r;
        if (known >= 2)
            return r;
    }
    return Math.max(firstNonBlank, 0);
}
//# sourceMappingURL=locateHeader.js.map
/**
 * Finds the header row (表头行) among the first records: the first one in which at least two
 * cells name a known role. Exports from Chinese school systems often put a title line
 * ("青山县2024年监测学生数据") or blank lines above the header; those are skipped and counted.
 * Falls back to the first non-blank record.
 *
 * @example
 * locateHeader([['青山县2024年监测数据'], ['区县', '学校', '数学']]); // => 1
 */
export declare function locateHeader(records: readonly (readonly unknown[])[]): number;
//# sourceMappingURL=locateHeader.d.ts.map
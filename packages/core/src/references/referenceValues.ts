import { JianceError } from '../errors.js';
import { indicatorIds, indicatorNames, type IndicatorId } from '../indicators/indicatorValues.js';
import * as messages from '../messages.js';
import type { ReferenceOrigin } from '../messages.js';
import type { RawCell, RawTable } from '../io/raw.js';
import { rawFromRecords } from '../io/raw.js';
import { normalizeHeader, roleOfHeader, roleSpec } from '../roles.js';
import { cellText, isMissingCell, parseGradeCell, parseTextCell, parseYearCell } from '../table/parseCell.js';

/** What a reference figure is a figure of: a mean score, a detection rate, a between-school share, or the share of students at a performance level. */
export type ReferenceStatistic = 'mean' | 'rate' | 'icc' | 'share';

/** Whose figure it is: the province the county belongs to, or the nation (参照层级：全省 / 全国). */
export type ReferenceScope = 'province' | 'nation';

/**
 * A figure from outside the data (参照值) that a county (or a province) is compared with: the
 * province's and the nation's results that the monitoring's feedback report gives, per subject
 * or indicator × year × grade, with the SE (or a CI) when the report gives one.
 */
export interface ReferenceValue {
  scope: ReferenceScope;
  /** As shown in the report, e.g. "全省", "全国（公开发布，2018）". */
  label: string;
  /** The province a province figure belongs to (null: the data's only province). Always null for the nation. */
  province: string | null;
  /** Subject or measure (math, sleep_hours…) or indicator id (vision_poor…); null: every subject (the config's older one-figure form). */
  measure: string | null;
  statistic: ReferenceStatistic;
  /** For a level share: the level (0 = the lowest, 待提高) or 'pass' (达到中等及以上); null otherwise. */
  level: number | 'pass' | null;
  /** Null: every year of the data. */
  year: number | null;
  /** Null: every grade of the data. */
  grade: number | null;
  /** The figure: a mean on the score's scale, or a proportion 0–1 for rates and shares. */
  estimate: number;
  /** Its standard error: given, or from its 95% CI as (upper − lower)/(2 × 1.96); null when published without one. */
  se: number | null;
  /** Its 95% interval when given. */
  lower: number | null;
  upper: number | null;
  /** Where it was published (来源). */
  source: string | null;
  /** The row of the reference file (header = 1) or the item of the config list it came from; null for figures built in code. */
  origin: { kind: ReferenceOrigin['kind']; row: number } | null;
}

/** The columns of a reference file and the headers that name them (Chinese or English). */
const referenceColumns = {
  scope: { zh: '层级', aliases: ['层级', '参照层级', '级别', '比较层级', 'level', 'scope'], required: true },
  label: { zh: '名称', aliases: ['名称', '参照名称', '参照', '标签', 'label', 'name'], required: false },
  province: { zh: '省份', aliases: ['省份', '省', '省名称', 'province'], required: false },
  measure: { zh: '指标', aliases: ['指标', '学科', '科目', '学科或指标', '指标名称', 'measure', 'indicator', 'subject'], required: true },
  statistic: { zh: '统计量', aliases: ['统计量', '统计指标', '类型', 'statistic', 'stat'], required: false },
  year: { zh: '年份', aliases: ['年份', '监测年份', '年度', 'year'], required: false },
  grade: { zh: '年级', aliases: ['年级', 'grade'], required: false },
  estimate: { zh: '估计值', aliases: ['估计值', '数值', '值', '参照值', '结果', 'estimate', 'value'], required: true },
  se: { zh: '标准误', aliases: ['标准误', '标准误差', 'se', 'standard_error', 'stderr'], required: false },
  lower: { zh: '下限', aliases: ['下限', '置信区间下限', '95%下限', 'lower', 'ci_lower'], required: false },
  upper: { zh: '上限', aliases: ['上限', '置信区间上限', '95%上限', 'upper', 'ci_upper'], required: false },
  source: { zh: '来源', aliases: ['来源', '数据来源', '出处', 'source'], required: false },
  note: { zh: '备注', aliases: ['备注', '说明', 'note', 'notes', 'comment'], required: false },
} as const;

type ReferenceColumn = keyof typeof referenceColumns;

const columnOfHeader = new Map<string, ReferenceColumn>();
for (const [column, spec] of Object.entries(referenceColumns) as [ReferenceColumn, (typeof referenceColumns)[ReferenceColumn]][]) {
  for (const alias of spec.aliases) columnOfHeader.set(normalizeHeader(alias), column);
}

const scopeWords: Record<string, ReferenceScope> = {
  全省: 'province',
  省: 'province',
  省级: 'province',
  本省: 'province',
  province: 'province',
  provincial: 'province',
  全国: 'nation',
  国家: 'nation',
  全国常模: 'nation',
  国家级: 'nation',
  nation: 'nation',
  national: 'nation',
  country: 'nation',
};

const statisticWords: Record<string, ReferenceStatistic> = {
  均值: 'mean',
  平均值: 'mean',
  平均分: 'mean',
  平均: 'mean',
  平均数: 'mean',
  均分: 'mean',
  mean: 'mean',
  average: 'mean',
  检出率: 'rate',
  比例: 'rate',
  率: 'rate',
  百分比: 'rate',
  占比: 'rate',
  rate: 'rate',
  proportion: 'rate',
  share: 'rate',
  校间差异: 'icc',
  校际差异: 'icc',
  校际差异率: 'icc',
  校间差异比例: 'icc',
  icc: 'icc',
};

/** Level shares by name (default names, 水平Ⅰ–Ⅳ, level1–4) and 中等及以上. */
const levelWords: Record<string, number | 'pass'> = Object.fromEntries(
  (
    [
      ['待提高', 0],
      ['中等', 1],
      ['良好', 2],
      ['优秀', 3],
      ['水平Ⅰ', 0],
      ['水平Ⅱ', 1],
      ['水平Ⅲ', 2],
      ['水平Ⅳ', 3],
      ['Ⅰ级', 0],
      ['Ⅱ级', 1],
      ['Ⅲ级', 2],
      ['Ⅳ级', 3],
      ['level1', 0],
      ['level2', 1],
      ['level3', 2],
      ['level4', 3],
      ['中等及以上', 'pass'],
      ['达到中等及以上', 'pass'],
      ['中等以上', 'pass'],
      ['pass', 'pass'],
    ] as const
  ).map(([word, level]) => [normalizeHeader(word), level]),
);

/** Indicator names as reports and feedback write them (视力不良, 视力不良检出率, 肥胖…). */
const indicatorAliases = new Map<string, IndicatorId>();
for (const id of indicatorIds) {
  const zh = indicatorNames[id].zh;
  for (const name of [id, zh, zh.replace(/(检出率|比例|率)$/u, ''), indicatorNames[id].en]) indicatorAliases.set(normalizeHeader(name), id);
}
for (const [name, id] of [
  ['视力不良率', 'vision_poor'],
  ['睡眠不足率', 'sleep_short'],
  ['睡眠不足检出率', 'sleep_short'],
  ['焦虑率', 'anxiety'],
  ['肥胖检出率', 'obese'],
  ['超重检出率', 'overweight'],
  ['体质达标率', 'fitness_pass'],
  ['达标率', 'fitness_pass'],
  ['体质优良率', 'fitness_good'],
  ['优良率', 'fitness_good'],
] as const)
  indicatorAliases.set(normalizeHeader(name), id);

/** What a measure name can mean: an indicator (its rate) and/or a numeric column (its mean, or a subject's ICC). */
function measureOf(name: string): { indicator: IndicatorId | undefined; numeric: string | undefined } {
  const role = roleOfHeader(name)?.role;
  return { indicator: indicatorAliases.get(normalizeHeader(name)), numeric: role && roleSpec(role)?.kind === 'number' ? role : undefined };
}

const knownHeaders = Object.values(referenceColumns).map((c) => c.aliases[0]);

/**
 * Reads reference figures (参照值) from a table — a CSV or workbook the user gives with
 * `--reference`, in the shape the monitoring's feedback gives them: one figure a row, columns
 * 层级 (全省 / 全国), 名称, 省份, 指标 (数学, 视力不良…), 统计量 (均值 / 检出率 / 校间差异;
 * default from the 指标), 年份 and 年级 (blank: every year / grade), 估计值, 标准误 or
 * 下限/上限, 来源, 备注 — English headers too. Rates are proportions (0.365) or percentages
 * with their sign ("36.5%"). Any value that cannot be used is an error naming the file, row,
 * column and value; nothing is guessed.
 *
 * @example
 * referenceTable(parseCsv('层级,指标,年份,年级,估计值\n全国,视力不良,2018,4,38.5%', 'refs.csv'))[0].estimate; // => 0.385
 */
export function referenceTable(raw: RawTable, kind: ReferenceOrigin['kind'] = 'file'): ReferenceValue[] {
  const columnAt = new Map<ReferenceColumn, number>();
  raw.headers.forEach((header, i) => {
    if (header.trim() === '') return;
    const column = columnOfHeader.get(normalizeHeader(header));
    if (!column) throw new JianceError(messages.referenceHeaderUnknown(raw.file, header, knownHeaders));
    columnAt.set(column, i);
  });
  for (const [column, spec] of Object.entries(referenceColumns)) {
    if (spec.required && !columnAt.has(column as ReferenceColumn)) throw new JianceError(messages.referenceHeaderMissing(raw.file, column, spec.zh));
  }
  const n = raw.rowNumbers.length;
  if (n === 0) throw new JianceError(messages.referenceEmpty(raw.file));
  const out: ReferenceValue[] = [];
  const seen = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const origin: ReferenceOrigin = { file: raw.file, row: kind === 'file' ? raw.rowNumbers[i]! : i + 1, kind };
    const cell = (column: ReferenceColumn): RawCell => {
      const at = columnAt.get(column);
      return at === undefined ? null : raw.columns[at]![i];
    };
    const bad = (column: ReferenceColumn, fix: { zh: string; en: string }): never => {
      throw new JianceError(messages.referenceValueInvalid(origin, referenceColumns[column].zh, cellText(cell(column)), fix));
    };
    const scope = scopeWords[normalizeHeader(cellText(cell('scope')))];
    if (!scope) bad('scope', { zh: '层级应为“全省”或“全国”', en: 'the level must be 全省 (province) or 全国 (nation)' });
    const measureName = cellText(cell('measure'));
    const named = measureOf(measureName);
    if (!named.indicator && !named.numeric) {
      bad('measure', {
        zh: `应为学科（数学、语文……）、分数（焦虑得分、睡眠时长……）或指标（${indicatorIds.map((id) => indicatorNames[id].zh.replace(/(检出率|比例|率)$/u, '')).join('、')}）`,
        en: `it must be a subject (math, 数学…), a score (anxiety, sleep_hours…) or an indicator (${indicatorIds.join(', ')})`,
      });
    }
    // An indicator name (视力不良, 焦虑) is a rate unless the statistic says otherwise; a score name (数学, 焦虑得分) a mean.
    let statistic: ReferenceStatistic = named.indicator ? 'rate' : 'mean';
    let level: number | 'pass' | null = null;
    if (!isMissingCell(cell('statistic'))) {
      const word = normalizeHeader(cellText(cell('statistic')));
      const s = statisticWords[word];
      level = levelWords[word] ?? null;
      if (!s && level === null)
        bad('statistic', {
          zh: '统计量应为“均值”“检出率”“校间差异”或学业水平（优秀、良好、中等、待提高、中等及以上），也可留空',
          en: 'the statistic must be mean, rate, icc or a level (优秀, 良好, 中等, 待提高, 中等及以上), or blank',
        });
      statistic = s ?? 'share';
    }
    if (statistic === 'rate' && !named.indicator) {
      bad('statistic', {
        zh: `“${measureName}”是分数，没有检出率；请写“均值”，或在指标列写检出指标（如视力不良）`,
        en: `"${measureName}" is a score, which has no rate; write mean, or name an indicator`,
      });
    }
    if (statistic !== 'rate' && !named.numeric) {
      bad('statistic', { zh: `“${measureName}”是检出指标，统计量只能是检出率`, en: `"${measureName}" is an indicator: its statistic can only be a rate` });
    }
    if (statistic === 'share' && !(named.numeric && roleSpec(named.numeric)?.subject)) {
      bad('measure', { zh: '学业水平比例只适用于学科（数学、语文……）', en: 'a level share needs a subject (math, 数学…)' });
    }
    const measure = statistic === 'rate' ? named.indicator! : named.numeric!;
    const province = isMissingCell(cell('province')) ? null : parseTextCell(cell('province'));
    if (scope === 'nation' && province !== null)
      bad('province', { zh: '全国参照值不属于某个省份，请清空省份', en: 'a national figure belongs to no province: leave the province blank' });
    const year = isMissingCell(cell('year')) ? null : parseYearCell(cell('year'));
    if (typeof year === 'string')
      bad('year', { zh: '年份应为四位数字，如 2024；留空表示适用于每一年', en: 'use a four-digit year such as 2024, or leave it blank for every year' });
    const grade = isMissingCell(cell('grade')) ? null : parseGradeCell(cell('grade'));
    if (typeof grade === 'string')
      bad('grade', { zh: '年级应为 1–12 的整数或“四年级”等；留空表示适用于每个年级', en: 'use an integer 1–12 or 四年级, or leave it blank for every grade' });
    const share = statistic !== 'mean';
    const number = (column: 'estimate' | 'se' | 'lower' | 'upper'): number | null => {
      const c = cell(column);
      if (isMissingCell(c)) return null;
      const text = typeof c === 'number' ? String(c) : cellText(c).normalize('NFKC').replace(/,/g, '');
      const m = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*(%?)$/i.exec(text);
      if (!m) return bad(column, { zh: '应为数字', en: 'it must be a number' });
      const value = Number(m[1]) / (m[2] ? 100 : 1);
      if (m[2] && !share) bad(column, { zh: '均值不能写成百分数', en: 'a mean cannot be a percentage' });
      if (share && !m[2] && Math.abs(value) > 1)
        bad(column, { zh: '比例请写成 0–1 的小数（0.365）或带百分号（36.5%）', en: 'write a proportion as 0–1 (0.365) or with a percent sign (36.5%)' });
      return value;
    };
    const estimate = number('estimate');
    if (estimate === null) bad('estimate', { zh: '估计值不能为空', en: 'the figure cannot be blank' });
    if (share && (estimate! < 0 || estimate! > 1)) bad('estimate', { zh: '比例应在 0 到 1（0%–100%）之间', en: 'a proportion must lie between 0 and 1' });
    let se = number('se');
    if (se !== null && !(se >= 0)) bad('se', { zh: '标准误不能为负数', en: 'an SE cannot be negative' });
    const lower = number('lower');
    const upper = number('upper');
    if ((lower === null) !== (upper === null))
      bad(lower === null ? 'lower' : 'upper', { zh: '置信区间的下限和上限要同时给出', en: 'give both ends of the interval, or neither' });
    if (lower !== null && !(lower <= estimate! && estimate! <= upper!))
      bad('lower', { zh: `区间 ${lower}–${upper} 应包含估计值 ${estimate}`, en: `the interval ${lower}–${upper} must contain the figure ${estimate}` });
    // A 95% CI without an SE gives the SE of a normal interval.
    if (se === null && lower !== null) se = (upper! - lower) / (2 * 1.959963984540054);
    const label = isMissingCell(cell('label')) ? (scope === 'province' ? (province ?? '全省') : '全国') : parseTextCell(cell('label'));
    const source = isMissingCell(cell('source')) ? null : parseTextCell(cell('source'));
    const value: ReferenceValue = {
      scope: scope!,
      label,
      province,
      measure,
      statistic,
      level,
      year: year as number | null,
      grade: grade as number | null,
      estimate: estimate!,
      se,
      lower,
      upper,
      source,
      origin: { kind, row: origin.row },
    };
    const key = JSON.stringify([value.scope, value.label, value.province, value.measure, value.statistic, value.level, value.year, value.grade]);
    const first = seen.get(key);
    if (first !== undefined) throw new JianceError(messages.referenceDuplicate(origin, first));
    seen.set(key, origin.row);
    out.push(value);
  }
  return out;
}

/**
 * Reference figures from the configuration's `"references"` list (objects with the reference
 * file's English column names: level, label, province, measure, statistic, year, grade,
 * estimate, se, lower, upper, source), checked as a reference file is; errors name the item.
 *
 * @example
 * referencesFromList([{ level: 'nation', measure: 'math', estimate: 500 }], 'jiance.json')[0].scope; // => 'nation'
 */
export function referencesFromList(items: readonly Record<string, RawCell>[], file: string): ReferenceValue[] {
  return referenceTable(rawFromRecords(items, file), 'config');
}

/** A reference that applies to a cell: the cell's measure (or every one), statistic (and level), year and grade. */
export function referenceApplies(
  ref: ReferenceValue,
  cell: { measure: string; statistic: ReferenceStatistic; level?: number | 'pass' | null; year: unknown; grade: unknown },
): boolean {
  return (
    (ref.measure === null || ref.measure === cell.measure) &&
    ref.statistic === cell.statistic &&
    ref.level === (cell.level ?? null) &&
    (ref.year === null || ref.year === cell.year) &&
    (ref.grade === null || ref.grade === cell.grade)
  );
}

/**
 * The references a county's cell is compared with (与参照值比较): its own province's figures
 * (a province figure names its province, or is the only province's) and the nation's, in the
 * order given. A province figure without a province when the data hold several provinces is
 * an error: it would be compared with every province's counties.
 *
 * @example
 * const refs = referencesFromList([{ level: 'nation', measure: 'math', estimate: 500 }, { level: 'province', province: '示例省', measure: 'math', estimate: 505 }, { level: 'nation', measure: 'math', year: 2018, estimate: 498 }], 'jiance.json');
 * referencesForCell(refs, { measure: 'math', statistic: 'mean', year: 2024, grade: 4, province: '示例省' }, ['province', 'nation'], ['示例省']).map((r) => r.index); // => [0, 1]
 */
export function referencesForCell(
  references: readonly ReferenceValue[],
  cell: { measure: string; statistic: ReferenceStatistic; level?: number | 'pass' | null; year: unknown; grade: unknown; province: string | null },
  scopes: readonly ReferenceScope[],
  provinces: readonly (string | null)[],
): { reference: ReferenceValue; index: number }[] {
  const out: { reference: ReferenceValue; index: number }[] = [];
  references.forEach((reference, index) => {
    if (!scopes.includes(reference.scope) || !referenceApplies(reference, cell)) return;
    if (reference.scope === 'province') {
      if (reference.province === null) {
        const named = provinces.filter((p): p is string => p !== null);
        if (new Set(named).size > 1) {
          throw new JianceError(messages.referenceProvinceAmbiguous(reference.origin, reference.label, [...new Set(named)]));
        }
      } else if (reference.province !== cell.province) return;
    }
    out.push({ reference, index });
  });
  return out;
}

/**
 * The older one-figure reference (`countyComparison.reference`) as a national reference
 * figure for every subject, year and grade.
 *
 * @example
 * legacyReference({ label: '全国', estimate: 500 }).scope; // => 'nation'
 */
export function legacyReference(reference: { label: string; estimate: number; se?: number }): ReferenceValue {
  return {
    scope: 'nation',
    label: reference.label,
    province: null,
    measure: null,
    statistic: 'mean',
    level: null,
    year: null,
    grade: null,
    estimate: reference.estimate,
    se: reference.se ?? null,
    lower: null,
    upper: null,
    source: null,
    origin: null,
  };
}

/**
 * The older one-figure between-school reference (`betweenSchool.reference`) as a national
 * reference share for every subject, year and grade.
 *
 * @example
 * legacyIccReference({ icc: 0.17, label: '全国' }).statistic; // => 'icc'
 */
export function legacyIccReference(reference: { icc: number; label: string }): ReferenceValue {
  return { ...legacyReference({ label: reference.label, estimate: reference.icc }), statistic: 'icc' };
}

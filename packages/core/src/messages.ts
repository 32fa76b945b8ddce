/**
 * Every user-facing message of Jiance, in one place (as vega-lite's log/message.ts).
 * Each says what is wrong, where (file, column, row, value) and what to do, in Chinese
 * (the default for users) and English. Tests assert against these functions, not copies.
 */

/** A message in both languages with a stable code. */
export interface Message {
  code: string;
  en: string;
  zh: string;
  details?: Record<string, unknown>;
}

const list = (items: readonly string[], max = 12): string =>
  items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')}, … (+${items.length - max})`;
const listZh = (items: readonly string[], max = 12): string =>
  items.length <= max ? items.join('、') : `${items.slice(0, max).join('、')}…（另 ${items.length - max} 个）`;

// ---------------------------------------------------------------- files and structure

export const fileNotFound = (file: string): Message => ({
  code: 'file-not-found',
  en: `Cannot open "${file}": no such file. Check the path (quote it if it contains spaces).`,
  zh: `无法打开“${file}”：文件不存在。请检查路径（路径含空格时请加引号）。`,
});

export const fileTooLargeForMemory = (file: string, bytes: number): Message => ({
  code: 'file-too-large-for-memory',
  en: `"${file}" (${(bytes / 1e9).toFixed(2)} GB) is too large to read in one piece. Run analyze with --batch-rows 500000 (files over 256 MB are read in batches automatically), or use analyzeBatches in the library.`,
  zh: `“${file}”（${(bytes / 1e9).toFixed(2)} GB）太大，无法一次读入内存。请加 --batch-rows 500000 运行 analyze（超过 256 MB 的文件会自动分批读取），或在程序中使用 analyzeBatches。`,
  details: { bytes },
});

export const emptyFile = (file: string): Message => ({
  code: 'empty-file',
  en: `"${file}" is empty (0 bytes of data). Export the student data again and check that the file was saved completely.`,
  zh: `“${file}”是空文件，没有任何数据。请重新导出学生数据，并确认文件已完整保存。`,
});

export const noDataRows = (file: string, headerCount: number): Message => ({
  code: 'no-data-rows',
  en: `"${file}" has a header row (${headerCount} columns) but no student rows. Check that the export included the data, not only the column names.`,
  zh: `“${file}”只有表头（${headerCount} 列），没有学生数据行。请确认导出时包含了数据，而不只是列名。`,
});

export const binaryNotText = (file: string): Message => ({
  code: 'binary-not-text',
  en: `"${file}" is not a text (CSV) file: it contains binary bytes. If it is an Excel workbook, give it the .xlsx extension; otherwise export it as CSV.`,
  zh: `“${file}”不是文本（CSV）文件：其中含有二进制内容。如果它是 Excel 工作簿，请使用 .xlsx 扩展名；否则请另存为 CSV。`,
});

export const unreadableEncoding = (file: string, line: number): Message => ({
  code: 'unreadable-encoding',
  en: `"${file}" is neither UTF-8 nor GB18030/GBK text (first undecodable bytes near line ${line}). Open it in Excel or a text editor and save it as "CSV UTF-8".`,
  zh: `“${file}”既不是 UTF-8 也不是 GB18030/GBK 编码（约第 ${line} 行出现无法识别的字节）。请用 Excel 或文本编辑器打开，另存为“CSV UTF-8”格式。`,
  details: { line },
});

export const unsupportedFormat = (file: string): Message => ({
  code: 'unsupported-format',
  en: `"${file}": unsupported file type. Jiance reads CSV (.csv, .txt), Excel (.xlsx), Arrow IPC (.arrow, .feather) and Parquet (.parquet). Old .xls workbooks: open in Excel and save as .xlsx.`,
  zh: `“${file}”：不支持的文件类型。可读取 CSV（.csv、.txt）、Excel（.xlsx）、Arrow IPC（.arrow、.feather）和 Parquet（.parquet）。旧版 .xls 工作簿请在 Excel 中另存为 .xlsx。`,
});

export const unreadableFile = (file: string, format: string, reason: string): Message => ({
  code: 'unreadable-file',
  en: `"${file}" could not be read as ${format}: ${reason}. Check that the file is complete and really is ${format}.`,
  zh: `“${file}”无法按 ${format} 格式读取：${reason}。请确认文件完整且确为 ${format} 格式。`,
  details: { format, reason },
});

export const sheetNotFound = (file: string, sheet: string, sheets: readonly string[]): Message => ({
  code: 'sheet-not-found',
  en: `"${file}" has no worksheet "${sheet}". Worksheets: ${list(sheets)}. Use --sheet with one of these names.`,
  zh: `“${file}”中没有名为“${sheet}”的工作表。现有工作表：${listZh(sheets)}。请用 --sheet 指定其中之一。`,
});

// ---------------------------------------------------------------- columns and roles

export const missingRole = (
  file: string,
  role: string,
  roleZh: string,
  purpose: string,
  aliases: readonly string[],
  suggestion: string | undefined,
): Message => ({
  code: 'missing-role',
  en:
    `"${file}" has no ${role} column (${roleZh}), which ${purpose} needs. Recognised headers: ${list(aliases)}.` +
    (suggestion ? ` Column "${suggestion}" looks close: if it is the ${role}, run with --map "${suggestion}=${role}".` : ` Rename the column, or map it with --map "<your header>=${role}".`),
  zh:
    `“${file}”中没有${roleZh}列（${role}），${purposeZh(purpose)}需要该列。可识别的列名：${listZh(aliases)}。` +
    (suggestion ? `列“${suggestion}”看起来相近：如果它就是${roleZh}，请加参数 --map "${suggestion}=${role}"。` : `请修改列名，或用 --map "你的列名=${role}" 指定。`),
  details: { role, suggestion },
});

const purposeZhMap: Record<string, string> = {
  'every analysis': '所有分析都',
  'between-school results': '校间差异分析',
  'the achievement summary': '学业表现汇总',
};
function purposeZh(purpose: string): string {
  return purposeZhMap[purpose] ?? purpose;
}

export const duplicateRole = (file: string, role: string, headers: readonly string[]): Message => ({
  code: 'duplicate-role',
  en: `"${file}": columns ${list(headers.map((h) => `"${h}"`))} all mean ${role}. Keep one, or say which to use with --map "<header>=${role}" (the others are then ignored).`,
  zh: `“${file}”：列 ${listZh(headers.map((h) => `“${h}”`))} 都表示 ${role}。请只保留一列，或用 --map "列名=${role}" 指定使用哪一列（其余列将被忽略）。`,
  details: { role, headers },
});

export const mapHeaderNotFound = (file: string, header: string, headers: readonly string[]): Message => ({
  code: 'map-header-not-found',
  en: `--map names column "${header}", but "${file}" has no such column. Its columns: ${list(headers)}.`,
  zh: `--map 指定了列“${header}”，但“${file}”中没有这一列。文件中的列：${listZh(headers)}。`,
});

export const mapUnknownRole = (role: string, roles: readonly string[]): Message => ({
  code: 'map-unknown-role',
  en: `--map target "${role}" is not a Jiance column role. Roles: ${list(roles, 40)} (a subject may be any name, e.g. math_pv1).`,
  zh: `--map 的目标“${role}”不是可识别的列角色。可用角色：${listZh(roles, 40)}（学科可用任意名称，如 math_pv1）。`,
});

export const badMapArgument = (argument: string): Message => ({
  code: 'bad-map-argument',
  en: `--map "${argument}" is not of the form header=role, e.g. --map "数学成绩=math".`,
  zh: `--map "${argument}" 的格式不对，应为 列名=角色，例如 --map "数学成绩=math"。`,
});

export const badConfig = (file: string, reason: string): Message => ({
  code: 'bad-config',
  en: `Configuration file "${file}" cannot be used: ${reason}.`,
  zh: `配置文件“${file}”无法使用：${reason}。`,
});

export const badBaseline = (file: string, reason: { zh: string; en: string }): Message => ({
  code: 'bad-baseline',
  en: `The earlier run "${file}" (--baseline) cannot be compared: ${reason.en}. Give the results.json an earlier \`analyze\` wrote.`,
  zh: `上一轮结果“${file}”（--baseline）无法比较：${reason.zh}。请给出以前 analyze 写出的 results.json。`,
});

export const badOption = (option: string, reason: { zh: string; en: string }): Message => ({
  code: 'bad-option',
  en: `The option ${option} cannot be used: ${reason.en}.`,
  zh: `选项 ${option} 无法使用：${reason.zh}。`,
});

export const noUsableRows = (file: string, rowsRead: number): Message => ({
  code: 'no-usable-rows',
  en: `"${file}": all ${rowsRead} student rows were excluded (see the data-quality listing above). Fix the listed values and run again.`,
  zh: `“${file}”：全部 ${rowsRead} 行学生数据都被排除（见上方数据质量清单）。请修正所列数值后重新运行。`,
});

// ---------------------------------------------------------------- value rules

/** The rules by which a value or row is excluded, with their labels and the fix to suggest. */
export const rules = {
  missing_county: { zh: '区县为空', en: 'county is blank', fix: { zh: '补填区县名称', en: 'fill in the county' } },
  missing_school: { zh: '学校为空', en: 'school is blank', fix: { zh: '补填学校名称或代码', en: 'fill in the school' } },
  invalid_year: { zh: '年份无效', en: 'year is not a valid year', fix: { zh: '年份应为四位数字，如 2024', en: 'use a four-digit year such as 2024' } },
  invalid_grade: { zh: '年级无效', en: 'grade is not a valid grade', fix: { zh: '年级应为 1–12 的整数或“四年级”等', en: 'use an integer 1–12 or 四年级' } },
  invalid_weight: { zh: '权重无效（缺失、非数字、为零或负数）', en: 'weight is missing, not a number, zero or negative', fix: { zh: '权重应为正数', en: 'weights must be positive numbers' } },
  duplicate_student: { zh: '学生编号在同一年份重复（保留首次出现的行）', en: 'student id repeats within a year (the first row is kept)', fix: { zh: '核对是否重复录入', en: 'check for double entry' } },
  field_count: { zh: '字段数多于表头（可能是未加引号的逗号）', en: 'more fields than the header (an unquoted comma?)', fix: { zh: '含逗号的文字需用英文双引号括起', en: 'quote text that contains commas' } },
  missing: { zh: '缺失', en: 'blank', fix: { zh: '如确为缺考/未测可不处理', en: 'nothing to do if the value was really not measured' } },
  not_numeric: { zh: '不是数字', en: 'not a number', fix: { zh: '改为数字，缺考请留空', en: 'enter a number, or leave blank if not measured' } },
  out_of_range: { zh: '超出合理范围', en: 'outside the plausible range', fix: { zh: '核对原始记录', en: 'check the source record' } },
  unrecognised: { zh: '无法识别的取值', en: 'value not recognised', fix: { zh: '使用规定的取值', en: 'use one of the documented codes' } },
  not_applicable: { zh: '不适用（如年龄超出筛查标准的范围）', en: 'not applicable (e.g. age outside the screening table)', fix: { zh: '无需处理', en: 'nothing to do' } },
  no_cut_scores: { zh: '该年级未给出学业水平分数线，未划分水平', en: 'no cut scores for the grade, so no level', fix: { zh: '在配置文件 "levels" 中给出该年级的三条分数线', en: 'give the grade\'s three cut scores in "levels"' } },
  single_student_school: { zh: '学校只有 1 名学生（可计入均值，无法估计校内方差）', en: 'school has a single student (counts in means, gives no within-school variance)', fix: { zh: '核对是否漏录', en: 'check for missing records' } },
} as const;

/** A rule id. */
export type RuleId = keyof typeof rules;

/** The label of a rule in a language. */
export function ruleLabel(rule: RuleId, lang: 'zh' | 'en' = 'zh'): string {
  return rules[rule][lang];
}

/** "how to fix" text of a rule. */
export function ruleFix(rule: RuleId, lang: 'zh' | 'en' = 'zh'): string {
  return rules[rule].fix[lang];
}

export const unclosedQuote = (file: string, row: number): Message => ({
  code: 'unclosed-quote',
  en: `"${file}": a double quote opened in row ${row} is never closed, so the rest of the file cannot be split into columns. Close the quote or remove it.`,
  zh: `“${file}”：第 ${row} 行有一个英文双引号没有闭合，之后的内容无法正确分列。请补全或删除该引号。`,
  details: { row },
});

export const anxietyCutoffRequired = (): Message => ({
  code: 'anxiety-cutoff-required',
  en: 'The data have an anxiety score but no cut-off was given, and there is no universal one. Set "rates": { "anxietyCutoff": <score> } in the config file (the cut-off of the scale you used), or leave anxiety out.',
  zh: '数据中有焦虑得分，但没有给出判定界值，而焦虑量表没有通用界值。请在配置文件中设置 "rates": { "anxietyCutoff": 分数 }（所用量表的界值），否则不分析焦虑。',
});

export const badTarget = (indicator: string, text: string): Message => ({
  code: 'bad-target',
  en: `Target for ${indicator} "${text}" is not understood. Write e.g. "-1pp per year from 2024", ">= 95%", "<= 10%", "decreasing" or "increasing".`,
  zh: `${indicator} 的目标“${text}”无法识别。请写成如 "-1pp per year from 2024"（每年降低 1 个百分点）、">= 95%"、"<= 10%"、"decreasing"（下降）或 "increasing"（上升）。`,
});

export const badLedgerTarget = (measure: string, text: string, proportion: boolean): Message => ({
  code: 'bad-ledger-target',
  en: `Target "${text}" for "${measure}" is not understood. The measure is an indicator (vision_poor), a subject (math), "math:pass" (share at 中等及以上), "math:icc" (between-school share) or a health measure (sleep_hours); ${proportion ? 'a rate, share or ICC is written with % and pp' : 'a mean is written as a plain number'}: e.g. ${proportion ? '"<= 35%", ">= 95%", "-1pp per year"' : '">= 9", "<= 500", "+0.2 per year"'}, "decreasing" or "increasing".`,
  zh: `“${measure}”的整改目标“${text}”无法识别。指标可写检出率（vision_poor）、学科均值（math）、中等及以上比例（math:pass）、校间差异（math:icc）或健康指标均值（sleep_hours）；${proportion ? '比例、检出率与校间差异占比用 % 和 pp 表示' : '均值直接写数值'}，如 ${proportion ? '"<= 35%"、">= 95%"、"-1pp per year"（每年降低 1 个百分点）' : '">= 9"、"<= 500"、"+0.2 per year"'}，或 "decreasing"（下降）、"increasing"（上升）。`,
});

// ---------------------------------------------------------------- survey design

export const designReplicatesUnknown = (count: number): Message => ({
  code: 'design-replicates-unknown',
  en: `The data carry ${count} replicate-weight columns, but not how they were built, which decides the variance formula. Set "design": { "replicates": { "kind": "JK2" } } (TIMSS/PIRLS), { "kind": "BRR", "fay": 0.5 } (PISA) or { "kind": "JK1" } in the config file, or map the columns to ignore (--map "W_FSTR1=ignore" …).`,
  zh: `数据中有 ${count} 列重复权重，但没有说明其构造方法，而方差公式取决于它。请在配置文件中设置 "design": { "replicates": { "kind": "JK2" } }（TIMSS/PIRLS）、{ "kind": "BRR", "fay": 0.5 }（PISA）或 { "kind": "JK1" }；如不使用，可用 --map "W_FSTR1=ignore" 等忽略这些列。`,
  details: { count },
});

export const designReplicatesTooFew = (count: number): Message => ({
  code: 'design-replicates-too-few',
  en: `Only ${count} replicate-weight column was found; a replicate variance needs at least two. Check the headers (rep_w1, rep_w2, … or W_FSTR1 … W_FSTR80).`,
  zh: `只找到 ${count} 列重复权重，重复权重方差至少需要两列。请核对列名（rep_w1、rep_w2……或 W_FSTR1……W_FSTR80）。`,
  details: { count },
});

export const designStrataMissing = (column: string): Message => ({
  code: 'design-strata-missing',
  en: `The design names "${column}" as its strata, but the data have no such column. Give an existing column in "design": { "strata": … } or null for no strata.`,
  zh: `抽样设计指定“${column}”为分层变量，但数据中没有该列。请在 "design": { "strata": … } 中给出已有的列，或设为 null（不分层）。`,
  details: { column },
});

// ---------------------------------------------------------------- reference figures

/** Where a reference figure came from: a row of a reference file, or an item of the config's "references". */
export interface ReferenceOrigin {
  file: string;
  /** Spreadsheet row (header = 1) of a file, or the 1-based item of a config list. */
  row: number;
  kind: 'file' | 'config';
}

const whereZh = (o: ReferenceOrigin): string => (o.kind === 'file' ? `参照值文件“${o.file}”第 ${o.row} 行` : `配置文件“${o.file}”的 "references" 第 ${o.row} 项`);
const whereEn = (o: ReferenceOrigin): string => (o.kind === 'file' ? `Reference file "${o.file}", row ${o.row}` : `Configuration file "${o.file}", "references" item ${o.row}`);

export const referenceHeaderUnknown = (file: string, header: string, known: readonly string[]): Message => ({
  code: 'reference-header-unknown',
  en: `Reference file "${file}": column "${header}" is not a reference-file column. Columns: ${list(known, 40)}. Rename it, or delete the column if it holds nothing Jiance should read.`,
  zh: `参照值文件“${file}”：列“${header}”不是参照值文件的列。可用的列：${listZh(known, 40)}。请改正列名；如该列不需要读取，请删除该列（备注可放在“备注”列）。`,
  details: { header },
});

export const referenceHeaderMissing = (file: string, header: string, zh: string): Message => ({
  code: 'reference-header-missing',
  en: `Reference file "${file}" has no "${header}" column (${zh}), which every reference figure needs. Add it (see README, "Reference figures").`,
  zh: `参照值文件“${file}”缺少“${zh}”列（${header}），每个参照值都需要该列。请补上（见 README“参照值”）。`,
  details: { header },
});

export const referenceEmpty = (file: string): Message => ({
  code: 'reference-empty',
  en: `Reference file "${file}" has no reference figures (only a header, or nothing). Add one row per figure, or leave out --reference.`,
  zh: `参照值文件“${file}”中没有参照值（只有表头或为空）。请每行填写一个参照值，或不使用 --reference。`,
});

/** A value of a reference figure that cannot be used: where, which column, the value and how to fix it. */
export const referenceValueInvalid = (origin: ReferenceOrigin, column: string, value: string, fix: { zh: string; en: string }): Message => ({
  code: 'reference-value-invalid',
  en: `${whereEn(origin)}: ${column} "${value}" cannot be used: ${fix.en}.`,
  zh: `${whereZh(origin)}：${column}“${value}”无法使用：${fix.zh}。`,
  details: { ...origin, column, value },
});

export const referenceDuplicate = (origin: ReferenceOrigin, firstRow: number): Message => ({
  code: 'reference-duplicate',
  en: `${whereEn(origin)} gives the same figure (level, name, province, measure, statistic, year, grade) as ${origin.kind === 'file' ? 'row' : 'item'} ${firstRow}. Keep one of them.`,
  zh: `${whereZh(origin)}与第 ${firstRow} ${origin.kind === 'file' ? '行' : '项'}是同一个参照值（层级、名称、省份、指标、统计量、年份、年级都相同）。请只保留一个。`,
  details: { ...origin, firstRow },
});

export const referenceProvinceAmbiguous = (origin: { kind: ReferenceOrigin['kind']; row: number } | null, label: string, provinces: readonly string[]): Message => ({
  code: 'reference-province-ambiguous',
  en: `The reference figure "${label}"${origin === null ? '' : origin.kind === 'file' ? ` (reference file, row ${origin.row})` : ` (config "references", item ${origin.row})`} is a province figure without a province, but the data hold ${provinces.length} provinces (${list(provinces)}). Fill in its province (省份), so it is compared with that province's counties only.`,
  zh: `参照值“${label}”${origin === null ? '' : origin.kind === 'file' ? `（参照值文件第 ${origin.row} 行）` : `（配置文件 "references" 第 ${origin.row} 项）`}是全省参照值，但没有填写省份，而数据中有 ${provinces.length} 个省份（${listZh(provinces)}）。请填写省份，使其只与该省的区县比较。`,
  details: { label, provinces },
});

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

/** A file in a BOM-declared encoding (UTF-8 or UTF-16 with a byte order mark) holding bytes that encoding cannot. */
export const invalidBytesForEncoding = (file: string, encoding: string, line: number): Message => ({
  code: 'unreadable-encoding',
  en: `"${file}" starts with a ${encoding} byte order mark, but has bytes that are not valid ${encoding} near line ${line}. The file may be damaged: export it again, or open it in Excel and save it as "CSV UTF-8".`,
  zh: `“${file}”以 ${encoding} 字节顺序标记（BOM）开头，但约第 ${line} 行有不合法的 ${encoding} 字节，文件可能已损坏。请重新导出，或用 Excel 打开后另存为“CSV UTF-8”格式。`,
  details: { line, encoding },
});

/** A UTF-8 file whose last character is cut off (a copy or download that did not finish). */
export const truncatedText = (file: string, line: number): Message => ({
  code: 'truncated-text',
  en: `"${file}" ends in the middle of a character (line ${line}): the file was cut off, probably by a copy or download that did not finish. Copy or export it again.`,
  zh: `“${file}”在第 ${line} 行的一个字符中间结束：文件不完整，可能是复制或下载没有完成。请重新复制或导出该文件。`,
  details: { line },
});

export const unsupportedFormat = (file: string): Message => ({
  code: 'unsupported-format',
  en: `"${file}": unsupported file type. Jiance reads CSV (.csv, .txt), Excel (.xlsx), Arrow IPC (.arrow, .feather) and Parquet (.parquet). Old .xls workbooks: open in Excel and save as .xlsx.`,
  zh: `“${file}”：不支持的文件类型。可读取 CSV（.csv、.txt）、Excel（.xlsx）、Arrow IPC（.arrow、.feather）和 Parquet（.parquet）。旧版 .xls 工作簿请在 Excel 中另存为 .xlsx。`,
});

/** A reason in both languages, the part of a message after "cannot be used:". */
export interface Reason {
  zh: string;
  en: string;
}

/**
 * A file a reader could not parse. `detail` is the reader's own (English, technical) text, kept
 * after the explanation so a developer can act on it; the explanation itself is in the user's language.
 */
export const unreadableFile = (file: string, format: string, detail: string): Message => ({
  code: 'unreadable-file',
  en: `"${file}" could not be read as ${format}: the file is damaged, incomplete or not really ${format}. Open it in the program that made it and save it again (technical detail: ${detail}).`,
  zh: `“${file}”无法按 ${format} 格式读取：文件可能已损坏、不完整，或并非 ${format} 格式。请用生成它的软件打开后重新保存（技术信息：${detail}）。`,
  details: { format, detail },
});

export const inputIsDirectory = (path: string): Message => ({
  code: 'input-is-directory',
  en: `"${path}" is a folder, not a data file. Give the path of the student data file inside it, e.g. "${path.replace(/[\\/]+$/, '')}/students.csv".`,
  zh: `“${path}”是一个文件夹，不是数据文件。请给出其中学生数据文件的路径，如“${path.replace(/[\\/]+$/, '')}/学生数据.csv”。`,
});

export const inputNotReadable = (path: string, code: string): Message => ({
  code: 'input-not-readable',
  en: `"${path}" cannot be read${code === 'EACCES' || code === 'EPERM' ? ': you have no permission to read it' : code === 'EBUSY' ? ': another program holds it open (close it in Excel)' : ` (${code})`}. Copy the file to a folder of your own, or ask for read permission.`,
  zh: `无法读取“${path}”${code === 'EACCES' || code === 'EPERM' ? '：没有读取权限' : code === 'EBUSY' ? '：文件正被其他程序占用（请先在 Excel 中关闭它）' : `（${code}）`}。请把文件复制到自己的文件夹中再试，或申请读取权限。`,
  details: { code },
});

export const encryptedWorkbook = (file: string): Message => ({
  code: 'encrypted-workbook',
  en: `"${file}" is a password-protected Excel workbook, which Jiance cannot open. Open it in Excel, remove the password (File → Info → Protect Workbook → Encrypt with Password, empty) and save it as .xlsx.`,
  zh: `“${file}”是设置了打开密码的 Excel 工作簿，无法读取。请在 Excel 中打开，取消密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码）后另存为 .xlsx。`,
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
    (suggestion
      ? ` Column "${suggestion}" looks close: if it is the ${role}, run with --map "${suggestion}=${role}".`
      : ` Rename the column, or map it with --map "<your header>=${role}".`),
  zh:
    `“${file}”中没有${roleZh}列（${role}），${purposeZh(purpose)}需要该列。可识别的列名：${listZh(aliases)}。` +
    (suggestion
      ? `列“${suggestion}”看起来相近：如果它就是${roleZh}，请加参数 --map "${suggestion}=${role}"。`
      : `请修改列名，或用 --map "你的列名=${role}" 指定。`),
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

export const badConfig = (file: string, reason: Reason): Message => ({
  code: 'bad-config',
  en: `Configuration file "${file}" cannot be used: ${reason.en}.`,
  zh: `配置文件“${file}”无法使用：${reason.zh}。`,
  details: { reason: reason.en },
});

export const badBaseline = (file: string, reason: Reason): Message => ({
  code: 'bad-baseline',
  en: `The earlier run "${file}" (--baseline) cannot be compared: ${reason.en}. Give the results.json an earlier \`analyze\` wrote.`,
  zh: `上一轮结果“${file}”（--baseline）无法比较：${reason.zh}。请给出以前 analyze 写出的 results.json。`,
});

export const badOption = (option: string, reason: Reason): Message => ({
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
  invalid_weight: {
    zh: '权重无效（缺失、非数字、为零、负数、小于 10⁻¹² 或大于 10¹²）',
    en: 'weight is missing, not a number, zero, negative, below 10⁻¹² or above 10¹²',
    fix: { zh: '权重应为 10⁻¹² 到 10¹² 之间的正数', en: 'weights must be positive numbers between 10⁻¹² and 10¹²' },
  },
  duplicate_student: {
    zh: '学生编号在同一年份重复（保留首次出现的行）',
    en: 'student id repeats within a year (the first row is kept)',
    fix: { zh: '核对是否重复录入', en: 'check for double entry' },
  },
  field_count: {
    zh: '字段数多于表头（可能是未加引号的逗号）',
    en: 'more fields than the header (an unquoted comma?)',
    fix: { zh: '含逗号的文字需用英文双引号括起', en: 'quote text that contains commas' },
  },
  missing: { zh: '缺失', en: 'blank', fix: { zh: '如确为缺考/未测可不处理', en: 'nothing to do if the value was really not measured' } },
  not_numeric: { zh: '不是数字', en: 'not a number', fix: { zh: '改为数字，缺考请留空', en: 'enter a number, or leave blank if not measured' } },
  out_of_range: { zh: '超出合理范围', en: 'outside the plausible range', fix: { zh: '核对原始记录', en: 'check the source record' } },
  unrecognised: { zh: '无法识别的取值', en: 'value not recognised', fix: { zh: '使用规定的取值', en: 'use one of the documented codes' } },
  not_applicable: {
    zh: '不适用（如年龄超出筛查标准的范围）',
    en: 'not applicable (e.g. age outside the screening table)',
    fix: { zh: '无需处理', en: 'nothing to do' },
  },
  no_cut_scores: {
    zh: '该年级未给出学业水平分数线，未划分水平',
    en: 'no cut scores for the grade, so no level',
    fix: { zh: '在配置文件 "levels" 中给出该年级的三条分数线', en: 'give the grade\'s three cut scores in "levels"' },
  },
  single_student_school: {
    zh: '学校只有 1 名学生（可计入均值，无法估计校内方差）',
    en: 'school has a single student (counts in means, gives no within-school variance)',
    fix: { zh: '核对是否漏录', en: 'check for missing records' },
  },
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

const whereZh = (o: ReferenceOrigin): string =>
  o.kind === 'file' ? `参照值文件“${o.file}”第 ${o.row} 行` : `配置文件“${o.file}”的 "references" 第 ${o.row} 项`;
const whereEn = (o: ReferenceOrigin): string =>
  o.kind === 'file' ? `Reference file "${o.file}", row ${o.row}` : `Configuration file "${o.file}", "references" item ${o.row}`;

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

export const referenceProvinceAmbiguous = (
  origin: { kind: ReferenceOrigin['kind']; row: number } | null,
  label: string,
  provinces: readonly string[],
): Message => ({
  code: 'reference-province-ambiguous',
  en: `The reference figure "${label}"${origin === null ? '' : origin.kind === 'file' ? ` (reference file, row ${origin.row})` : ` (config "references", item ${origin.row})`} is a province figure without a province, but the data hold ${provinces.length} provinces (${list(provinces)}). Fill in its province (省份), so it is compared with that province's counties only.`,
  zh: `参照值“${label}”${origin === null ? '' : origin.kind === 'file' ? `（参照值文件第 ${origin.row} 行）` : `（配置文件 "references" 第 ${origin.row} 项）`}是全省参照值，但没有填写省份，而数据中有 ${provinces.length} 个省份（${listZh(provinces)}）。请填写省份，使其只与该省的区县比较。`,
  details: { label, provinces },
});

// ---------------------------------------------------------------- JSON files (configuration, --baseline)

/** Full-width punctuation a Chinese input method types where JSON needs ASCII. */
const fullWidth: Record<string, string> = {
  '“': '"',
  '”': '"',
  '‘': "'",
  '’': "'",
  '，': ',',
  '：': ':',
  '｛': '{',
  '｝': '}',
  '［': '[',
  '］': ']',
  '　': ' ',
};

/**
 * Where a JSON text stops parsing, as line and column (1-based) with the line's text and what
 * is likely wrong. `position` is the parser's 0-based offset (the end of the text when unknown).
 */
export const jsonSyntax = (text: string, position: number): Reason => {
  const at = Math.max(0, Math.min(position, text.length));
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  const column = at - (before.lastIndexOf('\n') + 1) + 1;
  const lineText = (text.split('\n')[line - 1] ?? '').replace(/\r$/, '');
  const excerpt = lineText.length > 80 ? `${lineText.slice(Math.max(0, column - 40), column + 40)}` : lineText;
  const found = text[at];
  const wide = Object.keys(fullWidth).find((c) => text.includes(c));
  const end = at >= text.length;
  const hint: Reason =
    found !== undefined && fullWidth[found] !== undefined
      ? {
          zh: `这里是中文标点“${found}”，JSON 只认英文标点 ${fullWidth[found]}`,
          en: `this is the full-width "${found}"; JSON needs the ASCII ${fullWidth[found]}`,
        }
      : end
        ? {
            zh: '文件在此意外结束：可能缺少 } 或 ]，或文件没有保存完整',
            en: 'the text ends here: a } or ] may be missing, or the file was not saved completely',
          }
        : found === '}' || found === ']'
          ? { zh: '此前可能多了一个逗号（JSON 最后一项后不能有逗号）', en: 'there may be a comma too many before it (JSON allows none after the last item)' }
          : { zh: '常见原因：缺少逗号、键名没有加英文双引号，或引号不配对', en: 'usually a missing comma, a key without double quotes, or unmatched quotes' };
  const wideZh = wide && hint.zh.indexOf('中文标点') < 0 ? `；另外文件中有中文标点“${wide}”，JSON 的引号、逗号、冒号须为英文半角` : '';
  const wideEn =
    wide && hint.en.indexOf('full-width') < 0 ? `; the file also holds the full-width "${wide}", and JSON's quotes, commas and colons must be ASCII` : '';
  return {
    zh: `不是有效的 JSON：第 ${line} 行第 ${column} 列（“${excerpt.trim()}”）有误，${hint.zh}${wideZh}`,
    en: `not valid JSON: line ${line}, column ${column} ("${excerpt.trim()}"): ${hint.en}${wideEn}`,
  };
};

// ---------------------------------------------------------------- configuration file

/** What a configuration value must be, in both languages (the end of "X must be …"). */
export const configShapes = {
  object: { zh: '一个对象 { … }', en: 'an object { … }' },
  mapObject: { zh: '由 "列名": "角色" 组成的对象，如 { "数学成绩": "math" }', en: 'an object of "header": "role", e.g. { "数学成绩": "math" }' },
  roleName: { zh: '角色名称（文字），如 "math"', en: 'a role name (text), e.g. "math"' },
  rangesObject: {
    zh: '由 "角色": [最小值, 最大值] 组成的对象，如 { "sleep_hours": [3, 16] }',
    en: 'an object of "role": [min, max], e.g. { "sleep_hours": [3, 16] }',
  },
  range: { zh: '[最小值, 最大值] 两个数，绝对值不超过 1000000，且最小值不大于最大值', en: '[min, max] with min ≤ max, both within ±1,000,000' },
  lang: { zh: '"zh" 或 "en"', en: '"zh" or "en"' },
  sheet: { zh: '工作表名称（文字）', en: 'a worksheet name (text)' },
  share: { zh: '0 到 1 之间的比例（如 0.15 表示 15%）', en: 'a share between 0 and 1 (0.15 for 15%)' },
  shareOpen: { zh: '大于 0、小于 1 的比例（如 0.15）', en: 'a share between 0 and 1, exclusive (e.g. 0.15)' },
  iccReference: { zh: '{ "icc": 0 到 1 之间的数, "label": "全国" }', en: '{ "icc": 0–1, "label": "全国" }' },
  cutoffScore: { zh: '一个数（所用焦虑量表的判定界值）', en: "a number (the scale's cut-off score)" },
  wholeAtLeast1: { zh: '不小于 1 的整数', en: 'a whole number ≥ 1' },
  sleepHours: { zh: '{ "primary": 10, "junior": 9, "senior": 8 }（小学、初中、高中每天应睡小时数）', en: '{ "primary": 10, "junior": 9, "senior": 8 }' },
  rateTargets: {
    zh: '由 "指标": "目标" 组成的对象，如 { "vision_poor": "-1pp per year" }',
    en: 'an object of "indicator": "target", e.g. { "vision_poor": "-1pp per year" }',
  },
  rateTarget: { zh: '文字，如 ">= 95%" 或 "-1pp per year"', en: 'text such as ">= 95%" or "-1pp per year"' },
  countyComparison: {
    zh: '{ "reference": { "label": "全国", "estimate": 500, "se": 2 } }',
    en: '{ "reference": { "label": "全国", "estimate": 500, "se": 2 } }',
  },
  countyReference: {
    zh: '{ "label": 文字, "estimate": 数, "se": 不小于 0 的数（可省略） }',
    en: '{ "label": text, "estimate": number, "se": number ≥ 0 (optional) }',
  },
  design: {
    zh: '对象，如 { "strata": "county", "replicates": { "kind": "JK2" } }',
    en: 'an object such as { "strata": "county", "replicates": { "kind": "JK2" } }',
  },
  strata: { zh: '列的角色，如 "county"；不分层时为 null', en: 'a column role such as "county", or null for no strata' },
  replicates: {
    zh: '{ "kind": "JK2" }、{ "kind": "JK1" } 或 { "kind": "BRR", "fay": 0 至小于 1 }（PISA 为 0.5）',
    en: '{ "kind": "JK2" }, { "kind": "JK1" } or { "kind": "BRR", "fay": 0–<1 } (PISA: 0.5)',
  },
  referencesList: {
    zh: '参照值列表，如 [{ "level": "nation", "label": "全国", "measure": "vision_poor", "year": 2024, "grade": 4, "estimate": 0.385 }]',
    en: 'a list of figures such as [{ "level": "nation", "label": "全国", "measure": "vision_poor", "year": 2024, "grade": 4, "estimate": 0.385 }]',
  },
  clickhouse: {
    zh: '对象，如 { "url": "http://10.0.0.5:8123", "user": "jiance", "database": "monitoring", "passwordEnv": "JIANCE_CLICKHOUSE_PASSWORD" }',
    en: 'an object such as { "url": "http://10.0.0.5:8123", "user": "jiance", "database": "monitoring", "passwordEnv": "JIANCE_CLICKHOUSE_PASSWORD" }',
  },
  url: { zh: 'HTTP 接口地址，如 "http://10.0.0.5:8123"', en: 'the HTTP interface, e.g. "http://10.0.0.5:8123"' },
  text: { zh: '文字', en: 'text' },
  milliseconds: { zh: '大于 0 的毫秒数', en: 'a number of milliseconds > 0' },
  levels: {
    zh: '由 学科 → 分数线 组成的对象，如 { "math": { "4": [420, 500, 580], "8": [420, 500, 580] } }',
    en: 'an object of subject → cut scores, e.g. { "math": { "4": [420, 500, 580], "8": [420, 500, 580] } }',
  },
  levelNames: {
    zh: '四个互不相同的水平名称，由低到高，如 ["待提高", "中等", "良好", "优秀"]',
    en: 'four different level names, lowest first, e.g. ["待提高", "中等", "良好", "优秀"]',
  },
  cutScores: {
    zh: '三条由低到高的分数线，如 [420, 500, 580]（等于分数线的分数归入较高水平）',
    en: 'three ascending cut scores, e.g. [420, 500, 580] (a score equal to a cut is in the higher level)',
  },
  cutsPerGrade: {
    zh: '按年级给出的分数线，如 { "4": [420, 500, 580] }，或适用于所有年级的一组分数线',
    en: 'cut scores per grade, e.g. { "4": [420, 500, 580] }, or one list for every grade',
  },
  balanced: { zh: '{ "level": "良好", "definition": "mean", "iccLine": 0.15 }', en: '{ "level": "良好", "definition": "mean", "iccLine": 0.15 }' },
  balancedDefinition: {
    zh: '"mean"（区县均值达到该水平）或 "share"（达到该水平及以上的比例达到 "shareLine"）',
    en: '"mean" (the county mean reaches the level) or "share" (its share at or above the level reaches "shareLine")',
  },
  targetsList: {
    zh: '整改目标列表，如 [{ "measure": "vision_poor", "target": "-1pp per year", "baseline": 2021, "deadline": 2024 }]',
    en: 'a list such as [{ "measure": "vision_poor", "target": "-1pp per year", "baseline": 2021, "deadline": 2024 }]',
  },
  targetObject: {
    zh: '对象，如 { "measure": "vision_poor", "target": "-1pp per year", "baseline": 2021, "deadline": 2024 }',
    en: 'an object such as { "measure": "vision_poor", "target": "-1pp per year", "baseline": 2021, "deadline": 2024 }',
  },
  ledgerMeasure: {
    zh: '检出率指标（vision_poor）、学科（math）、"math:pass"、"math:icc" 或健康指标（sleep_hours）',
    en: 'an indicator (vision_poor), a subject (math), "math:pass", "math:icc" or a health measure (sleep_hours)',
  },
  ledgerTarget: { zh: '文字，如 "<= 35%"、"-1pp per year"、">= 9" 或 "decreasing"', en: 'text such as "<= 35%", "-1pp per year", ">= 9" or "decreasing"' },
  year: { zh: '年份，如 2024', en: 'a year such as 2024' },
  grade: { zh: '年级（1–12 或“四年级”）', en: 'a grade (1–12 or 四年级)' },
} satisfies Record<string, Reason>;

/** Why a configuration value cannot be used: the reasons of {@link badConfig}. `at` is the key's path, e.g. `"rates"."minCell"`. */
export const configReasons = {
  topLevel: (): Reason => ({ zh: '最外层必须是 JSON 对象 { … }', en: 'the top level must be a JSON object' }),
  unknownKey: (at: string | null, key: string, known: readonly string[]): Reason => ({
    zh: `${at === null ? '' : `${at} 中`}有未知的键 "${key}"（可用的键：${listZh(known, 40)}）`,
    en: `unknown key ${at === null ? '' : `${at}.`}"${key}" (known: ${list(known, 40)})`,
  }),
  mustBe: (at: string, shape: Reason): Reason => ({ zh: `${at} 应为${shape.zh}`, en: `${at} must be ${shape.en}` }),
  notExceed: (at: string, other: string): Reason => ({ zh: `${at} 不能大于 ${other}`, en: `${at} must not exceed ${other}` }),
  unknownIndicator: (at: string, name: string, known: readonly string[]): Reason => ({
    zh: `${at} 中的指标 "${name}" 无法识别（可用：${listZh(known, 40)}）`,
    en: `${at} names an unknown indicator "${name}" (known: ${list(known, 40)})`,
  }),
  passwordInFile: (): Reason => ({
    zh: '"clickhouse" 中不能写密码：请把密码放在环境变量中，并在 "passwordEnv" 中写出变量名（默认 JIANCE_CLICKHOUSE_PASSWORD）',
    en: '"clickhouse" must not hold the password: put it in an environment variable and name it in "passwordEnv" (default JIANCE_CLICKHOUSE_PASSWORD)',
  }),
  levelName: (at: string, names: readonly string[]): Reason => ({
    zh: `${at} 应为最低水平以外的水平名称之一（${listZh(names)}）`,
    en: `${at} must be one of the level names above the lowest (${list(names)})`,
  }),
  notSubject: (key: string): Reason => ({
    zh: `"levels" 中的 "${key}" 不是学科（可写 math、chinese、science 等学科，或 names、passFrom、balanced）`,
    en: `"levels" names "${key}", which is not a subject (math, chinese, science…; or names, passFrom, balanced)`,
  }),
  notGrade: (at: string, value: string): Reason => ({
    zh: `${at} 中的年级 "${value}" 无法识别（应为 1–12 或“四年级”）`,
    en: `${at} has the grade "${value}", which is not a grade (1–12 or 四年级)`,
  }),
  levelsEmpty: (): Reason => ({
    zh: '"levels" 没有给出任何学科的分数线，如 { "math": { "4": [420, 500, 580] } }',
    en: '"levels" gives no subject\'s cut scores, e.g. { "math": { "4": [420, 500, 580] } }',
  }),
  deadlineBeforeBaseline: (at: string, deadline: number, baseline: number): Reason => ({
    zh: `${at} 的 "deadline"（${deadline}）应晚于 "baseline"（${baseline}）`,
    en: `${at}."deadline" (${deadline}) must come after "baseline" (${baseline})`,
  }),
};

// ---------------------------------------------------------------- the output folder

export const outputIsFile = (path: string): Message => ({
  code: 'output-is-file',
  en: `The output folder "${path}" is an existing file, not a folder. Give a new or empty folder, e.g. --out out/county.`,
  zh: `输出位置“${path}”是一个已有的文件，不是文件夹。请指定一个新的或空的文件夹，如 --out 输出/青山县。`,
});

export const outputHoldsOtherFiles = (path: string, entries: readonly string[]): Message => ({
  code: 'output-holds-other-files',
  en: `The output folder "${path}" already holds files that Jiance did not write (${list(entries, 5)}). A run replaces its whole output folder, so it will not write there. Give a new or empty folder, e.g. --out "${path.replace(/[\\/]+$/, '')}/jiance-out".`,
  zh: `输出文件夹“${path}”中已有不是 Jiance 写出的文件（${listZh(entries, 5)}）。每次运行会整体替换输出文件夹，为免覆盖这些文件，不会写入该文件夹。请指定一个新的或空的文件夹，如 --out "${path.replace(/[\\/]+$/, '')}/jiance-out"。`,
  details: { entries },
});

export const outputNotCreatable = (path: string, at: string, code: string): Message => {
  const where = { zh: at === path ? '' : `（问题出在“${at}”）`, en: at === path ? '' : ` (at "${at}")` };
  const why =
    code === 'EACCES' || code === 'EPERM'
      ? { zh: '没有写入权限', en: 'you have no permission to write there' }
      : code === 'EROFS'
        ? { zh: '该磁盘只读', en: 'the disk is read-only' }
        : code === 'ENOTDIR'
          ? { zh: '路径中有一段是文件，不是文件夹', en: 'a part of the path is a file, not a folder' }
          : { zh: `系统不允许在这里创建文件夹（${code}）`, en: `the system does not allow a folder there (${code})` };
  return {
    code: 'output-not-creatable',
    en: `The output folder "${path}" cannot be created or written${where.en}: ${why.en}. Give a folder you can write to, e.g. --out out/county.`,
    zh: `无法创建或写入输出文件夹“${path}”${where.zh}：${why.zh}。请指定一个有写入权限的文件夹，如 --out 输出/青山县。`,
    details: { at, code },
  };
};

export const diskFull = (path: string, freeBytes: number | null): Message => ({
  code: 'disk-full',
  en: `The disk of the output folder "${path}" is full${freeBytes === null ? '' : ` (${(freeBytes / 1e6).toFixed(1)} MB free)`}. Nothing was written there. Free some space or give a folder on another disk.`,
  zh: `输出文件夹“${path}”所在磁盘空间不足${freeBytes === null ? '' : `（剩余 ${(freeBytes / 1e6).toFixed(1)} MB）`}，未写入任何结果。请清理磁盘空间，或把输出文件夹放到其他磁盘。`,
  details: { freeBytes },
});

export const outputWriteFailed = (path: string, code: string): Message => ({
  code: 'output-write-failed',
  en: `Writing the output folder "${path}" failed (${code}). The folder holds the previous run, or nothing; no partial results were left. Check the disk and your permission to write there, and run again.`,
  zh: `写入输出文件夹“${path}”失败（${code}）。该文件夹保持上一次的结果（或为空），不会留下不完整的结果。请检查磁盘与写入权限后重新运行。`,
  details: { code },
});

export const interrupted = (path: string, signal: string): Message => ({
  code: 'interrupted',
  en: `Stopped (${signal}). Nothing was written: "${path}" holds what it held before.`,
  zh: `已中断（${signal}）。未写出任何结果：“${path}”保持原样。`,
  details: { signal },
});

// ---------------------------------------------------------------- the command line

export const unknownOption = (option: string, suggestion: string | undefined): Message => ({
  code: 'unknown-option',
  en: `Unknown option ${option}.${suggestion ? ` Did you mean ${suggestion}?` : ''} See analyze --help.`,
  zh: `无法识别的选项 ${option}。${suggestion ? `是否想用 ${suggestion}？` : ''}可用选项见 analyze --help。`,
});

export const optionNeedsValue = (option: string): Message => ({
  code: 'option-needs-value',
  en: `The option ${option} needs a value, e.g. ${option} <value>. See analyze --help.`,
  zh: `选项 ${option} 后面需要给出取值。可用选项见 analyze --help。`,
});

export const missingInputFile = (): Message => ({
  code: 'missing-input-file',
  en: 'Give the student data file to analyse, e.g. analyze students.csv --out out/county.',
  zh: '请给出要分析的学生数据文件，例如 analyze 学生数据.csv --out 输出/青山县。',
});

export const tooManyArguments = (extra: readonly string[]): Message => ({
  code: 'too-many-arguments',
  en: `analyze reads one data file, but it was also given ${list(extra.map((e) => `"${e}"`))}. Quote a path that contains spaces, and give other files with their option (--reference, --config).`,
  zh: `analyze 每次分析一个数据文件，但还多给了 ${listZh(extra.map((e) => `“${e}”`))}。路径含空格时请加引号；其他文件请用相应选项给出（--reference、--config）。`,
});

export const badChoice = (option: string, value: string, choices: readonly string[]): Message => ({
  code: 'bad-choice',
  en: `${option} must be ${choices.join(', ')} (got "${value}").`,
  zh: `${option} 只能是 ${choices.join('、')}（给出的是“${value}”）。`,
});

/** Why an option cannot be used: the reasons of {@link badOption}. */
export const optionReasons = {
  clickhouseNeedsConfig: (): Reason => ({
    zh: '需要在配置文件（-c）中给出 "clickhouse": { "url": "http://…:8123", "user": …, "database": … }',
    en: 'it needs "clickhouse": { "url": "http://…:8123", "user": …, "database": … } in the configuration file (-c)',
  }),
  duckdbCsvOnly: (): Reason => ({
    zh: '它只读 CSV 文件；Excel、Arrow 或 Parquet 文件请去掉此选项（用默认引擎）',
    en: 'it reads CSV files only; leave it out for Excel, Arrow or Parquet',
  }),
  wholeRows: (): Reason => ({ zh: '行数须为不小于 1 的整数', en: 'it must be a whole number of rows ≥ 1' }),
};

/** Why an earlier results.json cannot be compared: the reasons of {@link badBaseline}. */
export const baselineReasons = {
  notResults: (): Reason => ({
    zh: '这不是 Jiance 的 results.json（缺少 "format": "jiance-results"）',
    en: 'it is not a Jiance results.json (no "format": "jiance-results")',
  }),
  oldFormat: (version: unknown): Reason => ({
    zh: `它是第 ${String(version)} 版结果格式，且没有 findings；请用当前版本重新运行上一轮数据`,
    en: `it is results format ${String(version)} and has no findings; run the earlier data again with this version`,
  }),
};

export const notASummarySource = (estimator: string): Message => ({
  code: 'not-a-summary-source',
  en: `${estimator} reads a summary source, not a student table. Pass tableSource(data) (tableSource is in @jiance/core), or run every analysis with analyzeStudents(data).`,
  zh: `${estimator} 的第一个参数应是汇总来源（SummarySource），而不是学生表。请传入 tableSource(data)（tableSource 在 @jiance/core 中），或用 analyzeStudents(data) 运行全部分析。`,
  details: { estimator },
});

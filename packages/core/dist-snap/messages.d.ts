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
export declare const fileNotFound: (file: string) => Message;
export declare const fileTooLargeForMemory: (file: string, bytes: number) => Message;
export declare const emptyFile: (file: string) => Message;
export declare const noDataRows: (file: string, headerCount: number) => Message;
export declare const binaryNotText: (file: string) => Message;
export declare const unreadableEncoding: (file: string, line: number) => Message;
export declare const unsupportedFormat: (file: string) => Message;
export declare const unreadableFile: (file: string, format: string, reason: string) => Message;
export declare const sheetNotFound: (file: string, sheet: string, sheets: readonly string[]) => Message;
export declare const missingRole: (file: string, role: string, roleZh: string, purpose: string, aliases: readonly string[], suggestion: string | undefined) => Message;
export declare const duplicateRole: (file: string, role: string, headers: readonly string[]) => Message;
export declare const mapHeaderNotFound: (file: string, header: string, headers: readonly string[]) => Message;
export declare const mapUnknownRole: (role: string, roles: readonly string[]) => Message;
export declare const badMapArgument: (argument: string) => Message;
export declare const badConfig: (file: string, reason: string) => Message;
export declare const noUsableRows: (file: string, rowsRead: number) => Message;
/** The rules by which a value or row is excluded, with their labels and the fix to suggest. */
export declare const rules: {
    readonly missing_county: {
        readonly zh: "区县为空";
        readonly en: "county is blank";
        readonly fix: {
            readonly zh: "补填区县名称";
            readonly en: "fill in the county";
        };
    };
    readonly missing_school: {
        readonly zh: "学校为空";
        readonly en: "school is blank";
        readonly fix: {
            readonly zh: "补填学校名称或代码";
            readonly en: "fill in the school";
        };
    };
    readonly invalid_year: {
        readonly zh: "年份无效";
        readonly en: "year is not a valid year";
        readonly fix: {
            readonly zh: "年份应为四位数字，如 2024";
            readonly en: "use a four-digit year such as 2024";
        };
    };
    readonly invalid_grade: {
        readonly zh: "年级无效";
        readonly en: "grade is not a valid grade";
        readonly fix: {
            readonly zh: "年级应为 1–12 的整数或“四年级”等";
            readonly en: "use an integer 1–12 or 四年级";
        };
    };
    readonly invalid_weight: {
        readonly zh: "权重无效（缺失、非数字、为零或负数）";
        readonly en: "weight is missing, not a number, zero or negative";
        readonly fix: {
            readonly zh: "权重应为正数";
            readonly en: "weights must be positive numbers";
        };
    };
    readonly duplicate_student: {
        readonly zh: "学生编号在同一年份重复（保留首次出现的行）";
        readonly en: "student id repeats within a year (the first row is kept)";
        readonly fix: {
            readonly zh: "核对是否重复录入";
            readonly en: "check for double entry";
        };
    };
    readonly field_count: {
        readonly zh: "字段数多于表头（可能是未加引号的逗号）";
        readonly en: "more fields than the header (an unquoted comma?)";
        readonly fix: {
            readonly zh: "含逗号的文字需用英文双引号括起";
            readonly en: "quote text that contains commas";
        };
    };
    readonly missing: {
        readonly zh: "缺失";
        readonly en: "blank";
        readonly fix: {
            readonly zh: "如确为缺考/未测可不处理";
            readonly en: "nothing to do if the value was really not measured";
        };
    };
    readonly not_numeric: {
        readonly zh: "不是数字";
        readonly en: "not a number";
        readonly fix: {
            readonly zh: "改为数字，缺考请留空";
            readonly en: "enter a number, or leave blank if not measured";
        };
    };
    readonly out_of_range: {
        readonly zh: "超出合理范围";
        readonly en: "outside the plausible range";
        readonly fix: {
            readonly zh: "核对原始记录";
            readonly en: "check the source record";
        };
    };
    readonly unrecognised: {
        readonly zh: "无法识别的取值";
        readonly en: "value not recognised";
        readonly fix: {
            readonly zh: "使用规定的取值";
            readonly en: "use one of the documented codes";
        };
    };
    readonly not_applicable: {
        readonly zh: "不适用（如年龄超出筛查标准的范围）";
        readonly en: "not applicable (e.g. age outside the screening table)";
        readonly fix: {
            readonly zh: "无需处理";
            readonly en: "nothing to do";
        };
    };
    readonly single_student_school: {
        readonly zh: "学校只有 1 名学生（可计入均值，无法估计校内方差）";
        readonly en: "school has a single student (counts in means, gives no within-school variance)";
        readonly fix: {
            readonly zh: "核对是否漏录";
            readonly en: "check for missing records";
        };
    };
};
/** A rule id. */
export type RuleId = keyof typeof rules;
/** The label of a rule in a language. */
export declare function ruleLabel(rule: RuleId, lang?: 'zh' | 'en'): string;
/** "how to fix" text of a rule. */
export declare function ruleFix(rule: RuleId, lang?: 'zh' | 'en'): string;
export declare const unclosedQuote: (file: string, row: number) => Message;
export declare const anxietyCutoffRequired: () => Message;
export declare const badTarget: (indicator: string, text: string) => Message;
export declare const designReplicatesUnknown: (count: number) => Message;
export declare const designReplicatesTooFew: (count: number) => Message;
export declare const designStrataMissing: (column: string) => Message;
//# sourceMappingURL=messages.d.ts.map
/**
 * Column roles (列角色) of the data contract and the header aliases that name them
 * (DESIGN.md, "Data contract"). A header is matched after normalisation (NFKC, case,
 * spaces, units in brackets removed), so "身高（cm）", "身高 (CM)" and "身高" all mean
 * height_cm. A name column wins over a code column of the same role (学校名称 over 学校代码);
 * any other pair of columns naming one role is ambiguous and must be resolved by the user.
 */
/** How a role's cells are read. */
export type RoleKind = 'text' | 'id' | 'year' | 'grade' | 'sex' | 'locale' | 'weight' | 'number' | 'flag';
/** One role of the data contract. */
export interface RoleSpec {
    role: string;
    zh: string;
    kind: RoleKind;
    /** Normalised aliases, most preferred first (the canonical name is always an alias). */
    aliases: readonly string[];
    /** Plausible range [min, max] (inclusive) for numbers; outside it a value is excluded. */
    range?: readonly [number, number];
    /** Unit suffixes that may follow a number in a cell ("140cm", "9小时"). */
    units?: readonly string[];
    /** Achievement subject (scale scores). */
    subject?: boolean;
    /**
     * Aliases of a second tier (codes rather than names: 学校代码 beside 学校名称). A column of
     * this tier gives way to a first-tier column; two columns of the same tier are ambiguous.
     */
    secondary?: readonly string[];
}
/**
 * The roles Jiance knows. Ranges are the limits of what can be true (acuity chart 3.0–5.3,
 * sleep 0–24 h), or, for body measures, far outside any child's value; all are configurable.
 */
export declare const roleSpecs: readonly RoleSpec[];
/**
 * Normalises a header for matching: NFKC (full-width → half-width), lower case, units in
 * brackets and all white space removed.
 *
 * @example
 * normalizeHeader(' 身高（CM） '); // => '身高'
 */
export declare function normalizeHeader(header: string): string;
/** The role spec of a role name, including plausible-value subjects (`math_pv2` → like math). */
export declare function roleSpec(role: string): RoleSpec | undefined;
/** All known role names. */
export declare const roleNames: readonly string[];
/**
 * The role a header names, or undefined.
 *
 * @example
 * roleOfHeader('学校代码'); // => { role: 'school', priority: 1 }
 */
export declare function roleOfHeader(header: string): {
    role: string;
    priority: number;
} | undefined;
/** Levenshtein distance (for "did you mean" suggestions on headers with typos). */
export declare function editDistance(a: string, b: string): number;
/**
 * The role whose alias is closest to a header that matched none, when close enough to be a
 * typo (one edit for short Chinese headers, two for longer ones).
 *
 * @example
 * suggestRole('数学成级'); // => 'math'
 */
export declare function suggestRole(header: string): string | undefined;
/** Header of the data whose normalised text is closest to any alias of `role`. */
export declare function closestHeader(role: string, headers: readonly string[]): string | undefined;
//# sourceMappingURL=roles.d.ts.map
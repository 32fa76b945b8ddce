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

const spec = (role: string, zh: string, kind: RoleKind, aliases: readonly string[], extra: Partial<RoleSpec> = {}): RoleSpec => ({
  role,
  zh,
  kind,
  aliases: [role, ...aliases],
  ...extra,
});

/**
 * Scores of any scale in use (raw 0–150, scale scores 500/100, IRT logits around 0) lie far
 * inside ±10,000; a value outside is a keying error, and would overflow sums of squares.
 */
const scoreRange = [-10_000, 10_000] as const;

/** The largest weight that can be real (10¹²: more than a nation's students); above it a row's weight is invalid, and sums would overflow. */
export const maxWeight = 1e12;

/**
 * The smallest weight that can be real (10⁻¹²: normalised weights of a nation's students are
 * about 10⁻⁷); below it a row's weight is invalid — a weight of 10⁻³²⁰ (a keying error) made a
 * rate of 4·10⁻³²², whose design SE underflows to 0 (the fuzz test found it).
 */
export const minWeight = 1e-12;

/**
 * The roles Jiance knows. Ranges are the limits of what can be true (acuity chart 3.0–5.3,
 * sleep 0–24 h), or, for body measures, far outside any child's value; all are configurable.
 */
export const roleSpecs: readonly RoleSpec[] = [
  spec('year', '监测年份', 'year', ['年份', '监测年份', '年度', '监测年度', 'cycle']),
  spec('province', '省份', 'text', ['省份', '省', '省名称', '省份名称']),
  spec('county', '区县', 'text', ['区县', '县区', '县', '区县名称', '县区名称', '县名称', '县市区', 'county_name'], {
    secondary: ['区县代码', '县区代码', '区县编码', 'county_id', 'county_code'],
  }),
  spec('school', '学校', 'text', ['学校名称', '学校', '校名', 'school_name'], {
    secondary: ['学校代码', '学校编号', '学校编码', '学校标识码', 'school_id', 'schoolid', 'school_code'],
  }),
  spec('student', '学生编号', 'id', ['学生编号', '学籍号', '学号', '考号', '学生代码', 'student_id', 'studentid', 'id']),
  spec('grade', '年级', 'grade', ['年级', '年级代码']),
  spec('sex', '性别', 'sex', ['性别', 'gender']),
  spec('locale', '城乡类型', 'locale', ['城乡类型', '城乡', '城乡分类', '学校所在地', 'urban_rural']),
  spec('stratum', '抽样层', 'text', ['抽样层', '分层', '抽样分层', '层', 'strata', 'jkzone']),
  spec('weight', '学生权重', 'weight', ['学生权重', '权重', '抽样权重', '最终权重', '学生最终权重', 'wt', 'totwgt', 'w_fstuwt', 'sampling_weight']),
  spec('math', '数学', 'number', ['数学', '数学成绩', '数学得分', '数学分数', '数学量尺分数', '数学量尺分', 'mathematics', 'mathach'], {
    subject: true,
    range: scoreRange,
  }),
  spec('chinese', '语文', 'number', ['语文', '语文成绩', '语文得分', '语文量尺分数'], { subject: true, range: scoreRange }),
  spec('science', '科学', 'number', ['科学', '科学成绩', '科学得分', '科学量尺分数'], { subject: true, range: scoreRange }),
  spec('english', '英语', 'number', ['英语', '英语成绩', '英语得分'], { subject: true, range: scoreRange }),
  spec('va_left', '左眼裸眼视力', 'number', ['左眼裸眼视力', '左眼视力', '裸眼视力左', '裸眼视力(左)', '左眼'], { range: [3.0, 5.3] }),
  spec('va_right', '右眼裸眼视力', 'number', ['右眼裸眼视力', '右眼视力', '裸眼视力右', '裸眼视力(右)', '右眼'], { range: [3.0, 5.3] }),
  spec('se_left', '左眼等效球镜', 'number', ['左眼等效球镜', '左眼等效球镜度', '等效球镜左'], { range: [-30, 30], units: ['d'] }),
  spec('se_right', '右眼等效球镜', 'number', ['右眼等效球镜', '右眼等效球镜度', '等效球镜右'], { range: [-30, 30], units: ['d'] }),
  spec('vision_poor', '视力不良', 'flag', ['视力不良', '是否视力不良', 'poor_vision']),
  spec('sleep_hours', '睡眠时长', 'number', ['睡眠时长', '每天睡眠时间', '睡眠时间', '平均睡眠时长', '每日睡眠时长', 'sleep'], {
    range: [0, 24],
    units: ['h', '小时', '时'],
  }),
  spec('anxiety', '焦虑得分', 'number', ['焦虑得分', '焦虑', '焦虑分数', '焦虑量表得分'], { range: scoreRange }),
  spec('anxiety_flag', '焦虑检出', 'flag', ['焦虑检出', '是否焦虑', '焦虑检出标记']),
  spec('height_cm', '身高', 'number', ['身高', '身高cm', '身高厘米', 'height'], { range: [60, 230], units: ['cm', '厘米'] }),
  spec('weight_kg', '体重', 'number', ['体重', '体重kg', '体重公斤', 'body_weight'], { range: [10, 200], units: ['kg', '公斤', '千克'] }),
  spec('age', '年龄', 'number', ['年龄', '年龄岁', '实足年龄'], { range: [3, 25], units: ['岁'] }),
  spec('fitness_score', '体质健康总分', 'number', ['体质健康总分', '体测总分', '体质健康测试总分', '体质测试总分', '体质健康成绩', 'fitness'], {
    range: [0, 120],
    units: ['分'],
  }),
];

const byRole = new Map(roleSpecs.map((s) => [s.role, s]));

/** Plausible-value columns: `math_pv1`, `数学_pv3`, `PV2MATH` (PISA). Returns the canonical name. */
function plausibleValueRole(normalised: string): string | undefined {
  let m = /^(.+?)[_.\s-]?pv(\d{1,2})$/.exec(normalised);
  if (m) {
    const base = aliasIndex.get(m[1]!);
    if (base && byRole.get(base.role)?.subject) return `${base.role}_pv${Number(m[2])}`;
  }
  m = /^pv(\d{1,2})[_.\s-]?(.+)$/.exec(normalised);
  if (m) {
    const base = aliasIndex.get(m[2]!);
    if (base && byRole.get(base.role)?.subject) return `${base.role}_pv${Number(m[1])}`;
  }
  return undefined;
}

/**
 * Replicate-weight columns (重复权重): `rep_w1`, `W_FSTR80` (PISA), `RWGT3`, `repwt_12`,
 * `重复权重5`. Returns the canonical name `rep_w<k>`.
 */
function replicateWeightRole(normalised: string): string | undefined {
  const m = /^(?:rep_?w|w_?fstr|rwgt|repwt|replicateweight|重复权重)[_.-]?(\d{1,3})$/u.exec(normalised);
  return m && Number(m[1]) > 0 ? `rep_w${Number(m[1])}` : undefined;
}

/**
 * Normalises a header for matching: NFKC (full-width → half-width), lower case, units in
 * brackets and all white space removed.
 *
 * @example
 * normalizeHeader(' 身高（CM） '); // => '身高'
 */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFKC')
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[\s\u200b]+/gu, '')
    .replace(/\((cm|厘米|kg|公斤|千克|h|小时|岁|分|d|度)\)$/u, '');
}

const aliasIndex = new Map<string, { role: string; priority: number }>();
for (const s of roleSpecs) {
  for (const [priority, aliases] of [s.aliases, s.secondary ?? []].entries()) {
    for (const alias of aliases) {
      const key = normalizeHeader(alias);
      if (!aliasIndex.has(key)) aliasIndex.set(key, { role: s.role, priority });
    }
  }
}

/** The role spec of a role name, including plausible-value subjects (`math_pv2` → like math). */
export function roleSpec(role: string): RoleSpec | undefined {
  const direct = byRole.get(role);
  if (direct) return direct;
  const m = /^([a-z]+)_pv(\d+)$/.exec(role);
  const base = m ? byRole.get(m[1]!) : undefined;
  if (base?.subject) return { ...base, role, zh: `${base.zh}（似真值 ${m![2]}）`, aliases: [role] };
  const r = /^rep_w(\d+)$/.exec(role);
  // Replicate weights may be 0 (JK2 drops half a zone); they are read as plain numbers.
  if (r) return { role, zh: `重复权重 ${r[1]}`, kind: 'number', aliases: [role], range: [0, 1e12] };
  return undefined;
}

/** All known role names. */
export const roleNames: readonly string[] = roleSpecs.map((s) => s.role);

/**
 * The role a header names, or undefined.
 *
 * @example
 * roleOfHeader('学校代码'); // => { role: 'school', priority: 1 }
 */
export function roleOfHeader(header: string): { role: string; priority: number } | undefined {
  const key = normalizeHeader(header);
  const derived = plausibleValueRole(key) ?? replicateWeightRole(key);
  return aliasIndex.get(key) ?? (derived ? { role: derived, priority: 0 } : undefined);
}

/** Levenshtein distance (for "did you mean" suggestions on headers with typos). */
export function editDistance(a: string, b: string): number {
  const ac = [...a];
  const bc = [...b];
  let previous = Array.from({ length: bc.length + 1 }, (_, j) => j);
  for (let i = 1; i <= ac.length; i++) {
    const current = [i];
    for (let j = 1; j <= bc.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (ac[i - 1] === bc[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[bc.length]!;
}

/**
 * The role whose alias is closest to a header that matched none, when close enough to be a
 * typo (one edit for short Chinese headers, two for longer ones).
 *
 * @example
 * suggestRole('数学成级'); // => 'math'
 */
export function suggestRole(header: string): string | undefined {
  const key = normalizeHeader(header);
  const limit = [...key].length <= 3 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const [alias, { role }] of aliasIndex) {
    if (Math.abs([...alias].length - [...key].length) > limit) continue;
    const d = editDistance(key, alias);
    if (d < bestDistance) {
      bestDistance = d;
      best = role;
    }
  }
  return bestDistance <= limit && bestDistance > 0 ? best : undefined;
}

/** Header of the data whose normalised text is closest to any alias of `role`. */
export function closestHeader(role: string, headers: readonly string[]): string | undefined {
  const s = byRole.get(role);
  if (!s) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const header of headers) {
    const key = normalizeHeader(header);
    if (!key) continue;
    for (const alias of [...s.aliases, ...(s.secondary ?? [])]) {
      const a = normalizeHeader(alias);
      const d = editDistance(key, a);
      const limit = [...a].length <= 3 ? 1 : 2;
      if (d <= limit && d < bestDistance) {
        bestDistance = d;
        best = header;
      }
    }
  }
  return best;
}

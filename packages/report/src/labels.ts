import { roleSpec, ruleLabel, ruleFix, type ComparisonMark, type RuleId } from '@jiance/core';

/** Report language: Chinese by default, English on request. */
export type Lang = 'zh' | 'en';

/** The fixed texts of the report in both languages. */
export const text = {
  title: { zh: '义务教育质量监测数据分析报告', en: 'Education Quality Monitoring: Analysis Report' },
  input: { zh: '数据文件', en: 'Input file' },
  generated: { zh: '生成时间', en: 'Generated' },
  toc: { zh: '目录', en: 'Contents' },
  findingsTitle: { zh: '一、主要发现', en: '1. Main findings' },
  qualityTitle: { zh: '附录一　数据概况与数据质量', en: 'Appendix 1. Data and data quality' },
  ledgerTitle: { zh: '八、整改台账', en: '8. Rectification ledger' },
  achievementTitle: { zh: '二、学业表现汇总', en: '2. Achievement summary' },
  methodsTitle: { zh: '附录二　方法说明', en: 'Appendix 2. Methods' },
  levelsTitle: { zh: '三、学业水平', en: '3. Performance levels' },
  betweenTitle: { zh: '四、校间差异', en: '4. Between-school differences' },
  iccWithCI: { zh: '校间差异占比 ICC（95% CI）', en: 'ICC (95% CI)' },
  betweenVariance: { zh: '校间方差 σ²_b', en: 'Between variance σ²_b' },
  withinVariance: { zh: '校内方差 σ²_w', en: 'Within variance σ²_w' },
  cv: { zh: '差异系数', en: 'CV of school means' },
  weightedIcc: { zh: '加权 ICC（95% CI）', en: 'Weighted ICC (95% CI)' },
  verdict: { zh: '判断', en: 'Verdict' },
  levelLarge: { zh: '校间差异较大', en: 'large' },
  levelModerate: { zh: '校间差异适中', en: 'moderate' },
  levelSmall: { zh: '校间差异较小', en: 'small' },
  notEstimable: { zh: '无法估计', en: 'not estimable' },
  reasonFewSchools: { zh: '学校少于 2 所', en: 'fewer than two schools' },
  reasonNoReplication: { zh: '每校仅 1 名学生', en: 'one student per school' },
  reasonNoVariance: { zh: '所有成绩相同', en: 'all scores equal' },
  reasonTooLarge: { zh: '成绩数值过大，无法计算', en: 'scores too large to compute' },
  province: { zh: '全省', en: 'province' },
  higher: { zh: '显著高于', en: 'significantly higher than' },
  similar: { zh: '与…无显著差异', en: 'not significantly different from' },
  lower: { zh: '显著低于', en: 'significantly lower than' },
  'not-assessable': { zh: '无法判断（无法估计抽样误差）', en: 'cannot be assessed (no estimate of sampling error)' },
  healthTitle: { zh: '六、健康指标平均水平', en: '6. Health measures: mean levels' },
  comparisonTitle: { zh: '七、县域比较', en: '7. County comparisons' },
  countyMean: { zh: '均值（95% CI）', en: 'Mean (95% CI)' },
  vsProvince: { zh: '与全省之差（95% CI）', en: 'Difference from province (95% CI)' },
  effectSize: { zh: '效应量', en: 'Effect size' },
  rankCol: { zh: '名次（由高到低，95% 区间）', en: 'Rank, highest first (95% interval)' },
  markHigher: { zh: '显著高于全省', en: 'above the province' },
  markSimilar: { zh: '与全省无显著差异', en: 'not different from the province' },
  markNotAssessable: { zh: '与全省相比无法判断（无法估计抽样误差）', en: 'cannot be compared with the province (no estimate of sampling error)' },
  singleSchool: { zh: '仅 1 所学校，无法估计标准误，不作比较和排名', en: 'single school: no SE, not compared or ranked' },
  markLower: { zh: '显著低于全省', en: 'below the province' },
  vsReference: { zh: '与参照值比较', en: 'Against the reference' },
  oneCounty: { zh: '数据只有一个区县，无法进行县域比较。', en: 'The data hold one county; there is nothing to compare.' },
  methodsComparison: {
    zh: '区县均值为加权均值，标准误以学校为初级抽样单元、区县为层按泰勒线性化计算（与 R survey::svymean 一致）；区县与全省之差的标准误考虑了该区县本身包含在全省之中（与 svycontrast 一致）；置信区间不含 0 时标为“显著高于/低于全省”。效应量为差值除以全省学生标准差。排名区间由各区县均值按其抽样分布（设计标准误）模拟 1000 次、每次重新排名得到，名次只在区间内可信；区县两两比较采用 Holm 校正。数据带有似真值（如 math_pv1…5）时，每个估计对各似真值分别计算后按 Rubin 规则合并（与 R mitools::MIcombine 一致）；带有重复权重时，标准误改用重复权重法（JK2 同 TIMSS/PIRLS，Fay-BRR 同 PISA，与 R survey::svrepdesign 一致）。只有 1 所学校的区县不作比较和排名；只有 1 所学校的层不贡献方差。',
    en: 'County means are weighted; SEs are Taylor-linearised with schools as PSUs and counties as strata (R survey::svymean). The difference from the province accounts for the county being part of it (svycontrast); "above/below" when the CI excludes 0. Effect size = difference / province student SD. Rank intervals come from 1,000 draws of every county mean from its design-based sampling distribution, ranked each time; pairwise comparisons use Holm’s correction. With plausible values (math_pv1…5) each estimate is computed per value and combined by Rubin’s rules (R mitools::MIcombine); with replicate weights SEs come from them (JK2 as TIMSS/PIRLS, Fay-BRR as PISA; R survey::svrepdesign). A county with one school is not compared or ranked; a stratum with one school adds no variance.',
  },
  allGrades: { zh: '全部年级', en: 'all grades' },
  ratesTitle: { zh: '五、检出率与趋势', en: '5. Detection rates and trends' },
  latestRate: { zh: '最近一年比例（95% CI）', en: 'Latest rate (95% CI)' },
  designEffect: { zh: '设计效应', en: 'Design effect' },
  annualChange: { zh: '年均变化（百分点，95% CI）', en: 'Change per year (pp, 95% CI)' },
  trend: { zh: '趋势', en: 'Trend' },
  targetsCol: { zh: '目标达成', en: 'Targets' },
  rising: { zh: '有所上升', en: 'rising' },
  stable: { zh: '基本持平', en: 'no significant change' },
  falling: { zh: '有所下降', en: 'falling' },
  suppressed: { zh: '样本不足，不报告', en: 'too few students, not shown' },
  met: { zh: '已达成', en: 'met' },
  notMet: { zh: '未达成', en: 'not met' },
  notAssessable: { zh: '暂无法判断', en: 'not yet assessable' },
  noRates: { zh: '数据中没有可计算检出率的列，本节从略。', en: 'The data have no columns for detection rates; this section is omitted.' },
  anxietySkipped: {
    zh: '数据中有焦虑得分，但未在配置文件中给出判定界值（焦虑量表没有通用界值），因此未计算焦虑检出率。',
    en: 'The data have an anxiety score but no cut-off was configured (there is no universal one), so anxiety was not computed.',
  },
  methodsRates: {
    zh: '检出率为加权比例；标准误以学校为整群按泰勒线性化计算（与 R survey::svymean 一致），95% 置信区间为 Korn–Graubard 区间（svyciprop method="beta"）；学生数少于最小样本量的单元不报告比例，但计入合计。年均变化为以学校为整群、年份为层的加权线性趋势（与 svyglm 一致），p < 0.05 时判为“有所上升/下降”，否则“基本持平”；另给出 Cochran–Armitage 趋势检验及其设计效应校正。视力不良：任一眼裸眼视力 < 5.0；睡眠不足：小学 < 10 小时、初中 < 9 小时、高中 < 8 小时；超重肥胖：WS/T 586-2018；消瘦：WS/T 456-2014；体质健康：≥ 60 分达标、≥ 80 分优良。',
    en: 'Rates are weighted proportions; SEs are Taylor-linearised with schools as clusters (R survey::svymean), 95% intervals Korn–Graubard (svyciprop method="beta"); cells below the minimum size are not shown but count in totals. The change per year is the design-based linear trend with schools as clusters and years as strata (svyglm); "rising/falling" only when p < 0.05. Cochran–Armitage tests (with a design-effect adjustment) are also given. Poor vision: either eye < 5.0; insufficient sleep: < 10 h (primary), < 9 h (junior), < 8 h (senior); overweight/obesity: WS/T 586-2018; thinness: WS/T 456-2014; fitness: ≥ 60 pass, ≥ 80 good.',
  },
  caterpillarTitle: { zh: '各校收缩均值（最近一年）', en: 'School means, shrunken (latest year)' },
  methodsBetween: {
    zh: '校间差异按随机截距模型 y = μ + u_校 + e 估计：REML（与 R lme4::lmer 一致，由各校人数、均值与校内离差平方和精确计算），ICC = σ²_b/(σ²_b + σ²_w)，95% 置信区间为轮廓似然区间（模拟中覆盖率 94%–96%）；另列 ANOVA 矩估计（n₀ 校正，F 分布区间）与加权伪似然估计（Rabe-Hesketh 与 Skrondal 2006；区间为加权伪 REML 轮廓似然区间，似然下降按设计效应放大并取 F(1, 学校数−1) 临界值；设计效应为各校得分贡献的三明治方差（按杠杆值校正，Mancl 与 DeRouen 2001）与模型方差之比（至多为 5），模拟中覆盖率 93.5%–96.7%，学校很少且 ICC 接近 0 时偏保守）。学生权重不等时，判断、比较与主要发现采用加权估计，否则采用 REML 估计（表中“判断依据”一栏注明）；全省、全国的校间差异占比按同一规则由其全部学校合并估计。ICC ≥ 0.15 判为“较大”（参照县域义务教育优质均衡发展督导评估的 0.15 界线），< 0.10 为“较小”，其间为“适中”；与全省比较以置信区间是否包含全省值为准。差异系数 = 学生数加权的校均值标准差 ÷ 加权均值。学校均值另给出经验贝叶斯收缩估计。',
    en: 'Between-school differences use the random-intercept model y = μ + u_school + e: REML (as R lme4::lmer, computed exactly from each school’s n, mean and within sum of squares), ICC = σ²_b/(σ²_b + σ²_w), 95% profile-likelihood interval (94–96% coverage in simulation); ANOVA (n₀, F interval) and the weighted pseudo-likelihood estimate (Rabe-Hesketh & Skrondal 2006; its interval is the weighted pseudo-REML profile with the likelihood drop scaled by the design effect and an F(1, schools − 1) critical value; the design effect is the sandwich variance from the schools’ score contributions, leverage-corrected (Mancl & DeRouen 2001), over the model variance, at most 5: 93.5–96.7% coverage in simulation, conservative with few schools and an ICC near 0) are shown beside it. When the students’ weights vary, the verdict, the comparisons and the findings use the weighted estimate, else REML (the "verdict by" column says which); the province’s and the nation’s shares follow the same rule over all their schools. ICC ≥ 0.15 is "large" (the 0.15 line of the county balanced-development criterion), < 0.10 "small", else "moderate"; the comparison with the province asks whether the CI contains the province value. CV = student-weighted SD of school means ÷ weighted mean. School means are also given as empirical-Bayes estimates.',
  },
  rowsRead: { zh: '读取学生记录', en: 'Student rows read' },
  rowsKept: { zh: '纳入分析的记录', en: 'Rows kept' },
  rowsExcluded: { zh: '整行排除的记录', en: 'Rows excluded' },
  blankRows: { zh: '空行及表头上方的标题行（已跳过）', en: 'Blank or title lines skipped' },
  weightsAbsent: { zh: '数据中没有权重列，所有学生权重按 1 计算。', en: 'The data has no weight column; every weight is 1.' },
  weightsPresent: { zh: '均值与标准差按学生抽样权重加权计算。', en: 'Means and SDs are weighted by the students’ sampling weights.' },
  excludedRowsTitle: { zh: '整行排除的原因', en: 'Why rows were excluded' },
  invalidValuesTitle: { zh: '无法使用的取值（该值按缺失处理，其余信息保留）', en: 'Values that could not be used (set to missing; the row is kept)' },
  warningsTitle: { zh: '提示', en: 'Notes' },
  none: { zh: '无', en: 'none' },
  rule: { zh: '规则', en: 'Rule' },
  column: { zh: '列', en: 'Column' },
  count: { zh: '数量', en: 'Count' },
  examples: { zh: '示例（行号：取值）', en: 'Examples (row: value)' },
  fix: { zh: '处理建议', en: 'How to fix' },
  columnsTitle: { zh: '列识别', en: 'Columns' },
  header: { zh: '原始列名', en: 'Header' },
  role: { zh: '识别为', en: 'Role' },
  status: { zh: '状态', en: 'Status' },
  used: { zh: '使用', en: 'used' },
  ignoredUnrecognised: { zh: '未识别，未使用', en: 'not recognised, not used' },
  ignoredSuperseded: { zh: '与另一列含义相同，未使用', en: 'same role as another column, not used' },
  ignoredUnnamed: { zh: '无列名，未使用', en: 'no header, not used' },
  ignoredMapped: { zh: '按用户指定忽略', en: 'ignored as mapped' },
  didYouMean: { zh: '是否应为', en: 'did you mean' },
  nonEmpty: { zh: '有值单元格', en: 'non-empty cells' },
  analysesTitle: { zh: '各项分析使用的记录', en: 'Rows used by each analysis' },
  analysis: { zh: '分析', en: 'Analysis' },
  rowsUsed: { zh: '使用', en: 'Used' },
  excludedBecause: { zh: '未使用的原因', en: 'Not used because' },
  county: { zh: '区县', en: 'County' },
  year: { zh: '年份', en: 'Year' },
  grade: { zh: '年级', en: 'Grade' },
  school: { zh: '学校', en: 'School' },
  students: { zh: '学生数', en: 'Students' },
  schools: { zh: '学校数', en: 'Schools' },
  mean: { zh: '平均分', en: 'Mean' },
  sd: { zh: '标准差', en: 'SD' },
  sumWeights: { zh: '权重和', en: 'Sum of weights' },
  schoolTable: { zh: '各校汇总', en: 'Schools' },
  noSubject: { zh: '数据中没有学业成绩列，本节从略。', en: 'The data has no achievement column; this section is omitted.' },
  methodsAchievement: {
    zh: '平均分 = Σwᵢxᵢ / Σwᵢ；标准差 = √(n/(n−1) · Σwᵢ(xᵢ−平均分)² / Σwᵢ)，与 R survey 包 svymean/svyvar 的点估计一致（无权重时即普通均值与样本标准差）。先按学校一次扫描得到可合并的分组统计量，再精确合并到区县。',
    en: 'Mean = Σwᵢxᵢ / Σwᵢ; SD = √(n/(n−1) · Σwᵢ(xᵢ−mean)² / Σwᵢ), the point estimates of R survey::svymean/svyvar (unweighted: the ordinary mean and sample SD). Per-school mergeable summaries from one scan are merged exactly to counties.',
  },
  methodsQuality: {
    zh: '每一行只计入一条排除原因（按规则顺序取第一条）；读取记录数 = 使用记录数 + 各原因排除数之和。学生编号仅用于查重，不出现在任何输出中。',
    en: 'Each row is counted under one reason only (the first rule that applies); rows read = rows used + the sum of the exclusions. Student ids are used only to find duplicates and appear in no output.',
  },
} as const;

/** A fixed text in a language. */
export function t(key: keyof typeof text, lang: Lang): string {
  return text[key][lang];
}

/** A county's mark against the province in words: 显著高于全省 / 与全省无显著差异 / 显著低于全省. */
export function markLabel(mark: ComparisonMark, lang: Lang): string {
  return t(mark === 'higher' ? 'markHigher' : mark === 'lower' ? 'markLower' : mark === 'similar' ? 'markSimilar' : 'markNotAssessable', lang);
}

/**
 * A comparison's verdict as a table cell: 显著高于 / 无显著差异 / 显著低于 / 无法判断（无法估计抽样误差）.
 *
 * @example
 * verdict('not-assessable', 'zh'); // => '无法判断（无法估计抽样误差）'
 */
export function verdict(mark: ComparisonMark, lang: Lang): string {
  const zh = lang === 'zh';
  if (mark === 'not-assessable') return t('not-assessable', lang);
  return mark === 'similar' ? (zh ? '无显著差异' : 'no significant difference') : mark === 'higher' ? (zh ? '显著高于' : 'higher') : zh ? '显著低于' : 'lower';
}

/**
 * A province's verdict against the nation: 显著高于全国 / 与全国无显著差异 / 显著低于全国 / 无法判断.
 *
 * @example
 * nationVerdict('higher', 'zh'); // => '显著高于全国'
 */
export function nationVerdict(mark: ComparisonMark, lang: Lang): string {
  const words =
    lang === 'zh'
      ? { higher: '显著高于全国', similar: '与全国无显著差异', lower: '显著低于全国', 'not-assessable': '与全国相比无法判断（无法估计抽样误差）' }
      : {
          higher: 'above the nation',
          similar: 'not different from the nation',
          lower: 'below the nation',
          'not-assessable': 'cannot be compared with the nation (no estimate of sampling error)',
        };
  return words[mark];
}

/**
 * Which estimate a between-school verdict uses (判断依据): the weighted one when the students'
 * weights vary, else REML.
 *
 * @example
 * verdictBy('pseudo-ML', 'zh'); // => '加权估计'
 */
export function verdictBy(primary: 'REML' | 'pseudo-ML', lang: Lang): string {
  if (primary === 'pseudo-ML') return lang === 'zh' ? '加权估计' : 'weighted estimate';
  return lang === 'zh' ? 'REML 估计' : 'REML estimate';
}

/** A role's display name: Chinese term (or canonical name in English). */
export function roleName(role: string, lang: Lang): string {
  const s = roleSpec(role);
  if (!s) return role;
  return lang === 'zh' ? s.zh : role;
}

/** Grade label: 四年级 / Grade 4. */
export function gradeName(grade: number | null, lang: Lang): string {
  if (grade === null) return '—';
  const zh = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];
  return lang === 'zh' ? `${zh[grade] ?? grade}年级` : `Grade ${grade}`;
}

export { ruleLabel, ruleFix, type RuleId };

import {
  healthMeasureNames,
  indicatorNames,
  type AnalysisResults,
  type Finding,
  type FindingDomain,
  type HealthMeasureId,
  type IndicatorId,
} from '@jiance/core';
import { SectionBuilder, type Inline, type ReportSection } from '../document.js';
import { formatCount, formatNumber, percent } from '../format.js';
import { gradeName, roleName, t, type Lang } from '../labels.js';
import { e, hasProvinces } from './common.js';

const domainNames: Record<FindingDomain, { zh: string; en: string }> = {
  achievement: { zh: '学业表现', en: 'Achievement' },
  between: { zh: '校间差异', en: 'Between-school differences' },
  vision: { zh: '视力', en: 'Vision' },
  sleep: { zh: '睡眠', en: 'Sleep' },
  mental: { zh: '心理健康', en: 'Mental health' },
  body: { zh: '体质与体重', en: 'Fitness and weight' },
};
const domainOrder: FindingDomain[] = ['achievement', 'between', 'vision', 'sleep', 'mental', 'body'];

/** How many comparisons and trends in the results are not assessable (mark or direction 'not-assessable'). */
function notAssessableCount(results: AnalysisResults): number {
  let n = 0;
  // Every object of the results is looked at (a new kind of comparison is counted too); arrays
  // of numbers and typed arrays are skipped whole, and no key list is built per object.
  const walk = (v: object): void => {
    if (Array.isArray(v)) {
      for (const x of v) if (x !== null && typeof x === 'object') walk(x);
      return;
    }
    if (ArrayBuffer.isView(v)) return;
    const o = v as Record<string, unknown>;
    if (o.mark === 'not-assessable' || o.direction === 'not-assessable') n++;
    for (const key in o) {
      const x = o[key];
      if (x !== null && typeof x === 'object') walk(x);
    }
  };
  walk({ ...results, findings: [], ledger: null });
  return n;
}

/** What a measure is called in a finding, how its values are written, how its level reads, and the section it links to. */
interface Wording {
  noun: { zh: string; en: string };
  value: (x: number) => string;
  /** The size of a change per year, without sign, and its unit (个百分点, 小时, 分). */
  size: (x: number) => string;
  unit: { zh: string; en: string };
  /** 较高 / 较低, 不足, 有待提高… for a level above or below what it is compared with. */
  level: (higher: boolean, lang: Lang) => string;
  section: string;
}

const ppSize = (x: number): string => formatNumber(Math.abs(x) * 100, 1);
const ppUnit = { zh: ' 个百分点', en: ' pp' };

function wording(f: Finding, lang: Lang): Wording {
  const rate = (higher: boolean, l: Lang) => (l === 'zh' ? (higher ? '较高' : '较低') : higher ? 'high' : 'low');
  const [measure, share] = f.measure.split(':');
  if (f.statistic === 'rate') {
    const names = indicatorNames[measure as IndicatorId];
    return { noun: { zh: names.zh, en: names.en.toLowerCase() }, value: percent, size: ppSize, unit: ppUnit, level: rate, section: 'rates' };
  }
  if (f.statistic === 'share') {
    const subject = roleName(measure!, lang);
    return {
      noun: { zh: `${subject}达到中等及以上的比例`, en: `the share of students at basic level or above in ${subject}` },
      value: percent,
      size: ppSize,
      unit: ppUnit,
      level: rate,
      section: 'levels',
    };
  }
  const health = healthMeasureNames[measure as HealthMeasureId];
  if (health) {
    const d = health.decimals;
    const nouns: Record<HealthMeasureId, { zh: string; en: string }> = {
      anxiety: { zh: '焦虑水平', en: 'anxiety level' },
      sleep_hours: { zh: '睡眠时间', en: 'sleep time' },
      bmi: { zh: '体质指数', en: 'BMI' },
      fitness_score: { zh: '体质健康总分', en: 'fitness score' },
      va_worse: { zh: '裸眼视力', en: 'uncorrected acuity' },
    };
    const levels: Partial<Record<HealthMeasureId, (higher: boolean, l: Lang) => string>> = {
      sleep_hours: (higher, l) => (l === 'zh' ? (higher ? '较充足' : '不足') : higher ? 'ample' : 'short'),
      va_worse: (higher, l) => (l === 'zh' ? (higher ? '较好' : '较差') : higher ? 'good' : 'poor'),
    };
    const units: Record<HealthMeasureId, { zh: string; en: string }> = {
      anxiety: { zh: ' 分', en: ' points' },
      sleep_hours: { zh: ' 小时', en: ' h' },
      bmi: { zh: '', en: '' },
      fitness_score: { zh: ' 分', en: ' points' },
      va_worse: { zh: '', en: '' },
    };
    return {
      noun: nouns[measure as HealthMeasureId],
      value: (x) => formatNumber(x, d),
      size: (x) => formatNumber(Math.abs(x), d + 1),
      unit: units[measure as HealthMeasureId],
      level: levels[measure as HealthMeasureId] ?? rate,
      section: 'health',
    };
  }
  const subject = roleName(measure!, lang);
  return {
    noun: { zh: `${subject}学业表现`, en: `${subject} achievement` },
    value: (x) => formatNumber(x, 1),
    size: (x) => formatNumber(Math.abs(x), 1),
    unit: { zh: ' 分', en: ' points' },
    level: (higher, l) => (l === 'zh' ? (higher ? '较好' : '有待提高') : higher ? 'good' : 'to be improved'),
    section: share ? 'levels' : 'comparison',
  };
}

/** The subject of a sentence: 青山县四年级学生 (with the province when the data name several). */
function who(f: Finding, withProvince: boolean, lang: Lang): string {
  const place = [withProvince && f.province ? e(f.province) : '', f.county ? e(f.county) : ''].filter(Boolean).join(lang === 'zh' ? '' : ' ');
  const grade = f.grade === null ? (lang === 'zh' ? '' : '') : gradeName(f.grade as number, lang);
  return lang === 'zh' ? `${place}${grade}学生` : `${place}${place && grade ? ', ' : ''}${grade}${place || grade ? ': ' : ''}`;
}

const against = (f: Finding, w: Wording, lang: Lang): string => {
  const label =
    f.against!.label === 'province'
      ? lang === 'zh'
        ? '全省'
        : 'the province'
      : f.against!.label === 'nation'
        ? lang === 'zh'
          ? '全国'
          : 'the nation'
        : e(f.against!.label);
  return `${label}${f.against!.value === null ? '' : `（${w.value(f.against!.value)}）`}`;
};

/**
 * The sentences of one cell's findings in the official register (反馈问题的表述), e.g.
 * "青山县四年级学生视力不良检出率较高（43.0%，显著高于全省（40.0%）、全国（37.0%）），且有所上升
 * （2021–2024 年年均 +2.1 个百分点）。" — levels and trends of the same measure in one sentence.
 */
export function sentence(group: readonly Finding[], withProvince: boolean, lang: Lang): Inline {
  const zh = lang === 'zh';
  const first = group[0]!;
  const w = wording(first, lang);
  const link = (text: string) => `<a href="#${w.section}">${text}</a>`;
  const noun = w.noun[lang];
  if (first.kind === 'between-school') {
    const [lo, hi] = [first.figures.lower!, first.figures.upper!];
    const subject = roleName(first.measure, lang);
    const figures = `${zh ? '校间差异占比' : 'between-school share'} ${percent(first.figures.estimate!)}，95% CI ${percent(lo)}–${percent(hi)}`;
    const text =
      first.direction === 'large'
        ? zh
          ? `${who(first, withProvince, lang)}${subject}学业表现校间差异较大（${figures}，整个区间不低于 ${percent(first.figures.line!)}）`
          : `${who(first, withProvince, lang)}large between-school differences in ${subject} (${figures}, the whole interval at or above ${percent(first.figures.line!)})`
        : first.direction === 'small'
          ? zh
            ? `${who(first, withProvince, lang)}${subject}学业表现校间差异较小（${figures}）`
            : `${who(first, withProvince, lang)}small between-school differences in ${subject} (${figures})`
          : zh
            ? `${who(first, withProvince, lang)}${subject}校间差异占比 ${percent(first.figures.estimate!)}，其 95% 置信区间（${percent(lo)}–${percent(hi)}）跨过 ${percent(first.figures.line!)}，尚不能判定校间差异是否较大`
            : `${who(first, withProvince, lang)}the between-school share in ${subject} is ${percent(first.figures.estimate!)}, but its 95% CI (${percent(lo)}–${percent(hi)}) straddles ${percent(first.figures.line!)}: not established whether it is large`;
    return `${link(text)}${zh ? '。' : '.'}`;
  }
  if (first.kind === 'balanced') {
    const subject = roleName(first.measure, lang);
    const status = zh
      ? { met: '达到', 'not-met': '未达到', uncertain: '尚不能判定是否达到' }[first.direction as 'met']
      : { met: 'meets', 'not-met': 'does not meet', uncertain: 'cannot yet be said to meet' }[first.direction as 'met'];
    return link(
      zh
        ? `${who(first, withProvince, lang)}${subject}${status}优质均衡的学业水平与校际差异要求（按本报告口径，见学业水平一节）。`
        : `${who(first, withProvince, lang)}${subject} ${status} the 优质均衡 requirements on level and between-school differences (as read in this report; see the levels section).`,
    );
  }
  if (first.kind === 'target') {
    const met = first.direction === 'met';
    return link(
      zh
        ? `${who(first, withProvince, lang)}${noun}${met ? '已达成' : '未达成'}目标${first.figures.estimate === null ? '' : `（${w.value(first.figures.estimate)}）`}。`
        : `${who(first, withProvince, lang)}${noun}: target ${met ? 'met' : 'not met'}${first.figures.estimate === null ? '' : ` (${w.value(first.figures.estimate)})`}.`,
    );
  }
  const levels = group.filter((f) => f.kind === 'versus-data' || f.kind === 'versus-reference');
  const trend = group.find((f) => f.kind === 'trend');
  const parts: string[] = [];
  if (levels.length) {
    const up = levels[0]!.direction === 'higher';
    const same = levels.filter((f) => f.direction === levels[0]!.direction);
    const compared = same.map((f) => against(f, w, lang)).join(zh ? '、' : ', ');
    parts.push(
      zh
        ? `${noun}${w.level(up, lang)}（${w.value(levels[0]!.figures.estimate!)}，显著${up ? '高于' : '低于'}${compared}）`
        : `${noun} ${w.level(up, lang)} (${w.value(levels[0]!.figures.estimate!)}, significantly ${up ? 'above' : 'below'} ${compared})`,
    );
  }
  if (trend) {
    const [from, to] = trend.figures.years!;
    const down = trend.direction === 'falling';
    const [a, b] = [w.size(trend.figures.lower!), w.size(trend.figures.upper!)];
    const ci = down ? `${b}～${a}` : `${a}～${b}`;
    const clause = zh
      ? `${t(trend.direction as 'rising', lang)}（${from}–${to} 年年均${down ? '下降' : '上升'} ${w.size(trend.figures.estimate!)}${w.unit.zh}，95% CI ${ci}）`
      : `${t(trend.direction as 'rising', lang)} (${down ? 'down' : 'up'} ${w.size(trend.figures.estimate!)}${w.unit.en} a year over ${from}–${to}, 95% CI ${ci.replace('～', ' to ')})`;
    parts.push(parts.length ? (zh ? `且${clause}` : `and ${clause}`) : zh ? `${noun}${clause}` : `${noun} ${clause}`);
  }
  return link(`${who(first, withProvince, lang)}${parts.join(zh ? '，' : ', ')}${zh ? '。' : '.'}`);
}

/** Findings of the same measure and cell read as one sentence. */
function groups(list: readonly Finding[]): Finding[][] {
  const out = new Map<string, Finding[]>();
  for (const f of list) {
    const key =
      f.kind === 'between-school' || f.kind === 'balanced' || f.kind === 'target'
        ? f.id
        : JSON.stringify([f.polarity, f.measure, f.province, f.county, f.grade]);
    if (!out.has(key)) out.set(key, []);
    out.get(key)!.push(f);
  }
  return [...out.values()];
}

/**
 * 主要发现 (the report's first page): the findings of the results as sentences in the official
 * register, grouped by domain — the problems (需关注的问题), the positive changes (积极变化) and
 * what the data cannot yet decide (尚不能判定) — each linking to its section; then the one-line
 * data note. The sentences are rendered from {@link findings}, never the other way round.
 */
export function findingsSection(results: AnalysisResults, list: readonly Finding[], qualityNote: Inline, lang: Lang): ReportSection {
  const zh = lang === 'zh';
  const withProvince = hasProvinces(results);
  const b = new SectionBuilder();
  b.paragraph(qualityNote, 'quality-note');
  const kinds = [
    { polarity: 'problem', title: zh ? '需关注的问题' : 'Problems' },
    { polarity: 'positive', title: zh ? '积极变化' : 'Positive findings' },
    { polarity: 'uncertain', title: zh ? '尚不能判定' : 'Not yet decided by the data' },
  ] as const;
  // Results without a variance estimate are neither findings nor "no difference": say how many.
  const unassessable = notAssessableCount(results);
  if (!list.length && !unassessable)
    b.paragraph(
      zh
        ? '在 95% 置信水平下，数据没有支持任何问题或积极变化的结论（各项与全省、参照值无显著差异，趋势基本持平）。'
        : 'At the 95% level the data support no problem and no positive change (no significant difference from the province or the references, no significant trend).',
    );
  if (!list.length && unassessable)
    b.paragraph(zh ? '在 95% 置信水平下，数据没有支持任何问题或积极变化的结论。' : 'At the 95% level the data support no problem and no positive change.');
  if (unassessable)
    b.paragraph(
      zh
        ? `另有 ${formatCount(unassessable)} 项比较或趋势无法判断：无法估计其抽样误差（如每层只有 1 所学校，或检出率为 0% 或 100%），既不能说有差异，也不能说无差异；见各节“无法判断”。`
        : `${formatCount(unassessable)} comparisons or trends cannot be assessed: their sampling error cannot be estimated (e.g. one school per stratum, or a rate of 0% or 100%), so the data say neither "different" nor "not different"; see "cannot be assessed" in the sections.`,
    );
  for (const { polarity, title } of kinds) {
    const mine = list.filter((f) => f.polarity === polarity);
    if (!mine.length) continue;
    b.heading(3, `${title}（${mine.length}）`);
    for (const domain of domainOrder) {
      const inDomain = groups(mine.filter((f) => f.domain === domain));
      if (!inDomain.length) continue;
      b.heading(4, domainNames[domain][lang]);
      for (const g of inDomain) b.paragraph(sentence(g, withProvince, lang), 'finding');
    }
  }
  b.paragraph(
    zh
      ? '说明：只有统计检验支持的结论才列为问题或积极变化（95% 置信区间不含 0，或趋势检验 p < 0.05）；区间跨过界线的列为“尚不能判定”。每条结论的数字见 results.json 的 findings，逐项在下文各节中可查。'
      : 'Only statements a test supports are listed as problems or positive findings (the 95% interval excludes 0, or the trend test gives p < 0.05); where an interval straddles a line the statement is "not yet decided". The numbers of each are in results.json (findings) and in the sections below.',
  );
  return { id: 'findings', title: t('findingsTitle', lang), blocks: b.blocks };
}

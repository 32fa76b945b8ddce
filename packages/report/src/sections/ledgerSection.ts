import {
  healthMeasureNames,
  indicatorNames,
  type AnalysisResults,
  type HealthMeasureId,
  type IndicatorId,
  type Ledger,
  type LedgerItem,
  type LedgerRule,
  type LedgerStatus,
  type LedgerValue,
} from '@jiance/core';
import { SectionBuilder, type ReportSection } from '../document.js';
import { formatNumber, percent, pp } from '../format.js';
import { gradeName, roleName, t, type Lang } from '../labels.js';
import { e, hasProvinces } from './common.js';
import { sentence } from './findingsSection.js';

/** 已达成 / 未达成 / 明显改善但未达标 / 待评估. */
export const ledgerStatusName = (s: LedgerStatus, lang: Lang): string =>
  (lang === 'zh'
    ? { met: '已达成', 'not-met': '未达成', improved: '明显改善但未达标', pending: '待评估' }
    : { met: 'met', 'not-met': 'not met', improved: 'clearly improved, not yet met', pending: 'to be assessed' })[s];

/** What a ledger measure is called: 视力不良检出率, 数学学业表现（均值）, 数学中等及以上比例, 数学校间差异占比, 睡眠时间（均值）. */
export function ledgerMeasureName(measure: string, lang: Lang): string {
  const zh = lang === 'zh';
  const [name, part] = measure.split(':') as [string, string | undefined];
  if (part === 'pass') return zh ? `${e(roleName(name, lang))}中等及以上比例` : `${e(roleName(name, lang))}: share at basic or above`;
  if (part === 'icc') return zh ? `${e(roleName(name, lang))}校间差异占比` : `${e(roleName(name, lang))}: between-school share`;
  // "anxiety:mean" is the mean score; plain "anxiety" the detection rate.
  const indicator = part === 'mean' ? undefined : indicatorNames[name as IndicatorId];
  if (indicator) return indicator[lang];
  const health = healthMeasureNames[name as HealthMeasureId];
  if (health) return zh ? `${health.zh}（均值）` : `${health.en} (mean)`;
  return zh ? `${e(roleName(name, lang))}学业表现（均值）` : `${e(roleName(name, lang))} (mean score)`;
}

/** How a ledger value is written: proportions as percentages, means in the measure's decimals. */
function valueFormat(item: Pick<LedgerItem, 'measure' | 'statistic'>): {
  value: (x: number) => string;
  change: (x: number) => string;
  unit: { zh: string; en: string };
} {
  if (item.statistic !== 'mean') return { value: percent, change: pp, unit: { zh: ' 个百分点', en: ' pp' } };
  const d = healthMeasureNames[item.measure.split(':')[0] as HealthMeasureId]?.decimals ?? 1;
  return { value: (x) => formatNumber(x, d), change: (x) => `${x >= 0 ? '+' : '−'}${formatNumber(Math.abs(x), d + 1)}`, unit: { zh: '', en: '' } };
}

/** A parsed target in words: 不高于 35.0%, 每年降低 1 个百分点以上, 呈下降趋势. */
export function ledgerRuleWords(rule: LedgerRule, item: Pick<LedgerItem, 'measure' | 'statistic'>, lang: Lang): string {
  const zh = lang === 'zh';
  const f = valueFormat(item);
  switch (rule.kind) {
    case 'atMost':
      return zh ? `不高于 ${f.value(rule.value)}` : `at most ${f.value(rule.value)}`;
    case 'atLeast':
      return zh ? `不低于 ${f.value(rule.value)}` : `at least ${f.value(rule.value)}`;
    case 'perYear': {
      const size = item.statistic === 'mean' ? formatNumber(Math.abs(rule.value), 2) : formatNumber(Math.abs(rule.value) * 100, 1).replace(/\.0$/, '');
      return zh ? `每年${rule.value < 0 ? '降低' : '提高'} ${size}${f.unit.zh}以上` : `${rule.value < 0 ? 'down' : 'up'} ≥ ${size}${f.unit.en} a year`;
    }
    case 'decreasing':
      return zh ? '明显下降' : 'a significant fall';
    case 'increasing':
      return zh ? '明显上升' : 'a significant rise';
  }
}

const valueCell = (v: LedgerValue | null, item: LedgerItem): string => (v ? `${v.year}：${valueFormat(item).value(v.value)}` : '—');

function changeCell(item: LedgerItem): string {
  if (!item.change) return '—';
  const f = valueFormat(item);
  const ci = Number.isFinite(item.change.lower) ? `（${f.change(item.change.lower)}～${f.change(item.change.upper)}）` : '';
  return `${f.change(item.change.estimate)}${ci}`;
}

function statusCell(item: LedgerItem, lang: Lang): string {
  const zh = lang === 'zh';
  const name = `<strong>${ledgerStatusName(item.status, lang)}</strong>`;
  if (item.status !== 'pending') return name;
  const why = {
    'before-deadline': zh
      ? `未到截止年份${item.onTrack === null ? '' : item.onTrack ? '，目前已达到' : '，目前尚未达到'}`
      : `before the deadline${item.onTrack === null ? '' : item.onTrack ? '; met so far' : '; not met so far'}`,
    'no-baseline': zh ? '基线年份无数据' : 'no value in the baseline year',
    'no-latest': zh ? '评估年份无数据' : 'no value in the year checked',
    'no-data': zh ? '数据中没有该指标或范围' : 'the data lack this measure or cell',
  }[item.reason ?? 'no-data'];
  return `${name}（${why}）`;
}

/**
 * The rectification ledger (整改台账): each target × county × grade with its baseline, the value
 * checked, the change with its 95% interval and the status; then, with an earlier run, each
 * feedback problem (反馈问题) as 已整改 / 仍存在 / 新发现. Without targets it says how to set them and
 * lists this run's problems as the items to track.
 */
export function ledgerSection(results: AnalysisResults, ledger: Ledger | undefined, lang: Lang): ReportSection {
  const zh = lang === 'zh';
  const withProvince = hasProvinces(results);
  const b = new SectionBuilder();
  const items = ledger?.items ?? [];
  if (!items.length) {
    b.paragraph(
      zh
        ? '配置文件未给出整改目标。可在配置文件中写 "targets"，如 [{ "measure": "vision_poor", "target": "-1pp per year", "baseline": 2021, "deadline": 2024, "text": "视力不良检出率每年降低1个百分点以上" }]，本节即逐项列出基线、现状、变化与达成情况（见 README）。'
        : 'The configuration gives no targets. Add "targets", e.g. [{ "measure": "vision_poor", "target": "-1pp per year", "baseline": 2021, "deadline": 2024 }], and this section lists each with its baseline, latest value, change and status (see README).',
    );
  } else {
    const counts = (['met', 'improved', 'not-met', 'pending'] as const).map(
      (s) => `${ledgerStatusName(s, lang)} ${items.filter((i) => i.status === s).length}`,
    );
    b.paragraph(zh ? `共 ${items.length} 项：${counts.join('，')}。` : `${items.length} items: ${counts.join(', ')}.`, 'reading');
    b.table(
      [
        zh ? '指标' : 'Measure',
        ...(withProvince ? [zh ? '省份' : 'Province'] : []),
        t('county', lang),
        t('grade', lang),
        zh ? '整改目标' : 'Target',
        zh ? '截止年份' : 'Deadline',
        zh ? '基线' : 'Baseline',
        zh ? '现状' : 'Latest',
        zh ? '变化（95% CI）' : 'Change (95% CI)',
        zh ? '状态' : 'Status',
      ],
      items.map((i) => [
        ledgerMeasureName(i.measure, lang),
        ...(withProvince ? [e(i.province ?? '—')] : []),
        i.county === null ? (zh ? '全省' : 'province') : e(i.county),
        i.grade === null ? t('allGrades', lang) : gradeName(i.grade as number, lang),
        i.text ? `${e(i.text)}（${ledgerRuleWords(i.rule, i, lang)}）` : ledgerRuleWords(i.rule, i, lang),
        i.deadline === null ? (zh ? '最近一年' : 'latest year') : String(i.deadline),
        valueCell(i.baseline, i),
        valueCell(i.latest, i),
        changeCell(i),
        statusCell(i, lang),
      ]),
    );
    b.paragraph(
      zh
        ? '判定：达到目标线或目标速度为“已达成”；未达到但变化的 95% 置信区间完全落在改善一侧为“明显改善但未达标”；其余为“未达成”；未到截止年份或缺少数据为“待评估”。变化的区间按两轮独立样本计算。'
        : 'Met: the line or pace is reached; clearly improved: not met, but the change’s 95% interval lies wholly on the better side; otherwise not met; before the deadline or without data: to be assessed. The change’s interval treats the two cycles as independent samples.',
      'design-note',
    );
  }
  if (ledger?.findings) {
    const label = ledger.baselineRun
      ? `${e(ledger.baselineRun.label)}${ledger.baselineRun.years.length ? `（${ledger.baselineRun.years.join('、')}）` : ''}`
      : '';
    b.heading(3, zh ? `反馈问题整改情况（与上一轮 ${label} 比较）` : `Problems against the earlier run ${label}`);
    const statusName = (s: 'resolved' | 'persisting' | 'new') =>
      (zh
        ? { resolved: '已整改（问题不再成立）', persisting: '仍存在', new: '新发现' }
        : { resolved: 'resolved (no longer supported)', persisting: 'persisting', new: 'new' })[s];
    if (!ledger.findings.length) b.paragraph(zh ? '两轮均未发现需整改的问题。' : 'Neither run has a problem.');
    else
      b.table(
        [zh ? '问题' : 'Problem', zh ? '上一轮' : 'Earlier run', zh ? '本轮' : 'This run', zh ? '状态' : 'Status'],
        ledger.findings.map((f) => [
          sentence([f.current ?? f.baseline!], withProvince, lang),
          f.baseline ? (zh ? '存在' : 'present') : '—',
          f.current ? (zh ? '存在' : 'present') : '—',
          `<strong>${statusName(f.status)}</strong>`,
        ]),
      );
  } else {
    const problems = (results.findings ?? []).filter((f) => f.polarity === 'problem');
    if (problems.length) {
      b.heading(3, zh ? `本轮反馈问题清单（${problems.length} 项，供下一轮逐项核查）` : `This run's problems (${problems.length}), to check at the next cycle`);
      b.table(
        [zh ? '序号' : 'No.', zh ? '问题' : 'Problem', zh ? '编号（下一轮用 --baseline 比对）' : 'Id (matched by --baseline next time)'],
        problems.map((f, k) => [String(k + 1), sentence([f], withProvince, lang), e(f.id)]),
      );
    }
  }
  return { id: 'ledger', title: t('ledgerTitle', lang), blocks: b.blocks };
}

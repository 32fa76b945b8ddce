import type { AnalysisResults } from '@jiance/core';
import { inlineText } from './document.js';
import { gradeName, type Lang } from './labels.js';
import { sentence } from './sections/findingsSection.js';
import { ledgerMeasureName, ledgerRuleWords, ledgerStatusName } from './sections/ledgerSection.js';
import type { ReportTable } from './tables.js';
import { hasProvinces } from './sections/common.js';

/**
 * The findings and the rectification ledger as tables (主要发现表、整改台账): `findings` (one row
 * per finding with its figures, unrounded), `ledger` (one row per target × cell) and, with an
 * earlier run, `ledger-findings` (resolved / persisting / new). Written to tables/*.csv,
 * tables.xlsx and ledger.xlsx.
 *
 * @example
 * ledgerTables(results, 'zh').map((t) => t.id); // => ['findings', 'ledger']
 */
export function ledgerTables(results: AnalysisResults, lang: Lang = 'zh'): ReportTable[] {
  const zh = lang === 'zh';
  const withProvince = hasProvinces(results);
  const text = (f: Parameters<typeof sentence>[0][number]) => inlineText(sentence([f], withProvince, lang), lang);
  const grade = (g: unknown) => (g === null ? (zh ? '各年级合计' : 'all grades') : gradeName(g as number, lang));
  const polarity = { problem: zh ? '问题' : 'problem', positive: zh ? '积极变化' : 'positive', uncertain: zh ? '尚不能判定' : 'undecided' } as const;
  const out: ReportTable[] = [
    {
      id: 'findings',
      title: zh ? '主要发现' : 'Main findings',
      columns: [
        zh ? '编号' : 'Id',
        zh ? '类别' : 'Polarity',
        zh ? '表述' : 'Statement',
        zh ? '省份' : 'Province',
        zh ? '区县' : 'County',
        zh ? '年级' : 'Grade',
        zh ? '年份' : 'Year',
        zh ? '估计值' : 'Estimate',
        zh ? '下限' : 'Lower',
        zh ? '上限' : 'Upper',
        zh ? '差值' : 'Difference',
        'p',
        zh ? '比较对象' : 'Against',
        zh ? '比较值' : 'Against value',
        zh ? '严重程度' : 'Severity',
        zh ? '数据位置' : 'Source',
      ],
      rows: (results.findings ?? []).map((f) => [
        f.id,
        polarity[f.polarity],
        text(f),
        f.province,
        f.county,
        grade(f.grade),
        f.year as number | null,
        f.figures.estimate,
        f.figures.lower,
        f.figures.upper,
        f.figures.difference ?? null,
        f.figures.pValue ?? null,
        f.against?.label ?? null,
        f.against?.value ?? null,
        f.severity,
        f.source,
      ]),
    },
  ];
  const ledger = results.ledger;
  if (ledger) {
    out.push({
      id: 'ledger',
      title: zh ? '整改台账' : 'Rectification ledger',
      columns: [
        zh ? '编号' : 'Id',
        zh ? '指标' : 'Measure',
        zh ? '省份' : 'Province',
        zh ? '区县' : 'County',
        zh ? '年级' : 'Grade',
        zh ? '整改目标' : 'Target',
        zh ? '目标（解析）' : 'Target (read as)',
        zh ? '基线年份' : 'Baseline year',
        zh ? '截止年份' : 'Deadline',
        zh ? '基线值' : 'Baseline',
        zh ? '评估年份' : 'Year checked',
        zh ? '现状值' : 'Latest',
        zh ? '变化' : 'Change',
        zh ? '变化下限' : 'Change lower',
        zh ? '变化上限' : 'Change upper',
        zh ? '年均变化' : 'Change per year',
        zh ? '状态' : 'Status',
        zh ? '说明' : 'Reason',
      ],
      rows: ledger.items.map((i) => [
        i.id,
        inlineText(ledgerMeasureName(i.measure, lang), lang),
        i.province,
        i.county ?? (zh ? '全省' : 'province'),
        grade(i.grade),
        i.text ?? i.target,
        inlineText(ledgerRuleWords(i.rule, i, lang), lang),
        i.baseline?.year ?? i.baselineYear,
        i.deadline,
        i.baseline?.value ?? null,
        i.latest?.year ?? null,
        i.latest?.value ?? null,
        i.change?.estimate ?? null,
        i.change && Number.isFinite(i.change.lower) ? i.change.lower : null,
        i.change && Number.isFinite(i.change.upper) ? i.change.upper : null,
        i.change?.perYear ?? null,
        ledgerStatusName(i.status, lang),
        i.reason === 'before-deadline' && i.onTrack !== null ? `${i.reason}; ${i.onTrack ? 'on track' : 'behind'}` : i.reason,
      ]),
    });
  }
  if (ledger?.findings) {
    const status = { resolved: zh ? '已整改' : 'resolved', persisting: zh ? '仍存在' : 'persisting', new: zh ? '新发现' : 'new' } as const;
    out.push({
      id: 'ledger-findings',
      title: zh ? '反馈问题整改情况' : 'Problems against the earlier run',
      columns: [
        zh ? '编号' : 'Id',
        zh ? '问题' : 'Problem',
        zh ? '状态' : 'Status',
        zh ? '上一轮估计值' : 'Earlier estimate',
        zh ? '本轮估计值' : 'Estimate now',
      ],
      rows: ledger.findings.map((f) => [
        f.id,
        text(f.current ?? f.baseline!),
        status[f.status],
        f.baseline?.figures.estimate ?? null,
        f.current?.figures.estimate ?? null,
      ]),
    });
  }
  return out;
}

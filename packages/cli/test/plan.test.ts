import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { put, resultsOf, run, tempDir } from './helpers.js';

const fixture = (name: string) => new URL(`../../../fixtures/${name}`, import.meta.url).pathname;

/** The text of a .docx's body, paragraph by paragraph (w:t runs joined, XML references decoded). */
function docxParagraphs(path: string): { xml: string; paragraphs: string[] } {
  const files = unzipSync(readFileSync(path));
  const xml = strFromU8(files['word/document.xml']!);
  const decode = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    decode([...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')),
  );
  return { xml, paragraphs };
}

describe('analyze writes the findings, the ledger and report.docx (README command 1)', async () => {
  const out = tempDir();
  const result = await run([fixture('county.csv'), '--reference', fixture('county.references.csv'), '-c', fixture('county.plan.json'), '--out', out]);
  const results = resultsOf(out);

  it('opens report.html with 主要发现, the quality note, and moves data quality to an appendix', () => {
    expect(result.code).toBe(0);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    const sections = [...html.matchAll(/<section id="([a-z]+)"><h2>([^<]+)<\/h2>/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(sections).toEqual([
      'findings 一、主要发现',
      'achievement 二、学业表现汇总',
      'levels 三、学业水平',
      'between 四、校间差异',
      'rates 五、检出率与趋势',
      'health 六、健康指标平均水平',
      'comparison 七、县域比较',
      'ledger 八、整改台账',
      'quality 附录一　数据概况与数据质量',
      'methods 附录二　方法说明',
    ]);
    expect(html).toContain('数据概况：读取学生记录 3,266 行，纳入分析 3,264 行，整行排除 2 行');
    // The grade-4 ICC (built 0.20): the fixture's weights vary, so the weighted estimate decides; with
    // 18 schools its design-adjusted interval straddles 0.15, so the finding is uncertain, not a problem.
    expect(results.betweenSchool[0].counties.every((c: any) => c.primary === 'pseudo-ML')).toBe(true);
    expect(results.findings.find((f: any) => f.id === 'between-school|math|icc|示例省|青山县|4')).toMatchObject({ polarity: 'uncertain' });
    expect(html).toMatch(/示例省青山县四年级学生数学校间差异占比 [\d.]+%，其 95% 置信区间（[\d.]+%–[\d.]+%）跨过 15.0%，尚不能判定校间差异是否较大/);
    expect(results.findings[0].polarity).toBe('problem');
  });

  it('checks each target per county × grade in the ledger, and writes ledger.xlsx and tables/ledger.csv', () => {
    const items = results.ledger.items as any[];
    const vision4 = items.find((i) => i.measure === 'vision_poor' && i.grade === 4);
    // −1 pp a year from 2021 to 2024: the change from the two years' rates of rateComparison.
    const cells = results.rateComparison.find((r: any) => r.indicator === 'vision_poor').cells.filter((c: any) => c.grade === 4);
    const rate = (y: number) => cells.find((c: any) => c.year === y).counties[0].mean;
    expect(vision4.baseline.value).toBe(rate(2021).mean);
    expect(vision4.latest.value).toBe(rate(2024).mean);
    expect(vision4.change.estimate).toBeCloseTo(rate(2024).mean - rate(2021).mean, 14);
    expect(vision4.status).toBe(vision4.change.perYear <= -0.01 ? 'met' : vision4.change.upper < 0 ? 'improved' : 'not-met');
    // The deadline 2025 is after the data's last year: pending.
    expect(items.filter((i) => i.measure === 'fitness_pass').every((i) => i.status === 'pending' && i.reason === 'before-deadline')).toBe(true);
    expect(items.find((i) => i.measure === 'math:icc')).toMatchObject({ grade: 4, baselineYear: 2021 });
    const csv = readFileSync(join(out, 'tables', 'ledger.csv'), 'utf8');
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(items.length + 1);
    expect(existsSync(join(out, 'ledger.xlsx'))).toBe(true);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('视力不良检出率每年降低1个百分点以上');
  });

  it('writes report.docx with the findings, every table and the charts, in Chinese fonts', () => {
    const { xml, paragraphs } = docxParagraphs(join(out, 'report.docx'));
    expect(paragraphs).toContain('一、主要发现');
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    const sentences = [...html.matchAll(/<p class="finding"><a href="#[a-z]+">([^<]+)<\/a><\/p>/g)].map((m) =>
      m[1]!.replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n))),
    );
    expect(sentences.length).toBeGreaterThan(3);
    for (const s of sentences) expect(paragraphs, s).toContain(s);
    // Every HTML table (and figures row) is a Word table; every chart an image.
    const htmlTables = (html.match(/<table/g) ?? []).length + (html.match(/<dl class="figures">/g) ?? []).length;
    expect((xml.match(/<w:tbl>/g) ?? []).length).toBe(htmlTables);
    expect((xml.match(/<pic:pic/g) ?? []).length).toBe((html.match(/<figure class="chart"/g) ?? []).length);
    const styles = strFromU8(unzipSync(readFileSync(join(out, 'report.docx')))['word/styles.xml']!);
    expect(styles).toMatch(/w:eastAsia="宋体"/);
    expect(styles).toMatch(/w:eastAsia="黑体"/);
    // A line spacing without its rule is read by LibreOffice as exact: every chart was clipped to one line.
    expect(styles.match(/<w:spacing [^>]*w:line="[^>]*>/g)?.filter((s) => !s.includes('w:lineRule='))).toEqual([]);
  });

  it('renders to PDF with LibreOffice: A4 pages, none blank', () => {
    const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find(existsSync);
    if (!soffice) throw new Error('LibreOffice not found: apt-get install libreoffice-writer-nogui poppler-utils (as .ci/run does)');
    const pdfDir = tempDir();
    execFileSync(
      soffice,
      ['--headless', `-env:UserInstallation=file://${pdfDir}/profile`, '--convert-to', 'pdf', '--outdir', pdfDir, join(out, 'report.docx')],
      { stdio: 'pipe', timeout: 240_000 },
    );
    const pdf = join(pdfDir, 'report.pdf');
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThan(5);
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    const byPage = text.split('\f').slice(0, pages);
    // A page is blank when it has neither text nor an image (a chart).
    const withImages = new Set(
      execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' })
        .split('\n')
        .slice(2)
        .map((l) => Number(l.trim().split(/\s+/)[0]))
        .filter((n) => n > 0),
    );
    for (const [k, page] of byPage.entries()) expect(page.trim().length > 20 || withImages.has(k + 1), `page ${k + 1} is blank`).toBe(true);
    expect(withImages.size).toBeGreaterThan(0);
    expect(byPage[0]).toContain('主要发现');
  }, 300_000);
});

describe("--baseline: this run's problems against an earlier run's", async () => {
  const first = tempDir();
  await run([fixture('county.csv'), '--out', first]);
  const earlier = resultsOf(first);
  const problems = (earlier.findings as any[]).filter((f) => f.polarity === 'problem');

  it('marks a problem that disappears resolved, one that persists persisting, and one that appears new', async () => {
    expect(problems.length).toBeGreaterThanOrEqual(2);
    // The earlier run had a problem this one lacks, and lacked one this one has.
    const edited = {
      ...earlier,
      findings: [...earlier.findings.filter((f: any) => f.id !== problems[1].id), { ...problems[0], id: 'trend|vision_poor|rate|示例省|青山县|4' }],
    };
    const dir = tempDir();
    const baseline = put(dir, 'results.json', JSON.stringify(edited));
    const out = tempDir();
    const r = await run([fixture('county.csv'), '--baseline', baseline, '--out', out]);
    expect(r.code).toBe(0);
    const compared = resultsOf(out).ledger.findings as any[];
    const status = Object.fromEntries(compared.map((f) => [f.id, f.status]));
    expect(status['trend|vision_poor|rate|示例省|青山县|4']).toBe('resolved');
    expect(status[problems[0].id]).toBe('persisting');
    expect(status[problems[1].id]).toBe('new');
    expect(compared).toHaveLength(problems.length + 1);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('反馈问题整改情况');
    expect(readFileSync(join(out, 'tables', 'ledger-findings.csv'), 'utf8')).toContain('已整改');
  });

  it('computes the findings of an earlier results.json that has none; refuses a file that is not one', async () => {
    const { findings: _, ledger: __, ...bare } = earlier;
    const dir = tempDir();
    const out = tempDir();
    const r = await run([fixture('county.csv'), '--baseline', put(dir, 'results.json', JSON.stringify(bare)), '--out', out]);
    expect(r.code).toBe(0);
    expect((resultsOf(out).ledger.findings as any[]).every((f) => f.status === 'persisting')).toBe(true);
    const bad = await run([fixture('county.csv'), '--baseline', put(dir, 'other.json', '{"a":1}'), '--out', tempDir()]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('other.json');
    expect(bad.err).toContain('不是 Jiance 的 results.json');
    const missing = await run([fixture('county.csv'), '--baseline', join(dir, 'none.json'), '--out', tempDir()]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('none.json');
  });

  it('refuses a target it cannot read, naming the key', async () => {
    const dir = tempDir();
    const config = put(dir, 'plan.json', JSON.stringify({ targets: [{ measure: 'vision_poor', target: '<= 35', deadline: 2024 }] }));
    const r = await run([fixture('county.csv'), '-c', config, '--out', tempDir()]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('<= 35');
    writeFileSync(config, JSON.stringify({ targets: [{ measure: 'vision', target: '<= 35%' }] }));
    const r2 = await run([fixture('county.csv'), '-c', config, '--out', tempDir()]);
    expect(r2.code).toBe(2);
    expect(r2.err).toContain('"targets"[0]."measure"');
  });
});

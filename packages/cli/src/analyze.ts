import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { writeJson } from './writeJson.js';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { Command, CommanderError } from 'commander';
import {
  JianceError,
  analyzeFrom,
  batchProvider,
  tableProvider,
  isJianceError,
  messages,
  referenceTable,
  type LevelOptions,
  type LedgerTargetSpec,
  findings,
  rateLedgerTargets,
  rectificationLedger,
  resultYears,
  resultsFormatVersion,
  type Finding,
  type ReferenceValue,
  parseMapArguments,
  studentTable,
  type AnalysisResults,
  type AnalyzeStudentsOptions,
  type ColumnUse,
  type StudentTableOptions,
  type SummaryProvider,
  stepTimer,
  type StepTimer,
} from '@jiance/core';
import { progress as terminalProgress, type Progress } from './progress.js';
import { readConfig, readJsonFile, type JianceConfig } from './config.js';
import { readInput, type InputFormat } from './readInput.js';
import { readBatches } from './readBatches.js';
import { openOutputFolder, userWriteError, type OutputFolder } from './outputFolder.js';
import { version } from './version.js';

/** What run.json records: everything about the run that is not a result of the data. */
export interface RunInfo {
  tool: 'jiance';
  version: string;
  /** `batchRows` when the file was read in batches (streaming). */
  /** `engine: 'duckdb'` when the summaries were computed by DuckDB (`--engine duckdb`). */
  /** `engine: 'clickhouse'`: `path` is the table, `url` the cluster; a table has no bytes or hash. */
  input: {
    path: string;
    format: InputFormat | 'clickhouse';
    encoding?: string;
    bytes?: number;
    sha256?: string;
    sheet?: string;
    batchRows?: number;
    engine?: 'duckdb' | 'clickhouse';
    url?: string;
    database?: string;
  };
  /** The reference files read (--reference), each with its size, hash and number of figures. */
  references: { path: string; format: InputFormat; bytes: number; sha256: string; figures: number }[];
  columns: ColumnUse[];
  options: {
    map: Record<string, string>;
    ranges: Record<string, [number, number]>;
    lang: 'zh' | 'en';
    betweenSchool?: JianceConfig['betweenSchool'];
    rates?: JianceConfig['rates'];
    countyComparison?: JianceConfig['countyComparison'];
    design?: JianceConfig['design'];
    levels?: LevelOptions;
    targets?: LedgerTargetSpec[];
    baseline?: string;
  };
  /**
   * Where the summaries were computed: 'memory' (core, the whole table), 'streaming' (core,
   * batch by batch), 'duckdb' or 'clickhouse'; `chosen` says whether --engine named it or the
   * run chose it by the file's type and size, and `reason` why.
   */
  engine: { name: EngineName; chosen: 'option' | 'auto'; reason: string };
  /** Wall time of each phase of the run, in order, in ms (the analysis's own: analysis.open, .plan, .summaries, .estimators); they add up to the run. */
  phases: { phase: string; ms: number }[];
  generatedAt: string;
  /** When every output had been written (run.json is written last, and the folder swapped in after it). */
  completedAt?: string;
  outputs: string[];
}

/** Options of {@link analyzeFile}. */
export interface AnalyzeOptions {
  out: string;
  map?: Record<string, string>;
  ranges?: Record<string, [number, number]>;
  lang?: 'zh' | 'en';
  sheet?: string;
  betweenSchool?: JianceConfig['betweenSchool'];
  rates?: JianceConfig['rates'];
  countyComparison?: JianceConfig['countyComparison'];
  design?: JianceConfig['design'];
  /** Reference files (--reference): CSV or workbooks of province and national figures (参照值). */
  referenceFiles?: string[];
  /** Reference figures given directly (the config's "references"), compared before those of the files. */
  references?: ReferenceValue[];
  /** Cut scores of the performance levels (the config's "levels", checked). */
  levels?: LevelOptions;
  /** The rectification plan's targets (the config's "targets"), checked in the ledger. */
  targets?: LedgerTargetSpec[];
  /** An earlier run's results.json (--baseline): its problems are matched with this run's by finding id. */
  baseline?: string;
  /** Read and summarise the file in batches of this many rows (default: only files over 256 MB). */
  batchRows?: number;
  /**
   * 'duckdb': the whole analysis pushed down to DuckDB (@jiance/engines duckdbAnalyze; CSV in
   * UTF-8 or GB18030) — the same results, faster on large files. Default: core in memory or streamed.
   */
  engine?: 'default' | 'duckdb' | 'clickhouse';
  /** The cluster of `engine: 'clickhouse'` (then `path` names a table loaded by loadStudentTable). */
  clickhouse?: JianceConfig['clickhouse'];
  /** Also write each chart as PNG (charts/*.png) for pasting into Word. */
  png?: boolean;
  /** Progress on the terminal (default: none). */
  progress?: Progress;
  /** Fixed timestamp (tests); default now. */
  now?: Date;
  /** CSV files from this size go to DuckDB when `engine` is not given (default {@link duckdbAbove}; tests lower it). */
  duckdbAbove?: number;
  /** Print the engine and each phase's time on stderr when the run ends (--verbose). */
  onPhases?: (run: Pick<RunInfo, 'engine' | 'phases'>) => void;
  /** Free disk space the run needs before it starts, in bytes (default 20 MB). */
  minFreeBytes?: number;
  /** Called once the output folder is checked and its temporary twin made (the CLI discards it on Ctrl+C). */
  onOutputFolder?: (folder: OutputFolder) => void;
}

/** Files larger than this are streamed even without --batch-rows. */
const streamAbove = 256 * 1024 * 1024;

/**
 * CSV files of at least this size are summarised in DuckDB unless --engine says otherwise: the
 * same results (to 1e-9; tests), and from here on faster than core in memory (bench: `pnpm bench`,
 * case analyze-command). Smaller files, and every fixture, stay in memory.
 */
export const duckdbAbove = 16 * 1024 * 1024;

/** Where the summaries are computed (run.json `engine.name`). */
export type EngineName = 'memory' | 'streaming' | 'duckdb' | 'clickhouse';

/**
 * Whether an error of DuckDB chosen by size sends the run to core: the engine's refusals and
 * failures (`engine-…`: an encoding, a layout or a line it cannot read as core does, a query that
 * failed) and any error that is not a JianceError (DuckDB itself, a full temporary folder for a
 * GB18030 copy). A user's mistake (a missing column, a file without rows) is said as core says it.
 */
const duckdbGivesWay = (error: unknown): boolean => !isJianceError(error) || error.code.startsWith('engine-');

/** run.json's phases: the clock's steps in order, to 0.1 ms. */
const phasesOf = (clock: StepTimer): RunInfo['phases'] => clock.steps.map(({ step, ms }) => ({ phase: step, ms: Math.round(ms * 10) / 10 }));

/**
 * Reads, validates and analyses one file and writes results.json, run.json, report.html,
 * report.docx, the charts and tables into `out`. The folder is checked before any work and
 * written atomically (see openOutputFolder): it holds this run complete, or what it held before.
 * Returns the results and run info.
 */
export async function analyzeFile(path: string, options: AnalyzeOptions): Promise<{ results: AnalysisResults; run: RunInfo }> {
  const p = options.progress ?? { step() {}, tick() {}, done() {} };
  // The output folder before any work: a path that cannot take the results stops the run at once.
  const folder = await openOutputFolder(options.out, options.minFreeBytes === undefined ? {} : { minFreeBytes: options.minFreeBytes });
  options.onOutputFolder?.(folder);
  try {
    const done = await analyzeInto(path, options, p, folder.temp);
    await folder.commit();
    p.done();
    return done;
  } catch (error) {
    folder.discard();
    throw error;
  }
}

/** The run of {@link analyzeFile}, writing its outputs into `dir` (the output folder's temporary twin). */
async function analyzeInto(path: string, options: AnalyzeOptions, p: Progress, dir: string): Promise<{ results: AnalysisResults; run: RunInfo }> {
  const clock = stepTimer();
  // The earlier run first: a wrong file stops the run before the data are read.
  const baseline = options.baseline ? await readBaseline(options.baseline) : null;
  // Reference files first: a mistake in one stops the run before the data are read.
  const referenceFiles: RunInfo['references'] = [];
  const references: ReferenceValue[] = [...(options.references ?? [])];
  for (const file of options.referenceFiles ?? []) {
    const { raw, format, bytes } = await readInput(file);
    const figures = referenceTable(raw);
    references.push(...figures);
    referenceFiles.push({ path: file, format, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), figures: figures.length });
  }
  clock('baseline and references');
  const analyzeOptions: AnalyzeStudentsOptions = {
    ...(references.length ? { references } : {}),
    ...(options.levels ? { levels: options.levels } : {}),
    ...(options.betweenSchool ? { betweenSchool: options.betweenSchool } : {}),
    ...(options.rates ? { rates: options.rates } : {}),
    ...(options.countyComparison ? { countyComparison: options.countyComparison } : {}),
    ...(options.design ? { design: options.design } : {}),
  };
  const tableOptions = { map: options.map ?? {}, ranges: options.ranges ?? {} };
  const sheet = options.sheet === undefined ? {} : { sheet: options.sheet };
  const size =
    options.engine === 'clickhouse'
      ? 0
      : await stat(path)
          .then((s) => s.size)
          .catch(() => 0);
  const batchRows = options.batchRows ?? (size > streamAbove ? 500_000 : undefined);
  const en = options.lang === 'en';
  const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
  const duckdbFrom = options.duckdbAbove ?? duckdbAbove;
  const coreEngine = (): RunInfo['engine'] =>
    options.engine === 'default'
      ? { name: batchRows === undefined ? 'memory' : 'streaming', chosen: 'option', reason: '--engine default' }
      : batchRows === undefined
        ? { name: 'memory', chosen: 'auto', reason: `${isCsv(path) ? `CSV of ${mb(size)} < ${mb(duckdbFrom)}` : 'not a CSV file'}: core in memory` }
        : {
            name: 'streaming',
            chosen: options.batchRows === undefined ? 'auto' : 'option',
            reason: options.batchRows === undefined ? `${mb(size)} > ${mb(streamAbove)}: streamed` : '--batch-rows',
          };
  // Large CSV files go to DuckDB unless --engine or --batch-rows says otherwise.
  let engine: RunInfo['engine'] =
    options.engine === 'duckdb' || options.engine === 'clickhouse'
      ? { name: options.engine, chosen: 'option', reason: `--engine ${options.engine}` }
      : options.engine === undefined && options.batchRows === undefined && isCsv(path) && size >= duckdbFrom
        ? { name: 'duckdb', chosen: 'auto', reason: `CSV of ${mb(size)} ≥ ${mb(duckdbFrom)}: DuckDB (the same results, faster)` }
        : coreEngine();
  // Where the summaries come from is the only per-engine part of the run: each provider answers
  // the analyses' summary requests. The provider (and a table it holds) is released once it has.
  const analyzed = async () => {
    const chosen = await chooseProvider(
      path,
      { ...options, engine: engine.name === 'duckdb' || engine.name === 'clickhouse' ? engine.name : 'default' },
      {
        tableOptions,
        sheet,
        size,
        batchRows,
        p,
        en,
        clock,
      },
    );
    const { results, info } = await analyzeFrom(chosen.provider, analyzeOptions, { onPhase: (phase) => clock(`analysis.${phase}`) });
    return { results, columns: info.mapping.columns, ...(await chosen.input()) };
  };
  const analyzedWithFallback = async () => {
    try {
      return await analyzed();
    } catch (error) {
      // DuckDB chosen by size refused a file core reads (UTF-16, line breaks in quoted cells…): core reads it.
      if (!(engine.chosen === 'auto' && engine.name === 'duckdb' && duckdbGivesWay(error))) throw error;
      const core = coreEngine();
      const why = isJianceError(error) ? error.code : ((error as Error)?.message?.split('\n')[0] ?? String(error));
      engine = { name: core.name, chosen: 'auto', reason: `DuckDB gave way (${why}): ${core.name === 'memory' ? 'core in memory' : 'core, streamed'}` };
      clock('duckdb (gave way)');
      return analyzed();
    }
  };
  const { results, columns, input, inputFile, encoding } = await analyzedWithFallback();
  const lang = options.lang ?? 'zh';
  const generatedAt = (options.now ?? new Date()).toISOString();
  // Findings and the ledger from the results alone, alike for every engine.
  results.findings = findings(results);
  results.ledger = rectificationLedger(results, [...rateLedgerTargets(options.rates?.targets), ...(options.targets ?? [])], results.findings, baseline);
  clock('findings and ledger');
  // Writes name the file that failed as it will be in --out, not the hidden temporary folder.
  const writing = async (write: () => Promise<void>): Promise<void> => {
    try {
      await write();
    } catch (error) {
      const at = (error as NodeJS.ErrnoException)?.path;
      throw userWriteError(options.out, at ? join(options.out, relative(dir, at)) : options.out, error);
    }
  };
  // The charts are drawn on a thread of their own from here, while this one builds the tables
  // and writes the workbooks and results.json (not for a file over 256 MB: the thread gets a
  // copy of the results, which a census's would double).
  p.step(lang === 'en' ? 'Drawing charts' : '绘制图表');
  const onChart = (done: number, total: number): void => {
    if (done === 1) p.step(lang === 'en' ? 'Drawing charts' : '绘制图表', total);
    p.tick();
  };
  const stopCharts = new AbortController();
  // resvg's binding is loaded before the chart thread starts: loading it asks Node for a
  // process report (to tell glibc from musl), which waits on every worker thread — 0.5 s
  // at 1e6, while the chart thread was busy.
  const { chartFontFor, chartPngAsync } = await import('./chartPng.js');
  const chartThread =
    size <= streamAbove && options.engine !== 'clickhouse'
      ? import('./chartsOffThread.js').then(({ chartsOffThread }) => chartsOffThread(results, lang, onChart, stopCharts.signal)).catch(() => null)
      : Promise.resolve(null);
  // Should anything fail before the charts are taken, the chart thread is stopped with the run.
  const prepared = await (async () => {
    // The report's modules (vega, ExcelJS, resvg: about 60 MB) load once the results are in, not
    // beside the summaries and estimators, where a streamed run's memory peaks.
    const { buildCharts, renderDocx, renderReport, reportSections, reportTables } = await import('@jiance/report');
    const { writeTables, writeTablesWorkbook } = await import('./writeTables.js');
    clock('load report modules');
    const tables = reportTables(results, lang);
    clock('tables');
    await writing(async () => {
      await writeTables(dir, tables, lang);
      await writeTablesWorkbook(
        join(dir, 'ledger.xlsx'),
        tables.filter((t) => t.id === 'findings' || t.id.startsWith('ledger')),
        lang,
      );
      clock('write tables and xlsx');
      await writeJson(join(dir, 'results.json'), results);
      clock('write results.json');
    });
    return { buildCharts, renderDocx, renderReport, reportSections, tables };
  })().catch((error: unknown) => {
    stopCharts.abort();
    throw error;
  });
  const { buildCharts, renderDocx, renderReport, reportSections, tables } = prepared;
  // The chart thread's charts; should the thread fail, they are drawn here (the same charts).
  const charts = (await chartThread) ?? (await buildCharts(results, lang, onChart));
  clock('charts (waited for)');
  // The charts' PNGs (Word's images, and --png's files) are drawn on libuv's threads from here on,
  // while the HTML is made and written, in the chart font cut to the charts' characters (resvg
  // re-reads a whole font file per label).
  const font = await chartFontFor(charts.map((c) => c.svg));
  clock('chart font');
  const pngs = new Map(charts.map((c) => [c.svg, chartPngAsync(c.svg, 2, font)]));
  for (const png of pngs.values()) png.catch(() => undefined); // met where awaited; not unhandled if the run stops first
  const pngOf = (svg: string, scale: number): Promise<Uint8Array> => (scale === 2 ? pngs.get(svg) : undefined) ?? chartPngAsync(svg, scale, font);
  try {
    const outputs = [
      'results.json',
      'run.json',
      'report.html',
      'report.docx',
      ...charts.flatMap((c) => [`charts/${c.id}.vl.json`, `charts/${c.id}.svg`, ...(options.png ? [`charts/${c.id}.png`] : [])]),
      ...tables.map((t) => `tables/${t.id}.csv`),
      'tables.xlsx',
      'ledger.xlsx',
    ];
    const run: RunInfo = {
      tool: 'jiance',
      version,
      input,
      references: referenceFiles,
      columns,
      options: {
        map: options.map ?? {},
        ranges: options.ranges ?? {},
        lang,
        ...(options.betweenSchool ? { betweenSchool: options.betweenSchool } : {}),
        ...(options.rates ? { rates: options.rates } : {}),
        ...(options.countyComparison ? { countyComparison: options.countyComparison } : {}),
        ...(options.design ? { design: options.design } : {}),
        ...(options.levels ? { levels: options.levels } : {}),
        ...(options.targets ? { targets: options.targets } : {}),
        ...(options.baseline ? { baseline: options.baseline } : {}),
      },
      engine,
      phases: [],
      generatedAt,
      outputs,
    };
    const reportContext = {
      lang,
      inputFile,
      inputDescription: input.format === 'clickhouse' ? `ClickHouse ${input.url}` : [input.format.toUpperCase(), encoding].filter(Boolean).join(', '),
      columns,
      generatedAt: `${generatedAt.replace('T', ' ').slice(0, 19)} UTC`,
      charts,
    };
    // One set of sections for report.html and report.docx.
    const sections = reportSections(results, reportContext);
    clock('report sections');
    const html = renderReport(results, { ...reportContext, sections });
    clock('report.html');
    p.step(lang === 'en' ? 'Writing' : '写出结果', charts.length);
    await writing(async () => {
      await mkdir(join(dir, 'charts'));
      for (const chart of charts) {
        await writeFile(join(dir, 'charts', `${chart.id}.vl.json`), `${JSON.stringify(chart.spec, null, 2)}\n`);
        await writeFile(join(dir, 'charts', `${chart.id}.svg`), chart.svg);
        p.tick();
      }
      await writeFile(join(dir, 'report.html'), html);
      clock('write charts and report.html');
    });
    p.step(lang === 'en' ? 'Writing the Word report' : '生成 Word 报告');
    const docx = await renderDocx(results, { ...reportContext, sections, png: pngOf });
    clock('report.docx');
    const pngFiles = options.png ? await Promise.all(charts.map((c) => pngOf(c.svg, 2))) : [];
    await writing(async () => {
      await writeFile(join(dir, 'report.docx'), docx);
      for (const [i, png] of pngFiles.entries()) await writeFile(join(dir, 'charts', `${charts[i]!.id}.png`), png);
      clock('write report.docx and PNGs');
      run.phases = phasesOf(clock);
      options.onPhases?.({ engine, phases: run.phases });
      // run.json last, with the time the outputs were complete: a folder with it holds a whole run.
      run.completedAt = (options.now ?? new Date()).toISOString();
      await writeFile(join(dir, 'run.json'), `${JSON.stringify(run, null, 2)}\n`);
    });
    return { results, run };
  } finally {
    // Every PNG settled before the font file goes (a run stopped early leaves none drawing on it).
    await Promise.allSettled(pngs.values());
    await font?.dispose();
  }
}

/** The provider of the run's summaries, and how run.json describes its input (known once the data are read). */
interface ChosenProvider {
  provider: SummaryProvider;
  input: () => Promise<{ input: RunInfo['input']; inputFile: string; encoding: string | undefined }>;
}

/**
 * Chooses where the summaries come from: a ClickHouse table, DuckDB over a CSV, a stream of
 * batches (large files, --batch-rows), or the whole file validated in memory.
 */
async function chooseProvider(
  path: string,
  options: AnalyzeOptions,
  run: {
    tableOptions: StudentTableOptions;
    sheet: { sheet?: string };
    size: number;
    batchRows: number | undefined;
    p: Progress;
    en: boolean;
    clock: StepTimer;
  },
): Promise<ChosenProvider> {
  const { tableOptions, sheet, size, batchRows, p, en, clock } = run;
  if (options.engine === 'clickhouse') {
    const ch = options.clickhouse;
    if (!ch) throw new JianceError(messages.badOption('--engine clickhouse', messages.optionReasons.clickhouseNeedsConfig()));
    const passwordEnv = ch.passwordEnv ?? 'JIANCE_CLICKHOUSE_PASSWORD';
    p.step(en ? 'Summarising in ClickHouse' : 'ClickHouse 汇总');
    const { clickhouseProvider } = await import('@jiance/engines');
    const connection = {
      url: ch.url,
      ...(ch.user ? { user: ch.user } : {}),
      ...(process.env[passwordEnv] !== undefined ? { password: process.env[passwordEnv] } : {}),
      ...(ch.database ? { database: ch.database } : {}),
      ...(ch.timeoutMs ? { timeoutMs: ch.timeoutMs } : {}),
    };
    return {
      provider: clickhouseProvider(connection, path, { ...tableOptions, ...(ch.rowColumn ? { rowColumn: ch.rowColumn } : {}) }),
      input: async () => ({
        input: { path, format: 'clickhouse', engine: 'clickhouse', url: ch.url, ...(ch.database ? { database: ch.database } : {}) },
        inputFile: `${ch.database ? `${ch.database}.` : ''}${path}`,
        encoding: undefined,
      }),
    };
  }
  if (options.engine === 'duckdb') {
    if (!isCsv(path)) throw new JianceError(messages.badOption('--engine duckdb', messages.optionReasons.duckdbCsvOnly()));
    p.step(en ? 'Summarising in DuckDB' : 'DuckDB 汇总');
    const { duckdbProvider } = await import('@jiance/engines');
    const provider = duckdbProvider(path, tableOptions);
    const hashing = sha256File(path); // read beside DuckDB's work (the JS thread mostly waits on DuckDB)
    hashing.catch(() => undefined); // met at its await; not unhandled if DuckDB fails first
    return {
      provider,
      input: async () => {
        const { encoding } = provider.report();
        return { input: { path, format: 'csv', encoding, bytes: size, sha256: await hashing, engine: 'duckdb' }, inputFile: basename(path), encoding };
      },
    };
  }
  if (batchRows !== undefined) {
    // Streaming: memory bounded by the number of groups, not rows (issue 8).
    if (!(Number.isInteger(batchRows) && batchRows > 0)) throw new JianceError(messages.badOption('--batch-rows', messages.optionReasons.wholeRows()));
    p.step(en ? 'Reading and summarising' : '分批读取与汇总');
    const stream = readBatches(path, { batchRows, readWhole: async () => (await readInput(path, sheet)).raw });
    const onBatch = (rows: number): void => p.step(en ? `Read ${rows.toLocaleString()} rows` : `已读取 ${rows.toLocaleString()} 行`);
    return {
      provider: batchProvider(stream.batches, { table: tableOptions, onBatch }),
      input: async () => {
        const info = stream.info();
        return {
          input: {
            path,
            format: info.format,
            ...(info.encoding && info.format === 'csv' ? { encoding: info.encoding } : {}),
            bytes: info.bytes,
            sha256: info.sha256,
            ...(options.sheet ? { sheet: options.sheet } : {}),
            batchRows,
          },
          inputFile: basename(path),
          encoding: info.encoding,
        };
      },
    };
  }
  p.step(en ? 'Reading' : '读取数据');
  const { raw, format, bytes } = await readInput(path, sheet);
  clock('read');
  p.step(en ? 'Checking' : '校验数据');
  const data = studentTable(raw, tableOptions);
  clock('validate');
  p.step(en ? 'Computing' : '计算');
  const input: RunInfo['input'] = {
    path,
    format,
    ...(raw.encoding ? { encoding: raw.encoding } : {}),
    bytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    ...(options.sheet ? { sheet: options.sheet } : {}),
  };
  // Only the file's name and encoding outlive the raw cells (the closure must not hold them).
  const { file: inputFile, encoding } = raw;
  return { provider: tableProvider(data), input: async () => ({ input, inputFile, encoding }) };
}

/** A file DuckDB can summarise (by its name): CSV, TSV or TXT. */
const isCsv = (path: string): boolean => /\.(csv|txt|tsv)$/i.test(path);

/** SHA-256 of a file, streamed (hex). */
async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 23 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Console output of the CLI (injectable for tests). */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Progress indicator (default: on stderr when it is a terminal). */
  progress?: Progress;
  /** false: leave Ctrl+C to the caller (default: the run catches SIGINT and SIGTERM, removes its temporary folder and exits 130 / 143). */
  signals?: false;
}

const defaultIo: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

/**
 * The `analyze` command. Returns the exit code: 0 done, 2 a problem with the input or the
 * options (a message says what and how to fix it), 70 an internal error.
 */
export async function main(argv: readonly string[], io: Io = defaultIo): Promise<number> {
  const program = new Command('analyze')
    .description('义务教育质量监测数据分析 / analyse student-level monitoring data')
    .argument('<file>', 'student data: CSV (UTF-8 or GB18030), Excel .xlsx, Arrow IPC or Parquet; with --engine clickhouse, a table')
    .option('-o, --out <dir>', 'output folder for results.json, run.json and report.html', 'jiance-out')
    .option('-m, --map <header=role>', 'map a column header to a role, e.g. --map "数学成绩=math" (repeatable)', collect, [])
    .option('-c, --config <file>', 'JSON configuration file (map, ranges, lang, sheet)')
    .option('--sheet <name>', 'worksheet of an Excel workbook (default: the first)')
    .option('-r, --reference <file>', 'reference figures of the province and the nation (参照值): CSV or .xlsx, see README (repeatable)', collect, [])
    .option('-b, --baseline <results.json>', "an earlier run's results.json: the ledger marks each of its problems resolved, persisting or new (整改台账)")
    .option('--lang <lang>', 'report language: zh (default) or en')
    .option('--png', 'also write every chart as PNG (charts/*.png) for Word')
    .option('--batch-rows <n>', 'read and summarise the file in batches of n rows (memory bounded by groups, not rows; default for files over 256 MB)')
    .option(
      '--engine <name>',
      'default (core in memory, or streamed), duckdb (the whole analysis pushed down to DuckDB; CSV in UTF-8 or GB18030; same results) or clickhouse (<file> is a table of the cluster named by "clickhouse" in the config file)',
    )
    .option('--verbose', 'print the engine used and the time of each phase on stderr (also in run.json)')
    .option('--debug', 'print stack traces of internal errors')
    .version(version)
    .exitOverride()
    // Commander's own errors (English) are replaced by the catalogue's, in the user's language.
    .configureOutput({ writeOut: io.out, writeErr: () => undefined });
  let debug = argv.includes('--debug');
  // The language of messages before the options are parsed (an unknown option is reported in it).
  let lang: 'zh' | 'en' = argv.some((a, k) => (a === '--lang' && argv[k + 1] === 'en') || a === '--lang=en') ? 'en' : 'zh';
  // Ctrl+C (or a kill) while the run works: its temporary folder goes, the output folder stays
  // as it was. Not while the finished run is swapped in (a few renames).
  let folder: OutputFolder | null = null;
  let out = 'jiance-out';
  const stop = (signal: NodeJS.Signals): void => {
    if (folder?.committing) return;
    folder?.discard();
    io.err(`${messages.interrupted(out, signal)[lang]}\n`);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  const signals = io.signals === false ? [] : (['SIGINT', 'SIGTERM'] as const);
  for (const signal of signals) process.on(signal, stop);
  try {
    try {
      program.parse([...argv], { from: 'user' });
    } catch (error) {
      if (error instanceof CommanderError && error.exitCode !== 0) throw commandLineError(error, program);
      throw error;
    }
    const opts = program.opts<{
      out: string;
      map: string[];
      reference: string[];
      baseline?: string;
      config?: string;
      sheet?: string;
      lang?: string;
      debug?: boolean;
      verbose?: boolean;
      png?: boolean;
      batchRows?: string;
      engine?: string;
    }>();
    debug = Boolean(opts.debug);
    out = opts.out;
    if (opts.lang !== undefined && opts.lang !== 'zh' && opts.lang !== 'en') throw new JianceError(messages.badChoice('--lang', opts.lang, ['zh', 'en']));
    const config: JianceConfig = opts.config ? await readConfig(opts.config) : {};
    lang = opts.lang ?? config.lang ?? 'zh';
    if (opts.engine !== undefined && !['default', 'duckdb', 'clickhouse'].includes(opts.engine))
      throw new JianceError(messages.badChoice('--engine', opts.engine, ['default', 'duckdb', 'clickhouse']));
    const map = { ...(config.map ?? {}), ...parseMapArguments(opts.map) };
    const file = program.args[0]!;
    const sheet = opts.sheet ?? config.sheet;
    const { results } = await analyzeFile(file, {
      out: opts.out,
      map,
      ranges: config.ranges ?? {},
      lang,
      ...(sheet === undefined ? {} : { sheet }),
      ...(config.betweenSchool ? { betweenSchool: config.betweenSchool } : {}),
      ...(config.rates ? { rates: config.rates } : {}),
      ...(config.countyComparison ? { countyComparison: config.countyComparison } : {}),
      ...(config.design ? { design: config.design } : {}),
      ...(config.referenceValues ? { references: config.referenceValues } : {}),
      ...(config.levelOptions ? { levels: config.levelOptions } : {}),
      ...(config.targets ? { targets: config.targets } : {}),
      ...(opts.baseline ? { baseline: opts.baseline } : {}),
      ...(opts.reference.length ? { referenceFiles: opts.reference } : {}),
      ...(opts.png ? { png: true } : {}),
      ...(opts.batchRows !== undefined ? { batchRows: Number(opts.batchRows) } : {}),
      ...(opts.engine === 'default' || opts.engine === 'duckdb' || opts.engine === 'clickhouse' ? { engine: opts.engine } : {}),
      ...(config.clickhouse ? { clickhouse: config.clickhouse } : {}),
      progress: io.progress ?? terminalProgress(process.stderr),
      ...(opts.verbose ? { onPhases: (run: Pick<RunInfo, 'engine' | 'phases'>) => io.err(phasesText(run, lang)) } : {}),
      onOutputFolder: (f) => (folder = f),
    });
    io.out(summaryText(results, resolve(opts.out), lang));
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (isJianceError(error)) {
      io.err(`${lang === 'zh' ? '错误：' : 'Error: '}${error.text(lang)}\n`);
      return 2;
    }
    io.err(
      lang === 'zh'
        ? `内部错误：${(error as Error)?.message ?? String(error)}。这不是数据的问题，请将此信息反馈给开发者（不要附学生数据）。${debug ? '' : '加 --debug 可显示详细信息。'}\n`
        : `Internal error: ${(error as Error)?.message ?? String(error)}. This is not a problem with your data; please report it (without student data).${debug ? '' : ' Add --debug for details.'}\n`,
    );
    if (debug && error instanceof Error && error.stack) io.err(`${error.stack}\n`);
    return 70;
  } finally {
    for (const signal of signals) process.off(signal, stop);
  }
}

/** Commander's parse errors as the catalogue's messages (unknown option, missing value or file, extra arguments). */
function commandLineError(error: CommanderError, program: Command): unknown {
  const quoted = /'([^']+)'/.exec(error.message)?.[1] ?? '';
  switch (error.code) {
    case 'commander.unknownOption': {
      const known = program.options.flatMap((o) => [o.long, o.short]).filter((x): x is string => Boolean(x));
      const suggestion =
        /Did you mean (\S+)\?/.exec(error.message)?.[1] ?? known.find((k) => k.length > 2 && (k.startsWith(quoted.slice(0, 4)) || quoted.startsWith(k)));
      return new JianceError(messages.unknownOption(quoted, suggestion));
    }
    case 'commander.optionMissingArgument':
      return new JianceError(messages.optionNeedsValue(quoted.split(/[ ,]+/).find((x) => x.startsWith('--')) ?? quoted));
    case 'commander.missingArgument':
      return new JianceError(messages.missingInputFile());
    case 'commander.excessArguments':
      return new JianceError(messages.tooManyArguments(program.args.slice(1)));
    default:
      return new JianceError(messages.badOption(quoted || 'analyze', { zh: error.message.replace(/^error: /, ''), en: error.message.replace(/^error: /, '') }));
  }
}

/** The engine and the phases' times as --verbose prints them. */
export function phasesText({ engine, phases }: Pick<RunInfo, 'engine' | 'phases'>, lang: 'zh' | 'en'): string {
  const width = Math.max(...phases.map((x) => x.phase.length), 5);
  const ms = (x: number): string => `${Math.round(x).toLocaleString('en')} ms`.padStart(12);
  const total = phases.reduce((sum, x) => sum + x.ms, 0);
  const how = lang === 'zh' ? (engine.chosen === 'auto' ? '自动选择' : '按选项') : engine.chosen === 'auto' ? 'chosen automatically' : 'as asked';
  return [
    lang === 'zh' ? `引擎：${engine.name}（${how}：${engine.reason}）` : `Engine: ${engine.name} (${how}: ${engine.reason})`,
    lang === 'zh' ? '各阶段用时：' : 'Time by phase:',
    ...phases.map((x) => `  ${x.phase.padEnd(width)} ${ms(x.ms)}`),
    `  ${(lang === 'zh' ? '合计' : 'total').padEnd(width - (lang === 'zh' ? 2 : 0))} ${ms(total)}`,
    '',
  ].join('\n');
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function summaryText(results: AnalysisResults, out: string, lang: 'zh' | 'en'): string {
  const q = results.dataQuality;
  const used = results.achievement.map((a) => `${a.subject} ${a.usage.rowsUsed}`).join(', ');
  return lang === 'zh'
    ? `读取 ${q.rowsRead} 行，整行排除 ${q.rowsExcluded} 行，无法使用的取值 ${q.invalidValues.reduce((s, r) => s + r.count, 0)} 个${used ? `；分析使用：${used}` : ''}。\n报告：${join(out, 'report.html')}\nWord 报告：${join(out, 'report.docx')}\n结果：${join(out, 'results.json')}\n`
    : `Read ${q.rowsRead} rows, excluded ${q.rowsExcluded}, unusable values ${q.invalidValues.reduce((s, r) => s + r.count, 0)}${used ? `; rows used: ${used}` : ''}.\nReport: ${join(out, 'report.html')}\nWord: ${join(out, 'report.docx')}\nResults: ${join(out, 'results.json')}\n`;
}

/** An earlier run's findings (--baseline): its results.json's own, or computed from its results when it has none. */
async function readBaseline(path: string): Promise<{ findings: Finding[]; label: string; years: number[] }> {
  const value = (await readJsonFile(path, (reason) => messages.badBaseline(path, reason))) as AnalysisResults;
  if (value?.format !== 'jiance-results') throw new JianceError(messages.badBaseline(path, messages.baselineReasons.notResults()));
  let list = value.findings;
  if (!Array.isArray(list)) {
    if (value.formatVersion !== resultsFormatVersion)
      throw new JianceError(messages.badBaseline(path, messages.baselineReasons.oldFormat(value.formatVersion)));
    list = findings(value);
  }
  // The earlier run's input, as its run.json beside it recorded it.
  const run = await readFile(join(dirname(path), 'run.json'), 'utf8')
    .then((t) => JSON.parse(t) as Partial<RunInfo>)
    .catch(() => null);
  const label = run?.input?.path ? basename(run.input.path) : basename(dirname(resolve(path)));
  return { findings: list, label, years: resultYears(value) };
}

import { readFile } from 'node:fs/promises';
import {
  JianceError,
  defaultLevelNames,
  indicatorIds,
  messages,
  parseGradeCell,
  parseTarget,
  referencesFromList,
  roleSpec,
  type HeaderMap,
  type IndicatorId,
  type LevelOptions,
  type Message,
  type Reason,
  type LedgerTargetSpec,
  ledgerStatistic,
  parseLedgerTarget,
  type RawCell,
  type ReferenceValue,
  type SurveyDesignOptions,
} from '@jiance/core';

const R = messages.configReasons;
const S = messages.configShapes;
/** The widest bound a "ranges" entry may give (±10⁶): 100 times any measure Jiance knows. */
export const maxRangeBound = 1_000_000;

/**
 * A run configuration file (JSON), e.g.
 * `{ "map": { "数学成绩": "math" }, "ranges": { "sleep_hours": [3, 16] }, "lang": "zh",
 *    "betweenSchool": { "largeThreshold": 0.15, "smallThreshold": 0.1, "reference": { "icc": 0.17, "label": "全国" } } }`.
 * Command-line options override it.
 */
export interface JianceConfig {
  map?: HeaderMap;
  /** Verdict lines and an outside reference for between-school differences. */
  betweenSchool?: { largeThreshold?: number; smallThreshold?: number; reference?: { icc: number; label: string } };
  /** A reference for the county comparison, e.g. the national mean from the official report. */
  countyComparison?: { reference?: { label: string; estimate: number; se?: number } };
  /** Indicator definitions, small-cell rule and targets of the detection rates. */
  rates?: {
    anxietyCutoff?: number;
    sleep?: { primary: number; junior: number; senior: number };
    minCell?: number;
    targets?: Record<string, string>;
  };
  /** The sampling design: strata column (default county; null for none) and how replicate weights were built. */
  design?: SurveyDesignOptions;
  /**
   * Reference figures of the province and the nation (参照值), as the rows of a reference file
   * with English keys: { "level": "nation", "label": "全国", "measure": "vision_poor", "year": 2024, "grade": 4, "estimate": 0.385, "se": 0.004 }.
   */
  references?: Record<string, RawCell>[];
  /** The same, checked (set by readConfig). */
  referenceValues?: ReferenceValue[];
  /**
   * Performance levels (学业水平): three ascending cut scores per subject and grade (or one list
   * for every grade), level names, the 中等及以上 line and the 优质均衡 check, e.g.
   * { "math": { "4": [420, 500, 580], "8": [420, 500, 580] }, "names": ["待提高", "中等", "良好", "优秀"],
   *   "passFrom": "中等", "balanced": { "level": "良好", "definition": "mean", "iccLine": 0.15 } }.
   */
  levels?: Record<string, unknown>;
  /** The same, checked (set by checkConfig). */
  levelOptions?: LevelOptions;
  /**
   * The rectification plan's targets (整改目标), each checked per county × grade in the ledger, e.g.
   * [{ "measure": "vision_poor", "target": "-1pp per year", "baseline": 2021, "deadline": 2024, "text": "近视率每年降低1个百分点以上" }]
   * (see LedgerTargetSpec).
   */
  targets?: LedgerTargetSpec[];
  ranges?: Record<string, [number, number]>;
  lang?: 'zh' | 'en';
  sheet?: string;
  /**
   * Where `analyze <table> --engine clickhouse` finds the cluster: its HTTP interface, user,
   * database and time limit per request. The password is read from the environment variable
   * `passwordEnv` (default JIANCE_CLICKHOUSE_PASSWORD), never from this file.
   */
  clickhouse?: { url: string; user?: string; database?: string; passwordEnv?: string; timeoutMs?: number; rowColumn?: string };
}

/**
 * Reads a JSON file the user names (a config, an earlier results.json): a missing file and
 * invalid JSON are JianceErrors, the second built by `badJson` from the parser's message.
 */
export async function readJsonFile(path: string, badJson: (reason: Reason) => Message): Promise<unknown> {
  const text = (await readUserFile(path)).replace(/^\uFEFF/, '');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new JianceError(badJson(messages.jsonSyntax(text, jsonErrorPosition(error as Error, text))));
  }
}

/** The text of a file the user names (UTF-8): a missing file, a folder or no permission is a JianceError. */
async function readUserFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new JianceError(messages.fileNotFound(path));
    if (code === 'EISDIR') throw new JianceError(messages.inputIsDirectory(path));
    throw new JianceError(messages.inputNotReadable(path, code));
  }
}

/** The 0-based offset at which JSON.parse stopped, from its message ("at position 12", or "line 2 column 5"); the end when it names none. */
function jsonErrorPosition(error: Error, text: string): number {
  const position = /position (\d+)/.exec(error.message);
  if (position) return Number(position[1]);
  const lineColumn = /line (\d+) column (\d+)/.exec(error.message);
  if (lineColumn) {
    const lines = text.split('\n');
    return lines.slice(0, Number(lineColumn[1]) - 1).reduce((n, l) => n + l.length + 1, 0) + Number(lineColumn[2]) - 1;
  }
  return text.length;
}

/** Reads and checks a configuration file; every problem is a JianceError naming the key. */
export async function readConfig(path: string): Promise<JianceConfig> {
  const value = await readJsonFile(path, (reason) => messages.badConfig(path, reason));
  return checkConfig(value, path);
}

/** Checks the shape of a parsed configuration. */
export function checkConfig(value: unknown, path: string): JianceConfig {
  const bad = (reason: Reason): never => {
    throw new JianceError(messages.badConfig(path, reason));
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return bad(R.topLevel());
  const config = value as Record<string, unknown>;
  const known = new Set([
    'map',
    'ranges',
    'lang',
    'sheet',
    'betweenSchool',
    'rates',
    'countyComparison',
    'design',
    'references',
    'levels',
    'clickhouse',
    'targets',
  ]);
  for (const key of Object.keys(config)) if (!known.has(key)) bad(R.unknownKey(null, key, [...known]));
  if (config.map !== undefined) {
    if (typeof config.map !== 'object' || config.map === null || Array.isArray(config.map)) bad(R.mustBe('"map"', S.mapObject));
    for (const [k, v] of Object.entries(config.map as object)) if (typeof v !== 'string') bad(R.mustBe(`"map"."${k}"`, S.roleName));
  }
  if (config.ranges !== undefined) {
    if (typeof config.ranges !== 'object' || config.ranges === null || Array.isArray(config.ranges)) bad(R.mustBe('"ranges"', S.rangesObject));
    for (const [k, v] of Object.entries(config.ranges as object)) {
      // No measure is beyond ±10⁶; wider bounds would let values whose squares overflow reach the fits.
      if (!Array.isArray(v) || v.length !== 2 || !v.every((x) => typeof x === 'number' && Math.abs(x) <= maxRangeBound) || !(v[0] <= v[1])) {
        bad(R.mustBe(`"ranges"."${k}"`, S.range));
      }
    }
  }
  if (config.lang !== undefined && config.lang !== 'zh' && config.lang !== 'en') bad(R.mustBe('"lang"', S.lang));
  if (config.sheet !== undefined && typeof config.sheet !== 'string') bad(R.mustBe('"sheet"', S.sheet));
  if (config.betweenSchool !== undefined) {
    const b = config.betweenSchool as Record<string, unknown>;
    if (typeof b !== 'object' || b === null || Array.isArray(b)) bad(R.mustBe('"betweenSchool"', S.object));
    for (const key of Object.keys(b))
      if (!['largeThreshold', 'smallThreshold', 'reference'].includes(key))
        bad(R.unknownKey('"betweenSchool"', key, ['largeThreshold', 'smallThreshold', 'reference']));
    const share = (x: unknown): boolean => typeof x === 'number' && x >= 0 && x <= 1;
    for (const key of ['largeThreshold', 'smallThreshold']) if (b[key] !== undefined && !share(b[key])) bad(R.mustBe(`"betweenSchool"."${key}"`, S.share));
    if (typeof b.largeThreshold === 'number' && typeof b.smallThreshold === 'number' && b.smallThreshold > b.largeThreshold)
      bad(R.notExceed('"betweenSchool"."smallThreshold"', '"largeThreshold"'));
    const ref = b.reference as Record<string, unknown> | undefined;
    if (ref !== undefined && (typeof ref !== 'object' || ref === null || !share(ref.icc) || typeof ref.label !== 'string'))
      bad(R.mustBe('"betweenSchool"."reference"', S.iccReference));
  }
  if (config.rates !== undefined) {
    const r = config.rates as Record<string, unknown>;
    if (typeof r !== 'object' || r === null || Array.isArray(r)) bad(R.mustBe('"rates"', S.object));
    for (const key of Object.keys(r))
      if (!['anxietyCutoff', 'sleep', 'minCell', 'targets'].includes(key)) bad(R.unknownKey('"rates"', key, ['anxietyCutoff', 'sleep', 'minCell', 'targets']));
    if (r.anxietyCutoff !== undefined && typeof r.anxietyCutoff !== 'number') bad(R.mustBe('"rates"."anxietyCutoff"', S.cutoffScore));
    if (r.minCell !== undefined && !(Number.isInteger(r.minCell) && (r.minCell as number) >= 1)) bad(R.mustBe('"rates"."minCell"', S.wholeAtLeast1));
    const sleep = r.sleep as Record<string, unknown> | undefined;
    if (sleep !== undefined && !['primary', 'junior', 'senior'].every((k) => typeof sleep?.[k] === 'number')) bad(R.mustBe('"rates"."sleep"', S.sleepHours));
    const targets = r.targets as Record<string, unknown> | undefined;
    if (targets !== undefined) {
      if (typeof targets !== 'object' || targets === null || Array.isArray(targets)) bad(R.mustBe('"rates"."targets"', S.rateTargets));
      for (const [k, v] of Object.entries(targets)) {
        if (!(indicatorIds as readonly string[]).includes(k)) bad(R.unknownIndicator('"rates"."targets"', k, indicatorIds));
        if (typeof v !== 'string') bad(R.mustBe(`"rates"."targets"."${k}"`, S.rateTarget));
        parseTarget(k as IndicatorId, v as string);
      }
    }
  }
  if (config.countyComparison !== undefined) {
    const c = config.countyComparison as Record<string, unknown>;
    const ref = c?.reference as Record<string, unknown> | undefined;
    if (typeof c !== 'object' || c === null || Object.keys(c).some((k) => k !== 'reference')) bad(R.mustBe('"countyComparison"', S.countyComparison));
    if (
      ref !== undefined &&
      (typeof ref.label !== 'string' || typeof ref.estimate !== 'number' || (ref.se !== undefined && !(typeof ref.se === 'number' && ref.se >= 0)))
    ) {
      bad(R.mustBe('"countyComparison"."reference"', S.countyReference));
    }
  }
  if (config.design !== undefined) {
    const d = config.design as Record<string, unknown>;
    if (typeof d !== 'object' || d === null || Array.isArray(d)) bad(R.mustBe('"design"', S.design));
    for (const key of Object.keys(d)) if (!['strata', 'replicates'].includes(key)) bad(R.unknownKey('"design"', key, ['strata', 'replicates']));
    if (d.strata !== undefined && d.strata !== null && typeof d.strata !== 'string') bad(R.mustBe('"design"."strata"', S.strata));
    const r = d.replicates as Record<string, unknown> | undefined;
    if (r !== undefined) {
      const ok =
        typeof r === 'object' &&
        r !== null &&
        (r.kind === 'JK2' || r.kind === 'JK1' || (r.kind === 'BRR' && (r.fay === undefined || (typeof r.fay === 'number' && r.fay >= 0 && r.fay < 1))));
      if (!ok) bad(R.mustBe('"design"."replicates"', S.replicates));
      if (r.kind === 'BRR' && r.fay === undefined) r.fay = 0;
    }
  }
  if (config.references !== undefined) {
    const list = config.references;
    if (!Array.isArray(list) || !list.every((x) => typeof x === 'object' && x !== null && !Array.isArray(x))) bad(R.mustBe('"references"', S.referencesList));
    if ((list as unknown[]).length) config.referenceValues = referencesFromList(list as Record<string, RawCell>[], path);
  }
  if (config.levels !== undefined) config.levelOptions = checkLevels(config.levels, bad);
  if (config.targets !== undefined) checkTargets(config.targets, bad);
  if (config.clickhouse !== undefined) {
    const c = config.clickhouse as Record<string, unknown>;
    if (typeof c !== 'object' || c === null || Array.isArray(c)) bad(R.mustBe('"clickhouse"', S.clickhouse));
    const keys = ['url', 'user', 'database', 'passwordEnv', 'timeoutMs', 'rowColumn'];
    for (const key of Object.keys(c)) {
      if (key === 'password') bad(R.passwordInFile());
      if (!keys.includes(key)) bad(R.unknownKey('"clickhouse"', key, keys));
    }
    if (typeof c.url !== 'string' || !/^https?:\/\//.test(c.url)) bad(R.mustBe('"clickhouse"."url"', S.url));
    for (const key of ['user', 'database', 'passwordEnv', 'rowColumn'])
      if (c[key] !== undefined && typeof c[key] !== 'string') bad(R.mustBe(`"clickhouse"."${key}"`, S.text));
    if (c.timeoutMs !== undefined && !(typeof c.timeoutMs === 'number' && c.timeoutMs > 0)) bad(R.mustBe('"clickhouse"."timeoutMs"', S.milliseconds));
  }
  return config;
}

/** Checks the "levels" key: cut scores per subject and grade, names, the 中等及以上 line, the 优质均衡 check. */
function checkLevels(value: unknown, bad: (reason: Reason) => never): LevelOptions {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return bad(R.mustBe('"levels"', S.levels));
  const v = value as Record<string, unknown>;
  const names = v.names === undefined ? [...defaultLevelNames] : v.names;
  if (!Array.isArray(names) || names.length !== 4 || !names.every((n) => typeof n === 'string' && n.trim() !== '') || new Set(names).size !== 4) {
    bad(R.mustBe('"levels"."names"', S.levelNames));
  }
  const level = (key: string, x: unknown): number => {
    const k = typeof x === 'string' ? (names as string[]).indexOf(x) : typeof x === 'number' && Number.isInteger(x) ? x : -1;
    if (!(k >= 1 && k <= 3)) bad(R.levelName(`"levels"."${key}"`, (names as string[]).slice(1)));
    return k;
  };
  const cutList = (at: string, x: unknown): number[] => {
    if (!Array.isArray(x) || x.length !== 3 || !x.every((c) => typeof c === 'number' && Number.isFinite(c)) || !(x[0] < x[1] && x[1] < x[2])) {
      bad(R.mustBe(`"levels".${at}`, S.cutScores));
    }
    return x as number[];
  };
  const cuts: LevelOptions['cuts'] = {};
  for (const [key, x] of Object.entries(v)) {
    if (['names', 'passFrom', 'balanced'].includes(key)) continue;
    if (!roleSpec(key)?.subject) bad(R.notSubject(key));
    if (Array.isArray(x)) {
      cuts[key] = { '*': cutList(`"${key}"`, x) };
      continue;
    }
    if (typeof x !== 'object' || x === null) bad(R.mustBe(`"levels"."${key}"`, S.cutsPerGrade));
    const byGrade: Record<string, number[]> = {};
    for (const [g, list] of Object.entries(x as Record<string, unknown>)) {
      const grade = parseGradeCell(g);
      if (typeof grade !== 'number') bad(R.notGrade(`"levels"."${key}"`, g));
      byGrade[String(grade)] = cutList(`"${key}"."${g}"`, list);
    }
    cuts[key] = byGrade;
  }
  if (!Object.keys(cuts).length) bad(R.levelsEmpty());
  const out: LevelOptions = { cuts, names: names as string[] };
  if (v.passFrom !== undefined) out.passFrom = level('passFrom', v.passFrom);
  if (v.balanced !== undefined) {
    const b = v.balanced as Record<string, unknown>;
    if (typeof b !== 'object' || b === null || Array.isArray(b)) bad(R.mustBe('"levels"."balanced"', S.balanced));
    for (const key of Object.keys(b))
      if (!['level', 'definition', 'shareLine', 'iccLine'].includes(key))
        bad(R.unknownKey('"levels"."balanced"', key, ['level', 'definition', 'shareLine', 'iccLine']));
    const share = (x: unknown): boolean => typeof x === 'number' && x > 0 && x < 1;
    if (b.definition !== undefined && b.definition !== 'mean' && b.definition !== 'share')
      bad(R.mustBe('"levels"."balanced"."definition"', S.balancedDefinition));
    if (b.shareLine !== undefined && !share(b.shareLine)) bad(R.mustBe('"levels"."balanced"."shareLine"', S.shareOpen));
    if (b.iccLine !== undefined && !share(b.iccLine)) bad(R.mustBe('"levels"."balanced"."iccLine"', S.shareOpen));
    out.balanced = {
      ...(b.level === undefined ? {} : { level: level('balanced"."level', b.level) }),
      ...(b.definition === undefined ? {} : { definition: b.definition }),
      ...(b.shareLine === undefined ? {} : { shareLine: b.shareLine as number }),
      ...(b.iccLine === undefined ? {} : { iccLine: b.iccLine as number }),
    };
  }
  return out;
}

/** Checks the "targets" key: the ledger's targets, each with a known measure and a target Jiance reads. */
function checkTargets(value: unknown, bad: (reason: Reason) => never): void {
  if (!Array.isArray(value)) bad(R.mustBe('"targets"', S.targetsList));
  (value as unknown[]).forEach((t, k) => {
    const at = `"targets"[${k}]`;
    if (typeof t !== 'object' || t === null || Array.isArray(t)) bad(R.mustBe(at, S.targetObject));
    const x = t as Record<string, unknown>;
    const keys = ['measure', 'target', 'baseline', 'deadline', 'grade', 'province', 'county', 'text'];
    for (const key of Object.keys(x)) if (!keys.includes(key)) bad(R.unknownKey(at, key, keys));
    if (typeof x.measure !== 'string' || !ledgerStatistic(x.measure)) bad(R.mustBe(`${at}."measure"`, S.ledgerMeasure));
    if (typeof x.target !== 'string') bad(R.mustBe(`${at}."target"`, S.ledgerTarget));
    parseLedgerTarget(x.target, ledgerStatistic(x.measure)!, x.measure);
    const year = (key: string) => {
      if (x[key] !== undefined && x[key] !== null && !(Number.isInteger(x[key]) && (x[key] as number) >= 1990 && (x[key] as number) <= 2100))
        bad(R.mustBe(`${at}."${key}"`, S.year));
    };
    year('baseline');
    year('deadline');
    if (typeof x.baseline === 'number' && typeof x.deadline === 'number' && x.deadline <= x.baseline) bad(R.deadlineBeforeBaseline(at, x.deadline, x.baseline));
    if (x.grade !== undefined && x.grade !== null) {
      const grade = parseGradeCell(x.grade as string);
      if (typeof grade !== 'number') bad(R.mustBe(`${at}."grade"`, S.grade));
      x.grade = grade;
    }
    for (const key of ['province', 'county', 'text'])
      if (x[key] !== undefined && x[key] !== null && typeof x[key] !== 'string') bad(R.mustBe(`${at}."${key}"`, S.text));
  });
}

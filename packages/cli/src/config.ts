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
  type LedgerTargetSpec,
  ledgerStatistic,
  parseLedgerTarget,
  type RawCell,
  type ReferenceValue,
  type SurveyDesignOptions,
} from '@jiance/core';

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
export async function readJsonFile(path: string, badJson: (reason: string) => Message): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new JianceError(messages.fileNotFound(path));
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new JianceError(badJson((error as Error).message));
  }
}

/** Reads and checks a configuration file; every problem is a JianceError naming the key. */
export async function readConfig(path: string): Promise<JianceConfig> {
  const value = await readJsonFile(path, (reason) => messages.badConfig(path, `not valid JSON (${reason})`));
  return checkConfig(value, path);
}

/** Checks the shape of a parsed configuration. */
export function checkConfig(value: unknown, path: string): JianceConfig {
  const bad = (reason: string): never => {
    throw new JianceError(messages.badConfig(path, reason));
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return bad('the top level must be a JSON object');
  const config = value as Record<string, unknown>;
  const known = new Set(['map', 'ranges', 'lang', 'sheet', 'betweenSchool', 'rates', 'countyComparison', 'design', 'references', 'levels', 'clickhouse', 'targets']);
  for (const key of Object.keys(config)) if (!known.has(key)) bad(`unknown key "${key}" (known: ${[...known].join(', ')})`);
  if (config.map !== undefined) {
    if (typeof config.map !== 'object' || config.map === null || Array.isArray(config.map)) bad('"map" must be an object of "header": "role"');
    for (const [k, v] of Object.entries(config.map as object)) if (typeof v !== 'string') bad(`"map"."${k}" must be a role name (text)`);
  }
  if (config.ranges !== undefined) {
    if (typeof config.ranges !== 'object' || config.ranges === null || Array.isArray(config.ranges)) bad('"ranges" must be an object of "role": [min, max]');
    for (const [k, v] of Object.entries(config.ranges as object)) {
      if (!Array.isArray(v) || v.length !== 2 || !v.every((x) => typeof x === 'number') || !(v[0] <= v[1])) {
        bad(`"ranges"."${k}" must be [min, max] with min ≤ max`);
      }
    }
  }
  if (config.lang !== undefined && config.lang !== 'zh' && config.lang !== 'en') bad('"lang" must be "zh" or "en"');
  if (config.sheet !== undefined && typeof config.sheet !== 'string') bad('"sheet" must be a worksheet name');
  if (config.betweenSchool !== undefined) {
    const b = config.betweenSchool as Record<string, unknown>;
    if (typeof b !== 'object' || b === null || Array.isArray(b)) bad('"betweenSchool" must be an object');
    for (const key of Object.keys(b)) if (!['largeThreshold', 'smallThreshold', 'reference'].includes(key)) bad(`unknown key "betweenSchool"."${key}" (known: largeThreshold, smallThreshold, reference)`);
    const share = (x: unknown): boolean => typeof x === 'number' && x >= 0 && x <= 1;
    for (const key of ['largeThreshold', 'smallThreshold']) if (b[key] !== undefined && !share(b[key])) bad(`"betweenSchool"."${key}" must be a share between 0 and 1`);
    if (typeof b.largeThreshold === 'number' && typeof b.smallThreshold === 'number' && b.smallThreshold > b.largeThreshold) bad('"betweenSchool"."smallThreshold" must not exceed "largeThreshold"');
    const ref = b.reference as Record<string, unknown> | undefined;
    if (ref !== undefined && (typeof ref !== 'object' || ref === null || !share(ref.icc) || typeof ref.label !== 'string')) bad('"betweenSchool"."reference" must be { "icc": 0–1, "label": "全国" }');
  }
  if (config.rates !== undefined) {
    const r = config.rates as Record<string, unknown>;
    if (typeof r !== 'object' || r === null || Array.isArray(r)) bad('"rates" must be an object');
    for (const key of Object.keys(r)) if (!['anxietyCutoff', 'sleep', 'minCell', 'targets'].includes(key)) bad(`unknown key "rates"."${key}" (known: anxietyCutoff, sleep, minCell, targets)`);
    if (r.anxietyCutoff !== undefined && typeof r.anxietyCutoff !== 'number') bad('"rates"."anxietyCutoff" must be a number (the scale\'s cut-off score)');
    if (r.minCell !== undefined && !(Number.isInteger(r.minCell) && (r.minCell as number) >= 1)) bad('"rates"."minCell" must be a whole number ≥ 1');
    const sleep = r.sleep as Record<string, unknown> | undefined;
    if (sleep !== undefined && !['primary', 'junior', 'senior'].every((k) => typeof sleep?.[k] === 'number')) bad('"rates"."sleep" must be { "primary": 10, "junior": 9, "senior": 8 }');
    const targets = r.targets as Record<string, unknown> | undefined;
    if (targets !== undefined) {
      if (typeof targets !== 'object' || targets === null || Array.isArray(targets)) bad('"rates"."targets" must be an object of "indicator": "target"');
      for (const [k, v] of Object.entries(targets!)) {
        if (!(indicatorIds as readonly string[]).includes(k)) bad(`"rates"."targets" names an unknown indicator "${k}" (known: ${indicatorIds.join(', ')})`);
        if (typeof v !== 'string') bad(`"rates"."targets"."${k}" must be text such as ">= 95%"`);
        parseTarget(k as IndicatorId, v as string);
      }
    }
  }
  if (config.countyComparison !== undefined) {
    const c = config.countyComparison as Record<string, unknown>;
    const ref = c?.reference as Record<string, unknown> | undefined;
    if (typeof c !== 'object' || c === null || Object.keys(c).some((k) => k !== 'reference')) bad('"countyComparison" must be { "reference": { "label": "全国", "estimate": 500, "se": 2 } }');
    if (ref !== undefined && (typeof ref.label !== 'string' || typeof ref.estimate !== 'number' || (ref.se !== undefined && !(typeof ref.se === 'number' && ref.se >= 0)))) {
      bad('"countyComparison"."reference" must be { "label": text, "estimate": number, "se": number ≥ 0 (optional) }');
    }
  }
  if (config.design !== undefined) {
    const d = config.design as Record<string, unknown>;
    if (typeof d !== 'object' || d === null || Array.isArray(d)) bad('"design" must be an object such as { "strata": "county", "replicates": { "kind": "JK2" } }');
    for (const key of Object.keys(d)) if (!['strata', 'replicates'].includes(key)) bad(`unknown key "design"."${key}" (known: strata, replicates)`);
    if (d.strata !== undefined && d.strata !== null && typeof d.strata !== 'string') bad('"design"."strata" must be a column role such as "county", or null for no strata');
    const r = d.replicates as Record<string, unknown> | undefined;
    if (r !== undefined) {
      const ok =
        typeof r === 'object' && r !== null &&
        (r.kind === 'JK2' || r.kind === 'JK1' || (r.kind === 'BRR' && (r.fay === undefined || (typeof r.fay === 'number' && r.fay >= 0 && r.fay < 1))));
      if (!ok) bad('"design"."replicates" must be { "kind": "JK2" }, { "kind": "JK1" } or { "kind": "BRR", "fay": 0–<1 } (PISA: 0.5)');
      if (r.kind === 'BRR' && r.fay === undefined) r.fay = 0;
    }
  }
  if (config.references !== undefined) {
    const list = config.references;
    const example = '[{ "level": "nation", "label": "全国", "measure": "vision_poor", "year": 2024, "grade": 4, "estimate": 0.385 }]';
    if (!Array.isArray(list) || !list.every((x) => typeof x === 'object' && x !== null && !Array.isArray(x))) bad(`"references" must be a list of figures such as ${example}`);
    if ((list as unknown[]).length) config.referenceValues = referencesFromList(list as Record<string, RawCell>[], path);
  }
  if (config.levels !== undefined) config.levelOptions = checkLevels(config.levels, bad);
  if (config.targets !== undefined) checkTargets(config.targets, bad);
  if (config.clickhouse !== undefined) {
    const c = config.clickhouse as Record<string, unknown>;
    const example = '{ "url": "http://10.0.0.5:8123", "user": "jiance", "database": "monitoring", "passwordEnv": "JIANCE_CLICKHOUSE_PASSWORD" }';
    if (typeof c !== 'object' || c === null || Array.isArray(c)) bad(`"clickhouse" must be an object such as ${example}`);
    const keys = ['url', 'user', 'database', 'passwordEnv', 'timeoutMs', 'rowColumn'];
    for (const key of Object.keys(c)) {
      if (key === 'password') bad('"clickhouse" must not hold the password: put it in an environment variable and name it in "passwordEnv" (default JIANCE_CLICKHOUSE_PASSWORD)');
      if (!keys.includes(key)) bad(`unknown key "clickhouse"."${key}" (known: ${keys.join(', ')})`);
    }
    if (typeof c.url !== 'string' || !/^https?:\/\//.test(c.url)) bad(`"clickhouse"."url" must be the HTTP interface, e.g. "http://10.0.0.5:8123"`);
    for (const key of ['user', 'database', 'passwordEnv', 'rowColumn']) if (c[key] !== undefined && typeof c[key] !== 'string') bad(`"clickhouse"."${key}" must be text`);
    if (c.timeoutMs !== undefined && !(typeof c.timeoutMs === 'number' && c.timeoutMs > 0)) bad('"clickhouse"."timeoutMs" must be a number of milliseconds > 0');
  }
  return config as JianceConfig;
}

/** Checks the "levels" key: cut scores per subject and grade, names, the 中等及以上 line, the 优质均衡 check. */
function checkLevels(value: unknown, bad: (reason: string) => never): LevelOptions {
  const example = '{ "math": { "4": [420, 500, 580], "8": [420, 500, 580] } }';
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return bad(`"levels" must be an object of subject → cut scores, e.g. ${example}`);
  const v = value as Record<string, unknown>;
  const names = v.names === undefined ? [...defaultLevelNames] : v.names;
  if (!Array.isArray(names) || names.length !== 4 || !names.every((n) => typeof n === 'string' && n.trim() !== '') || new Set(names).size !== 4) {
    bad('"levels"."names" must be four different level names, lowest first, e.g. ["待提高", "中等", "良好", "优秀"]');
  }
  const level = (key: string, x: unknown): number => {
    const k = typeof x === 'string' ? (names as string[]).indexOf(x) : typeof x === 'number' && Number.isInteger(x) ? x : -1;
    if (!(k >= 1 && k <= 3)) bad(`"levels"."${key}" must be one of the level names above the lowest (${(names as string[]).slice(1).join(', ')})`);
    return k;
  };
  const cutList = (at: string, x: unknown): number[] => {
    if (!Array.isArray(x) || x.length !== 3 || !x.every((c) => typeof c === 'number' && Number.isFinite(c)) || !(x[0] < x[1] && x[1] < x[2])) {
      bad(`"levels".${at} must be three ascending cut scores, e.g. [420, 500, 580] (a score equal to a cut is in the higher level)`);
    }
    return x as number[];
  };
  const cuts: LevelOptions['cuts'] = {};
  for (const [key, x] of Object.entries(v)) {
    if (['names', 'passFrom', 'balanced'].includes(key)) continue;
    if (!roleSpec(key)?.subject) bad(`"levels" names "${key}", which is not a subject (math, chinese, science…; or names, passFrom, balanced)`);
    if (Array.isArray(x)) {
      cuts[key] = { '*': cutList(`"${key}"`, x) };
      continue;
    }
    if (typeof x !== 'object' || x === null) bad(`"levels"."${key}" must be cut scores per grade, e.g. ${example}, or one list for every grade`);
    const byGrade: Record<string, number[]> = {};
    for (const [g, list] of Object.entries(x as Record<string, unknown>)) {
      const grade = parseGradeCell(g);
      if (typeof grade !== 'number') bad(`"levels"."${key}" has the grade "${g}", which is not a grade (1–12 or 四年级)`);
      byGrade[String(grade)] = cutList(`"${key}"."${g}"`, list);
    }
    cuts[key] = byGrade;
  }
  if (!Object.keys(cuts).length) bad(`"levels" gives no subject's cut scores, e.g. ${example}`);
  const out: LevelOptions = { cuts, names: names as string[] };
  if (v.passFrom !== undefined) out.passFrom = level('passFrom', v.passFrom);
  if (v.balanced !== undefined) {
    const b = v.balanced as Record<string, unknown>;
    if (typeof b !== 'object' || b === null || Array.isArray(b)) bad('"levels"."balanced" must be { "level": "良好", "definition": "mean", "iccLine": 0.15 }');
    for (const key of Object.keys(b)) if (!['level', 'definition', 'shareLine', 'iccLine'].includes(key)) bad(`unknown key "levels"."balanced"."${key}" (known: level, definition, shareLine, iccLine)`);
    const share = (x: unknown): boolean => typeof x === 'number' && x > 0 && x < 1;
    if (b.definition !== undefined && b.definition !== 'mean' && b.definition !== 'share') bad('"levels"."balanced"."definition" must be "mean" (the county mean reaches the level) or "share" (its share at or above the level reaches "shareLine")');
    if (b.shareLine !== undefined && !share(b.shareLine)) bad('"levels"."balanced"."shareLine" must be a share between 0 and 1');
    if (b.iccLine !== undefined && !share(b.iccLine)) bad('"levels"."balanced"."iccLine" must be a share between 0 and 1');
    out.balanced = {
      ...(b.level === undefined ? {} : { level: level('balanced"."level', b.level) }),
      ...(b.definition === undefined ? {} : { definition: b.definition as 'mean' | 'share' }),
      ...(b.shareLine === undefined ? {} : { shareLine: b.shareLine as number }),
      ...(b.iccLine === undefined ? {} : { iccLine: b.iccLine as number }),
    };
  }
  return out;
}

/** Checks the "targets" key: the ledger's targets, each with a known measure and a target Jiance reads. */
function checkTargets(value: unknown, bad: (reason: string) => never): void {
  const example = '[{ "measure": "vision_poor", "target": "-1pp per year", "baseline": 2021, "deadline": 2024 }]';
  if (!Array.isArray(value)) bad(`"targets" must be a list such as ${example}`);
  (value as unknown[]).forEach((t, k) => {
    const at = `"targets"[${k}]`;
    if (typeof t !== 'object' || t === null || Array.isArray(t)) bad(`${at} must be an object such as ${example}`);
    const x = t as Record<string, unknown>;
    const keys = ['measure', 'target', 'baseline', 'deadline', 'grade', 'province', 'county', 'text'];
    for (const key of Object.keys(x)) if (!keys.includes(key)) bad(`unknown key ${at}."${key}" (known: ${keys.join(', ')})`);
    if (typeof x.measure !== 'string' || !ledgerStatistic(x.measure)) bad(`${at}."measure" must name an indicator (vision_poor), a subject (math), "math:pass", "math:icc" or a health measure (sleep_hours)`);
    if (typeof x.target !== 'string') bad(`${at}."target" must be text such as "<= 35%", "-1pp per year", ">= 9" or "decreasing"`);
    parseLedgerTarget(x.target as string, ledgerStatistic(x.measure as string)!, x.measure as string);
    const year = (key: string) => {
      if (x[key] !== undefined && x[key] !== null && !(Number.isInteger(x[key]) && (x[key] as number) >= 1990 && (x[key] as number) <= 2100)) bad(`${at}."${key}" must be a year such as 2024`);
    };
    year('baseline');
    year('deadline');
    if (typeof x.baseline === 'number' && typeof x.deadline === 'number' && x.deadline <= x.baseline) bad(`${at}."deadline" (${x.deadline}) must come after "baseline" (${x.baseline})`);
    if (x.grade !== undefined && x.grade !== null) {
      const grade = parseGradeCell(x.grade as string);
      if (typeof grade !== 'number') bad(`${at}."grade" must be a grade (1–12 or 四年级)`);
      x.grade = grade;
    }
    for (const key of ['province', 'county', 'text']) if (x[key] !== undefined && x[key] !== null && typeof x[key] !== 'string') bad(`${at}."${key}" must be text`);
  });
}

// @jiance/cli — the `analyze` command and its file readers.
export { main, analyzeFile, type AnalyzeOptions, type RunInfo, type Io } from './analyze.js';
export { readInput, detectFormat, type InputFormat, type ReadResult, type ReadInputOptions } from './readInput.js';
export { readConfig, checkConfig, type JianceConfig } from './config.js';
export { version } from './version.js';
export { jsonPieces, writeJson } from './writeJson.js';

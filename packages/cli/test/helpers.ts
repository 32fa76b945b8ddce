import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../src/analyze.js';

/** A fresh temporary folder for one test. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'jiance-test-'));
}

/** Writes a file into a folder and returns its path. */
export function put(dir: string, name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Runs the CLI in-process and captures its output. */
export async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

/** Reads results.json of an output folder. */
export function resultsOf(dir: string): Record<string, any> {
  return JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
}

import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { bundleForBrowser, type BrowserBundle } from './bundleForBrowser.js';
import { notebooksDir, prepareData } from './prepareData.js';

/** Notebook Kit pinned in notebooks/package.json; its CLI is `notebooks build`. */
export const notebookKitBin = join(notebooksDir, 'node_modules', '@observablehq', 'notebook-kit', 'dist', 'bin', 'notebooks.js');

/** What {@link buildNotebooks} produced. */
export interface BuiltSite {
  out: string;
  /** The notebook pages, e.g. ['between-school.html', …]. */
  pages: string[];
  bundle: BrowserBundle;
}

/** The notebooks (Notebook Kit .html files) in notebooks/. */
export async function notebookPages(dir = notebooksDir): Promise<string[]> {
  return (await readdir(dir)).filter((f) => f.endsWith('.html') && f !== 'template.html').sort();
}

/**
 * Builds the notebooks into a static site that works offline (离线可用的静态网站): puts the
 * fixtures beside the notebooks (CSV and Arrow), runs Notebook Kit's `notebooks build`, which
 * bundles @jiance/core, @jiance/report, vega and the fonts into `out` (no CDN), and writes
 * `jiance.js`, the browser bundle of core and report for online notebooks. Needs the packages
 * built (`tsc -b`): the notebooks import their published entry points.
 */
export async function buildNotebooks(options: { out?: string; quiet?: boolean } = {}): Promise<BuiltSite> {
  const out = resolve(options.out ?? join(notebooksDir, '..', 'out', 'notebooks'));
  await prepareData();
  const pages = await notebookPages();
  const args = [notebookKitBin, 'build', '--root', notebooksDir, '--out', out, '--empty', '--template', join(notebooksDir, 'template.html'), '--', ...pages];
  await new Promise<void>((done, fail) => {
    const child = spawn(process.execPath, args, { cwd: notebooksDir, stdio: options.quiet ? ['ignore', 'ignore', 'pipe'] : 'inherit' });
    let errors = '';
    child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`notebooks build exited with ${code}\n${errors}`))));
  });
  const bundle = await bundleForBrowser(join(out, 'jiance.js'));
  return { out, pages, bundle };
}

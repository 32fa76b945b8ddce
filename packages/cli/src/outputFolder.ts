import { readFileSync, rmSync } from 'node:fs';
import { lstat, mkdir, readdir, realpath, rename, rm, stat, statfs } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { JianceError, messages } from '@jiance/core';

/** The names a Jiance run writes at the top of its output folder: what the next run replaces. */
export const jianceOutputNames: ReadonlySet<string> = new Set([
  'results.json',
  'run.json',
  'report.html',
  'report.docx',
  'tables.xlsx',
  'ledger.xlsx',
  'charts',
  'tables',
]);

/** Options of {@link openOutputFolder}. */
export interface OutputFolderOptions {
  /** Refuse to start when the disk has less free space than this (default 20 MB: the province report's outputs take about 8 MB). */
  minFreeBytes?: number;
  /** Free bytes of the disk holding `folder` (tests); default fs.statfs. */
  freeBytes?: (folder: string) => Promise<number | null>;
}

/**
 * A run's output folder, written atomically (输出文件夹): every file goes into a temporary
 * folder beside it, and {@link OutputFolder.commit} swaps it into place at the end, so the folder
 * always holds one complete run, or the previous one, never a mixture of the two or half a run.
 */
export interface OutputFolder {
  /** The output folder, absolute. */
  path: string;
  /** Where this run writes until commit (a hidden sibling `.name.jiance-<pid>-<n>`). */
  temp: string;
  /** Moves the finished run into place; files of the user's own in an earlier run's folder are kept. */
  commit(): Promise<void>;
  /** Removes the temporary folder (synchronous, so it runs in a signal handler). Idempotent. */
  discard(): void;
  /** True while commit swaps the folders (a signal handler then lets it finish). */
  readonly committing: boolean;
}

/**
 * Checks the output folder before any work and opens a temporary folder beside it. A user's
 * mistake is a JianceError with exit 2: the path is a file, a folder that holds files Jiance
 * did not write, a place that cannot be created or written (no permission, read-only, /proc),
 * or a full disk. Temporary folders left by a run that was killed are removed.
 *
 * Folders are created one level at a time: Node's `mkdir({ recursive: true })` never returns
 * on paths such as /proc/x/y.
 *
 * @example
 * const folder = await openOutputFolder('out/county'); // checks, then writes go to folder.temp
 * await writeFile(join(folder.temp, 'results.json'), text);
 * await folder.commit(); // out/county now holds this run (illustrative)
 */
export async function openOutputFolder(out: string, options: OutputFolderOptions = {}): Promise<OutputFolder> {
  // A link to a folder stands for that folder (the swap must not replace the link).
  const path = await realpath(resolve(out)).catch(() => resolve(out));
  const existing = await lstat(path).catch(() => null);
  if (existing && !existing.isDirectory()) throw new JianceError(messages.outputIsFile(out));
  if (existing) {
    const foreign = await foreignEntries(path);
    if (foreign.length) throw new JianceError(messages.outputHoldsOtherFiles(out, foreign));
  }
  const parent = dirname(path);
  await makeFolders(parent, out);
  await removeStaleTemps(parent, basename(path));
  const temp = join(parent, `.${basename(path)}.jiance-${process.pid}-${Date.now().toString(36)}`);
  try {
    await mkdir(temp);
  } catch (error) {
    throw userWriteError(out, parent, error);
  }
  // Free space once the folder could be made (a read-only disk is reported as such, not as full).
  const free = await (options.freeBytes ?? freeBytesOf)(parent);
  if (free !== null && free < (options.minFreeBytes ?? 20e6)) {
    await rm(temp, { recursive: true, force: true });
    throw new JianceError(messages.diskFull(out, free));
  }
  let done = false;
  let committing = false;
  const folder: OutputFolder = {
    path,
    temp,
    get committing() {
      return committing;
    },
    discard() {
      if (!done) rmSync(temp, { recursive: true, force: true });
      done = true;
    },
    async commit() {
      committing = true;
      try {
        await swapInto(path, temp);
      } catch (error) {
        committing = false;
        folder.discard();
        throw userWriteError(out, path, error);
      }
      committing = false;
      done = true;
    },
  };
  return folder;
}

/** A file system error while writing outputs as the user's problem (full disk, no permission) or, otherwise, as it is. */
export function userWriteError(out: string, at: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return new JianceError(messages.diskFull(out, null), { cause: error });
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOENT' || code === 'ENOTDIR')
    return new JianceError(messages.outputNotCreatable(out, at === resolve(out) ? out : at, code), { cause: error });
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return new JianceError(messages.outputWriteFailed(out, code), { cause: error });
  return error;
}

/** Top-level entries of an existing folder that no Jiance run wrote (a folder without run.json is all foreign). */
async function foreignEntries(path: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(path);
  } catch (error) {
    throw userWriteError(path, path, error);
  }
  return entries.length && !isJianceRun(path) ? entries.sort() : [];
}

/** True when a folder's run.json was written by Jiance. */
function isJianceRun(path: string): boolean {
  try {
    return (JSON.parse(readFileSync(join(path, 'run.json'), 'utf8')) as { tool?: unknown }).tool === 'jiance';
  } catch {
    return false;
  }
}

/** Creates `folder` and its missing ancestors, one level at a time. */
async function makeFolders(folder: string, out: string): Promise<void> {
  const missing: string[] = [];
  let at = folder;
  for (;;) {
    const s = await stat(at).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? null : error));
    if (s instanceof Error) throw userWriteError(out, at, s);
    if (s) {
      if (!s.isDirectory()) throw new JianceError(messages.outputNotCreatable(out, at, 'ENOTDIR'));
      break;
    }
    missing.unshift(at);
    const up = dirname(at);
    if (up === at) break;
    at = up;
  }
  for (const m of missing) {
    try {
      await mkdir(m);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw userWriteError(out, m, error);
    }
  }
}

/** Removes the temporary folders of runs of this output folder whose process is gone (killed, crashed). */
async function removeStaleTemps(parent: string, name: string): Promise<void> {
  const prefix = `.${name}.jiance-`;
  for (const entry of await readdir(parent).catch(() => [] as string[])) {
    if (!entry.startsWith(prefix)) continue;
    const m = /^(old-)?(\d+)-/.exec(entry.slice(prefix.length));
    const pid = Number(m?.[2]);
    if (!m || pid === process.pid || alive(pid)) continue;
    const folder = join(parent, entry);
    // An earlier run set aside whose swap stopped: keep it if it still holds the user's own files.
    if (m[1] && (await readdir(folder).catch(() => [] as string[])).some((e) => !jianceOutputNames.has(e))) continue;
    await rm(folder, { recursive: true, force: true }).catch(() => undefined);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Free bytes on the disk of a folder, or null when the system cannot say. */
async function freeBytesOf(folder: string): Promise<number | null> {
  try {
    const s = await statfs(folder);
    return Number(s.bavail) * Number(s.bsize);
  } catch {
    return null;
  }
}

/**
 * Puts the finished `temp` at `path`: the earlier run's folder is renamed aside, the new one
 * renamed in, the user's own files of the earlier folder moved across, then the earlier run removed.
 * Each step is a rename on one disk, so an interruption leaves either folder whole.
 */
async function swapInto(path: string, temp: string): Promise<void> {
  const old = await lstat(path).catch(() => null);
  if (!old) {
    await rename(temp, path);
    return;
  }
  const aside = join(dirname(path), `.${basename(path)}.jiance-old-${process.pid}-${Date.now().toString(36)}`);
  try {
    await rename(path, aside);
  } catch (error) {
    // The folder cannot be renamed (it is the working directory on Windows, or a mount point):
    // replace Jiance's own entries in it instead.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EBUSY' && code !== 'EXDEV' && code !== 'EPERM' && code !== 'EACCES') throw error;
    for (const entry of await readdir(path)) if (jianceOutputNames.has(entry)) await rm(join(path, entry), { recursive: true, force: true });
    for (const entry of await readdir(temp)) if (entry !== 'run.json') await rename(join(temp, entry), join(path, entry));
    await rename(join(temp, 'run.json'), join(path, 'run.json'));
    await rm(temp, { recursive: true, force: true });
    return;
  }
  await rename(temp, path);
  for (const entry of await readdir(aside)) {
    if (!jianceOutputNames.has(entry)) await rename(join(aside, entry), join(path, entry));
  }
  await rm(aside, { recursive: true, force: true });
}

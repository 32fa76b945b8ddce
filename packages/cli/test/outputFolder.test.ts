import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isJianceError, messages } from '@jiance/core';
import { analyzeFile } from '../src/analyze.js';
import { openOutputFolder, userWriteError } from '../src/outputFolder.js';
import { put, run, tempDir } from './helpers.js';

const fixture = (name: string) => new URL(`../../../fixtures/${name}`, import.meta.url).pathname;
const county = fixture('county.csv');
const bin = new URL('../dist/bin/analyze.js', import.meta.url).pathname;
const temps = (dir: string) => readdirSync(dir).filter((e) => e.includes('.jiance-'));

// A 1 MB disk for the disk cases: tmpfs, which needs root and the mount capability; the cases
// say so and are skipped where the machine has neither.
async function onSmallDisk(ctx: { skip: () => void }, options: string, body: (disk: string) => Promise<void>): Promise<void> {
  const disk = join(tempDir(), 'disk');
  mkdirSync(disk);
  if (spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', disk]).status !== 0) return ctx.skip();
  try {
    await body(disk);
  } finally {
    spawnSync('umount', [disk]);
  }
}

describe('the output folder is checked before any work (exit 2, one message)', () => {
  it('an existing file', async () => {
    const dir = tempDir();
    const file = put(dir, 'afile', 'x');
    const r = await run([county, '--out', file]);
    expect(r).toMatchObject({ code: 2, err: `错误：${messages.outputIsFile(file).zh}\n` });
    expect(readFileSync(file, 'utf8')).toBe('x');
  });
  it('a place no folder can be made (/proc) fails at once instead of hanging', async () => {
    const started = Date.now();
    const r = await run([county, '--out', '/proc/jiance/out']);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`错误：${messages.outputNotCreatable('/proc/jiance/out', '/proc/jiance', 'ENOENT').zh}\n`);
    expect(Date.now() - started).toBeLessThan(5000);
  });
  it('a path through a file', async () => {
    const dir = tempDir();
    const file = put(dir, 'notes.txt', 'x');
    const r = await run([county, '--out', join(file, 'out'), '--lang', 'en']);
    expect(r).toMatchObject({ code: 2, err: `Error: ${messages.outputNotCreatable(join(file, 'out'), file, 'ENOTDIR').en}\n` });
  });
  it.skipIf(process.getuid?.() === 0)('a folder without permission to write', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'locked'), { mode: 0o500 });
    const r = await run([county, '--out', join(dir, 'locked', 'out')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('没有写入权限');
  });
  it('a folder holding files Jiance did not write is left alone', async () => {
    const dir = tempDir();
    put(dir, 'students.csv', 'precious');
    const r = await run([county, '--out', dir]);
    expect(r).toMatchObject({ code: 2, err: `错误：${messages.outputHoldsOtherFiles(dir, ['students.csv']).zh}\n` });
    expect(readdirSync(dir)).toEqual(['students.csv']);
  });
  it('a read-only disk (the system must allow a tmpfs mount)', (ctx) =>
    onSmallDisk(ctx, 'ro,size=1m', async (disk) => {
      const r = await run([county, '--out', join(disk, 'out')]);
      expect(r).toMatchObject({ code: 2, err: `错误：${messages.outputNotCreatable(join(disk, 'out'), disk, 'EROFS').zh}\n` });
    }));
  it('a full disk (checked by free space before the run; the system must allow a tmpfs mount)', (ctx) =>
    onSmallDisk(ctx, 'size=1m', async (disk) => {
      const r = await run([county, '--out', join(disk, 'out')]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^错误：输出文件夹“.*”所在磁盘空间不足（剩余 1\.0 MB）/);
      expect(readdirSync(disk)).toEqual([]);
    }));
  it('a disk that fills while the run writes: disk-full, and nothing left behind', (ctx) =>
    onSmallDisk(ctx, 'size=1m', async (disk) => {
      const error = await analyzeFile(county, { out: join(disk, 'out'), minFreeBytes: 0 }).catch((e: unknown) => e);
      expect(isJianceError(error) && error.code).toBe('disk-full');
      expect(readdirSync(disk)).toEqual([]);
    }));
  it("free space is measured on the folder's disk, and file system errors become the user's messages", async () => {
    const dir = tempDir();
    const error = await openOutputFolder(join(dir, 'out'), { freeBytes: async () => 5e6 }).catch((e: unknown) => e);
    expect(isJianceError(error) && error.text('en')).toBe(messages.diskFull(join(dir, 'out'), 5e6).en);
    expect(temps(dir)).toEqual([]);
    const enospc = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    expect((userWriteError('out', 'out', enospc) as Error).message).toBe(messages.diskFull('out', null).en);
    const eio = Object.assign(new Error('EIO'), { code: 'EIO' });
    expect((userWriteError('out', 'out', eio) as Error).message).toBe(messages.outputWriteFailed('out', 'EIO').en);
    const bug = new TypeError('x is undefined');
    expect(userWriteError('out', 'out', bug)).toBe(bug);
  });
});

describe('the output folder holds one complete run, or the previous one', () => {
  it("a second run replaces the first whole (no stale file), keeps the user's own files and records completion", async () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    expect((await run([county, '--out', out])).code).toBe(0);
    put(out, 'my-notes.txt', 'keep me');
    put(join(out, 'charts'), 'stale-chart.svg', '<svg/>');
    const first = readFileSync(join(out, 'run.json'), 'utf8');
    expect((await run([county, '--out', out, '--lang', 'en'])).code).toBe(0);
    expect(readFileSync(join(out, 'my-notes.txt'), 'utf8')).toBe('keep me');
    expect(existsSync(join(out, 'charts', 'stale-chart.svg'))).toBe(false);
    const second = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    expect(second.options.lang).toBe('en');
    expect(Date.parse(second.completedAt)).toBeGreaterThanOrEqual(Date.parse(JSON.parse(first).completedAt));
    // Every output run.json lists is there.
    for (const file of second.outputs) expect(existsSync(join(out, file)), file).toBe(true);
    expect(temps(dir)).toEqual([]);
  });
  it('a run that fails after the folder was opened leaves the earlier run byte for byte, and no temporary folder', async () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    expect((await run([county, '--out', out])).code).toBe(0);
    const before = readFileSync(join(out, 'results.json'));
    const r = await run([put(dir, 'allbad.csv', 'county,school,math\n,x,1\nA,,2\n'), '--out', out]);
    expect(r).toMatchObject({ code: 2, err: `错误：${messages.noUsableRows('allbad.csv', 2).zh}\n` });
    expect(readFileSync(join(out, 'results.json')).equals(before)).toBe(true);
    expect(temps(dir)).toEqual([]);
  });
  it('the temporary folder of a run that was killed is removed by the next run', async () => {
    const dir = tempDir();
    // A pid that is not running (pid_max on Linux is at most 2^22).
    mkdirSync(join(dir, '.out.jiance-4194999-abc'));
    put(join(dir, '.out.jiance-4194999-abc'), 'results.json', '{');
    expect((await run([county, '--out', join(dir, 'out')])).code).toBe(0);
    expect(temps(dir)).toEqual([]);
  });
  it('Ctrl+C during the run: exit 130, one line saying nothing was written, the earlier run intact', async () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    expect((await run([county, '--out', out])).code).toBe(0);
    const before = readFileSync(join(out, 'results.json'));
    const child = spawn(process.execPath, [bin, fixture('province.csv'), '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    // Once the run has started (its temporary folder exists), interrupt it.
    const started = Date.now();
    while (!temps(dir).length && Date.now() - started < 20_000) await new Promise((r) => setTimeout(r, 20));
    expect(temps(dir).length).toBe(1);
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    expect(code).toBe(130);
    expect(err.trim().split('\n').at(-1)).toBe(messages.interrupted(out, 'SIGINT').zh);
    expect(readFileSync(join(out, 'results.json')).equals(before)).toBe(true);
    expect(temps(dir)).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});

// Peak memory of each phase of `analyze` (Linux): runs the command on a file, samples the
// child's resident set (/proc/<pid>/status, VmRSS) every 100 ms and groups the samples by the
// phases of its run.json, which are timed from the same start and add up to the run.
//
//   node bench/rss-phases.js fixtures/large/province-1e6.csv [analyze options…]
//
// The phase that holds the peak is where memory is to be saved (issue 22: at 1e6 the analysis
// peaks at ~870 MiB, report.docx at ~2.2 GiB).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const [file, ...rest] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node bench/rss-phases.js <data file> [analyze options…]\n');
  process.exit(2);
}
const out = mkdtempSync(join(tmpdir(), 'jiance-rss-'));
const started = performance.now();
const child = spawn(process.execPath, ['--max-semi-space-size=64', join(root, 'packages/cli/dist/bin/analyze.js'), file, ...rest, '--out', out], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
const samples = [];
const timer = setInterval(() => {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0);
    samples.push([performance.now() - started, kb / 1024]);
  } catch {
    // the child has ended
  }
}, 100);
child.on('exit', (code) => {
  clearInterval(timer);
  const ended = performance.now() - started;
  if (code !== 0) {
    process.stderr.write(`analyze exited with ${code}\n`);
    process.exit(1);
  }
  const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
  rmSync(out, { recursive: true, force: true });
  // The phases start after the process has started and loaded its modules: align their end with the exit.
  let from = Math.max(0, ended - run.phases.reduce((sum, p) => sum + p.ms, 0));
  const rows = run.phases.map((p) => {
    const to = from + p.ms;
    const inPhase = samples.filter(([t]) => t >= from && t < to).map(([, mib]) => mib);
    from = to;
    return `| ${p.phase} | ${(p.ms / 1000).toFixed(2)} | ${inPhase.length ? Math.round(Math.max(...inPhase)) : '—'} |`;
  });
  const peak = Math.round(Math.max(...samples.map(([, mib]) => mib)));
  process.stdout.write(`engine ${run.engine.name}; peak RSS ${peak} MiB (sampled every 100 ms; the phases aligned to end at the exit)\n\n`);
  process.stdout.write(`| phase | s | peak RSS MiB |\n|---|---|---|\n${rows.join('\n')}\n`);
});

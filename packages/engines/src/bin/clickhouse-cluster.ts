#!/usr/bin/env node
// A local ClickHouse cluster for trying Jiance's push-down (and for the tests' manual twin):
//   clickhouse-cluster up   [--dir DIR] [--shards 2] [--csv fixtures/province.csv] [--password P]
//   clickhouse-cluster query [--dir DIR]   (the whole analysis of the table: between-school shares per county)
//   clickhouse-cluster down [--dir DIR]
// `up` starts the servers in the background, reads and checks the CSV with core (studentTable),
// creates students_local (MergeTree, per shard) and students (Distributed) and loads the kept
// rows, row i to shard i mod shards, with the load's report beside them (students__load);
// `analyze students --engine clickhouse -c <config>` then analyses the table. `down` stops them.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { decodeText, isJianceError, parseCsv, studentTable } from '@jiance/core';
import { clickhouseAnalyze } from '../clickhouseAnalyze.js';
import { loadStudentTable } from '../cluster/loadStudentTable.js';
import { startLocalCluster, stopLocalCluster, type LocalShard } from '../cluster/localCluster.js';

const { positionals, values: opts } = parseArgs({
  allowPositionals: true,
  options: {
    dir: { type: 'string', default: 'out/clickhouse' },
    shards: { type: 'string', default: '2' },
    csv: { type: 'string', default: 'fixtures/province.csv' },
    password: { type: 'string', default: 'jiance-local' },
  },
});

interface State {
  name: string;
  user: string;
  shards: LocalShard[];
}

async function state(): Promise<State> {
  return JSON.parse(await readFile(join(opts.dir, 'cluster.json'), 'utf8')) as State;
}

try {
  const command = positionals[0];
  if (command === 'up') {
    const cluster = await startLocalCluster({ dir: opts.dir, shards: Number(opts.shards), password: opts.password, detached: true });
    const { text, encoding } = decodeText(new Uint8Array(await readFile(opts.csv)), opts.csv);
    const data = studentTable(parseCsv(text, opts.csv.split(/[\\/]/).pop()!, encoding));
    const rows = await loadStudentTable(
      cluster.shards.map((_, i) => cluster.connection(i)),
      cluster.name,
      data,
    );
    const q = data.quality;
    process.stdout.write(
      `cluster "${cluster.name}" up: ${cluster.shards.map((s) => `${s.url} (pid ${s.pid}, ${rows[s.index]} rows)`).join(', ')}\n` +
        `loaded ${opts.csv}: ${q.rowsRead} rows read, ${q.rowsExcluded} excluded, ${q.invalidValues.reduce((n, r) => n + r.count, 0)} values set to NULL (report in students__load)\n` +
        `table students (Distributed) over students_local; user ${cluster.user}; stop with: clickhouse-cluster down --dir ${opts.dir}\n` +
        `analyse it: JIANCE_CLICKHOUSE_PASSWORD=${opts.password} pnpm analyze students --engine clickhouse -c <config with "clickhouse": { "url": "${cluster.shards[0]!.url}", "user": "${cluster.user}" }>\n`,
    );
  } else if (command === 'query') {
    const s = await state();
    const connection = { url: s.shards[0]!.url, user: s.user, password: opts.password, timeoutMs: 30_000 };
    const { results, summaries } = await clickhouseAnalyze(connection, 'students');
    process.stdout.write(
      `students: ${results.dataQuality.rowsRead} rows read, ${summaries.queries} queries answering ${summaries.requests} summary requests\n`,
    );
    for (const subject of results.betweenSchool) {
      for (const c of subject.counties)
        process.stdout.write(
          `${subject.subject} ${c.year ?? ''} ${c.grade ?? ''} ${c.county}: ${c.schools} schools, ICC ${'icc' in c.reml ? c.reml.icc.toFixed(3) : `— (${c.reml.reason})`}\n`,
        );
    }
  } else if (command === 'down') {
    const s = await state();
    await stopLocalCluster({ shards: s.shards, dir: opts.dir });
    await rm(opts.dir, { recursive: true, force: true });
    process.stdout.write(`stopped ${s.shards.length} shards\n`);
  } else {
    process.stderr.write('usage: clickhouse-cluster up|query|down [--dir DIR] [--shards N] [--csv FILE] [--password P]\n');
    process.exitCode = 2;
  }
} catch (error) {
  process.stderr.write(`${isJianceError(error) ? error.message : String((error as Error)?.stack ?? error)}\n`);
  process.exitCode = 1;
}

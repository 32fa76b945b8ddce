import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { JianceError } from '@jiance/core';
import type { ClickhouseConnection } from '../clickhouseHttp.js';
import { clusterNotInstalled, clusterStartFailed } from '../messages.js';

/** One clickhouse-server process of a local cluster. */
export interface LocalShard {
  index: number;
  pid: number;
  httpPort: number;
  tcpPort: number;
  /** http://127.0.0.1:<httpPort> */
  url: string;
  /** Its config, data and logs. */
  dir: string;
}

/** A cluster of clickhouse-server processes on loopback, one shard each (no replicas). */
export interface LocalCluster {
  /** Name of the cluster in remote_servers (for `Distributed(name, …)`). */
  name: string;
  shards: LocalShard[];
  user: string;
  password: string;
  /** Root folder (configs, data, logs of every shard). */
  dir: string;
  /** The HTTP connection to shard i (default 0, any shard can start a distributed query). */
  connection(shard?: number, timeoutMs?: number): ClickhouseConnection;
}

/** Options of {@link startLocalCluster}. */
export interface LocalClusterOptions {
  /** Number of shards (default 2). */
  shards?: number;
  /** Root folder (default a new temporary folder). */
  dir?: string;
  /** The one user, used by clients and between shards (default 'jiance'). */
  user?: string;
  password?: string;
  /** Name in remote_servers (default 'jiance'). */
  name?: string;
  /** Give up on a shard that is not answering /ping after this long (default 30 s). */
  readyTimeoutMs?: number;
  /** Let the servers outlive this process (for the command-line `up`; stop with stopLocalCluster). */
  detached?: boolean;
}

/** Path of clickhouse-server (PATH, then /usr/sbin and /usr/bin), or undefined when not installed. */
export function clickhouseServerPath(): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/bin', '/usr/local/bin'];
  for (const d of dirs) if (d && existsSync(join(d, 'clickhouse-server'))) return join(d, 'clickhouse-server');
  return undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const xml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function usersXml(user: string, password: string): string {
  return `<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>4000000000</max_memory_usage><load_balancing>in_order</load_balancing></default></profiles>
  <users>
    <${user}>
      <password>${xml(password)}</password>
      <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
      <profile>default</profile>
      <quota>default</quota>
    </${user}>
  </users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
`;
}

function serverXml(dir: string, users: string, http: number, tcp: number, remote: string): string {
  return `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${dir}/server.log</log><errorlog>${dir}/server.err.log</errorlog><size>10M</size><count>1</count></logger>
  <http_port>${http}</http_port>
  <tcp_port>${tcp}</tcp_port>
  <listen_host>127.0.0.1</listen_host>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <users_config>${users}</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mark_cache_size>268435456</mark_cache_size>
  <uncompressed_cache_size>268435456</uncompressed_cache_size>
  <max_concurrent_queries>100</max_concurrent_queries>
  <remote_servers>${remote}</remote_servers>
</yandex>
`;
}

async function waitReady(url: string, pidAlive: () => boolean, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (!pidAlive()) return false;
    try {
      const r = await fetch(`${url}/ping`, { signal: AbortSignal.timeout(1000) });
      if (r.ok && (await r.text()).startsWith('Ok')) return true;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  return false;
}

/** True while the process runs (a zombie, exited but not yet reaped, counts as gone). */
const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
};

/**
 * Starts a ClickHouse cluster on this machine (本地测试集群): `shards` clickhouse-server
 * processes on loopback, each with its own config (free HTTP and TCP ports, data and temporary
 * folders, a users file with one password-protected user) and a `remote_servers` entry naming
 * all of them as shards, so a `Distributed` table on any shard spans the cluster. Resolves when
 * every shard answers /ping; throws (with the shard's log) when one does not.
 *
 * @example
 * const cluster = await startLocalCluster({ shards: 2, password: 'secret' });
 * cluster.shards.map((s) => s.url); // => ['http://127.0.0.1:40123', 'http://127.0.0.1:40125']
 * await stopLocalCluster(cluster);
 */
export async function startLocalCluster(options: LocalClusterOptions = {}): Promise<LocalCluster> {
  const server = clickhouseServerPath();
  if (!server) throw new JianceError(clusterNotInstalled());
  const count = options.shards ?? 2;
  const user = options.user ?? 'jiance';
  const password = options.password ?? 'jiance-local';
  const name = options.name ?? 'jiance';
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'jiance-clickhouse-')));
  await mkdir(dir, { recursive: true });
  const ports: { http: number; tcp: number }[] = [];
  for (let i = 0; i < count; i++) ports.push({ http: await freePort(), tcp: await freePort() });
  const users = join(dir, 'users.xml');
  await writeFile(users, usersXml(user, password));
  const remote = `<${name}>${ports
    .map((p) => `<shard><replica><host>127.0.0.1</host><port>${p.tcp}</port><user>${user}</user><password>${xml(password)}</password></replica></shard>`)
    .join('')}</${name}>`;

  const shards: LocalShard[] = [];
  const cluster: LocalCluster = {
    name,
    shards,
    user,
    password,
    dir,
    connection: (shard = 0, timeoutMs = 30_000) => ({ url: shards[shard]!.url, user, password, timeoutMs }),
  };
  try {
    for (let i = 0; i < count; i++) {
      const shardDir = join(dir, `shard${i + 1}`);
      await mkdir(join(shardDir, 'tmp'), { recursive: true });
      const config = join(shardDir, 'config.xml');
      await writeFile(config, serverXml(shardDir, users, ports[i]!.http, ports[i]!.tcp, remote));
      const child = spawn(server, [`--config-file=${config}`], {
        cwd: shardDir,
        detached: options.detached ?? false,
        stdio: 'ignore',
      });
      if (options.detached) child.unref();
      shards.push({ index: i, pid: child.pid!, httpPort: ports[i]!.http, tcpPort: ports[i]!.tcp, url: `http://127.0.0.1:${ports[i]!.http}`, dir: shardDir });
    }
    for (const s of shards) {
      if (!(await waitReady(s.url, () => alive(s.pid), options.readyTimeoutMs ?? 30_000))) {
        const log = existsSync(join(s.dir, 'server.err.log'))
          ? (await readFile(join(s.dir, 'server.err.log'), 'utf8')).split('\n').slice(-8).join('\n')
          : '(no log)';
        throw new JianceError(clusterStartFailed(s.index + 1, s.httpPort, log));
      }
    }
    await writeFile(join(dir, 'cluster.json'), `${JSON.stringify({ name, user, shards }, null, 2)}\n`);
    return cluster;
  } catch (error) {
    await stopLocalCluster(cluster, { remove: options.dir === undefined });
    throw error;
  }
}

/**
 * Stops the shards of a local cluster (SIGTERM, then SIGKILL after `graceMs`, default 10 s)
 * and waits until each process has exited; removes the folder when `remove` is true.
 * clickhouse-server 18.16 takes about 8 s to shut down even when idle; a throw-away cluster
 * (tests) can pass `graceMs: 0` to kill at once, as inserted data is already on disk.
 *
 * @example
 * await stopLocalCluster(cluster, { remove: true });
 */
export async function stopLocalCluster(cluster: Pick<LocalCluster, 'shards' | 'dir'>, options: { remove?: boolean; graceMs?: number } = {}): Promise<void> {
  await Promise.all(cluster.shards.map((s) => stopProcess(s.pid, options.graceMs ?? 10_000)));
  if (options.remove) await rm(cluster.dir, { recursive: true, force: true });
}

/** Stops one shard (e.g. to test a shard that is down); resolves when its process has exited. */
export async function stopShard(shard: LocalShard, graceMs = 10_000): Promise<void> {
  await stopProcess(shard.pid, graceMs);
}

async function stopProcess(pid: number, graceMs: number): Promise<void> {
  if (!alive(pid)) return;
  process.kill(pid, graceMs > 0 ? 'SIGTERM' : 'SIGKILL');
  const until = Date.now() + graceMs;
  while (alive(pid) && Date.now() < until) await sleep(50);
  if (alive(pid)) {
    process.kill(pid, 'SIGKILL');
    const killed = Date.now() + 5_000;
    while (alive(pid) && Date.now() < killed) await sleep(20);
  }
}

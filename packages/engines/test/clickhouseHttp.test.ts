import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { clickhouseRequest } from '../src/index.js';

/** An HTTP server that drops the first `drop` requests' connections unanswered, then answers '1\n'. */
async function flakyServer(drop: number): Promise<{ url: string; server: Server; seen: () => number }> {
  let seen = 0;
  const server = createServer((request, response) => {
    seen++;
    request.resume();
    if (seen <= drop) request.socket.destroy();
    else response.end('1\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, seen: () => seen };
}

describe('clickhouseRequest on a connection the server closed', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it('a query is sent again once, on a new connection', async () => {
    const s = await flakyServer(1);
    server = s.server;
    expect(await clickhouseRequest({ url: s.url, timeoutMs: 5_000 }, 'SELECT 1')).toBe('1\n');
    expect(s.seen()).toBe(2);
  });

  it('a load (rows in the body) is never sent twice: the error says the server is unreachable', async () => {
    const s = await flakyServer(1);
    server = s.server;
    await expect(clickhouseRequest({ url: s.url, timeoutMs: 5_000 }, 'INSERT INTO t FORMAT RowBinary', { body: new Uint8Array(8) })).rejects.toMatchObject({
      code: 'engine-unreachable',
    });
    expect(s.seen()).toBe(1);
  });

  it('a server that keeps dropping gets one retry, then the clear error', async () => {
    const s = await flakyServer(5);
    server = s.server;
    await expect(clickhouseRequest({ url: s.url, timeoutMs: 5_000 }, 'SELECT 1')).rejects.toMatchObject({ code: 'engine-unreachable' });
    expect(s.seen()).toBe(2);
  });
});

#!/usr/bin/env node
// pnpm notebooks:serve [--dir DIR] [--port 8080]: serves the built notebooks on 127.0.0.1.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { notebooksDir } from '../prepareData.js';
import { serveStatic } from '../serveStatic.js';

const { values } = parseArgs({ options: { dir: { type: 'string' }, port: { type: 'string', short: 'p' } } });
const dir = values.dir ?? join(notebooksDir, '..', 'out', 'notebooks');
const server = await serveStatic(dir, { port: Number(values.port ?? 8080) });
process.stdout.write(`在浏览器中打开 / open ${server.url} （Ctrl+C 结束 / to stop）\n`);

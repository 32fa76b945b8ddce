#!/usr/bin/env node
// pnpm notebooks [--out DIR]: builds the notebooks into an offline static site.
import { parseArgs } from 'node:util';
import { buildNotebooks } from '../buildNotebooks.js';

const { values } = parseArgs({ options: { out: { type: 'string', short: 'o' } } });
const site = await buildNotebooks(values.out === undefined ? {} : { out: values.out });
process.stdout.write(
  `笔记本已生成 / notebooks built: ${site.out}\n${site.pages.map((p) => `  ${p}`).join('\n')}\n  jiance.js (${Math.round(site.bundle.bytes / 1024)} KB)\n` +
    `打开方式 / to open: pnpm notebooks:serve → http://127.0.0.1:8080/\n`,
);

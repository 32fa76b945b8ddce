#!/usr/bin/env node
// pnpm notebooks:preview: puts the data beside the notebooks and starts Notebook Kit's preview
// server (edit notebooks/*.html and the page reloads).
import { spawn } from 'node:child_process';
import { notebookKitBin } from '../buildNotebooks.js';
import { notebooksDir, prepareData } from '../prepareData.js';

await prepareData();
const child = spawn(process.execPath, [notebookKitBin, 'preview', '--root', notebooksDir, ...process.argv.slice(2)], { cwd: notebooksDir, stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));

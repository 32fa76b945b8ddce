#!/usr/bin/env node
import { main } from '../analyze.js';

process.exitCode = await main(process.argv.slice(2));

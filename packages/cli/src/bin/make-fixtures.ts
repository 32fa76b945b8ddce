#!/usr/bin/env node
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command } from 'commander';
import {
  countyFixtureParams,
  countyFixtureReferences,
  generateStudents,
  provinceFixtureParams,
  provinceTruth,
  scaledProvinceParams,
  twoProvinceFixtureParams,
  twoProvinceFixtureSeeds,
  type InjectedDefect,
} from '@jiance/core/simulate';
import { readFile } from 'node:fs/promises';
import { writeBadInputs } from '../badInputs.js';
import { writeCsv, writeGb18030Csv, writeReferences, writeXlsx } from '../writeFixtures.js';

/** Seeds of the committed fixtures (fixtures/README.md). */
export const countySeed = 20261125;
export const provinceSeed = 20261126;

const program = new Command('make-fixtures')
  .description('Regenerate the committed fixtures, or stream a large synthetic province to a CSV')
  .option('--dir <dir>', 'folder for the committed fixtures', 'fixtures')
  .option('--students <n>', 'write about n rows of a scaled synthetic province instead')
  .option('--out <file>', 'CSV file for --students')
  .option('--seed <seed>', 'seed for --students', '1')
  .parse();

const opts = program.opts<{ dir: string; students?: string; out?: string; seed: string }>();
const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

if (opts.students) {
  if (!opts.out) program.error('--students needs --out <file.csv>');
  const params = scaledProvinceParams(Number(opts.students));
  const seed = Number(opts.seed);
  const started = Date.now();
  const rows = await writeCsv(opts.out!, generateStudents(params, seed));
  await writeFile(`${opts.out!.replace(/\.csv$/, '')}.truth.json`, json(provinceTruth(params, seed)));
  process.stdout.write(`${rows} rows → ${opts.out} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
} else {
  const defects: InjectedDefect[] = [];
  const county = [...generateStudents(countyFixtureParams, countySeed, { defects: true, onDefect: (d) => defects.push(d) })];
  await writeCsv(join(opts.dir, 'county.csv'), county);
  await writeGb18030Csv(join(opts.dir, 'county-gb18030.csv'), county);
  await writeXlsx(join(opts.dir, 'county.xlsx'), county);
  await writeFile(join(opts.dir, 'county.truth.json'), json({ ...provinceTruth(countyFixtureParams, countySeed), defects }));
  await writeReferences(join(opts.dir, 'county.references.csv'), countyFixtureReferences());
  const province = await writeCsv(join(opts.dir, 'province.csv'), generateStudents(provinceFixtureParams, provinceSeed));
  await writeFile(join(opts.dir, 'province.truth.json'), json(provinceTruth(provinceFixtureParams, provinceSeed)));
  const twoProvinces = await writeCsv(
    join(opts.dir, 'two-provinces.csv'),
    twoProvinceFixtureParams.flatMap((params, i) => [...generateStudents(params, twoProvinceFixtureSeeds[i]!)]),
  );
  await writeFile(
    join(opts.dir, 'two-provinces.truth.json'),
    json(twoProvinceFixtureParams.map((params, i) => provinceTruth(params, twoProvinceFixtureSeeds[i]!))),
  );
  const bad = await writeBadInputs(join(opts.dir, 'bad'), await readFile(join(opts.dir, 'county.csv'), 'utf8'));
  process.stdout.write(
    `county.csv ${county.length} rows (+ GB18030, xlsx); province.csv ${province} rows; two-provinces.csv ${twoProvinces} rows; bad/ ${bad} files → ${opts.dir}\n`,
  );
}

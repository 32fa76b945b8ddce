import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { arrowFromCsv } from './arrowFromCsv.js';

/** The repository's fixtures folder (notebooks/src or notebooks/dist → ../../fixtures). */
export const fixturesDir = fileURLToPath(new URL('../../fixtures/', import.meta.url));

/** The notebooks folder (where the .html notebooks and jiance.json live). */
export const notebooksDir = fileURLToPath(new URL('../', import.meta.url));

/** The fixtures the notebooks read, by base name. */
export const notebookFixtures = ['county', 'province'] as const;

/**
 * Puts the data the notebooks read beside them (Notebook Kit serves only files in the
 * notebook's folder or below): `data/<name>.csv` copied from fixtures/ and `data/<name>.arrow`
 * converted from it. Returns the paths written.
 */
export async function prepareData(dataDir = join(notebooksDir, 'data')): Promise<string[]> {
  await mkdir(dataDir, { recursive: true });
  const written: string[] = [];
  for (const name of notebookFixtures) {
    const csvPath = join(fixturesDir, `${name}.csv`);
    await copyFile(csvPath, join(dataDir, `${name}.csv`));
    const arrow = arrowFromCsv(await readFile(csvPath, 'utf8'), `${name}.csv`);
    await writeFile(join(dataDir, `${name}.arrow`), arrow);
    written.push(join(dataDir, `${name}.csv`), join(dataDir, `${name}.arrow`));
  }
  return written;
}

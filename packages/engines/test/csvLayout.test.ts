import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvLayout, longLineBytes } from '../src/csvLayout.js';

describe('csvLayout', () => {
  it('flags a line DuckDB would drop wherever it lies, also across the 16 MiB pieces of the scan, and not a file of short lines', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jiance-layout-'));
    try {
      const line = 'S1,青山县,一小,4,512.5\n';
      const filler = (bytes: number) => line.repeat(Math.ceil(bytes / Buffer.byteLength(line)));
      const header = 'student,county,school,grade,math\n';
      const write = (name: string, text: string) => {
        const path = join(dir, name);
        writeFileSync(path, text);
        return path;
      };
      // 2.1 MiB of one line starting 1 MiB before the end of the first 16 MiB piece.
      const across = write('across.csv', `${header}${filler((15 << 20) - 200)}${'x'.repeat(2.1 * 2 ** 20)}\n${filler(1000)}`);
      expect((await csvLayout(across)).longLine).toBe(true);
      // With empty lines the scan numbers every line and measures each one.
      const withBlank = write('blank.csv', `${header}${filler(1000)}\n${'y'.repeat(longLineBytes)}\n`);
      expect(await csvLayout(withBlank)).toMatchObject({ longLine: true, emptyLines: [expect.any(Number)] });
      const short = write('short.csv', `${header}${filler(20 << 20)}`);
      expect((await csvLayout(short)).longLine).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

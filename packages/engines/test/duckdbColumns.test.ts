import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { duckdbColumns } from '../src/index.js';

describe('duckdbColumns', () => {
  it('numbers of every numeric type as one Float64Array per column across chunks, NULL as NaN; other types as values', async () => {
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    try {
      // 5,000 rows: three chunks of DuckDB's 2,048; NULL every 7th row (crossing 32- and 64-bit word boundaries).
      const got = await duckdbColumns(
        c,
        `SELECT CASE WHEN i % 7 = 0 THEN NULL ELSE i / 3 END AS d, CAST(i AS INTEGER) AS n, CAST(i % 100 AS TINYINT) AS t,
                CAST(i % 200 AS UTINYINT) AS u, CAST(i AS FLOAT) AS f, i AS big, 'x' || i AS s, i % 2 = 0 AS b
         FROM range(5000) r(i) ORDER BY i`,
      );
      expect(got.d).toBeInstanceOf(Float64Array);
      expect(got.d).toHaveLength(5000);
      for (const i of [0, 1, 63, 64, 2047, 2048, 2049, 4095, 4999]) {
        expect(got.d![i]).toBe(i % 7 === 0 ? NaN : i / 3);
        expect([got.n![i], got.t![i], got.u![i], got.f![i]]).toEqual([i, i % 100, i % 200, i]);
        expect([got.big![i], got.s![i], got.b![i]]).toEqual([BigInt(i), `x${i}`, i % 2 === 0]);
      }
      expect(Array.isArray(got.s)).toBe(true);
      const empty = await duckdbColumns(c, 'SELECT 1.5 AS x WHERE false');
      expect(empty.x).toHaveLength(0);
    } finally {
      c.closeSync();
      db.closeSync();
    }
  });
});

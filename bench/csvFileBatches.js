// A UTF-8 CSV file as core's raw batches (what the streaming cases read): the file in 8 MB
// pieces, cut into batches of `rows` records by core's CsvBatcher. The cli's readBatches does
// the same with encoding sniffing and other formats; the bench cases keep free of cli modules.
import { createReadStream } from 'node:fs';
import { CsvBatcher } from '@jiance/core';

export async function* csvFileBatches(file, rows = 250_000) {
  const csv = new CsvBatcher(file, rows, 'utf-8');
  const decoder = new TextDecoder();
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 23 })) yield* csv.push(decoder.decode(chunk, { stream: true }));
  yield* csv.push(decoder.decode());
  yield* csv.end();
}

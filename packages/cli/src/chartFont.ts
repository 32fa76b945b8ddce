import { rmSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeEntities } from '@jiance/report';

/**
 * The font the charts' PNGs are drawn in, cut to the characters they use (图表字体子集).
 * Why: resvg-js reads the font's whole file again for every text element it lays out
 * (thx/resvg-js#367) — 5 MB of 文泉驿微米黑, 20 MB of 微软雅黑 — which made the 59 chart PNGs
 * of a 10⁵-student province 10 s of work. The subset (tens of KB) draws the same pixels: its glyphs
 * are the font's own, cut by HarfBuzz's subsetter (hb-subset, the library behind most web-font
 * tools).
 */
export interface ChartFont {
  /** The family name the charts' text is drawn in (what resvg is told for sans-serif). */
  family: string;
  /** The subset font files (one per face of the family), in the system's temporary folder (removed by `dispose`). */
  files: string[];
  /** Characters of the charts this font does not have: charts with any of them are drawn with the system's fonts. */
  missing: ReadonlySet<string>;
  /** Removes the subset files. */
  dispose(): Promise<void>;
}

/** The characters of an SVG's text (tags dropped, character references decoded as the report decodes them). */
export function svgCharacters(svg: string): Set<string> {
  const text = decodeEntities(svg.replace(/<[^>]*>/g, ''));
  const out = new Set<string>();
  for (const c of text) if (c.codePointAt(0)! >= 0x20) out.add(c);
  return out;
}

/**
 * Cuts face `faceIndex` of a font file (TTF, OTF or a TTC collection) to the given code points,
 * with HarfBuzz's subsetter (`hb_subset_or_fail`): outlines, metrics, cmap and names of those
 * glyphs, layout features kept as HarfBuzz keeps them by default.
 *
 * @example
 * const ttf = await subsetFont(readFileSync('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc'), 0, [0x6821, 0x95f4]); // 校间
 * ttf.length < 10_000; // => true
 */
export async function subsetFont(font: Uint8Array, faceIndex: number, codePoints: Iterable<number>): Promise<Uint8Array> {
  const hb = await subsetter();
  const at = hb.malloc(font.length);
  new Uint8Array(hb.memory.buffer).set(font, at);
  // HB_MEMORY_MODE_WRITABLE on our copy in the wasm heap, freed below once the subset is made.
  const blob = hb.hb_blob_create(at, font.length, 2, 0, 0);
  const face = hb.hb_face_create(blob, faceIndex);
  hb.hb_blob_destroy(blob);
  const input = hb.hb_subset_input_create_or_fail();
  const unicodes = hb.hb_subset_input_unicode_set(input);
  for (const cp of codePoints) hb.hb_set_add(unicodes, cp);
  const subset = hb.hb_subset_or_fail(face, input);
  hb.hb_subset_input_destroy(input);
  hb.hb_face_destroy(face);
  hb.free(at);
  if (!subset) throw new Error(`HarfBuzz could not subset face ${faceIndex} of the chart font`);
  const out = hb.hb_face_reference_blob(subset);
  const bytes = new Uint8Array(hb.memory.buffer, hb.hb_blob_get_data(out, 0), hb.hb_blob_get_length(out)).slice();
  hb.hb_blob_destroy(out);
  hb.hb_face_destroy(subset);
  return bytes;
}

/**
 * The chart font for a set of chart SVGs: every face of `family` in `fontFiles` (regular and
 * bold: resvg picks among them by weight as it would among the system's) cut to the charts'
 * characters, each written to a temporary file, and the characters some face lacks.
 */
export async function chartFont(svgs: Iterable<string>, family: string, fontFiles: readonly string[]): Promise<ChartFont> {
  const { Blob, Face } = await import('harfbuzzjs');
  const characters = new Set<string>();
  for (const svg of svgs) for (const c of svgCharacters(svg)) characters.add(c);
  const codePoints = [...characters].map((c) => c.codePointAt(0)!);
  const missing = new Set<string>();
  const files: string[] = [];
  const dispose = () => Promise.all(files.map((file) => rm(file, { force: true }))).then(() => undefined);
  try {
    for (const fontFile of fontFiles) {
      const bytes = new Uint8Array(await readFile(fontFile));
      const blob = new Blob(bytes);
      // A collection (ttcf) holds several faces: those named `family` (Noto Sans CJK's SC is its third).
      const view = new DataView(bytes.buffer, bytes.byteOffset);
      const faces = view.getUint32(0) === 0x74746366 ? view.getUint32(8) : 1;
      for (let i = 0; i < faces; i++) {
        const face = new Face(blob, i);
        if (face.getName(1, 'en') !== family && face.getName(16, 'en') !== family) continue;
        const has = new Set(face.collectUnicodes());
        for (const c of characters) if (!has.has(c.codePointAt(0)!)) missing.add(c);
        const file = join(tmpdir(), `jiance-chart-font-${process.pid}-${Math.random().toString(36).slice(2)}.ttf`);
        files.push(file);
        await writeFile(file, await subsetFont(bytes, i, codePoints));
      }
    }
    if (!files.length) throw new Error(`no face named ${family} in ${fontFiles.join(', ')}`);
  } catch (error) {
    await dispose();
    throw error;
  }
  // A run stopped by Ctrl+C exits without its finally blocks: the files go with the process.
  const atExit = () => {
    for (const file of files) rmSync(file, { force: true });
  };
  process.once('exit', atExit);
  return {
    family,
    files,
    missing,
    dispose: async () => {
      process.off('exit', atExit);
      await dispose();
    },
  };
}

/** The raw exports of harfbuzzjs's hb-subset build that {@link subsetFont} calls. */
interface Subsetter {
  memory: { buffer: ArrayBuffer };
  malloc(bytes: number): number;
  free(pointer: number): void;
  hb_blob_create(data: number, length: number, mode: number, userData: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, length: number): number;
  hb_blob_get_length(blob: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_unicode_set(input: number): number;
  hb_set_add(set: number, codePoint: number): void;
  hb_subset_or_fail(face: number, input: number): number;
}

let loaded: Promise<Subsetter> | undefined;

/** HarfBuzz's subsetter (harfbuzzjs's harfbuzz-subset.wasm), instantiated once per process. */
function subsetter(): Promise<Subsetter> {
  loaded ??= (async () => {
    const wasm = await readFile(createRequire(import.meta.url).resolve('harfbuzzjs/dist/harfbuzz-subset.wasm'));
    // WebAssembly is a Node global that the ES2022 library typings do not declare.
    const { WebAssembly: wasmApi } = globalThis as unknown as { WebAssembly: { instantiate(bytes: Uint8Array): Promise<{ instance: { exports: unknown } }> } };
    const { instance } = await wasmApi.instantiate(wasm);
    const exports = instance.exports as unknown as Subsetter & { _initialize(): void };
    exports._initialize();
    return exports;
  })();
  return loaded;
}

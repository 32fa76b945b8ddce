import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg, renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js';
import { chartFont, svgCharacters, type ChartFont } from './chartFont.js';

/**
 * CJK fonts for the PNG charts, fastest first: the file that shows a family is installed, then
 * the family's other files (its bold faces: chart titles are bold). Why an order: without the
 * subset of {@link chartFontFor}, resvg shapes every text run anew, and with a CFF-outline font
 * as large as Noto Sans CJK (20 MB) that costs about 15 ms a label, where a TrueType CJK font
 * (微软雅黑, 文泉驿微米黑) takes about 1 ms.
 */
const chartFonts: ReadonlyArray<{ family: string; files: string[] }> = [
  { family: 'Microsoft YaHei', files: ['msyh.ttc', 'msyhbd.ttc', 'msyhl.ttc'].map((f) => join(process.env.WINDIR ?? 'C:\\Windows', 'Fonts', f)) },
  { family: 'PingFang SC', files: ['/System/Library/Fonts/PingFang.ttc'] },
  { family: 'WenQuanYi Micro Hei', files: ['/usr/share/fonts/truetype/wqy/wqy-microhei.ttc'] },
  { family: 'Noto Sans CJK SC', files: ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc'] },
];

let chosen: { family: string; files: string[] } | undefined;

/** The first of {@link chartFonts} installed here and its installed files, looked up once per process. */
function chosenFont(): { family: string; files: string[] } {
  if (!chosen) {
    const found = chartFonts.find((font) => existsSync(font.files[0]!));
    chosen = found ? { family: found.family, files: found.files.filter((file) => existsSync(file)) } : { family: 'Noto Sans CJK SC', files: [] };
  }
  return chosen;
}

/**
 * The font family the PNG charts are drawn in: the first of {@link chartFonts} installed here,
 * else Noto Sans CJK SC (resvg then falls back to whatever system font has the glyphs).
 */
export function chartFontFamily(): string {
  return chosenFont().family;
}

/**
 * The chart font of a run's charts ({@link chartFont}): the chosen family cut to the charts'
 * characters, or undefined when no known CJK font file is installed or it cannot be cut (the
 * charts are then drawn with the system's fonts: the same pictures, slower).
 */
export async function chartFontFor(svgs: readonly string[]): Promise<ChartFont | undefined> {
  const { family, files } = chosenFont();
  if (!files.length) return undefined;
  return chartFont(svgs, family, files).catch(() => undefined);
}

/**
 * An SVG chart as PNG for pasting into Word (图表 PNG), at 2× for print, with the system's
 * fonts (Chinese needs a CJK font: Debian's fonts-wqy-microhei draws fastest, fonts-noto-cjk
 * works; resvg never downloads). Vega writes `font-family="sans-serif"`, which is drawn in
 * {@link chartFontFamily}.
 *
 * @example
 * chartPng(svg).subarray(1, 4).toString(); // => 'PNG'
 */
export function chartPng(svg: string, scale = 2): Buffer {
  return new Resvg(svg, pngOptions(scale)).render().asPng();
}

/**
 * {@link chartPng} on one of libuv's threads (resvg's `renderAsync`), in `font` (the run's
 * {@link chartFontFor}) when it has every character of the chart: the same bytes, many times
 * faster, and many charts drawn at once use every core while JavaScript goes on.
 *
 * @example
 * (await chartPngAsync(svg)).equals(chartPng(svg)); // => true
 */
export async function chartPngAsync(svg: string, scale = 2, font?: ChartFont): Promise<Buffer> {
  return (await renderAsync(svg, pngOptions(scale, font && ![...svgCharacters(svg)].some((c) => font.missing.has(c)) ? font : undefined))).asPng();
}

/** resvg's options: the chart font's subset alone when given (it has every character of the chart), else the system's fonts. */
const pngOptions = (scale: number, font?: ChartFont): ResvgRenderOptions => {
  const family = font?.family ?? chartFontFamily();
  return {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: font
      ? { loadSystemFonts: false, fontFiles: font.files, defaultFontFamily: family, sansSerifFamily: family }
      : { loadSystemFonts: true, defaultFontFamily: family, sansSerifFamily: family },
  };
};

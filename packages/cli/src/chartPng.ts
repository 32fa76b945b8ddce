import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';

/**
 * CJK fonts for the PNG charts, fastest first, each with a file that shows it is installed.
 * Why an order: resvg shapes every text run anew, and with a CFF-outline font as large as Noto
 * Sans CJK (20 MB) that costs about 15 ms a label — 0.35 s a chart, most of a small run — where
 * a TrueType CJK font (微软雅黑, 文泉驿微米黑) takes about 1 ms. Any installed font still fills in
 * a glyph the chosen one lacks (system fonts are loaded).
 */
const chartFonts: ReadonlyArray<{ family: string; files: string[] }> = [
  { family: 'Microsoft YaHei', files: [join(process.env.WINDIR ?? 'C:\\Windows', 'Fonts', 'msyh.ttc')] },
  { family: 'PingFang SC', files: ['/System/Library/Fonts/PingFang.ttc'] },
  { family: 'WenQuanYi Micro Hei', files: ['/usr/share/fonts/truetype/wqy/wqy-microhei.ttc'] },
  { family: 'Noto Sans CJK SC', files: ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'] },
];

let chosenFamily: string | undefined;

/**
 * The font family the PNG charts are drawn in: the first of {@link chartFonts} installed here,
 * else Noto Sans CJK SC (resvg then falls back to whatever system font has the glyphs).
 * Looked up once per process.
 */
export function chartFontFamily(): string {
  chosenFamily ??= chartFonts.find((font) => font.files.some((file) => existsSync(file)))?.family ?? 'Noto Sans CJK SC';
  return chosenFamily;
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
  const family = chartFontFamily();
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: { loadSystemFonts: true, defaultFontFamily: family, sansSerifFamily: family },
  });
  return resvg.render().asPng();
}

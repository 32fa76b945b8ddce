import { Resvg } from '@resvg/resvg-js';

/**
 * An SVG chart as PNG for pasting into Word (图表 PNG), at 2× for print, with the system's
 * fonts (Chinese needs Debian's fonts-noto-cjk or any CJK font; resvg never downloads).
 *
 * @example
 * chartPng(svg).subarray(1, 4).toString(); // => 'PNG'
 */
export function chartPng(svg: string, scale = 2): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: { loadSystemFonts: true, defaultFontFamily: 'Noto Sans CJK SC' },
  });
  return resvg.render().asPng();
}

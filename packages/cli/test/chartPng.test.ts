import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { chartFontFamily, chartPng } from '../src/chartPng.js';

const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="30"><text x="4" y="20" font-family="sans-serif" font-size="14">校间差异 ICC</text></svg>`;

describe('chartPng', () => {
  it('chartPng(svg) is a PNG at twice the size of the SVG, on white', () => {
    const png = chartPng(svg);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    // IHDR: width and height, big-endian, at bytes 16 and 20.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([240, 60]);
  });

  it('chartFontFamily() is one of the known CJK families, and it draws the Chinese label', () => {
    const family = chartFontFamily();
    expect(['Microsoft YaHei', 'PingFang SC', 'WenQuanYi Micro Hei', 'Noto Sans CJK SC']).toContain(family);
    // The label drawn: glyphs, not an empty picture.
    const pixels = new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: family, sansSerifFamily: family } }).render().pixels;
    let dark = 0;
    for (let i = 3; i < pixels.length; i += 4) if ((pixels[i] ?? 0) > 128) dark++;
    expect(dark).toBeGreaterThan(100);
  });
});

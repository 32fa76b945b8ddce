import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { svgCharacters } from '../src/chartFont.js';
import { chartFontFamily, chartFontFor, chartPng, chartPngAsync } from '../src/chartPng.js';
import { existsSync } from 'node:fs';

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

  it('chartPngAsync(svg) gives the bytes of chartPng(svg), also many at once', async () => {
    const svgs = Array.from({ length: 6 }, (_, i) => svg.replace('ICC', `ICC ${i}`));
    const pngs = await Promise.all(svgs.map((s) => chartPngAsync(s)));
    pngs.forEach((png, i) => expect(png.equals(chartPng(svgs[i]!)), `chart ${i}`).toBe(true));
    expect((await chartPngAsync(svg, 1)).equals(chartPng(svg, 1))).toBe(true);
  });

  it('svgCharacters reads the text of an SVG, character references decoded', () => {
    expect([...svgCharacters('<svg><text x="1">青山&amp;&#x4e00;&#20108;&lt;</text><title>A</title></svg>')].join('')).toBe('青山&一二<A');
  });

  it('in the chart font of a run (the family cut to the characters of its charts) every PNG has the bytes drawn with the system fonts', async () => {
    const charts = [svg, svg.replace('校间差异 ICC', '青山县第一小学 0.25（95% CI）'), svg.replace('校间差异 ICC', '𠮷野家 ✓')];
    const font = await chartFontFor(charts);
    // Without a known CJK font file there is no chart font (the system's fonts draw every chart).
    if (!existsSync('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc')) return expect(font).toBeUndefined();
    expect(font!.family).toBe(chartFontFamily());
    // 𠮷 (U+20BB7) is not in 文泉驿微米黑: its chart is drawn with the system's fonts, as before.
    expect(font!.missing.has('𠮷')).toBe(true);
    expect(font!.missing.has('青')).toBe(false);
    try {
      for (const chart of charts) expect((await chartPngAsync(chart, 2, font)).equals(chartPng(chart))).toBe(true);
    } finally {
      await font!.dispose();
    }
    expect(existsSync(font!.file)).toBe(false);
  });
});

import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { chartFont, svgCharacters } from '../src/chartFont.js';
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
    if (!font) return;
    expect(font.family).toBe(chartFontFamily());
    expect(font.missing.has('青')).toBe(false);
    try {
      // A chart with a character some face lacks is drawn with the system's fonts: the same bytes too.
      for (const chart of charts) expect((await chartPngAsync(chart, 2, font)).equals(chartPng(chart))).toBe(true);
    } finally {
      await font.dispose();
    }
    for (const file of font.files) expect(existsSync(file)).toBe(false);
  });

  it('bold labels are drawn from the bold face of the family, as with the system fonts (Noto Sans CJK SC, regular and bold files)', async () => {
    const files = ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc'];
    if (!files.every((f) => existsSync(f))) return;
    const family = 'Noto Sans CJK SC';
    const bold = svg.replace('font-size="14"', 'font-size="14" font-weight="bold"');
    const font = await chartFont([svg, bold], family, files);
    try {
      expect(font.files).toHaveLength(2);
      for (const chart of [svg, bold]) {
        const system = new Resvg(chart, {
          fitTo: { mode: 'zoom', value: 2 },
          background: 'white',
          font: { loadSystemFonts: true, defaultFontFamily: family, sansSerifFamily: family },
        });
        expect((await chartPngAsync(chart, 2, font)).equals(system.render().asPng())).toBe(true);
      }
      // The bold face draws other pixels than the regular one: the check above can fail.
      const regularOnly = await chartFont([bold], family, files.slice(0, 1));
      try {
        expect((await chartPngAsync(bold, 2, regularOnly)).equals(await chartPngAsync(bold, 2, font))).toBe(false);
      } finally {
        await regularOnly.dispose();
      }
    } finally {
      await font.dispose();
    }
  });
});

import { compile, type TopLevelSpec } from 'vega-lite';
import { View, parse } from 'vega';
import { withoutNonXmlCharacters } from '../xmlCharacters.js';

/** A chart compiled and rendered: the Vega-Lite spec, the SVG, and any compiler warnings. */
export interface RenderedChart {
  spec: TopLevelSpec;
  svg: string;
  warnings: string[];
}

/**
 * Compiles a Vega-Lite spec and renders it to SVG with vega's headless view (no browser, no
 * canvas: `renderer: 'none'`), so the report needs no JavaScript to show charts.
 *
 * @example
 * (await renderChart(iccSpec(summary))).svg.startsWith('<svg'); // => true
 */
export async function renderChart(spec: TopLevelSpec): Promise<RenderedChart> {
  const warnings: string[] = [];
  const logger = {
    level: (): number => 0,
    warn: (...args: unknown[]) => {
      warnings.push(args.map(String).join(' '));
      return logger;
    },
    info: () => logger,
    debug: () => logger,
    error: (...args: unknown[]) => {
      throw new Error(args.map(String).join(' '));
    },
  };
  // vega-lite's logger type is a class; this object satisfies its used methods.
  const compiled = compile(spec, { logger: logger }).spec;
  const view = new View(parse(compiled), { renderer: 'none' });
  view.logger({ ...logger, warn: (...args: unknown[]) => (warnings.push(args.map(String).join(' ')), logger) } as never);
  // vega escapes markup but keeps control characters, which make an SVG file unreadable.
  const svg = withoutNonXmlCharacters(await view.toSVG());
  view.finalize();
  return { spec, svg, warnings };
}

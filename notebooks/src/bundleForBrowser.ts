import { builtinModules } from 'node:module';
import { build, type Plugin } from 'esbuild';
import { notebooksDir } from './prepareData.js';

const nodeBuiltins = new Set(builtinModules);

/** What {@link bundleForBrowser} wrote. */
export interface BrowserBundle {
  outfile: string;
  bytes: number;
  /** Source files that went into the bundle (paths relative to notebooks/). */
  inputs: string[];
}

/**
 * Bundles @jiance/core and @jiance/report (their built `dist/`, as published) into one ESM
 * file for the browser (浏览器用的单文件包), e.g. to import Jiance in an online notebook.
 * esbuild runs for platform 'browser' and the build fails on any import of a Node built-in
 * (`node:fs`, `fs`, `path`, …), so the file proves both packages run without Node.
 *
 * @example
 * (await bundleForBrowser('out/notebooks/jiance.js')).inputs.some((p) => p.includes('packages/core/dist')); // => true
 */
export async function bundleForBrowser(
  outfile: string,
  options: { minify?: boolean /** Entry module source (default: re-export core and report). */; entry?: string } = {},
): Promise<BrowserBundle> {
  const noNode: Plugin = {
    name: 'no-node-builtins',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) =>
        args.path.startsWith('node:') || nodeBuiltins.has(args.path.split('/')[0]!)
          ? { errors: [{ text: `Node built-in "${args.path}" imported by ${args.importer}: @jiance/core and @jiance/report must run in a browser` }] }
          : undefined,
      );
    },
  };
  const result = await build({
    stdin: {
      contents: options.entry ?? "export * from '@jiance/core';\nexport * from '@jiance/report';\n",
      resolveDir: notebooksDir,
      sourcefile: 'jiance-browser-entry.js',
      loader: 'js',
    },
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    minify: options.minify ?? true,
    legalComments: 'eof',
    outfile,
    metafile: true,
    logLevel: 'silent',
    plugins: [noNode],
  });
  return {
    outfile,
    bytes: result.metafile.outputs[Object.keys(result.metafile.outputs)[0]!]!.bytes,
    inputs: Object.keys(result.metafile.inputs),
  };
}

/**
 * Bundles the CLI into dist/pol.js (and its batch worker into dist/worker.js). Why: run through
 * tsx, every start of `pol` transforms and loads some two hundred modules through loader hooks,
 * 2.3 s of CPU for `pol --help`; the bundle starts in a tenth of that. The tests that run the CLI
 * as a user would (a child process per command) run the bundle, built fresh by the test set-up
 * (test/support/global-setup.ts); bin/pol.js, what users run, runs it when no source it was built
 * from has changed since (dist/inputs.json lists them), else the sources through tsx.
 *
 * Left out: what loads files of its own from its package (z3's WebAssembly, DuckDB's native
 * binary, esbuild's binary), and what is large and needed only by some commands (TypeScript,
 * prettier): they are imported from node_modules as they are.
 */
import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const HERE = import.meta.dirname;
export const BUNDLE = join(HERE, 'dist/pol.js');

/** The source files the bundle was built from, for bin/pol.js to tell a stale bundle (bin/bundle-is-fresh.js). */
export const INPUTS = join(HERE, 'dist/inputs.json');

export async function bundleCli(): Promise<string> {
  const result = await build({
    metafile: true,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    logLevel: 'warning',
    entryPoints: { pol: join(HERE, 'src/bin.ts'), worker: join(HERE, 'src/batch/worker.ts') },
    outdir: join(HERE, 'dist'),
    external: ['z3-solver', '@duckdb/node-api', 'esbuild', 'typescript', 'prettier', 'tsx'],
    // the batch pool starts dist/worker.js instead of the tsx entry beside the sources
    define: { __POL_BUNDLED__: 'true' },
    // esm bundles of CommonJS dependencies need a require of their own
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  const sources = Object.keys(result.metafile.inputs)
    .filter((f) => !f.includes('node_modules/'))
    // relative to dist/, so a moved or copied checkout still finds them
    .map((f) => relative(dirname(INPUTS), resolve(f)));
  writeFileSync(INPUTS, JSON.stringify(sources) + '\n');
  return BUNDLE;
}

if (process.argv[1] === import.meta.filename) process.stdout.write(`built ${await bundleCli()}\n`);

/**
 * Bundles the CLI into dist/pol.js (and its batch worker into dist/worker.js). Why: run through
 * tsx, every start of `pol` transforms and loads some two hundred modules through loader hooks,
 * 2.3 s of CPU for `pol --help`; the bundle starts in a tenth of that. The tests that run the CLI
 * as a user would (a child process per command) run the bundle, built fresh by the test set-up
 * (test/support/global-setup.ts); bin/pol.js, what users run, still runs the sources.
 *
 * Left out: what loads files of its own from its package (z3's WebAssembly, DuckDB's native
 * binary, esbuild's binary), and what is large and needed only by some commands (TypeScript,
 * prettier): they are imported from node_modules as they are.
 */
import { build } from 'esbuild';
import { join } from 'node:path';

const HERE = import.meta.dirname;
export const BUNDLE = join(HERE, 'dist/pol.js');

export async function bundleCli(): Promise<string> {
  await build({
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
  return BUNDLE;
}

if (process.argv[1] === import.meta.filename) process.stdout.write(`built ${await bundleCli()}\n`);

/**
 * Builds the playground into dist/: a static page, its script and the language service's Web
 * Worker. The AI Diffusion policy's files are bundled in, so the page needs no server of its own.
 */
import { readdirSync, readFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';

const HERE = import.meta.dirname;
const REPO = resolve(HERE, '../..');
export const DIST = join(HERE, 'dist');

/** `virtual:policy-files`: { path: text } of the policies, with paths as the page names them (`/ai-diffusion/ifr.pol`). */
const policyFiles: Plugin = {
  name: 'policy-files',
  setup(b) {
    b.onResolve({ filter: /^virtual:policy-files$/ }, () => ({ path: 'policy-files', namespace: 'virtual' }));
    b.onLoad({ filter: /.*/, namespace: 'virtual' }, () => {
      // Every folder of policies/: the IFR imports the shared EAR country groups from ../ear.
      const root = join(REPO, 'policies');
      const files: Record<string, string> = {};
      for (const d of readdirSync(root).sort()) {
        if (d === 'sample') continue;
        for (const f of readdirSync(join(root, d)).sort()) if (f.endsWith('.pol') || f.endsWith('.pol.md') || f === 'samples.jsonl') files[`/${d}/${f}`] = readFileSync(join(root, d, f), 'utf8');
      }
      return { contents: `export default ${JSON.stringify(files)};`, loader: 'js', watchFiles: Object.keys(files).map((f) => join(root, f)) };
    });
  },
};

export async function buildPlayground(): Promise<string> {
  mkdirSync(DIST, { recursive: true });
  const common = {
    bundle: true,
    format: 'esm' as const,
    platform: 'browser' as const,
    target: 'es2022',
    minify: true,
    sourcemap: true,
    logLevel: 'warning' as const,
    plugins: [policyFiles],
    // The compiler's optional steps (typescript's transpiler, esbuild) are never called here.
    external: ['typescript', 'esbuild'],
    alias: { prettier: 'prettier/standalone', 'node:crypto': join(HERE, 'src/shims/crypto.ts') },
    inject: [join(HERE, 'src/shims/buffer.ts')],
  };
  await build({ ...common, entryPoints: [join(HERE, 'src/worker.ts')], outfile: join(DIST, 'worker.js') });
  await build({ ...common, entryPoints: [join(HERE, 'src/main.ts')], outfile: join(DIST, 'main.js') });
  copyFileSync(join(HERE, 'src/index.html'), join(DIST, 'index.html'));
  return DIST;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(HERE, 'build.ts')) {
  await buildPlayground();
  process.stdout.write(`playground built in ${DIST}\n`);
}

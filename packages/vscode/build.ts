/**
 * Bundles the extension (which runs inside VS Code) and the Pol language server (which it starts
 * as a child process) into dist/, and copies the TextMate grammar in, so the .vsix needs nothing
 * from the repository or from npm at run time.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const HERE = import.meta.dirname;
mkdirSync(join(HERE, 'dist'), { recursive: true });
mkdirSync(join(HERE, 'syntaxes'), { recursive: true });
copyFileSync(resolve(HERE, '../../grammar/pol.tmLanguage.json'), join(HERE, 'syntaxes/pol.tmLanguage.json'));
const common = { bundle: true, platform: 'node' as const, target: 'node20', logLevel: 'warning' as const, minify: true };
await build({ ...common, entryPoints: [join(HERE, 'src/extension.ts')], outfile: join(HERE, 'dist/extension.cjs'), format: 'cjs', external: ['vscode'] });
await build({
  ...common,
  entryPoints: [join(HERE, 'src/server-main.ts')],
  outfile: join(HERE, 'dist/server.js'),
  format: 'esm',
  // prettier's standalone build formats with the Pol plugin just as well, at a third of the size.
  alias: { prettier: 'prettier/standalone' },
  // The solver (z3's WebAssembly) stays out of the bundle: the server then reports the checker's findings only.
  external: ['@pol/analysis'],
  // esm bundles of CommonJS dependencies need a require of their own.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
process.stdout.write('built packages/vscode/dist/{extension,server}.js\n');

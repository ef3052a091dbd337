/**
 * The plugin as users run it: the stock Prettier CLI with the bundled dist/index.js, built here
 * with esbuild exactly as `pnpm --filter prettier-plugin-pol build` builds it.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { format, PLUGIN_DIR, policyFiles, ROOT } from './harness.ts';

const run = promisify(execFile);
const DIST = join(PLUGIN_DIR, 'dist/index.js');
const PRETTIER = join(ROOT, 'node_modules/prettier/bin/prettier.cjs');

interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function prettier(...args: string[]): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(process.execPath, [PRETTIER, '--no-config', '--no-editorconfig', '--plugin', DIST, ...args], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: err.code ?? -1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}

/** The part of esbuild's API used here (its types are not visible from test/). */
interface EsbuildApi {
  build(options: {
    entryPoints: string[];
    bundle: boolean;
    platform: 'node';
    format: 'esm';
    outfile: string;
    external: string[];
    logLevel: 'silent';
    write: false;
    absWorkingDir: string;
  }): Promise<{ outputFiles: { path: string; text: string }[] }>;
}

const UNFORMATTED = 'rule r "Title" { cites "15 CFR 1" when a and b decide f(x: 1) }\n';
let dir = '';

beforeAll(async () => {
  // esbuild is the plugin package's devDependency: load it from there
  const esbuild = createRequire(join(PLUGIN_DIR, 'package.json'))('esbuild') as EsbuildApi;
  const built = await esbuild.build({
    entryPoints: [join(PLUGIN_DIR, 'src/index.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: DIST,
    external: ['prettier'],
    logLevel: 'silent',
    write: false,
    // where the package's build script runs: the bundle's path comments are relative to it
    absWorkingDir: PLUGIN_DIR,
  });
  // written only when the sources changed since the last build: the CLI's bundle counts this file
  // among its inputs (bin/bundle-is-fresh.js), and a rewrite of the same text made every `pol`
  // after `pnpm test` run from the TypeScript sources, at several times the time
  const text = built.outputFiles[0]!.text;
  if (!existsSync(DIST) || readFileSync(DIST, 'utf8') !== text) writeFileSync(DIST, text);
  dir = mkdtempSync(join(tmpdir(), 'pol-fmt-'));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('prettier CLI with dist/index.js', () => {
  it('--check passes a formatted file', async () => {
    const file = join(dir, 'formatted.pol');
    writeFileSync(file, await format(UNFORMATTED));
    const out = await prettier('--check', file);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toContain('All matched files use Prettier code style!');
  });

  it('--check fails an unformatted file and names it', async () => {
    const file = join(dir, 'unformatted.pol');
    writeFileSync(file, UNFORMATTED);
    const out = await prettier('--check', file);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('unformatted.pol');
  });

  it('prints what formatPol prints, with printWidth 100 by default', async () => {
    const long = `define d = ${Array.from({ length: 12 }, (_, i) => `condition_${i}`).join(' and ')}\n`;
    const file = join(dir, 'long.pol');
    writeFileSync(file, UNFORMATTED + long);
    const out = await prettier(file);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toBe(await format(UNFORMATTED + long));
    expect(out.stdout).toContain('define d =\n  condition_0\n  and condition_1\n');
    const narrow = await prettier('--print-width', '40', file);
    expect(narrow.stdout).toBe(await format(UNFORMATTED + long, 40));
  });

  it('--write leaves a file with syntax errors untouched and reports the error', async () => {
    const file = join(dir, 'broken.pol');
    const broken = 'rule r {\n  when a and\n}\n';
    writeFileSync(file, broken);
    const out = await prettier('--write', file);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('SyntaxError: expected an expression');
    expect(out.stderr).toMatch(/\(3:1\)/);
    expect(readFileSync(file, 'utf8')).toBe(broken);
  });

  it('--list-different lists exactly the policies formatPol would change', async () => {
    const out = await prettier('--list-different', 'policies/**/*.pol', 'policies/**/*.pol.md');
    const listed = out.stdout.split('\n').filter(Boolean).sort();
    const expected: string[] = [];
    for (const file of policyFiles()) {
      const text = readFileSync(file, 'utf8');
      if ((await format(text, undefined, file)) !== text) expected.push(relative(ROOT, file));
    }
    expect(listed).toEqual(expected.sort());
    expect(out.code).toBe(expected.length === 0 ? 0 : 1);
  });
});

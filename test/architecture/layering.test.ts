/**
 * The layering is enforced, not only written down:
 * (a) inside @pol/core each folder imports only itself and folders to its left on the ladder
 *     (tests excepted), and the ladder in docs/architecture.md is this one;
 * (b) the compiler and the analysis never reach packages/core/src/interpreter: a back end must not
 *     borrow the semantics it is tested against. The analysis's confirm.ts is the one named
 *     exception (a witness is reported only when the reference interpreter confirms it).
 */
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../support/policy-files.ts';

/** Loosest first: each folder may import the folders before it. */
export const LADDER = ['source', 'calendar', 'builtins', 'diagnostics', 'ast', 'syntax', 'types', 'values', 'checker', 'result', 'ir', 'program', 'interpreter', 'api'];

const CORE = join(REPO, 'packages/core/src');

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (name === 'node_modules') continue;
    if (statSync(p).isDirectory()) out.push(...tsFiles(p));
    else if (name.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** Every module specifier a file names: static imports and re-exports (type-only ones too) and dynamic imports. */
function specifiers(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\b[^'";]*?\bfrom\s*['"]([^'"]+)['"]/gm)) out.push(m[1]!);
  for (const m of text.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm)) out.push(m[1]!);
  for (const m of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1]!);
  return out;
}

/** The file a specifier names inside the workspace, or undefined for node: and third-party modules. */
function resolveSpecifier(from: string, spec: string): string | undefined {
  if (spec.startsWith('.')) return resolve(dirname(from), spec);
  const m = /^(@pol\/[a-z-]+|prettier-plugin-pol)(\/.*)?$/.exec(spec);
  if (!m) return undefined;
  const pkgDir = join(REPO, 'packages', m[1] === 'prettier-plugin-pol' ? 'prettier-plugin-pol' : m[1]!.slice(5));
  const exportsMap = (JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { exports: Record<string, string | { source: string }> }).exports;
  const target = exportsMap[m[2] ? `.${m[2]}` : '.'];
  if (target === undefined) throw new Error(`${relative(REPO, from)}: ${spec} is not exported by ${m[1]}`);
  return join(pkgDir, typeof target === 'string' ? target : target.source);
}

describe('the folder ladder inside @pol/core', () => {
  const files = tsFiles(CORE).filter((f) => !f.endsWith('.test.ts'));
  const folderOf = (f: string): string | undefined => {
    const rel = relative(CORE, f);
    return rel.includes('/') ? rel.slice(0, rel.indexOf('/')) : undefined; // index.ts at the top: anything
  };

  it('puts every folder on the ladder', () => {
    const folders = readdirSync(CORE).filter((n) => statSync(join(CORE, n)).isDirectory());
    expect(folders.filter((f) => !LADDER.includes(f))).toEqual([]);
  });

  /** Whether a file in folder `own` may import `target` (a file of core, or its root index). */
  const allowed = (own: string, target: string): boolean => {
    const other = folderOf(target);
    return other !== undefined && LADDER.indexOf(other) <= LADDER.indexOf(own);
  };

  it('has each folder import only itself and folders to its left', () => {
    const wrong: string[] = [];
    for (const f of files) {
      const own = folderOf(f);
      if (own === undefined) continue;
      for (const spec of specifiers(f)) {
        const target = resolveSpecifier(f, spec);
        if (target && target.startsWith(CORE) && !allowed(own, target)) wrong.push(`${relative(CORE, f)} imports ${spec}`);
      }
    }
    expect(files.length).toBeGreaterThan(40);
    expect(wrong).toEqual([]);
  });

  it('refuses what it should: the parser importing the type layer, the checker the interpreter, anything the root', () => {
    expect(allowed('syntax', join(CORE, 'types/pol-types.ts'))).toBe(false);
    expect(allowed('checker', join(CORE, 'interpreter/evaluate.ts'))).toBe(false);
    expect(allowed('ir', join(CORE, 'index.ts'))).toBe(false);
    expect(allowed('syntax', join(CORE, 'calendar/dates.ts'))).toBe(true);
  });

  it('is the ladder docs/architecture.md states', () => {
    const doc = readFileSync(join(REPO, 'docs/architecture.md'), 'utf8');
    expect(doc).toContain(LADDER.map((f) => `\`${f}\``).join(' ◀ '));
  });
});

describe('the back ends and the interpreter', () => {
  const INTERPRETER = join(CORE, 'interpreter') + '/';
  const CONFIRM = join(REPO, 'packages/analysis/src/confirm.ts');

  /** The files `roots` reach through imports, not going past `stop`; with the path to each. */
  function reach(roots: readonly string[], stop: ReadonlySet<string>): Map<string, string[]> {
    const seen = new Map<string, string[]>();
    const queue: string[][] = roots.map((r) => [r]);
    while (queue.length) {
      const path = queue.shift()!;
      const file = path[path.length - 1]!;
      if (seen.has(file)) continue;
      seen.set(file, path);
      if (stop.has(file) || !existsSync(file)) continue;
      for (const spec of specifiers(file)) {
        const target = resolveSpecifier(file, spec);
        if (target) queue.push([...path, target]);
      }
    }
    return seen;
  }

  const show = (path: readonly string[]) => path.map((p) => relative(REPO, p)).join(' -> ');

  for (const pkg of ['compiler', 'analysis']) {
    it(`packages/${pkg}/src reaches nothing in packages/core/src/interpreter`, () => {
      // a back end's own tests compare it with the interpreter on purpose; its code may not
      const roots = tsFiles(join(REPO, 'packages', pkg, 'src')).filter((f) => !f.endsWith('.test.ts'));
      expect(roots.length).toBeGreaterThan(0);
      const reached = reach(roots, new Set([CONFIRM]));
      expect(reached.size).toBeGreaterThan(roots.length); // it does follow imports into core
      const bad = [...reached].filter(([f]) => f.startsWith(INTERPRETER)).map(([, path]) => show(path));
      expect(bad).toEqual([]);
    });
  }

  it('would notice the barrel: @pol/core reaches the interpreter', () => {
    const reached = reach([join(CORE, 'index.ts')], new Set());
    expect([...reached.keys()].some((f) => f.startsWith(INTERPRETER))).toBe(true);
  });

  it('names its one exception: confirm.ts imports the interpreter, and only through @pol/core/interpreter', () => {
    expect(specifiers(CONFIRM)).toContain('@pol/core/interpreter');
    const direct = tsFiles(join(REPO, 'packages/analysis/src'))
      .filter((f) => !f.endsWith('.test.ts'))
      .filter((f) => specifiers(f).some((s) => s === '@pol/core' || s === '@pol/core/interpreter'))
      .map((f) => relative(REPO, f));
    expect(direct).toEqual(['packages/analysis/src/confirm.ts']);
  });
});

/**
 * Reads a policy and the files it imports, depth first. Files come out imported-before-importer,
 * which is also the order their rules take precedence in.
 */
import type { PolFile } from '../ast/nodes.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { SourceFile } from '../source/span.ts';
import { parseSource, type ParseResult } from '../syntax/parse.ts';

/** Returns the file text, or undefined when it cannot be read. */
export type ReadFile = (path: string) => string | undefined;

export interface LoadedPolicy {
  readonly rootPath: string;
  readonly files: readonly PolFile[];
  readonly sources: ReadonlyMap<string, SourceFile>;
  readonly diagnostics: readonly Diagnostic[];
}

export function resolveImportPath(fromFile: string, spec: string): string {
  if (spec.startsWith('/')) return normalize(spec);
  const dir = fromFile.includes('/') ? fromFile.slice(0, fromFile.lastIndexOf('/')) : '.';
  return normalize(`${dir}/${spec}`);
}

function normalize(path: string): string {
  const abs = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(part);
  }
  return (abs ? '/' : '') + (out.join('/') || '.');
}

export interface LoadOptions {
  /**
   * The folder imports must stay in (the policy's project). An import that resolves outside it is
   * refused before it is read, so no file outside the project is opened or quoted in an error.
   */
  readonly projectRoot?: string;
  /** the folder relative paths are relative to (absolute); needed with a relative projectRoot or paths */
  readonly cwd?: string;
  /** how a file is parsed (an editor passes its cache, so only the edited file is parsed again) */
  readonly parse?: (path: string, text: string) => ParseResult;
}

/** Whether `path` is `root` or inside it; relative paths are taken relative to `cwd`. */
export function isInside(path: string, root: string, cwd = '/'): boolean {
  const abs = (x: string): string => normalize(x.startsWith('/') ? x : `${cwd}/${x}`);
  const r = abs(root);
  const p = abs(path);
  // normalize('/') is '/.': the whole file system
  return r === '/.' || p === r || p.startsWith(`${r}/`);
}

export function loadPolicy(rootPath: string, read: ReadFile, options: LoadOptions = {}): LoadedPolicy {
  const files: PolFile[] = [];
  const sources = new Map<string, SourceFile>();
  const diagnostics: Diagnostic[] = [];
  const done = new Set<string>();
  const onStack: string[] = [];

  const visit = (path: string): void => {
    if (done.has(path)) return;
    onStack.push(path);
    const text = read(path);
    if (text === undefined) {
      onStack.pop();
      return;
    }
    const source = new SourceFile(path, text);
    sources.set(path, source);
    const parsed = (options.parse ?? parseSource)(path, text);
    diagnostics.push(...parsed.diagnostics);
    for (const imp of parsed.file.imports) {
      const target = resolveImportPath(path, imp.path.value);
      const projectRoot = options.projectRoot;
      if (projectRoot !== undefined && !isInside(target, projectRoot, options.cwd)) {
        diagnostics.push({
          code: 'import/outside-project',
          severity: 'error',
          message: `the imported file \`${imp.path.value}\` is outside this policy's project`,
          span: imp.path.span,
          label: `the project folder is ${projectRoot}`,
          help: 'keep imported files inside the project folder (the nearest folder with a package.json or pol.json), or name a wider one with `--root <folder>`',
        });
        continue;
      }
      if (onStack.includes(target)) {
        const cycle = [...onStack.slice(onStack.indexOf(target)), target].map((p) => p.split('/').pop()).join(' -> ');
        diagnostics.push({
          code: 'import/cycle',
          severity: 'error',
          message: `files import each other in a cycle: ${cycle}`,
          span: imp.span,
          help: 'move the shared declarations into a file that both import',
        });
        continue;
      }
      if (!done.has(target) && read(target) === undefined) {
        diagnostics.push({
          code: 'import/not-found',
          severity: 'error',
          message: `cannot read the imported file \`${imp.path.value}\``,
          span: imp.path.span,
          label: `looked for ${target}`,
          help: 'check the path; it is relative to the file that imports it',
        });
        continue;
      }
      visit(target);
    }
    onStack.pop();
    done.add(path);
    files.push(parsed.file);
  };

  if (read(rootPath) === undefined) {
    diagnostics.push({ code: 'import/not-found', severity: 'error', message: `cannot read \`${rootPath}\`` });
  } else {
    visit(rootPath);
  }
  return { rootPath, files, sources, diagnostics };
}

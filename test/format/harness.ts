/** Shared helpers of the formatter tests. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseSource } from '../../packages/core/src/syntax/parse.ts';
import { formatPol } from '../../packages/prettier-plugin-pol/src/index.ts';
import { stripSpans } from './strip-spans.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
export const PLUGIN_DIR = join(ROOT, 'packages/prettier-plugin-pol');

/** fast-check runs: POL_FC_RUNS, 200 by default; the seed is fixed (POL_FC_SEED overrides it to explore) so failures replay. */
export const FC_RUNS = Number(process.env.POL_FC_RUNS ?? 200);
export const FC_SEED = Number(process.env.POL_FC_SEED ?? 42);

/** `path` ending in `.pol.md` formats the text as a literate policy (Markdown around `pol` blocks). */
export function format(text: string, printWidth?: number, path?: string): Promise<string> {
  return formatPol(text, { ...(printWidth === undefined ? {} : { printWidth }), ...(path === undefined ? {} : { filepath: path }) });
}

/** The syntax tree of a text that must parse cleanly, spans and comments set aside. */
export function meaning(text: string, path = 'x.pol'): unknown {
  const parsed = parseSource(path, text);
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    throw new Error(`does not parse: ${errors.map((d) => `${d.message} @${d.span?.start}`).join('; ')}\n${text}`);
  }
  return stripSpans(parsed.file);
}

/** The comment texts in order (trailing spaces are not part of a comment's text on output). */
export function commentTexts(text: string, path = 'x.pol'): string[] {
  return parseSource(path, text).file.comments.map((c) => c.text.trimEnd());
}

/** Every .pol and literate .pol.md file under policies/, found at test time. */
export function policyFiles(): string[] {
  const dir = join(ROOT, 'policies');
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.pol') || f.endsWith('.pol.md'))
    .map((f) => join(dir, f))
    .sort();
}

export function read(path: string): string {
  return readFileSync(path, 'utf8');
}

/**
 * The runtime as text for the generated module: the files of this folder (real TypeScript,
 * type-checked and unit-tested on their own) with their imports removed, and `export` kept only
 * on the declarations that are the module's public API. Generated modules import nothing.
 */
import { RUNTIME_SOURCE_TEXT } from './text.generated.ts';

/** In dependency order, as they appear in the module. */
const FILES = ['numbers.ts', 'dates.ts', 'json.ts', 'suggest.ts', 'validate.ts', 'results.ts'] as const;

/** Runtime declarations the generated module exports (its public API, unchanged since 0.1). */
const PUBLIC: ReadonlySet<string> = new Set(['PolRational', 'PolNumber', 'Json', 'InputError', 'TraceStep', 'ExplainStep', 'EvaluateOptions', 'ValidateOptions']);

const DECL = /^export (class|function|const|let|type|interface) ([A-Za-z_$][A-Za-z0-9_$]*)/gm;

let cached: { text: string; names: ReadonlySet<string> } | undefined;

function load(): { text: string; names: ReadonlySet<string> } {
  if (cached) return cached;
  const names = new Set<string>();
  const parts = FILES.map((f) => {
    const src = RUNTIME_SOURCE_TEXT[f];
    if (src === undefined) throw new Error(`runtime file ${f} is missing from text.generated.ts (run pnpm gen)`);
    return src
      .replace(/^import [^\n]*\n/gm, '')
      .replace(DECL, (_m, kind: string, name: string) => {
        names.add(name);
        return `${PUBLIC.has(name) ? 'export ' : ''}${kind} ${name}`;
      })
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  });
  // names declared without export (module-private helpers) are taken too
  for (const p of parts) for (const m of p.matchAll(/^(?:class|function|const|let|type|interface) ([A-Za-z_$][A-Za-z0-9_$]*)/gm)) names.add(m[1]!);
  cached = { text: parts.join('\n\n'), names };
  return cached;
}

/** The runtime's source text, as inlined into every module. */
export function runtimeText(): string {
  return load().text;
}

/** Every top-level name the runtime declares: the emitter never gives a policy name one of them. */
export function runtimeNames(): ReadonlySet<string> {
  return load().names;
}

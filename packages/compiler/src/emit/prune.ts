/**
 * Drops the module's unused private declarations (runtime helpers a policy does not need, validator
 * tables of enums only the decision uses) and marks unused `$x` parameters, so the module passes
 * tsc's noUnusedLocals and noUnusedParameters. Works on the unformatted module, whose top-level
 * declarations start at column 0 and whose other lines are indented (the emitter's layout).
 */

const START = /^(export )?(?:declare )?(?:async )?(class|function|const|let|var|type|interface) ([A-Za-z_$][A-Za-z0-9_$]*)/;
const IDENT = /[A-Za-z_$][A-Za-z0-9_$]*/g;

interface Chunk {
  text: string;
  /** the declared name, for a private declaration that may go */
  readonly name: string | undefined;
  readonly tokens: Map<string, number>;
  dropped: boolean;
}

/** Code without comments and string literals: what a reference to a name can be. */
function codeOnly(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g, ' ');
}

/** `begin` resetting a per-evaluation cache (`D0$ = undefined;`) is no use of it. */
const RESET = /^ +([A-Za-z_$][A-Za-z0-9_$]*\$) = undefined;$/gm;

function tokens(text: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of codeOnly(text.replace(RESET, '')).match(IDENT) ?? []) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
}

/** The top-level chunks: a declaration with the comments just above it, or anything else between. */
function chunks(text: string): Chunk[] {
  const lines = text.split('\n');
  const out: { lines: string[]; name: string | undefined }[] = [];
  let pending: string[] = [];
  let inComment = false;
  for (const line of lines) {
    const start = inComment ? null : START.exec(line);
    if (start) {
      out.push({ lines: [...pending, line], name: start[1] === undefined ? start[3] : undefined });
      pending = [];
      continue;
    }
    const top = !/^\s/.test(line) && line !== '';
    if (inComment || (top && (line.startsWith('/*') || line.startsWith('//')))) {
      if (!inComment && line.startsWith('/*') && !line.includes('*/')) inComment = true;
      else if (inComment && line.includes('*/')) inComment = false;
      pending.push(line);
      continue;
    }
    if (pending.length > 0 && line === '') {
      // a comment not followed by a declaration stays where it is
      out.push({ lines: [...pending, line], name: undefined });
      pending = [];
      continue;
    }
    if (out.length === 0) out.push({ lines: [], name: undefined });
    out[out.length - 1]!.lines.push(line);
  }
  if (pending.length > 0) out.push({ lines: pending, name: undefined });
  return out.map((c) => {
    const t = c.lines.join('\n');
    return { text: t, name: c.name, tokens: tokens(t), dropped: false };
  });
}

export function prune(text: string): string {
  const cs = chunks(text);
  const total = new Map<string, number>();
  for (const c of cs) for (const [t, n] of c.tokens) total.set(t, (total.get(t) ?? 0) + n);
  // a private declaration goes when nothing outside it names it; removing it may free others
  let changed = true;
  while (changed) {
    changed = false;
    for (const c of cs) {
      if (c.dropped || c.name === undefined) continue;
      if ((total.get(c.name) ?? 0) - (c.tokens.get(c.name) ?? 0) > 0) continue;
      c.dropped = true;
      changed = true;
      for (const [t, n] of c.tokens) total.set(t, (total.get(t) ?? 0) - n);
    }
  }
  const gone = new Set(cs.filter((c) => c.dropped && c.name !== undefined).map((c) => c.name!));
  return cs
    .filter((c) => !c.dropped)
    .map((c) => (/^function [^\n]*\(\$x: /m.test(c.text) && (c.tokens.get('$x') ?? 0) === 1 ? c.text.replace('($x: ', '(_$x: ') : c.text))
    .map((t) => t.replace(RESET, (line, name: string) => (gone.has(name) ? '\u0000' : line)).replace(/\n\u0000(?=\n)/g, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n');
}

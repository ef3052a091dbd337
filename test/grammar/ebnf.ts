/**
 * A reader for grammar/pol.ebnf (ISO-style EBNF: `name = expr ;`, "terminal", { repeat },
 * [ option ], ( group ), a | b, (* comments *)) and a generator of random sentences from it.
 */
export type Expr =
  | { kind: 'terminal'; text: string }
  | { kind: 'ref'; name: string }
  | { kind: 'seq'; items: Expr[] }
  | { kind: 'alt'; options: Expr[] }
  | { kind: 'repeat'; body: Expr }
  | { kind: 'option'; body: Expr };

export function readEbnf(text: string): Map<string, Expr> {
  const src = text.replace(/\(\*[\s\S]*?\*\)/g, ' ');
  const tokens = src.match(/"[^"]*"|'[^']*'|[A-Za-z_][A-Za-z0-9_]*|[=;|{}[\]()]/g) ?? [];
  let i = 0;
  const peek = () => tokens[i];
  const take = (expected?: string): string => {
    const t = tokens[i++];
    if (t === undefined || (expected !== undefined && t !== expected)) throw new Error(`ebnf: expected ${expected ?? 'a token'} at token ${i}, found ${t}`);
    return t;
  };
  const alt = (): Expr => {
    const options = [seq()];
    while (peek() === '|') {
      take('|');
      options.push(seq());
    }
    return options.length === 1 ? options[0]! : { kind: 'alt', options };
  };
  const seq = (): Expr => {
    const items: Expr[] = [];
    for (;;) {
      const t = peek();
      if (t === undefined || t === '|' || t === ';' || t === ')' || t === ']' || t === '}') break;
      if (t === '{') {
        take();
        items.push({ kind: 'repeat', body: alt() });
        take('}');
      } else if (t === '[') {
        take();
        items.push({ kind: 'option', body: alt() });
        take(']');
      } else if (t === '(') {
        take();
        items.push(alt());
        take(')');
      } else if (t.startsWith('"') || t.startsWith("'")) {
        take();
        items.push({ kind: 'terminal', text: t.slice(1, -1) });
      } else {
        take();
        items.push({ kind: 'ref', name: t });
      }
    }
    return items.length === 1 ? items[0]! : { kind: 'seq', items };
  };
  const rules = new Map<string, Expr>();
  while (i < tokens.length) {
    const name = take();
    take('=');
    rules.set(name, alt());
    take(';');
  }
  return rules;
}

/** The smallest number of terminals each production can produce (for bounding generation). */
export function minSizes(rules: Map<string, Expr>, lexical: ReadonlySet<string>): Map<string, number> {
  const size = new Map<string, number>();
  for (const l of lexical) size.set(l, 1);
  const of = (e: Expr): number => {
    switch (e.kind) {
      case 'terminal':
        return 1;
      case 'ref':
        return size.get(e.name) ?? Infinity;
      case 'seq':
        return e.items.reduce((a, x) => a + of(x), 0);
      case 'alt':
        return Math.min(...e.options.map(of));
      case 'repeat':
      case 'option':
        return 0;
    }
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const [name, e] of rules) {
      if (lexical.has(name)) continue;
      const v = of(e);
      if (v < (size.get(name) ?? Infinity)) {
        size.set(name, v);
        changed = true;
      }
    }
  }
  return size;
}

/**
 * shapes.ts says what each rule reads; the grammar chevrotain recorded says what it really reads.
 * A rule, a label or a sub-rule added to grammar.ts without updating shapes.ts fails here.
 */
import { describe, expect, it } from 'vitest';
import { polParser } from './grammar.ts';
import { SHAPES } from './shapes.ts';
import { parseSource } from './parse.ts';

interface GastNode {
  readonly constructor: { name: string };
  readonly definition?: readonly GastNode[];
  readonly label?: string;
  readonly terminalType?: { name: string };
  readonly nonTerminalName?: string;
  readonly separator?: { name: string };
}

/** The keys a rule's tokens are recorded under and the rules it calls, from chevrotain's grammar. */
function recorded(rule: GastNode): { tokens: string[]; rules: string[] } {
  const tokens = new Set<string>();
  const rules = new Set<string>();
  const walk = (n: GastNode): void => {
    if (n.constructor.name === 'Terminal') tokens.add(n.label ?? n.terminalType!.name);
    else if (n.constructor.name === 'NonTerminal') {
      rules.add(n.nonTerminalName!);
      return; // its definition is the called rule's
    }
    if (n.separator) tokens.add(n.separator.name);
    for (const d of n.definition ?? []) walk(d);
  };
  walk(rule);
  return { tokens: [...tokens].sort(), rules: [...rules].sort() };
}

describe('syntax/shapes.ts', () => {
  const productions = polParser().getGAstProductions() as unknown as Record<string, GastNode>;

  it('lists exactly the grammar rules', () => {
    expect(Object.keys(SHAPES).sort()).toEqual(Object.keys(productions).sort());
  });

  it.each(Object.keys(productions))('%s: lists the keys and sub-rules the grammar reads', (name) => {
    const shape = SHAPES[name as keyof typeof SHAPES];
    expect({ tokens: [...shape.tokens].sort(), rules: [...shape.rules].sort() }).toEqual(recorded(productions[name]!));
  });

  it('tells apart the two expressions of `sum` by their roles', () => {
    const r = parseSource('t.pol', 'define s = sum(h.a for each h in hs where h.b > 1)\ndefine c = count(each h in hs where h.b)\ndefine a = all(each h in hs satisfies h.b)');
    expect(r.diagnostics).toEqual([]);
    const [s, c, a] = r.file.declarations.map((d) => (d.kind === 'define' ? d.value : undefined));
    expect(s).toMatchObject({ kind: 'aggregate', op: 'sum', body: { kind: 'member', property: { name: 'a' } }, where: { kind: 'compare' } });
    expect(c).toMatchObject({ kind: 'aggregate', op: 'count', body: undefined, where: { kind: 'member', property: { name: 'b' } } });
    expect(a).toMatchObject({ kind: 'aggregate', op: 'all', body: { kind: 'member' }, where: undefined });
  });
});

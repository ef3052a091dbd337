import { describe, expect, it } from 'vitest';
import { compilePolicyFile, type CheckedProgram } from '@pol/core';
import * as IR from '@pol/core/ir';
import { exprKey } from './ir-key.ts';
import { semanticFingerprint } from './diff.ts';
import { structuralDiff } from './structural.ts';
import { exprText, setMemberText } from './print.ts';

function check(text: string): CheckedProgram {
  const r = compilePolicyFile('p.pol', (p) => (p === 'p.pol' ? text : undefined));
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length || !r.program) throw new Error(errors.map((d) => d.message).join('\n'));
  return r.program;
}

const policy = (when: string, extra = ''): string => `
enum Kind { a, b }
const LIMIT = 10_000
${extra}
group G of Country = { JP, KH until 2026-02-03 }
input I as of date { date: Date  x: Number  k: Kind  c: Country  o: optional Number }
decision D { yes  no }
rule r { cites "c" when ${when} decide yes }
otherwise decide no
`;

const whenKey = (p: CheckedProgram, inline: boolean): string => {
  const ir = IR.lower(p);
  return exprKey(ir, ir.rules[0]!.when!, inline);
};

describe('IR keys: sameness decided on the IR', () => {
  it('parentheses, literal spelling and `is` sugar do not count', () => {
    const a = check(policy('(x > 10000 and k is a) and (o otherwise 1) >= 50%'));
    const b = check(policy('x > 10_000 and (k = a and (o otherwise 1) >= 0.5)'));
    expect(whenKey(a, false)).toBe(whenKey(b, false));
    expect(semanticFingerprint(a)).toBe(semanticFingerprint(b));
    expect(structuralDiff(a, b).filter((c) => c.id === 'r')).toEqual([]);
  });

  it('a const by name stays a name structurally, and is its value with everything inlined', () => {
    const a = check(policy('x > LIMIT'));
    const b = check(policy('x > OTHER', 'const OTHER = 10000'));
    expect(whenKey(a, false)).not.toBe(whenKey(b, false));
    expect(whenKey(a, true)).toBe(whenKey(b, true));
  });

  it('another operator or another set is another key', () => {
    const a = check(policy('x > LIMIT and c in G'));
    expect(whenKey(a, true)).not.toBe(whenKey(check(policy('x >= LIMIT and c in G')), true));
    expect(whenKey(a, true)).not.toBe(whenKey(check(policy('x > LIMIT and c in { JP, KH }')), true));
    expect(whenKey(a, true)).toBe(whenKey(check(policy('x > LIMIT and c in { KH until 2026-02-03, JP }')), true));
  });

  it('reports show expressions as written and dated members with their days', () => {
    const p = check(policy('(x > LIMIT)   and\n  c in G'));
    const ir = IR.lower(p);
    expect(exprText(ir, ir.rules[0]!.when!)).toBe('(x > LIMIT) and c in G');
    const g = ir.sets.find((s) => s.name === 'G')!;
    expect(setMemberText(g, 'KH')).toBe('KH until 2026-02-03');
    expect(setMemberText(g, 'JP')).toBe('JP');
    const changes = structuralDiff(p, check(policy('x > LIMIT and c in G').replace('KH until 2026-02-03', 'KH')));
    expect(changes.find((c) => c.id === 'G')?.details).toEqual(['KH until 2026-02-03 -> KH']);
    expect(changes.find((c) => c.id === 'r')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import * as IR from '@pol/core/ir';
import { compilePolicyFile } from '@pol/core';
import { untwinned } from './cone.ts';

function ir(rules: string, otherwise = 'c'): IR.Program {
  const text = `input I { x: Number, y: Number }
decision D { a, b, c }
const LIMIT = 10
define big = x > LIMIT
${rules}
otherwise decide ${otherwise}
`;
  const c = compilePolicyFile('/mem/p.pol', (p) => (p === '/mem/p.pol' ? text : undefined));
  if (!c.program) throw new Error(JSON.stringify(c.diagnostics));
  return IR.toIr(c.program);
}

const R1 = 'rule r1 { cites "s" when x > 1 decide a }';
const R2 = 'rule r2 { cites "s" when y > 1 decide b }';
const R3 = 'rule r3 { cites "s" when big decide a exception e { cites "s" when y > 5 decide b } }';

describe('the cone of a change: the top-level rules without a twin', () => {
  it('identical versions: every rule and the fallback have a twin', () => {
    const u = untwinned(ir(`${R1}\n${R2}\n${R3}`), ir(`${R1}\n${R2}\n${R3}`));
    expect(u).toEqual({ before: [false, false, false, false], after: [false, false, false, false], prefix: 3 });
  });

  it('one exception changed: only its rule is in the cone, on both sides', () => {
    const u = untwinned(ir(`${R1}\n${R2}\n${R3}`), ir(`${R1}\n${R2}\n${R3.replace('y > 5', 'y > 6')}`));
    expect(u).toEqual({ before: [false, false, true, false], after: [false, false, true, false], prefix: 2 });
  });

  it('a rule inserted: only the new rule; renaming alone is no change (meaning, not names)', () => {
    const u = untwinned(ir(`${R1}\n${R3}`), ir(`${R1.replace('r1', 'first')}\n${R2}\n${R3}`));
    // the shared opening is r1 alone: r3 is a twin, but after the inserted rule
    expect(u).toEqual({ before: [false, false, false], after: [false, true, false, false], prefix: 1 });
  });

  it('two rules swapped: one of them has no twin in order (a swap can change which applies first)', () => {
    const u = untwinned(ir(`${R1}\n${R2}`), ir(`${R2}\n${R1}`));
    expect(u.before.filter(Boolean)).toHaveLength(1);
    expect(u.after.filter(Boolean)).toHaveLength(1);
    expect(u.prefix).toBe(0);
  });

  it('a constant a definition reads, changed: the rule that uses it is in the cone (definitions inlined)', () => {
    const before = ir(`${R1}\n${R3}`);
    const text = `${R1}\n${R3}`.replace('when big', 'when x > 11');
    expect(untwinned(before, ir(text)).before).toEqual([false, true, false]);
  });

  it('the fallback changed: it is in the cone, the rules are not', () => {
    expect(untwinned(ir(`${R1}\n${R2}`), ir(`${R1}\n${R2}`, 'b'))).toEqual({ before: [false, false, true], after: [false, false, true], prefix: 2 });
  });
});

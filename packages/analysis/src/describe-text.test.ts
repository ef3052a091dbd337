import { describe, expect, it } from 'vitest';
import { Rational } from '@pol/core/checker';
import * as IR from '@pol/core/ir';
import { compilePolicyFile } from '@pol/core';
import { fieldText, groupMove, readable } from './describe-text.ts';

/** The optimised IR of a policy whose groups are `groups`. */
function ir(groups: string): IR.Program {
  const text = `${groups}\ninput I as of date { date: Date, c: Country }\ndecision D { yes, no }\nrule r { cites "x" when c in A or c in B decide yes }\notherwise decide no\n`;
  const c = compilePolicyFile('/mem/p.pol', (p) => (p === '/mem/p.pol' ? text : undefined));
  if (!c.program) throw new Error(JSON.stringify(c.diagnostics));
  return IR.optimize(IR.lower(c.program));
}

describe('how a region description writes things', () => {
  it('names an item field as a reader would', () => {
    expect(fieldText('veu.compute_by_country[*].country')).toBe('the country of an item of veu.compute_by_country');
    expect(fieldText('consignee.headquarters')).toBe('consignee.headquarters');
  });

  it('writes numbers as policies do: 4800, 26,900,000, 1e26, 2.5e26', () => {
    const r = (s: string): string => readable(Rational.parse(s)!);
    expect(r('4800')).toBe('4800');
    expect(r('26900000')).toBe('26,900,000');
    expect(r('100000000000000000000000000')).toBe('1e26');
    expect(r('250000000000000000000000000')).toBe('2.5e26');
    expect(r('1234567890123')).toBe('1,234,567,890,123');
    expect(r('1000000000000')).toBe('1e12');
    expect(r('999999999999')).toBe('999,999,999,999');
    expect(r('-30000000000000')).toBe('-3e13');
    expect(r('26900000.5')).toBe('26,900,000.5');
  });

  it('says how a member moved: between groups, or leaving and joining them on a day, the groups that change alike named together', () => {
    const before = ir('group A of Country = { US, CU }\ngroup B of Country = { GB }');
    expect(groupMove(before, ir('group A of Country = { US }\ngroup B of Country = { GB, CU }'), 'Country', 'CU')).toBe('moved from A to B');
    expect(groupMove(before, ir('group A of Country = { US }\ngroup B of Country = { GB }'), 'Country', 'CU')).toBe('removed from A');
    expect(groupMove(before, ir('group A of Country = { US, CU until 2026-07-01 }\ngroup B of Country = { GB, CU from 2026-07-01 }'), 'Country', 'CU')).toBe('leaves A on 2026-07-01; joins B on 2026-07-01');
    expect(groupMove(ir('group A of Country = { US, CU }\ngroup B of Country = A + { GB }'), ir('group A of Country = { US, CU until 2026-07-01 }\ngroup B of Country = A + { GB }'), 'Country', 'CU')).toBe('leaves A and B on 2026-07-01');
    expect(groupMove(before, before, 'Country', 'CU')).toBeUndefined();
  });
});

/**
 * D3-D5: decision fields named like the result's own keys are refused, for every such name: the
 * keys of every result, `postings` (what a ledger records), `because` (what `pol eval --explain`
 * adds) and `transaction_id` (what `pol eval --ledger` adds).
 */
import { describe, expect, it } from 'vitest';
import { checkProgram, hasErrors, loadPolicy } from '@pol/core';

function check(src: string) {
  const loaded = loadPolicy('/t/p.pol', (p) => (p === '/t/p.pol' ? src : undefined));
  return checkProgram(loaded.files, loaded.sources, '/t/p.pol').diagnostics;
}

describe('reserved decision field names', () => {
  for (const name of ['outcome', '__proto__', 'decided_by', 'citations', 'alternatives', 'obligations', 'trace', 'postings', 'explain', 'because', 'transaction_id']) {
    it(`refuses a field named ${name}`, () => {
      const d = check(`input T { n: Number }\ndecision D { yes(${name}: Number), no }\notherwise decide no\n`);
      expect(d.filter((x) => x.code === 'check/reserved-name').map((x) => x.message)).toEqual([expect.stringContaining(`cannot be called \`${name}\``)]);
    });
  }
  it('accepts ordinary names', () => {
    expect(hasErrors(check(`input T { n: Number }\ndecision D { yes(reason: Number), no }\notherwise decide no\n`))).toBe(false);
  });
});

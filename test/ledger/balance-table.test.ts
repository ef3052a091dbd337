/**
 * A balance table the engines would misread is refused, not read as zero (issue 14, D1): a key
 * written with a space or in another case is never looked up, so the LPP receipts of a consignee at
 * its limit would read as nothing received and the shipment be approved; a negative balance would
 * make room under a limit that was reached.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { balanceKey, balancesFromJson, evaluate, resultToJson, validateInput, type RRecord } from '@pol/core';
import { loadCompiled } from '@pol/compiler';
import { loadLedgerPolicy } from './sequence.ts';

const program = loadLedgerPolicy(join(import.meta.dirname, 'fixtures/quotas.pol'));
const input = { id: 'T-1', date: '2025-05-01', destination: 'FR', consignee: { id: 'C-1' }, tpp: 4800, units: 1000 };
const atLimit = 26_900_000;
type Decided = { decided_by: string };

describe('balance tables', () => {
  it('the compiled module refuses a misformatted key, naming it and the form to write', async () => {
    const mod = await loadCompiled(program);
    const v = mod.validate(input);
    if (!v.ok) throw new Error('fixture input invalid');
    const good = balanceKey('LppReceived', ['C-1', '2025']);
    expect(mod.balanceKeys!(v.value)).toContain(good);
    // the well-formed key is read: at the limit, LPP no longer applies
    expect((mod.evaluate(v.value, { balances: { [good]: atLimit } }) as Decided).decided_by).not.toBe('lpp');
    for (const bad of ['LppReceived["C-1", "2025"]', 'lppreceived["C-1","2025"]', 'LppReceived["C-1"]', 'LppReceived["C-1","2025-05-01"]', 'Nothing["C-1","2025"]']) {
      expect(() => mod.evaluate(v.value, { balances: { [bad]: atLimit } }), bad).toThrow(/is not one this policy reads: write it as .*LppReceived\["consignee\.id","YYYY"\]/);
    }
    expect(() => mod.evaluate(v.value, { balances: { [good]: -1 } })).toThrow(/is negative/);
    expect(() => mod.evaluate(v.value, { balances: { [good]: '-1/2' } })).toThrow(/is negative/);
    expect(() => mod.evaluate(v.value, { balances: { [good]: 'lots' } })).toThrow(/is not a number/);
    // a table with balances of other consignees (what a caller may pass whole) is accepted
    const table = { [good]: 0, [balanceKey('LppReceived', ['C-2', '2025'])]: atLimit };
    expect((mod.evaluate(v.value, { balances: table }) as Decided).decided_by).toBe('lpp');
    // decide passes balances on to evaluate
    const d = mod.decide(input, { balances: { [good]: atLimit } });
    if (!d.ok) throw new Error('fixture input invalid');
    expect((d.result as Decided).decided_by).toMatch(/^(?!lpp$)./);
  });

  it('the reference interpreter refuses the same tables when given the policy ledgers', () => {
    const value = validateInput(program, input);
    if (!value.ok) throw new Error('fixture input invalid');
    const good = balanceKey('LppReceived', ['C-1', '2025']);
    const balances = balancesFromJson({ [good]: atLimit }, program.ledgers);
    expect(resultToJson(program, evaluate(program, value.value as RRecord, { balances })).decided_by).not.toBe('lpp');
    expect(() => balancesFromJson({ 'LppReceived["C-1", "2025"]': atLimit }, program.ledgers)).toThrow(/is not one this policy reads.*LppReceived\["consignee\.id","YYYY"\]/);
    expect(() => balancesFromJson({ [good]: -5 })).toThrow(/is negative/);
  });
});

describe('identifiers', () => {
  // issue 14 D2: " C-1" was another consignee than "C-1", so one consignee's LPP receipts split in two
  it('both engines refuse an id with spaces around it, with the same words', async () => {
    const mod = await loadCompiled(program);
    for (const bad of [' C-1', 'C-1 ', '\tC-1', 'C-1\n']) {
      const json = { ...input, consignee: { id: bad } };
      const c = mod.validate(json);
      const i = validateInput(program, json);
      expect(c.ok, JSON.stringify(bad)).toBe(false);
      expect(i.ok, JSON.stringify(bad)).toBe(false);
      const message = /an identifier cannot begin or end with a space/;
      expect(!c.ok && c.errors.map((e) => `${e.path}: ${e.message}`).join('\n')).toMatch(new RegExp('consignee\\.id: ' + message.source));
      expect(!i.ok && i.errors.map((e) => `${e.path}: ${e.message}`).join('\n')).toMatch(new RegExp('consignee\\.id: ' + message.source));
    }
    // spaces inside an id are the caller's business
    expect(mod.validate({ ...input, consignee: { id: 'ACME Corp 7' } }).ok).toBe(true);
  });
});

/**
 * Ledgers in the reference semantics: the LPP limit per consignee and calendar year, a Tier 2
 * allocation per country, opening balances, and the checker's errors for ledgers.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { balanceKey, compilePolicyFile, evaluate, validateInput, parseSource, Rational, type RRecord } from '@pol/core';
import { decideInOrder, loadLedgerPolicy } from './sequence.ts';

const program = loadLedgerPolicy(join(import.meta.dirname, 'fixtures/quotas.pol'));

const shipment = (i: number, date: string, over: Record<string, unknown> = {}) => ({
  id: `T-${i}`,
  date,
  destination: 'PL',
  consignee: { id: 'C-1' },
  tpp: 4800,
  units: 1000,
  ...over,
});

describe('ledger: LPP receipts per consignee per calendar year', () => {
  it('crosses the 26,900,000 TPP limit on the sixth shipment of 4,800,000 TPP and resets on 1 January', () => {
    // 5 x 4,800,000 = 24,000,000 fits; the sixth would make 28,800,000
    const inputs = [1, 2, 3, 4, 5, 6, 7].map((i) => shipment(i, `2025-0${i}-10`, { destination: 'FR' }));
    inputs.push(shipment(8, '2025-12-31', { destination: 'FR' }), shipment(9, '2026-01-01', { destination: 'FR' }));
    const { results, balances } = decideInOrder(program, inputs);
    expect(results.map((r) => r.decided_by)).toEqual(['lpp', 'lpp', 'lpp', 'lpp', 'lpp', 'advanced_chips', 'advanced_chips', 'advanced_chips', 'lpp']);
    expect(results[4]!.postings).toEqual([{ ledger: 'LppReceived', key: ['C-1', '2025'], before: 19_200_000, amount: 4_800_000, after: 24_000_000 }]);
    expect(results[5]!.postings).toEqual([]);
    expect(results[8]!.postings).toEqual([{ ledger: 'LppReceived', key: ['C-1', '2026'], before: 0, amount: 4_800_000, after: 4_800_000 }]);
    expect(balances.get(balanceKey('LppReceived', ['C-1', '2025']))?.toJSON()).toBe(24_000_000);
    expect(balances.get(balanceKey('LppReceived', ['C-1', '2026']))?.toJSON()).toBe(4_800_000);
  });

  it('keeps consignees apart: another consignee starts from zero', () => {
    const inputs = [1, 2, 3, 4, 5, 6].map((i) => shipment(i, '2025-05-01', { destination: 'FR' }));
    inputs.push(shipment(7, '2025-05-02', { destination: 'FR', consignee: { id: 'C-2' } }));
    const { results } = decideInOrder(program, inputs);
    expect(results.map((r) => r.decided_by)).toEqual(['lpp', 'lpp', 'lpp', 'lpp', 'lpp', 'advanced_chips', 'lpp']);
  });
});

describe('ledger: a Tier 2 allocation', () => {
  it('runs out on the license that would exceed 790,000,000 TPP, and only then', () => {
    // each shipment of 100,000 x 4,800 = 480,000,000 TPP is over the LPP limit: a license each
    const big = (i: number, over: Record<string, unknown> = {}) => shipment(i, '2025-06-01', { units: 100_000, consignee: { id: `C-${i}` }, ...over });
    const { results } = decideInOrder(program, [big(1), big(2, { units: 50_000 }), big(3, { units: 10_000 }), big(4), big(5, { destination: 'MX' })]);
    // 480M, then 240M (720M), then 48M would be 768M (fits), then 480M more does not
    expect(results.map((r) => r.decision.outcome)).toEqual(['authorized', 'authorized', 'authorized', 'denied', 'authorized']);
    expect(results.map((r) => r.decided_by)).toEqual(['tier2_license', 'tier2_license', 'tier2_license', 'tier2_exhausted', 'tier2_license']);
    expect(results[2]!.postings).toEqual([{ ledger: 'Tier2Licensed', key: ['PL'], before: 720_000_000, amount: 48_000_000, after: 768_000_000 }]);
    expect(results[3]!.postings).toEqual([]);
  });

  it('starts from the old input field as the opening balance until the ledger has a posting', () => {
    const s = (i: number, used: number) => shipment(i, '2025-06-01', { units: 100_000, consignee: { id: `C-${i}` }, allocation_used_tpp: used });
    const { results } = decideInOrder(program, [s(1, 700_000_000), s(2, 0)]);
    // 700M + 480M > 790M: denied, nothing posted; the second starts from its own opening (0)
    expect(results.map((r) => r.decided_by)).toEqual(['tier2_exhausted', 'tier2_license']);
    expect(results[1]!.postings![0]!.before).toBe(0);
    // a stored balance wins over the opening
    const stored = new Map([[balanceKey('Tier2Licensed', ['PL']), Rational.of(500_000_000n)]]);
    const again = decideInOrder(program, [s(3, 0)], stored);
    expect(again.results[0]!.decided_by).toBe('tier2_exhausted');
  });

  it('is pure: the same input and balances give the same decision and postings, and the balances are not changed', () => {
    const v = validateInput(program, shipment(1, '2025-01-01'));
    if (!v.ok) throw new Error('invalid');
    const balances = new Map([[balanceKey('LppReceived', ['C-1', '2025']), Rational.of(1n)]]);
    const a = evaluate(program, v.value as RRecord, { balances });
    const b = evaluate(program, v.value as RRecord, { balances });
    expect(a.postings).toEqual(b.postings);
    expect(balances.get(balanceKey('LppReceived', ['C-1', '2025']))?.toJSON()).toBe(1);
  });
});

describe('ledger: the checker', () => {
  const check = (body: string) => {
    const text = `unit TPP\nenum Tier { one, two }\ninput T as of date { id: Id date: Date who: Id tier: Tier n: Number amount: TPP veu: optional { id: Id } }\ndecision D { yes, no }\n${body}\notherwise decide no\n`;
    expect(parseSource('t.pol', text).diagnostics).toEqual([]);
    return compilePolicyFile('t.pol', (p) => (p === 't.pol' ? text : undefined)).diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);
  };
  const L = 'ledger L { of TPP per who per calendar year of date }';

  it('accepts a well-typed ledger, read and recorded', () => {
    expect(check(`${L}\nrule r { cites "x" when L + amount < 10 TPP decide yes records amount in L }`)).toEqual([]);
  });
  it('types the keys, the period and the unit', () => {
    expect(check('ledger L { of TPP per n }\nrule r { cites "x" decide yes }')).toEqual(['ledger/key-type']);
    expect(check('ledger L { of TPP per nobody }\nrule r { cites "x" decide yes }')).toEqual(['ledger/key-not-input']);
    expect(check('ledger L { of TPP per calendar year of who }\nrule r { cites "x" decide yes }')).toEqual(['ledger/period-not-date']);
    expect(check(`${L}\nrule r { cites "x" when L < 10 decide yes }`)).toEqual(['check/unit-mismatch']);
    expect(check(`${L}\nrule r { cites "x" decide yes records n in L }`)).toEqual(['check/unit-mismatch']);
    expect(check('ledger L { of TPQ per tier }\nrule r { cites "x" decide yes }')).toEqual(['check/unknown-type']);
  });
  it('requires the keys present where the ledger is used', () => {
    const V = 'ledger V { of TPP per veu.id }';
    expect(check(`${V}\nrule r { cites "x" when V > 0 TPP decide yes }`)).toEqual(['ledger/key-may-be-absent']);
    expect(check(`${V}\nrule r { cites "x" when veu is present and V > 0 TPP decide yes records amount in V }`)).toEqual([]);
    expect(check(`${V}\nrule r { cites "x" decide yes records amount in V }`)).toEqual(['ledger/key-may-be-absent']);
  });
  it('refuses Ids as values, ledgers in requires, openings and constants, and records of a non-ledger', () => {
    expect(check(`${L}\nrule r { cites "x" when who = who decide yes }`)).toContain('ledger/id-not-a-value');
    expect(check(`${L}\nrequire L >= 0 TPP because "x"\nrule r { cites "x" decide yes }`)).toEqual(['ledger/read-in-require']);
    expect(check(`ledger M { of TPP per who opening M }\nrule r { cites "x" decide yes }`)).toEqual(['ledger/opening-reads-ledger']);
    // through a define, too (the opening would need itself)
    expect(check(`ledger M { of TPP per who opening start }\ndefine start = M + amount\nrule r { cites "x" decide yes }`)).toEqual(['ledger/opening-reads-ledger']);
    expect(check(`${L}\nconst C = L\nrule r { cites "x" when C > 0 TPP decide yes }`)).toEqual(['check/not-constant']);
    expect(check(`${L}\nrule r { cites "x" decide yes records amount in who }`)).toEqual(['ledger/not-a-ledger']);
    expect(check(`${L}\nrule r { cites "x" decide yes records amount }`)).toEqual(['ledger/not-a-ledger']);
    expect(check(`${L}\nrule r { cites "x" decide yes records amount in L records amount in L }`)).toEqual(['ledger/recorded-twice']);
  });
  it('needs a transaction id when a ledger is declared', () => {
    const text = 'unit TPP\ninput T { who: Id amount: TPP }\ndecision D { yes }\nledger L { of TPP per who }\notherwise decide yes\n';
    const codes = compilePolicyFile('t.pol', (p) => (p === 't.pol' ? text : undefined)).diagnostics.map((d) => d.code);
    expect(codes).toContain('ledger/missing-transaction-id');
    // an optional Id will do (a contract shared with a policy without ledgers); another type will not
    const with_ = (id: string) => {
      const t = text.replace('who: Id', `id: ${id} who: Id`);
      return compilePolicyFile('t.pol', (p) => (p === 't.pol' ? t : undefined)).diagnostics.map((d) => d.code);
    };
    expect(with_('optional Id')).toEqual([]);
    expect(with_('optional Number')).toContain('ledger/missing-transaction-id');
  });
});

describe('ledger: pol replay threads each version’s balances in log order', () => {
  it('counts the shipment that a lower LPP limit turns into a license, which a replay without balances would miss', async () => {
    const { readFileSync } = await import('node:fs');
    const { compilePolicyFile } = await import('@pol/core');
    const { replay } = await import('@pol/analysis');
    const path = join(import.meta.dirname, 'fixtures/quotas.pol');
    const text = readFileSync(path, 'utf8');
    const load = (t: string) => compilePolicyFile(path, (p) => (p === path ? t : undefined)).program!;
    const before = load(text);
    const after = load(text.replace('const LPP_LIMIT = 26_900_000 TPP', 'const LPP_LIMIT = 20_000_000 TPP'));
    // six shipments of 4,800,000 TPP to one consignee: 5 under LPP before, 4 after
    const log = [1, 2, 3, 4, 5, 6].map((i) => JSON.stringify(shipment(i, '2025-04-01', { destination: 'FR' }))).join('\n');
    const s = replay(before, after, log);
    expect(s.changed).toBe(1);
    expect(s.transitions).toEqual([{ before: 'authorized(authorization: LPP)', after: 'license_required', obligationsOnly: false, count: 1, lines: [5] }]);
  });
});

describe('ledger: pol diff confirms its witnesses as they are evaluated (no stored balances)', () => {
  it('a lower LPP limit is a change, shown by a shipment that the interpreter decides differently', async () => {
    const { readFileSync } = await import('node:fs');
    const { compilePolicyFile, evaluate, resultToJson, validateInput } = await import('@pol/core');
    const { diffPrograms } = await import('@pol/analysis');
    const path = join(import.meta.dirname, 'fixtures/quotas.pol');
    const text = readFileSync(path, 'utf8');
    const load = (t: string) => compilePolicyFile(path, (p) => (p === path ? t : undefined)).program!;
    const before = load(text);
    const after = load(text.replace('const LPP_LIMIT = 26_900_000 TPP', 'const LPP_LIMIT = 20_000_000 TPP'));
    const report = await diffPrograms(before, after);
    // the balances are free while regions are searched, and pinned to what an evaluation without
    // a store reads while a witness is looked for: every region is confirmed, none left uncovered
    expect(report.verdict).toBe('changed');
    expect(report.uncovered).toEqual([]);
    const decide = (p: typeof before, w: unknown) => {
      const v = validateInput(p, w);
      if (!v.ok) throw new Error(JSON.stringify(v.errors));
      return JSON.stringify(resultToJson(p, evaluate(p, v.value)).decision);
    };
    for (const r of report.regions) expect(decide(before, r.witness)).not.toBe(decide(after, r.witness));
  });
});

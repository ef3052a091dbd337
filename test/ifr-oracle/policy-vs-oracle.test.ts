/**
 * Both entry policies (the law as published, ifr.pol, and as enforced, as-enforced-2025-05-13.pol),
 * under both engines, agree with the independent oracle on outcome, authorization, review policy
 * and alternatives, on what each decision records against the quotas (the policy's ledgers, given
 * the balances recorded before it), and on which inputs are invalid: on boundary-biased random
 * transactions (fixed seed; POL_FC_RUNS for deeper runs, e.g. POL_FC_RUNS=1000000 for the
 * recorded agreement run), and on short sequences whose balances both sides thread themselves.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { balanceKey, compilePolicyFile, exampleToJson, type CheckedProgram, type PostingJson, type ResultJson } from '@pol/core';
import { makeEngine, type Engine, type EngineName } from '../../packages/cli/src/engines.ts';
import { decideOne } from '../../packages/cli/src/batch/decide.ts';
import { decide, decideWithQuotas, quotaKeyText, type OracleResult, type Posting, type QuotaBalances, type QuotaKey, type Regime } from './oracle.ts';
import * as Q from './rational.ts';
import { arbIfrCase } from './transactions.ts';
import { arbInvalidIfrTransaction } from './invalid.ts';
import { fcParams } from '../support/fc-config.ts';
import { REPO } from '../support/policy-files.ts';

const ENGINES: EngineName[] = ['interpreter', 'compiled'];
const POLICIES: { regime: Regime; file: string }[] = [
  { regime: 'published', file: 'policies/ai-diffusion/ifr.pol' },
  { regime: 'enforced', file: 'policies/ai-diffusion/as-enforced-2025-05-13.pol' },
];
const engines = new Map<string, Engine>();
const programs = new Map<string, CheckedProgram>();

beforeAll(async () => {
  for (const { file } of POLICIES) {
    const loaded = compilePolicyFile(join(REPO, file), (p) => {
      try {
        return readFileSync(p, 'utf8');
      } catch {
        return undefined;
      }
    });
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    programs.set(file, loaded.program!);
    for (const e of ENGINES) engines.set(`${file}:${e}`, await makeEngine(e, loaded.program!));
  }
});

/**
 * The oracle's quotas are the policy's ledgers (chips.pol): this mapping is the one place where the
 * two meet; each side keeps its own names.
 */
function ledgerOf(k: QuotaKey): { ledger: string; key: string[] } {
  switch (k.quota) {
    case 'lpp':
      return { ledger: 'LppReceived', key: [k.consignee, k.year] };
    case 'tier2':
      return { ledger: 'Tier2Licensed', key: [k.destination] };
    case 'nveu':
      return { ledger: 'NveuReceived', key: [k.veu] };
  }
}
const text = (r: Q.Rat): string => `${r.n}/${r.d}`;

/** The oracle's balances as the engines take them: by balance key, as exact `n/d` texts. */
function policyBalances(b: QuotaBalances): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of b) {
    const l = ledgerOf(parseKey(k));
    out.set(balanceKey(l.ledger, l.key), text(v));
  }
  return out;
}

/** A posting's amounts, exactly, as `n/d` texts (a JSON number means its shortest decimal). */
function exact(j: unknown): string {
  const r = typeof j === 'number' ? Q.fromNumber(j) : typeof j === 'string' ? (j.includes('/') ? Q.rat(BigInt(j.split('/')[0]!), BigInt(j.split('/')[1]!)) : Q.fromDecimalString(j)) : null;
  if (!r) throw new Error(`not an amount: ${JSON.stringify(j)}`);
  return text(r);
}

const postingView = (p: PostingJson) => ({ ledger: p.ledger, key: p.key, before: exact(p.before), amount: exact(p.amount), after: exact(p.after) });
const oraclePosting = (p: Posting) => ({ ...ledgerOf(p.key), before: text(p.before), amount: text(p.amount), after: text(p.after) });

/** What the oracle and the policy must agree on. */
function policyView(engine: Engine, tx: unknown, balances: QuotaBalances = new Map()): unknown {
  const v = engine.validate(tx);
  if (!v.ok) return { ok: false };
  const r: ResultJson = engine.evaluate(v.value, false, policyBalances(balances));
  return resultView(r);
}

function resultView(r: ResultJson): unknown {
  const d = r.decision;
  return {
    ok: true,
    outcome: d.outcome,
    authorization: d['authorization'] ?? null,
    review_policy: d['review_policy'] ?? null,
    alternatives: r.alternatives.map((a) => a['authorization']),
    postings: (r.postings ?? []).map(postingView),
  };
}

function view(o: OracleResult, postings: readonly Posting[]): unknown {
  if (!o.ok) return { ok: false };
  return { ok: true, outcome: o.outcome, authorization: o.authorization, review_policy: o.review_policy, alternatives: o.alternatives, postings: postings.map(oraclePosting) };
}

function oracleView(tx: unknown, regime: Regime, balances: QuotaBalances = new Map()): unknown {
  const d = decideWithQuotas(tx, regime, balances);
  return view(d.result, d.postings);
}

/** A balance's key back from its text (the generator's identifiers hold no `|`). */
function parseKey(t: string): QuotaKey {
  const [quota, a, b] = t.split('|');
  if (quota === 'lpp') return { quota, consignee: a!, year: b! };
  if (quota === 'tier2') return { quota, destination: a! };
  if (quota === 'nveu') return { quota, veu: a! };
  throw new Error(`unknown quota key ${t}`);
}

for (const { regime, file } of POLICIES) {
  describe(`${file} vs the independent oracle (${regime})`, () => {
    // The examples' expectations were written by hand from the fact sheets; the oracle must reach
    // the same decision on each (a check of the oracle, and of the examples, against each other).
    it('gives every example of the policy its expected decision', () => {
      const examples = programs.get(file)!.examples;
      expect(examples.length).toBeGreaterThan(60);
      for (const ex of examples) {
        const want: Record<string, unknown> = { ok: true, outcome: ex.expect.variant.name, authorization: null, review_policy: null };
        for (const a of ex.expect.args) if (a.value.kind === 'identifier') want[a.name.name] = a.value.name;
        const got = oracleView(exampleToJson(ex.given), regime) as Record<string, unknown>;
        expect({ ...got, alternatives: undefined, postings: undefined }, ex.title.value).toEqual({ ...want, alternatives: undefined, postings: undefined });
      }
    });

    for (const name of ENGINES) {
      it(`agrees on valid transactions and what they record, given recorded balances (${name} engine)`, () => {
        const engine = engines.get(`${file}:${name}`)!;
        fc.assert(
          fc.property(arbIfrCase(), ({ tx, balances }) => {
            expect(policyView(engine, tx, balances)).toEqual(oracleView(tx, regime, balances));
          }),
          fcParams(2000),
        );
      });

      it(`rejects the same invalid transactions (${name} engine)`, () => {
        const engine = engines.get(`${file}:${name}`)!;
        fc.assert(
          fc.property(arbInvalidIfrTransaction(), (tx) => {
            expect(policyView(engine, tx)).toEqual(oracleView(tx, regime));
          }),
          fcParams(500),
        );
      });
    }

    // Sequences: each side threads its own balances (the oracle its quotas, the policy its
    // postings), so a quota reached by earlier shipments must change a later decision alike.
    it('agrees over sequences, each side keeping its own balances (compiled engine)', () => {
      const engine = engines.get(`${file}:compiled`)!;
      fc.assert(
        fc.property(fc.array(arbIfrCase(), { minLength: 2, maxLength: 8 }), (cases) => {
          let quotas = new Map<string, Q.Rat>();
          const ledger = new Map<string, string>();
          for (const { tx } of cases) {
            const d = decideWithQuotas(tx, regime, quotas);
            const v = engine.validate(tx);
            const r = v.ok ? engine.evaluate(v.value, false, ledger) : undefined;
            expect(r ? resultView(r) : { ok: false }).toEqual(view(d.result, d.postings));
            quotas = new Map(quotas);
            for (const p of d.postings) quotas.set(quotaKeyText(p.key), p.after);
            for (const p of r?.postings ?? []) ledger.set(balanceKey(p.ledger, p.key), exact(p.after));
          }
        }),
        fcParams(60),
      );
    });
  });
}

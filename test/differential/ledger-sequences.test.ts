/**
 * Ledger policies: the compiled module, the IR evaluator and the reference interpreter give the same
 * decisions and the same postings on random sequences of inputs, each engine keeping its own
 * balances (the postings of one decision are the balances of the next), over random policies with
 * ledgers; and the IR holds its invariants.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { balanceKey, balanceKeysOf, evaluate, parseBalance, resultToJson, validateInput, type Rational, type RRecord } from '@pol/core';
import { loadCompiled } from '@pol/compiler';
import * as IR from '@pol/core/ir';
import { evaluateIr } from '../harness/ir-engine.ts';
import { withoutPolicy } from '../harness/engines.ts';
import { arbInputFor, arbPolicy, checkSource } from '../harness/policy-gen.ts';
import { fcParams } from '../support/fc-config.ts';

test('compiled == interpreter on decisions and postings over random sequences (random ledger policies)', async () => {
  let sequences = 0;
  let postings = 0;
  await fc.assert(
    fc.asyncProperty(
      arbPolicy({ ledgers: true, maxRules: 4 }).chain((src) => {
        const program = checkSource(src);
        return fc.tuple(fc.constant(src), fc.array(arbInputFor(program), { minLength: 1, maxLength: 12 }));
      }),
      async ([src, inputs]) => {
        const program = checkSource(src);
        const mod = await loadCompiled(program);
        const ir = IR.toIr(program);
        expect(IR.checkInvariants(ir)).toEqual([]);
        const viaIr = new Map<string, Rational>();
        const interpreted = new Map<string, Rational>();
        const compiled: Record<string, number | string> = {};
        for (const json of inputs) {
          const v = validateInput(program, json);
          const w = mod.validate(json);
          expect(w.ok).toBe(v.ok);
          if (!v.ok || !w.ok) continue;
          expect(mod.balanceKeys!(w.value)).toEqual(balanceKeysOf(program.ledgers, v.value as RRecord));
          const a = resultToJson(program, evaluate(program, v.value as RRecord, { balances: interpreted }));
          // the module's result names the policy and lists alternatives only when asked: compared as the interpreter's
          const b = withoutPolicy(mod.evaluate(w.value, { balances: compiled, alternatives: true })) as typeof a;
          expect(JSON.parse(JSON.stringify(b))).toEqual(JSON.parse(JSON.stringify(a)));
          const c = evaluateIr(ir, v.value as RRecord, false, viaIr);
          expect(c).toEqual(a);
          for (const p of c.postings ?? []) viaIr.set(balanceKey(p.ledger, p.key), parseBalance(p.after as number | string)!);
          for (const p of a.postings ?? []) {
            interpreted.set(balanceKey(p.ledger, p.key), parseBalance(p.after as number | string)!);
            postings++;
          }
          for (const p of b.postings ?? []) compiled[balanceKey(p.ledger, p.key)] = p.after as number | string;
        }
        sequences++;
      },
    ),
    fcParams(60),
  );
  // the property is about postings: most runs must post something
  expect(sequences).toBeGreaterThan(0);
  expect(postings).toBeGreaterThan(sequences);
}, 600_000);

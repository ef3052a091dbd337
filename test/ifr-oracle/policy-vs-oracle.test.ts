/**
 * Both entry policies (the law as published, ifr.pol, and as enforced, as-enforced-2025-05-13.pol),
 * under both engines, agree with the independent oracle on outcome, authorization, review policy
 * and alternatives, and on which inputs are invalid: on boundary-biased random transactions (fixed
 * seed; POL_FC_RUNS for deeper runs, e.g. POL_FC_RUNS=1000000 for the recorded agreement run).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compilePolicyFile, exampleToJson, type CheckedProgram } from '@pol/core';
import { makeEngine, type Engine, type EngineName } from '../../packages/cli/src/engines.ts';
import { decideOne } from '../../packages/cli/src/batch/decide.ts';
import { decide, type Regime } from './oracle.ts';
import { arbIfrTransaction, arbInvalidIfrTransaction } from './transactions.ts';
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

/** What the oracle and the policy must agree on. */
function policyView(engine: Engine, tx: unknown): unknown {
  const got = decideOne(engine, tx, false);
  if ('errors' in got) return { ok: false };
  const d = got.result.decision;
  return {
    ok: true,
    outcome: d.outcome,
    authorization: d['authorization'] ?? null,
    review_policy: d['review_policy'] ?? null,
    alternatives: got.result.alternatives.map((a) => a['authorization']),
  };
}

function oracleView(tx: unknown, regime: Regime): unknown {
  const o = decide(tx, regime);
  if (!o.ok) return { ok: false };
  return { ok: true, outcome: o.outcome, authorization: o.authorization, review_policy: o.review_policy, alternatives: o.alternatives };
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
        expect({ ...got, alternatives: undefined }, ex.title.value).toEqual({ ...want, alternatives: undefined });
      }
    });

    for (const name of ENGINES) {
      it(`agrees on valid transactions (${name} engine)`, () => {
        const engine = engines.get(`${file}:${name}`)!;
        fc.assert(
          fc.property(arbIfrTransaction(), (tx) => {
            expect(policyView(engine, tx)).toEqual(oracleView(tx, regime));
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
  });
}

/**
 * The AI Diffusion policy, under both engines, agrees with the independent oracle on outcome,
 * authorization, review policy and alternatives, and on which inputs are invalid: on
 * boundary-biased random transactions (fixed seed; POL_FC_RUNS for deeper runs).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compilePolicyFile, type CheckedProgram } from '@pol/core';
import { makeEngine, type Engine, type EngineName } from '../../packages/cli/src/engines.ts';
import { decideOne } from '../../packages/cli/src/commands/eval.ts';
import { decideIfr } from './oracle.ts';
import { arbIfrTransaction, arbInvalidIfrTransaction } from './transactions.ts';
import { fcParams } from '../support/fc-config.ts';
import { REPO } from '../support/policy-files.ts';

const ENGINES: EngineName[] = ['interpreter', 'compiled'];
let program: CheckedProgram;
const engines = new Map<EngineName, Engine>();

beforeAll(async () => {
  const path = join(REPO, 'policies/ai-diffusion/ifr.pol');
  const loaded = compilePolicyFile(path, (p) => {
    try {
      return readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  });
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  program = loaded.program!;
  for (const e of ENGINES) engines.set(e, await makeEngine(e, program));
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

function oracleView(tx: unknown): unknown {
  const o = decideIfr(tx as Parameters<typeof decideIfr>[0]);
  if (!o.ok) return { ok: false };
  return { ok: true, outcome: o.outcome, authorization: o.authorization, review_policy: o.review_policy, alternatives: o.alternatives };
}

describe('AI Diffusion policy vs the independent oracle', () => {
  for (const name of ENGINES) {
    it(`agrees on valid transactions (${name} engine)`, () => {
      const engine = engines.get(name)!;
      fc.assert(
        fc.property(arbIfrTransaction(), (tx) => {
          expect(policyView(engine, tx)).toEqual(oracleView(tx));
        }),
        fcParams(3000),
      );
    });

    it(`rejects the same invalid transactions (${name} engine)`, () => {
      const engine = engines.get(name)!;
      fc.assert(
        fc.property(arbInvalidIfrTransaction(), (tx) => {
          expect(policyView(engine, tx)).toEqual(oracleView(tx));
        }),
        fcParams(1000),
      );
    });
  }
});

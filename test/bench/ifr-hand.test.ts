/**
 * The hand-written IFR baseline of bench/compiler.bench.ts gives the compiled module's answers.
 * The benchmark checks this before it times anything, but it only runs with `pnpm bench`: when a
 * policy file changed (the ledgers added postings and moved every line of chips.pol) the baseline
 * went stale unseen until the next benchmark run. This test keeps it honest on every CI run.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCompiled } from '../../packages/compiler/src/index.ts';
import { loadProgram } from '../codegen/util.ts';
import { arbIfrTransaction } from '../ifr-oracle/transactions.ts';
import { decide, decideFull, type Tx } from '../../bench/ifr-hand.ts';

const RUNS = Number(process.env.POL_FC_RUNS ?? 3000);

describe('bench/ifr-hand.ts', () => {
  it(`agrees with the compiled IFR module on ${RUNS} generated transactions (decision, full result, default result)`, async () => {
    const mod = await loadCompiled(loadProgram(new URL('../../policies/ai-diffusion/ifr.pol', import.meta.url).pathname));
    const seen = new Set<string>();
    for (const x of fc.sample(arbIfrTransaction(), { numRuns: RUNS, seed: 15 })) {
      const v = mod.validate(x);
      expect(v.ok, JSON.stringify(x)).toBe(true);
      if (!v.ok) continue;
      const { policy: _p, ...full } = mod.evaluate(v.value, { alternatives: true }) as { policy?: unknown };
      const hand = decideFull(v.value as unknown as Tx);
      expect(JSON.stringify(hand), JSON.stringify(x)).toBe(JSON.stringify(full));
      expect(decide(v.value as unknown as Tx)).toEqual(hand.decision);
      const { policy: _q, ...lean } = mod.evaluate(v.value) as { policy?: unknown };
      const { alternatives: _a, ...handLean } = hand;
      expect(JSON.stringify(handLean)).toBe(JSON.stringify(lean));
      seen.add(hand.decided_by);
      if (hand.postings.length) seen.add(`posts to ${hand.postings[0]!.ledger}`);
    }
    // the sample reaches the paths that post to each ledger, so the postings are compared too
    for (const p of ['posts to LppReceived', 'posts to NveuReceived', 'posts to Tier2Licensed']) expect(seen).toContain(p);
  });
});

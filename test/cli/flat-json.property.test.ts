/**
 * `pol eval` prints each result from the texts of its parts, and once for a result the compiled
 * module shares between inputs (flatJson): the line must be exactly JSON.stringify(flatten(r)),
 * for either engine, with and without --explain, the first time and when it comes from the cache.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePolicyFile } from '@pol/core';
import { makeEngine } from '../../packages/cli/src/engines.ts';
import { flatJson, flatten, withReasons, type ItemOptions } from '../../packages/cli/src/batch/decide.ts';
import { arbIfrTransaction } from '../ifr-oracle/transactions.ts';
import { REPO } from '../support/policy-files.ts';
import { fcParams } from '../support/fc-config.ts';

const program = compilePolicyFile(join(REPO, 'policies/ai-diffusion/ifr.pol'), (p) => readFileSync(p, 'utf8')).program!;

describe('flatJson', () => {
  it('prints what JSON.stringify(flatten(result)) prints, cached or not, for both engines', async () => {
    const engines = [await makeEngine('compiled', program), await makeEngine('interpreter', program)];
    let shared = 0;
    fc.assert(
      fc.property(arbIfrTransaction(), fc.boolean(), (input, explain) => {
        for (const engine of engines) {
          const v = engine.validate(JSON.parse(JSON.stringify(input)));
          if (!v.ok) continue;
          const o: ItemOptions = { name: 'in.jsonl', explain, format: 'json' };
          const r = withReasons(engine, input, engine.evaluate(v.value, explain), o);
          if (Object.isFrozen(r)) shared++;
          const expected = JSON.stringify(flatten(r));
          expect(flatJson(r)).toBe(expected);
          expect(flatJson(r)).toBe(expected);
        }
      }),
      fcParams(300),
    );
    // the cache is exercised: most IFR decisions are fixed by the policy
    expect(shared).toBeGreaterThan(0);
  });
});

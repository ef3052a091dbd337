/**
 * Text safety: whatever text a policy holds (titles, citations, obligations, `because`, the policy
 * name), the generated module holds it only as data: it loads, runs, and gives the text back exactly.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { encodeString } from '@pol/core';
import { loadCompiled } from '@pol/compiler';
import { checkSource } from '../harness/policy-gen.ts';

const nasty = fc.oneof(
  // an empty or blank title or citation is refused by the checker (check/empty-text)
  fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }).filter((t) => t.trim() !== ''),
  fc.constantFrom('*/ globalThis.__pwned = 1; /*', '`${globalThis.__pwned = 1}`', '"); globalThis.__pwned = 1; ("', 'a\u2028b\u2029c', '🚀 emoji', '\\', "'", '</script>', '@see x', '\n// x\nglobalThis.__pwned=1'),
);

function policy(title: string, cite: string, obligation: string, because: string, name: string): string {
  const s = encodeString;
  return `policy ${s(name)} version ${s(title)}
enum K { __proto__, constructor, toString }
input In { constructor: Number, __proto__: K, valueOf: optional Number }
decision Out { ok(hasOwnProperty: K), no }
require constructor >= 0 because ${s(because)}
rule prototype ${s(title)} {
  cites ${s(cite)}
  when __proto__ is constructor
  decide ok(hasOwnProperty: __proto__)
  obligation ${s(obligation)}
}
otherwise cites ${s(cite)} decide no
`;
}

test('policy text reaches the generated code only as data', async () => {
  await fc.assert(
    fc.asyncProperty(nasty, nasty, nasty, nasty, nasty, async (title, cite, obligation, because, name) => {
      const program = checkSource(policy(title, cite, obligation, because, name));
      const mod = await loadCompiled(program);
      expect(mod.POLICY.name).toBe(name);
      const v = mod.validate(JSON.parse('{"constructor": 1, "__proto__": "constructor", "valueOf": null}'));
      expect(v.ok).toBe(true);
      if (!v.ok) return;
      const r = mod.evaluate(v.value) as { trace: { title: string; cites: string[] }[]; obligations: string[]; decision: Record<string, unknown> };
      expect(r.trace[0]!.title).toBe(title);
      expect(r.trace[0]!.cites).toEqual([cite]);
      expect(r.obligations).toEqual([obligation]);
      expect(r.decision).toEqual({ outcome: 'ok', hasOwnProperty: 'constructor' });
      const bad = mod.validate(JSON.parse('{"constructor": -1, "__proto__": "toString"}'));
      expect(bad).toEqual({ ok: false, errors: [{ path: 'constructor', message: because, code: 'input/requirement-failed' }] });
      expect((globalThis as { __pwned?: unknown }).__pwned).toBeUndefined();
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    }),
    { numRuns: 60, seed: 3 },
  );
});

test('__proto__ and constructor keys in input pollute nothing', async () => {
  const program = checkSource(policy('t', 'c', 'o', 'b', 'n'));
  const mod = await loadCompiled(program);
  const v = mod.validate(JSON.parse('{"constructor": 1, "__proto__": "K", "valueOf": null, "x": {"__proto__": {"polluted": 1}}}'));
  expect(v.ok).toBe(false);
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
});

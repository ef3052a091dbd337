import { expect, test } from 'vitest';
import { runtimeNames, runtimeText } from './inline.ts';

test('the inlined runtime imports nothing and exports only the public API', () => {
  const text = runtimeText();
  expect(text).not.toMatch(/^import /m);
  const exported = [...text.matchAll(/^export (?:class|function|const|let|type|interface) (\w+)/gm)].map((m) => m[1]);
  expect(exported.sort()).toEqual(['EvaluateOptions', 'ExplainStep', 'InputError', 'Json', 'PolNumber', 'PolRational', 'TraceStep']);
  for (const n of ['check', 'numberJson', 'cmpSlow', 'withAlternative', 'COUNTRY_ALIASES']) expect(runtimeNames().has(n)).toBe(true);
});

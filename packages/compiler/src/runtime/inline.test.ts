import { describe, expect, it, test } from 'vitest';
import { runtimeNames, runtimeText } from './inline.ts';

test('the inlined runtime imports nothing and exports only the public API', () => {
  const text = runtimeText();
  expect(text).not.toMatch(/^import /m);
  const exported = [...text.matchAll(/^export (?:class|function|const|let|type|interface) (\w+)/gm)].map((m) => m[1]);
  expect(exported.sort()).toEqual(['EvaluateOptions', 'ExplainStep', 'InputError', 'Json', 'PolNumber', 'PolRational', 'TraceStep', 'ValidateOptions']);
  for (const n of ['checkValue', 'numberJson', 'cmpSlow', 'withAlternative', 'COUNTRY_ALIASES']) expect(runtimeNames().has(n)).toBe(true);
});

describe('the runtime text', () => {
  it('is fresh: text.generated.ts holds the runtime files as they are (pnpm gen)', async () => {
    const { runtimeTextModule } = await import('../../../../scripts/gen-runtime-text.ts');
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(new URL('./text.generated.ts', import.meta.url), 'utf8')).toBe(runtimeTextModule());
  });
});

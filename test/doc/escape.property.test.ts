/**
 * Whatever text a policy carries (titles, citations, obligations, example titles, the prose of a
 * literate file), the digest's markup is only the digest's own: the page's tags are from a fixed
 * list, every text comes back when the entities are decoded (bidi and control characters shown
 * as `\u{..}`), and the same policy always gives the same bytes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePolicyFile, encodeString, visible } from '@pol/core';
import { runExamples } from '../../packages/cli/src/doc/examples.ts';
import { renderDigest } from '../../packages/cli/src/doc/render.ts';
import { fcParams } from '../support/fc-config.ts';

const TAGS = new Set('html head meta title style body a header p h1 h2 h3 h4 h5 h6 dl dt dd cite time code nav ol li main section article ul strong span div table caption thead tbody tr th td footer blockquote em pre'.split(' '));

const nasty = fc.oneof(
  // an empty or blank title or citation is refused by the checker (check/empty-text)
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).filter((t) => t.trim() !== ''),
  fc.constantFrom('</script><script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><b>', "' onmouseover='x", '&amp;&lt;', '\u202eevil\u202c', '\u2066x\u2069', '\u0000\u001b[31m', '-->', '<!--', ']]>'),
);

function policy(t: { rule: string; cite: string; ob: string; ex: string; prose: string }): string {
  return `# Heading

${t.prose}

\`\`\`pol
input T { n: Number }
decision D { yes, no }

rule r ${encodeString(t.rule)} {
  cites ${encodeString(t.cite)}
  when n > 1
  decide yes
  obligation ${encodeString(t.ob)}
}

otherwise decide no

example ${encodeString(t.ex)} {
  given {
    n: 2
  }
  expect yes
}
\`\`\`
`;
}

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

describe('the digest escapes every policy text', () => {
  it('only its own tags; every text readable after decoding; deterministic', () => {
    fc.assert(
      fc.property(fc.record({ rule: nasty, cite: nasty, ob: nasty, ex: nasty, prose: nasty.map((s) => s.replace(/[`~]/g, '')) }), (t) => {
        const path = '/p/hostile.pol.md';
        const text = policy(t);
        const r = compilePolicyFile(path, (p) => (p === path ? text : undefined));
        const program = r.program!;
        expect(program, r.diagnostics.map((d) => d.message).join('; ')).toBeDefined();
        const page = renderDigest(program, runExamples(program), { asOf: '2026-01-01', file: 'hostile.pol.md' });
        const tags = [...page.matchAll(/<\/?([A-Za-z][A-Za-z0-9-]*)/g)].map((m) => m[1]!.toLowerCase());
        expect(tags.filter((x) => !TAGS.has(x))).toEqual([]);
        expect(page).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
        const body = decode(page.replace(/<[^>]*>/g, ''));
        for (const s of [t.rule, t.cite, t.ob, t.ex]) if (s.trim() !== '') expect(body).toContain(visible(s).trim());
        expect(renderDigest(program, runExamples(program), { asOf: '2026-01-01', file: 'hostile.pol.md' })).toBe(page);
      }),
      fcParams(60),
    );
  });
});

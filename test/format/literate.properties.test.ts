/**
 * The formatter's promises on literate policies (`.pol.md`): random policies cut into fenced `pol`
 * blocks between declarations, with random Markdown prose around them (other fences, a ```pol
 * line inside a ```text block, trailing spaces, quotes, non-ASCII). Formatting keeps the meaning
 * and the comments, is idempotent, leaves every character outside the blocks as it was, and lays
 * out each block exactly as the same text formatted alone as a `.pol` file.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSource } from '../../packages/core/src/syntax/parse.ts';
import { polBlocks } from '../../packages/core/src/source/literate.ts';
import { policyText } from './arbitrary-policy.ts';
import { commentTexts, FC_RUNS, FC_SEED, format, meaning } from './harness.ts';
import { addNoise } from './noise.ts';

const PATH = 'policy.pol.md';
const params = { numRuns: FC_RUNS, seed: FC_SEED, endOnFailure: true } as const;

const PROSE_LINES = [
  '',
  '# License Exception AIA',
  'Some prose with `code`, *emphasis* and a [link](https://example.com).',
  '> (a) Eligibility. A license exception authorizes exports to ... (15 CFR 740.27)',
  'a hard line break needs two trailing spaces  ',
  '- a list item\n- another one',
  '    indented code, not a fence',
  '```text\nrule not_policy "inside a text block" {\n```pol\n```',
  '~~~\n```pol\nconst NOT_POLICY = 1\n~~~',
  '``` pol` is inline code, not a fence',
  'unicode: § 740.27 — «é» 𝒜 \u202e reversed?',
  'rule looks_like_pol "but this is prose" {',
  '| table | head |\n| --- | --- |\n| a | b |',
];

const FENCES = [
  { open: '```pol', close: '```' },
  { open: '~~~pol', close: '~~~' },
  { open: '````pol title="the rule"', close: '`````' },
  { open: '```pol', close: '```   ' },
];

const prose = fc.array(fc.constantFrom(...PROSE_LINES), { minLength: 0, maxLength: 4 }).map((ls) => ls.join('\n'));

/** Offsets in a policy where a block may end: the end of the line a top-level item ends on, before the next begins. */
function cutPoints(text: string): number[] {
  const file = parseSource('x.pol', text).file;
  const items = [...(file.header ? [file.header] : []), ...file.imports, ...file.declarations].map((d) => d.span);
  const out: number[] = [];
  for (let i = 0; i + 1 < items.length; i++) {
    const nl = text.indexOf('\n', items[i]!.end);
    if (nl >= 0 && nl < items[i + 1]!.start) out.push(nl + 1);
  }
  return out;
}

const literate = fc
  .record({ policy: policyText, picks: fc.array(fc.boolean(), { maxLength: 40 }), proses: fc.array(prose, { minLength: 12, maxLength: 12 }), fences: fc.array(fc.nat(FENCES.length - 1), { minLength: 12, maxLength: 12 }) })
  .map(({ policy, picks, proses, fences }) => {
    const cuts = cutPoints(policy).filter((_, i) => picks[i] === true).slice(0, 10);
    const pieces: string[] = [];
    let at = 0;
    for (const cut of [...cuts, policy.length]) {
      pieces.push(policy.slice(at, cut));
      at = cut;
    }
    let md = '';
    pieces.forEach((piece, i) => {
      const fence = FENCES[fences[i]!]!;
      const body = piece.endsWith('\n') || piece === '' ? piece : `${piece}\n`;
      md += `${proses[i]}\n\n${fence.open}\n${body}${fence.close}\n`;
    });
    return { policy, md: `${md}\n${proses[11]}\n` };
  });

/** Everything outside the blocks' contents, in order. */
function outside(text: string): string[] {
  const out: string[] = [];
  let at = 0;
  for (const b of polBlocks(text)) {
    out.push(text.slice(at, b.start));
    at = b.end;
  }
  out.push(text.slice(at));
  return out;
}

describe('literate policies (.pol.md)', () => {
  it('a literate file means what its blocks say, and the prose is not policy', () => {
    fc.assert(
      fc.property(literate, ({ policy, md }) => {
        expect(meaning(md, PATH)).toEqual(meaning(policy));
        expect(commentTexts(md, PATH)).toEqual(commentTexts(policy));
      }),
      params,
    );
  });

  it('formatting keeps meaning and comments, is idempotent and leaves the prose byte for byte', async () => {
    await fc.assert(
      fc.asyncProperty(literate, fc.constantFrom(undefined, 40, 100), async ({ md }, width) => {
        const once = await format(md, width, PATH);
        expect(meaning(once, PATH)).toEqual(meaning(md, PATH));
        expect(commentTexts(once, PATH)).toEqual(commentTexts(md, PATH));
        expect(outside(once)).toEqual(outside(md));
        expect(await format(once, width, PATH)).toBe(once);
        // each block is laid out as the same Pol alone would be
        for (const b of polBlocks(once)) {
          const body = once.slice(b.start, b.end);
          if (body.trim() !== '') expect(await format(body, width)).toBe(body);
        }
      }),
      params,
    );
  });

  it('stable under whitespace noise inside the blocks', async () => {
    await fc.assert(
      fc.asyncProperty(literate, fc.array(fc.nat(1000), { minLength: 1, maxLength: 50 }), async ({ md }, choices) => {
        const noisy = addNoise(md, choices, PATH);
        expect(outside(noisy).join('').replace(/\s+/g, '')).toBe(outside(md).join('').replace(/\s+/g, ''));
        expect(meaning(noisy, PATH)).toEqual(meaning(md, PATH));
        expect(await format(noisy, undefined, PATH)).toBe(await format(md, undefined, PATH));
      }),
      params,
    );
  });
});

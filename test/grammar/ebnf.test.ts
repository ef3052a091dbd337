/**
 * grammar/pol.ebnf is normative: its productions are the parser's rules, name for name, and every
 * sentence it generates is accepted by the parser.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseSource, polParser } from '@pol/core';
import { readEbnf, minSizes, type Expr } from './ebnf.ts';
import { fcParams } from '../support/fc-config.ts';
import { REPO } from '../support/policy-files.ts';

const rules = readEbnf(readFileSync(join(REPO, 'grammar/pol.ebnf'), 'utf8'));
const LEXICAL = new Set(['IDENT', 'NUMBER', 'PERCENT', 'DATE', 'STRING', 'KEYWORD', 'name']);
const keywords = (() => {
  const k = rules.get('KEYWORD');
  return k?.kind === 'alt' ? k.options.map((o) => (o.kind === 'terminal' ? o.text : '')) : [];
})();

describe('grammar/pol.ebnf', () => {
  it('names exactly the parser rules', () => {
    const parserRules = Object.keys(polParser().getGAstProductions()).sort();
    const grammarRules = [...rules.keys()].filter((n) => !LEXICAL.has(n) && n !== 'compareOp' && /^[a-z]/.test(n)).sort();
    expect(grammarRules).toEqual(parserRules);
  });

  it('lists the lexer keywords', () => {
    expect(keywords.length).toBeGreaterThan(40);
    for (const k of ['rule', 'exception', 'otherwise', 'satisfies', 'every']) expect(keywords).toContain(k);
  });

  it('generates sentences that the parser accepts', () => {
    const sizes = minSizes(rules, LEXICAL);
    const identifiers = ['a', 'b_2', 'Tier1', 'TPP', 'JP', 'x'];
    const sentence = (choices: number[]): string => {
      let k = 0;
      const pick = (n: number): number => (n <= 1 ? 0 : (choices[k++ % choices.length] ?? 0) % n);
      const out: string[] = [];
      const gen = (e: Expr, depth: number): void => {
        const shallow = depth > 7;
        switch (e.kind) {
          case 'terminal':
            out.push(e.text);
            return;
          case 'ref':
            switch (e.name) {
              case 'IDENT':
                out.push(identifiers[pick(identifiers.length)]!);
                return;
              case 'name':
                out.push(pick(3) === 0 ? keywords[pick(keywords.length)]! : identifiers[pick(identifiers.length)]!);
                return;
              case 'NUMBER':
                out.push(['1', '26_900_000', '1e26', '5.92', '0'][pick(5)]!);
                return;
              case 'PERCENT':
                out.push(['7%', '75%', '0.5%'][pick(3)]!);
                return;
              case 'DATE':
                out.push(['2025-01-13', '2026-02-03'][pick(2)]!);
                return;
              case 'STRING':
                out.push(['"x"', '"15 CFR 740.27"', '"q\\"uote"'][pick(3)]!);
                return;
              default: {
                const r = rules.get(e.name);
                if (!r) throw new Error(`no production ${e.name}`);
                gen(r, depth + 1);
                return;
              }
            }
          case 'seq':
            for (const x of e.items) gen(x, depth);
            return;
          case 'alt': {
            if (shallow) {
              const best = e.options.reduce((a, b) => (size(a) <= size(b) ? a : b));
              gen(best, depth);
            } else gen(e.options[pick(e.options.length)]!, depth);
            return;
          }
          case 'repeat': {
            const n = shallow ? 0 : pick(3);
            for (let j = 0; j < n; j++) gen(e.body, depth + 1);
            return;
          }
          case 'option':
            if (!shallow && pick(2) === 1) gen(e.body, depth + 1);
            return;
        }
      };
      const size = (e: Expr): number => {
        switch (e.kind) {
          case 'terminal':
            return 1;
          case 'ref':
            return sizes.get(e.name) ?? 99;
          case 'seq':
            return e.items.reduce((a, x) => a + size(x), 0);
          case 'alt':
            return Math.min(...e.options.map(size));
          default:
            return 0;
        }
      };
      gen({ kind: 'ref', name: 'file' }, 0);
      return out.join(' ');
    };
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 200 }), (choices) => {
        const text = sentence(choices);
        const r = parseSource('gen.pol', text);
        if (r.diagnostics.length) throw new Error(`${r.diagnostics[0]!.message}\n in: ${text}`);
      }),
      fcParams(1000),
    );
  });
});

describe('grammar/diagrams.html', () => {
  it('is generated from the current parser (run `pnpm gen` after changing the grammar)', async () => {
    const { diagramsHtml } = await import('../../scripts/gen-diagrams.ts');
    expect(readFileSync(join(REPO, 'grammar/diagrams.html'), 'utf8')).toBe(diagramsHtml());
  });
});

import { describe, expect, it } from 'vitest';
import { compilePolicyFile } from '../program/compile-policy.ts';

const PRELUDE = `
unit TPP
unit mm2 "square millimetres"
unit PD "performance density" = TPP / mm2
unit W
input Chip {
  tpp: TPP
  area: mm2
  density: PD
  watts: W
  allied: Share
  rate: Number
  item: { share: Number, part: Share }
  o: optional Number
}
decision D { ok  controlled(density: PD) }
otherwise decide ok
`;

function problems(body: string, prelude = PRELUDE): string[] {
  const r = compilePolicyFile('main.pol', (p) => (p === 'main.pol' ? prelude + body : undefined));
  return r.diagnostics.map((d) => `${d.code} ${JSON.stringify(d.span ? (r.sources.get(d.span.file)?.text.slice(d.span.start, d.span.end) ?? '') : '')}`);
}

const rule = (when: string, decide = 'ok'): string => `rule r { cites "c" when ${when} decide ${decide} }`;

describe('derived units: accepted', () => {
  it.each([
    ['a quotient is the declared unit', rule('tpp / area >= 5.92 PD')],
    ['the declared unit times its divisor is the dividend', rule('density * area >= 4800 TPP and area * density >= 4800 TPP')],
    ['the dividend over the declared unit is the divisor', rule('tpp / density > 10 mm2')],
    ['a derived value as a decision field', `rule r { cites "c" decide controlled(density: tpp / area) }`],
    ['an input in the derived unit against a computed one', rule('density >= tpp / area')],
    ['units that cancel are a plain number', rule('tpp / area / density > 1')],
    ['a share compared with a percentage', rule('allied >= 75% and item.part < 7%')],
    ['a computed ratio compared with a percentage', rule('tpp / (tpp + 1 TPP) < 75%')],
    ['a percentage of a quantity', rule('tpp > 75% * 4800 TPP')],
  ])('%s', (_name, body) => {
    expect(problems(body)).toEqual([]);
  });
});

describe('derived units and shares: refused or warned', () => {
  it.each([
    ['a product that is not declared', rule('tpp * area > 1 TPP'), 'check/unit-mismatch "tpp * area"'],
    ['a quotient that is not declared', rule('tpp / watts > 1 TPP'), 'check/unit-mismatch "tpp / watts"'],
    ['the derived unit compared with its dividend', rule('tpp / area >= 5.92 TPP'), 'check/unit-mismatch "tpp / area >= 5.92 TPP"'],
    ['adding a derived quantity to its dividend', rule('density + tpp > 1 PD'), 'check/unit-mismatch "density + tpp"'],
    ['a plain-number field compared with a percentage', rule('rate < 5.92%'), 'check/percent-on-number "rate < 5.92%"'],
    ['a plain-number record field, percentage first', rule('7% > item.share'), 'check/percent-on-number "7% > item.share"'],
    ['an optional plain number with a fallback', rule('(o otherwise 0) < 5%'), 'check/percent-on-number "(o otherwise 0) < 5%"'],
    ['an optional plain number with a fallback, percentage first', rule('5% <= (o otherwise 1)'), 'check/percent-on-number "5% <= (o otherwise 1)"'],
  ])('%s', (_name, body, expected) => {
    expect(problems(body)).toEqual([expected]);
  });

  it('a unit defined from a later one, and one whose units cancel', () => {
    const prelude = `unit A = B / C\nunit B\nunit C\nunit N = B / B\ninput I { x: B }\ndecision D { ok }\notherwise decide ok\n`;
    expect(problems('', prelude).filter((d) => !d.startsWith('check/unused'))).toEqual(['check/unit-definition "B"', 'check/unit-definition "C"', 'check/unit-definition "unit N = B / B"']);
  });

  it('a unit defined from an unknown one', () => {
    expect(problems('', `unit A = B / mm\nunit B\ninput I { x: B }\ndecision D { ok }\notherwise decide ok\n`).filter((d) => !d.startsWith('check/unused'))).toEqual(['check/unit-definition "B"', 'check/unknown-type "mm"']);
  });

  it('comparing two units: the message names both, the help says how to make them one', () => {
    const r = compilePolicyFile('main.pol', (p) => (p === 'main.pol' ? PRELUDE + rule('density >= 5.92 TPP') : undefined));
    expect(r.diagnostics.map((d) => [d.message, d.help])).toEqual([
      ['cannot compare a quantity in PD with a quantity in TPP', 'both sides must be in one unit: write the other side in PD too (a threshold as `5.92 PD`), or, if PD is made from TPP, compute it (a derived unit such as `unit PD = TPP / mm2` is what `tpp / die_area` gives)'],
    ]);
  });

  it('the help says how to declare the product', () => {
    const r = compilePolicyFile('main.pol', (p) => (p === 'main.pol' ? PRELUDE + rule('tpp * area > 1 TPP') : undefined));
    expect(r.diagnostics[0]?.help).toContain('`unit NAME = TPP * mm2`');
  });
});

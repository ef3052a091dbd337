/**
 * numberTextMeans against the definition it stands in for: a number's text is exact when its
 * decimal equals the one `String` prints for the double JSON.parse reads (core's Rational does the
 * comparison exactly). The texts are chosen where a shortcut would go wrong: the exact decimal of
 * a double and the midpoints to its neighbours cut to 15-19 digits (the ends of the rounding
 * interval, halfway cases), powers of two (an interval shorter below), subnormals, the largest
 * doubles, random 16-17 digit decimals at any exponent, and each written in several ways.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '@pol/core';
import { fcParams } from '../../../test/support/fc-config.ts';
import { readJson, readJsonFast } from './json-reader.ts';
import { numberTextMeans } from './json-number.ts';

function exact(text: string): boolean {
  const written = Rational.parse(text);
  const meant = Rational.fromNumber(Number(text));
  return written !== undefined && meant !== undefined && written.eq(meant);
}

const bits = new BigUint64Array(1);
const float = new Float64Array(bits.buffer);
function fromBits(b: bigint): number {
  bits[0] = b;
  return float[0]!;
}
function toBits(x: number): bigint {
  float[0] = x;
  return bits[0]!;
}

/** A positive finite double as an exact fraction num / 2^shift. */
function dyadic(x: number): { num: bigint; shift: number } {
  const b = toBits(Math.abs(x));
  const e = Number(b >> 52n);
  const m = b & ((1n << 52n) - 1n);
  return e === 0 ? { num: m, shift: 1074 } : { num: m | (1n << 52n), shift: 1075 - e };
}

/** The exact decimal num / 2^shift as digits and the exponent of the last one. */
function decimal(num: bigint, shift: number): { digits: string; exp: number } {
  if (shift <= 0) return { digits: (num << BigInt(-shift)).toString(), exp: 0 };
  return { digits: (num * 5n ** BigInt(shift)).toString(), exp: -shift };
}

/** The decimal cut (down, then one up) to p significant digits, as texts. */
function cuts(d: { digits: string; exp: number }, p: number, negative: boolean): string[] {
  const sign = negative ? '-' : '';
  if (d.digits.length <= p) return [`${sign}${d.digits}e${d.exp}`];
  const cut = d.digits.length - p;
  const down = BigInt(d.digits.slice(0, p));
  return [down, down + 1n, down - 1n].map((m) => `${sign}${m}e${d.exp + cut}`);
}

/** The same number written as JSON people write it: with a point, plain, E, +, leading zeros. */
function spellings(text: string): string[] {
  const m = /^(-?)(\d+)e(-?\d+)$/.exec(text);
  if (!m) return [text];
  const [, sign, digits, e] = m as unknown as [string, string, string, string];
  const exp = Number(e);
  const lead = digits.replace(/^0+(?=\d)/, '');
  const sci = `${sign}${lead[0]}${lead.length > 1 ? `.${lead.slice(1)}` : ''}E+${exp + lead.length - 1}`.replace('E+-', 'E-');
  const out = [text, sci];
  if (exp >= 0 && exp < 25) out.push(`${sign}${lead}${'0'.repeat(exp)}`);
  if (exp < 0 && exp > -30) {
    const padded = lead.padStart(-exp + 1, '0');
    out.push(`${sign}${padded.slice(0, padded.length + exp)}.${padded.slice(padded.length + exp)}`);
  }
  return out;
}

/** Texts around the double x: its own cuts, the midpoints' cuts, its shortest form. */
function around(x: number): string[] {
  if (!Number.isFinite(x) || x === 0) return [String(x)];
  const negative = x < 0;
  const { num, shift } = dyadic(x);
  const out = [String(x)];
  const up = dyadic(fromBits(toBits(Math.abs(x)) + 1n));
  const points = [decimal(num, shift), decimal(2n * num + 1n, shift + 1)];
  // below: half the gap, or a quarter of the gap above at a power of two
  const below = toBits(Math.abs(x)) - 1n;
  if (below > 0n) {
    const lo = dyadic(fromBits(below));
    const s = Math.max(lo.shift, shift);
    const a = lo.num << BigInt(s - lo.shift);
    const b = num << BigInt(s - shift);
    // the midpoint, and a quarter of the gap to either side of it
    points.push(decimal(a + b, s + 1), decimal(a + 3n * b, s + 2), decimal(3n * a + b, s + 2));
  }
  if (Number.isFinite(fromBits(toBits(Math.abs(x)) + 1n))) points.push(decimal(up.num, up.shift));
  for (const p of points) for (const digits of [15, 16, 17, 18]) for (const t of cuts(p, digits, negative)) out.push(...spellings(t));
  return out;
}

const anyDouble = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.bigInt({ min: 1n, max: (2047n << 52n) - 1n }).map(fromBits),
  // subnormals and the first normals
  fc.bigInt({ min: 1n, max: 1n << 54n }).map(fromBits),
  // powers of two, where the interval below is half as wide
  fc.integer({ min: 1, max: 2046 }).map((e) => fromBits(BigInt(e) << 52n)),
  // around 2^53 and the integers a double no longer holds one by one
  fc.bigInt({ min: 2n ** 49n, max: 2n ** 70n }).map((n) => Number(n)),
  fc.constantFrom(Number.MAX_VALUE, Number.MIN_VALUE, 2.2250738585072014e-308, 0.1, 0.3, 1e23, 5e-324),
);

const randomDecimal = fc
  .tuple(fc.boolean(), fc.bigInt({ min: 10n ** 14n, max: 10n ** 17n - 1n }), fc.integer({ min: -345, max: 310 }))
  .chain(([negative, m, e]) => fc.constantFrom(...spellings(`${negative ? '-' : ''}${m}e${e}`)));

describe('numberTextMeans', () => {
  it('says true only for a text that is exactly the decimal its double prints as', () => {
    fc.assert(
      fc.property(anyDouble, fc.boolean(), (x, negate) => {
        for (const text of around(negate ? -x : x)) {
          const read = Number(text);
          if (numberTextMeans(text, 0, read)) expect({ text, exact: exact(text) }).toEqual({ text, exact: true });
          // a wrong guess at the double (the neighbours) must not make a text exact either
          for (const guess of [fromBits(toBits(read) + 1n), fromBits(toBits(read) - 1n), -read]) {
            if (numberTextMeans(text, 0, guess)) expect({ text, guess, exact: exact(text) }).toEqual({ text, guess, exact: true });
          }
        }
      }),
      fcParams(300),
    );
  });
  it('on random 16 and 17 digit decimals at any exponent', () => {
    fc.assert(
      fc.property(randomDecimal, (text) => {
        if (numberTextMeans(text, 0, Number(text))) expect({ text, exact: exact(text) }).toEqual({ text, exact: true });
      }),
      fcParams(3000),
    );
  });
  it('proves almost every shortest form, without printing it', () => {
    const xs = fc.sample(fc.noBias(fc.bigInt({ min: 1n, max: (2047n << 52n) - 1n })).map(fromBits), { seed: 7, numRuns: 20_000 });
    const missed = xs.filter((x) => !numberTextMeans(String(x), 0, x));
    // what it leaves to String: subnormals, and exact ties between two decimals of the same length
    expect(missed.length).toBeLessThan(xs.length / 200);
    for (const text of ['1.0000000000000002e+26', '5.665334414268036e-59', '1.7976931348623157e308', '2.2250738585072014e-308', '0.30000000000000004', '123456789012345680000', '-9007199254740992', '1e-307', '5e-308', '0.000', '-0']) {
      expect({ text, proved: numberTextMeans(text, 0, Number(text)) }).toEqual({ text, proved: true });
    }
    // 0.10000000000000001 reads as 0.1; the others lose digits, or are beyond a double
    for (const text of ['0.10000000000000001', '9007199254740993', '1.7976931348623159e308', '2.2250738585072011e-308', '1e400', '1e-400', '4.9406564584124654e-324', '123456789012345678']) {
      expect({ text, proved: numberTextMeans(text, 0, Number(text)) }).toEqual({ text, proved: false });
    }
  });
  it('reads the number where it starts in a longer text and stops where its grammar does', () => {
    expect(numberTextMeans('{"a":1.0000000000000002e+26}', 5, 1.0000000000000002e26)).toBe(true);
    expect(numberTextMeans('[0.10000000000000001,1]', 1, 0.1)).toBe(false);
    expect(numberTextMeans('[1e,1]', 1, NaN)).toBe(false);
  });
});

describe('the JSON reader on numbers near a double\'s limits', () => {
  it('agrees with the exact reader (value and warnings) in fields, arrays and reordered keys', () => {
    const texts = fc.oneof(anyDouble.map((x) => around(x)), randomDecimal.map((t) => [t]));
    fc.assert(
      fc.property(texts, fc.nat(), (ts, k) => {
        const t = ts[k % ts.length]!;
        const u = ts[(k * 7 + 3) % ts.length]!;
        // "1" comes first in JSON.parse's object, so the quick proof's guesses are misaligned
        for (const line of [`{"a":${t}}`, `{"a": ${t},"b":{"c":${u}}}`, `[${t},${u}]`, `{"b":${t},"1":${u}}`, t]) {
          expect(readJsonFast(line)).toEqual(readJson(line));
        }
      }),
      fcParams(300),
    );
  });
});

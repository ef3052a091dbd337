/**
 * The module's numbers against core's exact rationals (the interpreter's, an independent
 * implementation): every operation and comparison, on safe integers, small decimals, huge and tiny
 * values, and numbers that differ in their last digits (where the double fast paths must not decide).
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { Rational } from '@pol/core';
import { fcParams } from '../../../../test/support/fc-config.ts';
import * as N from './numbers.ts';

const toPol = (r: Rational): N.PolNumber => N.q(r.num, r.den);
const toRat = (a: N.PolNumber): Rational => (typeof a === 'number' ? Rational.of(BigInt(a)) : Rational.of(a.n, a.d));

const arbBig = fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n });
const arbRational: fc.Arbitrary<Rational> = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }).map((n) => Rational.of(BigInt(n))),
  fc.constantFrom('19.4', '5.92', '5.91', '5.93', '0.001', '-0.07', '1e26', '99999999999999999999999999', '9007199254740993', '1e-300').map((t) => Rational.parse(t)!),
  fc.tuple(arbBig, fc.bigInt({ min: 1n, max: 10n ** 24n })).map(([n, d]) => Rational.of(n, d)),
  // neighbours: x and x + 1/10^k, where doubles cannot tell them apart
  fc.tuple(fc.integer({ min: 0, max: 10 ** 6 }), fc.integer({ min: 10, max: 40 })).map(([n, k]) => Rational.of(BigInt(n) * 10n ** BigInt(k) + 1n, 10n ** BigInt(k))),
);

test('canonical form: safe integers are JS numbers, other values normalised rationals', () => {
  expect(N.q(10n, 5n)).toBe(2);
  expect(N.q(-3n, -6n)).toEqual(new N.PolRational(1n, 2n));
  expect(N.q(2n ** 53n, 1n)).toEqual(new N.PolRational(2n ** 53n, 1n));
  expect(N.q(1n, 0n)).toBe(0);
  expect(N.parseNumber('19.40')).toEqual(new N.PolRational(97n, 5n));
  expect(N.parseNumber('1e3')).toBe(1000);
  expect(N.parseNumber('1e1001')).toBeUndefined();
  expect(N.parseNumber('1.')).toBeUndefined();
});

test('arithmetic and comparisons agree with exact rationals', () => {
  fc.assert(
    fc.property(arbRational, arbRational, (x, y) => {
      const a = toPol(x);
      const b = toPol(y);
      expect(toRat(N.add(a, b)).eq(x.add(y))).toBe(true);
      expect(toRat(N.sub(a, b)).eq(x.sub(y))).toBe(true);
      expect(toRat(N.mul(a, b)).eq(x.mul(y))).toBe(true);
      expect(toRat(N.div(a, b)).eq(y.num === 0n ? Rational.ZERO : x.div(y))).toBe(true);
      expect(toRat(N.neg(a)).eq(x.neg())).toBe(true);
      const c = x.cmp(y);
      expect(N.cmp(a, b)).toBe(c);
      expect([N.lt(a, b), N.le(a, b), N.gt(a, b), N.ge(a, b), N.eq(a, b), N.ne(a, b)]).toEqual([c < 0, c <= 0, c > 0, c >= 0, c === 0, c !== 0]);
      for (const [p, r] of [[4, 3], [100, 7], [2, 1]] as const) expect(N.cmpScaled(a, p, b, r)).toBe(x.mul(Rational.of(BigInt(p))).cmp(y.mul(Rational.of(BigInt(r)))));
    }),
    fcParams(3000),
  );
});

test('unnormalised results of arithmetic still compare and print exactly', () => {
  // a product of two big rationals is left unnormalised inside evaluate
  const a = N.mul(N.parseNumber('0.3333333333333333333333')!, N.parseNumber('3')!);
  expect(N.numberJson(a)).toBe(N.numberJson(N.parseNumber('0.9999999999999999999999')!));
  const one = N.mul(N.parseNumber('1e-30')!, N.parseNumber('1e30')!);
  expect(N.eq(one, 1)).toBe(true);
  expect(N.numberJson(one)).toBe(1);
});

test('numberJson: a JS number when exact, else decimal text, else n/d', () => {
  fc.assert(
    fc.property(arbRational, (x) => {
      expect(N.numberJson(toPol(x))).toEqual(x.toJSON());
    }),
    fcParams(2000),
  );
  expect(N.nj(null)).toBeNull();
  expect(N.numberJson(-0)).toBe(0);
  expect(Object.is(N.numberJson(0 - 0), 0)).toBe(true);
});

test('numberOfDouble is parseNumber of the decimal a double prints as', () => {
  fc.assert(
    fc.property(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: -1e6, max: 1e6 }).map((n) => n / 100), fc.integer().map((n) => n / 7)), (x) => {
      expect(N.numberOfDouble(x)).toEqual(N.parseNumber(String(x)));
    }),
    { seed: 12, numRuns: 2000 },
  );
  expect(N.numberOfDouble(19.4)).toEqual(new N.PolRational(97n, 5n));
  expect(N.numberOfDouble(-0.5)).toEqual(new N.PolRational(-1n, 2n));
});

test('parseNumber is exact and canonical: core Rational.parse on decimals with and without exponents', () => {
  const digits = (max: number) => fc.string({ unit: fc.constantFrom('0', '1', '2', '5', '9'), minLength: 1, maxLength: max });
  const text = fc
    .tuple(fc.boolean(), digits(12), fc.option(digits(8)), fc.option(fc.integer({ min: -400, max: 400 })))
    .map(([neg, w, f, e]) => `${neg ? '-' : ''}${w}${f === null ? '' : '.' + f}${e === null ? '' : 'e' + e}`);
  fc.assert(
    fc.property(text, (t) => {
      const want = Rational.parse(t)!;
      const got = N.parseNumber(t)!;
      expect(got).toEqual(toPol(want));
    }),
    fcParams(3000),
  );
  expect(N.parseNumber('1.988395340180949e-11')).toEqual(new N.PolRational(1988395340180949n, 10n ** 26n));
  expect(N.parseNumber('25e-2')).toEqual(new N.PolRational(1n, 4n));
  expect(N.parseNumber('-0e-5')).toBe(0);
  expect(N.parseNumber('12e3')).toBe(12000);
});

/**
 * How large exact numbers can get. Pol computes with exact rationals, and a policy that multiplies
 * a value by itself again and again (a define squared forty times) would need numbers of billions
 * of digits: minutes of work, then a crash. Inputs are bounded (at most 1,000 digits, exponents
 * within ±1000: values/validate.ts), so an upper bound on the size of every number a policy
 * computes can be found before anything runs; past MAX_BITS the policy is refused here.
 *
 * A bound is tracked as the magnitude (log2 of the largest absolute value) and the denominator's
 * size; decimal denominators (dividing a power of ten) are tracked by their power, since adding
 * decimals does not grow them. Sums over lists add 32 bits of magnitude (at most 2^32 elements)
 * and, for non-decimal terms, a factor for the denominators: an estimate that grows with the list,
 * as the work does.
 */
import type * as A from '../../ast/nodes.ts';
import { Rational } from '../../values/rational.ts';
import { MAX_INPUT_DIGITS } from '../../values/validate.ts';
import * as E from '../errors.ts';
import type { LintFactory } from './lint.ts';

/** The largest number (numerator and denominator together) a policy may compute, in bits. */
export const MAX_BITS = 4_000_000;

const LOG2_10 = Math.log2(10);

interface Bound {
  /** log2 of the largest absolute value */
  readonly magnitude: number;
  /** bits of the denominator */
  readonly den: number;
  /** the denominator divides 10^tens (decimal), or undefined for any other denominator */
  readonly tens: number | undefined;
}

const EXPONENT = 1000;
const INPUT: Bound = { magnitude: (MAX_INPUT_DIGITS + EXPONENT) * LOG2_10, den: (MAX_INPUT_DIGITS + EXPONENT) * LOG2_10, tens: MAX_INPUT_DIGITS + EXPONENT };
const SMALL: Bound = { magnitude: 32, den: 0, tens: 0 };
/** Stands for a value already reported: nothing computed from it is reported again. */
const REPORTED: Bound = { magnitude: -Infinity, den: 0, tens: 0 };

function bits(n: bigint): number {
  return n === 0n ? 0 : (n < 0n ? -n : n).toString(2).length;
}

function literal(r: Rational): Bound {
  let tens = 0;
  let d = r.den;
  while (d % 10n === 0n) (d /= 10n), tens++;
  while (d % 2n === 0n || d % 5n === 0n) (d = d % 2n === 0n ? d / 2n : d / 5n), tens++;
  return { magnitude: bits(r.num) - bits(r.den) + 1, den: bits(r.den), tens: d === 1n ? tens : undefined };
}

function denOf(tens: number | undefined, general: number): { den: number; tens: number | undefined } {
  return tens === undefined ? { den: general, tens } : { den: tens * LOG2_10, tens };
}

const size = (b: Bound): number => Math.max(0, b.magnitude) + 2 * b.den;

export const numberSize: LintFactory = (ctx) => {
  const { types, resolutions } = ctx.typing;
  const defs = new Map<string, Bound>();
  const reported = new Set<A.Node>();

  /** The bound of a numeric expression; walks into every other one for the numbers inside. */
  const bound = (e: A.Expr, owner: A.Node): Bound => {
    const b = compute(e, owner);
    if (size(b) > MAX_BITS && !reported.has(owner)) {
      reported.add(owner);
      ctx.report(E.numberTooLarge(e, MAX_BITS));
    }
    return b;
  };
  const compute = (e: A.Expr, owner: A.Node): Bound => {
    const t = types.get(e);
    const isNumber = t?.kind === 'number' || (t?.kind === 'optional' && t.inner.kind === 'number');
    switch (e.kind) {
      case 'number': {
        const r = Rational.parse(e.text);
        return r ? literal(r) : SMALL;
      }
      case 'percent': {
        const r = Rational.parse(e.text);
        return r ? literal(r.div(Rational.of(100n))) : SMALL;
      }
      case 'paren':
        return bound(e.inner, owner);
      case 'identifier': {
        const r = resolutions.get(e);
        if (r?.kind === 'define' || r?.kind === 'const') return defs.get(r.name) ?? INPUT;
        return isNumber ? INPUT : SMALL;
      }
      case 'member':
        bound(e.object, owner);
        return isNumber ? INPUT : SMALL;
      case 'unary':
        return bound(e.operand, owner);
      case 'binary': {
        const a = bound(e.left, owner);
        const b = bound(e.right, owner);
        if (!isNumber) return SMALL;
        switch (e.op) {
          case '+':
          case '-':
            return { magnitude: Math.max(a.magnitude, b.magnitude) + 1, ...denOf(a.tens !== undefined && b.tens !== undefined ? Math.max(a.tens, b.tens) : undefined, a.den + b.den) };
          case '*':
            return { magnitude: a.magnitude + b.magnitude, ...denOf(a.tens !== undefined && b.tens !== undefined ? a.tens + b.tens : undefined, a.den + b.den) };
          case '/':
            // |a / b| <= |a| * den(b), as |b| >= 1 / den(b); den(a / b) <= den(a) * num(b)
            return { magnitude: a.magnitude + b.den, den: a.den + Math.max(0, b.magnitude) + b.den, tens: undefined };
          default:
            return SMALL;
        }
      }
      case 'coalesce': {
        const a = bound(e.value, owner);
        const b = bound(e.fallback, owner);
        return { magnitude: Math.max(a.magnitude, b.magnitude), ...denOf(a.tens !== undefined && b.tens !== undefined ? Math.max(a.tens, b.tens) : undefined, Math.max(a.den, b.den)) };
      }
      case 'aggregate': {
        bound(e.list, owner);
        if (e.where) bound(e.where, owner);
        const body = e.body ? bound(e.body, owner) : SMALL;
        if (e.op === 'count') return SMALL;
        if (e.op !== 'sum') return SMALL;
        return { magnitude: body.magnitude + 32, ...denOf(body.tens, body.den * 32) };
      }
      case 'compare':
        bound(e.left, owner);
        bound(e.right, owner);
        return SMALL;
      case 'in':
        bound(e.element, owner);
        return SMALL;
      case 'is':
        bound(e.subject, owner);
        return SMALL;
      case 'daysBetween':
        bound(e.from, owner);
        bound(e.to, owner);
        return SMALL;
      case 'calendarYear':
        bound(e.date, owner);
        return SMALL;
      default:
        return SMALL;
    }
  };

  const body = (b: A.RuleDecl | A.ExceptionDecl): void => {
    if (b.when) bound(b.when, b);
    for (const a of b.decide.args) bound(a.value, b);
    b.exceptions.forEach(body);
  };
  return {
    on: {},
    finish() {
      // consts and defines in dependency order, so each sees the bounds of what it uses
      // (one past the bound is reported once: what uses it is not reported again)
      for (const g of ctx.symbols.globalOrder) {
        if (g.kind === 'group') continue;
        const b = bound(g.value, g);
        defs.set(g.name.name, size(b) > MAX_BITS ? REPORTED : b);
      }
      for (const d of ctx.symbols.declarations) {
        if (d.kind === 'require') bound(d.condition, d);
        else if (d.kind === 'rule') body(d);
        else if (d.kind === 'otherwise') d.decide.args.forEach((a) => bound(a.value, d));
      }
    },
  };
};

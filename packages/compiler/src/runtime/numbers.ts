// ---- numbers: a safe integer is a plain JS number; anything else is an exact BigInt rational ----
// Exact arithmetic again (core has values/rational.ts): generated modules carry their runtime inline
// and the interpreter shares no helper with them, so a bug in one cannot hide in the other.

/**
 * An exact rational that is not a safe integer, den > 0. `validate` returns them normalised (gcd 1);
 * inside `evaluate` arithmetic may leave big ones unnormalised (normalising costs a BigInt gcd),
 * which every operation accepts, and `numberJson` normalises before printing.
 */
export class PolRational {
  readonly n: bigint;
  readonly d: bigint;
  /** n/d as a double, NaN when d overflows one: computed once, so that comparisons rarely touch BigInts */
  readonly f: number;
  constructor(n: bigint, d: bigint) {
    this.n = n;
    this.d = d;
    const x = Number(d);
    this.f = x === Infinity ? NaN : Number(n) / x;
  }
  /** JSON.stringify writes the exact decimal (a number when that round-trips, else its text): validate reads it back as the same value. */
  toJSON(): number | string {
    return numberJson(this);
  }
  toString(): string {
    return String(numberJson(this));
  }
}

/** A Pol number: a JS number when it is an integer with |x| < 2^53, else a PolRational. */
export type PolNumber = number | PolRational;

const MAX_SAFE = 9007199254740991n;

/** gcd of two non-negative integers; in doubles once both are safe (usually after one step). */
export function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) {
    if (a <= MAX_SAFE && b <= MAX_SAFE) return BigInt(gcdSmall(Number(a), Number(b)));
    const t = a % b;
    a = b;
    b = t;
  }
  return a === 0n ? 1n : a;
}

/** gcd of two non-negative safe integers, in doubles (no BigInt allocation). */
function gcdSmall(a: number, b: number): number {
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a === 0 ? 1 : a;
}

/** The canonical form of n/d. */
export function q(n: bigint, d: bigint): PolNumber {
  if (d === 0n) return 0;
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const g = gcd(n < 0n ? -n : n, d);
  if (g > 1n) {
    n /= g;
    d /= g;
  }
  if (d === 1n && n <= MAX_SAFE && n >= -MAX_SAFE) return Number(n);
  return new PolRational(n, d);
}

/**
 * n/d from arithmetic: canonical when n and d are safe integers (a gcd in doubles), else left
 * unnormalised (see PolRational).
 */
function qLazy(n: bigint, d: bigint): PolNumber {
  if (d === 0n) return 0;
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  if (n <= MAX_SAFE && n >= -MAX_SAFE && d <= MAX_SAFE) return qSmall(Number(n), Number(d));
  return new PolRational(n, d);
}

/** The canonical form of n/d for safe integers n and d > 0 (the small-decimal fast path). */
function qSmall(n: number, d: number): PolNumber {
  const g = gcdSmall(n < 0 ? -n : n, d);
  if (g > 1) {
    n /= g;
    d /= g;
  }
  return d === 1 ? n + 0 : new PolRational(BigInt(n), BigInt(d));
}

function bn(a: PolNumber): bigint {
  return typeof a === 'number' ? BigInt(a) : a.n;
}
function bd(a: PolNumber): bigint {
  return typeof a === 'number' ? 1n : a.d;
}

/** The numerator as a double when numerator and denominator are at most 2^25 in size (so sums and products of two stay exact in doubles), else NaN. */
const SMALL = 33554432;
function sn(a: PolNumber): number {
  if (typeof a === 'number') return a <= SMALL && a >= -SMALL ? a : NaN;
  return a.n <= 33554432n && a.n >= -33554432n && a.d <= 33554432n ? Number(a.n) : NaN;
}
function sd(a: PolNumber): number {
  return typeof a === 'number' ? 1 : Number(a.d);
}

export function add(a: PolNumber, b: PolNumber): PolNumber {
  if (typeof a === 'number') {
    if (typeof b === 'number') {
      const r = a + b;
      if (Number.isSafeInteger(r)) return r;
    } else if (b.d > 33554432n) return qLazy(BigInt(a) * b.d + b.n, b.d);
  } else if (typeof b !== 'number' && a.d === b.d) return qLazy(a.n + b.n, a.d);
  const an = sn(a);
  const bnum = sn(b);
  if (an === an && bnum === bnum) return qSmall(an * sd(b) + bnum * sd(a), sd(a) * sd(b));
  return qLazy(bn(a) * bd(b) + bn(b) * bd(a), bd(a) * bd(b));
}
export function sub(a: PolNumber, b: PolNumber): PolNumber {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a - b;
    if (Number.isSafeInteger(r)) return r;
  }
  const an = sn(a);
  const bnum = sn(b);
  if (an === an && bnum === bnum) return qSmall(an * sd(b) - bnum * sd(a), sd(a) * sd(b));
  return qLazy(bn(a) * bd(b) - bn(b) * bd(a), bd(a) * bd(b));
}
export function mul(a: PolNumber, b: PolNumber): PolNumber {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a * b;
    if (Number.isSafeInteger(r)) return r;
  }
  const an = sn(a);
  const bnum = sn(b);
  if (an === an && bnum === bnum) return qSmall(an * bnum, sd(a) * sd(b));
  return qLazy(bn(a) * bn(b), bd(a) * bd(b));
}
/** Division by zero is zero, as in the reference semantics. */
export function div(a: PolNumber, b: PolNumber): PolNumber {
  if (typeof a === 'number' && typeof b === 'number') {
    if (b === 0) return 0;
    if (a % b === 0) return a / b + 0;
  }
  if (bn(b) === 0n) return 0;
  return qLazy(bn(a) * bd(b), bd(a) * bn(b));
}
export function neg(a: PolNumber): PolNumber {
  return typeof a === 'number' ? 0 - a : new PolRational(-a.n, a.d);
}

/** A double close to a (NaN when the denominator does not fit a double). */
function approx(a: PolRational | number): number {
  return typeof a === 'number' ? a : a.f;
}

/**
 * Compares two numbers, at least one not a safe integer. Doubles decide when they are far enough
 * apart that rounding (a few units in the last place, or underflow below 1e-300) cannot matter;
 * otherwise, and for NaN or infinite approximations, exact BigInt cross-multiplication decides.
 */
function cmpSlow(a: PolNumber, b: PolNumber): number {
  const x = approx(a);
  const y = approx(b);
  const diff = x - y;
  const tol = (Math.abs(x) + Math.abs(y)) * 1e-12 + 1e-300;
  if (diff > tol) return 1;
  if (diff < -tol) return -1;
  return cmpExact(a, b);
}

/**
 * a against b exactly, at least one a PolRational. A common denominator (integers beyond 2^53
 * have 1; decimals of one scale share theirs) is not multiplied by: a threshold such as 10^26 met
 * exactly would otherwise cost two BigInt products.
 */
function cmpExact(a: PolNumber, b: PolNumber): number {
  let l: bigint;
  let r: bigint;
  if (typeof a === 'number') {
    const d = (b as PolRational).d;
    l = d === 1n ? BigInt(a) : BigInt(a) * d;
    r = (b as PolRational).n;
  } else if (typeof b === 'number') {
    l = a.n;
    r = a.d === 1n ? BigInt(b) : BigInt(b) * a.d;
  } else if (a.d === b.d) {
    l = a.n;
    r = b.n;
  } else {
    l = a.n * b.d;
    r = b.n * a.d;
  }
  return l < r ? -1 : l > r ? 1 : 0;
}

export function cmp(a: PolNumber, b: PolNumber): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  return cmpSlow(a, b);
}
// The comparisons the evaluator calls: small enough for V8 to inline, the safe-integer case first.
export function lt(a: PolNumber, b: PolNumber): boolean {
  return typeof a === 'number' && typeof b === 'number' ? a < b : cmpSlow(a, b) < 0;
}
export function le(a: PolNumber, b: PolNumber): boolean {
  return typeof a === 'number' && typeof b === 'number' ? a <= b : cmpSlow(a, b) <= 0;
}
export function gt(a: PolNumber, b: PolNumber): boolean {
  return typeof a === 'number' && typeof b === 'number' ? a > b : cmpSlow(a, b) > 0;
}
export function ge(a: PolNumber, b: PolNumber): boolean {
  return typeof a === 'number' && typeof b === 'number' ? a >= b : cmpSlow(a, b) >= 0;
}
export function eq(a: PolNumber, b: PolNumber): boolean {
  return typeof a === 'number' && typeof b === 'number' ? a === b : cmpSlow(a, b) === 0;
}
export function ne(a: PolNumber, b: PolNumber): boolean {
  return typeof a === 'number' && typeof b === 'number' ? a !== b : cmpSlow(a, b) !== 0;
}

/** Compares a*p with b*r (p, r positive integer constants): cross-multiplication without division. */
export function cmpScaled(a: PolNumber, p: number, b: PolNumber, r: number): number {
  if (typeof a === 'number' && typeof b === 'number') {
    const x = a * p;
    const y = b * r;
    if (Number.isSafeInteger(x) && Number.isSafeInteger(y)) return x < y ? -1 : x > y ? 1 : 0;
  }
  // as in cmpSlow: doubles decide unless too close to call
  const x = approx(a) * p;
  const y = approx(b) * r;
  const diff = x - y;
  const tol = (Math.abs(x) + Math.abs(y)) * 1e-12 + 1e-300;
  if (diff > tol) return 1;
  if (diff < -tol) return -1;
  return cmp(mul(a, p), mul(b, r));
}

/** Decimal text as the reference semantics reads it; undefined if malformed. */
export function parseNumber(text: string): PolNumber | undefined {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) return undefined;
  const frac = m[3] ?? '';
  const whole = m[2] ?? '0';
  // at most 15 digits and no exponent: numerator and denominator are exact doubles
  if (m[4] === undefined && whole.length + frac.length <= 15) return qSmall(Number(m[1] + whole + frac), 10 ** frac.length);
  const exp = Number(m[4] ?? '0');
  if (!Number.isSafeInteger(exp) || Math.abs(exp) > 1000) return undefined;
  if (whole.length + frac.length <= 15) return scaledSmall(Number(m[1] + whole + frac), exp - frac.length);
  if (exp - frac.length < 0) return scaledBig(BigInt(m[1] + whole + frac), frac.length - exp);
  let n = BigInt(whole + frac) * (m[1] === '-' ? -1n : 1n);
  let d = 10n ** BigInt(frac.length);
  if (exp > 0) n *= 10n ** BigInt(exp);
  else if (exp < 0) d *= 10n ** BigInt(-exp);
  return q(n, d);
}

/**
 * The decimal a finite double prints as (19.4 is 97/5), as parseNumber(String(x)) gives it, without
 * a BigInt when the decimal has at most 15 digits (every double JSON.parse gives for a short decimal).
 */
export function numberOfDouble(x: number): PolNumber | undefined {
  const s = String(x);
  if (s.length <= 17 && s.indexOf('e') < 0) {
    const dot = s.indexOf('.');
    if (dot > 0) {
      const n = Number(s.slice(0, dot) + s.slice(dot + 1));
      const frac = s.length - dot - 1;
      if (Number.isSafeInteger(n) && frac <= 15) return qSmall(n, 10 ** frac);
    }
  }
  return parseNumber(s);
}

/**
 * m * 10^e in lowest terms for a safe integer m, without a BigInt gcd: the denominator is a power of
 * ten, so only m's factors 2 and 5 can cancel (counted in doubles). The oracle's transactions are
 * full of such numbers (1.988395340180949e-11, 5e-323), where a gcd with 10^300 cost microseconds.
 */
function scaledSmall(m: number, e: number): PolNumber {
  if (m === 0) return 0;
  if (e >= 0) return e <= 22 && Number.isSafeInteger(m * 10 ** e) ? m * 10 ** e + 0 : q(BigInt(m) * 10n ** BigInt(e), 1n);
  const k = -e;
  let n = m;
  let twos = 0;
  while (twos < k && n % 2 === 0) {
    n /= 2;
    twos++;
  }
  let fives = 0;
  while (fives < k && n % 5 === 0) {
    n /= 5;
    fives++;
  }
  if (twos === k && fives === k) return n + 0;
  return new PolRational(BigInt(n), 2n ** BigInt(k - twos) * 5n ** BigInt(k - fives));
}

/** m / 10^k in lowest terms for a big m: as scaledSmall, the factors 2 and 5 cancelled without a gcd. */
function scaledBig(m: bigint, k: number): PolNumber {
  if (m === 0n) return 0;
  let n = m;
  let twos = 0;
  while (twos < k && (n & 1n) === 0n) {
    n >>= 1n;
    twos++;
  }
  let fives = 0;
  while (fives < k && n % 5n === 0n) {
    n /= 5n;
    fives++;
  }
  const d = (twos === k ? 1n : 2n ** BigInt(k - twos)) * (fives === k ? 1n : 5n ** BigInt(k - fives));
  if (d === 1n && n <= MAX_SAFE && n >= -MAX_SAFE) return Number(n);
  return new PolRational(n, d);
}

export function sameNumber(a: PolNumber, b: PolNumber): boolean {
  return cmp(a, b) === 0;
}

export function rationalText(a: PolRational): string {
  if (a.d === 1n) return a.n.toString();
  let d = a.d;
  let twos = 0;
  let fives = 0;
  while (d % 2n === 0n) {
    d /= 2n;
    twos++;
  }
  while (d % 5n === 0n) {
    d /= 5n;
    fives++;
  }
  if (d !== 1n) return a.n + '/' + a.d;
  const digits = Math.max(twos, fives);
  const scaled = (a.n * 10n ** BigInt(digits)) / a.d;
  const negative = scaled < 0n;
  const abs = (negative ? -scaled : scaled).toString().padStart(digits + 1, '0');
  const text = abs.slice(0, abs.length - digits) + '.' + abs.slice(abs.length - digits);
  return negative ? '-' + text : text;
}

/** A number as JSON: a JS number when it round-trips exactly, else exact decimal text, else "n/d". */
export function numberJson(v: PolNumber): number | string {
  const a = typeof v === 'number' ? v : q(v.n, v.d);
  if (typeof a === 'number') return a === 0 ? 0 : a;
  const text = rationalText(a);
  const x = Number(text);
  if (!text.includes('/') && Number.isFinite(x)) {
    const back = parseNumber(String(x));
    if (back !== undefined && sameNumber(back, a)) return x;
  }
  return text;
}

/** An optional number as JSON. */
export function nj(v: PolNumber | null): number | string | null {
  return v === null ? null : numberJson(v);
}

// generated from lab-exports.pol by pol, do not edit

/* eslint-disable */

/** The policy this module was generated from: tie stored decisions to it. */

export interface PolicyInfo {
  readonly name: string;
  readonly version: string | null;
  /** sha256 over the policy's files (docs/compiled-module.md) */
  readonly sourceHash: string;
}

export const POLICY: PolicyInfo = Object.freeze({
  name: 'Laboratory Accelerator Export Rule (sample)',
  version: '2025-03-01',
  sourceHash: '16fbbc7079269593c2dcc1b1965a66cd90a66391388125eb2cbb53498674ab56',
});

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
function gcd(a: bigint, b: bigint): bigint {
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
function q(n: bigint, d: bigint): PolNumber {
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

function add(a: PolNumber, b: PolNumber): PolNumber {
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
function mul(a: PolNumber, b: PolNumber): PolNumber {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a * b;
    if (Number.isSafeInteger(r)) return r;
  }
  const an = sn(a);
  const bnum = sn(b);
  if (an === an && bnum === bnum) return qSmall(an * bnum, sd(a) * sd(b));
  return qLazy(bn(a) * bn(b), bd(a) * bd(b));
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

function cmp(a: PolNumber, b: PolNumber): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  return cmpSlow(a, b);
}
function le(a: PolNumber, b: PolNumber): boolean {
  return typeof a === 'number' && typeof b === 'number' ? a <= b : cmpSlow(a, b) <= 0;
}
function gt(a: PolNumber, b: PolNumber): boolean {
  return typeof a === 'number' && typeof b === 'number' ? a > b : cmpSlow(a, b) > 0;
}
function ge(a: PolNumber, b: PolNumber): boolean {
  return typeof a === 'number' && typeof b === 'number' ? a >= b : cmpSlow(a, b) >= 0;
}
/** Compares a*p with b*r (p, r positive integer constants): cross-multiplication without division. */
function cmpScaled(a: PolNumber, p: number, b: PolNumber, r: number): number {
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
function parseNumber(text: string): PolNumber | undefined {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) return undefined;
  const frac = m[3] ?? '';
  const whole = m[2] ?? '0';
  // at most 15 digits and no exponent: numerator and denominator are exact doubles
  if (m[4] === undefined && whole.length + frac.length <= 15)
    return qSmall(Number(m[1] + whole + frac), 10 ** frac.length);
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
function numberOfDouble(x: number): PolNumber | undefined {
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
  if (e >= 0)
    return e <= 22 && Number.isSafeInteger(m * 10 ** e) ? m * 10 ** e + 0 : q(BigInt(m) * 10n ** BigInt(e), 1n);
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

function sameNumber(a: PolNumber, b: PolNumber): boolean {
  return cmp(a, b) === 0;
}

function rationalText(a: PolRational): string {
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
function numberJson(v: PolNumber): number | string {
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

// ---- dates: `date + n days|months`, `days between`, `calendar year of` ----
// Day numbers from 1970-01-01 (the civil-calendar algorithms), a deliberate copy of core's
// calendar/dates.ts: generated modules carry their runtime inline and share no helper with the
// interpreter, so the differential tests compare two implementations.

// ---- JSON ----

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

// ---- suggestions for misspelt enum members ----
// The same search as core's checker/suggest.ts, written again on purpose: generated modules import
// nothing, and the interpreter shares no helper with them (the differential tests compare both).

/** Codes people write that are not ISO 3166-1 alpha-2, and the code they mean. */
const COUNTRY_ALIASES: Readonly<Record<string, string>> = { UK: 'GB', EL: 'GR' };

/** The members in lower case, once per member list (the lists are the module's frozen constants). */
const LOWER = new WeakMap<readonly string[], readonly string[]>();

function suggest(name: string, candidates: readonly string[]): string | undefined {
  const alias = Object.prototype.hasOwnProperty.call(COUNTRY_ALIASES, name) ? COUNTRY_ALIASES[name] : undefined;
  if (alias !== undefined && candidates.includes(alias)) return alias;
  let lowered = LOWER.get(candidates);
  if (lowered === undefined) {
    lowered = candidates.map((c) => c.toLowerCase());
    LOWER.set(candidates, lowered);
  }
  let best: string | undefined;
  let bestDistance = Infinity;
  // a code of one or two letters is one letter away from most others (XX from AX): only another case, or an alias
  const limit = name.length <= 2 ? 0.5 : Math.max(1, Math.floor(name.length / 3));
  const lower = name.toLowerCase();
  for (let k = 0; k < candidates.length; k++) {
    const c = candidates[k]!;
    if (c === name) continue;
    const d = lowered[k] === lower ? 0.5 : distance(name, c);
    if (d < bestDistance || (d === bestDistance && best !== undefined && c < best)) {
      best = c;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** The distance table, reused: one flat array, grown when a longer pair comes (validate bounds the lengths). */
let TABLE = new Int32Array(256);

/** Optimal string alignment distance (Levenshtein with adjacent transpositions); Infinity beyond 3 in length. */
function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return Infinity;
  const w = b.length + 1;
  const size = (a.length + 1) * w;
  if (TABLE.length < size) TABLE = new Int32Array(size * 2);
  const d = TABLE;
  for (let i = 0; i <= a.length; i++) d[i * w] = i;
  for (let j = 0; j <= b.length; j++) d[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const bj = b.charCodeAt(j - 1);
      const up = d[(i - 1) * w + j]! + 1;
      const left = d[i * w + j - 1]! + 1;
      const diag = d[(i - 1) * w + j - 1]! + (ai === bj ? 0 : 1);
      let v = up < left ? up : left;
      if (diag < v) v = diag;
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) {
        const t = d[(i - 2) * w + j - 2]! + 1;
        if (t < v) v = t;
      }
      d[i * w + j] = v;
    }
  }
  return d[a.length * w + b.length]!;
}

// ---- validation ----

export interface InputError {
  readonly path: string;
  readonly message: string;
  /**
   * input/requirement-failed for a failed require of the policy; input/more-errors for the last
   * entry when more errors were found than `maxErrors`; absent for a malformed input
   */
  readonly code?: 'input/requirement-failed' | 'input/more-errors';
}

/**
 * Bounds on what `validate` spends on one input (docs/compiled-module.md, "Bounded validation").
 * With them its cost is linear in the size of the input, whatever the input holds.
 */
export interface ValidateOptions {
  /** errors reported before the rest are only counted ("and N more"); default 100 */
  readonly maxErrors?: number;
  /**
   * a longer string is refused before it is looked at; default 4,096. No value of a Pol type is
   * longer than 1,010 characters (a number of 1,000 digits with a sign, a point and an exponent).
   */
  readonly maxStringLength?: number;
  /** digits a number may have (before its exponent); default and most 1,000, as in the interpreter */
  readonly maxDigits?: number;
  /** a misspelt enum member gets a "did you mean" only when at most this long; default 32 */
  readonly maxSuggestLength?: number;
}

const DEFAULT_LIMITS: Required<ValidateOptions> = Object.freeze({
  maxErrors: 100,
  maxStringLength: 4096,
  maxDigits: 1000,
  maxSuggestLength: 32,
});

/** The most digits a number may have: the interpreter's MAX_INPUT_DIGITS (core values/validate.ts). */
const MAX_INPUT_DIGITS = 1000;

type VType =
  | { readonly k: 'bool' }
  | { readonly k: 'number'; readonly unit: string | null }
  | { readonly k: 'date' }
  /** an identifier: non-empty text, compared as written (it only keys a ledger) */
  | { readonly k: 'id' }
  | {
      readonly k: 'enum';
      readonly name: string;
      readonly members: readonly string[];
      readonly set: ReadonlySet<string>;
      readonly longest: number;
    }
  | { readonly k: 'list'; readonly element: VType }
  | { readonly k: 'optional'; readonly inner: VType }
  | {
      readonly k: 'record';
      readonly fields: readonly (readonly [name: string, type: VType, shown: string])[];
      readonly names: ReadonlySet<string>;
    };

function record(fields: readonly (readonly [string, VType, string])[]): VType {
  return { k: 'record', fields, names: new Set(fields.map((f) => f[0])) };
}
function enumType(name: string, members: readonly string[]): VType {
  let longest = 0;
  for (const m of members) if (m.length > longest) longest = m.length;
  return { k: 'enum', name, members, set: new Set(members), longest };
}

function describe(json: unknown): string {
  if (json === null) return 'null';
  if (Array.isArray(json)) return 'a list';
  if (typeof json === 'number') return Number.isNaN(json) ? 'NaN' : String(json);
  if (typeof json === 'string') return JSON.stringify(json.length > 40 ? json.slice(0, 40) + '\u2026' : json);
  if (typeof json === 'object') return 'an object';
  return typeof json;
}

function digitCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 101 || c === 69) break;
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

function isValidDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1] ?? 0;
  return d <= days;
}

const hasOwn = Object.prototype.hasOwnProperty;

/** The prototype of validated records: empty, frozen, with a null prototype. */
const RECORD_PROTO: object = Object.freeze(Object.create(null) as object);

/**
 * One validation in progress. The path of the value being checked is a stack of keys, turned into
 * text only for an error: an ordinary input builds no path strings at all.
 */
class Checker {
  readonly errors: InputError[] = [];
  /** errors found beyond maxErrors, only counted */
  more = 0;
  private readonly at: (string | number)[] = [];
  readonly maxErrors: number;
  readonly maxStringLength: number;
  readonly maxDigits: number;
  readonly maxSuggestLength: number;

  constructor(o: ValidateOptions | undefined) {
    const n = (v: number | undefined, d: number): number => (typeof v === 'number' && v >= 0 ? Math.floor(v) : d);
    this.maxErrors = n(o?.maxErrors, DEFAULT_LIMITS.maxErrors);
    this.maxStringLength = n(o?.maxStringLength, DEFAULT_LIMITS.maxStringLength);
    this.maxDigits = Math.min(MAX_INPUT_DIGITS, n(o?.maxDigits, MAX_INPUT_DIGITS));
    this.maxSuggestLength = n(o?.maxSuggestLength, DEFAULT_LIMITS.maxSuggestLength);
  }

  path(): string {
    let p = '';
    for (const k of this.at) p = typeof k === 'number' ? p + '[' + k + ']' : p === '' ? k : p + '.' + k;
    return p;
  }

  /** false once maxErrors are reported: the caller then skips working out a message */
  room(): boolean {
    if (this.errors.length < this.maxErrors) return true;
    this.more++;
    return false;
  }

  fail(message: string): null {
    if (this.room()) this.errors.push({ path: this.path(), message });
    return null;
  }

  /** The errors with "and N more" last when some were only counted. */
  result(): InputError[] {
    if (this.more > 0)
      this.errors.push({
        path: '',
        message:
          'and ' +
          this.more +
          ' more error' +
          (this.more === 1 ? '' : 's') +
          ' (at most ' +
          this.maxErrors +
          ' are listed; see maxErrors)',
        code: 'input/more-errors',
      });
    return this.errors;
  }

  check(type: VType, json: unknown): unknown {
    switch (type.k) {
      case 'optional':
        return json === null || json === undefined ? null : this.check(type.inner, json);
      case 'bool':
        return typeof json === 'boolean'
          ? json
          : this.room()
            ? this.fail('expected true or false, found ' + describe(json))
            : null;
      case 'number':
        // the common case first: a safe integer is itself (`+ 0` turns -0 into 0)
        if (typeof json === 'number' && Number.isSafeInteger(json) && (type.unit === null || json >= 0))
          return json + 0;
        return this.number(type.unit, json);
      case 'date':
        if (typeof json === 'string' && json.length === 10 && isValidDate(json)) return json;
        if (!this.room()) return null;
        if (typeof json === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(json))
          return this.fail(describe(json) + ' is not a calendar date');
        return this.fail('expected a date "YYYY-MM-DD", found ' + describe(json));
      case 'id':
        // spaces around an id would make another consignee of the same one (core's values/validate.ts)
        if (typeof json === 'string' && json.length > 0 && !/^\s|\s$/.test(json)) return json;
        if (!this.room()) return null;
        if (typeof json === 'string' && json.length > 0)
          return this.fail(
            'an identifier cannot begin or end with a space, found ' +
              describe(json) +
              ' (write it without the spaces: the same id with spaces would be another one)',
          );
        return this.fail('expected an identifier (a non-empty text), found ' + describe(json));
      case 'enum':
        // no member is longer than `longest`: a longer string is not hashed, let alone compared
        if (typeof json === 'string' && json.length <= type.longest && type.set.has(json)) return json;
        return this.enumError(type, json);
      case 'list':
        return this.list(type.element, json);
      case 'record':
        return this.record(type, json);
    }
  }

  private number(unit: string | null, json: unknown): PolNumber | null {
    let r: PolNumber | undefined;
    if (typeof json === 'number') {
      if (!Number.isFinite(json)) return this.fail('expected a number, found ' + describe(json));
      // A number means the decimal it prints as (1e26 is 10^26), as in the reference semantics.
      r = Number.isSafeInteger(json) ? json + 0 : numberOfDouble(json);
    } else if (typeof json === 'string') {
      if (json.length > this.maxStringLength) return this.tooLong(json);
      // at most maxDigits digits, refused before any BigInt is built (core's values/validate.ts)
      if (/^-?[\d.]+([eE][+-]?\d+)?$/.test(json) && digitCount(json) > this.maxDigits) {
        return this.fail(
          describe(json) +
            ' has more than ' +
            this.maxDigits.toLocaleString('en-US') +
            ' digits, which ' +
            (this.maxDigits === MAX_INPUT_DIGITS ? 'Pol does not hold' : 'this validation refuses (maxDigits)'),
        );
      }
      r = parseNumber(json);
      if (r === undefined && /^-?\d+(\.\d+)?[eE][+-]?\d+$/.test(json))
        return this.fail(describe(json) + ' has an exponent beyond \u00b11000, which Pol does not hold');
      if (r === undefined) return this.fail('expected a number, found the text ' + describe(json));
    } else {
      return this.fail('expected a number' + (unit ? ' (' + unit + ')' : '') + ', found ' + describe(json));
    }
    if (r === undefined) return this.fail('expected a number, found ' + describe(json));
    // the sign of n/d is n's (d > 0): no comparison needed
    if (unit !== null && (typeof r === 'number' ? r < 0 : r.n < 0n))
      return this.fail('a quantity in ' + unit + ' cannot be negative, found ' + describe(json));
    return r;
  }

  private tooLong(json: string): null {
    return this.fail(
      'a text of ' +
        json.length.toLocaleString('en-US') +
        ' characters, longer than the ' +
        this.maxStringLength.toLocaleString('en-US') +
        ' this input takes (maxStringLength)',
    );
  }

  private enumError(type: Extract<VType, { k: 'enum' }>, json: unknown): null {
    if (!this.room()) return null;
    if (typeof json !== 'string') return this.fail('expected a ' + type.name + ', found ' + describe(json));
    if (json.length > this.maxStringLength) return this.tooLong(json);
    // the suggestion search only for short strings: linear in the members, constant per member
    const hint =
      json.length <= this.maxSuggestLength && json.length <= type.longest + 3 ? suggest(json, type.members) : undefined;
    return this.fail(
      describe(json) +
        ' is not ' +
        (/^[AEIOU]/.test(type.name) ? 'an' : 'a') +
        ' ' +
        type.name +
        (hint ? '; did you mean "' + hint + '"?' : ''),
    );
  }

  private list(element: VType, json: unknown): unknown {
    let items: readonly unknown[];
    let n: number;
    try {
      if (!Array.isArray(json)) return this.fail('expected a list, found ' + describe(json));
      items = json;
      n = items.length;
    } catch (e) {
      return this.threw(e);
    }
    const out: unknown[] = [];
    for (let i = 0; i < n; i++) {
      let item: unknown;
      try {
        item = items[i];
        // Holes (`[1, , 3]`, `new Array(5)`) would reach evaluate as undefined: refused. The scan
        // stops at the first hole, so `new Array(1e9)` costs one step, not a billion.
        if (item === undefined && !(i in items)) return this.hole(items, i);
      } catch (e) {
        this.at.push(i);
        this.threw(e);
        this.at.pop();
        return null;
      }
      this.at.push(i);
      out.push(this.check(element, item));
      this.at.pop();
    }
    return out;
  }

  private hole(items: readonly unknown[], first: number): null {
    // the count only for the message; bounded by the entries present (as core's values/validate.ts)
    let present = 0;
    for (const k of Object.keys(items)) if (/^(0|[1-9]\d*)$/.test(k) && Number(k) < items.length) present++;
    const missing = items.length - present;
    return this.fail(
      'this list has ' +
        missing +
        ' missing element' +
        (missing === 1 ? '' : 's') +
        ' (the first at [' +
        first +
        ']); a list cannot have holes',
    );
  }

  /** A getter or proxy that threw while validate read it: refused here, so evaluate never meets it. */
  private threw(e: unknown): null {
    let what = 'an exception';
    try {
      if (e instanceof Error) what = JSON.stringify(String(e.message).slice(0, 200));
      else what = typeof e;
    } catch {
      // an exception whose message cannot be read either
    }
    return this.fail('reading this value threw (' + what + '); validate takes plain data such as parsed JSON');
  }

  private record(type: Extract<VType, { k: 'record' }>, json: unknown): unknown {
    let obj: Record<string, unknown>;
    let count = 0;
    try {
      if (json === null || typeof json !== 'object' || Array.isArray(json)) {
        return this.room()
          ? this.fail(
              'expected an object with ' + type.fields.map((f) => f[0]).join(', ') + ', found ' + describe(json),
            )
          : null;
      }
      obj = json as Record<string, unknown>;
      // counted without allocating; inherited enumerable keys only make the count differ (the slow path below)
      for (const _ in obj) count++;
    } catch (e) {
      return this.threw(e);
    }
    // The prototype is RECORD_PROTO (frozen, empty, its own prototype null): no input key
    // (__proto__, constructor) can reach Object.prototype, and unlike Object.create(null) the
    // record stays a fast-mode object (one hidden class per record type, fast field reads).
    const out: Record<string, unknown> = Object.create(RECORD_PROTO) as Record<string, unknown>;
    let known = 0;
    const fields = type.fields;
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i]!;
      const name = field[0];
      let value: unknown;
      try {
        value = hasOwn.call(obj, name) ? obj[name] : undefined;
      } catch (e) {
        this.at.push(name);
        this.threw(e);
        this.at.pop();
        continue;
      }
      if (value === undefined) {
        if (field[1].k === 'optional') out[name] = null;
        else {
          this.at.push(name);
          this.fail('missing: expected ' + field[2]);
          this.at.pop();
        }
      } else {
        known++;
        this.at.push(name);
        out[name] = this.check(field[1], value);
        this.at.pop();
      }
    }
    // every key was a field (the usual case) unless there are more keys than fields present
    if (count !== known) {
      let keys: string[];
      try {
        keys = Object.keys(obj);
      } catch (e) {
        return this.threw(e);
      }
      for (const key of keys) {
        if (type.names.has(key)) continue;
        this.at.push(key);
        this.fail('unknown field \u0060' + (key.length > 100 ? key.slice(0, 100) + '\u2026' : key) + '\u0060');
        this.at.pop();
      }
    }
    return out;
  }
}

/** Checks a JSON-like value against a type: the validated copy, and the errors (at most maxErrors, then "and N more"). */
function checkValue(type: VType, json: unknown, options?: ValidateOptions): { value: unknown; errors: InputError[] } {
  const c = new Checker(options);
  const value = c.check(type, json);
  return { value, errors: c.result() };
}

/** A validated value back as JSON (the module's `toJson`): numbers by numberJson, absent optional fields left out. */
function jsonOf(type: VType, v: unknown): unknown {
  switch (type.k) {
    case 'optional':
      return v === null || v === undefined ? null : jsonOf(type.inner, v);
    case 'number':
      return numberJson(v as PolNumber);
    case 'list':
      return (v as readonly unknown[]).map((x) => jsonOf(type.element, x));
    case 'record': {
      // a null prototype: a field named __proto__ is a field like any other
      const out = Object.create(null) as Record<string, unknown>;
      for (const [name, ft] of type.fields) {
        const x = (v as Record<string, unknown>)[name];
        if (ft.k === 'optional' && (x === null || x === undefined)) continue;
        out[name] = jsonOf(ft, x);
      }
      return out;
    }
    default:
      return v;
  }
}

// ---- results ----

export interface TraceStep {
  readonly id: string;
  readonly kind: 'rule' | 'exception' | 'otherwise';
  readonly title: string | null;
  readonly cites: readonly string[];
  readonly file: string;
  readonly line: number;
}

export interface ExplainStep {
  readonly id: string;
  readonly kind: 'rule' | 'exception';
  readonly status: 'not-in-effect' | 'condition-false' | 'overridden';
  /** the part of the condition that was false, as written in the policy */
  readonly failed: string | null;
  readonly file: string;
  readonly line: number;
}

export interface EvaluateOptions {
  /** list the rules and exceptions that did not decide, and why (default false) */
  readonly explain?: boolean;
  /**
   * list the decisions of exceptions that also applied but were overridden by an earlier one
   * (default false: finding them evaluates every later exception of the deciding rule)
   */
  readonly alternatives?: boolean;
  /** include the trace (default true); without it the trace is a shared empty array */
  readonly trace?: boolean;
}

const EMPTY: readonly never[] = Object.freeze([]);

function step(
  id: string,
  kind: 'rule' | 'exception' | 'otherwise',
  title: string | null,
  cites: readonly string[],
  file: string,
  line: number,
): TraceStep {
  return Object.freeze({ id, kind, title, cites: Object.freeze(cites), file, line });
}
function why(
  id: string,
  kind: 'rule' | 'exception',
  status: 'not-in-effect' | 'condition-false' | 'overridden',
  failed: string | null,
  file: string,
  line: number,
): ExplainStep {
  return Object.freeze({ id, kind, status, failed, file, line });
}
/** The "condition-false" entries of a rule, one per part of its condition (`and`), in order. */
function whyParts(
  id: string,
  kind: 'rule' | 'exception',
  failed: readonly (string | null)[],
  file: string,
  line: number,
): readonly ExplainStep[] {
  return Object.freeze(failed.map((f) => why(id, kind, 'condition-false', f, file, line)));
}
function path(...steps: TraceStep[]): readonly TraceStep[] {
  return Object.freeze(steps);
}
function citationsOf(steps: readonly TraceStep[]): readonly string[] {
  const out: string[] = [];
  for (const s of steps) for (const c of s.cites) if (!out.includes(c)) out.push(c);
  return Object.freeze(out);
}

/** What every decision has: its outcome (the other fields are named in the module's FIELDS). */
interface DecisionLike {
  readonly outcome: string;
}

function sameDecision(a: DecisionLike, b: DecisionLike, fields: readonly string[]): boolean {
  if (a.outcome !== b.outcome) return false;
  for (const f of fields)
    if ((a as unknown as Record<string, unknown>)[f] !== (b as unknown as Record<string, unknown>)[f]) return false;
  return true;
}

/** An overridden exception's decision is an alternative when it has the winner's outcome but differs. */
function withAlternative<D extends DecisionLike>(
  alts: readonly D[],
  first: D,
  d: D,
  fields: readonly string[],
): readonly D[] {
  if (d.outcome !== first.outcome || sameDecision(d, first, fields)) return alts;
  for (const a of alts) if (sameDecision(a, d, fields)) return alts;
  return [...alts, d];
}

// ---- enums ----

/** enum Country */
export type Country =
  | 'AD'
  | 'AE'
  | 'AF'
  | 'AG'
  | 'AI'
  | 'AL'
  | 'AM'
  | 'AO'
  | 'AQ'
  | 'AR'
  | 'AS'
  | 'AT'
  | 'AU'
  | 'AW'
  | 'AX'
  | 'AZ'
  | 'BA'
  | 'BB'
  | 'BD'
  | 'BE'
  | 'BF'
  | 'BG'
  | 'BH'
  | 'BI'
  | 'BJ'
  | 'BL'
  | 'BM'
  | 'BN'
  | 'BO'
  | 'BQ'
  | 'BR'
  | 'BS'
  | 'BT'
  | 'BV'
  | 'BW'
  | 'BY'
  | 'BZ'
  | 'CA'
  | 'CC'
  | 'CD'
  | 'CF'
  | 'CG'
  | 'CH'
  | 'CI'
  | 'CK'
  | 'CL'
  | 'CM'
  | 'CN'
  | 'CO'
  | 'CR'
  | 'CU'
  | 'CV'
  | 'CW'
  | 'CX'
  | 'CY'
  | 'CZ'
  | 'DE'
  | 'DJ'
  | 'DK'
  | 'DM'
  | 'DO'
  | 'DZ'
  | 'EC'
  | 'EE'
  | 'EG'
  | 'EH'
  | 'ER'
  | 'ES'
  | 'ET'
  | 'FI'
  | 'FJ'
  | 'FK'
  | 'FM'
  | 'FO'
  | 'FR'
  | 'GA'
  | 'GB'
  | 'GD'
  | 'GE'
  | 'GF'
  | 'GG'
  | 'GH'
  | 'GI'
  | 'GL'
  | 'GM'
  | 'GN'
  | 'GP'
  | 'GQ'
  | 'GR'
  | 'GS'
  | 'GT'
  | 'GU'
  | 'GW'
  | 'GY'
  | 'HK'
  | 'HM'
  | 'HN'
  | 'HR'
  | 'HT'
  | 'HU'
  | 'ID'
  | 'IE'
  | 'IL'
  | 'IM'
  | 'IN'
  | 'IO'
  | 'IQ'
  | 'IR'
  | 'IS'
  | 'IT'
  | 'JE'
  | 'JM'
  | 'JO'
  | 'JP'
  | 'KE'
  | 'KG'
  | 'KH'
  | 'KI'
  | 'KM'
  | 'KN'
  | 'KP'
  | 'KR'
  | 'KW'
  | 'KY'
  | 'KZ'
  | 'LA'
  | 'LB'
  | 'LC'
  | 'LI'
  | 'LK'
  | 'LR'
  | 'LS'
  | 'LT'
  | 'LU'
  | 'LV'
  | 'LY'
  | 'MA'
  | 'MC'
  | 'MD'
  | 'ME'
  | 'MF'
  | 'MG'
  | 'MH'
  | 'MK'
  | 'ML'
  | 'MM'
  | 'MN'
  | 'MO'
  | 'MP'
  | 'MQ'
  | 'MR'
  | 'MS'
  | 'MT'
  | 'MU'
  | 'MV'
  | 'MW'
  | 'MX'
  | 'MY'
  | 'MZ'
  | 'NA'
  | 'NC'
  | 'NE'
  | 'NF'
  | 'NG'
  | 'NI'
  | 'NL'
  | 'NO'
  | 'NP'
  | 'NR'
  | 'NU'
  | 'NZ'
  | 'OM'
  | 'PA'
  | 'PE'
  | 'PF'
  | 'PG'
  | 'PH'
  | 'PK'
  | 'PL'
  | 'PM'
  | 'PN'
  | 'PR'
  | 'PS'
  | 'PT'
  | 'PW'
  | 'PY'
  | 'QA'
  | 'RE'
  | 'RO'
  | 'RS'
  | 'RU'
  | 'RW'
  | 'SA'
  | 'SB'
  | 'SC'
  | 'SD'
  | 'SE'
  | 'SG'
  | 'SH'
  | 'SI'
  | 'SJ'
  | 'SK'
  | 'SL'
  | 'SM'
  | 'SN'
  | 'SO'
  | 'SR'
  | 'SS'
  | 'ST'
  | 'SV'
  | 'SX'
  | 'SY'
  | 'SZ'
  | 'TC'
  | 'TD'
  | 'TF'
  | 'TG'
  | 'TH'
  | 'TJ'
  | 'TK'
  | 'TL'
  | 'TM'
  | 'TN'
  | 'TO'
  | 'TR'
  | 'TT'
  | 'TV'
  | 'TW'
  | 'TZ'
  | 'UA'
  | 'UG'
  | 'UM'
  | 'US'
  | 'UY'
  | 'UZ'
  | 'VA'
  | 'VC'
  | 'VE'
  | 'VG'
  | 'VI'
  | 'VN'
  | 'VU'
  | 'WF'
  | 'WS'
  | 'YE'
  | 'YT'
  | 'ZA'
  | 'ZM'
  | 'ZW';

/** the name of Country in modules before 0.2 */
export type Enum_Country = Country;

/** every Country, in the policy's order */
export const Country: readonly Country[] = Object.freeze([
  'AD',
  'AE',
  'AF',
  'AG',
  'AI',
  'AL',
  'AM',
  'AO',
  'AQ',
  'AR',
  'AS',
  'AT',
  'AU',
  'AW',
  'AX',
  'AZ',
  'BA',
  'BB',
  'BD',
  'BE',
  'BF',
  'BG',
  'BH',
  'BI',
  'BJ',
  'BL',
  'BM',
  'BN',
  'BO',
  'BQ',
  'BR',
  'BS',
  'BT',
  'BV',
  'BW',
  'BY',
  'BZ',
  'CA',
  'CC',
  'CD',
  'CF',
  'CG',
  'CH',
  'CI',
  'CK',
  'CL',
  'CM',
  'CN',
  'CO',
  'CR',
  'CU',
  'CV',
  'CW',
  'CX',
  'CY',
  'CZ',
  'DE',
  'DJ',
  'DK',
  'DM',
  'DO',
  'DZ',
  'EC',
  'EE',
  'EG',
  'EH',
  'ER',
  'ES',
  'ET',
  'FI',
  'FJ',
  'FK',
  'FM',
  'FO',
  'FR',
  'GA',
  'GB',
  'GD',
  'GE',
  'GF',
  'GG',
  'GH',
  'GI',
  'GL',
  'GM',
  'GN',
  'GP',
  'GQ',
  'GR',
  'GS',
  'GT',
  'GU',
  'GW',
  'GY',
  'HK',
  'HM',
  'HN',
  'HR',
  'HT',
  'HU',
  'ID',
  'IE',
  'IL',
  'IM',
  'IN',
  'IO',
  'IQ',
  'IR',
  'IS',
  'IT',
  'JE',
  'JM',
  'JO',
  'JP',
  'KE',
  'KG',
  'KH',
  'KI',
  'KM',
  'KN',
  'KP',
  'KR',
  'KW',
  'KY',
  'KZ',
  'LA',
  'LB',
  'LC',
  'LI',
  'LK',
  'LR',
  'LS',
  'LT',
  'LU',
  'LV',
  'LY',
  'MA',
  'MC',
  'MD',
  'ME',
  'MF',
  'MG',
  'MH',
  'MK',
  'ML',
  'MM',
  'MN',
  'MO',
  'MP',
  'MQ',
  'MR',
  'MS',
  'MT',
  'MU',
  'MV',
  'MW',
  'MX',
  'MY',
  'MZ',
  'NA',
  'NC',
  'NE',
  'NF',
  'NG',
  'NI',
  'NL',
  'NO',
  'NP',
  'NR',
  'NU',
  'NZ',
  'OM',
  'PA',
  'PE',
  'PF',
  'PG',
  'PH',
  'PK',
  'PL',
  'PM',
  'PN',
  'PR',
  'PS',
  'PT',
  'PW',
  'PY',
  'QA',
  'RE',
  'RO',
  'RS',
  'RU',
  'RW',
  'SA',
  'SB',
  'SC',
  'SD',
  'SE',
  'SG',
  'SH',
  'SI',
  'SJ',
  'SK',
  'SL',
  'SM',
  'SN',
  'SO',
  'SR',
  'SS',
  'ST',
  'SV',
  'SX',
  'SY',
  'SZ',
  'TC',
  'TD',
  'TF',
  'TG',
  'TH',
  'TJ',
  'TK',
  'TL',
  'TM',
  'TN',
  'TO',
  'TR',
  'TT',
  'TV',
  'TW',
  'TZ',
  'UA',
  'UG',
  'UM',
  'US',
  'UY',
  'UZ',
  'VA',
  'VC',
  'VE',
  'VG',
  'VI',
  'VN',
  'VU',
  'WF',
  'WS',
  'YE',
  'YT',
  'ZA',
  'ZM',
  'ZW',
]);

const V_Country: VType = enumType('Country', Country);

/** enum Kind */
export type Kind = 'accelerator' | 'software' | 'other';

/** the name of Kind in modules before 0.2 */
export type Enum_Kind = Kind;

/** every Kind, in the policy's order */
export const Kind: readonly Kind[] = Object.freeze(['accelerator', 'software', 'other']);

const V_Kind: VType = enumType('Kind', Kind);

/** enum Review */
export type Review = 'approval' | 'denial';

/** the name of Review in modules before 0.2 */
export type Enum_Review = Review;

/** every Review, in the policy's order */
export const Review: readonly Review[] = Object.freeze(['approval', 'denial']);

// ---- input ----

/** record Holding, validated: what `evaluate` reads (an absent optional field is null) */
export interface Holding {
  /** Country */ readonly country: Country;
  /** TPP (TPP: Total Processing Performance) */ readonly tpp: PolNumber;
}

/** record Holding as JSON: what `validate` takes and `toJson` gives (numbers as JSON numbers or exact decimal text) */
export interface HoldingJson {
  /** Country */ country: Country;
  /** TPP (TPP: Total Processing Performance) */ tpp: number | string;
}

/** input Shipment, validated: what `evaluate` reads (an absent optional field is null) */
export interface Shipment {
  /** Date */ readonly date: string;
  /** Kind */ readonly kind: Kind;
  /** Country */ readonly destination: Country;
  /** Number */ readonly units: PolNumber;
  /** optional TPP (TPP: Total Processing Performance) */ readonly tpp: PolNumber | null;
  /** TPP (TPP: Total Processing Performance) */ readonly received_this_year: PolNumber;
  /** list of Holding */ readonly holdings: readonly Holding[];
}

/** input Shipment as JSON: what `validate` takes and `toJson` gives (numbers as JSON numbers or exact decimal text) */
export interface ShipmentJson {
  /** Date */ date: string;
  /** Kind */ kind: Kind;
  /** Country */ destination: Country;
  /** Number */ units: number | string;
  /** optional TPP (TPP: Total Processing Performance) */ tpp?: number | string | null;
  /** TPP (TPP: Total Processing Performance) */ received_this_year: number | string;
  /** list of Holding */ holdings: HoldingJson[];
}

/** the name of Holding in modules before 0.2 */
export type Rec_Holding = Holding;

/** input Shipment, by the name every module gives it */
export type Input = Shipment;

declare const VALIDATED: unique symbol;
/** A value `validate` returned: only such a value reaches `evaluate` (a mark for the type checker; nothing at run time). */
export type Validated<T> = T & { readonly [VALIDATED]: true };

const V_INPUT: VType = record([
  ['date', { k: 'date' }, 'Date'],
  ['kind', V_Kind, 'Kind'],
  ['destination', V_Country, 'Country'],
  ['units', { k: 'number', unit: null }, 'Number'],
  ['tpp', { k: 'optional', inner: { k: 'number', unit: 'TPP' } }, 'optional TPP'],
  ['received_this_year', { k: 'number', unit: 'TPP' }, 'TPP'],
  [
    'holdings',
    {
      k: 'list',
      element: record([
        ['country', V_Country, 'Country'],
        ['tpp', { k: 'number', unit: 'TPP' }, 'TPP'],
      ]),
    },
    'list of Holding',
  ],
]);

// ---- decision ----

/** outcome no_license_needed of decision Outcome */
export interface NoLicenseNeeded {
  readonly outcome: 'no_license_needed';
  /** not in this outcome */ readonly by: null;
  /** not in this outcome */ readonly review: null;
}

/** outcome authorized of decision Outcome */
export interface Authorized {
  readonly outcome: 'authorized';
  /** Kind */ readonly by: Kind;
  /** not in this outcome */ readonly review: null;
}

/** outcome license_required of decision Outcome */
export interface LicenseRequired {
  readonly outcome: 'license_required';
  /** not in this outcome */ readonly by: null;
  /** Review */ readonly review: Review;
}

/** decision Outcome: a union on `outcome`. */
export type Outcome = NoLicenseNeeded | Authorized | LicenseRequired;

/** decision Outcome, by the name every module gives it */
export type Decision = Outcome;

const FIELDS: readonly string[] = ['by', 'review'];

export interface Result {
  readonly decision: Outcome;
  /** only with `{ alternatives: true }` or `{ explain: true }`: the decisions of exceptions that also applied but were overridden */
  readonly alternatives?: readonly Outcome[];
  readonly obligations: readonly string[];
  readonly citations: readonly string[];
  readonly decided_by: string;
  readonly trace: readonly TraceStep[];
  explain?: readonly ExplainStep[];
  /** the policy that decided (its name, version and source hash): store it with the decision */
  readonly policy: PolicyInfo;
}

// ---- evaluation ----

/**
 * What a resolve function leaves in WIN: who decided, with the precomputed result parts and the
 * alternatives. When the decision is one the policy fixes, the results to return are built
 * once, here or (for a combination of alternatives) at its first use.
 */
interface NodeInfo {
  readonly id: string;
  readonly obligations: readonly string[];
  readonly citations: readonly string[];
  readonly trace: readonly TraceStep[];
  readonly decision: Decision | null;
  readonly alternatives: readonly Decision[];
  /** the results to return for a fixed decision: with the trace, without; each with and without the alternatives */
  readonly full: Result | null;
  readonly bare: Result | null;
  readonly lean: Result | null;
  readonly leanBare: Result | null;
  /** by bit mask of the alternatives that applied (alternativesOf) */
  variants: (NodeInfo | undefined)[] | undefined;
}

function node(
  n: Pick<NodeInfo, 'id' | 'obligations' | 'citations' | 'trace'>,
  decision: Decision | null,
  alternatives: readonly Decision[],
): NodeInfo {
  const result = (trace: readonly TraceStep[], alts: boolean): Result | null =>
    decision === null
      ? null
      : alts
        ? Object.freeze({
            decision,
            alternatives,
            obligations: n.obligations,
            citations: n.citations,
            decided_by: n.id,
            trace,
            policy: POLICY,
          })
        : Object.freeze({
            decision,
            obligations: n.obligations,
            citations: n.citations,
            decided_by: n.id,
            trace,
            policy: POLICY,
          });
  return {
    id: n.id,
    obligations: n.obligations,
    citations: n.citations,
    trace: n.trace,
    decision,
    alternatives,
    full: result(n.trace, true),
    bare: result(EMPTY, true),
    lean: result(n.trace, false),
    leanBare: result(EMPTY, false),
    variants: undefined,
  };
}

function info(
  id: string,
  obligations: readonly string[],
  trace: readonly TraceStep[],
  decision: Decision | null,
): NodeInfo {
  return node({ id, obligations: Object.freeze(obligations), citations: citationsOf(trace), trace }, decision, EMPTY);
}

/** n with the decision of an overridden exception as an alternative, if it is one. */
function withAlt(n: NodeInfo, first: Decision, d: Decision): NodeInfo {
  const alternatives = withAlternative(n.alternatives, first, d, FIELDS);
  return alternatives === n.alternatives ? n : node(n, null, alternatives);
}

/** group Allies */
const Allies: ReadonlySet<string> = new Set(['AU', 'CA', 'GB', 'JP', 'NZ']);

/** group Embargoed until 2025-06-01 */
const Embargoed_0: ReadonlySet<string> = new Set(['CU', 'IR', 'KP', 'SY']);

/** group Embargoed from 2025-06-01 */
const Embargoed_1: ReadonlySet<string> = new Set(['CU', 'IR', 'KP', 'RU', 'SY']);

/** group Embargoed on the evaluation date, by DI */
const Embargoed_at: readonly ReadonlySet<string>[] = [Embargoed_0, Embargoed_0, Embargoed_1];

/** define shipment_tpp: computed at most once per evaluation */
function shipment_tpp(): PolNumber {
  return shipment_tpp$ !== undefined ? shipment_tpp$ : (shipment_tpp$ = mul(IN.units, IN.tpp ?? 0));
}

/** define total_holdings: computed at most once per evaluation */
function total_holdings(): PolNumber {
  return total_holdings$ !== undefined ? total_holdings$ : (total_holdings$ = sum_in_total_holdings(IN.holdings));
}

/** define allied_holdings: computed at most once per evaluation */
function allied_holdings(): PolNumber {
  return allied_holdings$ !== undefined ? allied_holdings$ : (allied_holdings$ = sum_in_allied_holdings(IN.holdings));
}

// The evaluation in progress. `evaluate` and `validate` run to completion without calling out,
// so module variables serve every call and nothing is allocated to hold them. `var`, not
// `let`: V8 checks a module-level `let` for its temporal dead zone at each access from a
// function, and the evaluation reads these all the time (about 10% of a call on the IFR).
var IN!: Input;
/** where the input's "as of" date falls among the dates the policy compares it with (emit/dates.ts) */
var DI = 0;
/** set by the resolve functions: the rule or exception that decided, with the alternatives */
var WIN!: NodeInfo;
/** whether this evaluation collects alternatives (finding them evaluates every later exception) */
var ALT = false;
var shipment_tpp$: PolNumber | undefined;
var total_holdings$: PolNumber | undefined;
var allied_holdings$: PolNumber | undefined;

function begin(input: Input): void {
  IN = input;
  DI = input.date < '2025-04-01' ? 0 : input.date < '2025-06-01' ? 1 : 2;
  WIN = OTHERWISE;
  shipment_tpp$ = undefined;
  total_holdings$ = undefined;
  allied_holdings$ = undefined;
}

const DEC_accelerators: Decision = Object.freeze({
  outcome: 'license_required',
  by: null,
  review: 'approval',
} as Decision);

const DEC_embargo: Decision = Object.freeze({ outcome: 'license_required', by: null, review: 'denial' } as Decision);

const DEC_allies: Decision = Object.freeze({ outcome: 'authorized', by: 'accelerator', review: null } as Decision);

const DEC_otherwise: Decision = Object.freeze({ outcome: 'no_license_needed', by: null, review: null } as Decision);

const OTHERWISE_PATH = path(step('otherwise', 'otherwise', null, [], 'lab-exports.pol', 86));

const OTHERWISE: NodeInfo = info('otherwise', EMPTY, OTHERWISE_PATH, DEC_otherwise);

/** rule accelerators "Licence requirement for accelerators" (lab-exports.pol:47)
 * @see Sample Rule 1(a) */
const STEP_accelerators = step(
  'accelerators',
  'rule',
  'Licence requirement for accelerators',
  ['Sample Rule 1(a)'],
  'lab-exports.pol',
  47,
);

const INFO_accelerators: NodeInfo = info('accelerators', [], path(STEP_accelerators), DEC_accelerators);

/** the parts of the condition of accelerators, for the explanation when one is false */
const FALSE_accelerators = whyParts(
  'accelerators',
  'rule',
  ['kind is accelerator', 'tpp is present', 'tpp >= HIGH_PERFORMANCE'],
  'lab-exports.pol',
  47,
);

/** whether accelerators applies (in effect, condition true); records why not when explaining */
function applies_accelerators($x: ExplainStep[] | undefined): boolean {
  if ($x === undefined) return IN.kind === ('accelerator' as string) && IN.tpp !== null && ge(IN.tpp!, 4800);
  if (!(IN.kind === ('accelerator' as string))) {
    $x.push(FALSE_accelerators[0]!);
    return false;
  }
  if (!(IN.tpp !== null)) {
    $x.push(FALSE_accelerators[1]!);
    return false;
  }
  if (!ge(IN.tpp!, 4800)) {
    $x.push(FALSE_accelerators[2]!);
    return false;
  }
  return true;
}

/** accelerators decides unless an exception applies (the first that applies wins, recursively) */
function resolve_accelerators($x: ExplainStep[] | undefined): Decision {
  if ($x !== undefined) return explain_accelerators($x);
  if (applies_embargo(undefined)) {
    const $d = resolve_embargo(undefined);
    if (!ALT) return $d;
    let $w = WIN;
    if (applies_small_volume(undefined)) $w = withAlt($w, $d, resolve_small_volume(undefined));
    WIN = $w;
    return $d;
  }
  if (applies_allies(undefined)) return resolve_allies(undefined);
  if (applies_small_volume(undefined)) return resolve_small_volume(undefined);
  WIN = INFO_accelerators;
  return DEC_accelerators;
}

const OVERRIDDEN_allies = why('allies', 'exception', 'overridden', null, 'lab-exports.pol', 58);

const OVERRIDDEN_small_volume = why('small_volume', 'exception', 'overridden', null, 'lab-exports.pol', 65);

function explain_accelerators($x: ExplainStep[]): Decision {
  const $a0 = applies_embargo($x);
  const $a1 = applies_allies($x);
  const $a2 = applies_small_volume($x);
  let $d: Decision;
  let $w: number;
  if ($a0) {
    $d = resolve_embargo($x);
    $w = 0;
  } else if ($a1) {
    $d = resolve_allies($x);
    $w = 1;
  } else if ($a2) {
    $d = resolve_small_volume($x);
    $w = 2;
  } else {
    WIN = INFO_accelerators;
    return DEC_accelerators;
  }
  let $n = WIN;
  if ($a1 && $w < 1) {
    $x.push(OVERRIDDEN_allies);
    $n = withAlt($n, $d, resolve_allies($x));
  }
  if ($a2 && $w < 2) {
    $x.push(OVERRIDDEN_small_volume);
    $n = withAlt($n, $d, resolve_small_volume($x));
  }
  WIN = $n;
  return $d;
}

/** exception embargo "Embargoed destinations" (lab-exports.pol:52)
 * @see Sample Rule 1(b) */
const STEP_embargo = step(
  'embargo',
  'exception',
  'Embargoed destinations',
  ['Sample Rule 1(b)'],
  'lab-exports.pol',
  52,
);

const INFO_embargo: NodeInfo = info('embargo', [], path(STEP_accelerators, STEP_embargo), DEC_embargo);

const FALSE_embargo = why('embargo', 'exception', 'condition-false', 'destination in Embargoed', 'lab-exports.pol', 52);

/** whether embargo applies (in effect, condition true); records why not when explaining */
function applies_embargo($x: ExplainStep[] | undefined): boolean {
  if (Embargoed_at[DI]!.has(IN.destination)) return true;
  if ($x !== undefined) $x.push(FALSE_embargo);
  return false;
}

/** embargo decides unless an exception applies (the first that applies wins, recursively) */
function resolve_embargo(_$x: ExplainStep[] | undefined): Decision {
  WIN = INFO_embargo;
  return DEC_embargo;
}

/** exception allies "Allied destinations" (lab-exports.pol:58)
 * @see Sample Rule 2(a) */
const STEP_allies = step('allies', 'exception', 'Allied destinations', ['Sample Rule 2(a)'], 'lab-exports.pol', 58);

const INFO_allies: NodeInfo = info(
  'allies',
  ['Keep the end-user statement for five years'],
  path(STEP_accelerators, STEP_allies),
  DEC_allies,
);

const FALSE_allies = why('allies', 'exception', 'condition-false', 'destination in Allies', 'lab-exports.pol', 58);

/** whether allies applies (in effect, condition true); records why not when explaining */
function applies_allies($x: ExplainStep[] | undefined): boolean {
  if (Allies.has(IN.destination)) return true;
  if ($x !== undefined) $x.push(FALSE_allies);
  return false;
}

/** allies decides unless an exception applies (the first that applies wins, recursively) */
function resolve_allies(_$x: ExplainStep[] | undefined): Decision {
  WIN = INFO_allies;
  return DEC_allies;
}

/** exception small_volume "Small volumes" (lab-exports.pol:65)
 * @see Sample Rule 2(b) */
const STEP_small_volume = step(
  'small_volume',
  'exception',
  'Small volumes',
  ['Sample Rule 2(b)'],
  'lab-exports.pol',
  65,
);

const INFO_small_volume: NodeInfo = info('small_volume', [], path(STEP_accelerators, STEP_small_volume), DEC_allies);

const FALSE_small_volume = why(
  'small_volume',
  'exception',
  'condition-false',
  'received_this_year + shipment_tpp \u003c= ANNUAL_LIMIT',
  'lab-exports.pol',
  65,
);

/** whether small_volume applies (in effect, condition true); records why not when explaining */
function applies_small_volume($x: ExplainStep[] | undefined): boolean {
  if (le(add(IN.received_this_year, shipment_tpp()), 1000000)) return true;
  if ($x !== undefined) $x.push(FALSE_small_volume);
  return false;
}

/** small_volume decides unless an exception applies (the first that applies wins, recursively) */
function resolve_small_volume($x: ExplainStep[] | undefined): Decision {
  if (applies_concentrated($x)) return resolve_concentrated($x);
  WIN = INFO_small_volume;
  return DEC_allies;
}

/** exception concentrated "Concentrated holdings" (lab-exports.pol:70)
 * @see Sample Rule 2(c) */
const STEP_concentrated = step(
  'concentrated',
  'exception',
  'Concentrated holdings',
  ['Sample Rule 2(c)'],
  'lab-exports.pol',
  70,
);

const INFO_concentrated: NodeInfo = info(
  'concentrated',
  [],
  path(STEP_accelerators, STEP_small_volume, STEP_concentrated),
  DEC_accelerators,
);

/** the parts of the condition of concentrated, for the explanation when one is false */
const FALSE_concentrated = whyParts(
  'concentrated',
  'exception',
  ['count(each h in holdings where h.country not in Allies) > 0', 'allied_holdings \u003c 75% * total_holdings'],
  'lab-exports.pol',
  70,
);

/** whether concentrated applies (in effect, condition true); records why not when explaining */
function applies_concentrated($x: ExplainStep[] | undefined): boolean {
  if ($x === undefined)
    return gt(count_in_concentrated(IN.holdings), 0) && cmpScaled(allied_holdings(), 4, total_holdings(), 3) < 0;
  if (!gt(count_in_concentrated(IN.holdings), 0)) {
    $x.push(FALSE_concentrated[0]!);
    return false;
  }
  if (!(cmpScaled(allied_holdings(), 4, total_holdings(), 3) < 0)) {
    $x.push(FALSE_concentrated[1]!);
    return false;
  }
  return true;
}

/** concentrated decides unless an exception applies (the first that applies wins, recursively) */
function resolve_concentrated(_$x: ExplainStep[] | undefined): Decision {
  WIN = INFO_concentrated;
  return DEC_accelerators;
}

/** rule software "Software for accelerators" (lab-exports.pol:79)
 * @see Sample Rule 3 */
const STEP_software = step('software', 'rule', 'Software for accelerators', ['Sample Rule 3'], 'lab-exports.pol', 79);

const INFO_software: NodeInfo = info('software', [], path(STEP_software), DEC_embargo);

const NOT_IN_EFFECT_software = why('software', 'rule', 'not-in-effect', '2025-04-01', 'lab-exports.pol', 79);

/** the parts of the condition of software, for the explanation when one is false */
const FALSE_software = whyParts(
  'software',
  'rule',
  ['kind is software', 'destination in Embargoed'],
  'lab-exports.pol',
  79,
);

/** whether software applies (in effect, condition true); records why not when explaining */
function applies_software($x: ExplainStep[] | undefined): boolean {
  if (DI <= 0) {
    if ($x !== undefined) $x.push(NOT_IN_EFFECT_software);
    return false;
  }
  if ($x === undefined) return IN.kind === ('software' as string) && Embargoed_at[DI]!.has(IN.destination);
  if (!(IN.kind === ('software' as string))) {
    $x.push(FALSE_software[0]!);
    return false;
  }
  if (!Embargoed_at[DI]!.has(IN.destination)) {
    $x.push(FALSE_software[1]!);
    return false;
  }
  return true;
}

/** software decides unless an exception applies (the first that applies wins, recursively) */
function resolve_software(_$x: ExplainStep[] | undefined): Decision {
  WIN = INFO_software;
  return DEC_embargo;
}

/** rules 1 to 2 in written order: the first that applies decides */
function rules_0($x: ExplainStep[] | undefined): Decision | undefined {
  if (applies_accelerators($x)) return resolve_accelerators($x);
  if (applies_software($x)) return resolve_software($x);
  return undefined;
}

/**
 * Decides a validated input (what `validate` returned). Never throws on one; anything else is
 * refused with a TypeError (the type checker refuses it first).
 */
export function evaluate(input: Validated<Input>, options?: EvaluateOptions): Result {
  if (typeof input !== 'object' || input === null || Object.getPrototypeOf(input) !== RECORD_PROTO) {
    throw new TypeError('evaluate takes the value validate returned (call validate, or decide, first)');
  }
  begin(input);
  const $x: ExplainStep[] | undefined = options !== undefined && options.explain === true ? [] : undefined;
  ALT = $x !== undefined || (options !== undefined && options.alternatives === true);
  const $d = rules_0($x);
  const $decision = $d === undefined ? DEC_otherwise : $d;
  const $n = WIN;
  const $trace = options === undefined || options.trace !== false;
  // a decision the policy fixes, not explaining: the result built once for it
  if ($x === undefined && $decision === $n.decision)
    return (ALT ? ($trace ? $n.full : $n.bare) : $trace ? $n.lean : $n.leanBare)!;
  const $trace_ = $trace ? $n.trace : EMPTY;
  if (!ALT)
    return {
      decision: $decision,
      obligations: $n.obligations,
      citations: $n.citations,
      decided_by: $n.id,
      trace: $trace_,
      policy: POLICY,
    };
  const $result: Result = {
    decision: $decision,
    alternatives: $n.alternatives,
    obligations: $n.obligations,
    citations: $n.citations,
    decided_by: $n.id,
    trace: $trace_,
    policy: POLICY,
  };
  if ($x !== undefined) $result.explain = $x;
  return $result;
}

/** Checks untyped input (e.g. parsed JSON): its errors with their paths (at most `maxErrors`, then "and N more"), then every `require`. Bounded by `options` (ValidateOptions). */
export function validate(
  value: unknown,
  options?: ValidateOptions,
): { ok: true; value: Validated<Input> } | { ok: false; errors: InputError[] } {
  const { value: out, errors } = checkValue(V_INPUT, value, options);
  if (errors.length > 0) return { ok: false, errors };
  const input = out as Validated<Input>;
  begin(input);
  if (!ge(IN.units, 0))
    errors.push({
      path: 'units',
      message: 'a shipment cannot have a negative number of units',
      code: 'input/requirement-failed',
    });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: input };
}

/** `validate` then `evaluate` in one call: the result, or the input's errors. */
export function decide(
  json: unknown,
  options?: EvaluateOptions & ValidateOptions,
): { ok: true; result: Result } | { ok: false; errors: InputError[] } {
  const v = validate(json, options);
  return v.ok ? { ok: true, result: evaluate(v.value, options) } : v;
}

/**
 * A validated input as plain JSON: exact numbers as JSON numbers when they round-trip, else as
 * decimal text; absent optional fields left out. `validate` takes it back to an equal value.
 */
export function toJson(value: Shipment): ShipmentJson {
  return jsonOf(V_INPUT, value) as ShipmentJson;
}

// ---- helpers for expressions ----

/** sum over a list (in total_holdings) */
function sum_in_total_holdings($list: readonly Holding[]): PolNumber {
  let $i = 0;
  let $acc: PolNumber | undefined;
  for (let $k = 0; $k < $list.length; $k++) {
    const h = $list[$k]!;
    const $v = h.tpp;
    if ($acc === undefined && typeof $v === 'number' && Number.isSafeInteger($i + $v)) $i += $v;
    else $acc = add($acc ?? $i, $v);
  }
  return $acc ?? $i;
}

/** sum over a list (in allied_holdings) */
function sum_in_allied_holdings($list: readonly Holding[]): PolNumber {
  let $i = 0;
  let $acc: PolNumber | undefined;
  for (let $k = 0; $k < $list.length; $k++) {
    const h_2 = $list[$k]!;
    if (!Allies.has(h_2.country)) continue;
    const $v = h_2.tpp;
    if ($acc === undefined && typeof $v === 'number' && Number.isSafeInteger($i + $v)) $i += $v;
    else $acc = add($acc ?? $i, $v);
  }
  return $acc ?? $i;
}

/** count over a list (in concentrated) */
function count_in_concentrated($list: readonly Holding[]): PolNumber {
  let $acc = 0;
  for (let $k = 0; $k < $list.length; $k++) {
    const h_3 = $list[$k]!;
    if (Allies.has(h_3.country)) continue;
    $acc++;
  }
  return $acc;
}

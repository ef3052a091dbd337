// generated from lab-exports.pol by pol, do not edit

/* eslint-disable */

/** The policy this module was generated from: tie stored decisions to it. */

export const POLICY = Object.freeze({
  name: 'Laboratory Accelerator Export Rule (sample)',
  version: '2025-03-01' as string | null,
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
  constructor(
    readonly n: bigint,
    readonly d: bigint,
  ) {}
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
function sub(a: PolNumber, b: PolNumber): PolNumber {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a - b;
    if (Number.isSafeInteger(r)) return r;
  }
  const an = sn(a);
  const bnum = sn(b);
  if (an === an && bnum === bnum) return qSmall(an * sd(b) - bnum * sd(a), sd(a) * sd(b));
  return qLazy(bn(a) * bd(b) - bn(b) * bd(a), bd(a) * bd(b));
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
/** Division by zero is zero, as in the reference semantics. */
function div(a: PolNumber, b: PolNumber): PolNumber {
  if (typeof a === 'number' && typeof b === 'number') {
    if (b === 0) return 0;
    if (a % b === 0) return a / b + 0;
  }
  if (bn(b) === 0n) return 0;
  return qLazy(bn(a) * bd(b), bd(a) * bn(b));
}
function neg(a: PolNumber): PolNumber {
  return typeof a === 'number' ? 0 - a : new PolRational(-a.n, a.d);
}

/** A double close to a (NaN when the denominator does not fit a double). */
function approx(a: PolRational | number): number {
  if (typeof a === 'number') return a;
  const d = Number(a.d);
  return d === Infinity ? NaN : Number(a.n) / d;
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
  const l = bn(a) * bd(b);
  const r = bn(b) * bd(a);
  return l < r ? -1 : l > r ? 1 : 0;
}

function cmp(a: PolNumber, b: PolNumber): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  return cmpSlow(a, b);
}
// The comparisons the evaluator calls: small enough for V8 to inline, the safe-integer case first.
function lt(a: PolNumber, b: PolNumber): boolean {
  return typeof a === 'number' && typeof b === 'number' ? a < b : cmpSlow(a, b) < 0;
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
function eq(a: PolNumber, b: PolNumber): boolean {
  return typeof a === 'number' && typeof b === 'number' ? a === b : cmpSlow(a, b) === 0;
}
function ne(a: PolNumber, b: PolNumber): boolean {
  return typeof a === 'number' && typeof b === 'number' ? a !== b : cmpSlow(a, b) !== 0;
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
  const exp = Number(m[4] ?? '0');
  if (!Number.isSafeInteger(exp) || Math.abs(exp) > 1000) return undefined;
  let n = BigInt((m[2] ?? '0') + frac) * (m[1] === '-' ? -1n : 1n);
  let d = 10n ** BigInt(frac.length);
  if (exp > 0) n *= 10n ** BigInt(exp);
  else if (exp < 0) d *= 10n ** BigInt(-exp);
  return q(n, d);
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

/** An optional number as JSON. */
function nj(v: PolNumber | null): number | string | null {
  return v === null ? null : numberJson(v);
}

// ---- dates: `date + n days|months`, `days between`, `calendar year of` ----
// Day numbers from 1970-01-01 (the civil-calendar algorithms), a deliberate copy of core's
// calendar/dates.ts: generated modules carry their runtime inline and share no helper with the
// interpreter, so the differential tests compare two implementations.

function civilDay(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

const FIRST_DAY = civilDay(0, 1, 1);
const LAST_DAY = civilDay(9999, 12, 31);

function pad(n: number, w: number): string {
  return String(n).padStart(w, '0');
}

function dayText(n: number): string {
  if (n <= FIRST_DAY) return '0000-01-01';
  if (n >= LAST_DAY) return '9999-12-31';
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return pad(yoe + era * 400 + (m <= 2 ? 1 : 0), 4) + '-' + pad(m, 2) + '-' + pad(d, 2);
}

function dayOf(date: string): number {
  return civilDay(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

/** The whole part of n (toward zero), held within `limit` (enough to leave years 0000-9999). */
function wholeWithin(n: PolNumber, limit: number): number {
  const w = typeof n === 'number' ? Math.trunc(n) : n instanceof PolRational ? n.n / n.d : 0n;
  if (typeof w === 'number') return w > limit ? limit : w < -limit ? -limit : w;
  return w > BigInt(limit) ? limit : w < BigInt(-limit) ? -limit : Number(w);
}

function shiftDays(date: string, n: PolNumber): string {
  return dayText(dayOf(date) + wholeWithin(n, 4000000));
}

function shiftMonths(date: string, n: PolNumber): string {
  const total = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + wholeWithin(n, 200000);
  if (total < 0) return '0000-01-01';
  if (total > 9999 * 12 + 11) return '9999-12-31';
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const last = m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  return pad(y, 4) + '-' + pad(m, 2) + '-' + pad(Math.min(Number(date.slice(8, 10)), last), 2);
}

function daysFrom(from: string, to: string): number {
  return dayOf(to) - dayOf(from);
}

function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

// ---- JSON ----

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

// ---- suggestions for misspelt enum members ----
// The same search as core's checker/suggest.ts, written again on purpose: generated modules import
// nothing, and the interpreter shares no helper with them (the differential tests compare both).

/** Codes people write that are not ISO 3166-1 alpha-2, and the code they mean. */
const COUNTRY_ALIASES: Readonly<Record<string, string>> = { UK: 'GB', EL: 'GR' };

function suggest(name: string, candidates: readonly string[]): string | undefined {
  const alias = Object.prototype.hasOwnProperty.call(COUNTRY_ALIASES, name) ? COUNTRY_ALIASES[name] : undefined;
  if (alias !== undefined && candidates.includes(alias)) return alias;
  let best: string | undefined;
  let bestDistance = Infinity;
  const limit = Math.max(1, Math.floor(name.length / 3));
  for (const c of candidates) {
    if (c === name) continue;
    const d = c.toLowerCase() === name.toLowerCase() ? 0.5 : distance(name, c);
    if (d < bestDistance || (d === bestDistance && best !== undefined && c < best)) {
      best = c;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return Infinity;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => {
    const row = new Array<number>(b.length + 1).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

// ---- validation ----

export interface InputError {
  readonly path: string;
  readonly message: string;
  /** input/requirement-failed for a failed require of the policy; absent for a malformed input */
  readonly code?: 'input/requirement-failed';
}

type VType =
  | { readonly k: 'bool' }
  | { readonly k: 'number'; readonly unit: string | null }
  | { readonly k: 'date' }
  | {
      readonly k: 'enum';
      readonly name: string;
      readonly members: readonly string[];
      readonly set: ReadonlySet<string>;
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
  return { k: 'enum', name, members, set: new Set(members) };
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

/** The prototype of validated records: empty, frozen, with a null prototype. */
const RECORD_PROTO: object = Object.freeze(Object.create(null) as object);

function joinPath(path: string, key: string): string {
  return path ? path + '.' + key : key;
}

function check(type: VType, json: unknown, path: string, errors: InputError[]): unknown {
  const fail = (message: string): null => {
    errors.push({ path, message });
    return null;
  };
  switch (type.k) {
    case 'optional':
      return json === null || json === undefined ? null : check(type.inner, json, path, errors);
    case 'bool':
      return typeof json === 'boolean' ? json : fail('expected true or false, found ' + describe(json));
    case 'number': {
      let r: PolNumber | undefined;
      if (typeof json === 'number') {
        if (!Number.isFinite(json)) return fail('expected a number, found ' + describe(json));
        // A number means the decimal it prints as (1e26 is 10^26), as in the reference semantics.
        r = Number.isSafeInteger(json) ? json + 0 : parseNumber(String(json));
      } else if (typeof json === 'string') {
        // at most 1,000 digits, refused before any BigInt is built (core's values/validate.ts)
        if (/^-?[\d.]+([eE][+-]?\d+)?$/.test(json) && digitCount(json) > 1000)
          return fail(describe(json) + ' has more than 1,000 digits, which Pol does not hold');
        r = parseNumber(json);
        if (r === undefined && /^-?\d+(\.\d+)?[eE][+-]?\d+$/.test(json))
          return fail(describe(json) + ' has an exponent beyond \u00b11000, which Pol does not hold');
        if (r === undefined) return fail('expected a number, found the text ' + describe(json));
      } else {
        return fail('expected a number' + (type.unit ? ' (' + type.unit + ')' : '') + ', found ' + describe(json));
      }
      if (r === undefined) return fail('expected a number, found ' + describe(json));
      if (type.unit !== null && cmp(r, 0) < 0)
        return fail('a quantity in ' + type.unit + ' cannot be negative, found ' + describe(json));
      return r;
    }
    case 'date':
      if (typeof json === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(json) && !isValidDate(json))
        return fail(describe(json) + ' is not a calendar date');
      if (typeof json !== 'string' || !isValidDate(json))
        return fail('expected a date "YYYY-MM-DD", found ' + describe(json));
      return json;
    case 'enum': {
      if (typeof json !== 'string') return fail('expected a ' + type.name + ', found ' + describe(json));
      if (!type.set.has(json)) {
        const hint = suggest(json, type.members);
        return fail(
          describe(json) +
            ' is not ' +
            (/^[AEIOU]/.test(type.name) ? 'an' : 'a') +
            ' ' +
            type.name +
            (hint ? '; did you mean "' + hint + '"?' : ''),
        );
      }
      return json;
    }
    case 'list': {
      if (!Array.isArray(json)) return fail('expected a list, found ' + describe(json));
      // Holes (`[1, , 3]`, `new Array(5)`) would reach evaluate as undefined: refused, at a cost
      // bounded by the entries present (as values/validate.ts in core says it).
      let present = 0;
      for (const k of Object.keys(json)) if (/^(0|[1-9]\d*)$/.test(k) && Number(k) < json.length) present++;
      if (present !== json.length) {
        let hole = 0;
        while (hole < present && hole in json) hole++;
        const missing = json.length - present;
        return fail(
          'this list has ' +
            missing +
            ' missing element' +
            (missing === 1 ? '' : 's') +
            ' (the first at [' +
            hole +
            ']); a list cannot have holes',
        );
      }
      return json.map((item, i) => check(type.element, item, path + '[' + i + ']', errors));
    }
    case 'record': {
      if (json === null || typeof json !== 'object' || Array.isArray(json)) {
        return fail('expected an object with ' + type.fields.map((f) => f[0]).join(', ') + ', found ' + describe(json));
      }
      // The prototype is RECORD_PROTO (frozen, empty, its own prototype null): no input key
      // (__proto__, constructor) can reach Object.prototype, and unlike Object.create(null) the
      // record stays a fast-mode object (one hidden class per record type, fast field reads).
      const out: Record<string, unknown> = Object.create(RECORD_PROTO) as Record<string, unknown>;
      const obj = json as Record<string, unknown>;
      for (const [name, fieldType, shown] of type.fields) {
        const present = Object.prototype.hasOwnProperty.call(obj, name);
        if (!present || obj[name] === undefined) {
          if (fieldType.k === 'optional') out[name] = null;
          else errors.push({ path: joinPath(path, name), message: 'missing: expected ' + shown });
          continue;
        }
        out[name] = check(fieldType, obj[name], joinPath(path, name), errors);
      }
      for (const key of Object.keys(obj)) {
        if (!type.names.has(key))
          errors.push({ path: joinPath(path, key), message: 'unknown field \u0060' + key + '\u0060' });
      }
      return out;
    }
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

const V_Country: VType = enumType('Country', [
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

/** enum Kind */
export type Kind = 'accelerator' | 'software' | 'other';

/** the name of Kind in modules before 0.2 */
export type Enum_Kind = Kind;

const V_Kind: VType = enumType('Kind', ['accelerator', 'software', 'other']);

/** enum Review */
export type Review = 'approval' | 'denial';

/** the name of Review in modules before 0.2 */
export type Enum_Review = Review;

const V_Review: VType = enumType('Review', ['approval', 'denial']);

// ---- input ----

/** record Holding */
export type Holding = {
  /** Country */ readonly country: Country;
  /** TPP */ readonly tpp: PolNumber;
};

/** the name of Holding in modules before 0.2 */
export type Rec_Holding = Holding;

/** input Shipment: what `validate` returns and `evaluate` takes. */

export type Input = {
  /** Date */ readonly date: string;
  /** Kind */ readonly kind: Kind;
  /** Country */ readonly destination: Country;
  /** Number */ readonly units: PolNumber;
  /** optional TPP */ readonly tpp: PolNumber | null;
  /** TPP */ readonly received_this_year: PolNumber;
  /** list of Holding */ readonly holdings: readonly Holding[];
};

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

/** decision Outcome: a union on `outcome`. */

export type Decision =
  | {
      readonly outcome: 'no_license_needed';
      /** not in this outcome */ readonly by: null;
      /** not in this outcome */ readonly review: null;
    }
  | { readonly outcome: 'authorized'; /** Kind */ readonly by: Kind; /** not in this outcome */ readonly review: null }
  | {
      readonly outcome: 'license_required';
      /** not in this outcome */ readonly by: null;
      /** Review */ readonly review: Review;
    };

const FIELDS: readonly string[] = ['by', 'review'];

export interface Result {
  readonly decision: Decision;
  readonly alternatives: readonly Decision[];
  readonly obligations: readonly string[];
  readonly citations: readonly string[];
  readonly decided_by: string;
  readonly trace: readonly TraceStep[];
  explain?: readonly ExplainStep[];
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
  readonly full: Result | null;
  readonly bare: Result | null;
  /** by bit mask of the alternatives that applied (alternativesOf) */
  variants: (NodeInfo | undefined)[] | undefined;
}

function node(
  n: Pick<NodeInfo, 'id' | 'obligations' | 'citations' | 'trace'>,
  decision: Decision | null,
  alternatives: readonly Decision[],
): NodeInfo {
  const result = (trace: readonly TraceStep[]): Result | null =>
    decision === null
      ? null
      : Object.freeze({
          decision,
          alternatives,
          obligations: n.obligations,
          citations: n.citations,
          decided_by: n.id,
          trace,
        });
  return {
    id: n.id,
    obligations: n.obligations,
    citations: n.citations,
    trace: n.trace,
    decision,
    alternatives,
    full: result(n.trace),
    bare: result(EMPTY),
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

/** n with the constant alternatives table[k] for every bit k of m (built once per combination). */
function alternativesOf(n: NodeInfo, first: Decision, table: readonly Decision[], m: number): NodeInfo {
  const fixed = first === n.decision;
  if (fixed && n.variants !== undefined) {
    const hit = n.variants[m];
    if (hit !== undefined) return hit;
  }
  let alternatives = n.alternatives;
  for (let k = 0; k < table.length; k++)
    if ((m & (1 << k)) !== 0) alternatives = withAlternative(alternatives, first, table[k]!, FIELDS);
  if (!fixed) return alternatives === n.alternatives ? n : node(n, null, alternatives);
  const v = alternatives === n.alternatives ? n : node(n, first, Object.freeze(alternatives));
  (n.variants ??= [])[m] = v;
  return v;
}

/** group Allies */
const Allies: ReadonlySet<string> = new Set(['AU', 'CA', 'GB', 'JP', 'NZ']);

/** group Embargoed until 2025-06-01 */
const Embargoed_0: ReadonlySet<string> = new Set(['CU', 'IR', 'KP', 'SY']);

/** group Embargoed from 2025-06-01 */
const Embargoed_1: ReadonlySet<string> = new Set(['CU', 'IR', 'KP', 'RU', 'SY']);

/** group Embargoed when evaluated without a date (every dated member counts) */
const Embargoed_undated: ReadonlySet<string> = new Set(['CU', 'IR', 'KP', 'RU', 'SY']);

/** group Embargoed on the evaluation date */
function Embargoed(): ReadonlySet<string> {
  return Embargoed$ !== undefined
    ? Embargoed$
    : (Embargoed$ = ON === undefined ? Embargoed_undated : ON < '2025-06-01' ? Embargoed_0 : Embargoed_1);
}

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
// so module variables serve every call and nothing is allocated to hold them.
let IN!: Input;
/** the "as of" date, undefined when the input has none */
let ON: string | undefined;
/** set by the resolve functions: the rule or exception that decided, with the alternatives */
let WIN!: NodeInfo;
let Embargoed$: ReadonlySet<string> | undefined;
let shipment_tpp$: PolNumber | undefined;
let total_holdings$: PolNumber | undefined;
let allied_holdings$: PolNumber | undefined;

function begin(input: Input): void {
  IN = input;
  ON = input.date ?? undefined;
  WIN = OTHERWISE;
  Embargoed$ = undefined;
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
  if (Embargoed().has(IN.destination)) return true;
  if ($x !== undefined) $x.push(FALSE_embargo);
  return false;
}

/** embargo decides unless an exception applies (the first that applies wins, recursively) */
function resolve_embargo($x: ExplainStep[] | undefined): Decision {
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
function resolve_allies($x: ExplainStep[] | undefined): Decision {
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
function resolve_concentrated($x: ExplainStep[] | undefined): Decision {
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
  if (ON !== undefined && ON < '2025-04-01') {
    if ($x !== undefined) $x.push(NOT_IN_EFFECT_software);
    return false;
  }
  if ($x === undefined) return IN.kind === ('software' as string) && Embargoed().has(IN.destination);
  if (!(IN.kind === ('software' as string))) {
    $x.push(FALSE_software[0]!);
    return false;
  }
  if (!Embargoed().has(IN.destination)) {
    $x.push(FALSE_software[1]!);
    return false;
  }
  return true;
}

/** software decides unless an exception applies (the first that applies wins, recursively) */
function resolve_software($x: ExplainStep[] | undefined): Decision {
  WIN = INFO_software;
  return DEC_embargo;
}

/** rules 1 to 2 in written order: the first that applies decides */
function rules_0($x: ExplainStep[] | undefined): Decision | undefined {
  if (applies_accelerators($x)) return resolve_accelerators($x);
  if (applies_software($x)) return resolve_software($x);
  return undefined;
}

/** Decides a validated input. Never throws on one. */
export function evaluate(input: Input, options?: EvaluateOptions): Result {
  begin(input);
  const $x: ExplainStep[] | undefined = options !== undefined && options.explain === true ? [] : undefined;
  const $d = rules_0($x);
  const $decision = $d === undefined ? DEC_otherwise : $d;
  const $n = WIN;
  const $trace = options === undefined || options.trace !== false;
  // a decision the policy fixes, not explaining: the result built once for it
  if ($x === undefined && $decision === $n.decision) return ($trace ? $n.full : $n.bare)!;
  const $result: Result = {
    decision: $decision,
    alternatives: $n.alternatives,
    obligations: $n.obligations,
    citations: $n.citations,
    decided_by: $n.id,
    trace: $trace ? $n.trace : EMPTY,
  };
  if ($x !== undefined) $result.explain = $x;
  return $result;
}

/** Checks untyped input (e.g. parsed JSON): every error with its path, then every `require`. */
export function validate(value: unknown): { ok: true; value: Input } | { ok: false; errors: InputError[] } {
  const errors: InputError[] = [];
  const out = check(V_INPUT, value, '', errors);
  if (errors.length > 0) return { ok: false, errors };
  const input = out as Input;
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

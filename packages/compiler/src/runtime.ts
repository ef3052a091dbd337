/**
 * The helpers every generated module carries (emitted as text, never imported): exact numbers,
 * JSON conversion, and the input validator driven by a type table. See docs/compiled-module.md.
 */
export const RUNTIME = String.raw`
// ---- numbers: a safe integer is a plain JS number; anything else is an exact BigInt rational ----

/** An exact rational that is not a safe integer: always normalised (gcd 1, den > 0). */
export class PolRational {
  constructor(
    readonly n: bigint,
    readonly d: bigint,
  ) {}
}

/** A Pol number: a JS number when it is an integer with |x| < 2^53, else a PolRational. */
export type PolNumber = number | PolRational;

const MAX_SAFE = 9007199254740991n;

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a === 0n ? 1n : a;
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

function bn(a: PolNumber): bigint {
  return typeof a === 'number' ? BigInt(a) : a.n;
}
function bd(a: PolNumber): bigint {
  return typeof a === 'number' ? 1n : a.d;
}

function add(a: PolNumber, b: PolNumber): PolNumber {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a + b;
    if (Number.isSafeInteger(r)) return r;
  }
  return q(bn(a) * bd(b) + bn(b) * bd(a), bd(a) * bd(b));
}
function sub(a: PolNumber, b: PolNumber): PolNumber {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a - b;
    if (Number.isSafeInteger(r)) return r;
  }
  return q(bn(a) * bd(b) - bn(b) * bd(a), bd(a) * bd(b));
}
function mul(a: PolNumber, b: PolNumber): PolNumber {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a * b;
    if (Number.isSafeInteger(r)) return r;
  }
  return q(bn(a) * bn(b), bd(a) * bd(b));
}
/** Division by zero is zero, as in the reference semantics. */
function div(a: PolNumber, b: PolNumber): PolNumber {
  if (typeof a === 'number' && typeof b === 'number') {
    if (b === 0) return 0;
    if (a % b === 0) return a / b + 0;
  }
  if (bn(b) === 0n) return 0;
  return q(bn(a) * bd(b), bd(a) * bn(b));
}
function neg(a: PolNumber): PolNumber {
  return typeof a === 'number' ? 0 - a : new PolRational(-a.n, a.d);
}
function cmp(a: PolNumber, b: PolNumber): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  const l = bn(a) * bd(b);
  const r = bn(b) * bd(a);
  return l < r ? -1 : l > r ? 1 : 0;
}
/** Compares a*p with b*r (p, r positive integer constants): cross-multiplication without division. */
function cmpScaled(a: PolNumber, p: number, b: PolNumber, r: number): number {
  if (typeof a === 'number' && typeof b === 'number') {
    const x = a * p;
    const y = b * r;
    if (Number.isSafeInteger(x) && Number.isSafeInteger(y)) return x < y ? -1 : x > y ? 1 : 0;
  }
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
function numberJson(a: PolNumber): number | string {
  if (typeof a === 'number') return a === 0 ? 0 : a;
  const text = rationalText(a);
  const x = Number(text);
  if (!text.includes('/') && Number.isFinite(x)) {
    const back = parseNumber(String(x));
    if (back !== undefined && sameNumber(back, a)) return x;
  }
  return text;
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function toJson(v: unknown): Json {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number' || v instanceof PolRational) return numberJson(v);
  if (Array.isArray(v)) return v.map(toJson);
  const out: { [key: string]: Json } = {};
  for (const k of Object.keys(v as object)) out[k] = toJson((v as Record<string, unknown>)[k]);
  return out;
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
  | { readonly k: 'enum'; readonly name: string; readonly members: readonly string[]; readonly set: ReadonlySet<string> }
  | { readonly k: 'list'; readonly element: VType }
  | { readonly k: 'optional'; readonly inner: VType }
  | { readonly k: 'record'; readonly fields: readonly (readonly [name: string, type: VType, shown: string])[]; readonly names: ReadonlySet<string> };

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
        r = parseNumber(json);
        if (r === undefined && /^-?\d+(\.\d+)?[eE][+-]?\d+$/.test(json)) return fail(describe(json) + ' has an exponent beyond \u00b11000, which Pol does not hold');
        if (r === undefined) return fail('expected a number, found the text ' + describe(json));
      } else {
        return fail('expected a number' + (type.unit ? ' (' + type.unit + ')' : '') + ', found ' + describe(json));
      }
      if (r === undefined) return fail('expected a number, found ' + describe(json));
      if (type.unit !== null && cmp(r, 0) < 0) return fail('a quantity in ' + type.unit + ' cannot be negative, found ' + describe(json));
      return r;
    }
    case 'date':
      if (typeof json === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(json) && !isValidDate(json)) return fail(describe(json) + ' is not a calendar date');
      if (typeof json !== 'string' || !isValidDate(json)) return fail('expected a date "YYYY-MM-DD", found ' + describe(json));
      return json;
    case 'enum': {
      if (typeof json !== 'string') return fail('expected a ' + type.name + ', found ' + describe(json));
      if (!type.set.has(json)) {
        const hint = suggest(json, type.members);
        return fail(describe(json) + ' is not ' + (/^[AEIOU]/.test(type.name) ? 'an' : 'a') + ' ' + type.name + (hint ? '; did you mean "' + hint + '"?' : ''));
      }
      return json;
    }
    case 'list': {
      if (!Array.isArray(json)) return fail('expected a list, found ' + describe(json));
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
        if (!type.names.has(key)) errors.push({ path: joinPath(path, key), message: 'unknown field \u0060' + key + '\u0060' });
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

function step(id: string, kind: 'rule' | 'exception' | 'otherwise', title: string | null, cites: readonly string[], file: string, line: number): TraceStep {
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
function path(...steps: TraceStep[]): readonly TraceStep[] {
  return Object.freeze(steps);
}
function citationsOf(steps: readonly TraceStep[]): readonly string[] {
  const out: string[] = [];
  for (const s of steps) for (const c of s.cites) if (!out.includes(c)) out.push(c);
  return Object.freeze(out);
}
`;

// ---- validation ----

import { numberJson, numberOfDouble, parseNumber, type PolNumber } from './numbers.ts';
import { suggest } from './suggest.ts';

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

export const DEFAULT_LIMITS: Required<ValidateOptions> = Object.freeze({ maxErrors: 100, maxStringLength: 4096, maxDigits: 1000, maxSuggestLength: 32 });

/** The most digits a number may have: the interpreter's MAX_INPUT_DIGITS (core values/validate.ts). */
const MAX_INPUT_DIGITS = 1000;

export type VType =
  | { readonly k: 'bool' }
  | { readonly k: 'number'; readonly unit: string | null }
  | { readonly k: 'date' }
  /** an identifier: non-empty text, compared as written (it only keys a ledger) */
  | { readonly k: 'id' }
  | { readonly k: 'enum'; readonly name: string; readonly members: readonly string[]; readonly set: ReadonlySet<string>; readonly longest: number }
  | { readonly k: 'list'; readonly element: VType }
  | { readonly k: 'optional'; readonly inner: VType }
  | { readonly k: 'record'; readonly fields: readonly (readonly [name: string, type: VType, shown: string])[]; readonly names: ReadonlySet<string> };

export function record(fields: readonly (readonly [string, VType, string])[]): VType {
  return { k: 'record', fields, names: new Set(fields.map((f) => f[0])) };
}
export function enumType(name: string, members: readonly string[]): VType {
  let longest = 0;
  for (const m of members) if (m.length > longest) longest = m.length;
  return { k: 'enum', name, members, set: new Set(members), longest };
}

export function describe(json: unknown): string {
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

export function isValidDate(text: string): boolean {
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
export const RECORD_PROTO: object = Object.freeze(Object.create(null) as object);

export function joinPath(path: string, key: string): string {
  return path ? path + '.' + key : key;
}

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
    if (this.more > 0) this.errors.push({ path: '', message: 'and ' + this.more + ' more error' + (this.more === 1 ? '' : 's') + ' (at most ' + this.maxErrors + ' are listed; see maxErrors)', code: 'input/more-errors' });
    return this.errors;
  }

  check(type: VType, json: unknown): unknown {
    switch (type.k) {
      case 'optional':
        return json === null || json === undefined ? null : this.check(type.inner, json);
      case 'bool':
        return typeof json === 'boolean' ? json : this.room() ? this.fail('expected true or false, found ' + describe(json)) : null;
      case 'number':
        // the common case first: a safe integer is itself (`+ 0` turns -0 into 0)
        if (typeof json === 'number' && Number.isSafeInteger(json) && (type.unit === null || json >= 0)) return json + 0;
        return this.number(type.unit, json);
      case 'date':
        if (typeof json === 'string' && json.length === 10 && isValidDate(json)) return json;
        if (!this.room()) return null;
        if (typeof json === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(json)) return this.fail(describe(json) + ' is not a calendar date');
        return this.fail('expected a date "YYYY-MM-DD", found ' + describe(json));
      case 'id':
        // spaces around an id would make another consignee of the same one (core's values/validate.ts)
        if (typeof json === 'string' && json.length > 0 && !/^\s|\s$/.test(json)) return json;
        if (!this.room()) return null;
        if (typeof json === 'string' && json.length > 0) return this.fail('an identifier cannot begin or end with a space, found ' + describe(json) + ' (write it without the spaces: the same id with spaces would be another one)');
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
        return this.fail(describe(json) + ' has more than ' + this.maxDigits.toLocaleString('en-US') + ' digits, which ' + (this.maxDigits === MAX_INPUT_DIGITS ? 'Pol does not hold' : 'this validation refuses (maxDigits)'));
      }
      r = parseNumber(json);
      if (r === undefined && /^-?\d+(\.\d+)?[eE][+-]?\d+$/.test(json)) return this.fail(describe(json) + ' has an exponent beyond \u00b11000, which Pol does not hold');
      if (r === undefined) return this.fail('expected a number, found the text ' + describe(json));
    } else {
      return this.fail('expected a number' + (unit ? ' (' + unit + ')' : '') + ', found ' + describe(json));
    }
    if (r === undefined) return this.fail('expected a number, found ' + describe(json));
    // the sign of n/d is n's (d > 0): no comparison needed
    if (unit !== null && (typeof r === 'number' ? r < 0 : r.n < 0n)) return this.fail('a quantity in ' + unit + ' cannot be negative, found ' + describe(json));
    return r;
  }

  private tooLong(json: string): null {
    return this.fail('a text of ' + json.length.toLocaleString('en-US') + ' characters, longer than the ' + this.maxStringLength.toLocaleString('en-US') + ' this input takes (maxStringLength)');
  }

  private enumError(type: Extract<VType, { k: 'enum' }>, json: unknown): null {
    if (!this.room()) return null;
    if (typeof json !== 'string') return this.fail('expected a ' + type.name + ', found ' + describe(json));
    if (json.length > this.maxStringLength) return this.tooLong(json);
    // the suggestion search only for short strings: linear in the members, constant per member
    const hint = json.length <= this.maxSuggestLength && json.length <= type.longest + 3 ? suggest(json, type.members) : undefined;
    return this.fail(describe(json) + ' is not ' + (/^[AEIOU]/.test(type.name) ? 'an' : 'a') + ' ' + type.name + (hint ? '; did you mean "' + hint + '"?' : ''));
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
    return this.fail('this list has ' + missing + ' missing element' + (missing === 1 ? '' : 's') + ' (the first at [' + first + ']); a list cannot have holes');
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
        return this.room() ? this.fail('expected an object with ' + type.fields.map((f) => f[0]).join(', ') + ', found ' + describe(json)) : null;
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
export function checkValue(type: VType, json: unknown, options?: ValidateOptions): { value: unknown; errors: InputError[] } {
  const c = new Checker(options);
  const value = c.check(type, json);
  return { value, errors: c.result() };
}

/** A validated value back as JSON (the module's `toJson`): numbers by numberJson, absent optional fields left out. */
export function jsonOf(type: VType, v: unknown): unknown {
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

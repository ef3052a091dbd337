// ---- validation ----

import { cmp, parseNumber, type PolNumber } from './numbers.ts';
import { suggest } from './suggest.ts';

export interface InputError {
  readonly path: string;
  readonly message: string;
  /** input/requirement-failed for a failed require of the policy; absent for a malformed input */
  readonly code?: 'input/requirement-failed';
}

export type VType =
  | { readonly k: 'bool' }
  | { readonly k: 'number'; readonly unit: string | null }
  | { readonly k: 'date' }
  /** an identifier: non-empty text, compared as written (it only keys a ledger) */
  | { readonly k: 'id' }
  | { readonly k: 'enum'; readonly name: string; readonly members: readonly string[]; readonly set: ReadonlySet<string> }
  | { readonly k: 'list'; readonly element: VType }
  | { readonly k: 'optional'; readonly inner: VType }
  | { readonly k: 'record'; readonly fields: readonly (readonly [name: string, type: VType, shown: string])[]; readonly names: ReadonlySet<string> };

export function record(fields: readonly (readonly [string, VType, string])[]): VType {
  return { k: 'record', fields, names: new Set(fields.map((f) => f[0])) };
}
export function enumType(name: string, members: readonly string[]): VType {
  return { k: 'enum', name, members, set: new Set(members) };
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

/** The prototype of validated records: empty, frozen, with a null prototype. */
export const RECORD_PROTO: object = Object.freeze(Object.create(null) as object);

export function joinPath(path: string, key: string): string {
  return path ? path + '.' + key : key;
}

export function check(type: VType, json: unknown, path: string, errors: InputError[]): unknown {
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
        if (/^-?[\d.]+([eE][+-]?\d+)?$/.test(json) && digitCount(json) > 1000) return fail(describe(json) + ' has more than 1,000 digits, which Pol does not hold');
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
    case 'id':
      if (typeof json !== 'string' || json.length === 0) return fail('expected an identifier (a non-empty text), found ' + describe(json));
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
      // Holes (`[1, , 3]`, `new Array(5)`) would reach evaluate as undefined: refused, at a cost
      // bounded by the entries present (as values/validate.ts in core says it).
      let present = 0;
      for (const k of Object.keys(json)) if (/^(0|[1-9]\d*)$/.test(k) && Number(k) < json.length) present++;
      if (present !== json.length) {
        let hole = 0;
        while (hole < present && hole in json) hole++;
        const missing = json.length - present;
        return fail('this list has ' + missing + ' missing element' + (missing === 1 ? '' : 's') + ' (the first at [' + hole + ']); a list cannot have holes');
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
        if (!type.names.has(key)) errors.push({ path: joinPath(path, key), message: 'unknown field \u0060' + key + '\u0060' });
      }
      return out;
    }
  }
}

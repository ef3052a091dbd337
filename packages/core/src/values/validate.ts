/**
 * Turns untyped JSON input into a typed value of the reference interpreter, listing every error
 * with its path. Numbers may be JSON numbers or decimal strings (for quantities JSON cannot carry
 * exactly); dates are `YYYY-MM-DD` strings; enum members are strings; absent optionals are missing
 * or null.
 */
import type { Type } from '../types/pol-types.ts';
import { typeToString } from '../types/pol-types.ts';
import { isValidDate } from '../calendar/dates.ts';
import { Rational } from './rational.ts';
import type { RValue } from './value.ts';

export interface InputError {
  /** `item.tpp`, `veu.compute_by_country[2].country`; empty for the whole input */
  readonly path: string;
  readonly message: string;
  /** `input/requirement-failed` for a failed `require`; absent (meaning `input/invalid`) otherwise */
  readonly code?: 'input/invalid' | 'input/requirement-failed';
}

export interface EnumMembers {
  has(enumName: string, member: string): boolean;
  suggest?(enumName: string, member: string): string | undefined;
}

export function validateValue(type: Type, json: unknown, enums: EnumMembers): { value: RValue | undefined; errors: InputError[] } {
  const errors: InputError[] = [];
  const value = check(type, json, '', enums, errors);
  return { value: errors.length === 0 ? value : undefined, errors };
}

/**
 * The most digits (before any exponent) an input number may have: with exponents within ±1000,
 * every input number fits in about 6,700 bits, which is what bounds exact arithmetic
 * (docs/semantics.md, "How large numbers can be").
 */
export const MAX_INPUT_DIGITS = 1000;

function countDigits(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 101 || c === 69) break;
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

function describe(json: unknown): string {
  if (json === null) return 'null';
  if (Array.isArray(json)) return 'a list';
  if (typeof json === 'number') return Number.isNaN(json) ? 'NaN' : String(json);
  if (typeof json === 'string') return JSON.stringify(json.length > 40 ? json.slice(0, 40) + '…' : json);
  if (typeof json === 'object') return 'an object';
  return typeof json;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function check(type: Type, json: unknown, path: string, enums: EnumMembers, errors: InputError[]): RValue {
  const fail = (message: string): null => {
    errors.push({ path, message });
    return null;
  };
  switch (type.kind) {
    case 'optional':
      return json === null || json === undefined ? null : check(type.inner, json, path, enums, errors);
    case 'bool':
      return typeof json === 'boolean' ? json : fail(`expected true or false, found ${describe(json)}`);
    case 'number': {
      let r: Rational | undefined;
      if (typeof json === 'number') {
        if (!Number.isFinite(json)) return fail(`expected a number, found ${describe(json)}`);
        // A number means the decimal it prints as (1e26 is 10^26): what a person wrote, not the
        // binary double nearest to it. Digits a JSON number could not carry are caught where the
        // text is read (the CLI warns); a decimal string is always exact.
        r = Rational.fromNumber(json);
      } else if (typeof json === 'string') {
        // Checked before parsing: building a BigInt of a million digits is itself the cost to avoid.
        if (/^-?[\d.]+([eE][+-]?\d+)?$/.test(json) && countDigits(json) > MAX_INPUT_DIGITS) {
          return fail(`${describe(json)} has more than ${MAX_INPUT_DIGITS.toLocaleString('en-US')} digits, which Pol does not hold`);
        }
        r = Rational.parse(json);
        if (!r && /^-?\d+(\.\d+)?[eE][+-]?\d+$/.test(json)) return fail(`${describe(json)} has an exponent beyond ±1000, which Pol does not hold`);
        if (!r) return fail(`expected a number, found the text ${describe(json)}`);
      } else {
        return fail(`expected a number${type.unit ? ` (${type.unit})` : ''}, found ${describe(json)}`);
      }
      if (!r) return fail(`expected a number, found ${describe(json)}`);
      if (type.unit !== null && r.isNegative()) return fail(`a quantity in ${type.unit} cannot be negative, found ${describe(json)}`);
      return r;
    }
    case 'date':
      if (typeof json === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(json) && !isValidDate(json)) return fail(`${describe(json)} is not a calendar date`);
      if (typeof json !== 'string' || !isValidDate(json)) return fail(`expected a date "YYYY-MM-DD", found ${describe(json)}`);
      return json;
    case 'id':
      // An identifier is compared as written: no trimming or case folding. So " C-1" would be
      // another consignee than "C-1" and split its quota: spaces around it are refused instead.
      if (typeof json !== 'string' || json.length === 0) return fail(`expected an identifier (a non-empty text), found ${describe(json)}`);
      if (/^\s|\s$/.test(json)) return fail(`an identifier cannot begin or end with a space, found ${describe(json)} (write it without the spaces: the same id with spaces would be another one)`);
      return json;
    case 'enum': {
      if (typeof json !== 'string') return fail(`expected a ${type.name}, found ${describe(json)}`);
      if (!enums.has(type.name, json)) {
        const hint = enums.suggest?.(type.name, json);
        return fail(`${describe(json)} is not ${/^[AEIOU]/.test(type.name) ? 'an' : 'a'} ${type.name}${hint ? `; did you mean "${hint}"?` : ''}`);
      }
      return json;
    }
    case 'list': {
      if (!Array.isArray(json)) return fail(`expected a list, found ${describe(json)}`);
      // A list built in code can have holes (`[1, , 3]`, `new Array(5)`); JSON never does. Found by
      // counting entries, so a huge empty list costs nothing to refuse.
      let present = 0;
      for (const k of Object.keys(json)) if (/^(0|[1-9]\d*)$/.test(k) && Number(k) < json.length) present++;
      if (present !== json.length) {
        let hole = 0;
        while (hole < present && hole in json) hole++;
        return fail(`this list has ${json.length - present} missing element${json.length - present === 1 ? '' : 's'} (the first at [${hole}]); a list cannot have holes`);
      }
      return json.map((item, i) => check(type.element, item, `${path}[${i}]`, enums, errors));
    }
    case 'record': {
      if (json === null || typeof json !== 'object' || Array.isArray(json)) {
        return fail(`expected an object with ${[...type.fields.keys()].join(', ')}, found ${describe(json)}`);
      }
      const out = new Map<string, RValue>();
      const obj = json as Record<string, unknown>;
      for (const [name, fieldType] of type.fields) {
        const present = Object.prototype.hasOwnProperty.call(obj, name);
        if (!present || obj[name] === undefined) {
          if (fieldType.kind === 'optional') out.set(name, null);
          else errors.push({ path: join(path, name), message: `missing: expected ${typeToString(fieldType)}` });
          continue;
        }
        out.set(name, check(fieldType, obj[name], join(path, name), enums, errors));
      }
      for (const key of Object.keys(obj)) {
        if (!type.fields.has(key)) errors.push({ path: join(path, key), message: `unknown field \`${key}\`` });
      }
      return out;
    }
    case 'set':
    case 'error':
      return fail(`cannot be given as input`);
  }
}

// generated from lab-exports.pol by pol, do not edit

/* eslint-disable */

/** The policy this module was generated from: tie stored decisions to it. */

export const POLICY = Object.freeze({
  name: 'Laboratory Accelerator Export Rule (sample)',
  version: '2025-03-01' as string | null,
  sourceHash: '16fbbc7079269593c2dcc1b1965a66cd90a66391388125eb2cbb53498674ab56',
});

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
function path(...steps: TraceStep[]): readonly TraceStep[] {
  return Object.freeze(steps);
}
function citationsOf(steps: readonly TraceStep[]): readonly string[] {
  const out: string[] = [];
  for (const s of steps) for (const c of s.cites) if (!out.includes(c)) out.push(c);
  return Object.freeze(out);
}

// ---- enums ----

/** Country */

export type Enum_Country =
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

/** Kind */

export type Enum_Kind = 'accelerator' | 'software' | 'other';

const V_Kind: VType = enumType('Kind', ['accelerator', 'software', 'other']);

/** Review */

export type Enum_Review = 'approval' | 'denial';

const V_Review: VType = enumType('Review', ['approval', 'denial']);

// ---- input ----

/** record Holding */

export type Rec_Holding = {
  /** Country */ readonly country: Enum_Country;
  /** TPP */ readonly tpp: PolNumber;
};

/** input Shipment: what `validate` returns and `evaluate` takes. */

export type Input = {
  /** Date */ readonly date: string;
  /** Kind */ readonly kind: Enum_Kind;
  /** Country */ readonly destination: Enum_Country;
  /** Number */ readonly units: PolNumber;
  /** optional TPP */ readonly tpp: PolNumber | null;
  /** TPP */ readonly received_this_year: PolNumber;
  /** list of Holding */ readonly holdings: readonly Rec_Holding[];
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
  | {
      readonly outcome: 'authorized';
      /** Kind */ readonly by: Enum_Kind;
      /** not in this outcome */ readonly review: null;
    }
  | {
      readonly outcome: 'license_required';
      /** not in this outcome */ readonly by: null;
      /** Review */ readonly review: Enum_Review;
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

/** One evaluation: the input, the "as of" date, and the lazily computed defines and consts. */
class Ctx {
  declare readonly i: Input;
  declare readonly asOf: string | undefined;
  /** set by the resolve functions: the rule or exception that decided, and the alternatives */
  declare info: NodeInfo;
  declare alts: readonly Decision[];
  declare d0: PolNumber | undefined;
  declare d1: PolNumber | undefined;
  declare d2: PolNumber | undefined;
  constructor(i: Input) {
    this.i = i;
    this.asOf = i.date ?? undefined;
    this.info = OTHERWISE;
    this.alts = EMPTY;
    this.d0 = undefined;
    this.d1 = undefined;
    this.d2 = undefined;
  }
}

/** group Allies: membership on the evaluation date */
function group_0(c: Ctx, x: string): boolean {
  return x === 'AU' || x === 'CA' || x === 'GB' || x === 'JP' || x === 'NZ';
}

/** group Embargoed: membership on the evaluation date */
function group_1(c: Ctx, x: string): boolean {
  return (
    x === 'CU' ||
    x === 'IR' ||
    x === 'KP' ||
    x === 'SY' ||
    (x === 'RU' && (c.asOf === undefined || c.asOf >= '2025-06-01'))
  );
}

/** define shipment_tpp */
function define_0(c: Ctx): PolNumber {
  return c.d0 !== undefined ? c.d0 : (c.d0 = mul(c.i.units, c.i.tpp ?? 0));
}

/** define total_holdings */
function define_1(c: Ctx): PolNumber {
  return c.d1 !== undefined ? c.d1 : (c.d1 = agg_2(c, c.i.holdings));
}

/** define allied_holdings */
function define_2(c: Ctx): PolNumber {
  return c.d2 !== undefined ? c.d2 : (c.d2 = agg_4(c, c.i.holdings));
}

const REQUIRES: readonly (readonly [(c: Ctx) => boolean, string, string])[] = [
  [(c: Ctx): boolean => cmp(c.i.units, 0) >= 0, 'units', 'a shipment cannot have a negative number of units'],
];

/** What a resolve function leaves in the context: who decided, with the precomputed result parts. */
interface NodeInfo {
  readonly id: string;
  readonly obligations: readonly string[];
  readonly citations: readonly string[];
  readonly trace: readonly TraceStep[];
}

const OTHERWISE_PATH = path(step('otherwise', 'otherwise', null, [], 'lab-exports.pol', 86));

const OTHERWISE: NodeInfo = info('otherwise', EMPTY, OTHERWISE_PATH);

/** rule accelerators "Licence requirement for accelerators"
 * @see Sample Rule 1(a) */
const S0 = step(
  'accelerators',
  'rule',
  'Licence requirement for accelerators',
  ['Sample Rule 1(a)'],
  'lab-exports.pol',
  47,
);

const INFO0: NodeInfo = info('accelerators', [], path(S0));

const W0_6 = why('accelerators', 'rule', 'condition-false', 'kind is accelerator', 'lab-exports.pol', 47);

const W0_7 = why('accelerators', 'rule', 'condition-false', 'tpp is present', 'lab-exports.pol', 47);

const W0_8 = why('accelerators', 'rule', 'condition-false', 'tpp >= HIGH_PERFORMANCE', 'lab-exports.pol', 47);

/** whether accelerators applies (in effect, condition true); records why not when explaining */
function applies0(c: Ctx, x: ExplainStep[] | undefined): boolean {
  if (c.i.kind === 'accelerator' && c.i.tpp !== null && cmp(c.i.tpp!, 4800) >= 0) return true;
  if (x !== undefined)
    x.push(!(c.i.kind === 'accelerator' && c.i.tpp !== null) ? (!(c.i.kind === 'accelerator') ? W0_6 : W0_7) : W0_8);
  return false;
}

const DEC_0: Decision = Object.freeze({ outcome: 'license_required', by: null, review: 'approval' } as Decision);

const OVERRIDDEN2 = why('allies', 'exception', 'overridden', null, 'lab-exports.pol', 58);

const OVERRIDDEN3 = why('small_volume', 'exception', 'overridden', null, 'lab-exports.pol', 65);

/** accelerators decides unless an exception applies (the first one wins, recursively) */
function resolve0(c: Ctx, x: ExplainStep[] | undefined): Decision {
  const a0 = applies1(c, x);
  const a1 = applies2(c, x);
  const a2 = applies3(c, x);
  let first: Decision;
  let w: number;
  if (a0) {
    first = resolve1(c, x);
    w = 0;
  } else if (a1) {
    first = resolve2(c, x);
    w = 1;
  } else if (a2) {
    first = resolve3(c, x);
    w = 2;
  } else {
    c.info = INFO0;
    c.alts = EMPTY;
    return DEC_0;
  }
  const n = c.info;
  let alts = c.alts;
  let more = false;
  if (a1 && w < 1) {
    if (x !== undefined) x.push(OVERRIDDEN2);
    alts = withAlternative(alts, first, resolve2(c, x));
    more = true;
  }
  if (a2 && w < 2) {
    if (x !== undefined) x.push(OVERRIDDEN3);
    alts = withAlternative(alts, first, resolve3(c, x));
    more = true;
  }
  if (more) {
    c.info = n;
    c.alts = alts;
  }
  return first;
}

/** exception embargo "Embargoed destinations"
 * @see Sample Rule 1(b) */
const S1 = step('embargo', 'exception', 'Embargoed destinations', ['Sample Rule 1(b)'], 'lab-exports.pol', 52);

const INFO1: NodeInfo = info('embargo', [], path(S0, S1));

const W1_9 = why('embargo', 'exception', 'condition-false', 'destination in Embargoed', 'lab-exports.pol', 52);

/** whether embargo applies (in effect, condition true); records why not when explaining */
function applies1(c: Ctx, x: ExplainStep[] | undefined): boolean {
  if (group_1(c, c.i.destination)) return true;
  if (x !== undefined) x.push(W1_9);
  return false;
}

const DEC_1: Decision = Object.freeze({ outcome: 'license_required', by: null, review: 'denial' } as Decision);

/** embargo decides unless an exception applies (the first one wins, recursively) */
function resolve1(c: Ctx, x: ExplainStep[] | undefined): Decision {
  c.info = INFO1;
  c.alts = EMPTY;
  return DEC_1;
}

/** exception allies "Allied destinations"
 * @see Sample Rule 2(a) */
const S2 = step('allies', 'exception', 'Allied destinations', ['Sample Rule 2(a)'], 'lab-exports.pol', 58);

const INFO2: NodeInfo = info('allies', ['Keep the end-user statement for five years'], path(S0, S2));

const W2_10 = why('allies', 'exception', 'condition-false', 'destination in Allies', 'lab-exports.pol', 58);

/** whether allies applies (in effect, condition true); records why not when explaining */
function applies2(c: Ctx, x: ExplainStep[] | undefined): boolean {
  if (group_0(c, c.i.destination)) return true;
  if (x !== undefined) x.push(W2_10);
  return false;
}

const DEC_2: Decision = Object.freeze({ outcome: 'authorized', by: 'accelerator', review: null } as Decision);

/** allies decides unless an exception applies (the first one wins, recursively) */
function resolve2(c: Ctx, x: ExplainStep[] | undefined): Decision {
  c.info = INFO2;
  c.alts = EMPTY;
  return DEC_2;
}

/** exception small_volume "Small volumes"
 * @see Sample Rule 2(b) */
const S3 = step('small_volume', 'exception', 'Small volumes', ['Sample Rule 2(b)'], 'lab-exports.pol', 65);

const INFO3: NodeInfo = info('small_volume', [], path(S0, S3));

const W3_11 = why(
  'small_volume',
  'exception',
  'condition-false',
  'received_this_year + shipment_tpp <= ANNUAL_LIMIT',
  'lab-exports.pol',
  65,
);

/** whether small_volume applies (in effect, condition true); records why not when explaining */
function applies3(c: Ctx, x: ExplainStep[] | undefined): boolean {
  if (cmp(add(c.i.received_this_year, define_0(c)), 1000000) <= 0) return true;
  if (x !== undefined) x.push(W3_11);
  return false;
}

const DEC_3: Decision = Object.freeze({ outcome: 'authorized', by: 'accelerator', review: null } as Decision);

/** small_volume decides unless an exception applies (the first one wins, recursively) */
function resolve3(c: Ctx, x: ExplainStep[] | undefined): Decision {
  if (applies4(c, x)) return resolve4(c, x);
  c.info = INFO3;
  c.alts = EMPTY;
  return DEC_3;
}

/** exception concentrated "Concentrated holdings"
 * @see Sample Rule 2(c) */
const S4 = step('concentrated', 'exception', 'Concentrated holdings', ['Sample Rule 2(c)'], 'lab-exports.pol', 70);

const INFO4: NodeInfo = info('concentrated', [], path(S0, S3, S4));

const W4_16 = why(
  'concentrated',
  'exception',
  'condition-false',
  'count(each h in holdings where h.country not in Allies) > 0',
  'lab-exports.pol',
  70,
);

const W4_17 = why(
  'concentrated',
  'exception',
  'condition-false',
  'allied_holdings < 75% * total_holdings',
  'lab-exports.pol',
  70,
);

/** whether concentrated applies (in effect, condition true); records why not when explaining */
function applies4(c: Ctx, x: ExplainStep[] | undefined): boolean {
  if (cmp(agg_12(c, c.i.holdings), 0) > 0 && cmpScaled(define_2(c), 4, define_1(c), 3) < 0) return true;
  if (x !== undefined) x.push(!(cmp(agg_14(c, c.i.holdings), 0) > 0) ? W4_16 : W4_17);
  return false;
}

const DEC_4: Decision = Object.freeze({ outcome: 'license_required', by: null, review: 'approval' } as Decision);

/** concentrated decides unless an exception applies (the first one wins, recursively) */
function resolve4(c: Ctx, x: ExplainStep[] | undefined): Decision {
  c.info = INFO4;
  c.alts = EMPTY;
  return DEC_4;
}

/** rule software "Software for accelerators"
 * @see Sample Rule 3 */
const S5 = step('software', 'rule', 'Software for accelerators', ['Sample Rule 3'], 'lab-exports.pol', 79);

const INFO5: NodeInfo = info('software', [], path(S5));

const W5_18 = why('software', 'rule', 'not-in-effect', '2025-04-01', 'lab-exports.pol', 79);

const W5_19 = why('software', 'rule', 'condition-false', 'kind is software', 'lab-exports.pol', 79);

const W5_20 = why('software', 'rule', 'condition-false', 'destination in Embargoed', 'lab-exports.pol', 79);

/** whether software applies (in effect, condition true); records why not when explaining */
function applies5(c: Ctx, x: ExplainStep[] | undefined): boolean {
  if (c.asOf !== undefined && c.asOf < '2025-04-01') {
    if (x !== undefined) x.push(W5_18);
    return false;
  }
  if (c.i.kind === 'software' && group_1(c, c.i.destination)) return true;
  if (x !== undefined) x.push(!(c.i.kind === 'software') ? W5_19 : W5_20);
  return false;
}

const DEC_5: Decision = Object.freeze({ outcome: 'license_required', by: null, review: 'denial' } as Decision);

/** software decides unless an exception applies (the first one wins, recursively) */
function resolve5(c: Ctx, x: ExplainStep[] | undefined): Decision {
  c.info = INFO5;
  c.alts = EMPTY;
  return DEC_5;
}

/** rules 1 to 2 in written order: the first that applies decides */
function rules_0(c: Ctx, x: ExplainStep[] | undefined): Decision | undefined {
  if (applies0(c, x)) return resolve0(c, x);
  if (applies5(c, x)) return resolve5(c, x);
  return undefined;
}

const DEC_OTHERWISE: Decision = Object.freeze({ outcome: 'no_license_needed', by: null, review: null } as Decision);

/** Decides a validated input. Never throws on one. */
export function evaluate(input: Input, options?: EvaluateOptions): Result {
  const c = new Ctx(input);
  const x: ExplainStep[] | undefined = options !== undefined && options.explain === true ? [] : undefined;
  const decision = rules_0(c, x);
  const d = decision === undefined ? DEC_OTHERWISE : decision;
  const n = c.info;
  const result: Result = {
    decision: d,
    alternatives: c.alts,
    obligations: n.obligations,
    citations: n.citations,
    decided_by: n.id,
    trace: options === undefined || options.trace !== false ? n.trace : EMPTY,
  };
  if (x !== undefined) result.explain = x;
  return result;
}

function nj(v: PolNumber | null): number | string | null {
  return v === null ? null : numberJson(v);
}

function info(id: string, obligations: readonly string[], trace: readonly TraceStep[]): NodeInfo {
  return Object.freeze({ id, obligations: Object.freeze(obligations), citations: citationsOf(trace), trace });
}

function sameDecision(a: Decision, b: Decision): boolean {
  if (a.outcome !== b.outcome) return false;
  for (const f of FIELDS)
    if ((a as unknown as Record<string, unknown>)[f] !== (b as unknown as Record<string, unknown>)[f]) return false;
  return true;
}

/** An overridden exception's decision is an alternative when it has the winner's outcome but differs. */
function withAlternative(alts: readonly Decision[], first: Decision, d: Decision): readonly Decision[] {
  if (d.outcome !== first.outcome || sameDecision(d, first)) return alts;
  for (const a of alts) if (sameDecision(a, d)) return alts;
  return [...alts, d];
}

/** Checks untyped input (e.g. parsed JSON): every error with its path, then every `require`. */
export function validate(value: unknown): { ok: true; value: Input } | { ok: false; errors: InputError[] } {
  const errors: InputError[] = [];
  const out = check(V_INPUT, value, '', errors);
  if (errors.length > 0) return { ok: false, errors };
  const input = out as Input;
  const c = new Ctx(input);
  for (const [cond, at, because] of REQUIRES)
    if (!cond(c)) errors.push({ path: at, message: because, code: 'input/requirement-failed' });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: input };
}

// ---- helpers for expressions ----

/** sum over a list */
function agg_2(c: Ctx, list: readonly any[]): PolNumber {
  let acc: PolNumber = 0;
  for (let k = 0; k < list.length; k++) {
    const b3 = list[k]!;
    acc = add(acc, b3.tpp);
  }
  return acc;
}

/** sum over a list */
function agg_4(c: Ctx, list: readonly any[]): PolNumber {
  let acc: PolNumber = 0;
  for (let k = 0; k < list.length; k++) {
    const b5 = list[k]!;
    if (!group_0(c, b5.country)) continue;
    acc = add(acc, b5.tpp);
  }
  return acc;
}

/** count over a list */
function agg_12(c: Ctx, list: readonly any[]): PolNumber {
  let acc = 0;
  for (let k = 0; k < list.length; k++) {
    const b13 = list[k]!;
    if (!!group_0(c, b13.country)) continue;
    acc++;
  }
  return acc;
}

/** count over a list */
function agg_14(c: Ctx, list: readonly any[]): PolNumber {
  let acc = 0;
  for (let k = 0; k < list.length; k++) {
    const b15 = list[k]!;
    if (!!group_0(c, b15.country)) continue;
    acc++;
  }
  return acc;
}

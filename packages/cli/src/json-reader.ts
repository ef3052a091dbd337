/**
 * A JSON reader that knows where it is and never loses a digit: a number that a JS number cannot
 * hold exactly (more than 2^53, or more decimal digits than a double keeps) is read as its exact
 * decimal text, with a warning, instead of being silently rounded by JSON.parse.
 */
import { Rational } from '@pol/core';
import { numberTextMeans } from './json-number.ts';

export interface JsonWarning {
  readonly path: string;
  readonly message: string;
}

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

export function readJson(text: string): { value: unknown; warnings: JsonWarning[] } {
  const warnings: JsonWarning[] = [];
  let i = 0;
  const ws = (): void => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r' || text[i] === '\uFEFF')) i++;
  };
  const fail = (what: string): never => {
    const found = i >= text.length ? 'the end of the input' : JSON.stringify(text[i]);
    throw new JsonSyntaxError(`expected ${what} but found ${found}`, i);
  };
  const value = (path: string, depth: number): unknown => {
    if (depth > 200) throw new JsonSyntaxError('the JSON is nested too deeply', i);
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const obj: Record<string, unknown> = {};
      ws();
      if (text[i] === '}') {
        i++;
        return obj;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('a field name in quotes');
        const key = str();
        ws();
        if (text[i] !== ':') fail('`:`');
        i++;
        const at = path ? `${path}.${key}` : key;
        // JSON.parse keeps the last of two equal keys; a second value for a field could flip a
        // decision unseen, so it is an error here.
        if (Object.prototype.hasOwnProperty.call(obj, key)) throw new JsonSyntaxError(`the field \`${at}\` is given twice`, i);
        const v = value(at, depth + 1);
        Object.defineProperty(obj, key, { value: v, enumerable: true, writable: true, configurable: true });
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return obj;
        }
        fail('`,` or `}`');
      }
    }
    if (c === '[') {
      i++;
      const arr: unknown[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(value(`${path}[${arr.length}]`, depth + 1));
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return arr;
        }
        fail('`,` or `]`');
      }
    }
    if (c === '"') return str();
    if (text.startsWith('true', i)) {
      i += 4;
      return true;
    }
    if (text.startsWith('false', i)) {
      i += 5;
      return false;
    }
    if (text.startsWith('null', i)) {
      i += 4;
      return null;
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (!m) return fail('a value');
    i += m[0].length;
    const n = Number(m[0]);
    const exact = Rational.parse(m[0]);
    // Beyond what Pol holds exactly (an exponent past ±1000): keep the text, so validation says so.
    if (!exact) return m[0];
    const asRead = Rational.fromNumber(n);
    if (exact && (!asRead || !asRead.eq(exact))) {
      warnings.push({
        path,
        message: `${m[0]} cannot be carried exactly by a JSON number; it was read as the exact decimal "${m[0]}" (write it as a string to say so)`,
      });
      return m[0];
    }
    return n;
  };
  const str = (): string => {
    const start = i;
    i++;
    let out = '';
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') {
        const seq = text.slice(i, i + 6);
        const m = /^\\(["\\/bfnrt]|u[0-9a-fA-F]{4})/.exec(seq);
        if (!m) throw new JsonSyntaxError('invalid escape in a string', i);
        out += JSON.parse(`"${m[0]}"`) as string;
        i += m[0].length;
      } else {
        const code = text.charCodeAt(i);
        if (code < 0x20) throw new JsonSyntaxError('a line break or control character inside a string', i);
        out += text[i];
        i++;
      }
    }
    if (i >= text.length) throw new JsonSyntaxError('a string that is not closed', start);
    i++;
    return out;
  };
  const v = value('', 0);
  ws();
  if (i < text.length) fail('the end of the input');
  return { value: v, warnings };
}

/**
 * The same result as `readJson`, faster: JSON.parse where it provably agrees. It does when the text
 * gives no key twice (JSON.parse keeps the last) and every number outside the strings means the
 * decimal JSON.parse makes of it (a JS number means the decimal it prints as). Anything else, and
 * every error, goes through `readJson` for its exact values, warnings and positions.
 *
 * Two proofs, the quicker first: `byColons` (each ':' a key's, each number an object's field),
 * else, for text without escapes (where every `"` delimits a string), `scan`: a pass over the text
 * between the strings counting keys and checking numbers.
 */
export function readJsonFast(text: string): { value: unknown; warnings: readonly JsonWarning[] } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return readJson(text);
  }
  let keys = 0;
  FOUND = 0;
  if (value !== null && typeof value === 'object') {
    keys = countKeys(value, 0);
    if (keys < 0) return readJson(text);
    if (byColons(text, keys)) return { value, warnings: NO_WARNINGS };
  }
  if (text.indexOf('\\') >= 0 || scan(text) !== keys) return readJson(text);
  return { value, warnings: NO_WARNINGS };
}

const NO_WARNINGS: readonly JsonWarning[] = Object.freeze([]);

/**
 * The numbers of the value `countKeys` last walked, in its order: the first FOUND entries (the
 * array is reused, and never shortened: that would free its storage).
 */
const NUMBERS: number[] = [];
let FOUND = 0;

/**
 * The quick proof, for text that JSON.parse read as `keys` keys (and FOUND numbers, in NUMBERS).
 * Every ':' outside a string is a key's, so the text has at least as many ':' as keys, more when
 * a string holds one or a key was given twice (JSON.parse keeps one of them; a key written with
 * escapes counts as what they spell): as many means neither, and then the value after each ':'
 * starts at its next non-space character. Each number found there is checked; when they are as
 * many as the parse's numbers, there is no other (in an array, say). False proves nothing.
 */
function byColons(text: string, keys: number): boolean {
  let colons = 0;
  let seen = 0;
  for (let i = text.indexOf(':'); i >= 0; i = text.indexOf(':', i + 1)) {
    colons++;
    let j = i + 1;
    let c = text.charCodeAt(j);
    if (c === 34) continue;
    while (isSpace(c)) c = text.charCodeAt(++j);
    if (!((c >= 48 && c <= 57) || c === 45)) continue;
    const start = j;
    // the common cases first: at most 15 digits and no exponent, so 0 or within 10^±15, where the
    // double read prints as the same decimal (numberTextMeans's first case, without reading it)
    if (c === 45) c = text.charCodeAt(++j);
    while (c >= 48 && c <= 57) c = text.charCodeAt(++j);
    if (c === 46) {
      c = text.charCodeAt(++j);
      while (c >= 48 && c <= 57) c = text.charCodeAt(++j);
      if (j - start <= 16 && c !== 101 && c !== 69) {
        seen++;
        continue;
      }
    } else if (j - start <= 15 && c !== 101 && c !== 69) {
      seen++;
      continue;
    }
    // The parse's own double in this place, if the orders agree (they may not: integer-like keys
    // come first in an object, and a repeated key is not counted yet); numberTextMeans checks that
    // the text reads as it, so a wrong guess only costs the slower check.
    const guess = seen < FOUND ? NUMBERS[seen]! : NaN;
    if (!numberTextMeans(text, start, guess) && !numberKeepsItsValue(text, start, numberEnd(text, j), true, guess)) return false;
    seen++;
  }
  return colons === keys && seen === FOUND;
}

/**
 * One pass over valid JSON text without backslashes: how many keys it writes, or -1 when a number
 * outside the strings might not mean what JSON.parse makes of it. Without backslashes every `"`
 * opens or closes a string, and a string's contents are skipped with one native search.
 */
function scan(text: string): number {
  const n = text.length;
  let keys = 0;
  let numStart = -1;
  let exponent = false;
  // after a closing quote, until the next character that is not a space: is it a key's colon?
  let afterString = false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      if (numStart >= 0 && !numberKeepsItsValue(text, numStart, i, exponent)) return -1;
      numStart = -1;
      const close = text.indexOf('"', i + 1);
      if (close < 0) return -1;
      i = close;
      afterString = true;
      continue;
    }
    if (afterString) {
      if (c === 58) keys++;
      if (!isSpace(c)) afterString = false;
    }
    if (numStart >= 0) {
      if ((c >= 48 && c <= 57) || c === 46 || c === 43 || c === 45) continue;
      if (c === 101 || c === 69) {
        exponent = true;
        continue;
      }
      if (!numberKeepsItsValue(text, numStart, i, exponent)) return -1;
      numStart = -1;
    }
    if ((c >= 48 && c <= 57) || c === 45) {
      numStart = i;
      exponent = false;
    }
  }
  return numStart < 0 || numberKeepsItsValue(text, numStart, n, exponent) ? keys : -1;
}

/** Where the number that goes on at `from` ends. */
function numberEnd(text: string, from: number): number {
  let j = from;
  for (let c = text.charCodeAt(j); (c >= 48 && c <= 57) || c === 46 || c === 43 || c === 45 || c === 101 || c === 69; c = text.charCodeAt(++j));
  return j;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/** Whether the number from `start` to `end` is exact; `tried` a double numberTextMeans said no to. */
function numberKeepsItsValue(text: string, start: number, end: number, exponent = true, tried = NaN): boolean {
  // at most 15 significant digits and no exponent: a double holds it exactly
  if (end - start < 16 && !exponent) return true;
  const token = text.slice(start, end);
  const read = Number(token);
  if (read !== tried && numberTextMeans(text, start, read)) return true;
  // written as the shortest form of the double it parses to: that double means exactly this text
  if (String(read) === token) return true;
  const exact = Rational.parse(token);
  const asRead = Rational.fromNumber(read);
  return exact !== undefined && asRead !== undefined && asRead.eq(exact);
}

/**
 * Keys in a parsed object or array, its numbers added to NUMBERS in the order of the walk, or
 * -1 past the nesting `readJson` accepts (it reports that). A `for...in` allocates nothing (the
 * enumeration of each shape JSON.parse made is cached).
 */
function countKeys(v: object, depth: number): number {
  if (depth >= 200) return -1;
  let n = 0;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      if (typeof x === 'object') {
        if (x === null) continue;
        const k = countKeys(x, depth + 1);
        if (k < 0) return -1;
        n += k;
      } else if (typeof x === 'number') NUMBERS[FOUND++] = x;
    }
    return n;
  }
  for (const key in v) {
    n++;
    const x: unknown = (v as Record<string, unknown>)[key];
    if (typeof x === 'object') {
      if (x === null) continue;
      const k = countKeys(x, depth + 1);
      if (k < 0) return -1;
      n += k;
    } else if (typeof x === 'number') NUMBERS[FOUND++] = x;
  }
  return n;
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = 0;
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text[k] === '\n') {
      line++;
      last = k + 1;
    }
  }
  return { line, column: offset - last + 1 };
}

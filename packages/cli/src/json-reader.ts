/**
 * A JSON reader that knows where it is and never loses a digit: a number that a JS number cannot
 * hold exactly (more than 2^53, or more decimal digits than a double keeps) is read as its exact
 * decimal text, with a warning, instead of being silently rounded by JSON.parse.
 */
import { Rational } from '@pol/core';

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
        const v = value(path ? `${path}.${key}` : key, depth + 1);
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

/**
 * Policy text in generated code: every string from the policy enters through `lit` (a string
 * literal) or `commentText` (inside a comment), every property name through `key`/`typeKey`/`prop`,
 * never as raw code.
 */

/**
 * Characters a string literal must not carry as they are: the line separators JavaScript once
 * disallowed, NUL, and the bidirectional controls that can make code read differently from how it
 * runs. `<` is escaped too, so no `</script>` or `<!--` appears when a page inlines the module.
 */
const UNSAFE_IN_LITERAL = /[\u0000\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069<]/g;

export function lit(s: string): string {
  const j = JSON.stringify(s);
  UNSAFE_IN_LITERAL.lastIndex = 0;
  return UNSAFE_IN_LITERAL.test(j) ? j.replace(UNSAFE_IN_LITERAL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : j;
}

/** Text safe inside a block comment: no `*\/`, no line breaks that could end a `//`. */
export function commentText(s: string): string {
  if (!/[*\r\n\u2028\u2029@<\u0000-\u001f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(s)) return s;
  return s
    .replace(/\*\//g, '*\\/')
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/@/g, '(at)')
    .replace(/<(\/?script|!--)/gi, '< $1')
    .replace(/[\u0000-\u001f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const SAFE_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const plain = (name: string): boolean => SAFE_KEY.test(name) && name !== '__proto__';

/** A property name in an object literal. */
export function key(name: string): string {
  return plain(name) ? name : `[${lit(name)}]`;
}
/** A property name in a type literal. */
export function typeKey(name: string): string {
  return plain(name) ? name : lit(name);
}
/** A property access. */
export function prop(obj: string, name: string): string {
  return plain(name) ? `${obj}.${name}` : `${obj}[${lit(name)}]`;
}

/** Items joined by `sep`, broken into lines of about 100 characters (continuation lines indented). */
export function wrapList(items: readonly string[], sep: string, indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    if (line !== '' && line.length + sep.length + item.length > 100) {
      lines.push(line + sep.trimEnd());
      line = item;
    } else line = line === '' ? item : line + sep + item;
  }
  lines.push(line);
  if (lines.length === 1) return lines[0]!;
  // a union: every line starts with the operator, as prettier writes it
  if (sep === ' | ') return `\n${lines.map((l) => `${indent}| ${l.replace(/ \|$/, '')}`).join('\n')}`;
  return `\n${lines.map((l) => indent + l).join('\n')}\n`;
}

/**
 * Code as an operand of a prefix operator: unchanged when it is a chain of names, property reads,
 * non-null assertions and calls (or parenthesised as a whole); else in parentheses.
 */
export function group(s: string): string {
  let depth = 0;
  let quote: string | undefined;
  let whole = s.startsWith('(');
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') {
      depth--;
      if (depth === 0 && i < s.length - 1 && s.startsWith('(')) whole = false;
    } else if (depth === 0 && !/[A-Za-z0-9_$.!]/.test(c)) return whole ? s : `(${s})`;
  }
  return s;
}

/**
 * Types (record, input and decision fields) and values (an example's `given`).
 *
 * Layout:
 * - a record type is a block: one field per line, no commas, blank lines kept;
 * - an example's `given` record is a block the same way; records inside it stay on one line
 *   (`{ kind: ic, units: 100 }`) when they fit, else one field per line without commas;
 * - a list stays on one line when it fits, else one item per line with a trailing comma; a list
 *   of two or more records of two or more fields always takes one record per line.
 */
import { doc, type Doc } from 'prettier';
import type { Ast } from '../core.ts';
import type { TokenStream } from '../tokens.ts';
import { printNumber } from './expressions.ts';

const { group, indent, line, softline, ifBreak } = doc.builders;

/** `{ field: Type ... }` as a block, one field per line. */
export function printRecordTypeBlock(s: TokenStream, fields: readonly Ast.FieldDecl[]): Doc {
  return printBlock(s, fields, (f) => printField(s, f));
}

/** `{`, one item per line (blank lines kept), `}`; `{}` when empty. */
export function printBlock<T>(s: TokenStream, items: readonly T[], printItem: (item: T) => Doc): Doc {
  if (items.length === 0) return [s.tok('{'), s.tok('}')];
  const open = s.tok('{');
  const body: Doc[] = [];
  items.forEach((item, i) => {
    body.push(s.stmt({ open: i === 0 }), printItem(item));
  });
  return [open, indent(body), s.stmt({ close: true }), s.tok('}')];
}

export function printField(s: TokenStream, f: Ast.FieldDecl): Doc {
  return [s.tok(f.name.name), s.tok(':'), s.space(), printType(s, f.type)];
}

export function printType(s: TokenStream, t: Ast.TypeExpr): Doc {
  switch (t.kind) {
    case 'namedType':
      return s.tok(t.name.name);
    case 'optionalType':
      return [s.tok('optional'), s.space(), printType(s, t.inner)];
    case 'listType':
      return [s.tok('list'), s.space(), s.tok('of'), s.space(), printType(s, t.element)];
    case 'recordType':
      return printRecordTypeBlock(s, t.fields);
  }
}

/**
 * `(a: T, b: U)` after a variant or `(a: x, b: y)` after a decision: on one line when it fits,
 * else one per line with a trailing comma. An empty `()` is dropped.
 */
export function printParenList<T>(s: TokenStream, items: readonly T[], printItem: (item: T) => Doc): Doc {
  if (items.length === 0) {
    if (s.peek()?.image === '(' && s.peek(1)?.image === ')') {
      s.skip('(');
      s.skip(')');
    }
    return '';
  }
  const open = s.tok('(');
  const body: Doc[] = [s.soft(softline)];
  items.forEach((item, i) => {
    if (i > 0) body.push(',', s.soft(line));
    body.push(printItem(item));
  });
  const close = s.soft(softline, true);
  return group([open, indent(body), ifBreak(','), close, s.tok(')')]);
}

/** The `given` record of an example: always a block. */
export function printGiven(s: TokenStream, v: Ast.RecordValue): Doc {
  return printBlock(s, v.fields, (f) => printValueField(s, f));
}

function printValueField(s: TokenStream, f: Ast.ValueField): Doc {
  return [s.tok(f.name.name), s.tok(':'), s.space(), printValue(s, f.value)];
}

export function printValue(s: TokenStream, v: Ast.Value): Doc {
  switch (v.kind) {
    case 'recordValue':
      return printRecordValue(s, v);
    case 'listValue':
      return printListValue(s, v);
    case 'negateValue':
      return [s.tok('-'), v.operand.kind === 'number' ? printNumber(s, v.operand) : s.tok()];
    case 'number':
      return printNumber(s, v);
    case 'bool':
      return s.tok(v.value ? 'true' : 'false');
    case 'identifier':
      return s.tok(v.name);
    case 'percent':
    case 'date':
    case 'string':
      return s.tok();
  }
}

function printRecordValue(s: TokenStream, v: Ast.RecordValue): Doc {
  if (v.fields.length === 0) return [s.tok('{'), s.tok('}')];
  const open = s.tok('{');
  const body: Doc[] = [s.soft(line)];
  v.fields.forEach((f, i) => {
    // commas only on one line: broken, a record takes one field per line like a record type
    if (i > 0) body.push(ifBreak('', ','), s.soft(line));
    body.push(printValueField(s, f));
  });
  const close = s.soft(line, true);
  return group([open, indent(body), close, s.tok('}')]);
}

function printListValue(s: TokenStream, v: Ast.ListValue): Doc {
  if (v.items.length === 0) return [s.tok('['), s.tok(']')];
  const open = s.tok('[');
  const body: Doc[] = [s.soft(softline)];
  v.items.forEach((item, i) => {
    if (i > 0) body.push(',', s.soft(line));
    body.push(printValue(s, item));
  });
  const close = s.soft(softline, true);
  const ofRecords = v.items.length > 1 && v.items.every((item) => item.kind === 'recordValue' && item.fields.length > 1);
  return group([open, indent(body), ifBreak(','), close, s.tok(']')], { shouldBreak: ofRecords });
}

/**
 * Pol types as TypeScript, in one switch with a mode:
 * - `input`: a validated input value (`readonly`, numbers as PolNumber, records by their name);
 * - `json`: a decision field as it serialises (numbers as number | string);
 * - `value`: a value computed in `evaluate` (as `input`, for defs and aggregate elements);
 * - `vtype`: not a type but the validator table the runtime's `check` walks.
 */
import { typeToString, type Type } from '@pol/core/ir';
import { lit, typeKey, commentText } from './text.ts';

export type Mode = 'input' | 'json' | 'value' | 'vtype';

export class CompileError extends Error {}

/** The module's names for the policy's enums and records. */
export interface TypeNames {
  enumType(name: string): string;
  enumVType(name: string): string;
  /** the TS name of a record type (declared, or one of the input's nested records), else undefined */
  recordType(t: Extract<Type, { kind: 'record' }>): string | undefined;
  /** the TS name of the JSON form of a record type, else undefined */
  recordJsonType(t: Extract<Type, { kind: 'record' }>): string | undefined;
}

function wrap(t: string): string {
  return /[|&\s]/.test(t) ? `(${t})` : t;
}

export function tsType(t: Type, mode: Mode, n: TypeNames): string {
  const vt = mode === 'vtype';
  switch (t.kind) {
    case 'bool':
      return vt ? `{ k: 'bool' }` : 'boolean';
    case 'number':
      return vt ? `{ k: 'number', unit: ${t.unit === null ? 'null' : lit(t.unit)} }` : mode === 'json' ? 'number | string' : 'PolNumber';
    case 'date':
      return vt ? `{ k: 'date' }` : 'string';
    case 'enum':
      return vt ? n.enumVType(t.name) : n.enumType(t.name);
    case 'list':
      if (vt) return `{ k: 'list', element: ${tsType(t.element, mode, n)} }`;
      return `${mode === 'json' ? '' : 'readonly '}${wrap(tsType(t.element, mode, n))}[]`;
    case 'optional':
      return vt ? `{ k: 'optional', inner: ${tsType(t.inner, mode, n)} }` : `${tsType(t.inner, mode, n)} | null`;
    case 'record': {
      if (vt) return `record([${[...t.fields].map(([f, ft]) => `[${lit(f)}, ${tsType(ft, mode, n)}, ${lit(typeToString(ft))}]`).join(', ')}])`;
      if (mode === 'json') return `{ ${[...t.fields].map(([f, ft]) => `${typeKey(f)}: ${tsType(ft, mode, n)};`).join(' ')} }`;
      const named = n.recordType(t);
      return named ?? recordLiteral(t, mode, n);
    }
    case 'id':
      return vt ? `{ k: 'id' }` : 'string';
    case 'set':
    case 'error':
      if (mode === 'json') return 'Json';
      throw new CompileError(`values of type ${typeToString(t)} cannot be input`);
  }
}

/** The TSDoc text of a record field (its Pol type, and what the policy says of it). */
export type FieldDoc = (field: string, type: Type) => string;
const plainDoc: FieldDoc = (_f, t) => typeToString(t);

/** A record type written out: one documented `readonly` field per line when `multiline`. */
export function recordLiteral(t: Extract<Type, { kind: 'record' }>, mode: Mode, n: TypeNames, multiline = false, doc: FieldDoc = plainDoc): string {
  const fields = [...t.fields].map(([f, ft]) => `/** ${commentText(doc(f, ft))} */ readonly ${typeKey(f)}: ${tsType(ft, mode, n)};`);
  return multiline ? `{\n${fields.map((f) => `  ${f}\n`).join('')}}` : `{ ${fields.join(' ')} }`;
}

/**
 * A Pol type as the JSON `validate` takes and `toJson` gives: numbers as a JSON number or exact
 * decimal text, an optional record field as `field?: T | null` (absent, null or a value).
 */
export function jsonType(t: Type, n: TypeNames): string {
  switch (t.kind) {
    case 'bool':
      return 'boolean';
    case 'number':
      return 'number | string';
    case 'date':
    case 'id':
      return 'string';
    case 'enum':
      return n.enumType(t.name);
    case 'list':
      return `${wrap(jsonType(t.element, n))}[]`;
    case 'optional':
      return `${jsonType(t.inner, n)} | null`;
    case 'record':
      return n.recordJsonType(t) ?? jsonRecordLiteral(t, n);
    case 'set':
    case 'error':
      throw new CompileError(`values of type ${typeToString(t)} cannot be input`);
  }
}

/** The JSON form of a record type written out, one documented field per line when `multiline`. */
export function jsonRecordLiteral(t: Extract<Type, { kind: 'record' }>, n: TypeNames, multiline = false, doc: FieldDoc = plainDoc): string {
  const fields = [...t.fields].map(([f, ft]) => `/** ${commentText(doc(f, ft))} */ ${typeKey(f)}${ft.kind === 'optional' ? '?' : ''}: ${jsonType(ft, n)};`);
  return multiline ? `{\n${fields.map((f) => `  ${f}\n`).join('')}}` : `{ ${fields.join(' ')} }`;
}

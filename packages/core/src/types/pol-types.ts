/** The types of Pol values, as the checker infers them. */
export type Type =
  | { readonly kind: 'bool' }
  /** `share`: a plain Number declared `Share` (a fraction, which `%` literals are compared with) */
  | { readonly kind: 'number'; readonly unit: string | null; readonly share?: true }
  | { readonly kind: 'date' }
  | { readonly kind: 'enum'; readonly name: string }
  | { readonly kind: 'set'; readonly of: string }
  | { readonly kind: 'record'; readonly name: string | undefined; readonly fields: ReadonlyMap<string, Type> }
  | { readonly kind: 'list'; readonly element: Type }
  | { readonly kind: 'optional'; readonly inner: Type }
  /** an identifier (a transaction's, a consignee's): text that only keys a ledger (docs/ledger.md) */
  | { readonly kind: 'id' }
  /** the type of an expression that already has an error: accepted everywhere, so one mistake reports once */
  | { readonly kind: 'error' };

export const BOOL: Type = { kind: 'bool' };
export const DATE: Type = { kind: 'date' };
export const ID: Type = { kind: 'id' };
export const ERROR: Type = { kind: 'error' };
export const NUMBER: Type = { kind: 'number', unit: null };
export const SHARE: Type = { kind: 'number', unit: null, share: true };
export const numberOf = (unit: string | null): Type => (unit === null ? NUMBER : { kind: 'number', unit });

export function typeToString(t: Type): string {
  switch (t.kind) {
    case 'bool':
      return 'Boolean';
    case 'number':
      return t.unit ?? (t.share ? 'Share' : 'Number');
    case 'date':
      return 'Date';
    case 'id':
      return 'Id';
    case 'enum':
      return t.name;
    case 'set':
      return `group of ${t.of}`;
    case 'record':
      return t.name ?? `{ ${[...t.fields].map(([k, v]) => `${k}: ${typeToString(v)}`).join(', ')} }`;
    case 'list':
      return `list of ${typeToString(t.element)}`;
    case 'optional':
      return `optional ${typeToString(t.inner)}`;
    case 'error':
      return '?';
  }
}

/** Structural equality; `error` equals everything so that one mistake is reported once. */
export function sameType(a: Type, b: Type): boolean {
  if (a.kind === 'error' || b.kind === 'error') return true;
  switch (a.kind) {
    case 'number':
      return b.kind === 'number' && a.unit === b.unit;
    case 'enum':
      return b.kind === 'enum' && a.name === b.name;
    case 'set':
      return b.kind === 'set' && a.of === b.of;
    case 'list':
      return b.kind === 'list' && sameType(a.element, b.element);
    case 'optional':
      return b.kind === 'optional' && sameType(a.inner, b.inner);
    case 'record': {
      if (b.kind !== 'record' || a.fields.size !== b.fields.size) return false;
      for (const [k, v] of a.fields) {
        const w = b.fields.get(k);
        if (!w || !sameType(v, w)) return false;
      }
      return true;
    }
    default:
      return a.kind === b.kind;
  }
}

/**
 * The built-in duration units. A duration is a number in one of them (`25 days`, `1 year`), so
 * durations add, compare and sum like any quantity; only a date gives them their calendar meaning.
 * A literal may write the singular (`1 day`); the unit is always the plural.
 */
export const DURATION_UNITS: ReadonlyMap<string, DurationUnit> = new Map([
  ['day', 'days'],
  ['days', 'days'],
  ['month', 'months'],
  ['months', 'months'],
  ['year', 'years'],
  ['years', 'years'],
]);
export type DurationUnit = 'days' | 'months' | 'years';

export function isDuration(t: Type): t is { kind: 'number'; unit: DurationUnit } {
  return t.kind === 'number' && (t.unit === 'days' || t.unit === 'months' || t.unit === 'years');
}

/**
 * Two versions whose input declarations differ (a field added or removed, made optional or
 * required, an enum member added or removed) are compared on one symbolic input of the *union*
 * type: a field in only one version, or optional in either, is optional there. Each version then
 * reads its own view of that input (its required fields unwrapped, fields it does not declare
 * left out), and `accepts` says which inputs the version's validator takes: required fields
 * present, undeclared fields absent, enum values among its own members. So "valid under both"
 * means exactly the JSON inputs both versions accept, and "valid under one" the inputs only one
 * accepts.
 */
import type { Type } from '@pol/core/checker';
import type { Universe } from './universe.ts';
import type { SV } from './values.ts';
import { Unsupported, type Z, type ZExpr } from './z3.ts';
import type { JsonValue } from '../witness.ts';

/** The union of two input types, or Unsupported when a field changed its kind (number to date, say). */
export function unionType(a: Type, b: Type, path = 'input'): Type {
  if (a.kind === 'optional' || b.kind === 'optional') {
    const ai = a.kind === 'optional' ? a.inner : a;
    const bi = b.kind === 'optional' ? b.inner : b;
    return { kind: 'optional', inner: unionType(ai, bi, path) };
  }
  if (a.kind === 'record' && b.kind === 'record') {
    const fields = new Map<string, Type>();
    for (const [k, t] of a.fields) {
      const u = b.fields.get(k);
      fields.set(k, u ? unionType(t, u, `${path}.${k}`) : optional(t));
    }
    for (const [k, t] of b.fields) if (!a.fields.has(k)) fields.set(k, optional(t));
    return { kind: 'record', name: a.name, fields };
  }
  if (a.kind === 'list' && b.kind === 'list') return { kind: 'list', element: unionType(a.element, b.element, `${path}[]`) };
  if (a.kind === 'number' && b.kind === 'number' && a.unit === b.unit) return a;
  if (a.kind === 'enum' && b.kind === 'enum' && a.name === b.name) return a;
  if (a.kind === b.kind && (a.kind === 'bool' || a.kind === 'date' || a.kind === 'id')) return a;
  throw new Unsupported(`the type of ${path} changed (${describe(a)} -> ${describe(b)})`);
}

function optional(t: Type): Type {
  return t.kind === 'optional' ? t : { kind: 'optional', inner: t };
}

function describe(t: Type): string {
  return t.kind === 'number' ? `number${t.unit ? ` in ${t.unit}` : ''}` : t.kind === 'enum' ? t.name : t.kind;
}

/**
 * The version's view of the union input `v` (of type `union`) for its own type `t`, and the
 * constraints under which its validator accepts the input, pushed onto `accepts`; those that say
 * a field it does not declare is absent go to `undeclared` when given (the view leaves such a
 * field out, so without them the view is the input with those fields removed).
 */
export function viewOf(Z: Z, u: Universe, members: ReadonlyMap<string, readonly string[]>, v: SV, t: Type, accepts: ZExpr[], active: ZExpr, undeclared: ZExpr[] = accepts): SV {
  const view = (x: SV, t: Type, active: ZExpr): SV => viewOf(Z, u, members, x, t, accepts, active, undeclared);
  if (t.kind === 'optional') {
    if (v.t !== 'opt') return { t: 'opt', p: Z.Bool.val(true), v: view(v, t.inner, active) };
    return { t: 'opt', p: v.p, v: view(v.v, t.inner, Z.And(active, v.p)) };
  }
  if (v.t === 'opt') {
    // optional in the union, required here
    accepts.push(Z.Implies(active, v.p));
    return view(v.v, t, Z.And(active, v.p));
  }
  if (t.kind === 'record' && v.t === 'rec') {
    const f = new Map<string, SV>();
    for (const [k, x] of v.f) {
      const ft = t.fields.get(k);
      if (ft) f.set(k, view(x, ft, active));
      // a field this version does not declare must be absent (the validator rejects unknown fields)
      else if (x.t === 'opt') undeclared.push(Z.Implies(active, Z.Not(x.p)));
    }
    return { t: 'rec', f };
  }
  if (t.kind === 'list' && v.t === 'list') {
    return { t: 'list', len: v.len, items: v.items.map((x, i) => view(x, t.element, Z.And(active, v.len.gt(i)))) };
  }
  if (t.kind === 'enum' && v.t === 'enum') {
    const mine = members.get(t.name) ?? [];
    const all = u.enums.get(t.name) ?? [];
    if (mine.length !== all.length) accepts.push(Z.Implies(active, Z.Or(...mine.map((m) => v.v.eq(u.index(t.name, m))))));
    return v;
  }
  return v;
}

/** A JSON input with the fields that `t` does not declare removed, and their paths (`consignee.trusted`). */
export function withoutUndeclared(v: JsonValue, t: Type): { readonly value: JsonValue; readonly removed: string[] } {
  const removed: string[] = [];
  const go = (x: JsonValue, t: Type, path: string): JsonValue => {
    if (t.kind === 'optional') return x === null ? x : go(x, t.inner, path);
    if (t.kind === 'record' && x !== null && typeof x === 'object' && !Array.isArray(x)) {
      const out: { [k: string]: JsonValue } = {};
      for (const [k, y] of Object.entries(x)) {
        const ft = t.fields.get(k);
        const at = path ? `${path}.${k}` : k;
        if (ft) out[k] = go(y, ft, at);
        else removed.push(at);
      }
      return out;
    }
    if (t.kind === 'list' && Array.isArray(x)) return x.map((y, i) => go(y, t.element, `${path}[${i}]`));
    return x;
  };
  return { value: go(v, t, ''), removed };
}

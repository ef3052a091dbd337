/**
 * The symbolic input shared by the programs being compared: one solver constant per scalar, a
 * presence flag per optional, `bound` elements and a length per list, with the domain every
 * validated input satisfies (quantities with a unit are not negative, dates within years
 * 0000-9999, enum indices within the member list, list lengths within the bound).
 */
import type { Rational, RValue, RRecord, Type } from '@pol/core/checker';
import type { Universe } from './universe.ts';
import type { SV } from './values.ts';
import { dayNumber, MAX_DAY, MIN_DAY } from './dates.ts';
import { fix, Unsupported, type Z, type ZExpr } from './z3.ts';


/** The pseudo-enum an `Id` field is encoded as (its values name nothing the policy compares). */
export const ID_ENUM = '$Id';

export class SymInput {
  readonly domain: ZExpr[] = [];
  readonly value: SV;
  private n = 0;
  /** the values models are given, by kind and value: a diff fixes the same few numbers thousands of times */
  private readonly values = new Map<string, ZExpr>();

  constructor(
    private readonly Z: Z,
    private readonly u: Universe,
    readonly type: Type,
    readonly bound: number,
  ) {
    this.value = this.make(type, 'in');
  }

  private make(t: Type, path: string): SV {
    const Z = this.Z;
    const id = `${path}#${this.n++}`;
    switch (t.kind) {
      case 'bool':
        return { t: 'bool', v: Z.Bool.const(id) };
      case 'number': {
        const v = Z.Real.const(id);
        if (t.unit !== null) this.domain.push(v.ge(0));
        return { t: 'num', v };
      }
      case 'date': {
        const v = Z.Int.const(id);
        this.domain.push(v.ge(MIN_DAY), v.le(MAX_DAY));
        return { t: 'date', v };
      }
      case 'enum': {
        const v = Z.Int.const(id);
        const n = this.u.enums.get(t.name)?.length ?? 0;
        this.domain.push(v.ge(0), v.lt(n));
        return { t: 'enum', name: t.name, v };
      }
      case 'optional':
        return { t: 'opt', p: Z.Bool.const(`${id}?`), v: this.make(t.inner, path) };
      case 'id':
        // an Id only keys a ledger, which the encoding reads as a free balance: any value will do
        return { t: 'enum', name: ID_ENUM, v: Z.Int.const(id) };
      case 'record': {
        const f = new Map<string, SV>();
        for (const [k, ft] of t.fields) f.set(k, this.make(ft, `${path}.${k}`));
        return { t: 'rec', f };
      }
      case 'list': {
        const len = Z.Int.const(`${id}.len`);
        this.domain.push(len.ge(0), len.le(this.bound));
        const items: SV[] = [];
        for (let i = 0; i < this.bound; i++) items.push(this.make(t.element, `${path}[${i}]`));
        return { t: 'list', len, items };
      }
      default:
        throw new Unsupported(`input of type ${t.kind}`);
    }
  }

  /**
   * A solver model that fixes every input constant to a concrete, validated input: what the
   * encoder's terms mean on that input is then `model.eval(term)`. Constants the input leaves
   * open (the value of an absent optional, list elements past its length) stay unassigned; with
   * model completion z3 picks any value, which must not matter.
   */
  modelOf(input: RRecord, options: { readonly listsOpen?: boolean } = {}): ZExpr {
    const m = new this.Z.Model();
    this.assign(m, this.value, input, options.listsOpen === true);
    return m;
  }

  private constant(key: string, make: () => ZExpr): ZExpr {
    let x = this.values.get(key);
    if (x === undefined) this.values.set(key, (x = make()));
    return x;
  }
  private bool(b: boolean): ZExpr {
    return this.constant(`b${b}`, () => this.Z.Bool.val(b));
  }
  private int(n: number): ZExpr {
    return this.constant(`i${n}`, () => this.Z.Int.val(n));
  }

  private assign(m: ZExpr, sv: SV, v: RValue, listsOpen: boolean): void {
    const Z = this.Z;
    switch (sv.t) {
      case 'bool':
        fix(Z, m, sv.v, this.bool(v === true));
        return;
      case 'num': {
        const r = v as Rational;
        const text = r.den === 1n ? r.num.toString() : `${r.num}/${r.den}`;
        fix(Z, m, sv.v, this.constant(`r${text}`, () => Z.Real.val(text)));
        return;
      }
      case 'date':
        fix(Z, m, sv.v, this.int(dayNumber(v as string)));
        return;
      case 'enum':
        if (sv.name !== ID_ENUM) fix(Z, m, sv.v, this.int(this.u.index(sv.name, v as string)));
        return;
      case 'opt':
        fix(Z, m, sv.p, this.bool(v !== null));
        if (v !== null) this.assign(m, sv.v, v, listsOpen);
        return;
      case 'rec': {
        const rec = v as RRecord;
        for (const [k, x] of sv.f) this.assign(m, x, rec.get(k) ?? null, listsOpen);
        return;
      }
      case 'list': {
        const items = v as readonly RValue[];
        // abstract mode reads no list element (each aggregate is an unknown): nothing to fix
        if (listsOpen) return;
        if (items.length > sv.items.length) throw new OutsideBound(`a list of ${items.length} items (the bound is ${sv.items.length})`);
        fix(Z, m, sv.len, this.int(items.length));
        items.forEach((x, i) => this.assign(m, sv.items[i]!, x, listsOpen));
        return;
      }
    }
  }
}

/** A concrete input the symbolic input cannot hold (a list longer than the bound). */
export class OutsideBound extends Error {}


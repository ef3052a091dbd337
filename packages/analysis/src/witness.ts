/** Turns a solver model into a JSON input of the policy (exact decimals, ISO dates, member names). */
import { Rational } from '@pol/core/checker';
import { fromDayNumber } from './smt/dates.ts';
import type { Universe } from './smt/universe.ts';
import type { SV } from './smt/values.ts';
import { ID_ENUM } from './smt/sym-input.ts';
import type { ZExpr } from './smt/z3.ts';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };

export class NotRepresentable extends Error {}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function modelToJson(model: any, u: Universe, v: SV): JsonValue {
  switch (v.t) {
    case 'bool': {
      // isTrue asks for the node's kind; toString would print the term
      const b = model.eval(v.v, true);
      return b.ctx.isTrue(b);
    }
    case 'num':
      return numberJson(rationalOf(model.eval(v.v, true)));
    case 'date':
      return fromDayNumber(Number(intOf(model.eval(v.v, true))));
    case 'enum': {
      const i = Number(intOf(model.eval(v.v, true)));
      // an id the solver made up: one number each, as a reader would number them (ID-1, ID-2), never "id-0"
      if (v.name === ID_ENUM) return u.idText(i) ?? (i >= 0 ? `ID-${i + 1}` : `ID-M${-i}`);
      const m = u.enums.get(v.name)?.[i];
      if (m === undefined) throw new NotRepresentable(`member ${i} of ${v.name}`);
      return m;
    }
    case 'opt': {
      const p = model.eval(v.p, true);
      return p.ctx.isTrue(p) ? modelToJson(model, u, v.v) : null;
    }
    case 'rec': {
      const out: { [k: string]: JsonValue } = {};
      for (const [k, x] of v.f) {
        const j = modelToJson(model, u, x);
        if (j !== null || x.t !== 'opt') out[k] = j;
      }
      return out;
    }
    case 'list': {
      const n = Number(intOf(model.eval(v.len, true)));
      return v.items.slice(0, n).map((x) => modelToJson(model, u, x));
    }
  }
}

export function rationalOf(x: ZExpr): Rational {
  const val = typeof x.value === 'function' ? x.value() : undefined;
  if (typeof val === 'bigint') return Rational.of(val);
  if (!val || typeof val !== 'object' || typeof val.numerator !== 'bigint') throw new NotRepresentable(`a number that is not rational (${x.toString()})`);
  const { numerator, denominator } = val;
  const r = Rational.of(BigInt(numerator), BigInt(denominator));
  if (r.toString().includes('/')) throw new NotRepresentable(`${r.toString()} has no exact decimal form`);
  return r;
}

function intOf(x: ZExpr): bigint {
  const val = typeof x.value === 'function' ? x.value() : undefined;
  if (typeof val !== 'bigint') throw new NotRepresentable(`not an integer: ${x.toString()}`);
  return val;
}

/** A JSON number when it is exact and safe to read back, else the exact decimal text. */
export function numberJson(r: Rational): number | string {
  const j = r.toJSON();
  if (typeof j === 'number' && Number.isInteger(j) && !Number.isSafeInteger(j)) return r.toString();
  return j;
}

/** Turns a solver model into a JSON input of the policy (exact decimals, ISO dates, member names). */
import type { Rational } from '@pol/core/checker';
import { fromDayNumber } from './smt/dates.ts';
import type { Universe } from './smt/universe.ts';
import type { SV } from './smt/values.ts';
import { ID_ENUM } from './smt/sym-input.ts';
import { numeralIn, truthIn, type ZExpr } from './smt/z3.ts';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };

export class NotRepresentable extends Error {}

/** `model` a high-level z3 model; its values are read through z3's C API (smt/z3.ts) */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function modelToJson(model: any, u: Universe, v: SV): JsonValue {
  const Z = model.ctx;
  switch (v.t) {
    case 'bool':
      return truthIn(Z, model, v.v) === true;
    case 'num':
      return numberJson(rationalOf(model, v.v));
    case 'date':
      return fromDayNumber(Number(intOf(model, v.v)));
    case 'enum': {
      const i = Number(intOf(model, v.v));
      // an id the solver made up: one number each, as a reader would number them (ID-1, ID-2), never "id-0"
      if (v.name === ID_ENUM) return u.idText(i) ?? (i >= 0 ? `ID-${i + 1}` : `ID-M${-i}`);
      const m = u.enums.get(v.name)?.[i];
      if (m === undefined) throw new NotRepresentable(`member ${i} of ${v.name}`);
      return m;
    }
    case 'opt':
      return truthIn(Z, model, v.p) === true ? modelToJson(model, u, v.v) : null;
    case 'rec': {
      const out: { [k: string]: JsonValue } = {};
      for (const [k, x] of v.f) {
        const j = modelToJson(model, u, x);
        if (j !== null || x.t !== 'opt') out[k] = j;
      }
      return out;
    }
    case 'list': {
      const n = Number(intOf(model, v.len));
      return v.items.slice(0, n).map((x) => modelToJson(model, u, x));
    }
  }
}

function rationalOf(model: ZExpr, t: ZExpr): Rational {
  const r = numeralIn(model.ctx, model, t);
  if (r === undefined) throw new NotRepresentable(`a number that is not rational (${model.eval(t, true).toString()})`);
  if (r.toString().includes('/')) throw new NotRepresentable(`${r.toString()} has no exact decimal form`);
  return r;
}

function intOf(model: ZExpr, t: ZExpr): bigint {
  const r = numeralIn(model.ctx, model, t);
  if (r === undefined || r.den !== 1n) throw new NotRepresentable(`not an integer: ${model.eval(t, true).toString()}`);
  return r.num;
}

/** A JSON number when it is exact and safe to read back, else the exact decimal text. */
export function numberJson(r: Rational): number | string {
  const j = r.toJSON();
  if (typeof j === 'number' && Number.isInteger(j) && !Number.isSafeInteger(j)) return r.toString();
  return j;
}

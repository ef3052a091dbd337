/**
 * Date arithmetic in the solver, on day numbers (Int, days from 1970-01-01): the same civil-calendar
 * algorithms as the engines, written with integer division by constants, which stays within linear
 * integer arithmetic (z3 decides it). Months move through (year, month, day) and back, with the day
 * clamped to the new month's end; results are clamped to years 0000-9999 (docs/semantics.md).
 */
import { MAX_DAY, MIN_DAY } from './dates.ts';
import type { Z, ZExpr } from './z3.ts';

/** The whole part of a real (toward zero), as an Int. */
export function truncToInt(Z: Z, r: ZExpr): ZExpr {
  return Z.If(r.ge(0), Z.ToInt(r), Z.ToInt(r.neg()).neg());
}

function clampDay(Z: Z, n: ZExpr): ZExpr {
  return Z.If(n.lt(MIN_DAY), Z.Int.val(MIN_DAY), Z.If(n.gt(MAX_DAY), Z.Int.val(MAX_DAY), n));
}

export function shiftDays(Z: Z, day: ZExpr, amount: ZExpr): ZExpr {
  return clampDay(Z, day.add(truncToInt(Z, amount)));
}

/** (year, month, day) of a day number. */
export function civil(Z: Z, n: ZExpr): { y: ZExpr; m: ZExpr; d: ZExpr } {
  const z = n.add(719468);
  const era = z.div(146097);
  const doe = z.sub(era.mul(146097));
  const yoe = doe.sub(doe.div(1460)).add(doe.div(36524)).sub(doe.div(146096)).div(365);
  const doy = doe.sub(yoe.mul(365).add(yoe.div(4)).sub(yoe.div(100)));
  const mp = doy.mul(5).add(2).div(153);
  const d = doy.sub(mp.mul(153).add(2).div(5)).add(1);
  const m = Z.If(mp.lt(10), mp.add(3), mp.sub(9));
  const y = yoe.add(era.mul(400)).add(Z.If(m.le(2), Z.Int.val(1), Z.Int.val(0)));
  return { y, m, d };
}

function dayOfCivil(Z: Z, y: ZExpr, m: ZExpr, d: ZExpr): ZExpr {
  const yy = y.sub(Z.If(m.le(2), Z.Int.val(1), Z.Int.val(0)));
  const era = yy.div(400);
  const yoe = yy.sub(era.mul(400));
  const doy = Z.If(m.gt(2), m.sub(3), m.add(9)).mul(153).add(2).div(5).add(d).sub(1);
  const doe = yoe.mul(365).add(yoe.div(4)).sub(yoe.div(100)).add(doy);
  return era.mul(146097).add(doe).sub(719468);
}

export function shiftMonths(Z: Z, day: ZExpr, amount: ZExpr): ZExpr {
  const { y, m, d } = civil(Z, day);
  const total = y.mul(12).add(m).sub(1).add(truncToInt(Z, amount));
  const ny = total.div(12);
  const nm = total.sub(ny.mul(12)).add(1);
  const leap = Z.Or(Z.And(ny.mod(4).eq(0), Z.Not(ny.mod(100).eq(0))), ny.mod(400).eq(0));
  const last = Z.If(nm.eq(2), Z.If(leap, Z.Int.val(29), Z.Int.val(28)), Z.If(Z.Or(nm.eq(4), nm.eq(6), nm.eq(9), nm.eq(11)), Z.Int.val(30), Z.Int.val(31)));
  const nd = Z.If(d.lt(last), d, last);
  return Z.If(total.lt(0), Z.Int.val(MIN_DAY), Z.If(total.gt(9999 * 12 + 11), Z.Int.val(MAX_DAY), dayOfCivil(Z, ny, nm, nd)));
}

/**
 * What every IR program satisfies, checked in tests (test/ir) on every policy and on random ones:
 * the promises ir/nodes.ts makes to the back ends. Returns the broken ones, as messages.
 */
import { sameType, type Type } from '../types/pol-types.ts';
import * as I from './nodes.ts';

export function checkInvariants(p: I.Program): string[] {
  const problems: string[] = [];
  const fail = (where: string, what: string): void => {
    problems.push(`${where}: ${what}`);
  };
  const base = (t: Type): Type => (t.kind === 'optional' ? t.inner : t);
  const expr = (e: I.Expr, where: string, defLimit: number, binders: ReadonlySet<number>): void => {
    switch (e.k) {
      case 'def':
        if (e.id < 0 || e.id >= defLimit) fail(where, `@${e.id} is not a def defined before this point`);
        else if (!sameType(p.defs[e.id]!.type, e.type)) fail(where, `@${e.id} has another type than its def`);
        break;
      case 'binder':
        if (!binders.has(e.id)) fail(where, `$${e.id} used outside its aggregate`);
        break;
      case 'and':
      case 'or':
        if (e.args.length < 2) fail(where, `${e.k} with ${e.args.length} argument(s)`);
        if (e.args.some((a) => a.k === e.k)) fail(where, `${e.k} not flattened`);
        if (e.args.some((a) => base(a.type).kind !== 'bool' && a.type.kind !== 'error')) fail(where, `${e.k} of a non-Boolean`);
        break;
      case 'member': {
        const s = p.sets[e.set];
        if (!s) fail(where, `set #${e.set} does not exist`);
        else if (base(e.elem.type).kind !== 'enum' || (base(e.elem.type) as { name: string }).name !== s.of) fail(where, `membership of a ${base(e.elem.type).kind} in a set of ${s.of}`);
        break;
      }
      case 'cmp': {
        const lt = base(e.l.type);
        if (lt.kind !== e.domain) fail(where, `comparison tagged ${e.domain} on ${lt.kind} values`);
        if (!sameType(lt, base(e.r.type))) fail(where, 'comparison of two different types');
        if (e.scale && (e.domain !== 'number' || e.scale.l <= 0n || e.scale.r <= 0n)) fail(where, 'a scale that is not two positive integers on numbers');
        break;
      }
      case 'input': {
        const declared = p.input.type.fields.get(e.field);
        if (!declared) fail(where, `no input field ${e.field}`);
        else if (e.narrowed && declared.kind !== 'optional') fail(where, `${e.field} narrowed but not optional`);
        break;
      }
      case 'balance': {
        const l = p.ledgers[e.ledger];
        if (!l) fail(where, `balance of ledger #${e.ledger}, which does not exist`);
        else if (base(e.type).kind !== 'number' || (base(e.type) as { unit: string | null }).unit !== l.unit) fail(where, `balance of ${l.name} typed ${base(e.type).kind}`);
        break;
      }
      case 'agg': {
        if (binders.has(e.binder)) fail(where, `binder $${e.binder} bound twice`);
        if (base(e.list.type).kind !== 'list') fail(where, 'aggregate over a non-list');
        if ((e.op === 'sum' || e.op === 'all' || e.op === 'any') && !e.body) fail(where, `${e.op} without a body`);
        expr(e.list, where, defLimit, binders);
        const inner = new Set(binders).add(e.binder);
        if (e.where) expr(e.where, where, defLimit, inner);
        if (e.body) expr(e.body, where, defLimit, inner);
        return;
      }
      case 'dateShift':
        if (base(e.date.type).kind !== 'date') fail(where, `a date shift of a ${base(e.date.type).kind}`);
        if (base(e.amount.type).kind !== 'number' || (base(e.amount.type) as { unit: string | null }).unit !== e.unit) fail(where, `a date shift by ${base(e.amount.type).kind} that is not in ${e.unit}`);
        break;
      case 'daysBetween':
        if (base(e.from.type).kind !== 'date' || base(e.to.type).kind !== 'date') fail(where, 'days between values that are not dates');
        break;
      case 'yearOf':
        if (base(e.date.type).kind !== 'date') fail(where, `the year of a ${base(e.date.type).kind}`);
        break;
      default:
        break;
    }
    for (const c of I.children(e)) expr(c, where, defLimit, binders);
  };
  const none = new Set<number>();
  p.defs.forEach((d, i) => {
    if (d.id !== i) fail(`def ${d.name}`, `id ${d.id} at index ${i}`);
    expr(d.value, `def ${d.name}`, i, none);
  });
  p.requires.forEach((r, i) => expr(r.condition, `require ${i + 1}`, p.defs.length, none));
  const ids = new Set<number>();
  I.allRules(p).forEach((r, i) => {
    if (r.id !== i) fail(`rule ${r.name}`, `id ${r.id} is not its preorder index ${i}`);
    ids.add(r.id);
    if (r.when) {
      if (base(r.when.type).kind !== 'bool') fail(`rule ${r.name}`, 'condition is not Boolean');
      expr(r.when, `rule ${r.name}`, p.defs.length, none);
    }
    for (const a of r.decide.args) expr(a.value, `rule ${r.name}, field ${a.name}`, p.defs.length, none);
    for (const c of r.records) {
      if (!p.ledgers[c.ledger]) fail(`rule ${r.name}`, `records in ledger #${c.ledger}, which does not exist`);
      expr(c.amount, `rule ${r.name}, records`, p.defs.length, none);
    }
    if (r.alternatives.length !== r.exceptions.length) fail(`rule ${r.name}`, 'alternatives do not match the exceptions');
    r.alternatives.forEach((js, i2) => {
      if (js !== 'later' && js.some((j) => j <= i2 || j >= r.exceptions.length)) fail(`rule ${r.name}`, `alternatives of exception ${i2} out of order`);
    });
  });
  for (const a of p.otherwise.decide.args) expr(a.value, `otherwise, field ${a.name}`, p.defs.length, none);
  p.ledgers.forEach((l) => {
    if (l.opening) expr(l.opening, `ledger ${l.name}, opening`, p.defs.length, none);
  });
  for (const s of p.sets) {
    const rs = s.ranges;
    if (rs.length === 0 || rs[0]!.from !== undefined || rs[rs.length - 1]!.until !== undefined) fail(`set #${s.id}`, 'ranges do not cover the calendar');
    for (let i = 1; i < rs.length; i++) if (rs[i]!.from !== rs[i - 1]!.until || rs[i]!.from === undefined) fail(`set #${s.id}`, 'ranges not contiguous');
  }
  const binderIds = new Set(p.binders.map((b) => b.id));
  if (binderIds.size !== p.binders.length) fail('binders', 'ids not unique');
  return problems;
}

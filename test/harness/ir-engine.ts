/**
 * A direct evaluator of the IR, for tests only: it checks lowering and optimisation against the
 * reference interpreter without any back end in between, so that a disagreement of the compiled
 * module can be placed (lowering or emission). Deliberately plain: exact rationals throughout, the
 * interpreter's default logic, the same JSON result (ResultJson). It evaluates with its own code
 * (not the interpreter's), since a shared helper would hide a lowering bug; turning values into
 * JSON is not semantics, so that is core's `valueToJson`.
 */
import { balanceKey, Rational, valueToJson, type ResultJson, type DecisionJson, type TraceStepJson, type ExplainStepJson, type RValue, type RRecord } from '@pol/core';
import * as IR from '@pol/core/ir';

interface Resolved {
  decision: DecisionJson;
  alternatives: DecisionJson[];
  obligations: string[];
  trace: IR.Rule[];
}

/** `balances`: a ledger policy's balances before this input, by core's balance keys. */
export function evaluateIr(p: IR.Program, input: RRecord, explain: boolean, balances: ReadonlyMap<string, Rational> = new Map()): ResultJson {
  return new IrEval(p, input, explain, balances).run();
}

class IrEval {
  private readonly defs = new Map<number, RValue>();
  private readonly binders = new Map<number, RValue>();
  private readonly asOf: string | undefined;
  private readonly notApplied: ExplainStepJson[] | undefined;

  constructor(
    private readonly p: IR.Program,
    private readonly input: RRecord,
    explain: boolean,
    private readonly balances: ReadonlyMap<string, Rational>,
  ) {
    const f = p.input.asOf;
    const v = f === undefined ? null : input.get(f);
    this.asOf = typeof v === 'string' ? v : undefined;
    this.notApplied = explain ? [] : undefined;
  }

  run(): ResultJson {
    for (const r of this.p.rules) {
      if (!this.applies(r)) continue;
      const res = this.resolve(r);
      return this.json(res, res.trace.map((x) => this.step(x)), res.trace[res.trace.length - 1]!);
    }
    const o = this.p.otherwise;
    const trace: TraceStepJson[] = [{ id: 'otherwise', kind: 'otherwise', title: null, cites: [...o.cites], file: o.site.file, line: o.site.line }];
    return this.json({ decision: this.decision(o.decide), alternatives: [], obligations: [], trace: [] }, trace);
  }

  private json(r: Resolved, trace: TraceStepJson[], decider?: IR.Rule): ResultJson {
    const citations: string[] = [];
    for (const s of trace) for (const c of s.cites) if (!citations.includes(c)) citations.push(c);
    const out: ResultJson = {
      decision: r.decision,
      alternatives: r.alternatives,
      obligations: r.obligations,
      citations,
      decided_by: trace[trace.length - 1]?.id ?? 'otherwise',
      trace,
    };
    if (this.notApplied) out.explain = this.notApplied;
    if (this.p.ledgers.length > 0) {
      out.postings = (decider?.records ?? []).map((c) => {
        const before = this.balance(c.ledger);
        const amount = this.value(c.amount) as Rational;
        return { ledger: this.p.ledgers[c.ledger]!.name, key: this.key(c.ledger), before: before.toJSON(), amount: amount.toJSON(), after: before.add(amount).toJSON() };
      });
    }
    return out;
  }

  private key(ledger: number): string[] {
    return this.p.ledgers[ledger]!.keys.map((k) => {
      let v: RValue = this.input;
      for (const s of k.path) v = (v as RRecord).get(s) ?? null;
      return k.period === 'calendar-year' ? (v as string).slice(0, 4) : (v as string);
    });
  }

  private balance(ledger: number): Rational {
    const l = this.p.ledgers[ledger]!;
    const given = this.balances.get(balanceKey(l.name, this.key(ledger)));
    if (given) return given;
    const opening = l.opening ? this.value(l.opening) : null;
    return opening instanceof Rational ? opening : Rational.ZERO;
  }

  private step(r: IR.Rule): TraceStepJson {
    return { id: r.name, kind: r.kind, title: r.title ?? null, cites: [...r.cites], file: r.site.file, line: r.site.line };
  }

  private why(r: IR.Rule, status: ExplainStepJson['status'], failed: string | null): void {
    this.notApplied?.push({ id: r.name, kind: r.kind, status, failed, file: r.nameSite.file, line: r.nameSite.line });
  }

  private applies(r: IR.Rule): boolean {
    const on = this.asOf;
    if (on !== undefined && ((r.from !== undefined && on < r.from) || (r.until !== undefined && on >= r.until))) {
      this.why(r, 'not-in-effect', r.dateSpan ? (IR.spanText(this.p, r.dateSpan) ?? null) : null);
      return false;
    }
    if (!r.when || this.value(r.when) === true) return true;
    this.why(r, 'condition-false', IR.spanText(this.p, this.failing(r.when).span) ?? null);
    return false;
  }

  private failing(e: IR.Expr): IR.Expr {
    if (e.k === 'and') return e.args.find((a) => this.value(a) !== true) ?? e;
    return e;
  }

  private resolve(r: IR.Rule): Resolved {
    const applicable = r.exceptions.filter((e) => this.applies(e));
    const winner = applicable[0];
    if (!winner) return { decision: this.decision(r.decide), alternatives: [], obligations: [...r.obligations], trace: [r] };
    const first = this.resolve(winner);
    const alternatives = [...first.alternatives];
    for (const other of applicable.slice(1)) {
      this.why(other, 'overridden', null);
      const d = this.resolve(other).decision;
      const same = (a: DecisionJson, b: DecisionJson): boolean => JSON.stringify(a) === JSON.stringify(b);
      if (d.outcome === first.decision.outcome && !same(d, first.decision) && !alternatives.some((a) => same(a, d))) alternatives.push(d);
    }
    return { decision: first.decision, alternatives, obligations: first.obligations, trace: [r, ...first.trace] };
  }

  private decision(d: IR.Decision): DecisionJson {
    const out: DecisionJson = { outcome: d.variant };
    for (const name of this.p.decision.fields) {
      const a = d.args.find((x) => x.name === name);
      out[name] = a ? valueToJson(this.value(a.value)) : null;
    }
    return out;
  }

  private num(e: IR.Expr): Rational {
    return this.value(e) as Rational;
  }

  value(e: IR.Expr): RValue {
    switch (e.k) {
      case 'num':
        return e.value;
      case 'date':
        return e.value;
      case 'bool':
        return e.value;
      case 'enum':
        return e.member;
      case 'input':
        return this.input.get(e.field) ?? null;
      case 'field':
        return (this.value(e.object) as RRecord).get(e.name) ?? null;
      case 'binder':
        return this.binders.get(e.id) ?? null;
      case 'def': {
        if (this.defs.has(e.id)) return this.defs.get(e.id)!;
        const v = this.value(this.p.defs[e.id]!.value);
        this.defs.set(e.id, v);
        return v;
      }
      case 'not':
        return this.value(e.arg) !== true;
      case 'neg':
        return this.num(e.arg).neg();
      case 'and':
        return e.args.every((a) => this.value(a) === true);
      case 'or':
        return e.args.some((a) => this.value(a) === true);
      case 'arith': {
        const a = this.num(e.l);
        const b = this.num(e.r);
        return e.op === '+' ? a.add(b) : e.op === '-' ? a.sub(b) : e.op === '*' ? a.mul(b) : a.div(b);
      }
      case 'cmp':
        return this.compare(e);
      case 'present':
        return this.value(e.arg) !== null;
      case 'coalesce': {
        const v = this.value(e.value);
        return v === null ? this.value(e.fallback) : v;
      }
      case 'member':
        return this.member(this.value(e.elem) as string, this.p.sets[e.set]!);
      case 'agg':
        return this.aggregate(e);
      case 'balance':
        return this.balance(e.ledger);
      case 'dateShift': {
        const a = this.num(e.amount);
        return shiftDate(this.value(e.date) as string, e.unit, a.num / a.den);
      }
      case 'daysBetween':
        return Rational.of(BigInt(Math.round((utc(this.value(e.to) as string) - utc(this.value(e.from) as string)) / DAY_MS)));
      case 'yearOf':
        return Rational.of(BigInt((this.value(e.date) as string).slice(0, 4)));
    }
  }

  private member(m: string, s: IR.SetDef): boolean {
    const on = this.asOf;
    if (on === undefined) return s.undated.includes(m);
    const range = s.ranges.find((r) => (r.from === undefined || on >= r.from) && (r.until === undefined || on < r.until));
    return range !== undefined && range.members.includes(m);
  }

  private compare(e: IR.Cmp): boolean {
    let l = this.value(e.l);
    let r = this.value(e.r);
    if (e.scale) {
      l = (l as Rational).mul(Rational.of(e.scale.l));
      r = (r as Rational).mul(Rational.of(e.scale.r));
    }
    let c: number;
    if (l instanceof Rational) c = l.cmp(r as Rational);
    else if (typeof l === 'string') c = l < (r as string) ? -1 : l > (r as string) ? 1 : 0;
    else c = l === r ? 0 : 1;
    switch (e.op) {
      case '=':
        return c === 0;
      case '!=':
        return c !== 0;
      case '<':
        return c < 0;
      case '<=':
        return c <= 0;
      case '>':
        return c > 0;
      case '>=':
        return c >= 0;
    }
  }

  private aggregate(e: IR.Agg): RValue {
    const items = this.value(e.list) as RValue[];
    let sum = Rational.ZERO;
    let count = 0;
    for (const item of items) {
      this.binders.set(e.binder, item);
      if (e.where && this.value(e.where) !== true) continue;
      if (e.op === 'sum') sum = sum.add(this.num(e.body!));
      else if (e.op === 'count') count++;
      else if (e.op === 'all' && this.value(e.body!) !== true) return false;
      else if (e.op === 'any' && this.value(e.body!) === true) return true;
    }
    if (e.op === 'sum') return sum;
    if (e.op === 'count') return Rational.of(BigInt(count));
    return e.op === 'all';
  }
}

// Date arithmetic written again with JavaScript's Date (UTC, proleptic Gregorian), not with core's
// calendar helpers, so a slip in either shows up as a disagreement.
const DAY_MS = 86_400_000;
const FIRST = utc('0000-01-01');
const LAST = utc('9999-12-31');

function utc(iso: string): number {
  const d = new Date(0);
  d.setUTCFullYear(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
  d.setUTCHours(0, 0, 0, 0);
  return d.getTime();
}

function isoOf(t: number): string {
  const c = Math.min(Math.max(t, FIRST), LAST);
  const d = new Date(c);
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

function shiftDate(iso: string, unit: 'days' | 'months', n: bigint): string {
  if (unit === 'days') {
    const k = n > 10_000_000n ? 10_000_000n : n < -10_000_000n ? -10_000_000n : n;
    return isoOf(utc(iso) + Number(k) * DAY_MS);
  }
  const k = Number(n > 1_000_000n ? 1_000_000n : n < -1_000_000n ? -1_000_000n : n);
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7)) - 1 + k;
  const ny = y + Math.floor(m / 12);
  if (ny < 0) return '0000-01-01';
  if (ny > 9999) return '9999-12-31';
  const nm = ((m % 12) + 12) % 12;
  const first = new Date(0);
  first.setUTCFullYear(ny, nm + 1, 0); // day 0 of the next month: the last day of this one
  const day = Math.min(Number(iso.slice(8, 10)), first.getUTCDate());
  return `${String(ny).padStart(4, '0')}-${String(nm + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

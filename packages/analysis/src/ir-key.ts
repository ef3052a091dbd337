/**
 * Structural identity of IR expressions, for deciding "the same" without printing: two expressions
 * with the same key mean the same. Spans, parentheses and the way a literal was written
 * (`10_000`, `1e4`) are already gone in the IR, so a reworded-but-identical condition has the
 * same key. Binders are numbered by nesting depth, so loops in two programs compare equal.
 *
 * With `inline`, every def (define, const, shared value) is replaced by its value and every set by
 * its dated members: the key then depends on nothing but meaning-bearing structure, and is valid
 * across two versions of a policy (the semantic fingerprint, the shared unknowns of aggregates).
 * Without it, defs and named sets are keys by name (the structural diff reports their changes
 * separately).
 */
import type * as IR from '@pol/core/ir';

export function exprKey(p: IR.Program, e: IR.Expr, inline: boolean): string {
  return new Keys(p, inline).expr(e);
}

export function decisionKey(p: IR.Program, d: IR.Decision, inline: boolean): string {
  const k = new Keys(p, inline);
  return `${d.variant}(${d.args.map((a) => `${a.name}:${k.expr(a.value)}`).join(',')})`;
}

/** A set by its members on each day and without a date. */
export function setKey(s: IR.SetDef): string {
  return `${s.of}{${[...s.members].map(([m, rs]) => `${m}${rs.map((r) => `[${r.from ?? ''},${r.until ?? ''})`).join('')}`).join(' ')}|${s.undated.join(' ')}}`;
}

class Keys {
  private readonly defs = new Map<number, string>();
  private readonly stack: number[] = [];

  constructor(
    private readonly p: IR.Program,
    private readonly inline: boolean,
  ) {}

  expr(e: IR.Expr): string {
    const x = (y: IR.Expr): string => this.expr(y);
    switch (e.k) {
      case 'num':
        return `${e.value.num}/${e.value.den}${e.type.kind === 'number' && e.type.unit ? ` ${e.type.unit}` : ''}`;
      case 'date':
        return `d:${e.value}`;
      case 'bool':
        return String(e.value);
      case 'enum':
        return `${e.enumName}.${e.member}`;
      case 'input':
        return `$in.${e.field}`;
      case 'field':
        return `${x(e.object)}.${e.name}`;
      case 'binder':
        return `$${this.stack.lastIndexOf(e.id)}`;
      case 'def':
        return this.def(e.id);
      case 'balance': {
        const l = this.p.ledgers[e.ledger]!;
        return `balance(${l.name}[${l.keys.map((k) => k.label).join(',')}])`;
      }
      case 'not':
      case 'neg':
      case 'present':
        return `${e.k}(${x(e.arg)})`;
      case 'and':
      case 'or':
        return `${e.k}(${e.args.map(x).join(',')})`;
      case 'arith':
        return `(${x(e.l)}${e.op}${x(e.r)})`;
      case 'cmp':
        return `(${x(e.l)}${e.scale ? `*${e.scale.l}` : ''}${e.op}${x(e.r)}${e.scale ? `*${e.scale.r}` : ''})`;
      case 'coalesce':
        return `(${x(e.value)} otherwise ${x(e.fallback)})`;
      case 'member': {
        const s = this.p.sets[e.set]!;
        return `(${x(e.elem)} in ${!this.inline && s.name !== undefined ? `#${s.name}` : setKey(s)})`;
      }
      case 'dateShift':
        return `shift_${e.unit}(${x(e.date)},${x(e.amount)})`;
      case 'daysBetween':
        return `days(${x(e.from)},${x(e.to)})`;
      case 'yearOf':
        return `year(${x(e.date)})`;
      case 'agg': {
        const list = x(e.list);
        this.stack.push(e.binder);
        const out = `${e.op}(${list};${e.where ? x(e.where) : ''};${e.body ? x(e.body) : ''})`;
        this.stack.pop();
        return out;
      }
    }
  }

  private def(id: number): string {
    const d = this.p.defs[id]!;
    if (!this.inline) return `@${d.name}`;
    let k = this.defs.get(id);
    if (k === undefined) {
      // a def sees no binder of the place it is used in
      const saved = this.stack.splice(0);
      k = `(${this.expr(d.value)})`;
      this.stack.push(...saved);
      this.defs.set(id, k);
    }
    return k;
  }
}

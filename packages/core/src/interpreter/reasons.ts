/**
 * Why the rules of a decision applied, in words: for each rule and exception of the trace, the
 * memberships, comparisons and member tests of its `when` that held on this input, naming groups,
 * constants and defines by their display titles and carrying their citations ("destination AE
 * (United Arab Emirates) is in Country Group D:4"). Computed by the reference interpreter from the
 * decision's trace, for either engine's result: an explanation, never part of the decision.
 */
import type * as A from '../ast/nodes.ts';
import type { CheckedProgram } from '../checker/program.ts';
import type { TraceStepJson } from '../result/json.ts';
import { Rational } from '../values/rational.ts';
import type { RRecord, RValue } from '../values/value.ts';
import { evaluateExpr } from './evaluate.ts';

export interface Reason {
  /** the id of the rule or exception whose condition this is part of */
  readonly step: string;
  readonly text: string;
  /** the citations of the groups, constants and defines the fact names */
  readonly cites: readonly string[];
}

type Body = A.RuleDecl | A.ExceptionDecl;
type Labelled = A.GroupDecl | A.ConstDecl | A.DefineDecl;

const WORDS: Record<A.CompareOp, string> = { '=': 'equal to', '!=': 'not equal to', '<': 'less than', '<=': 'at most', '>': 'more than', '>=': 'at least' };
/** defines are followed this deep, so a chain of definitions explains itself without running away */
const MAX_DEPTH = 4;

export function reasonsFor(program: CheckedProgram, input: RRecord, trace: readonly TraceStepJson[]): Reason[] {
  const bodies = new Map<string, Body>();
  const walk = (b: Body): void => {
    bodies.set(b.name.name, b);
    b.exceptions.forEach(walk);
  };
  program.rules.forEach(walk);
  const out: Reason[] = [];
  for (const step of trace) {
    const body = step.kind === 'otherwise' ? undefined : bodies.get(step.id);
    if (body?.when) new Facts(program, input, step.id, out).collect(body.when, 0, new Set());
  }
  return out;
}

class Facts {
  constructor(
    private readonly p: CheckedProgram,
    private readonly input: RRecord,
    private readonly step: string,
    private readonly out: Reason[],
  ) {}

  private value(e: A.Expr): RValue {
    return evaluateExpr(this.p, this.input, e);
  }

  private text(e: A.Expr): string {
    return (this.p.sources.get(e.span.file)?.text.slice(e.span.start, e.span.end) ?? '').replace(/\s+/g, ' ');
  }

  private push(text: string, cites: readonly string[]): void {
    if (!this.out.some((r) => r.step === this.step && r.text === text)) this.out.push({ step: this.step, text, cites: [...new Set(cites)] });
  }

  private declOf(e: A.Expr): Labelled | undefined {
    let x = e;
    while (x.kind === 'paren') x = x.inner;
    if (x.kind !== 'identifier') return undefined;
    const r = this.p.resolve(x);
    if (r.kind === 'group') return this.p.groups.find((g) => g.name.name === r.name);
    if (r.kind === 'const') return this.p.consts.find((g) => g.name.name === r.name);
    if (r.kind === 'define') return this.p.defines.find((g) => g.name.name === r.name);
    return undefined;
  }

  /** The citations of every labelled declaration an expression names (`Tier1 + D5`). */
  private citesIn(e: A.Expr): string[] {
    const d = this.declOf(e);
    if (d) return d.cites.map((c) => c.value);
    if (e.kind === 'paren') return this.citesIn(e.inner);
    if (e.kind === 'binary') return [...this.citesIn(e.left), ...this.citesIn(e.right)];
    return [];
  }

  private shown(v: RValue, e: A.Expr): string {
    const t = this.p.typeOf(e);
    const base = t.kind === 'optional' ? t.inner : t;
    if (v instanceof Rational) {
      const j = v.toJSON();
      return `${j}${base.kind === 'number' && base.unit ? ` ${base.unit}` : ''}`;
    }
    if (typeof v === 'string' && base.kind === 'enum') {
      const label = this.p.enums.get(base.name)?.labels?.get(v);
      return label ? `${v} (${label})` : v;
    }
    return typeof v === 'string' || typeof v === 'boolean' ? String(v) : this.text(e);
  }

  /** How a side of a comparison reads: a literal as written, a named value by its title and value. */
  private side(e: A.Expr): string {
    if (e.kind === 'number' || e.kind === 'percent' || e.kind === 'date') return this.text(e);
    const d = this.declOf(e);
    const v = this.shown(this.value(e), e);
    return d?.title ? `${d.title.value} (${v})` : `${this.text(e)} (${v})`;
  }

  collect(e: A.Expr, depth: number, seen: Set<string>): void {
    switch (e.kind) {
      case 'paren':
        return this.collect(e.inner, depth, seen);
      case 'binary':
        if (e.op === 'and') {
          this.collect(e.left, depth, seen);
          this.collect(e.right, depth, seen);
        } else if (e.op === 'or') {
          // the first part that holds is the one that made the condition true
          if (this.value(e.left) === true) this.collect(e.left, depth, seen);
          else this.collect(e.right, depth, seen);
        }
        return;
      case 'identifier': {
        const r = this.p.resolve(e);
        if (r.kind !== 'define' || seen.has(r.name) || depth >= MAX_DEPTH) return;
        const d = this.p.defines.find((x) => x.name.name === r.name);
        if (!d) return;
        if (d.title || d.cites.length) this.push(d.title ? `${d.title.value} (\`${d.name.name}\`)` : `\`${d.name.name}\``, d.cites.map((c) => c.value));
        this.collect(d.value, depth + 1, new Set(seen).add(r.name));
        return;
      }
      case 'in': {
        const d = this.declOf(e.set);
        const set = d ? (d.title?.value ?? d.name.name) : this.text(e.set);
        this.push(`${this.text(e.element)} ${this.shown(this.value(e.element), e.element)} is ${e.negated ? 'not ' : ''}in ${set}`, this.citesIn(e.set));
        return;
      }
      case 'compare': {
        const l = this.shown(this.value(e.left), e.left);
        // "tpp is 5000 TPP, which is at least ..." for a fact; "tpp / die_area (16 PD) is at least ..." for a computed value
        const left = e.left.kind === 'identifier' || e.left.kind === 'member' ? `${this.text(e.left)} is ${l}, which is` : `${this.side(e.left)} is`;
        this.push(`${left} ${WORDS[e.op]} ${this.side(e.right)}`, [...this.citesIn(e.left), ...this.citesIn(e.right)]);
        return;
      }
      case 'is':
        if (e.test.kind === 'identifier') this.push(`${this.text(e.subject)} is ${e.negated ? 'not ' : ''}${e.test.name}`, []);
        return;
      default:
        return;
    }
  }
}

/**
 * IR expressions as TypeScript expressions over the evaluation state (`IN` the input, `DI` where
 * its "as of" date falls, dates.ts). Printing only: folding, scaled comparisons, shared
 * subexpressions and dated sets were all decided by the optimiser. Aggregates and number constants
 * become hoisted declarations.
 */
import type * as I from '@pol/core/ir';
import { code } from './code.ts';
import { commentText, group, lit, prop } from './text.ts';
import { tsType, type TypeNames } from './ts-types.ts';
import type { Names } from './names.ts';

const MAX_SAFE = 9007199254740991n;
const CMP_FN = { '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge', '=': 'eq', '!=': 'ne' } as const;
const JS_OP = { '<': '<', '<=': '<=', '>': '>', '>=': '>=', '=': '===', '!=': '!==' } as const;

/** How the module refers to defs and sets (decided by the module printer). */
export interface Refs {
  def(id: number): string;
  /** code for "x is in set #id on the evaluation date" */
  member(id: number, x: string): string;
  /** code for the balance of ledger #id before this transaction */
  balance(id: number): string;
  /** code for a comparison of the as-of date with a date literal (dates.ts), or undefined: a string comparison */
  asOf(e: I.Cmp): string | undefined;
}

export class ExprPrinter {
  /** module-level declarations the expressions need (constants, aggregate functions) */
  readonly hoisted: string[] = [];
  private readonly numbers = new Map<string, string>();
  private readonly binderNames = new Map<number, string>();
  private readonly aggregates = new Map<I.Agg, string>();

  constructor(
    private readonly p: I.Program,
    private readonly names: Names,
    private readonly types: TypeNames,
    private readonly refs: Refs,
  ) {}

  /** `where` names the declaration an expression belongs to (for the names of its helpers). */
  expr(e: I.Expr, where: string, scope: readonly number[] = []): string {
    switch (e.k) {
      case 'num':
        return this.number(e.value);
      case 'date':
        return lit(e.value);
      case 'bool':
        return e.value ? 'true' : 'false';
      case 'enum':
        return lit(e.member);
      case 'input':
        return prop('IN', e.field) + (e.narrowed ? '!' : '');
      case 'field':
        return prop(this.expr(e.object, where, scope), e.name) + (e.narrowed ? '!' : '');
      case 'binder':
        return this.binder(e.id);
      case 'def':
        return this.refs.def(e.id);
      case 'not':
        return `!${this.atom(e.arg, where, scope)}`;
      case 'neg':
        return `neg(${this.expr(e.arg, where, scope)})`;
      case 'and':
      case 'or':
        return `(${e.args.map((a) => this.expr(a, where, scope)).join(e.k === 'and' ? ' && ' : ' || ')})`;
      case 'arith': {
        const fn = e.op === '+' ? 'add' : e.op === '-' ? 'sub' : e.op === '*' ? 'mul' : 'div';
        return `${fn}(${this.expr(e.l, where, scope)}, ${this.expr(e.r, where, scope)})`;
      }
      case 'cmp':
        return this.compare(e, where, scope);
      case 'present':
        return `(${this.expr(e.arg, where, scope)} !== null)`;
      case 'coalesce':
        return `(${this.expr(e.value, where, scope)} ?? ${this.expr(e.fallback, where, scope)})`;
      case 'member':
        return this.refs.member(e.set, this.expr(e.elem, where, scope));
      case 'agg':
        return this.aggregate(e, where, scope);
      case 'balance':
        return this.refs.balance(e.ledger);
      case 'dateShift':
        return `${e.unit === 'days' ? 'shiftDays' : 'shiftMonths'}(${this.expr(e.date, where, scope)}, ${this.expr(e.amount, where, scope)})`;
      case 'daysBetween':
        return `daysFrom(${this.expr(e.from, where, scope)}, ${this.expr(e.to, where, scope)})`;
      case 'yearOf':
        return `yearOf(${this.expr(e.date, where, scope)})`;
    }
  }

  /** Code for "e is false" (a `not` loses its negation instead of gaining a second one). */
  negated(e: I.Expr, where: string, scope: readonly number[] = []): string {
    return e.k === 'not' ? this.expr(e.arg, where, scope) : `!${this.atom(e, where, scope)}`;
  }

  /** An expression safe as the operand of `!`. */
  private atom(e: I.Expr, where: string, scope: readonly number[]): string {
    return group(this.expr(e, where, scope));
  }

  /** A number: a literal for a safe integer, else a hoisted exact constant. */
  number(r: { readonly num: bigint; readonly den: bigint }): string {
    if (r.den === 1n && r.num <= MAX_SAFE && r.num >= -MAX_SAFE) return r.num < 0n ? `(${r.num})` : `${r.num}`;
    const k = `${r.num}/${r.den}`;
    let n = this.numbers.get(k);
    if (!n) {
      n = this.names.take(`num_${k.replace('-', 'minus_').replace('/', '_')}`.slice(0, 40));
      this.numbers.set(k, n);
      this.hoisted.push(`/** ${commentText(r.den === 1n ? String(r.num) : r.toString())} */\nconst ${n}: PolNumber = q(${r.num}n, ${r.den}n);`);
    }
    return n;
  }

  private binder(id: number): string {
    let n = this.binderNames.get(id);
    if (!n) {
      n = this.names.take(this.p.binders[id]?.name ?? 'item');
      this.binderNames.set(id, n);
    }
    return n;
  }

  private compare(e: I.Cmp, where: string, scope: readonly number[]): string {
    const indexed = e.domain === 'date' ? this.refs.asOf(e) : undefined;
    if (indexed !== undefined) return `(${indexed})`;
    const l = this.expr(e.l, where, scope);
    const r = this.expr(e.r, where, scope);
    switch (e.domain) {
      case 'number':
        if (e.scale) {
          const small = e.scale.l <= 1n << 30n && e.scale.r <= 1n << 30n;
          if (small) return `(cmpScaled(${l}, ${e.scale.l}, ${r}, ${e.scale.r}) ${JS_OP[e.op]} 0)`;
          return `${CMP_FN[e.op]}(mul(${l}, ${this.number({ num: e.scale.l, den: 1n })}), mul(${r}, ${this.number({ num: e.scale.r, den: 1n })}))`;
        }
        return `${CMP_FN[e.op]}(${l}, ${r})`;
      case 'date':
      case 'enum':
        // a literal as `string`, so that TypeScript does not narrow the other side (two tests of
        // one field in a row, `kind is a and kind is b`, would be "no overlap" errors)
        return `(${isLit(e.l) ? `(${l} as string)` : l} ${JS_OP[e.op]} ${isLit(e.r) ? `(${r} as string)` : r})`;
      case 'bool':
        // the reference semantics orders unequal Booleans as "greater"
        switch (e.op) {
          case '=':
          case '<=':
            return `(${l} === ${r})`;
          case '!=':
          case '>':
            return `(${l} !== ${r})`;
          case '<':
            return 'false';
          case '>=':
            return 'true';
        }
    }
  }

  private aggregate(e: I.Agg, where: string, scope: readonly number[]): string {
    const call = (fn: string): string => `${fn}(${this.expr(e.list, where, scope)}${scope.map((b) => `, ${this.binder(b)}`).join('')})`;
    // a condition is printed twice (evaluating, explaining): its loops once
    const known = this.aggregates.get(e);
    if (known) return call(known);
    const fn = this.names.take(`${e.op}_in_${where}`);
    this.aggregates.set(e, fn);
    const item = this.binder(e.binder);
    const inner = [...scope, e.binder];
    const elType = e.list.type.kind === 'list' ? e.list.type.element : e.list.type;
    const params = scope.map((b) => `, ${this.binder(b)}: ${tsType(this.p.binders[b]!.type, 'value', this.types)}`).join('');
    const filter = e.where ? [`if (${this.negated(e.where, where, inner)}) continue;`] : [];
    const body = e.body ? this.expr(e.body, where, inner) : '';
    const [init, step, ret, retType] =
      e.op === 'sum'
        ? [
            // safe integers in a double until a term or the total is not one, then exact
            'let $i = 0;\nlet $acc: PolNumber | undefined;',
            `const $v = ${body};\nif ($acc === undefined && typeof $v === 'number' && Number.isSafeInteger($i + $v)) $i += $v;\nelse $acc = add($acc ?? $i, $v);`,
            '$acc ?? $i',
            'PolNumber',
          ]
        : e.op === 'count'
          ? ['let $acc = 0;', '$acc++;', '$acc', 'PolNumber']
          : e.op === 'all'
            ? ['', `if (${this.negated(e.body!, where, inner)}) return false;`, 'true', 'boolean']
            : ['', `if (${body}) return true;`, 'false', 'boolean'];
    this.hoisted.push(code`
      /** ${commentText(e.op)} over a list (in ${commentText(where)}) */
      function ${fn}($list: readonly ${wrapType(tsType(elType, 'value', this.types))}[]${params}): ${retType} {
        ${init}
        for (let $k = 0; $k < $list.length; $k++) {
          const ${item} = $list[$k]!;
          ${filter}
          ${step}
        }
        return ${ret};
      }`.replace(/\n\s*\n/g, '\n'));
    return call(fn);
  }
}

const isLit = (e: I.Expr): boolean => e.k === 'enum' || e.k === 'date';

/**
 * The value of a condition when it is fixed whatever the input (a literal, an `or` with a true
 * part, an `and` with a false part, a test against an empty set): printed as such, it would be
 * unreachable code to TypeScript.
 */
export function fixedBool(e: I.Expr, p: I.Program): boolean | undefined {
  switch (e.k) {
    case 'bool':
      return e.value;
    case 'not': {
      const v = fixedBool(e.arg, p);
      return v === undefined ? undefined : !v;
    }
    case 'and':
      return e.args.some((a) => fixedBool(a, p) === false) ? false : e.args.every((a) => fixedBool(a, p) === true) ? true : undefined;
    case 'or':
      return e.args.some((a) => fixedBool(a, p) === true) ? true : e.args.every((a) => fixedBool(a, p) === false) ? false : undefined;
    case 'member': {
      const s = p.sets[e.set];
      return s && s.undated.length === 0 && s.ranges.every((r) => r.members.length === 0) ? false : undefined;
    }
    default:
      return undefined;
  }
}

function wrapType(t: string): string {
  return /[|&\s]/.test(t) ? `(${t})` : t;
}

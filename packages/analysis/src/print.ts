/** Prints expressions back as Pol text (normalised spacing), for descriptions and structural comparison. */
import type { Ast, CheckedProgram } from '@pol/core/checker';

type Expr = Ast.Expr;

const PREC: Record<string, number> = { or: 1, and: 2, not: 3, compare: 4, coalesce: 5, '+': 6, '-': 6, '*': 7, '/': 7, unary: 8 };

function prec(e: Expr): number {
  switch (e.kind) {
    case 'binary':
      return PREC[e.op]!;
    case 'unary':
      return e.op === 'not' ? PREC.not! : PREC.unary!;
    case 'compare':
    case 'in':
    case 'is':
      return PREC.compare!;
    case 'coalesce':
      return PREC.coalesce!;
    case 'paren':
      // The written parentheses are dropped and put back only where precedence needs them.
      return prec(e.inner);
    default:
      return 10;
  }
}

export function printExpr(e: Expr, inline?: (id: Ast.Identifier) => string | undefined): string {
  const p = (x: Expr, min: number): string => {
    const s = printExpr(x, inline);
    return prec(x) < min ? `(${s})` : s;
  };
  switch (e.kind) {
    case 'number':
      return e.unit ? `${e.text} ${e.unit.name}` : e.text;
    case 'percent':
      return `${e.text}%`;
    case 'date':
      return e.value;
    case 'bool':
      return String(e.value);
    case 'identifier':
      return inline?.(e) ?? e.name;
    case 'paren':
      return printExpr(e.inner, inline);
    case 'member':
      return `${p(e.object, 10)}.${e.property.name}`;
    case 'unary':
      return e.op === 'not' ? `not ${p(e.operand, PREC.not!)}` : `-${p(e.operand, PREC.unary!)}`;
    case 'binary': {
      const q = prec(e);
      return `${p(e.left, q)} ${e.op} ${p(e.right, q + 1)}`;
    }
    case 'compare':
      return `${p(e.left, PREC.coalesce!)} ${e.op} ${p(e.right, PREC.coalesce!)}`;
    case 'in':
      return `${p(e.element, PREC.coalesce!)} ${e.negated ? 'not in' : 'in'} ${p(e.set, PREC.coalesce!)}`;
    case 'is': {
      const t = e.test.kind === 'identifier' ? e.test.name : e.test.kind;
      return `${p(e.subject, PREC.coalesce!)} is ${e.negated ? 'not ' : ''}${t}`;
    }
    case 'coalesce':
      return `${p(e.value, PREC['+']!)} otherwise ${p(e.fallback, PREC['+']!)}`;
    case 'set':
      return `{ ${e.members.map(printSetMember).join(', ')} }`;
    case 'every':
      return `every ${e.enumName.name}`;
    case 'aggregate': {
      const b = e.binder.name;
      const list = p(e.list, PREC['+']!);
      const where = e.where ? ` where ${printExpr(e.where, inline)}` : '';
      if (e.op === 'sum') return `sum(${printExpr(e.body!, inline)} for each ${b} in ${list}${where})`;
      if (e.op === 'count') return `count(each ${b} in ${list}${where})`;
      return `${e.op}(each ${b} in ${list}${where} satisfies ${printExpr(e.body!, inline)})`;
    }
  }
}

export function printSetMember(m: Ast.SetMember): string {
  return `${m.name.name}${m.from ? ` from ${m.from.value}` : ''}${m.until ? ` until ${m.until.value}` : ''}`;
}

export function printDecision(d: Ast.DecisionExpr): string {
  return d.args.length === 0 ? d.variant.name : `${d.variant.name}(${d.args.map((a) => `${a.name.name}: ${printExpr(a.value)}`).join(', ')})`;
}

/**
 * The meaning-bearing text of an expression: every define, constant and group inlined, so two
 * expressions with the same canonical text mean the same in any two programs.
 */
export function canonical(program: CheckedProgram, e: Expr): string {
  const seen = new Map<string, string>();
  const inline = (id: Ast.Identifier): string | undefined => {
    const r = program.resolve(id);
    if (r.kind === 'define' || r.kind === 'const' || r.kind === 'group') {
      const key = `${r.kind}:${r.name}`;
      if (!seen.has(key)) {
        const decl =
          r.kind === 'define'
            ? program.defines.find((d) => d.name.name === r.name)
            : r.kind === 'const'
              ? program.consts.find((d) => d.name.name === r.name)
              : program.groups.find((d) => d.name.name === r.name);
        seen.set(key, decl ? `(${printExpr(decl.value, inline)})` : id.name);
      }
      return seen.get(key);
    }
    if (r.kind === 'input') return `$input.${r.field}`;
    if (r.kind === 'member') return `${r.enumName}.${r.member}`;
    return `$${r.name}`;
  };
  return printExpr(e, inline);
}

/**
 * Expressions (grammar: "expressions, loosest binding first").
 *
 * Layout:
 * - an `and` / `or` chain breaks before every operator of the chain at once, the operators
 *   starting the lines at the chain's own indentation (the clause or `(` around it indents);
 *   a chain of the other operator inside it indents one more level;
 * - comparisons, arithmetic and `otherwise` break before the operator, indented one level;
 * - `(` keeps its content on its line and indents the continuation lines (the user's parentheses
 *   are printed exactly where they are, never added or dropped);
 * - a set literal fills its lines with members; `all`/`any` break after `satisfies`,
 *   `sum`/`count` before `where`.
 */
import { doc, type Doc } from 'prettier';
import type { Ast } from '../core.ts';
import type { TokenStream } from '../tokens.ts';

const { group, indent, line, fill } = doc.builders;

type Expr = Ast.Expr;
type LogicExpr = Ast.BinaryExpr & { readonly op: Ast.LogicOp };

export function isLogic(e: Expr): e is LogicExpr {
  return e.kind === 'binary' && (e.op === 'and' || e.op === 'or');
}

export function printExpr(s: TokenStream, e: Expr): Doc {
  switch (e.kind) {
    case 'number':
      return printNumber(s, e);
    case 'percent':
    case 'date':
      return s.tok();
    case 'bool':
      return s.tok(e.value ? 'true' : 'false');
    case 'identifier':
      return s.tok(e.name);
    case 'member':
      return [printExpr(s, e.object), s.tok('.'), s.tok(e.property.name)];
    case 'unary': {
      if (e.op === 'not') return [s.tok('not'), s.space(), printExpr(s, e.operand)];
      // `- -x`, not `--x`
      const spaced = e.operand.kind === 'unary' && e.operand.op === '-';
      return [s.tok('-'), spaced ? s.space() : '', printExpr(s, e.operand)];
    }
    case 'binary':
      return isLogic(e) ? group(logicParts(s, e)) : printChain(s, e);
    case 'coalesce':
      return printChain(s, e);
    case 'compare':
      return group([printExpr(s, e.left), indent([s.soft(line), s.tok(e.op), s.space(), printExpr(s, e.right)])]);
    case 'in': {
      const parts: Doc[] = [printExpr(s, e.element), s.space()];
      if (e.negated) parts.push(s.tok('not'), s.space());
      parts.push(s.tok('in'), s.space(), printExpr(s, e.set));
      return parts;
    }
    case 'is': {
      const parts: Doc[] = [printExpr(s, e.subject), s.space(), s.tok('is'), s.space()];
      if (e.negated) parts.push(s.tok('not'), s.space());
      parts.push(s.tok(e.test.kind === 'identifier' ? e.test.name : e.test.kind));
      return parts;
    }
    case 'set':
      return printSet(s, e);
    case 'every':
      return [s.tok('every'), s.space(), s.tok(e.enumName.name)];
    case 'aggregate':
      return printAggregate(s, e);
    case 'paren':
      return group([s.tok('('), indent(printExpr(s, e.inner)), s.tok(')')]);
    case 'daysBetween':
      return group([s.tok(e.part.name), s.space(), s.tok('between'), s.space(), printExpr(s, e.from), indent([s.soft(line), s.tok('and'), s.space(), printExpr(s, e.to)])]);
    case 'calendarYear':
      return [s.tok('calendar'), s.space(), s.tok(e.part.name), s.space(), s.tok('of'), s.space(), printExpr(s, e.date)];
  }
}

/** A number as written (underscores kept), with its unit. */
export function printNumber(s: TokenStream, e: Ast.NumberLit): Doc {
  const digits = s.tok();
  return e.unit ? [digits, s.space(), s.tok(e.unit.name)] : digits;
}

/**
 * The parts of an `and` / `or` chain, not grouped: the caller groups them, alone or together with
 * the line break before the chain (`define x =` breaks exactly when its chain breaks).
 */
export function logicParts(s: TokenStream, e: LogicExpr): Doc[] {
  const operands: Expr[] = [];
  let cur: Expr = e;
  while (isLogic(cur) && cur.op === e.op) {
    operands.unshift(cur.right);
    cur = cur.left;
  }
  operands.unshift(cur);
  const parts: Doc[] = [logicOperand(s, operands[0]!)];
  for (const operand of operands.slice(1)) {
    parts.push(s.soft(line), s.tok(e.op), s.space(), logicOperand(s, operand));
  }
  return parts;
}

function logicOperand(s: TokenStream, e: Expr): Doc {
  if (!isLogic(e)) return printExpr(s, e);
  // `a or b and c`: the inner chain breaks on its own, one level deeper
  const [first, ...rest] = logicParts(s, e);
  return group([first ?? '', indent(rest)]);
}

const SAME_LEVEL: Record<Ast.ArithOp, readonly string[]> = {
  '+': ['+', '-'],
  '-': ['+', '-'],
  '*': ['*', '/'],
  '/': ['*', '/'],
};

/** `a + b - c`, `a * b / c`, `a otherwise b otherwise c`: break before each operator, indented. */
function printChain(s: TokenStream, e: Ast.BinaryExpr | Ast.CoalesceExpr): Doc {
  const steps: { op: string; right: Expr }[] = [];
  let cur: Expr = e;
  if (e.kind === 'coalesce') {
    while (cur.kind === 'coalesce') {
      steps.unshift({ op: 'otherwise', right: cur.fallback });
      cur = cur.value;
    }
  } else {
    const level = SAME_LEVEL[e.op as Ast.ArithOp];
    while (cur.kind === 'binary' && level.includes(cur.op)) {
      steps.unshift({ op: cur.op, right: cur.right });
      cur = cur.left;
    }
  }
  const first = printExpr(s, cur);
  const rest: Doc[] = [];
  for (const step of steps) rest.push(s.soft(line), s.tok(step.op), s.space(), printExpr(s, step.right));
  return group([first, indent(rest)]);
}

function printSet(s: TokenStream, e: Ast.SetLiteral): Doc {
  if (e.members.length === 0) return [s.tok('{'), s.tok('}')];
  const open = s.tok('{');
  const parts: Doc[] = [];
  const first = s.soft(line);
  e.members.forEach((m, i) => {
    if (i > 0) parts.push(s.soft(line));
    const last = i === e.members.length - 1;
    parts.push([printSetMember(s, m), last ? '' : ',']);
  });
  const close = s.soft(line, true);
  return group([open, indent([first, fill(parts)]), close, s.tok('}')]);
}

function printSetMember(s: TokenStream, m: Ast.SetMember): Doc {
  const parts: Doc[] = [s.tok(m.name.name)];
  if (m.from) parts.push(s.space(), s.tok('from'), s.space(), s.tok());
  if (m.until) parts.push(s.space(), s.tok('until'), s.space(), s.tok());
  return parts;
}

function printAggregate(s: TokenStream, e: Ast.AggregateExpr): Doc {
  const parts: Doc[] = [s.tok(e.op), s.tok('(')];
  if (e.op === 'sum') parts.push(printExpr(s, e.body!), s.space(), s.tok('for'), s.space());
  parts.push(s.tok('each'), s.space(), s.tok(e.binder.name), s.space(), s.tok('in'), s.space(), printExpr(s, e.list));
  if (e.op === 'all' || e.op === 'any') {
    parts.push(s.space(), s.tok('satisfies'), indent([s.soft(line), printExpr(s, e.body!)]));
  } else if (e.where) {
    parts.push(indent([s.soft(line), s.tok('where'), s.space(), indent(printExpr(s, e.where))]));
  }
  parts.push(s.tok(')'));
  return group(parts);
}

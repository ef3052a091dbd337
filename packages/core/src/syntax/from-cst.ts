/**
 * Builds the syntax tree from chevrotain's CST. After error recovery the CST may lack pieces;
 * this pass fills such holes with empty placeholders (never throws), since the parse errors have
 * already been reported and the tree only has to be good enough for the formatter to refuse it
 * and for the checker not to crash.
 */
import type { CstNode, IToken, CstElement } from 'chevrotain';
import type * as A from '../ast/nodes.ts';
import type { Span } from '../source/span.ts';
import { decodeString } from './strings.ts';

type Children = Record<string, CstElement[] | undefined>;

function isToken(e: CstElement): e is IToken {
  return (e as IToken).image !== undefined;
}

export class CstToAst {
  constructor(private readonly path: string) {}

  private tokenSpan(t: IToken | undefined, fallback?: Span): Span {
    if (!t || Number.isNaN(t.startOffset) || t.isInsertedInRecovery) return fallback ?? { file: this.path, start: 0, end: 0 };
    return { file: this.path, start: t.startOffset, end: (t.endOffset ?? t.startOffset) + 1 };
  }

  private nodeSpan(n: CstNode | undefined, fallback?: Span): Span {
    const loc = n?.location;
    if (!loc || Number.isNaN(loc.startOffset) || loc.endOffset === undefined || Number.isNaN(loc.endOffset)) {
      return fallback ?? { file: this.path, start: 0, end: 0 };
    }
    return { file: this.path, start: loc.startOffset, end: loc.endOffset + 1 };
  }

  private tokens(n: CstNode, key: string): IToken[] {
    return ((n.children as Children)[key] ?? []).filter(isToken);
  }

  private token(n: CstNode, key: string, index = 0): IToken | undefined {
    const t = this.tokens(n, key)[index];
    return t && !t.isInsertedInRecovery ? t : undefined;
  }

  private nodes(n: CstNode, key: string): CstNode[] {
    return ((n.children as Children)[key] ?? []).filter((e): e is CstNode => !isToken(e));
  }

  private node(n: CstNode, key: string, index = 0): CstNode | undefined {
    return this.nodes(n, key)[index];
  }

  /** Every child token and node in source order. */
  private ordered(n: CstNode): CstElement[] {
    const all: CstElement[] = [];
    for (const list of Object.values(n.children as Children)) if (list) all.push(...list);
    const at = (e: CstElement): number => (isToken(e) ? e.startOffset : (e.location?.startOffset ?? Number.NaN));
    return all.filter((e) => !Number.isNaN(at(e))).sort((a, b) => at(a) - at(b));
  }

  private ident(t: IToken | undefined, fallback: Span): A.Identifier {
    return { kind: 'identifier', name: t?.image ?? '', span: this.tokenSpan(t, fallback) };
  }

  private str(t: IToken | undefined, fallback: Span): A.StringLit {
    return { kind: 'string', value: t ? decodeString(t.image) : '', span: this.tokenSpan(t, fallback) };
  }

  private date(t: IToken | undefined, fallback: Span): A.DateLit {
    return { kind: 'date', value: t?.image ?? '0000-01-01', span: this.tokenSpan(t, fallback) };
  }

  file(cst: CstNode, comments: A.Comment[], textLength: number): A.PolFile {
    const headerNode = this.node(cst, 'policyHeader');
    return {
      kind: 'file',
      path: this.path,
      header: headerNode ? this.policyHeader(headerNode) : undefined,
      imports: this.nodes(cst, 'importDecl').map((n) => this.importDecl(n)),
      declarations: this.nodes(cst, 'declaration').flatMap((n) => {
        const d = this.declaration(n);
        return d ? [d] : [];
      }),
      comments,
      span: { file: this.path, start: 0, end: textLength },
    };
  }

  private policyHeader(n: CstNode): A.PolicyHeader {
    const span = this.nodeSpan(n);
    let version: A.StringLit | undefined;
    let effective: A.DateLit | undefined;
    const cites: A.StringLit[] = [];
    for (const c of this.nodes(n, 'headerClause')) {
      const cs = this.nodeSpan(c, span);
      if (this.token(c, 'Kw_version')) version = this.str(this.token(c, 'StringLiteral'), cs);
      else if (this.token(c, 'Kw_cites')) cites.push(this.str(this.token(c, 'StringLiteral'), cs));
      else if (this.token(c, 'Kw_effective')) effective = this.date(this.token(c, 'DateLiteral'), cs);
    }
    return { kind: 'policy', name: this.str(this.token(n, 'StringLiteral'), span), version, cites, effective, span };
  }

  private importDecl(n: CstNode): A.ImportDecl {
    const span = this.nodeSpan(n);
    return { kind: 'import', path: this.str(this.token(n, 'StringLiteral'), span), span };
  }

  private declaration(n: CstNode): A.Declaration | undefined {
    const inner = this.ordered(n)[0];
    if (!inner || isToken(inner)) return undefined;
    const span = this.nodeSpan(inner);
    const id = (i = 0): A.Identifier => this.ident(this.token(inner, 'Identifier', i), span);
    switch (inner.name) {
      case 'enumDecl':
        return {
          kind: 'enum',
          name: id(0),
          members: this.tokens(inner, 'Identifier').slice(1).filter((t) => !t.isInsertedInRecovery).map((t) => this.ident(t, span)),
          span,
        };
      case 'unitDecl': {
        const s = this.token(inner, 'StringLiteral');
        return { kind: 'unit', name: id(), description: s ? this.str(s, span) : undefined, span };
      }
      case 'groupDecl':
        return { kind: 'group', name: id(0), of: id(1), value: this.expression(this.node(inner, 'expression'), span), span };
      case 'constDecl':
        return { kind: 'const', name: id(), value: this.expression(this.node(inner, 'expression'), span), span };
      case 'defineDecl':
        return { kind: 'define', name: id(), value: this.expression(this.node(inner, 'expression'), span), span };
      case 'recordDecl':
        return { kind: 'record', name: id(), fields: this.recordFields(this.node(inner, 'recordType'), span), span };
      case 'inputDecl': {
        const asOf = this.token(inner, 'Kw_as') ? id(1) : undefined;
        return { kind: 'input', name: id(), asOf, fields: this.recordFields(this.node(inner, 'recordType'), span), span };
      }
      case 'decisionDecl':
        return {
          kind: 'decision',
          name: id(),
          variants: this.nodes(inner, 'variantDecl').map((v) => {
            const vs = this.nodeSpan(v, span);
            return {
              kind: 'variant',
              name: this.ident(this.token(v, 'Identifier'), vs),
              params: this.nodes(v, 'fieldDecl').map((f) => this.fieldDecl(f, vs)),
              span: vs,
            };
          }),
          span,
        };
      case 'requireDecl':
        return {
          kind: 'require',
          condition: this.expression(this.node(inner, 'expression'), span),
          because: this.str(this.token(inner, 'StringLiteral'), span),
          span,
        };
      case 'ruleDecl': {
        const title = this.token(inner, 'StringLiteral');
        return {
          kind: 'rule',
          name: id(),
          title: title ? this.str(title, span) : undefined,
          ...this.ruleBody(this.node(inner, 'ruleBody'), span),
          span,
        };
      }
      case 'otherwiseDecl':
        return {
          kind: 'otherwise',
          cites: this.nodes(inner, 'citesClause').map((c) => this.str(this.token(c, 'StringLiteral'), span)),
          decide: this.decisionExpr(this.node(inner, 'decisionExpr'), span),
          span,
        };
      case 'exampleDecl':
        return {
          kind: 'example',
          title: this.str(this.token(inner, 'StringLiteral'), span),
          given: this.recordValue(this.node(inner, 'recordValue'), span),
          expect: this.decisionExpr(this.node(inner, 'decisionExpr'), span),
          span,
        };
      default:
        return undefined;
    }
  }

  private ruleBody(n: CstNode | undefined, fallback: Span): A.RuleBody {
    const empty: A.DecisionExpr = { kind: 'decisionExpr', variant: this.ident(undefined, fallback), args: [], span: fallback };
    if (!n) return { cites: [], effective: undefined, until: undefined, when: undefined, decide: empty, obligations: [], exceptions: [] };
    const span = this.nodeSpan(n, fallback);
    const eff = this.node(n, 'effectiveClause');
    const until = this.node(n, 'untilClause');
    const when = this.node(n, 'whenClause');
    const decide = this.node(n, 'decideClause');
    return {
      cites: this.nodes(n, 'citesClause').map((c) => this.str(this.token(c, 'StringLiteral'), this.nodeSpan(c, span))),
      effective: eff ? this.date(this.token(eff, 'DateLiteral'), this.nodeSpan(eff, span)) : undefined,
      until: until ? this.date(this.token(until, 'DateLiteral'), this.nodeSpan(until, span)) : undefined,
      when: when ? this.expression(this.node(when, 'expression'), this.nodeSpan(when, span)) : undefined,
      decide: decide ? this.decisionExpr(this.node(decide, 'decisionExpr'), this.nodeSpan(decide, span)) : empty,
      obligations: this.nodes(n, 'obligationClause').map((c) => this.str(this.token(c, 'StringLiteral'), this.nodeSpan(c, span))),
      exceptions: this.nodes(n, 'exceptionDecl').map((e) => {
        const es = this.nodeSpan(e, span);
        const title = this.token(e, 'StringLiteral');
        return {
          kind: 'exception',
          name: this.ident(this.token(e, 'Identifier'), es),
          title: title ? this.str(title, es) : undefined,
          ...this.ruleBody(this.node(e, 'ruleBody'), es),
          span: es,
        };
      }),
    };
  }

  private decisionExpr(n: CstNode | undefined, fallback: Span): A.DecisionExpr {
    if (!n) return { kind: 'decisionExpr', variant: this.ident(undefined, fallback), args: [], span: fallback };
    const span = this.nodeSpan(n, fallback);
    return {
      kind: 'decisionExpr',
      variant: this.ident(this.token(n, 'Identifier'), span),
      args: this.nodes(n, 'argument').map((a) => {
        const as = this.nodeSpan(a, span);
        return {
          kind: 'argument',
          name: this.ident(this.token(a, 'Name'), as),
          value: this.expression(this.node(a, 'expression'), as),
          span: as,
        };
      }),
      span,
    };
  }

  private recordFields(n: CstNode | undefined, fallback: Span): A.FieldDecl[] {
    if (!n) return [];
    const span = this.nodeSpan(n, fallback);
    return this.nodes(n, 'fieldDecl').map((f) => this.fieldDecl(f, span));
  }

  private fieldDecl(n: CstNode, fallback: Span): A.FieldDecl {
    const span = this.nodeSpan(n, fallback);
    return { kind: 'field', name: this.ident(this.token(n, 'Name'), span), type: this.typeExpr(this.node(n, 'typeExpr'), span), span };
  }

  private typeExpr(n: CstNode | undefined, fallback: Span): A.TypeExpr {
    if (!n) return { kind: 'namedType', name: this.ident(undefined, fallback), span: fallback };
    const span = this.nodeSpan(n, fallback);
    if (this.token(n, 'Kw_optional')) return { kind: 'optionalType', inner: this.typeExpr(this.node(n, 'typeExpr'), span), span };
    if (this.token(n, 'Kw_list')) return { kind: 'listType', element: this.typeExpr(this.node(n, 'typeExpr'), span), span };
    const rec = this.node(n, 'recordType');
    if (rec) return { kind: 'recordType', fields: this.recordFields(rec, span), span };
    return { kind: 'namedType', name: this.ident(this.token(n, 'Identifier'), span), span };
  }

  private recordValue(n: CstNode | undefined, fallback: Span): A.RecordValue {
    if (!n) return { kind: 'recordValue', fields: [], span: fallback };
    const span = this.nodeSpan(n, fallback);
    return {
      kind: 'recordValue',
      fields: this.nodes(n, 'valueField').map((f) => {
        const fs = this.nodeSpan(f, span);
        return { kind: 'valueField', name: this.ident(this.token(f, 'Name'), fs), value: this.value(this.node(f, 'value'), fs), span: fs };
      }),
      span,
    };
  }

  private value(n: CstNode | undefined, fallback: Span): A.Value {
    if (!n) return this.ident(undefined, fallback);
    const span = this.nodeSpan(n, fallback);
    const rec = this.node(n, 'recordValue');
    if (rec) return this.recordValue(rec, span);
    const list = this.node(n, 'listValue');
    if (list) {
      const ls = this.nodeSpan(list, span);
      return { kind: 'listValue', items: this.nodes(list, 'value').map((v) => this.value(v, ls)), span: ls };
    }
    const s = this.node(n, 'scalarValue');
    if (!s) return this.ident(undefined, span);
    const ss = this.nodeSpan(s, span);
    const num = this.token(s, 'NumberLiteral');
    const pct = this.token(s, 'PercentLiteral');
    let lit: A.NumberLit | A.PercentLit | undefined;
    if (num) {
      const ids = this.tokens(s, 'Identifier');
      const unit = ids.length > 0 && ids[0] && ids[0].startOffset > num.startOffset ? this.ident(ids[0], ss) : undefined;
      lit = { kind: 'number', text: num.image.replace(/_/g, ''), unit, span: unit ? { ...this.tokenSpan(num), end: unit.span.end } : this.tokenSpan(num) };
    } else if (pct) {
      lit = { kind: 'percent', text: pct.image.slice(0, -1).replace(/_/g, ''), span: this.tokenSpan(pct) };
    }
    if (lit) return this.token(s, 'Minus') ? { kind: 'negateValue', operand: lit, span: ss } : lit;
    const date = this.token(s, 'DateLiteral');
    if (date) return this.date(date, ss);
    const str = this.token(s, 'StringLiteral');
    if (str) return this.str(str, ss);
    if (this.token(s, 'Kw_true')) return { kind: 'bool', value: true, span: ss };
    if (this.token(s, 'Kw_false')) return { kind: 'bool', value: false, span: ss };
    return this.ident(this.token(s, 'Identifier'), ss);
  }

  // ---- expressions ----

  private placeholder(span: Span): A.Expr {
    return { kind: 'identifier', name: '', span };
  }

  expression(n: CstNode | undefined, fallback: Span): A.Expr {
    if (!n) return this.placeholder(fallback);
    const span = this.nodeSpan(n, fallback);
    if (n.name === 'operand') return this.operandOnly(n, span);
    if (n.name !== 'expression') return this.placeholder(span);
    const items: Item[] = [];
    for (const child of this.ordered(n)) {
      if (isToken(child)) continue;
      if (child.name === 'operand') this.pushOperand(child, items);
      else if (child.name === 'binaryOperator') {
        const toks = this.ordered(child).filter(isToken);
        const first = toks[0];
        if (!first) continue;
        const op = toks.map((t) => t.image).join(' ');
        items.push({ kind: 'infix', op, token: first });
      } else if (child.name === 'isTest') items.push({ kind: 'is', node: child });
    }
    const state = { items, pos: 0 };
    const e = this.pratt(state, 0, span);
    return e;
  }

  private operandOnly(n: CstNode, span: Span): A.Expr {
    const items: Item[] = [];
    this.pushOperand(n, items);
    return this.pratt({ items, pos: 0 }, 0, span);
  }

  private pushOperand(n: CstNode, items: Item[]): void {
    for (const t of this.ordered(n)) {
      if (isToken(t)) items.push({ kind: 'prefix', op: t.image === 'not' ? 'not' : '-', token: t });
      else if (t.name === 'postfix') items.push({ kind: 'atom', node: t });
    }
  }

  /** Groups a flat operand/operator sequence by precedence (see BINDING in this file). */
  private pratt(state: { items: Item[]; pos: number }, minBp: number, span: Span): A.Expr {
    const item = state.items[state.pos++];
    let left: A.Expr;
    if (!item) return this.placeholder(span);
    if (item.kind === 'prefix') {
      const operand = this.pratt(state, item.op === 'not' ? BINDING.notOperand : BINDING.negOperand, span);
      left = { kind: 'unary', op: item.op, operand, span: { file: this.path, start: item.token.startOffset, end: Math.max(operand.span.end, item.token.endOffset! + 1) } };
    } else if (item.kind === 'atom') {
      left = this.postfix(item.node, span);
    } else {
      return this.placeholder(span);
    }
    for (;;) {
      const next = state.items[state.pos];
      if (!next) break;
      if (next.kind === 'is') {
        if (BINDING.compare < minBp) break;
        state.pos++;
        left = this.isExpr(left, next.node, span);
        continue;
      }
      if (next.kind !== 'infix') break;
      const bp = infixBinding(next.op);
      if (bp < minBp) break;
      state.pos++;
      const right = this.pratt(state, bp + 1, span);
      const s = { file: this.path, start: left.span.start, end: right.span.end };
      switch (next.op) {
        case 'and':
        case 'or':
        case '+':
        case '-':
        case '*':
        case '/':
          left = { kind: 'binary', op: next.op, left, right, span: s };
          break;
        case 'otherwise':
          left = { kind: 'coalesce', value: left, fallback: right, span: s };
          break;
        case 'in':
        case 'not in':
          left = { kind: 'in', negated: next.op === 'not in', element: left, set: right, span: s };
          break;
        default:
          left = { kind: 'compare', op: next.op as A.CompareOp, left, right, span: s };
      }
    }
    return left;
  }

  private isExpr(subject: A.Expr, n: CstNode, span: Span): A.Expr {
    const negated = this.token(n, 'Kw_not') !== undefined;
    const present = this.token(n, 'Kw_present');
    const absent = this.token(n, 'Kw_absent');
    const idTok = this.token(n, 'Identifier');
    const test: A.IsExpr['test'] = present
      ? { kind: 'present', span: this.tokenSpan(present) }
      : absent
        ? { kind: 'absent', span: this.tokenSpan(absent) }
        : this.ident(idTok, span);
    const end = this.nodeSpan(n, span).end;
    return { kind: 'is', negated, subject, test, span: { file: this.path, start: subject.span.start, end: Math.max(end, subject.span.end) } };
  }

  private postfix(n: CstNode, fallback: Span): A.Expr {
    const span = this.nodeSpan(n, fallback);
    let expr = this.primaryOf(this.node(n, 'primary'), span);
    for (const t of this.tokens(n, 'Name')) {
      if (t.isInsertedInRecovery) continue;
      expr = { kind: 'member', object: expr, property: this.ident(t, span), span: { file: this.path, start: expr.span.start, end: t.endOffset! + 1 } };
    }
    return expr;
  }

  private primaryOf(n: CstNode | undefined, fallback: Span): A.Expr {
    if (!n) return this.placeholder(fallback);
    return this.primary(n, this.nodeSpan(n, fallback));
  }

  private primary(n: CstNode, span: Span): A.Expr {
    const num = this.token(n, 'NumberLiteral');
    if (num) {
      const unitTok = this.token(n, 'Identifier');
      const unit = unitTok ? this.ident(unitTok, span) : undefined;
      return { kind: 'number', text: num.image.replace(/_/g, ''), unit, span };
    }
    const pct = this.token(n, 'PercentLiteral');
    if (pct) return { kind: 'percent', text: pct.image.slice(0, -1).replace(/_/g, ''), span };
    const date = this.token(n, 'DateLiteral');
    if (date) return this.date(date, span);
    if (this.token(n, 'Kw_true')) return { kind: 'bool', value: true, span };
    if (this.token(n, 'Kw_false')) return { kind: 'bool', value: false, span };
    const id = this.token(n, 'Identifier');
    if (id) return this.ident(id, span);
    const inner = this.node(n, 'expression');
    if (inner) return { kind: 'paren', inner: this.expression(inner, span), span };
    const set = this.node(n, 'setLiteral');
    if (set) {
      const ss = this.nodeSpan(set, span);
      return {
        kind: 'set',
        members: this.nodes(set, 'setMember').map((m) => {
          const ms = this.nodeSpan(m, ss);
          const from = this.token(m, 'Kw_from') ? this.date(this.tokens(m, 'DateLiteral')[0], ms) : undefined;
          const untilTok = this.token(m, 'Kw_until');
          const dates = this.tokens(m, 'DateLiteral');
          const until = untilTok ? this.date(dates[from ? 1 : 0], ms) : undefined;
          return { kind: 'setMember', name: this.ident(this.token(m, 'Identifier'), ms), from, until, span: ms };
        }),
        span: ss,
      };
    }
    const every = this.node(n, 'everyExpr');
    if (every) return { kind: 'every', enumName: this.ident(this.token(every, 'Identifier'), span), span };
    const agg = this.node(n, 'aggregate');
    if (agg) return this.aggregate(agg, span);
    return this.placeholder(span);
  }

  private aggregate(n: CstNode, span: Span): A.Expr {
    const op: A.AggregateKind = this.token(n, 'Kw_sum')
      ? 'sum'
      : this.token(n, 'Kw_count')
        ? 'count'
        : this.token(n, 'Kw_all')
          ? 'all'
          : 'any';
    const exprs = this.nodes(n, 'expression');
    const binder = this.ident(this.token(n, 'Identifier'), span);
    const list = this.expression(this.node(n, 'operand'), span);
    const hasWhere = this.token(n, 'Kw_where') !== undefined;
    switch (op) {
      case 'sum':
        return { kind: 'aggregate', op, binder, list, body: this.expression(exprs[0], span), where: hasWhere ? this.expression(exprs[1], span) : undefined, span };
      case 'count':
        return { kind: 'aggregate', op, binder, list, body: undefined, where: hasWhere ? this.expression(exprs[0], span) : undefined, span };
      default:
        return { kind: 'aggregate', op, binder, list, body: this.expression(exprs[0], span), where: undefined, span };
    }
  }
}

type Item =
  | { readonly kind: 'prefix'; readonly op: 'not' | '-'; readonly token: IToken }
  | { readonly kind: 'atom'; readonly node: CstNode }
  | { readonly kind: 'infix'; readonly op: string; readonly token: IToken }
  | { readonly kind: 'is'; readonly node: CstNode };

/**
 * Precedence, loosest first: `or`, `and`, prefix `not`, comparisons (`= != < <= > >= in not-in is`),
 * `otherwise`, `+ -`, `* /`, prefix `-`, then `.` field access. Binary operators group to the left.
 */
const BINDING = { or: 1, and: 2, notOperand: 3, compare: 4, otherwise: 5, additive: 6, multiplicative: 7, negOperand: 8 } as const;

function infixBinding(op: string): number {
  switch (op) {
    case 'or':
      return BINDING.or;
    case 'and':
      return BINDING.and;
    case 'otherwise':
      return BINDING.otherwise;
    case '+':
    case '-':
      return BINDING.additive;
    case '*':
    case '/':
      return BINDING.multiplicative;
    default:
      return BINDING.compare;
  }
}

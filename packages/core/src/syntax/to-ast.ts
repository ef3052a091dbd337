/**
 * The parse tree (parse-tree.ts) turned into the syntax tree (ast/nodes.ts). Children are found by
 * the role they were read in (`tok(n, 'name')`, `kid(n, 'expression', 'where')`), typed by
 * shapes.ts. After error recovery the parse tree may lack pieces; holes are filled with empty
 * placeholders, since the errors have been reported already.
 */
import type { IToken } from 'chevrotain';
import type * as A from '../ast/nodes.ts';
import type { Span } from '../source/span.ts';
import type { PolParser } from './grammar.ts';
import { anyTok, firstKid, kid, kids, ParseNode, real, tok, toks, unlabelled, valid } from './parse-tree.ts';
import { decodeString } from './strings.ts';

/** Parses `tokens` (with `endOffset` set) into a syntax tree; the errors are in `parser.errors`. */
export function parseTokens(parser: PolParser, tokens: IToken[], path: string, comments: A.Comment[], textLength: number): A.PolFile {
  parser.reset();
  parser.input = tokens;
  parser.file();
  const root = parser.tree.root?.name === 'file' ? (parser.tree.root as ParseNode<'file'>) : new ParseNode('file', undefined, undefined);
  return new ToAst(path).file(root, comments, textLength);
}

type RuleLike = ParseNode<'ruleDecl'> | ParseNode<'exceptionDecl'>;

type Item =
  | { readonly kind: 'prefix'; readonly op: 'not' | '-'; readonly token: IToken }
  | { readonly kind: 'atom'; readonly node: ParseNode<'postfix'> }
  | { readonly kind: 'infix'; readonly op: string; readonly token: IToken }
  | { readonly kind: 'is'; readonly node: ParseNode<'isTest'> };

class ToAst {
  constructor(private readonly path: string) {}

  private tokenSpan(t: IToken | undefined, fallback?: Span): Span {
    if (!t || Number.isNaN(t.startOffset) || t.isInsertedInRecovery) return fallback ?? { file: this.path, start: 0, end: 0 };
    return { file: this.path, start: t.startOffset, end: (t.endOffset ?? t.startOffset) + 1 };
  }

  private nodeSpan(n: ParseNode | undefined, fallback?: Span): Span {
    if (!n || n.s !== n.s || n.e === undefined || n.e !== n.e) return fallback ?? { file: this.path, start: 0, end: 0 };
    return { file: this.path, start: n.s, end: n.e + 1 };
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

  file(n: ParseNode<'file'>, comments: A.Comment[], textLength: number): A.PolFile {
    const headerNode = kid(n, 'policyHeader');
    const imports: A.ImportDecl[] = [];
    const declarations: A.Declaration[] = [];
    for (const k of n.kids) {
      if (k.name === 'importDecl') imports.push(this.importDecl(k as ParseNode<'importDecl'>));
      else if (k.name === 'declaration') {
        const d = this.declaration(k as ParseNode<'declaration'>);
        if (d) declarations.push(d);
      }
    }
    return {
      kind: 'file',
      path: this.path,
      header: headerNode ? this.policyHeader(headerNode) : undefined,
      imports,
      declarations,
      comments,
      span: { file: this.path, start: 0, end: textLength },
    };
  }

  private policyHeader(n: ParseNode<'policyHeader'>): A.PolicyHeader {
    const span = this.nodeSpan(n);
    let version: A.StringLit | undefined;
    let effective: A.DateLit | undefined;
    const cites: A.StringLit[] = [];
    for (const c of kids(n, 'headerClause')) {
      const cs = this.nodeSpan(c, span);
      if (tok(c, 'Kw_version')) version = this.str(tok(c, 'version'), cs);
      else if (tok(c, 'Kw_cites')) cites.push(this.str(tok(c, 'citation'), cs));
      else if (tok(c, 'Kw_effective')) effective = this.date(tok(c, 'date'), cs);
    }
    return { kind: 'policy', name: this.str(tok(n, 'name'), span), version, cites, effective, span };
  }

  private importDecl(n: ParseNode<'importDecl'>): A.ImportDecl {
    const span = this.nodeSpan(n);
    return { kind: 'import', path: this.str(tok(n, 'path'), span), span };
  }

  private label(n: ParseNode<'declarationLabel'> | undefined, span: Span): A.Labelled {
    const title = n ? tok(n, 'title') : undefined;
    return {
      title: title ? this.str(title, span) : undefined,
      cites: n ? kids(n, 'citesClause').map((c) => this.str(tok(c, 'text'), this.nodeSpan(c, span))) : [],
    };
  }

  private declaration(n: ParseNode<'declaration'>): A.Declaration | undefined {
    const inner = firstKid(n);
    if (!inner) return undefined;
    const span = this.nodeSpan(inner);
    switch (inner.name) {
      case 'enumDecl':
        return { kind: 'enum', name: this.ident(tok(inner, 'name'), span), members: toks(inner, 'member').map((t) => this.ident(t, span)), span };
      case 'unitDecl': {
        const s = tok(inner, 'description');
        const f = kid(inner, 'unitFormula');
        let formula: A.UnitFactor[] | undefined;
        if (f) {
          // the units are labelled, the operators are not: put them back in reading order
          const all = [...toks(f, 'unit'), ...f.toks.filter((t) => !t.isInsertedInRecovery)].sort((a, b) => a.startOffset - b.startOffset);
          formula = [];
          let op: '*' | '/' = '*';
          for (const t of all) {
            if (t.image === '*' || t.image === '/') op = t.image;
            else formula.push({ op, unit: this.ident(t, span) });
          }
        }
        return { kind: 'unit', name: this.ident(tok(inner, 'name'), span), description: s ? this.str(s, span) : undefined, formula, span };
      }
      case 'groupDecl':
        return {
          kind: 'group',
          name: this.ident(tok(inner, 'name'), span),
          ...this.label(kid(inner, 'declarationLabel'), span),
          of: this.ident(tok(inner, 'enumName'), span),
          value: this.expression(kid(inner, 'expression'), span),
          span,
        };
      case 'constDecl':
        return { kind: 'const', name: this.ident(tok(inner, 'name'), span), ...this.label(kid(inner, 'declarationLabel'), span), value: this.expression(kid(inner, 'expression'), span), span };
      case 'defineDecl':
        return { kind: 'define', name: this.ident(tok(inner, 'name'), span), ...this.label(kid(inner, 'declarationLabel'), span), value: this.expression(kid(inner, 'expression'), span), span };
      case 'recordDecl':
        return { kind: 'record', name: this.ident(tok(inner, 'name'), span), fields: this.recordFields(kid(inner, 'recordType'), span), span };
      case 'inputDecl': {
        const asOf = tok(inner, 'Kw_as') ? this.ident(tok(inner, 'asOf'), span) : undefined;
        return { kind: 'input', name: this.ident(tok(inner, 'name'), span), asOf, fields: this.recordFields(kid(inner, 'recordType'), span), span };
      }
      case 'decisionDecl':
        return {
          kind: 'decision',
          name: this.ident(tok(inner, 'name'), span),
          variants: kids(inner, 'variantDecl').map((v) => {
            const vs = this.nodeSpan(v, span);
            return { kind: 'variant', name: this.ident(tok(v, 'name'), vs), params: kids(v, 'fieldDecl').map((f) => this.fieldDecl(f, vs)), span: vs };
          }),
          span,
        };
      case 'requireDecl':
        return { kind: 'require', condition: this.expression(kid(inner, 'expression'), span), because: this.str(tok(inner, 'because'), span), span };
      case 'ruleDecl':
        return { kind: 'rule', ...this.ruleHead(inner, span), ...this.ruleBody(kid(inner, 'ruleBody'), span), span };
      case 'otherwiseDecl':
        return {
          kind: 'otherwise',
          cites: kids(inner, 'citesClause').map((c) => this.str(tok(c, 'text'), span)),
          decide: this.decisionExpr(kid(inner, 'decisionExpr'), span),
          span,
        };
      case 'ledgerDecl':
        return this.ledgerDecl(inner, span);
      case 'exampleDecl':
        return {
          kind: 'example',
          title: this.str(tok(inner, 'title'), span),
          given: this.recordValue(kid(inner, 'recordValue'), span),
          expect: this.decisionExpr(kid(inner, 'decisionExpr'), span),
          span,
        };
    }
  }

  private ruleHead(n: RuleLike, span: Span): { name: A.Identifier; title: A.StringLit | undefined } {
    const title = tok(n, 'title');
    return { name: this.ident(tok(n, 'name'), span), title: title ? this.str(title, span) : undefined };
  }

  private ruleBody(n: ParseNode<'ruleBody'> | undefined, fallback: Span): A.RuleBody {
    const empty: A.DecisionExpr = { kind: 'decisionExpr', variant: this.ident(undefined, fallback), args: [], span: fallback };
    if (!n) return { cites: [], effective: undefined, until: undefined, when: undefined, decide: empty, obligations: [], records: [], exceptions: [] };
    const span = this.nodeSpan(n, fallback);
    const eff = kid(n, 'effectiveClause');
    const until = kid(n, 'untilClause');
    const when = kid(n, 'whenClause');
    const decide = kid(n, 'decideClause');
    return {
      cites: kids(n, 'citesClause').map((c) => this.str(tok(c, 'text'), this.nodeSpan(c, span))),
      effective: eff ? this.date(tok(eff, 'date'), this.nodeSpan(eff, span)) : undefined,
      until: until ? this.date(tok(until, 'date'), this.nodeSpan(until, span)) : undefined,
      when: when ? this.expression(kid(when, 'expression'), this.nodeSpan(when, span)) : undefined,
      decide: decide ? this.decisionExpr(kid(decide, 'decisionExpr'), this.nodeSpan(decide, span)) : empty,
      obligations: kids(n, 'obligationClause').map((c) => this.str(tok(c, 'text'), this.nodeSpan(c, span))),
      records: kids(n, 'recordsClause').map((c) => this.recordsClause(c, span)),
      exceptions: kids(n, 'exceptionDecl').map((e) => {
        const es = this.nodeSpan(e, span);
        return { kind: 'exception', ...this.ruleHead(e, es), ...this.ruleBody(kid(e, 'ruleBody'), es), span: es };
      }),
    };
  }

  private ledgerDecl(n: ParseNode<'ledgerDecl'>, span: Span): A.LedgerDecl {
    const title = tok(n, 'title');
    const opening = tok(n, 'Kw_opening') ? this.expression(kid(n, 'expression'), span) : undefined;
    return {
      kind: 'ledger',
      name: this.ident(tok(n, 'name'), span),
      title: title ? this.str(title, span) : undefined,
      unit: this.ident(tok(n, 'unit'), span),
      keys: kids(n, 'ledgerKey').map((k) => {
        const ks = this.nodeSpan(k, span);
        return { kind: 'ledgerKey', period: tok(k, 'period') ? 'calendar-year' : undefined, value: this.expression(kid(k, 'expression'), ks), span: ks };
      }),
      opening,
      span,
    };
  }

  /** `records x in L` is read as one expression; its top-level `in` names the ledger. */
  private recordsClause(n: ParseNode<'recordsClause'>, fallback: Span): A.RecordsClause {
    const span = this.nodeSpan(n, fallback);
    const e = this.expression(kid(n, 'expression'), span);
    if (e.kind === 'in' && !e.negated && e.set.kind === 'identifier') return { kind: 'records', amount: e.element, ledger: e.set, span };
    return { kind: 'records', amount: e, ledger: undefined, span };
  }

  private decisionExpr(n: ParseNode<'decisionExpr'> | undefined, fallback: Span): A.DecisionExpr {
    if (!n) return { kind: 'decisionExpr', variant: this.ident(undefined, fallback), args: [], span: fallback };
    const span = this.nodeSpan(n, fallback);
    return {
      kind: 'decisionExpr',
      variant: this.ident(tok(n, 'variant'), span),
      args: kids(n, 'argument').map((a) => {
        const as = this.nodeSpan(a, span);
        return { kind: 'argument', name: this.ident(tok(a, 'name'), as), value: this.expression(kid(a, 'expression'), as), span: as };
      }),
      span,
    };
  }

  private recordFields(n: ParseNode<'recordType'> | undefined, fallback: Span): A.FieldDecl[] {
    if (!n) return [];
    const span = this.nodeSpan(n, fallback);
    return kids(n, 'fieldDecl').map((f) => this.fieldDecl(f, span));
  }

  private fieldDecl(n: ParseNode<'fieldDecl'>, fallback: Span): A.FieldDecl {
    const span = this.nodeSpan(n, fallback);
    return { kind: 'field', name: this.ident(tok(n, 'name'), span), type: this.typeExpr(kid(n, 'typeExpr'), span), span };
  }

  private typeExpr(n: ParseNode<'typeExpr'> | undefined, fallback: Span): A.TypeExpr {
    if (!n) return { kind: 'namedType', name: this.ident(undefined, fallback), span: fallback };
    const span = this.nodeSpan(n, fallback);
    if (tok(n, 'Kw_optional')) return { kind: 'optionalType', inner: this.typeExpr(kid(n, 'typeExpr'), span), span };
    if (tok(n, 'Kw_list')) return { kind: 'listType', element: this.typeExpr(kid(n, 'typeExpr'), span), span };
    const rec = kid(n, 'recordType');
    if (rec) return { kind: 'recordType', fields: this.recordFields(rec, span), span };
    return { kind: 'namedType', name: this.ident(tok(n, 'name'), span), span };
  }

  private recordValue(n: ParseNode<'recordValue'> | undefined, fallback: Span): A.RecordValue {
    if (!n) return { kind: 'recordValue', fields: [], span: fallback };
    const span = this.nodeSpan(n, fallback);
    return {
      kind: 'recordValue',
      fields: kids(n, 'valueField').map((f) => {
        const fs = this.nodeSpan(f, span);
        return { kind: 'valueField', name: this.ident(tok(f, 'name'), fs), value: this.value(kid(f, 'value'), fs), span: fs };
      }),
      span,
    };
  }

  private value(n: ParseNode<'value'> | undefined, fallback: Span): A.Value {
    if (!n) return this.ident(undefined, fallback);
    const span = this.nodeSpan(n, fallback);
    const rec = kid(n, 'recordValue');
    if (rec) return this.recordValue(rec, span);
    const list = kid(n, 'listValue');
    if (list) {
      const ls = this.nodeSpan(list, span);
      return { kind: 'listValue', items: kids(list, 'value').map((v) => this.value(v, ls)), span: ls };
    }
    const s = kid(n, 'scalarValue');
    if (!s) return this.ident(undefined, span);
    const ss = this.nodeSpan(s, span);
    const num = tok(s, 'NumberLiteral');
    const pct = tok(s, 'PercentLiteral');
    let lit: A.NumberLit | A.PercentLit | undefined;
    if (num) {
      const unitTok = tok(s, 'unit');
      const unit = unitTok ? this.ident(unitTok, ss) : undefined;
      lit = { kind: 'number', text: num.image.replace(/_/g, ''), unit, span: unit ? { ...this.tokenSpan(num), end: unit.span.end } : this.tokenSpan(num) };
    } else if (pct) {
      lit = { kind: 'percent', text: pct.image.slice(0, -1).replace(/_/g, ''), span: this.tokenSpan(pct) };
    }
    if (lit) return tok(s, 'Minus') ? { kind: 'negateValue', operand: lit, span: ss } : lit;
    const date = tok(s, 'DateLiteral');
    if (date) return this.date(date, ss);
    const str = tok(s, 'StringLiteral');
    if (str) return this.str(str, ss);
    if (tok(s, 'Kw_true')) return { kind: 'bool', value: true, span: ss };
    if (tok(s, 'Kw_false')) return { kind: 'bool', value: false, span: ss };
    return this.ident(tok(s, 'name'), ss);
  }

  // ---- expressions ----

  private placeholder(span: Span): A.Expr {
    return { kind: 'identifier', name: '', span };
  }

  private expression(n: ParseNode<'expression'> | ParseNode<'operand'> | undefined, fallback: Span): A.Expr {
    if (!n) return this.placeholder(fallback);
    const span = this.nodeSpan(n, fallback);
    const items: Item[] = [];
    if (n.name === 'operand') {
      this.pushOperand(n, items);
      return this.pratt({ items, pos: 0 }, 0, span);
    }
    // Sub-rules that read no real token are left out, as they are from a CST's source order.
    for (const child of n.kids) {
      if (!valid(child)) continue;
      if (child.name === 'operand') this.pushOperand(child as ParseNode<'operand'>, items);
      else if (child.name === 'binaryOperator') {
        let first: IToken | undefined;
        let op = '';
        for (const t of unlabelled(child)) {
          if (!real(t)) continue;
          if (first) op += ' ' + t.image;
          else {
            first = t;
            op = t.image;
          }
        }
        if (first) items.push({ kind: 'infix', op, token: first });
      } else if (child.name === 'isTest') items.push({ kind: 'is', node: child as ParseNode<'isTest'> });
    }
    return this.pratt({ items, pos: 0 }, 0, span);
  }

  private pushOperand(n: ParseNode<'operand'>, items: Item[]): void {
    for (const t of unlabelled(n)) if (real(t)) items.push({ kind: 'prefix', op: t.image === 'not' ? 'not' : '-', token: t });
    for (const k of kids(n, 'postfix')) if (valid(k)) items.push({ kind: 'atom', node: k });
  }

  /** Groups a flat operand/operator sequence by precedence (see BINDING below). */
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
      left = infix(next.op, left, right, { file: this.path, start: left.span.start, end: right.span.end });
    }
    return left;
  }

  private isExpr(subject: A.Expr, n: ParseNode<'isTest'>, span: Span): A.Expr {
    const negated = tok(n, 'Kw_not') !== undefined;
    const present = tok(n, 'Kw_present');
    const absent = tok(n, 'Kw_absent');
    const test: A.IsExpr['test'] = present
      ? { kind: 'present', span: this.tokenSpan(present) }
      : absent
        ? { kind: 'absent', span: this.tokenSpan(absent) }
        : this.ident(tok(n, 'member'), span);
    const end = this.nodeSpan(n, span).end;
    return { kind: 'is', negated, subject, test, span: { file: this.path, start: subject.span.start, end: Math.max(end, subject.span.end) } };
  }

  private postfix(n: ParseNode<'postfix'>, fallback: Span): A.Expr {
    const span = this.nodeSpan(n, fallback);
    const p = kid(n, 'primary');
    let expr = p ? this.primary(p, this.nodeSpan(p, span)) : this.placeholder(span);
    // Not toks(n, 'field'): this runs for every operand, so no array is made.
    const l = n.labelled;
    for (let i = 1; i < l.length; i += 2) {
      const t = l[i] as IToken;
      if (t.isInsertedInRecovery) continue; // the only label a postfix reads is `field`
      expr = { kind: 'member', object: expr, property: this.ident(t, span), span: { file: this.path, start: expr.span.start, end: t.endOffset! + 1 } };
    }
    return expr;
  }

  private primary(n: ParseNode<'primary'>, span: Span): A.Expr {
    const num = tok(n, 'NumberLiteral');
    if (num) {
      const unitTok = tok(n, 'unit');
      return { kind: 'number', text: num.image.replace(/_/g, ''), unit: unitTok ? this.ident(unitTok, span) : undefined, span };
    }
    const pct = tok(n, 'PercentLiteral');
    if (pct) return { kind: 'percent', text: pct.image.slice(0, -1).replace(/_/g, ''), span };
    const date = tok(n, 'DateLiteral');
    if (date) return this.date(date, span);
    if (tok(n, 'Kw_true')) return { kind: 'bool', value: true, span };
    if (tok(n, 'Kw_false')) return { kind: 'bool', value: false, span };
    const id = tok(n, 'name');
    if (id) return this.ident(id, span);
    const inner = kid(n, 'expression');
    if (inner) return { kind: 'paren', inner: this.expression(inner, span), span };
    const set = kid(n, 'setLiteral');
    if (set) {
      const ss = this.nodeSpan(set, span);
      return {
        kind: 'set',
        members: kids(set, 'setMember').map((m) => {
          const ms = this.nodeSpan(m, ss);
          const from = tok(m, 'Kw_from') ? this.date(anyTok(m, 'fromDate'), ms) : undefined;
          const until = tok(m, 'Kw_until') ? this.date(anyTok(m, 'untilDate'), ms) : undefined;
          return { kind: 'setMember', name: this.ident(tok(m, 'name'), ms), from, until, span: ms };
        }),
        span: ss,
      };
    }
    const every = kid(n, 'everyExpr');
    if (every) return { kind: 'every', enumName: this.ident(tok(every, 'enumName'), span), span };
    const agg = kid(n, 'aggregate');
    if (agg) return this.aggregate(agg, span);
    const df = kid(n, 'dateFunction');
    if (df) return this.dateFunction(df, span);
    return this.placeholder(span);
  }

  private dateFunction(n: ParseNode<'dateFunction'>, span: Span): A.Expr {
    const part = this.ident(tok(n, 'datePart'), span);
    const operands = kids(n, 'operand');
    if (tok(n, 'Kw_calendar')) return { kind: 'calendarYear', part, date: this.expression(operands[0], span), span };
    return { kind: 'daysBetween', part, from: this.expression(operands[0], span), to: this.expression(operands[1], span), span };
  }

  private aggregate(n: ParseNode<'aggregate'>, span: Span): A.Expr {
    const op: A.AggregateKind = tok(n, 'Kw_sum') ? 'sum' : tok(n, 'Kw_count') ? 'count' : tok(n, 'Kw_all') ? 'all' : 'any';
    const binder = this.ident(tok(n, 'binder'), span);
    const list = this.expression(kid(n, 'operand'), span);
    const where = tok(n, 'Kw_where') ? this.expression(kid(n, 'expression', 'where'), span) : undefined;
    const body = op === 'count' ? undefined : this.expression(kid(n, 'expression', 'body'), span);
    return { kind: 'aggregate', op, binder, list, body, where: op === 'all' || op === 'any' ? undefined : where, span };
  }
}

function infix(op: string, left: A.Expr, right: A.Expr, span: Span): A.Expr {
  switch (op) {
    case 'and':
    case 'or':
    case '+':
    case '-':
    case '*':
    case '/':
      return { kind: 'binary', op, left, right, span };
    case 'otherwise':
      return { kind: 'coalesce', value: left, fallback: right, span };
    case 'in':
    case 'not in':
      return { kind: 'in', negated: op === 'not in', element: left, set: right, span };
    default:
      return { kind: 'compare', op: op as A.CompareOp, left, right, span };
  }
}

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

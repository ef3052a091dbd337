/**
 * Stage 2 of the checker: one recursive pass over every expression, giving each a type and each
 * name a resolution, with units and optionals (narrowed by `is present` on the way in). It reads
 * the frozen symbol table and adds nothing to it. An expression with an error gets the type
 * `error`, which every use accepts, so one mistake is reported once.
 */
import type * as A from '../ast/nodes.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { BOOL, DATE, DURATION_UNITS, ERROR, isDuration, NUMBER, numberOf, sameType, type Type } from '../types/pol-types.ts';
import { Rational } from '../values/rational.ts';
import { baseDim, combine, dimKey, type Dim } from '../types/units.ts';
import * as E from './errors.ts';
import { idNotAValue } from './ledger-errors.ts';
import { LedgerChecker } from './ledgers.ts';
import { factsOf, narrow, NO_FACTS, pathKey, union, type Facts } from './narrowing.ts';
import type { EnumInfo, Resolution } from './program.ts';
import type { Global, SymbolTable } from './symbols.ts';

export interface Scope {
  readonly binders: ReadonlyMap<string, { type: Type; aggregate: A.AggregateExpr }>;
  /** inside a const or group: the input is out of reach */
  readonly constant: boolean;
}

export const INPUT_SCOPE: Scope = { binders: new Map(), constant: false };

export interface Typing {
  readonly types: WeakMap<A.Expr, Type>;
  readonly resolutions: WeakMap<A.Identifier, Resolution>;
  /** every set literal given an enum, in reading order (the lints look at their dated members) */
  readonly sets: readonly A.SetLiteral[];
}

export class TypeChecker implements Typing {
  readonly types = new WeakMap<A.Expr, Type>();
  readonly resolutions = new WeakMap<A.Identifier, Resolution>();
  readonly sets: A.SetLiteral[] = [];
  private readonly globalTypes = new Map<Global, Type>();
  readonly ledgers: LedgerChecker;

  /** `used` collects every declared name the policy refers to (for the unused-declaration lint). */
  constructor(
    private readonly symbols: SymbolTable,
    private readonly out: Diagnostic[],
    private readonly used: Set<string>,
  ) {
    this.ledgers = new LedgerChecker(symbols, this, out, used);
  }

  /** Types the globals (in dependency order), then the requires, rules and `otherwise` decisions. */
  run(): void {
    this.ledgers.declarations();
    for (const g of this.symbols.globalOrder) this.globalTypes.set(g, this.global(g));
    this.ledgers.openings();
    for (const d of this.symbols.declarations) {
      if (d.kind === 'require') {
        this.ledgers.inRequire = true;
        this.expectBool(d.condition, NO_FACTS, INPUT_SCOPE);
        this.ledgers.inRequire = false;
      }
      else if (d.kind === 'rule') this.ruleBody(d, NO_FACTS);
      else if (d.kind === 'otherwise') this.decision(d.decide, NO_FACTS, INPUT_SCOPE);
    }
  }

  private global(g: Global): Type {
    const scope: Scope = { binders: new Map(), constant: g.kind !== 'define' };
    if (g.kind === 'group') {
      this.used.add(g.of.name);
      if (!this.symbols.enums.has(g.of.name)) {
        this.out.push(E.groupOfNotEnum(g.of, this.symbols.enums.keys()));
        this.expr(g.value, undefined, NO_FACTS, scope);
        return ERROR;
      }
      const expected: Type = { kind: 'set', of: g.of.name };
      const t = this.expr(g.value, expected, NO_FACTS, scope);
      if (!sameType(t, expected)) this.mismatch(g.value, expected, t);
      return expected;
    }
    const type = this.expr(g.value, undefined, NO_FACTS, scope);
    if (type.kind === 'optional') this.out.push(E.definitionMayBeAbsent(g));
    return type;
  }

  private ruleBody(r: A.RuleDecl | A.ExceptionDecl, facts: Facts): void {
    let inner = facts;
    if (r.when) {
      this.expectBool(r.when, facts, INPUT_SCOPE);
      inner = union(facts, factsOf(r.when, true, this.resolutions));
    }
    this.decision(r.decide, inner, INPUT_SCOPE);
    this.ledgers.records(r.records, inner);
    for (const e of r.exceptions) this.ruleBody(e, inner);
  }

  /** A decision: its outcome exists, and its fields are all given, once, with the declared types. */
  decision(d: A.DecisionExpr, facts: Facts, scope: Scope): void {
    if (!d.variant.name) return;
    const decision = this.symbols.decision;
    const v = decision?.variants.get(d.variant.name);
    if (!v) {
      if (decision) this.out.push(E.unknownOutcome(d.variant, decision.decl.name.name, [...decision.variants.keys()]));
      for (const a of d.args) this.expr(a.value, undefined, facts, scope);
      return;
    }
    const given = new Set<string>();
    for (const a of d.args) {
      const p = v.params.find((q) => q.name === a.name.name);
      if (given.has(a.name.name)) this.out.push(E.argumentGivenTwice(a.name));
      given.add(a.name.name);
      if (!p) {
        this.out.push(E.unknownArgument(a.name, v));
        this.expr(a.value, undefined, facts, scope);
        continue;
      }
      const t = this.expr(a.value, p.type, facts, scope);
      if (!sameType(t, p.type)) this.mismatch(a.value, p.type, t);
    }
    for (const p of v.params) if (!given.has(p.name)) this.out.push(E.missingArgument(d, v, p.name));
  }

  // ---- expressions ----

  private expectBool(e: A.Expr, facts: Facts, scope: Scope): void {
    const t = this.expr(e, BOOL, facts, scope);
    if (t.kind === 'bool' || t.kind === 'error') return;
    if (t.kind === 'optional' && sameType(t.inner, BOOL)) this.out.push(E.optionalNotHandled(e));
    else this.out.push(E.notACondition(e, t));
  }

  mismatch(e: A.Node, expected: Type, found: Type): void {
    if (found.kind === 'error' || expected.kind === 'error') return;
    if (found.kind === 'optional' && sameType(found.inner, expected)) this.out.push(E.optionalNotHandled(e));
    else if (expected.kind === 'number' && found.kind === 'number') this.out.push(E.unitMismatch(e, expected.unit, found.unit));
    else this.out.push(E.typeMismatch(e, expected, found));
  }

  /** A value that must be present here: unwraps a narrowed optional, reports an unhandled one. */
  private required(e: A.Expr, t: Type): Type {
    if (t.kind === 'optional') {
      this.out.push(E.optionalNotHandled(e));
      return ERROR;
    }
    return t;
  }

  expr(e: A.Expr, expected: Type | undefined, facts: Facts, scope: Scope): Type {
    let t = this.infer(e, expected, facts, scope);
    if (t.kind === 'id') {
      this.out.push(idNotAValue(e));
      t = ERROR;
    }
    this.types.set(e, t);
    return t;
  }

  private infer(e: A.Expr, expected: Type | undefined, facts: Facts, scope: Scope): Type {
    switch (e.kind) {
      case 'number':
        return this.numberLit(e);
      case 'percent':
        return NUMBER;
      case 'date':
        return DATE;
      case 'bool':
        return BOOL;
      case 'paren':
        return this.expr(e.inner, expected, facts, scope);
      case 'identifier':
        return this.identifier(e, expected, facts, scope);
      case 'member':
        return this.member(e, facts, scope);
      case 'unary': {
        if (e.op === 'not') {
          this.expectBool(e.operand, facts, scope);
          return BOOL;
        }
        const t = this.required(e.operand, this.expr(e.operand, expected, facts, scope));
        if (t.kind !== 'number' && t.kind !== 'error') {
          this.out.push(E.negateNotNumber(e.operand, t));
          return ERROR;
        }
        return t;
      }
      case 'binary':
        return this.binary(e, expected, facts, scope);
      case 'compare':
        return this.compare(e, facts, scope);
      case 'in':
        return this.inExpr(e, facts, scope);
      case 'is':
        return this.isExpr(e, facts, scope);
      case 'coalesce':
        return this.coalesce(e, expected, facts, scope);
      case 'set':
        return this.setLiteral(e, expected);
      case 'every': {
        const name = e.enumName.name;
        this.used.add(name);
        if (!this.symbols.enums.has(name)) {
          this.out.push(E.everyNotEnum(e.enumName, this.symbols.enums.keys()));
          return ERROR;
        }
        return { kind: 'set', of: name };
      }
      case 'aggregate':
        return this.aggregate(e, facts, scope);
      case 'daysBetween': {
        this.expectDate('days between', e.from, facts, scope);
        this.expectDate('days between', e.to, facts, scope);
        if (e.part.name === 'days') return numberOf('days');
        this.out.push(E.unknownDatePart(e.part, 'between'));
        return ERROR;
      }
      case 'calendarYear': {
        this.expectDate('calendar year of', e.date, facts, scope);
        if (e.part.name === 'year') return NUMBER;
        this.out.push(E.unknownDatePart(e.part, 'calendar'));
        return ERROR;
      }
    }
  }

  private expectDate(what: string, e: A.Expr, facts: Facts, scope: Scope): void {
    const t = this.required(e, this.expr(e, undefined, facts, scope));
    if (t.kind !== 'date' && t.kind !== 'error') this.out.push(E.notADate(what, e, t));
  }

  private numberLit(e: A.NumberLit): Type {
    if (!Rational.parse(e.text)) {
      this.out.push(E.inexactNumber(e));
      return ERROR;
    }
    if (!e.unit) return NUMBER;
    const duration = DURATION_UNITS.get(e.unit.name);
    if (duration) return numberOf(duration);
    this.used.add(e.unit.name);
    if (!this.symbols.units.has(e.unit.name)) {
      this.out.push(E.unknownUnit(e.unit, this.symbols.units.keys()));
      return ERROR;
    }
    return numberOf(this.symbols.unitNames.get(e.unit.name) ?? e.unit.name);
  }

  private memberOf(id: A.Identifier, enumName: string, info: EnumInfo | undefined): void {
    if (!info || !id.name) return;
    if (!info.members.includes(id.name)) {
      this.out.push(E.unknownMember(id, info));
      return;
    }
    this.resolutions.set(id, { kind: 'member', enumName, member: id.name });
  }

  private identifier(e: A.Identifier, expected: Type | undefined, facts: Facts, scope: Scope): Type {
    const name = e.name;
    if (!name) return ERROR;
    const binder = scope.binders.get(name);
    if (binder) {
      this.resolutions.set(e, { kind: 'binder', name, aggregate: binder.aggregate });
      return binder.type;
    }
    const { globals, enums, input } = this.symbols;
    const ledger = this.symbols.ledgers.get(name);
    if (ledger) return this.ledgers.read(e, ledger, facts, scope);
    const g = globals.get(name);
    if (g) {
      this.used.add(name);
      if (scope.constant && g.kind === 'define') {
        this.out.push(E.notConstant(e, 'define'));
        return ERROR;
      }
      this.resolutions.set(e, { kind: g.kind, name });
      // Not typed yet only when this use closes a cycle (reported with the global order).
      return this.globalTypes.get(g) ?? ERROR;
    }
    const field = input?.type.fields.get(name);
    if (field) {
      if (scope.constant) {
        this.out.push(E.notConstant(e, 'input'));
        return ERROR;
      }
      this.resolutions.set(e, { kind: 'input', field: name });
      return narrow(field, `in:${name}`, facts);
    }
    const enumName = expected?.kind === 'enum' ? expected.name : undefined;
    if (enumName && enums.get(enumName)?.members.includes(name)) {
      this.resolutions.set(e, { kind: 'member', enumName, member: name });
      return { kind: 'enum', name: enumName };
    }
    const owners = [...enums.values()].filter((en) => en.members.includes(name)).map((en) => en.name);
    if (owners.length > 0) {
      this.out.push(E.memberWithoutContext(e, owners, enumName));
    } else {
      const inScope = [...scope.binders.keys(), ...globals.keys(), ...this.symbols.ledgers.keys(), ...(scope.constant ? [] : (input?.type.fields.keys() ?? []))];
      this.out.push(E.unknownName(e, [...inScope, ...(enumName ? (enums.get(enumName)?.members ?? []) : [])]));
    }
    return ERROR;
  }

  private member(e: A.MemberExpr, facts: Facts, scope: Scope): Type {
    const ot = this.expr(e.object, undefined, facts, scope);
    if (ot.kind === 'error') return ERROR;
    const obj = this.required(e.object, ot);
    if (obj.kind === 'error') return ERROR;
    if (obj.kind !== 'record') {
      this.out.push(E.notARecord(e.property, obj));
      return ERROR;
    }
    const ft = obj.fields.get(e.property.name);
    if (!ft) {
      this.out.push(E.unknownField(e.property, [...obj.fields.keys()]));
      return ERROR;
    }
    const key = pathKey(e, this.resolutions);
    return key ? narrow(ft, key, facts) : ft;
  }

  private binary(e: A.BinaryExpr, expected: Type | undefined, facts: Facts, scope: Scope): Type {
    if (e.op === 'and' || e.op === 'or') {
      this.expectBool(e.left, facts, scope);
      // `x is present and x > 1`: the right side knows what the left side established.
      this.expectBool(e.right, union(facts, factsOf(e.left, e.op === 'and', this.resolutions)), scope);
      return BOOL;
    }
    const lt = this.required(e.left, this.expr(e.left, expected?.kind === 'set' ? expected : undefined, facts, scope));
    if (lt.kind === 'set' && (e.op === '+' || e.op === '-')) {
      const rt = this.expr(e.right, lt, facts, scope);
      if (!sameType(rt, lt)) this.mismatch(e.right, lt, rt);
      return lt;
    }
    const rt = this.required(e.right, this.expr(e.right, lt.kind === 'set' ? lt : undefined, facts, scope));
    if (lt.kind === 'error' || rt.kind === 'error') return ERROR;
    if (lt.kind === 'date' || rt.kind === 'date') {
      // a date moves by a duration: `date + 25 days`, `25 days + date`, `date - 1 year`
      const moves = (e.op === '+' && (lt.kind === 'date' ? isDuration(rt) : isDuration(lt))) || (e.op === '-' && lt.kind === 'date' && isDuration(rt));
      if (moves) return DATE;
      if (lt.kind !== 'number' && lt.kind !== 'date') this.out.push(E.notANumber(e.op, e.left, lt));
      else if (rt.kind !== 'number' && rt.kind !== 'date') this.out.push(E.notANumber(e.op, e.right, rt));
      else this.out.push(E.dateArithmetic(e, lt, rt));
      return ERROR;
    }
    if (lt.kind !== 'number') {
      this.out.push(E.notANumber(e.op, e.left, lt));
      return ERROR;
    }
    if (rt.kind !== 'number') {
      this.out.push(E.notANumber(e.op, e.right, rt));
      return ERROR;
    }
    switch (e.op) {
      case '+':
      case '-':
        if (lt.unit === rt.unit) return lt;
        this.out.push(E.cannotAdd(e, lt.unit, rt.unit));
        return ERROR;
      case '*':
      case '/': {
        if (e.op === '/' && lt.unit === rt.unit) return NUMBER;
        if (rt.unit === null) return numberOf(lt.unit);
        if (e.op === '*' && lt.unit === null) return numberOf(rt.unit);
        // a product or quotient of quantities: a unit only if the policy declares its dimension
        const dim = combine(this.dimOf(lt.unit), this.dimOf(rt.unit), e.op);
        if (dim.size === 0) return NUMBER;
        const named = this.symbols.unitByDim.get(dimKey(dim));
        if (named) return numberOf(named);
        if (e.op === '*') this.out.push(E.compoundUnit(e, lt.unit ?? 'Number', rt.unit, dimKey(dim)));
        else this.out.push(E.cannotDivide(e, lt.unit, rt.unit, dimKey(dim)));
        return ERROR;
      }
    }
  }

  private dimOf(unit: string | null): Dim {
    return unit === null ? new Map() : (this.symbols.unitDims.get(unit) ?? baseDim(unit));
  }

  private compare(e: A.CompareExpr, facts: Facts, scope: Scope): Type {
    // An enum member on the left takes its enum from the right: `JP = destination`.
    const leftFirst = !(e.left.kind === 'identifier' && !this.nameIsValue(e.left.name, scope));
    const [first, second] = leftFirst ? [e.left, e.right] : [e.right, e.left];
    const ft = this.required(first, this.expr(first, undefined, facts, scope));
    const st = this.required(second, this.expr(second, ft.kind === 'enum' ? ft : undefined, facts, scope));
    if (ft.kind === 'error' || st.kind === 'error') return BOOL;
    const ordered = e.op !== '=' && e.op !== '!=';
    if (ordered && ft.kind !== 'number' && ft.kind !== 'date') {
      this.out.push(E.notOrdered(e.op, first, ft));
    } else if (!ordered && (ft.kind === 'record' || ft.kind === 'list' || ft.kind === 'set')) {
      this.out.push(E.notEquatable(e.op, first, ft));
    } else if (ft.kind === 'number' && st.kind === 'number' && ft.unit === null && st.unit === null) {
      this.percentOnField(e);
    } else if (!sameType(ft, st)) {
      if (ft.kind === 'number' && st.kind === 'number') {
        this.out.push(E.compareUnits(e, ft.unit, st.unit, this.numberText(first), this.numberText(second)));
      } else this.out.push(E.compareTypes(e, ft, st, this.sourceText(first), this.sourceText(second), this.otherDate(first, second)));
    }
    return BOOL;
  }

  /**
   * `x < 5.92%` where x is an input field (or a field of one) declared `Number`: a percentage is a
   * fraction, and a field holding "5.92" for 5.92% would be silently compared with 0.0592. Fields
   * declared `Share` hold fractions and are compared with percentages without a warning.
   */
  private percentOnField(e: A.CompareExpr): void {
    // `(o otherwise 0) < 5%` still compares the field `o` with a percentage
    const strip = (x: A.Expr): A.Expr => (x.kind === 'paren' ? strip(x.inner) : x.kind === 'coalesce' ? strip(x.value) : x);
    const l = strip(e.left);
    const r = strip(e.right);
    const [pct, other] = l.kind === 'percent' ? [l, r] : r.kind === 'percent' ? [r, l] : [undefined, undefined];
    if (!pct || !other || (other.kind !== 'identifier' && other.kind !== 'member')) return;
    if (other.kind === 'identifier' && this.resolutions.get(other)?.kind !== 'input') return;
    const t = this.types.get(other);
    const base = t?.kind === 'optional' ? t.inner : t;
    if (base?.kind !== 'number' || base.unit !== null || base.share) return;
    const text = (x: A.Node): string => this.symbols.sources.get(x.span.file)?.text.slice(x.span.start, x.span.end) ?? '';
    this.out.push(E.percentOnPlainNumber(e, text(other), text(pct)));
  }

  private sourceText(x: A.Node): string {
    return (this.symbols.sources.get(x.span.file)?.text.slice(x.span.start, x.span.end) ?? '...').replace(/\s+/g, ' ');
  }

  /** A Date field of the input not written in this comparison, for an example in a help text; else a literal. */
  private otherDate(...sides: A.Node[]): string {
    const written = sides.map((x) => this.sourceText(x));
    for (const [name, t] of this.symbols.input?.type.fields ?? []) if (t.kind === 'date' && !written.includes(name)) return name;
    return '2025-01-01';
  }

  /** A number as the policy writes it (`10_000`), for help texts. */
  private numberText(e: A.Expr): string {
    if (e.kind !== 'number') return '...';
    return this.symbols.sources.get(e.span.file)?.text.slice(e.span.start, e.span.end) ?? e.text;
  }

  private nameIsValue(name: string, scope: Scope): boolean {
    return scope.binders.has(name) || this.symbols.globals.has(name) || this.symbols.ledgers.has(name) || (this.symbols.input?.type.fields.has(name) ?? false);
  }

  private inExpr(e: A.InExpr, facts: Facts, scope: Scope): Type {
    const el = this.required(e.element, this.expr(e.element, undefined, facts, scope));
    if (el.kind !== 'enum') {
      if (el.kind !== 'error') this.out.push(E.inOnNonEnum(e.element, el));
      this.expr(e.set, undefined, facts, scope);
      return BOOL;
    }
    const setType: Type = { kind: 'set', of: el.name };
    const st = this.expr(e.set, setType, facts, scope);
    if (!sameType(st, setType)) this.mismatch(e.set, setType, st);
    return BOOL;
  }

  private isExpr(e: A.IsExpr, facts: Facts, scope: Scope): Type {
    const st = this.expr(e.subject, undefined, facts, scope);
    if (st.kind === 'error') return BOOL;
    const test = e.test;
    if (test.kind === 'present' || test.kind === 'absent') {
      if (st.kind !== 'optional') this.out.push(E.presenceNeverVaries(e, test.kind));
      return BOOL;
    }
    const t = this.required(e.subject, st);
    if (t.kind === 'error') return BOOL;
    if (t.kind !== 'enum') {
      this.out.push(t.kind === 'bool' ? E.isOnBoolean(e.subject) : E.isOnNonEnum(e.subject, t));
      return BOOL;
    }
    this.used.add(t.name);
    this.memberOf(test, t.name, this.symbols.enums.get(t.name));
    return BOOL;
  }

  private coalesce(e: A.CoalesceExpr, expected: Type | undefined, facts: Facts, scope: Scope): Type {
    const vt = this.expr(e.value, expected, facts, scope);
    if (vt.kind === 'error') {
      this.expr(e.fallback, undefined, facts, scope);
      return ERROR;
    }
    if (vt.kind !== 'optional') {
      this.out.push(E.fallbackNeverUsed(e.fallback));
      const ft = this.expr(e.fallback, vt, facts, scope);
      if (!sameType(ft, vt)) this.mismatch(e.fallback, vt, ft);
      return vt;
    }
    const ft = this.expr(e.fallback, vt.inner, facts, scope);
    if (!sameType(ft, vt.inner) && !sameType(ft, vt)) this.mismatch(e.fallback, vt.inner, ft);
    return ft.kind === 'optional' ? vt : vt.inner;
  }

  private setLiteral(e: A.SetLiteral, expected: Type | undefined): Type {
    const of = expected?.kind === 'set' ? expected.of : undefined;
    if (!of) {
      this.out.push(E.setWithoutEnum(e));
      return ERROR;
    }
    const info = this.symbols.enums.get(of);
    this.used.add(of);
    this.sets.push(e);
    const listed = new Set<string>();
    for (const m of e.members) {
      // A member listed twice with dates is a member that leaves and comes back.
      if (listed.has(m.name.name) && !m.from && !m.until) this.out.push(E.memberListedTwice(m));
      listed.add(m.name.name);
      this.memberOf(m.name, of, info);
    }
    return { kind: 'set', of };
  }

  private aggregate(e: A.AggregateExpr, facts: Facts, scope: Scope): Type {
    const lt = this.required(e.list, this.expr(e.list, undefined, facts, scope));
    let element: Type = ERROR;
    if (lt.kind === 'list') element = lt.element;
    else if (lt.kind !== 'error') this.out.push(E.notAList(e.op, e.list, lt));
    const binders = new Map(scope.binders);
    binders.set(e.binder.name, { type: element, aggregate: e });
    const inner: Scope = { binders, constant: scope.constant };
    let whereFacts = facts;
    if (e.where) {
      this.expectBool(e.where, facts, inner);
      whereFacts = union(facts, factsOf(e.where, true, this.resolutions));
    }
    switch (e.op) {
      case 'count':
        return NUMBER;
      case 'all':
      case 'any':
        if (e.body) this.expectBool(e.body, facts, inner);
        return BOOL;
      case 'sum': {
        if (!e.body) return ERROR;
        const bt = this.required(e.body, this.expr(e.body, undefined, whereFacts, inner));
        if (bt.kind === 'error') return ERROR;
        if (bt.kind !== 'number') {
          this.out.push(E.notANumber('sum', e.body, bt));
          return ERROR;
        }
        return bt;
      }
    }
  }
}

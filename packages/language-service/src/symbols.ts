/**
 * Names and what they refer to, from the syntax trees alone. The checker's resolutions exist only
 * for a policy without errors, but an editor needs hover and go-to-definition most while the
 * policy is broken, so this index resolves names by the language's scoping rules itself
 * (one flat scope across imports; binders of `each`; fields by the record type of their object).
 */
import { COUNTRIES, type Ast, type Span } from '@pol/core';

export type SymbolKind =
  | 'enum'
  | 'member'
  | 'unit'
  | 'group'
  | 'const'
  | 'record'
  | 'field'
  | 'input'
  | 'decision'
  | 'variant'
  | 'param'
  | 'define'
  | 'rule'
  | 'exception'
  | 'binder'
  | 'country'
  | 'builtin-type'
  | 'ledger';

export interface PolSymbol {
  /** unique within one program, e.g. `member:Activity.export`, `field:Transaction.item.kind` */
  readonly id: string;
  readonly kind: SymbolKind;
  readonly name: string;
  /** the declaring identifier; undefined for built-ins (countries, Number, ...) */
  readonly nameSpan: Span | undefined;
  readonly decl: Ast.Node | undefined;
  /** the enum of a member, the record of a field, the variant of a param */
  readonly container?: string;
  /** fields: the declared type */
  readonly type?: Ast.TypeExpr;
}

export interface Occurrence {
  readonly span: Span;
  readonly symbol: PolSymbol;
  readonly isDeclaration: boolean;
}

const BUILTIN_TYPES = ['Boolean', 'Number', 'Share', 'Date', 'Country', 'days', 'months', 'years'];
const COUNTRY_NAMES = new Map<string, string>(COUNTRIES.map(([code, name]) => [code, name] as const));

/** The shape a path expression has, when it is a record (for `.field`) or an enum (for members). */
type Shape = { readonly kind: 'record'; readonly id: string; readonly fields: readonly Ast.FieldDecl[] } | { readonly kind: 'enum'; readonly name: string } | { readonly kind: 'list'; readonly element: Shape } | undefined;

export class SymbolIndex {
  readonly symbols = new Map<string, PolSymbol>();
  readonly occurrences: Occurrence[] = [];
  private readonly byFile = new Map<string, Occurrence[]>();
  readonly enums = new Map<string, Ast.EnumDecl>();
  readonly records = new Map<string, Ast.RecordDecl>();
  readonly globals = new Map<string, PolSymbol>();
  readonly inputFields = new Map<string, Ast.FieldDecl>();
  input: Ast.InputDecl | undefined;
  decision: Ast.DecisionDecl | undefined;
  readonly variants = new Map<string, Ast.VariantDecl>();
  /** member name -> enums that have it */
  readonly memberOwners = new Map<string, string[]>();
  /** ledger name -> the rules and exceptions whose `records` clauses post to it, in source order */
  readonly recordedBy = new Map<string, (Ast.RuleDecl | Ast.ExceptionDecl)[]>();

  constructor(readonly files: readonly Ast.PolFile[]) {
    for (const f of files) for (const d of f.declarations) this.declare(d);
    for (const name of BUILTIN_TYPES) if (!this.symbols.has(`type:${name}`)) this.add({ id: `type:${name}`, kind: 'builtin-type', name, nameSpan: undefined, decl: undefined });
    for (const f of files) for (const d of f.declarations) this.visitDecl(d);
    for (const o of this.occurrences) {
      const list = this.byFile.get(o.span.file) ?? [];
      list.push(o);
      this.byFile.set(o.span.file, list);
    }
    for (const list of this.byFile.values()) list.sort((a, b) => a.span.start - b.span.start);
  }

  /** The occurrence under an offset (identifiers are never adjacent, so at most one matches). */
  at(file: string, offset: number): Occurrence | undefined {
    const list = this.byFile.get(file);
    if (!list) return undefined;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const o = list[mid]!;
      if (offset < o.span.start) hi = mid - 1;
      else if (offset > o.span.end) lo = mid + 1;
      else return o;
    }
    return undefined;
  }

  occurrencesIn(file: string): readonly Occurrence[] {
    return this.byFile.get(file) ?? [];
  }

  referencesTo(id: string): Occurrence[] {
    return this.occurrences.filter((o) => o.symbol.id === id);
  }

  countryName(code: string): string | undefined {
    return COUNTRY_NAMES.get(code);
  }

  /** The fields of the record a dotted path like `consignee` or `veu` has; undefined when unknown. */
  fieldsOfPath(path: readonly string[]): { readonly id: string; readonly fields: readonly Ast.FieldDecl[] } | undefined {
    let shape: Shape = this.input ? { kind: 'record', id: `field:${this.input.name.name}`, fields: this.input.fields } : undefined;
    for (const part of path) {
      if (shape?.kind !== 'record') return undefined;
      const f = shape.fields.find((x) => x.name.name === part);
      if (!f) return undefined;
      shape = this.shapeOfType(f.type, `${shape.id}.${part}`);
    }
    return shape?.kind === 'record' ? shape : undefined;
  }

  /** The enum a field path has (`consignee.end_use` -> EndUse), for member completion. */
  enumOfPath(path: readonly string[]): string | undefined {
    const parent = path.length === 1 ? (this.input ? { id: '', fields: this.input.fields } : undefined) : this.fieldsOfPath(path.slice(0, -1));
    const f = parent?.fields.find((x) => x.name.name === path[path.length - 1]);
    const shape = f ? this.shapeOfType(f.type, '') : undefined;
    return shape?.kind === 'enum' ? shape.name : undefined;
  }

  private add(s: PolSymbol): PolSymbol {
    if (!this.symbols.has(s.id)) this.symbols.set(s.id, s);
    return this.symbols.get(s.id)!;
  }

  private def(s: PolSymbol): void {
    const sym = this.add(s);
    if (s.nameSpan) this.occurrences.push({ span: s.nameSpan, symbol: sym, isDeclaration: true });
  }

  private ref(span: Span, s: PolSymbol | undefined): void {
    if (s) this.occurrences.push({ span, symbol: s, isDeclaration: false });
  }

  private declare(d: Ast.Declaration): void {
    const n = (kind: SymbolKind, id: string, name: Ast.Identifier, extra: Partial<PolSymbol> = {}): PolSymbol => ({ id, kind, name: name.name, nameSpan: name.span, decl: d, ...extra });
    switch (d.kind) {
      case 'enum':
        this.enums.set(d.name.name, d);
        this.def(n('enum', `type:${d.name.name}`, d.name));
        for (const m of d.members) {
          this.def({ id: `member:${d.name.name}.${m.name}`, kind: 'member', name: m.name, nameSpan: m.span, decl: d, container: d.name.name });
          const owners = this.memberOwners.get(m.name) ?? [];
          owners.push(d.name.name);
          this.memberOwners.set(m.name, owners);
        }
        break;
      case 'unit':
        this.def(n('unit', `unit:${d.name.name}`, d.name));
        break;
      case 'record':
        this.records.set(d.name.name, d);
        this.def(n('record', `type:${d.name.name}`, d.name));
        this.declareFields(d.fields, `field:${d.name.name}`, d.name.name);
        break;
      case 'input':
        this.input ??= d;
        this.def(n('input', `type:${d.name.name}`, d.name));
        for (const f of d.fields) this.inputFields.set(f.name.name, f);
        this.declareFields(d.fields, `field:${d.name.name}`, d.name.name);
        break;
      case 'decision':
        this.decision ??= d;
        this.def(n('decision', `type:${d.name.name}`, d.name));
        for (const v of d.variants) {
          this.variants.set(v.name.name, v);
          this.def({ id: `variant:${v.name.name}`, kind: 'variant', name: v.name.name, nameSpan: v.name.span, decl: v, container: d.name.name });
          for (const p of v.params) this.def({ id: `param:${v.name.name}.${p.name.name}`, kind: 'param', name: p.name.name, nameSpan: p.name.span, decl: p, container: v.name.name, type: p.type });
        }
        break;
      case 'group':
      case 'const':
      case 'define':
      // a ledger's name is read in conditions like a define's (its balance), in the same flat scope
      case 'ledger': {
        const s = n(d.kind, `global:${d.name.name}`, d.name);
        this.def(s);
        this.globals.set(d.name.name, this.symbols.get(s.id)!);
        break;
      }
      case 'rule':
        this.declareRule(d, 'rule', `rule:${d.name.name}`);
        break;
      default:
        break;
    }
  }

  private declareRule(r: Ast.RuleDecl | Ast.ExceptionDecl, kind: 'rule' | 'exception', id: string): void {
    this.def({ id, kind, name: r.name.name, nameSpan: r.name.span, decl: r });
    for (const e of r.exceptions) this.declareRule(e, 'exception', `${id}.${e.name.name}`);
  }

  private declareFields(fields: readonly Ast.FieldDecl[], prefix: string, container: string): void {
    for (const f of fields) {
      const id = `${prefix}.${f.name.name}`;
      this.def({ id, kind: 'field', name: f.name.name, nameSpan: f.name.span, decl: f, container, type: f.type });
      const inner = unwrap(f.type);
      if (inner.kind === 'recordType') this.declareFields(inner.fields, id, container);
    }
  }

  private shapeOfType(t: Ast.TypeExpr, id: string): Shape {
    switch (t.kind) {
      case 'optionalType':
        return this.shapeOfType(t.inner, id);
      case 'listType': {
        const element = this.shapeOfType(t.element, id);
        return element ? { kind: 'list', element } : undefined;
      }
      case 'recordType':
        return { kind: 'record', id, fields: t.fields };
      case 'namedType': {
        const rec = this.records.get(t.name.name);
        if (rec) return { kind: 'record', id: `field:${rec.name.name}`, fields: rec.fields };
        if (this.enums.has(t.name.name) || t.name.name === 'Country') return { kind: 'enum', name: t.name.name };
        return undefined;
      }
    }
  }

  private visitType(t: Ast.TypeExpr): void {
    switch (t.kind) {
      case 'optionalType':
        return this.visitType(t.inner);
      case 'listType':
        return this.visitType(t.element);
      case 'recordType':
        for (const f of t.fields) this.visitType(f.type);
        return;
      case 'namedType':
        this.ref(t.name.span, this.symbols.get(`type:${t.name.name}`) ?? this.symbols.get(`unit:${t.name.name}`));
    }
  }

  private member(name: Ast.Identifier, enumName: string | undefined): void {
    if (enumName === 'Country' || (enumName === undefined && COUNTRY_NAMES.has(name.name) && !this.memberOwners.has(name.name))) {
      if (COUNTRY_NAMES.has(name.name)) this.ref(name.span, this.add({ id: `country:${name.name}`, kind: 'country', name: name.name, nameSpan: undefined, decl: undefined, container: 'Country' }));
      return;
    }
    const owner = enumName ?? this.memberOwners.get(name.name)?.[0];
    if (owner) this.ref(name.span, this.symbols.get(`member:${owner}.${name.name}`));
  }

  private visitDecl(d: Ast.Declaration): void {
    const top: Scope = new Map();
    switch (d.kind) {
      case 'record':
      case 'input':
        for (const f of d.fields) this.visitType(f.type);
        if (d.kind === 'input' && d.asOf) this.ref(d.asOf.span, this.symbols.get(`field:${d.name.name}.${d.asOf.name}`));
        return;
      case 'decision':
        for (const v of d.variants) for (const p of v.params) this.visitType(p.type);
        return;
      case 'group':
        this.ref(d.of.span, this.symbols.get(`type:${d.of.name}`));
        this.expr(d.value, top, d.of.name);
        return;
      case 'const':
      case 'define':
        this.expr(d.value, top);
        return;
      case 'require':
        this.expr(d.condition, top);
        return;
      case 'ledger':
        this.ref(d.unit.span, this.symbols.get(`unit:${d.unit.name}`) ?? this.symbols.get(`type:${d.unit.name}`));
        for (const k of d.keys) this.expr(k.value, top);
        if (d.opening) this.expr(d.opening, top);
        return;
      case 'rule':
        this.ruleBody(d);
        return;
      case 'otherwise':
        this.decide(d.decide, top);
        return;
      case 'example':
        this.value(d.given, this.input ? { kind: 'record', id: `field:${this.input.name.name}`, fields: this.input.fields } : undefined);
        this.decide(d.expect, top);
        return;
      default:
        return;
    }
  }

  private ruleBody(r: Ast.RuleDecl | Ast.ExceptionDecl): void {
    const top: Scope = new Map();
    if (r.when) this.expr(r.when, top);
    this.decide(r.decide, top);
    for (const c of r.records) {
      this.expr(c.amount, top);
      if (!c.ledger) continue;
      const l = this.globals.get(c.ledger.name);
      if (l?.kind !== 'ledger') continue;
      this.ref(c.ledger.span, l);
      const by = this.recordedBy.get(l.name) ?? [];
      if (!by.includes(r)) by.push(r);
      this.recordedBy.set(l.name, by);
    }
    for (const e of r.exceptions) this.ruleBody(e);
  }

  private decide(d: Ast.DecisionExpr, scope: Scope): void {
    this.ref(d.variant.span, this.symbols.get(`variant:${d.variant.name}`));
    for (const a of d.args) {
      const param = this.symbols.get(`param:${d.variant.name}.${a.name.name}`);
      this.ref(a.name.span, param);
      const shape = param?.type ? this.shapeOfType(param.type, '') : undefined;
      this.expr(a.value, scope, shape?.kind === 'enum' ? shape.name : undefined);
    }
  }

  private value(v: Ast.Value, shape: Shape): void {
    switch (v.kind) {
      case 'recordValue':
        for (const f of v.fields) {
          const decl = shape?.kind === 'record' ? shape.fields.find((x) => x.name.name === f.name.name) : undefined;
          if (shape?.kind === 'record') this.ref(f.name.span, this.symbols.get(`${shape.id}.${f.name.name}`));
          this.value(f.value, decl ? this.shapeOfType(decl.type, `${shape?.kind === 'record' ? shape.id : ''}.${f.name.name}`) : undefined);
        }
        return;
      case 'listValue':
        for (const item of v.items) this.value(item, shape?.kind === 'list' ? shape.element : undefined);
        return;
      case 'identifier':
        this.member(v, shape?.kind === 'enum' ? shape.name : undefined);
        return;
      case 'number':
        if (v.unit) this.ref(v.unit.span, this.symbols.get(`unit:${v.unit.name}`));
        return;
      default:
        return;
    }
  }

  /** Visits an expression and returns its shape when it is a path to a record, list or enum. */
  private expr(e: Ast.Expr, scope: Scope, expectEnum?: string): Shape {
    switch (e.kind) {
      case 'identifier': {
        const binder = scope.get(e.name);
        if (binder) {
          this.ref(e.span, binder.symbol);
          return binder.shape;
        }
        const g = this.globals.get(e.name);
        if (g) {
          this.ref(e.span, g);
          return g.kind === 'group' ? { kind: 'enum', name: (g.decl as Ast.GroupDecl).of.name } : undefined;
        }
        const field = this.inputFields.get(e.name);
        if (field && this.input) {
          const id = `field:${this.input.name.name}.${e.name}`;
          this.ref(e.span, this.symbols.get(id));
          return this.shapeOfType(field.type, id);
        }
        this.member(e, expectEnum);
        return expectEnum ? { kind: 'enum', name: expectEnum } : undefined;
      }
      case 'member': {
        const obj = this.expr(e.object, scope);
        if (obj?.kind === 'record') {
          const f = obj.fields.find((x) => x.name.name === e.property.name);
          const id = `${obj.id}.${e.property.name}`;
          this.ref(e.property.span, this.symbols.get(id));
          return f ? this.shapeOfType(f.type, id) : undefined;
        }
        return undefined;
      }
      case 'number':
        if (e.unit) this.ref(e.unit.span, this.symbols.get(`unit:${e.unit.name}`));
        return undefined;
      case 'unary':
        this.expr(e.operand, scope);
        return undefined;
      case 'binary': {
        const l = this.expr(e.left, scope, expectEnum);
        const r = this.expr(e.right, scope, expectEnum);
        return e.op === '+' || e.op === '-' ? (l ?? r) : undefined;
      }
      case 'compare': {
        const l = this.expr(e.left, scope);
        this.expr(e.right, scope, l?.kind === 'enum' ? l.name : undefined);
        return undefined;
      }
      case 'in': {
        const el = this.expr(e.element, scope);
        this.expr(e.set, scope, el?.kind === 'enum' ? el.name : undefined);
        return undefined;
      }
      case 'is': {
        const s = this.expr(e.subject, scope);
        if (e.test.kind === 'identifier') this.member(e.test, s?.kind === 'enum' ? s.name : undefined);
        return undefined;
      }
      case 'coalesce': {
        const v = this.expr(e.value, scope, expectEnum);
        this.expr(e.fallback, scope, v?.kind === 'enum' ? v.name : expectEnum);
        return v;
      }
      case 'set':
        for (const m of e.members) {
          const g = this.globals.get(m.name.name);
          if (g?.kind === 'group') this.ref(m.name.span, g);
          else this.member(m.name, expectEnum);
        }
        return expectEnum ? { kind: 'enum', name: expectEnum } : undefined;
      case 'every':
        this.ref(e.enumName.span, this.symbols.get(`type:${e.enumName.name}`));
        return { kind: 'enum', name: e.enumName.name };
      case 'aggregate': {
        const list = this.expr(e.list, scope);
        const symbol: PolSymbol = { id: `binder:${e.binder.span.file}:${e.binder.span.start}`, kind: 'binder', name: e.binder.name, nameSpan: e.binder.span, decl: e };
        this.def(symbol);
        const inner = new Map(scope);
        inner.set(e.binder.name, { symbol: this.symbols.get(symbol.id)!, shape: list?.kind === 'list' ? list.element : undefined });
        if (e.body) this.expr(e.body, inner);
        if (e.where) this.expr(e.where, inner);
        return undefined;
      }
      case 'paren':
        return this.expr(e.inner, scope, expectEnum);
      case 'daysBetween':
        this.expr(e.from, scope);
        this.expr(e.to, scope);
        return undefined;
      case 'calendarYear':
        this.expr(e.date, scope);
        return undefined;
      default:
        return undefined;
    }
  }
}

type Scope = ReadonlyMap<string, { readonly symbol: PolSymbol; readonly shape: Shape }>;

export function unwrap(t: Ast.TypeExpr): Ast.TypeExpr {
  return t.kind === 'optionalType' ? unwrap(t.inner) : t;
}

/**
 * Stage 1 of the checker: what the policy declares. Collects every top-level name (reporting
 * duplicates), resolves the declared types (records, the input, the decision's fields), and orders
 * the constants, groups and definitions so each comes after the ones it uses, reporting cycles.
 * The result is a frozen table: the later stages read it and never add to it.
 */
import type * as A from '../ast/nodes.ts';
import { forEachChild } from '../ast/visit.ts';
import { COUNTRIES } from '../builtins/countries.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { SourceFile, Span } from '../source/span.ts';
import { BOOL, DATE, ERROR, ID, NUMBER, numberOf, sameType, SHARE, type Type } from '../types/pol-types.ts';
import { baseDim, combine, dimKey, type Dim } from '../types/units.ts';
import * as E from './errors.ts';
import type { EnumInfo, RecordTypeT, VariantInfo } from './program.ts';

export type Global = A.ConstDecl | A.DefineDecl | A.GroupDecl;

const BUILTIN_TYPES = new Set(['Boolean', 'Number', 'Date', 'Country', 'Id', 'Share', 'days', 'months', 'years']);

export interface SymbolTable {
  readonly files: readonly A.PolFile[];
  readonly sources: ReadonlyMap<string, SourceFile>;
  readonly rootPath: string;
  /** every declaration of every file, in load order */
  readonly declarations: readonly A.Declaration[];
  readonly header: A.PolicyHeader | undefined;
  readonly enums: ReadonlyMap<string, EnumInfo>;
  readonly units: ReadonlyMap<string, A.UnitDecl>;
  /** each unit's dimension (durations included), and the unit a name stands for (a derived unit equal to an earlier one is that one) */
  readonly unitDims: ReadonlyMap<string, Dim>;
  readonly unitNames: ReadonlyMap<string, string>;
  /** the declared unit of each dimension, by dimKey */
  readonly unitByDim: ReadonlyMap<string, string>;
  readonly records: ReadonlyMap<string, A.RecordDecl>;
  readonly globals: ReadonlyMap<string, Global>;
  /** every global, each after the globals it uses (a use that closes a cycle is not followed) */
  readonly globalOrder: readonly Global[];
  readonly input: { readonly decl: A.InputDecl; readonly type: RecordTypeT } | undefined;
  readonly decision: { readonly decl: A.DecisionDecl; readonly variants: ReadonlyMap<string, VariantInfo> } | undefined;
  readonly otherwise: A.OtherwiseDecl | undefined;
  /** the first declaration of each top-level name (later ones were reported as duplicates) */
  readonly declared: ReadonlyMap<string, Span | undefined>;
  /** ledgers by name, in declaration order */
  readonly ledgers: ReadonlyMap<string, A.LedgerDecl>;
  /** names used as types (records, enums, units) by the declarations */
  readonly usedTypes: ReadonlySet<string>;
}

export function collectSymbols(files: readonly A.PolFile[], sources: ReadonlyMap<string, SourceFile>, rootPath: string, out: Diagnostic[]): SymbolTable {
  const declarations = files.flatMap((f) => f.declarations);
  const c = new Collector(out);
  c.collect(declarations);
  let header: A.PolicyHeader | undefined;
  for (const f of files) {
    if (!f.header) continue;
    if (header) out.push(E.multipleHeaders(f.header.span));
    else header = f.header;
  }
  // A missing input or decision is reported at the end of the last file.
  const last = files.at(-1)?.span;
  const end = last && { ...last, end: 0 };
  const input = c.inputDecl ? c.input(c.inputDecl) : (out.push(E.missingInput(end)), undefined);
  const variants = c.decisionDecl ? c.variants(c.decisionDecl) : (out.push(E.missingDecision(end)), undefined);
  // Records nothing uses are still resolved, so a typo in one is found before it is needed.
  for (const [name, rec] of c.records) {
    if (!c.recordTypes.has(name)) c.recordTypes.set(name, c.recordType(rec.fields, name));
  }
  const globalOrder = orderGlobals(c.globals, out);
  if (!c.otherwiseDecl && c.decisionDecl) out.push(E.missingOtherwise(c.decisionDecl));
  return Object.freeze({
    files,
    sources,
    rootPath,
    declarations,
    header,
    enums: c.enums,
    units: c.units,
    unitDims: c.unitDims,
    unitNames: c.unitNames,
    unitByDim: c.unitByDim,
    records: c.records,
    globals: c.globals,
    globalOrder,
    input,
    decision: c.decisionDecl && variants ? { decl: c.decisionDecl, variants } : undefined,
    otherwise: c.otherwiseDecl,
    declared: c.declared,
    ledgers: c.ledgers,
    usedTypes: c.usedTypes,
  });
}

class Collector {
  readonly enums = new Map<string, EnumInfo>();
  readonly units = new Map<string, A.UnitDecl>();
  readonly unitDims = new Map<string, Dim>();
  readonly unitNames = new Map<string, string>();
  readonly unitByDim = new Map<string, string>();
  readonly records = new Map<string, A.RecordDecl>();
  readonly recordTypes = new Map<string, Type>();
  readonly globals = new Map<string, Global>();
  readonly ledgers = new Map<string, A.LedgerDecl>();
  readonly declared = new Map<string, Span | undefined>();
  readonly usedTypes = new Set<string>();
  private readonly ruleIds = new Map<string, Span>();
  inputDecl: A.InputDecl | undefined;
  decisionDecl: A.DecisionDecl | undefined;
  otherwiseDecl: A.OtherwiseDecl | undefined;

  constructor(private readonly out: Diagnostic[]) {
    this.enums.set('Country', {
      name: 'Country',
      members: COUNTRIES.map(([code]) => code),
      labels: new Map(COUNTRIES.map(([code, name]) => [code, name] as const)),
      decl: undefined,
    });
  }

  private declare(name: A.Identifier, what: string): boolean {
    if (!name.name) return false;
    const prev = this.declared.get(name.name);
    const builtin = BUILTIN_TYPES.has(name.name);
    if (prev !== undefined || builtin) {
      this.out.push(E.duplicateDeclaration(name, what, prev, builtin));
      return false;
    }
    this.declared.set(name.name, name.span);
    return true;
  }

  collect(all: readonly A.Declaration[]): void {
    for (const d of all) {
      switch (d.kind) {
        case 'enum': {
          if (!this.declare(d.name, 'enum')) break;
          const seen = new Set<string>();
          for (const m of d.members) {
            if (seen.has(m.name)) this.out.push(E.duplicateEnumMember(m, d.name.name));
            seen.add(m.name);
          }
          this.enums.set(d.name.name, { name: d.name.name, members: [...seen], decl: d });
          break;
        }
        case 'unit':
          if (this.declare(d.name, 'unit')) this.units.set(d.name.name, d);
          break;
        case 'record':
          if (this.declare(d.name, 'record')) this.records.set(d.name.name, d);
          break;
        case 'group':
        case 'const':
        case 'define':
          if (this.declare(d.name, d.kind)) this.globals.set(d.name.name, d);
          break;
        case 'input':
          if (this.inputDecl) this.out.push(E.multipleOf('input', d.span, this.inputDecl.span));
          else if (this.declare(d.name, 'input')) this.inputDecl = d;
          break;
        case 'decision':
          if (this.decisionDecl) this.out.push(E.multipleOf('decision', d.span, this.decisionDecl.span));
          else if (this.declare(d.name, 'decision')) this.decisionDecl = d;
          break;
        case 'otherwise':
          if (this.otherwiseDecl) this.out.push(E.multipleOf('otherwise', d.span, this.otherwiseDecl.span));
          else this.otherwiseDecl = d;
          break;
        case 'rule':
          this.collectRuleIds(d);
          break;
        case 'ledger':
          if (this.declare(d.name, 'ledger')) this.ledgers.set(d.name.name, d);
          break;
        default:
          break;
      }
    }
    this.dimensions();
  }

  /** Dimensions in declaration order: a derived unit uses units declared before it. */
  private dimensions(): void {
    for (const name of ['days', 'months', 'years']) this.defineUnit(name, baseDim(name));
    for (const [name, d] of this.units) {
      if (!d.formula) {
        this.defineUnit(name, baseDim(name));
        continue;
      }
      let dim: Dim = new Map();
      let ok = true;
      for (const f of d.formula) {
        const fd = this.unitDims.get(f.unit.name);
        this.usedTypes.add(f.unit.name);
        if (!fd) {
          this.out.push(this.units.has(f.unit.name) ? E.unitUsedBeforeDefinition(f.unit) : E.unknownUnit(f.unit, this.unitDims.keys()));
          ok = false;
          continue;
        }
        dim = combine(dim, fd, f.op);
      }
      if (!ok) continue;
      if (dim.size === 0) {
        this.out.push(E.unitWithoutDimension(d));
        continue;
      }
      this.defineUnit(name, dim);
    }
  }

  private defineUnit(name: string, dim: Dim): void {
    const key = dimKey(dim);
    const same = this.unitByDim.get(key);
    this.unitDims.set(name, dim);
    this.unitNames.set(name, same ?? name);
    if (!same) this.unitByDim.set(key, name);
  }

  private collectRuleIds(r: A.RuleDecl | A.ExceptionDecl): void {
    const prev = this.ruleIds.get(r.name.name);
    if (prev) this.out.push(E.duplicateRuleName(r.name, prev));
    else if (r.name.name) this.ruleIds.set(r.name.name, r.name.span);
    for (const e of r.exceptions) this.collectRuleIds(e);
  }

  input(decl: A.InputDecl): { decl: A.InputDecl; type: RecordTypeT } {
    this.usedTypes.add(decl.name.name);
    const type = this.recordType(decl.fields, decl.name.name);
    const asOf = decl.asOf;
    if (asOf) {
      const ft = type.fields.get(asOf.name);
      if (!ft) this.out.push(E.unknownAsOfField(asOf, type.fields.keys()));
      else if (ft.kind !== 'date') this.out.push(E.asOfNotDate(asOf, ft));
    }
    return { decl, type };
  }

  variants(decl: A.DecisionDecl): ReadonlyMap<string, VariantInfo> {
    this.usedTypes.add(decl.name.name);
    const variants = new Map<string, VariantInfo>();
    for (const v of decl.variants) {
      if (variants.has(v.name.name)) {
        this.out.push(E.duplicateOutcome(v.name));
        continue;
      }
      const seen = new Set<string>();
      const params: { name: string; type: Type }[] = [];
      for (const p of v.params) {
        if (seen.has(p.name.name)) this.out.push(E.duplicateOutcomeField(p.name));
        if (E.RESERVED_FIELDS.includes(p.name.name)) this.out.push(E.reservedField(p.name));
        seen.add(p.name.name);
        params.push({ name: p.name.name, type: this.resolveType(p.type) });
      }
      variants.set(v.name.name, { name: v.name.name, params, decl: v });
    }
    // The same field name in two variants must mean the same thing: decisions print as one flat record.
    const fieldTypes = new Map<string, Type>();
    for (const v of variants.values()) {
      for (const p of v.params) {
        const prev = fieldTypes.get(p.name);
        if (prev && !sameType(prev, p.type)) this.out.push(E.outcomeFieldConflict(p.name, prev, p.type, v.decl));
        fieldTypes.set(p.name, p.type);
      }
    }
    if (decl.variants.length === 0) this.out.push(E.noOutcomes(decl));
    return variants;
  }

  recordType(fields: readonly A.FieldDecl[], name: string | undefined): RecordTypeT {
    const map = new Map<string, Type>();
    for (const f of fields) {
      if (!f.name.name) continue;
      if (map.has(f.name.name)) {
        this.out.push(E.duplicateRecordField(f.name));
        continue;
      }
      map.set(f.name.name, this.resolveType(f.type));
    }
    return { kind: 'record', name, fields: map };
  }

  private resolveType(t: A.TypeExpr): Type {
    switch (t.kind) {
      case 'optionalType': {
        const inner = this.resolveType(t.inner);
        return inner.kind === 'optional' ? inner : { kind: 'optional', inner };
      }
      case 'listType':
        return { kind: 'list', element: this.resolveType(t.element) };
      case 'recordType':
        return this.recordType(t.fields, undefined);
      case 'namedType': {
        const name = t.name.name;
        if (!name) return ERROR;
        this.usedTypes.add(name);
        if (name === 'Boolean') return BOOL;
        if (name === 'Number') return NUMBER;
        if (name === 'Date') return DATE;
        if (name === 'Id') return ID;
        if (name === 'days' || name === 'months' || name === 'years') return numberOf(name);
        if (name === 'Share') return SHARE;
        if (this.enums.has(name)) return { kind: 'enum', name };
        if (this.units.has(name)) return numberOf(this.unitNames.get(name) ?? name);
        const rec = this.records.get(name);
        if (rec) {
          let rt = this.recordTypes.get(name);
          if (!rt) {
            this.recordTypes.set(name, ERROR); // a record that contains itself stops here
            rt = this.recordType(rec.fields, name);
            this.recordTypes.set(name, rt);
          }
          return rt;
        }
        this.out.push(E.unknownType(t.name, ['Boolean', 'Number', 'Share', 'Date', 'Id', 'days', 'months', 'years', ...this.enums.keys(), ...this.units.keys(), ...this.records.keys()]));
        return ERROR;
      }
    }
  }
}

/**
 * Depth first over the globals each one names, in declaration order and, inside a value, in the
 * order the type checker reads it: each global comes after those it uses, so the type checker
 * meets every use of a global after its type is known, except a use that closes a cycle (reported
 * here, once per global it re-enters).
 */
function orderGlobals(globals: ReadonlyMap<string, Global>, out: Diagnostic[]): Global[] {
  const order: Global[] = [];
  const done = new Set<Global>();
  const active = new Set<Global>();
  const cyclic = new Set<Global>();
  const visit = (g: Global): void => {
    if (done.has(g) || cyclic.has(g)) return;
    if (active.has(g)) {
      out.push(E.definitionCycle(g.name));
      cyclic.add(g);
      return;
    }
    active.add(g);
    for (const dep of globalsUsed(g, globals)) visit(dep);
    active.delete(g);
    done.add(g);
    order.push(g);
  };
  for (const g of globals.values()) visit(g);
  return order;
}

/**
 * The globals a global's value names, in reading order. Aggregate binders hide globals of the
 * same name; a constant or group naming a `define` is an error (reported by the type checker),
 * not a dependency.
 */
function globalsUsed(g: Global, globals: ReadonlyMap<string, Global>): Global[] {
  const found: Global[] = [];
  const constant = g.kind !== 'define';
  const walk = (e: A.Expr, bound: ReadonlySet<string>): void => {
    if (e.kind === 'identifier') {
      const dep = bound.has(e.name) ? undefined : globals.get(e.name);
      if (dep && !(constant && dep.kind === 'define')) found.push(dep);
      return;
    }
    if (e.kind === 'aggregate') {
      walk(e.list, bound);
      const inner = new Set(bound).add(e.binder.name);
      if (e.where) walk(e.where, inner);
      if (e.body) walk(e.body, inner);
      return;
    }
    forEachChild(e, walk, bound);
  };
  walk(g.value, new Set());
  return found;
}

/**
 * The checker: name resolution and type checking of a whole policy (all its files), before
 * anything runs. One readable recursive pass over declarations and expressions. Errors are
 * gathered, never thrown; an expression with an error gets the type `error`, which every use
 * accepts, so one mistake is reported once.
 */
import type * as A from '../ast/nodes.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { Span, SourceFile } from '../source/span.ts';
import { COUNTRIES } from '../builtins/countries.ts';
import { Rational } from '../values/rational.ts';
import { validateValue, type EnumMembers } from '../values/validate.ts';
import type { CheckedProgram, EnumInfo, RecordTypeT, Resolution, VariantInfo } from './program.ts';
import { BOOL, DATE, ERROR, NUMBER, numberOf, sameType, typeToString, type Type } from '../types/pol-types.ts';
import { suggest } from './suggest.ts';
import { exampleToJson, valueAtPath } from './example-value.ts';

export interface CheckResult {
  /** present when there are no errors (warnings allowed) */
  readonly program: CheckedProgram | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

const BUILTIN_TYPES = new Set(['Boolean', 'Number', 'Date', 'Country']);

type Global = A.ConstDecl | A.DefineDecl | A.GroupDecl;

/** Paths (`in:item.tpp`) known to be present here, from `is present` tests on the way in. */
type Facts = ReadonlySet<string>;
const NO_FACTS: Facts = new Set();

interface Scope {
  readonly binders: ReadonlyMap<string, { type: Type; aggregate: A.AggregateExpr }>;
  /** inside a const or group: the input is out of reach */
  readonly constant: boolean;
}

export function checkProgram(files: readonly A.PolFile[], sources: ReadonlyMap<string, SourceFile>, rootPath: string): CheckResult {
  return new Checker(files, sources, rootPath).run();
}

class Checker {
  private readonly diagnostics: Diagnostic[] = [];
  private readonly types = new WeakMap<A.Expr, Type>();
  private readonly resolutions = new WeakMap<A.Identifier, Resolution>();
  private readonly enums = new Map<string, EnumInfo>();
  private readonly units = new Map<string, A.UnitDecl>();
  private readonly records = new Map<string, A.RecordDecl>();
  private readonly recordTypes = new Map<string, Type>();
  private readonly globals = new Map<string, Global>();
  private readonly globalTypes = new Map<Global, Type>();
  private readonly globalOrder: Global[] = [];
  private readonly checking = new Set<Global>();
  private readonly used = new Set<string>();
  /** names declared anywhere at top level, for duplicate detection and suggestions */
  private readonly declared = new Map<string, Span | undefined>();
  private readonly ruleIds = new Map<string, Span>();
  private inputDecl: A.InputDecl | undefined;
  private inputType: RecordTypeT | undefined;
  private decisionDecl: A.DecisionDecl | undefined;
  private variants = new Map<string, VariantInfo>();
  private otherwiseDecl: A.OtherwiseDecl | undefined;
  private header: A.PolicyHeader | undefined;
  private datedSpan: Span | undefined;

  constructor(
    private readonly files: readonly A.PolFile[],
    private readonly sources: ReadonlyMap<string, SourceFile>,
    private readonly rootPath: string,
  ) {}

  private error(code: Diagnostic['code'], message: string, span: Span | undefined, extra: Partial<Diagnostic> = {}): void {
    this.diagnostics.push({ code, severity: 'error', message, span, ...extra });
  }

  private warn(code: Diagnostic['code'], message: string, span: Span | undefined, extra: Partial<Diagnostic> = {}): void {
    this.diagnostics.push({ code, severity: 'warning', message, span, ...extra });
  }

  run(): CheckResult {
    this.enums.set('Country', {
      name: 'Country',
      members: COUNTRIES.map(([code]) => code),
      labels: new Map(COUNTRIES.map(([code, name]) => [code, name] as const)),
      decl: undefined,
    });
    const all = this.files.flatMap((f) => f.declarations);
    this.collect(all);
    for (const f of this.files) {
      if (!f.header) continue;
      if (this.header) this.error('check/multiple-declarations', 'a policy has one `policy` header, in its main file', f.header.span);
      else this.header = f.header;
    }
    this.checkInputAndDecision(all);
    // Records nothing uses are still checked, so a typo in one is found before it is needed.
    for (const [name, rec] of this.records) {
      if (!this.recordTypes.has(name)) this.recordTypes.set(name, this.recordType(rec.fields, name));
    }
    for (const g of this.globals.values()) this.globalType(g);
    const requires: A.RequireDecl[] = [];
    const rules: A.RuleDecl[] = [];
    const examples: A.ExampleDecl[] = [];
    for (const d of all) {
      switch (d.kind) {
        case 'require':
          this.expectBool(d.condition, NO_FACTS, this.inputScope());
          requires.push(d);
          break;
        case 'rule':
          this.checkRuleBody(d, NO_FACTS);
          rules.push(d);
          break;
        case 'otherwise':
          if (this.otherwiseDecl) {
            this.error('check/multiple-declarations', 'a policy has one `otherwise` decision', d.span, {
              labels: [{ span: this.otherwiseDecl.span, message: 'the first `otherwise` is here' }],
            });
          } else this.otherwiseDecl = d;
          this.checkDecision(d.decide, NO_FACTS, this.inputScope());
          break;
        case 'example':
          examples.push(d);
          break;
        default:
          break;
      }
    }
    for (const ex of examples) this.checkExample(ex);
    if (!this.otherwiseDecl && this.decisionDecl) {
      this.error('check/missing-otherwise', 'no `otherwise` decision: some inputs would get no decision', this.decisionDecl.span, {
        help: 'add `otherwise decide <variant>` for inputs that no rule decides',
      });
    }
    if (this.datedSpan && this.inputDecl && !this.inputDecl.asOf) {
      this.error('check/missing-as-of', 'this policy has dates that depend on when it is applied, but the input has no `as of` date', this.datedSpan, {
        labels: [{ span: this.inputDecl.name.span, message: 'name the date field here: `input ... as of date`' }],
        help: 'declare the input as `input Name as of <date field> { ... }`',
      });
    }
    this.reportUnused(all);

    const hasErrors = this.diagnostics.some((d) => d.severity === 'error');
    if (hasErrors || !this.inputDecl || !this.inputType || !this.decisionDecl || !this.otherwiseDecl) {
      return { program: undefined, diagnostics: this.diagnostics };
    }
    const types = this.types;
    const resolutions = this.resolutions;
    const byKind = <K extends Global['kind']>(kind: K) => this.globalOrder.filter((g): g is Extract<Global, { kind: K }> => g.kind === kind);
    const program: CheckedProgram = {
      files: this.files,
      sources: this.sources,
      rootPath: this.rootPath,
      header: this.header,
      enums: this.enums,
      units: this.units,
      input: { name: this.inputDecl.name.name, asOf: this.inputDecl.asOf?.name, type: this.inputType, decl: this.inputDecl },
      decision: { name: this.decisionDecl.name.name, variants: [...this.variants.values()], decl: this.decisionDecl },
      groups: byKind('group'),
      consts: byKind('const'),
      defines: byKind('define'),
      requires,
      rules,
      otherwise: this.otherwiseDecl,
      examples,
      typeOf(e) {
        return types.get(e) ?? ERROR;
      },
      resolve(id) {
        const r = resolutions.get(id);
        if (!r) throw new Error(`internal error: unresolved name \`${id.name}\` (this is a bug in Pol, please report it)`);
        return r;
      },
    };
    return { program, diagnostics: this.diagnostics };
  }

  // ---- declarations ----

  private declare(name: A.Identifier, what: string): boolean {
    if (!name.name) return false;
    const prev = this.declared.get(name.name);
    if (prev !== undefined || BUILTIN_TYPES.has(name.name)) {
      this.error('check/duplicate-declaration', `\`${name.name}\` is declared twice`, name.span, {
        label: `this ${what} reuses the name`,
        labels: prev ? [{ span: prev, message: 'first declared here' }] : [],
        help: BUILTIN_TYPES.has(name.name) ? `\`${name.name}\` is built in; choose another name` : 'rename one of them',
      });
      return false;
    }
    this.declared.set(name.name, name.span);
    return true;
  }

  private collect(all: readonly A.Declaration[]): void {
    for (const d of all) {
      switch (d.kind) {
        case 'enum': {
          if (!this.declare(d.name, 'enum')) break;
          const seen = new Set<string>();
          for (const m of d.members) {
            if (seen.has(m.name)) this.error('check/duplicate-declaration', `\`${m.name}\` is listed twice in \`${d.name.name}\``, m.span);
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
          if (this.inputDecl) {
            this.error('check/multiple-declarations', 'a policy has one `input` declaration', d.span, {
              labels: [{ span: this.inputDecl.span, message: 'the first `input` is here' }],
            });
          } else if (this.declare(d.name, 'input')) this.inputDecl = d;
          break;
        case 'decision':
          if (this.decisionDecl) {
            this.error('check/multiple-declarations', 'a policy has one `decision` declaration', d.span, {
              labels: [{ span: this.decisionDecl.span, message: 'the first `decision` is here' }],
            });
          } else if (this.declare(d.name, 'decision')) this.decisionDecl = d;
          break;
        case 'rule':
          this.collectRuleIds(d);
          break;
        default:
          break;
      }
    }
  }

  private collectRuleIds(r: A.RuleDecl | A.ExceptionDecl): void {
    const prev = this.ruleIds.get(r.name.name);
    if (prev) {
      this.error('check/duplicate-declaration', `two rules or exceptions are named \`${r.name.name}\``, r.name.span, {
        labels: [{ span: prev, message: 'first used here' }],
        help: 'rule and exception names identify them in every decision trace, so each must be unique',
      });
    } else if (r.name.name) this.ruleIds.set(r.name.name, r.name.span);
    for (const e of r.exceptions) this.collectRuleIds(e);
  }

  private checkInputAndDecision(all: readonly A.Declaration[]): void {
    if (!this.inputDecl) {
      this.error('check/missing-input', 'no `input` declaration: the policy does not say what it decides on', this.files.at(-1)?.span && { ...this.files.at(-1)!.span, end: 0 }, {
        help: 'declare the input, e.g. `input Transaction { destination: Country }`',
      });
    } else {
      this.used.add(this.inputDecl.name.name);
      const t = this.recordType(this.inputDecl.fields, this.inputDecl.name.name);
      this.inputType = t;
      const asOf = this.inputDecl.asOf;
      if (asOf) {
        const ft = t.fields.get(asOf.name);
        if (!ft) {
          this.error('check/unknown-field', `the input has no field \`${asOf.name}\` to take the date from`, asOf.span, {
            help: hint(suggest(asOf.name, t.fields.keys())),
          });
        } else if (ft.kind !== 'date') {
          this.error('check/type-mismatch', `the \`as of\` field must be a Date, but \`${asOf.name}\` is ${typeToString(ft)}`, asOf.span);
        }
      }
    }
    if (!this.decisionDecl) {
      this.error('check/missing-decision', 'no `decision` declaration: the policy does not say what it can decide', this.files.at(-1)?.span && { ...this.files.at(-1)!.span, end: 0 }, {
        help: 'declare the decisions, e.g. `decision Decision { allowed, denied }`',
      });
    } else {
      this.used.add(this.decisionDecl.name.name);
      for (const v of this.decisionDecl.variants) {
        if (this.variants.has(v.name.name)) {
          this.error('check/duplicate-declaration', `the decision \`${v.name.name}\` is listed twice`, v.name.span);
          continue;
        }
        const seen = new Set<string>();
        const params: { name: string; type: Type }[] = [];
        for (const p of v.params) {
          if (seen.has(p.name.name)) this.error('check/duplicate-field', `\`${p.name.name}\` is listed twice`, p.name.span);
          seen.add(p.name.name);
          params.push({ name: p.name.name, type: this.resolveType(p.type) });
        }
        this.variants.set(v.name.name, { name: v.name.name, params, decl: v });
      }
      // The same field name in two variants must mean the same thing: decisions print as one flat record.
      const fieldTypes = new Map<string, Type>();
      for (const v of this.variants.values()) {
        for (const p of v.params) {
          const prev = fieldTypes.get(p.name);
          if (prev && !sameType(prev, p.type)) {
            this.error('check/type-mismatch', `\`${p.name}\` has different types in different decisions (${typeToString(prev)} and ${typeToString(p.type)})`, v.decl.span);
          }
          fieldTypes.set(p.name, p.type);
        }
      }
      if (this.decisionDecl.variants.length === 0) {
        this.error('check/missing-decision', 'the decision lists no outcomes', this.decisionDecl.span);
      }
    }
    void all;
  }

  // ---- types ----

  private recordType(fields: readonly A.FieldDecl[], name: string | undefined): RecordTypeT {
    const map = new Map<string, Type>();
    for (const f of fields) {
      if (!f.name.name) continue;
      if (map.has(f.name.name)) {
        this.error('check/duplicate-field', `the field \`${f.name.name}\` is declared twice`, f.name.span);
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
        this.used.add(name);
        if (name === 'Boolean') return BOOL;
        if (name === 'Number') return NUMBER;
        if (name === 'Date') return DATE;
        if (this.enums.has(name)) return { kind: 'enum', name };
        if (this.units.has(name)) return numberOf(name);
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
        const known = ['Boolean', 'Number', 'Date', ...this.enums.keys(), ...this.units.keys(), ...this.records.keys()];
        this.error('check/unknown-type', `there is no type named \`${name}\``, t.name.span, {
          help: hint(suggest(name, known)) ?? 'types are Boolean, Number, Date, a unit, an enum or a record',
        });
        return ERROR;
      }
    }
  }

  // ---- globals: const, group, define ----

  private globalType(g: Global): Type {
    const done = this.globalTypes.get(g);
    if (done) return done;
    if (this.checking.has(g)) {
      this.error('check/definition-cycle', `\`${g.name.name}\` is defined in terms of itself`, g.name.span, {
        help: 'a definition may use other definitions, but not in a circle',
      });
      this.globalTypes.set(g, ERROR);
      return ERROR;
    }
    this.checking.add(g);
    let type: Type;
    const constant = g.kind !== 'define';
    const scope: Scope = { binders: new Map(), constant };
    if (g.kind === 'group') {
      this.used.add(g.of.name);
      if (!this.enums.has(g.of.name)) {
        this.error('check/unknown-type', `groups are sets of an enum, and \`${g.of.name}\` is not one`, g.of.span, {
          help: hint(suggest(g.of.name, this.enums.keys())),
        });
        type = ERROR;
        this.expr(g.value, undefined, NO_FACTS, scope);
      } else {
        const expected: Type = { kind: 'set', of: g.of.name };
        const t = this.expr(g.value, expected, NO_FACTS, scope);
        if (!sameType(t, expected)) this.mismatch(g.value, expected, t);
        type = expected;
      }
    } else {
      type = this.expr(g.value, undefined, NO_FACTS, scope);
      if (type.kind === 'optional') {
        this.error('check/optional-not-handled', `\`${g.name.name}\` may be absent; definitions must have a value`, g.value.span, {
          help: 'give a fallback with `otherwise`, e.g. `x otherwise 0`',
        });
      }
    }
    this.checking.delete(g);
    this.globalTypes.set(g, type);
    this.globalOrder.push(g);
    return type;
  }

  // ---- rules ----

  private inputScope(): Scope {
    return { binders: new Map(), constant: false };
  }

  private checkRuleBody(r: A.RuleDecl | A.ExceptionDecl, facts: Facts): void {
    const what = r.kind === 'rule' ? 'rule' : 'exception';
    if (r.cites.length === 0) {
      this.error('check/missing-citation', `the ${what} \`${r.name.name}\` cites no section of the rule`, r.name.span, {
        help: 'add `cites "15 CFR ..."` as its first line',
      });
    }
    if (r.effective || r.until) this.datedSpan ??= (r.effective ?? r.until)!.span;
    if (r.effective && r.until && r.until.value <= r.effective.value) {
      this.error('check/invalid-date-range', `the ${what} \`${r.name.name}\` ends (${r.until.value}) before it takes effect (${r.effective.value})`, r.until.span);
    }
    let inner = facts;
    if (r.when) {
      this.expectBool(r.when, facts, this.inputScope());
      inner = union(facts, this.factsOf(r.when, true));
    }
    this.checkDecision(r.decide, inner, this.inputScope());
    for (const e of r.exceptions) this.checkRuleBody(e, inner);
  }

  private checkDecision(d: A.DecisionExpr, facts: Facts, scope: Scope): void {
    if (!d.variant.name) return;
    const v = this.variants.get(d.variant.name);
    if (!v) {
      if (this.decisionDecl) {
        this.error('check/unknown-variant', `\`${d.variant.name}\` is not one of the decisions of \`${this.decisionDecl.name.name}\``, d.variant.span, {
          help: hint(suggest(d.variant.name, this.variants.keys())) ?? `the decisions are ${[...this.variants.keys()].map((k) => `\`${k}\``).join(', ')}`,
        });
      }
      for (const a of d.args) this.expr(a.value, undefined, facts, scope);
      return;
    }
    const given = new Set<string>();
    for (const a of d.args) {
      const p = v.params.find((q) => q.name === a.name.name);
      if (given.has(a.name.name)) this.error('check/duplicate-field', `\`${a.name.name}\` is given twice`, a.name.span);
      given.add(a.name.name);
      if (!p) {
        this.error('check/unknown-field', `\`${v.name}\` has no field \`${a.name.name}\``, a.name.span, {
          help: hint(suggest(a.name.name, v.params.map((q) => q.name))) ?? (v.params.length ? `its fields are ${v.params.map((q) => `\`${q.name}\``).join(', ')}` : `\`${v.name}\` takes no fields`),
        });
        this.expr(a.value, undefined, facts, scope);
        continue;
      }
      const t = this.expr(a.value, p.type, facts, scope);
      if (!sameType(t, p.type)) this.mismatch(a.value, p.type, t);
    }
    for (const p of v.params) {
      if (!given.has(p.name)) {
        this.error('check/missing-argument', `\`${v.name}\` needs \`${p.name}\``, d.span, {
          help: `write \`${v.name}(${v.params.map((q) => `${q.name}: ...`).join(', ')})\``,
        });
      }
    }
  }

  // ---- examples ----

  private checkExample(ex: A.ExampleDecl): void {
    if (!this.inputType) return;
    const json = exampleToJson(ex.given);
    const enums: EnumMembers = {
      has: (e, m) => this.enums.get(e)?.members.includes(m) ?? false,
      suggest: (e, m) => suggest(m, this.enums.get(e)?.members ?? []),
    };
    const { errors } = validateValue(this.inputType, json, enums);
    for (const err of errors) {
      const node = valueAtPath(ex.given, err.path);
      this.error('check/example-invalid', `in this example, ${err.path ? `\`${err.path}\`: ` : ''}${err.message}`, node?.span ?? ex.given.span);
    }
    this.checkUnitsInExample(ex.given, this.inputType);
    this.checkDecision(ex.expect, NO_FACTS, this.inputScope());
  }

  /** A JSON number carries no unit, so a unit written in an example is checked here. */
  private checkUnitsInExample(v: A.Value, t: Type): void {
    const type = t.kind === 'optional' ? t.inner : t;
    if (v.kind === 'recordValue' && type.kind === 'record') {
      for (const f of v.fields) {
        const ft = type.fields.get(f.name.name);
        if (ft) this.checkUnitsInExample(f.value, ft);
      }
    } else if (v.kind === 'listValue' && type.kind === 'list') {
      for (const item of v.items) this.checkUnitsInExample(item, type.element);
    } else if (v.kind === 'number' && v.unit) {
      this.used.add(v.unit.name);
      if (type.kind === 'number' && type.unit !== v.unit.name) {
        this.error('check/unit-mismatch', `this value is in ${v.unit.name}, but the field is ${typeToString(type)}`, v.span);
      }
    }
  }

  // ---- expressions ----

  private expectBool(e: A.Expr, facts: Facts, scope: Scope): void {
    const t = this.expr(e, BOOL, facts, scope);
    if (t.kind !== 'bool' && t.kind !== 'error') this.mismatch(e, BOOL, t);
  }

  private mismatch(e: A.Expr | A.Node, expected: Type, found: Type, extra: Partial<Diagnostic> = {}): void {
    if (found.kind === 'error' || expected.kind === 'error') return;
    if (found.kind === 'optional' && sameType(found.inner, expected)) {
      this.optionalNotHandled(e);
      return;
    }
    if (expected.kind === 'number' && found.kind === 'number') {
      this.error('check/unit-mismatch', `expected ${describeUnit(expected.unit)} but this is ${describeUnit(found.unit)}`, e.span, {
        help: expected.unit && !found.unit ? `write the unit after the number, e.g. \`4800 ${expected.unit}\`` : undefined,
        ...extra,
      });
      return;
    }
    this.error('check/type-mismatch', `expected ${article(typeToString(expected))} but this is ${article(typeToString(found))}`, e.span, extra);
  }

  private optionalNotHandled(e: A.Expr | A.Node): void {
    this.error('check/optional-not-handled', 'this value may be absent, and the policy does not say what happens then', e.span, {
      help: 'test it first (`x is present and ...`) or give a fallback (`x otherwise 0`)',
    });
  }

  /** A value that must be present here: unwraps a narrowed optional, reports an unhandled one. */
  private required(e: A.Expr, t: Type): Type {
    if (t.kind === 'optional') {
      this.optionalNotHandled(e);
      return ERROR;
    }
    return t;
  }

  private set(e: A.Expr, t: Type): Type {
    this.types.set(e, t);
    return t;
  }

  private expr(e: A.Expr, expected: Type | undefined, facts: Facts, scope: Scope): Type {
    return this.set(e, this.infer(e, expected, facts, scope));
  }

  private infer(e: A.Expr, expected: Type | undefined, facts: Facts, scope: Scope): Type {
    switch (e.kind) {
      case 'number': {
        if (!Rational.parse(e.text)) {
          this.error('check/type-mismatch', `\`${e.text}\` is not a number this language can hold exactly`, e.span);
          return ERROR;
        }
        if (!e.unit) return NUMBER;
        this.used.add(e.unit.name);
        if (!this.units.has(e.unit.name)) {
          this.error('check/unknown-type', `there is no unit named \`${e.unit.name}\``, e.unit.span, {
            help: hint(suggest(e.unit.name, this.units.keys())) ?? `declare it with \`unit ${e.unit.name}\``,
          });
          return ERROR;
        }
        return numberOf(e.unit.name);
      }
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
          this.mismatch(e.operand, NUMBER, t);
          return ERROR;
        }
        return t;
      }
      case 'binary':
        return this.binary(e, expected, facts, scope);
      case 'compare':
        return this.compare(e, facts, scope);
      case 'in': {
        const el = this.required(e.element, this.expr(e.element, undefined, facts, scope));
        if (el.kind === 'error') {
          this.expr(e.set, undefined, facts, scope);
          return BOOL;
        }
        if (el.kind !== 'enum') {
          this.error('check/type-mismatch', `only a member of an enum can be tested with \`in\`; this is ${article(typeToString(el))}`, e.element.span);
          this.expr(e.set, undefined, facts, scope);
          return BOOL;
        }
        const setType: Type = { kind: 'set', of: el.name };
        const st = this.expr(e.set, setType, facts, scope);
        if (!sameType(st, setType)) this.mismatch(e.set, setType, st);
        return BOOL;
      }
      case 'is':
        return this.isExpr(e, facts, scope);
      case 'coalesce': {
        const vt = this.expr(e.value, expected, facts, scope);
        if (vt.kind === 'error') {
          this.expr(e.fallback, undefined, facts, scope);
          return ERROR;
        }
        if (vt.kind !== 'optional') {
          this.warn('check/type-mismatch', 'this value is never absent, so `otherwise` never applies', e.fallback.span);
          const ft = this.expr(e.fallback, vt, facts, scope);
          if (!sameType(ft, vt)) this.mismatch(e.fallback, vt, ft);
          return vt;
        }
        const ft = this.expr(e.fallback, vt.inner, facts, scope);
        if (!sameType(ft, vt.inner) && !sameType(ft, vt)) this.mismatch(e.fallback, vt.inner, ft);
        return ft.kind === 'optional' ? vt : vt.inner;
      }
      case 'set': {
        const of = expected?.kind === 'set' ? expected.of : undefined;
        if (!of) {
          this.error('check/type-mismatch', 'a list of members in braces needs a context that says which enum they belong to', e.span, {
            help: 'use it after `in`, e.g. `destination in { JP, KR }`, or in a `group ... of <Enum>`',
          });
          return ERROR;
        }
        const info = this.enums.get(of);
        this.used.add(of);
        const listed = new Set<string>();
        for (const m of e.members) {
          if (listed.has(m.name.name) && !m.from && !m.until) {
            this.warn('check/duplicate-declaration', `\`${m.name.name}\` is listed twice in this group`, m.name.span, { help: 'remove one of them' });
          }
          listed.add(m.name.name);
          if (m.from || m.until) this.datedSpan ??= m.span;
          if (m.from && m.until && m.until.value <= m.from.value) {
            this.error('check/invalid-date-range', `\`${m.name.name}\` leaves (${m.until.value}) before it joins (${m.from.value})`, m.span);
          }
          this.memberOf(m.name, of, info);
        }
        return { kind: 'set', of };
      }
      case 'every': {
        const name = e.enumName.name;
        this.used.add(name);
        if (!this.enums.has(name)) {
          this.error('check/unknown-type', `\`every\` needs an enum, and \`${name}\` is not one`, e.enumName.span, {
            help: hint(suggest(name, this.enums.keys())),
          });
          return ERROR;
        }
        return { kind: 'set', of: name };
      }
      case 'aggregate':
        return this.aggregate(e, facts, scope);
    }
  }

  private memberOf(id: A.Identifier, enumName: string, info: EnumInfo | undefined): void {
    if (!info || !id.name) return;
    if (!info.members.includes(id.name)) {
      this.error('check/unknown-member', `\`${id.name}\` is not ${/^[AEIOU]/.test(enumName) ? 'an' : 'a'} ${enumName}`, id.span, {
        help: hint(suggest(id.name, info.members)) ?? (info.members.length <= 12 ? `the members are ${info.members.join(', ')}` : undefined),
      });
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
    const g = this.globals.get(name);
    if (g) {
      this.used.add(name);
      if (scope.constant && g.kind === 'define') {
        this.error('check/not-constant', `\`${name}\` depends on the input, so it cannot be used in a constant or group`, e.span, {
          help: 'use `define` for values computed from the input',
        });
        return ERROR;
      }
      this.resolutions.set(e, { kind: g.kind, name });
      return this.globalType(g);
    }
    const field = this.inputType?.fields.get(name);
    if (field) {
      if (scope.constant) {
        this.error('check/not-constant', `\`${name}\` is part of the input, so it cannot be used in a constant or group`, e.span, {
          help: 'use `define` for values computed from the input',
        });
        return ERROR;
      }
      this.resolutions.set(e, { kind: 'input', field: name });
      return narrow(field, `in:${name}`, facts);
    }
    const enumName = expected?.kind === 'enum' ? expected.name : undefined;
    if (enumName) {
      const info = this.enums.get(enumName);
      if (info?.members.includes(name)) {
        this.resolutions.set(e, { kind: 'member', enumName, member: name });
        return { kind: 'enum', name: enumName };
      }
    }
    const owners = [...this.enums.values()].filter((en) => en.members.includes(name)).map((en) => en.name);
    const inScope = [...scope.binders.keys(), ...this.globals.keys(), ...(scope.constant ? [] : (this.inputType?.fields.keys() ?? []))];
    if (owners.length > 0) {
      this.error('check/unknown-name', `\`${name}\` is a member of ${owners.map((o) => `\`${o}\``).join(' and ')}, but nothing here says which value it is compared with`, e.span, {
        help: enumName ? `\`${name}\` is not a ${enumName}` : `compare it with a value, e.g. \`x is ${name}\` or \`x = ${name}\``,
      });
    } else {
      this.error('check/unknown-name', `there is nothing named \`${name}\``, e.span, {
        help: hint(suggest(name, [...inScope, ...(enumName ? (this.enums.get(enumName)?.members ?? []) : [])])),
      });
    }
    return ERROR;
  }

  private member(e: A.MemberExpr, facts: Facts, scope: Scope): Type {
    const ot = this.expr(e.object, undefined, facts, scope);
    if (ot.kind === 'error') return ERROR;
    const obj = this.required(e.object, ot);
    if (obj.kind === 'error') return ERROR;
    if (obj.kind !== 'record') {
      this.error('check/type-mismatch', `${article(typeToString(obj))} has no fields`, e.property.span);
      return ERROR;
    }
    const ft = obj.fields.get(e.property.name);
    if (!ft) {
      this.error('check/unknown-field', `there is no field \`${e.property.name}\` here`, e.property.span, {
        help: hint(suggest(e.property.name, obj.fields.keys())) ?? `the fields are ${[...obj.fields.keys()].map((k) => `\`${k}\``).join(', ')}`,
      });
      return ERROR;
    }
    const key = pathKey(e, this.resolutions);
    return key ? narrow(ft, key, facts) : ft;
  }

  private binary(e: A.BinaryExpr, expected: Type | undefined, facts: Facts, scope: Scope): Type {
    if (e.op === 'and' || e.op === 'or') {
      this.expectBool(e.left, facts, scope);
      // `x is present and x > 1`: the right side knows what the left side established.
      const known = e.op === 'and' ? this.factsOf(e.left, true) : this.factsOf(e.left, false);
      this.expectBool(e.right, union(facts, known), scope);
      return BOOL;
    }
    const lt0 = this.expr(e.left, expected?.kind === 'set' ? expected : undefined, facts, scope);
    const lt = this.required(e.left, lt0);
    if (lt.kind === 'set' && (e.op === '+' || e.op === '-')) {
      const rt = this.expr(e.right, lt, facts, scope);
      if (!sameType(rt, lt)) this.mismatch(e.right, lt, rt);
      return lt;
    }
    const rt = this.required(e.right, this.expr(e.right, lt.kind === 'set' ? lt : undefined, facts, scope));
    if (lt.kind === 'error' || rt.kind === 'error') return ERROR;
    if (lt.kind !== 'number') {
      this.error('check/type-mismatch', `\`${e.op}\` needs numbers, but this is ${article(typeToString(lt))}`, e.left.span, {
        help: lt.kind === 'set' ? 'groups combine with `+` (union) and `-` (difference)' : undefined,
      });
      return ERROR;
    }
    if (rt.kind !== 'number') {
      this.error('check/type-mismatch', `\`${e.op}\` needs numbers, but this is ${article(typeToString(rt))}`, e.right.span);
      return ERROR;
    }
    switch (e.op) {
      case '+':
      case '-':
        if (lt.unit !== rt.unit) {
          this.error('check/unit-mismatch', `cannot ${e.op === '+' ? 'add' : 'subtract'} ${describeUnit(rt.unit)} ${e.op === '+' ? 'to' : 'from'} ${describeUnit(lt.unit)}`, e.span, {
            help: lt.unit && !rt.unit ? `write the unit after the number, e.g. \`... ${lt.unit}\`` : rt.unit && !lt.unit ? `write the unit after the number, e.g. \`... ${rt.unit}\`` : undefined,
          });
          return ERROR;
        }
        return lt;
      case '*':
        if (lt.unit && rt.unit) {
          this.error('check/unit-mismatch', `cannot multiply ${lt.unit} by ${rt.unit}: Pol has no compound units`, e.span, {
            help: 'multiply a quantity by a plain number or a percentage',
          });
          return ERROR;
        }
        return numberOf(lt.unit ?? rt.unit);
      case '/':
        if (lt.unit === rt.unit) return NUMBER;
        if (rt.unit === null) return lt;
        this.error('check/unit-mismatch', `cannot divide ${describeUnit(lt.unit)} by ${describeUnit(rt.unit)}`, e.span, {
          help: 'divide quantities of the same unit (the result is a plain number) or divide by a plain number',
        });
        return ERROR;
    }
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
      this.error('check/type-mismatch', `\`${e.op}\` compares numbers or dates, but this is ${article(typeToString(ft))}`, first.span);
      return BOOL;
    }
    if (!ordered && (ft.kind === 'record' || ft.kind === 'list' || ft.kind === 'set')) {
      this.error('check/type-mismatch', `\`${e.op}\` cannot compare ${article(typeToString(ft))}`, first.span, {
        help: ft.kind === 'set' ? 'test membership with `in`' : undefined,
      });
      return BOOL;
    }
    if (!sameType(ft, st)) {
      if (ft.kind === 'number' && st.kind === 'number') {
        this.error('check/unit-mismatch', `cannot compare ${describeUnit(ft.unit)} with ${describeUnit(st.unit)}`, e.span, {
          help: ft.unit && !st.unit ? `write the unit after the number, e.g. \`${this.numberText(second)} ${ft.unit}\`` : st.unit && !ft.unit ? `write the unit after the number, e.g. \`${this.numberText(first)} ${st.unit}\`` : undefined,
        });
      } else {
        this.error('check/type-mismatch', `cannot compare ${article(typeToString(ft))} with ${article(typeToString(st))}`, e.span);
      }
    }
    return BOOL;
  }

  /** A number as the policy writes it (`10_000`), for help texts. */
  private numberText(e: A.Expr): string {
    if (e.kind !== 'number') return '...';
    return this.sources.get(e.span.file)?.text.slice(e.span.start, e.span.end) ?? e.text;
  }

  private nameIsValue(name: string, scope: Scope): boolean {
    return scope.binders.has(name) || this.globals.has(name) || (this.inputType?.fields.has(name) ?? false);
  }

  private isExpr(e: A.IsExpr, facts: Facts, scope: Scope): Type {
    const st = this.expr(e.subject, undefined, facts, scope);
    if (st.kind === 'error') return BOOL;
    const test = e.test;
    if (test.kind === 'present' || test.kind === 'absent') {
      if (st.kind !== 'optional') {
        const always = (test.kind === 'present') !== e.negated;
        this.warn('check/type-mismatch', `this value is never absent, so \`is ${e.negated ? 'not ' : ''}${test.kind}\` is always ${always}`, e.span);
      }
      return BOOL;
    }
    const t = this.required(e.subject, st);
    if (t.kind === 'error') return BOOL;
    if (t.kind === 'bool') {
      this.error('check/type-mismatch', '`is` tests a member of an enum; this is a Boolean', e.subject.span, {
        help: 'use the Boolean itself as the condition, or `not` it',
      });
      return BOOL;
    }
    if (t.kind !== 'enum') {
      this.error('check/type-mismatch', `\`is\` tests a member of an enum, but this is ${article(typeToString(t))}`, e.subject.span, {
        help: t.kind === 'number' ? 'compare numbers with `=`, `<`, `>=`, ...' : undefined,
      });
      return BOOL;
    }
    this.used.add(t.name);
    this.memberOf(test, t.name, this.enums.get(t.name));
    return BOOL;
  }

  private aggregate(e: A.AggregateExpr, facts: Facts, scope: Scope): Type {
    const lt = this.required(e.list, this.expr(e.list, undefined, facts, scope));
    let element: Type = ERROR;
    if (lt.kind === 'list') element = lt.element;
    else if (lt.kind !== 'error') {
      this.error('check/type-mismatch', `\`${e.op}\` goes over a list, but this is ${article(typeToString(lt))}`, e.list.span);
    }
    const binders = new Map(scope.binders);
    binders.set(e.binder.name, { type: element, aggregate: e });
    const inner: Scope = { binders, constant: scope.constant };
    let whereFacts = facts;
    if (e.where) {
      this.expectBool(e.where, facts, inner);
      whereFacts = union(facts, this.factsOf(e.where, true));
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
          this.error('check/type-mismatch', `\`sum\` adds numbers, but this is ${article(typeToString(bt))}`, e.body.span);
          return ERROR;
        }
        return bt;
      }
    }
  }

  /**
   * The paths a condition proves present when it is `truth`: `x is present` proves x when true,
   * `x is absent` proves x when false; `and` collects both sides when true, `or` both when false.
   */
  private factsOf(e: A.Expr, truth: boolean): Set<string> {
    const out = new Set<string>();
    const walk = (x: A.Expr, t: boolean): void => {
      switch (x.kind) {
        case 'paren':
          walk(x.inner, t);
          return;
        case 'unary':
          if (x.op === 'not') walk(x.operand, !t);
          return;
        case 'binary':
          if ((x.op === 'and' && t) || (x.op === 'or' && !t)) {
            walk(x.left, t);
            walk(x.right, t);
          }
          return;
        case 'is': {
          if (x.test.kind !== 'present' && x.test.kind !== 'absent') return;
          const proves = (x.test.kind === 'present') !== x.negated ? t : !t;
          const key = pathKey(x.subject, this.resolutions);
          if (proves && key) out.add(key);
          return;
        }
        default:
          return;
      }
    };
    walk(e, truth);
    return out;
  }

  // ---- unused ----

  private reportUnused(all: readonly A.Declaration[]): void {
    for (const d of all) {
      if (d.kind !== 'const' && d.kind !== 'define' && d.kind !== 'group' && d.kind !== 'enum' && d.kind !== 'unit' && d.kind !== 'record') continue;
      if (this.used.has(d.name.name) || !d.name.name) continue;
      // A second declaration of a name was already reported as a duplicate; it is not also unused.
      if (this.declared.get(d.name.name) !== d.name.span) continue;
      // Declarations in an imported file may serve other policies that import it too.
      if (d.span.file !== this.rootPath && this.files.length > 1) continue;
      this.warn('check/unused-declaration', `\`${d.name.name}\` is declared but never used`, d.name.span, {
        help: 'remove it, or use it in a rule',
      });
    }
  }
}

function narrow(t: Type, key: string, facts: Facts): Type {
  return t.kind === 'optional' && facts.has(key) ? t.inner : t;
}

/** A stable name for an input path (`in:item.tpp`), or undefined for anything else. */
export function pathKey(e: A.Expr, resolutions: WeakMap<A.Identifier, Resolution>): string | undefined {
  switch (e.kind) {
    case 'paren':
      return pathKey(e.inner, resolutions);
    case 'identifier': {
      const r = resolutions.get(e);
      if (!r) return undefined;
      if (r.kind === 'input') return `in:${r.field}`;
      if (r.kind === 'binder') return `b:${r.name}@${r.aggregate.span.start}`;
      return undefined;
    }
    case 'member': {
      const base = pathKey(e.object, resolutions);
      return base ? `${base}.${e.property.name}` : undefined;
    }
    default:
      return undefined;
  }
}

function union(a: Facts, b: ReadonlySet<string>): Facts {
  if (b.size === 0) return a;
  return new Set([...a, ...b]);
}

function hint(s: string | undefined): string | undefined {
  return s ? `did you mean \`${s}\`?` : undefined;
}

function describeUnit(unit: string | null): string {
  return unit ? `a quantity in ${unit}` : 'a plain number';
}

function article(s: string): string {
  if (/^(a|an) /.test(s) || s.startsWith('{')) return s;
  if (s.startsWith('group') || s.startsWith('list') || s.startsWith('optional')) return `a ${s}`;
  return /^[AEIOU]/i.test(s) ? `an ${s}` : `a ${s}`;
}


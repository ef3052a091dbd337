/**
 * Checked program -> TypeScript source (unformatted). Every text from the policy enters the output
 * through `lit` (JSON.stringify, with U+2028/U+2029 escaped) or `comment` (sanitised); every
 * identifier of the policy becomes a quoted property name or a generated name, never raw code.
 */
import { Rational, displayPath, decisionFieldNames, requirePath, typeToString, type Ast as A, type CheckedProgram, type Type } from '@pol/core/checker';
import { createHash } from 'node:crypto';
import { RUNTIME } from './runtime.ts';

export class CompileError extends Error {}

/** A string literal: JSON.stringify, plus the two line separators JS once disallowed. */
export function lit(s: string): string {
  return JSON.stringify(s).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Text safe inside a block comment: no `*\/`, no line breaks that could end a `//`. */
export function commentText(s: string): string {
  return s
    .replace(/\*\//g, '*\\/')
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/@/g, '(at)');
}

const SAFE_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A property name in a type or object literal. */
function key(name: string): string {
  return SAFE_KEY.test(name) && name !== '__proto__' ? name : `[${lit(name)}]`;
}
function typeKey(name: string): string {
  return SAFE_KEY.test(name) && name !== '__proto__' ? name : lit(name);
}
/** A property access. */
function prop(obj: string, name: string): string {
  return SAFE_KEY.test(name) && name !== '__proto__' ? `${obj}.${name}` : `${obj}[${lit(name)}]`;
}

type Body = A.RuleDecl | A.ExceptionDecl;

interface Scope {
  readonly binders: ReadonlyMap<A.AggregateExpr, string>;
}
const EMPTY_SCOPE: Scope = { binders: new Map() };

export function sourceHash(program: CheckedProgram): string {
  const h = createHash('sha256');
  // Paths enter as the trace shows them (relative to the main file), so the same policy hashes the
  // same wherever it is checked out.
  for (const f of program.files) {
    const text = program.sources.get(f.path)?.text ?? '';
    const shown = displayPath(program, f.path);
    h.update(shown.length + ':' + shown + '\n');
    h.update(Buffer.byteLength(text) + ':' + text);
  }
  return h.digest('hex');
}

export function generate(program: CheckedProgram): string {
  return new Emitter(program).module();
}

class Emitter {
  private readonly out: string[] = [];
  /** hoisted module-level declarations (constants, set predicates, aggregate functions) */
  private readonly hoisted: string[] = [];
  private readonly constNames = new Map<string, string>();
  private counter = 0;
  private readonly setFns = new Map<string, string>();
  private readonly defineIndex = new Map<string, number>();
  private readonly constIndex = new Map<string, number>();
  private readonly folded = new Map<string, Rational>();
  private readonly nodes: Body[] = [];
  private readonly nodeIndex = new Map<Body, number>();
  private readonly parent = new Map<Body, Body>();
  private readonly fieldNames: string[];

  constructor(private readonly p: CheckedProgram) {
    this.fieldNames = decisionFieldNames(p);
  }

  private fresh(prefix: string): string {
    return `${prefix}${this.counter++}`;
  }

  private where(span: A.Node['span']): { file: string; line: number } {
    const line = this.p.sources.get(span.file)?.position(span.start).line ?? 0;
    return { file: displayPath(this.p, span.file), line };
  }

  private text(span: A.Node['span']): string | undefined {
    return this.p.sources.get(span.file)?.text.slice(span.start, span.end);
  }

  // ---- types ----

  private enumTypeName(name: string): string {
    return `Enum_${name}`;
  }

  /** The TS type of a validated input value. */
  private inputType(t: Type): string {
    switch (t.kind) {
      case 'bool':
        return 'boolean';
      case 'number':
        return 'PolNumber';
      case 'date':
        return 'string';
      case 'enum':
        return this.enumTypeName(t.name);
      case 'list':
        return `readonly ${this.wrap(this.inputType(t.element))}[]`;
      case 'optional':
        return `${this.inputType(t.inner)} | null`;
      case 'record':
        if (t.name !== undefined && this.p.files.some((f) => f.declarations.some((d) => d.kind === 'record' && d.name.name === t.name))) return `Rec_${t.name}`;
        return this.recordLiteral(t);
      default:
        throw new CompileError(`values of type ${typeToString(t)} cannot be input`);
    }
  }

  private wrap(t: string): string {
    return /[|&\s]/.test(t) ? `(${t})` : t;
  }

  private recordLiteral(t: Extract<Type, { kind: 'record' }>, multiline = false): string {
    const fields = [...t.fields].map(([n, ft]) => `/** ${commentText(typeToString(ft))} */ readonly ${typeKey(n)}: ${this.inputType(ft)};`);
    return multiline ? `{\n${fields.map((f) => `  ${f}\n`).join('')}}` : `{ ${fields.join(' ')} }`;
  }

  /** The TS type of a decision field as JSON. */
  private jsonType(t: Type): string {
    switch (t.kind) {
      case 'bool':
        return 'boolean';
      case 'number':
        return 'number | string';
      case 'date':
        return 'string';
      case 'enum':
        return this.enumTypeName(t.name);
      case 'optional':
        return `${this.jsonType(t.inner)} | null`;
      case 'list':
        return `${this.wrap(this.jsonType(t.element))}[]`;
      case 'record':
        return `{ ${[...t.fields].map(([n, ft]) => `${typeKey(n)}: ${this.jsonType(ft)};`).join(' ')} }`;
      default:
        return 'Json';
    }
  }

  private vtype(t: Type): string {
    switch (t.kind) {
      case 'bool':
        return `{ k: 'bool' }`;
      case 'number':
        return `{ k: 'number', unit: ${t.unit === null ? 'null' : lit(t.unit)} }`;
      case 'date':
        return `{ k: 'date' }`;
      case 'enum':
        return `V_${t.name}`;
      case 'list':
        return `{ k: 'list', element: ${this.vtype(t.element)} }`;
      case 'optional':
        return `{ k: 'optional', inner: ${this.vtype(t.inner)} }`;
      case 'record':
        return `record([${[...t.fields].map(([n, ft]) => `[${lit(n)}, ${this.vtype(ft)}, ${lit(typeToString(ft))}]`).join(', ')}])`;
      default:
        throw new CompileError(`values of type ${typeToString(t)} cannot be input`);
    }
  }

  // ---- the module ----

  module(): string {
    const p = this.p;
    const o = this.out;
    const name = p.header?.name.value ?? p.input.name;
    const version = p.header?.version?.value ?? null;
    o.push(`// generated from ${commentText(displayPath(p, p.rootPath))} by pol, do not edit`);
    o.push(`/* eslint-disable */`);
    o.push(`/** The policy this module was generated from: tie stored decisions to it. */`);
    o.push(
      `export const POLICY = Object.freeze({\n  name: ${lit(name)},\n  version: ${version === null ? 'null' : lit(version)} as string | null,\n  sourceHash: ${lit(sourceHash(p))},\n});`,
    );
    o.push(RUNTIME);

    // enums
    o.push('// ---- enums ----');
    for (const [ename, info] of p.enums) {
      o.push(`/** ${commentText(ename)} */`);
      const union = info.members.length ? wrapList(info.members.map(lit), ' | ', '  ') : 'never';
      o.push(`export type ${this.enumTypeName(ename)} =${union.startsWith('\n') ? '' : ' '}${union};`);
      o.push(`const V_${ename}: VType = enumType(${lit(ename)}, [${wrapList(info.members.map(lit), ', ', '  ')}]);`);
    }

    // records and input
    o.push('// ---- input ----');
    for (const f of p.files)
      for (const d of f.declarations) {
        if (d.kind !== 'record') continue;
        const t = this.findRecordType(d.name.name);
        if (!t) continue;
        o.push(`/** record ${commentText(d.name.name)} */`);
        o.push(`export type Rec_${d.name.name} = ${this.recordLiteral(t, true)};`);
      }
    o.push(`/** input ${commentText(p.input.name)}: what \`validate\` returns and \`evaluate\` takes. */`);
    o.push(`export type Input = ${this.recordLiteral(p.input.type, true)};`);
    o.push(
      `const V_INPUT: VType = record([\n${[...p.input.type.fields].map(([n, ft]) => `  [${lit(n)}, ${this.vtype(ft)}, ${lit(typeToString(ft))}],\n`).join('')}]);`,
    );

    // decision
    o.push('// ---- decision ----');
    const variants = p.decision.variants.map((v) => {
      const fields = this.fieldNames.map((fname) => {
        const param = v.params.find((x) => x.name === fname);
        const t = param ? this.jsonType(param.type) : 'null';
        return `/** ${param ? commentText(typeToString(param.type)) : 'not in this outcome'} */ readonly ${typeKey(fname)}: ${t};`;
      });
      return `{ readonly outcome: ${lit(v.name)}; ${fields.join(' ')} }`;
    });
    o.push(`/** decision ${commentText(p.decision.name)}: a union on \`outcome\`. */`);
    o.push(`export type Decision =\n${variants.map((v) => `  | ${v}`).join('\n')};`);
    o.push(`const FIELDS: readonly string[] = [${this.fieldNames.map(lit).join(', ')}];`);
    o.push(`export interface Result {
  readonly decision: Decision;
  readonly alternatives: readonly Decision[];
  readonly obligations: readonly string[];
  readonly citations: readonly string[];
  readonly decided_by: string;
  readonly trace: readonly TraceStep[];
  explain?: readonly ExplainStep[];
}`);

    // context
    o.push('// ---- evaluation ----');
    const asOf = p.input.asOf;
    p.defines.forEach((d, i) => this.defineIndex.set(d.name.name, i));
    p.consts.forEach((c, i) => this.constIndex.set(c.name.name, i));
    // number consts that fold need no cache (fold them now; emitConst does the same again)
    for (const c of p.consts) {
      const r = this.p.typeOf(c.value).kind === 'number' ? this.fold(c.value) : undefined;
      if (r) this.folded.set(c.name.name, r);
    }
    const cacheNames = [...p.defines.map((d, i) => [`d${i}`, d] as const), ...p.consts.map((c, i) => [`k${i}`, c] as const)].filter(
      ([, d]) => this.p.typeOf(d.value).kind !== 'set' && !(d.kind === 'const' && this.folded.has(d.name.name)),
    );
    // Plain assignments in the constructor (no class-field initialisers): one fixed shape, fast to build.
    o.push(`/** One evaluation: the input, the "as of" date, and the lazily computed defines and consts. */
class Ctx {
  declare readonly i: Input;
  declare readonly asOf: string | undefined;
  /** set by the resolve functions: the rule or exception that decided, and the alternatives */
  declare info: NodeInfo;
  declare alts: readonly Decision[];
  ${cacheNames.map(([n, d]) => `declare ${n}: ${this.valueType(this.p.typeOf(d.value))} | undefined;`).join('\n  ')}
  constructor(i: Input) {
    this.i = i;
    this.asOf = ${asOf ? `${prop('i', asOf)} ?? undefined` : 'undefined'};
    this.info = OTHERWISE;
    this.alts = EMPTY;
    ${cacheNames.map(([n]) => `this.${n} = undefined;`).join('\n    ')}
  }
}`);
    // consts first (folding), then groups, defines
    p.consts.forEach((c, i) => this.emitConst(c, i));
    p.groups.forEach((g) => this.setFns.set(`group:${g.name.name}`, this.fresh('group_')));
    for (const g of p.groups) this.emitSetFn(this.setFns.get(`group:${g.name.name}`)!, g.value, `group ${g.name.name}`);
    p.defines.forEach((d, i) => this.emitDefine(d, i));

    // requires
    const reqs = p.requires.map((r) => `[(c: Ctx): boolean => ${this.expr(r.condition, EMPTY_SCOPE)}, ${lit(requirePath(p, r))}, ${lit(r.because.value)}]`);
    o.push(`const REQUIRES: readonly (readonly [(c: Ctx) => boolean, string, string])[] = [${reqs.join(', ')}];`);

    // rules: straight-line code per rule and exception (see docs/compiled-module.md)
    const collect = (b: Body, parent: Body | undefined): void => {
      this.nodeIndex.set(b, this.nodes.length);
      this.nodes.push(b);
      if (parent) this.parent.set(b, parent);
      for (const e of b.exceptions) collect(e, b);
    };
    for (const r of p.rules) collect(r, undefined);
    const ow = p.otherwise;
    const owWhere = this.where(ow.span);
    o.push(`/** What a resolve function leaves in the context: who decided, with the precomputed result parts. */
interface NodeInfo {
  readonly id: string;
  readonly obligations: readonly string[];
  readonly citations: readonly string[];
  readonly trace: readonly TraceStep[];
}`);
    o.push(`const OTHERWISE_PATH = path(step("otherwise", "otherwise", null, [${ow.cites.map((c) => lit(c.value)).join(', ')}], ${lit(owWhere.file)}, ${owWhere.line}));`);
    o.push(`const OTHERWISE: NodeInfo = info('otherwise', EMPTY, OTHERWISE_PATH);`);
    for (const b of this.nodes) this.emitNode(b);
    // the rules in written order, in chunks (one huge function would not be optimised)
    const chunks: string[] = [];
    for (let k = 0; k < p.rules.length; k += RULE_CHUNK) {
      const fn = `rules_${chunks.length}`;
      chunks.push(fn);
      const part = p.rules.slice(k, k + RULE_CHUNK).map((r) => {
        const n = this.nodeIndex.get(r)!;
        return `  if (applies${n}(c, x)) return resolve${n}(c, x);`;
      });
      o.push(`/** rules ${k + 1} to ${k + part.length} in written order: the first that applies decides */
function ${fn}(c: Ctx, x: ExplainStep[] | undefined): Decision | undefined {
${part.join('\n')}
  return undefined;
}`);
    }
    const owDecision = this.decisionValue(ow.decide, 'OTHERWISE');
    const run =
      chunks.length === 0
        ? '  const decision: Decision | undefined = undefined;'
        : [
            `  ${chunks.length === 1 ? 'const' : 'let'} decision = ${chunks[0]}(c, x);`,
            ...chunks.slice(1).map((f) => `  if (decision === undefined) decision = ${f}(c, x);`),
          ].join('\n');
    o.push(`/** Decides a validated input. Never throws on one. */
export function evaluate(input: Input, options?: EvaluateOptions): Result {
  const c = new Ctx(input);
  const x: ExplainStep[] | undefined = options !== undefined && options.explain === true ? [] : undefined;
${run}
  const d = decision === undefined ? ${owDecision} : decision;
  const n = c.info;
  const result: Result = {
    decision: d,
    alternatives: c.alts,
    obligations: n.obligations,
    citations: n.citations,
    decided_by: n.id,
    trace: options === undefined || options.trace !== false ? n.trace : EMPTY,
  };
  if (x !== undefined) result.explain = x;
  return result;
}`);
    o.push(EVAL_CODE);
    return o.join('\n\n') + '\n\n// ---- helpers for expressions ----\n\n' + this.hoisted.join('\n\n') + '\n';
  }

  private findRecordType(name: string): Extract<Type, { kind: 'record' }> | undefined {
    let found: Extract<Type, { kind: 'record' }> | undefined;
    const visit = (t: Type): void => {
      if (found) return;
      if (t.kind === 'record') {
        if (t.name === name) found = t;
        for (const ft of t.fields.values()) visit(ft);
      } else if (t.kind === 'list') visit(t.element);
      else if (t.kind === 'optional') visit(t.inner);
    };
    visit(this.p.input.type);
    for (const v of this.p.decision.variants) for (const x of v.params) visit(x.type);
    return found;
  }

  private valueType(t: Type): string {
    switch (t.kind) {
      case 'bool':
        return 'boolean';
      case 'number':
        return 'PolNumber';
      case 'date':
      case 'enum':
        return 'string';
      case 'optional':
        return `${this.valueType(t.inner)} | null`;
      case 'record':
      case 'list':
        return this.inputType(t);
      default:
        return 'unknown';
    }
  }

  // ---- consts, defines, sets ----

  private fold(e: A.Expr): Rational | undefined {
    switch (e.kind) {
      case 'number':
        return Rational.parse(e.text);
      case 'percent':
        return Rational.parse(e.text)?.div(Rational.of(100n));
      case 'paren':
        return this.fold(e.inner);
      case 'unary':
        return e.op === '-' ? this.fold(e.operand)?.neg() : undefined;
      case 'identifier': {
        const r = this.p.resolve(e);
        return r.kind === 'const' ? this.folded.get(r.name) : undefined;
      }
      case 'binary': {
        if (e.op === 'and' || e.op === 'or') return undefined;
        const l = this.fold(e.left);
        const r = this.fold(e.right);
        if (!l || !r) return undefined;
        return e.op === '+' ? l.add(r) : e.op === '-' ? l.sub(r) : e.op === '*' ? l.mul(r) : l.div(r);
      }
      default:
        return undefined;
    }
  }

  /** A number constant as code: a literal for a safe integer, else a hoisted exact rational. */
  private numberConst(r: Rational): string {
    if (r.den === 1n && r.num <= 9007199254740991n && r.num >= -9007199254740991n) return r.num < 0n ? `(${r.num})` : `${r.num}`;
    const k = `${r.num}/${r.den}`;
    let n = this.constNames.get(k);
    if (!n) {
      n = this.fresh('NUM_');
      this.constNames.set(k, n);
      this.hoisted.push(`/** ${commentText(r.toString())} */\nconst ${n}: PolNumber = q(${r.num}n, ${r.den}n);`);
    }
    return n;
  }

  private emitConst(c: A.ConstDecl, i: number): void {
    const t = this.p.typeOf(c.value);
    if (t.kind === 'set') {
      const fn = this.fresh('set_');
      this.setFns.set(`const:${c.name.name}`, fn);
      this.emitSetFn(fn, c.value, `const ${c.name.name}`);
      return;
    }
    if (t.kind === 'number') {
      const r = this.fold(c.value);
      if (r) {
        this.folded.set(c.name.name, r);
        return;
      }
    }
    this.out.push(`/** const ${commentText(c.name.name)} */
function const_${i}(c: Ctx): ${this.valueType(t)} {
  return c.k${i} !== undefined ? c.k${i} : (c.k${i} = ${this.expr(c.value, EMPTY_SCOPE)});
}`);
  }

  private emitDefine(d: A.DefineDecl, i: number): void {
    const t = this.p.typeOf(d.value);
    if (t.kind === 'set') {
      const fn = this.fresh('set_');
      this.setFns.set(`define:${d.name.name}`, fn);
      this.emitSetFn(fn, d.value, `define ${d.name.name}`);
      return;
    }
    this.out.push(`/** define ${commentText(d.name.name)} */
function define_${i}(c: Ctx): ${this.valueType(t)} {
  return c.d${i} !== undefined ? c.d${i} : (c.d${i} = ${this.expr(d.value, EMPTY_SCOPE)});
}`);
  }

  private emitSetFn(fn: string, e: A.Expr, what: string): void {
    this.out.push(`/** ${commentText(what)}: membership on the evaluation date */
function ${fn}(c: Ctx, x: string): boolean {
  return ${this.setTest(e, 'x')};
}`);
  }

  private datedMember(m: A.SetMember, x: string): string {
    const conds = [`${x} === ${lit(m.name.name)}`];
    if (m.from) conds.push(`(c.asOf === undefined || c.asOf >= ${lit(m.from.value)})`);
    if (m.until) conds.push(`(c.asOf === undefined || c.asOf < ${lit(m.until.value)})`);
    return `(${conds.join(' && ')})`;
  }

  /** Code for "x is in the set e" (x is a variable name). */
  private setTest(e: A.Expr, x: string): string {
    switch (e.kind) {
      case 'paren':
        return this.setTest(e.inner, x);
      case 'every':
        return 'true';
      case 'set': {
        if (e.members.length === 0) return 'false';
        const fixed = e.members.filter((m) => !m.from && !m.until);
        if (fixed.length > SET_INLINE_MAX) {
          // many members: one hoisted frozen Set for the undated ones, comparisons for the dated ones
          const name = this.fresh('SET_');
          this.hoisted.push(`const ${name}: ReadonlySet<string> = new Set([${wrapList(fixed.map((m) => lit(m.name.name)), ', ', '  ')}]);`);
          const dated = e.members.filter((m) => m.from || m.until).map((m) => this.datedMember(m, x));
          return dated.length === 0 ? `${name}.has(${x})` : `(${[`${name}.has(${x})`, ...dated].join(' || ')})`;
        }
        const parts = e.members.map((m) => {
          const conds = [`${x} === ${lit(m.name.name)}`];
          if (m.from) conds.push(`(c.asOf === undefined || c.asOf >= ${lit(m.from.value)})`);
          if (m.until) conds.push(`(c.asOf === undefined || c.asOf < ${lit(m.until.value)})`);
          return conds.length === 1 ? conds[0]! : `(${conds.join(' && ')})`;
        });
        return `(${parts.join(' || ')})`;
      }
      case 'identifier': {
        const r = this.p.resolve(e);
        const fn = this.setFns.get(`${r.kind}:${'name' in r ? r.name : ''}`);
        if (!fn) throw new CompileError(`set ${e.name} is not supported here`);
        return `${fn}(c, ${x})`;
      }
      case 'binary':
        if (e.op === '+') return `(${this.setTest(e.left, x)} || ${this.setTest(e.right, x)})`;
        if (e.op === '-') return `(${this.setTest(e.left, x)} && !${this.setTest(e.right, x)})`;
        break;
    }
    throw new CompileError(`this set expression is not supported by the compiler`);
  }

  // ---- expressions ----

  private isNumber(e: A.Expr): boolean {
    const t = this.p.typeOf(e);
    return t.kind === 'number' || (t.kind === 'optional' && t.inner.kind === 'number');
  }

  private expr(e: A.Expr, s: Scope): string {
    if (this.isNumber(e)) {
      const r = this.fold(e);
      if (r) return this.numberConst(r);
    }
    switch (e.kind) {
      case 'number':
      case 'percent':
        return this.numberConst(this.fold(e)!);
      case 'date':
        return lit(e.value);
      case 'bool':
        return e.value ? 'true' : 'false';
      case 'paren':
        return `(${this.expr(e.inner, s)})`;
      case 'identifier':
        return this.narrowed(e, this.identifier(e, s));
      case 'member':
        return this.narrowed(e, prop(this.expr(e.object, s), e.property.name));
      case 'unary':
        return e.op === 'not' ? `!(${this.expr(e.operand, s)})` : `neg(${this.expr(e.operand, s)})`;
      case 'binary': {
        const l = this.expr(e.left, s);
        const r = this.expr(e.right, s);
        switch (e.op) {
          case 'and':
            return `(${l} && ${r})`;
          case 'or':
            return `(${l} || ${r})`;
          case '+':
            return `add(${l}, ${r})`;
          case '-':
            return `sub(${l}, ${r})`;
          case '*':
            return `mul(${l}, ${r})`;
          case '/':
            return `div(${l}, ${r})`;
        }
        break;
      }
      case 'compare':
        return this.compare(e, s);
      case 'in': {
        if (e.set.kind === 'identifier') {
          // a named group or set: call its membership function directly
          const r = this.p.resolve(e.set);
          const named = this.setFns.get(`${r.kind}:${'name' in r ? r.name : ''}`);
          if (named) return `${e.negated ? '!' : ''}${named}(c, ${this.expr(e.element, s)})`;
        }
        const fn = this.fresh('in_');
        this.hoisted.push(`function ${fn}(c: Ctx, x: string): boolean {\n  return ${this.setTest(e.set, 'x')};\n}`);
        return `${e.negated ? '!' : ''}${fn}(c, ${this.expr(e.element, s)})`;
      }
      case 'is': {
        const v = this.expr(e.subject, s);
        const t = e.test;
        if (t.kind === 'present') return `(${v} ${e.negated ? '===' : '!=='} null)`;
        if (t.kind === 'absent') return `(${v} ${e.negated ? '!==' : '==='} null)`;
        return `(${v} ${e.negated ? '!==' : '==='} ${lit(t.name)})`;
      }
      case 'coalesce':
        return `(${this.expr(e.value, s)} ?? ${this.expr(e.fallback, s)})`;
      case 'aggregate':
        return this.aggregate(e, s);
      case 'set':
      case 'every':
        break;
    }
    throw new CompileError(`this expression is not supported by the compiler`);
  }

  /** An optional the checker has narrowed (after `is present`): tell TypeScript it is not null. */
  private narrowed(e: A.Identifier | A.MemberExpr, code: string): string {
    let declared: Type | undefined;
    if (e.kind === 'identifier') {
      const r = this.p.resolve(e);
      if (r.kind === 'input') declared = this.p.input.type.fields.get(r.field);
    } else {
      const ot = this.p.typeOf(e.object);
      const rec = ot.kind === 'optional' ? ot.inner : ot;
      if (rec.kind === 'record') declared = rec.fields.get(e.property.name);
    }
    return declared?.kind === 'optional' && this.p.typeOf(e).kind !== 'optional' ? `${code}!` : code;
  }

  private identifier(e: A.Identifier, s: Scope): string {
    const r = this.p.resolve(e);
    switch (r.kind) {
      case 'input':
        return prop('c.i', r.field);
      case 'binder': {
        const v = s.binders.get(r.aggregate);
        if (!v) throw new CompileError(`binder ${r.name} out of scope`);
        return v;
      }
      case 'member':
        return lit(r.member);
      case 'define':
        return `define_${this.defineIndex.get(r.name)}(c)`;
      case 'const': {
        const f = this.folded.get(r.name);
        if (f) return this.numberConst(f);
        return `const_${this.constIndex.get(r.name)}(c)`;
      }
      case 'group':
        throw new CompileError(`a group is only usable after \`in\``);
    }
  }

  private compare(e: A.CompareExpr, s: Scope): string {
    const lt = this.p.typeOf(e.left);
    const base = lt.kind === 'optional' ? lt.inner : lt;
    const op = e.op === '=' ? '===' : e.op === '!=' ? '!==' : e.op;
    if (base.kind === 'number') {
      // a op k*b or k*b op a with k a positive fraction p/r: cross-multiply (a*r op b*p)
      const scaled = this.scaledCompare(e, s);
      if (scaled) return scaled;
      return `cmp(${this.expr(e.left, s)}, ${this.expr(e.right, s)}) ${op} 0`;
    }
    if (base.kind === 'bool') {
      // the reference semantics orders unequal booleans as "greater"
      const l = this.expr(e.left, s);
      const r = this.expr(e.right, s);
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
    return `(${this.expr(e.left, s)} ${op} ${this.expr(e.right, s)})`;
  }

  private scaledCompare(e: A.CompareExpr, s: Scope): string | undefined {
    const op = e.op === '=' ? '===' : e.op === '!=' ? '!==' : e.op;
    const split = (x: A.Expr): { k: Rational; rest: A.Expr } | undefined => {
      while (x.kind === 'paren') x = x.inner;
      if (x.kind !== 'binary' || x.op !== '*') return undefined;
      const kl = this.fold(x.left);
      if (kl && !this.fold(x.right)) return { k: kl, rest: x.right };
      const kr = this.fold(x.right);
      if (kr && !kl) return { k: kr, rest: x.left };
      return undefined;
    };
    const small = (r: Rational): boolean => r.num > 0n && r.num < 1000000n && r.den < 1000000n && r.den > 1n;
    const right = split(e.right);
    if (right && small(right.k) && !this.fold(e.left)) {
      return `cmpScaled(${this.expr(e.left, s)}, ${right.k.den}, ${this.expr(right.rest, s)}, ${right.k.num}) ${op} 0`;
    }
    const left = split(e.left);
    if (left && small(left.k) && !this.fold(e.right)) {
      return `cmpScaled(${this.expr(left.rest, s)}, ${left.k.num}, ${this.expr(e.right, s)}, ${left.k.den}) ${op} 0`;
    }
    return undefined;
  }

  private aggregate(e: A.AggregateExpr, s: Scope): string {
    const fn = this.fresh('agg_');
    const params = [...s.binders.values()];
    const item = `b${this.counter++}`;
    const inner: Scope = { binders: new Map([...s.binders, [e, item]]) };
    const list = this.expr(e.list, s);
    const elType = this.p.typeOf(e.list);
    const itemType = elType.kind === 'list' ? this.anyValueType(elType.element) : 'any';
    const filter = e.where ? `    if (!(${this.expr(e.where, inner)})) continue;\n` : '';
    let body: string;
    let init: string;
    let ret: string;
    let retType: string;
    switch (e.op) {
      case 'sum':
        init = 'let acc: PolNumber = 0;';
        body = `    acc = add(acc, ${this.expr(e.body!, inner)});`;
        ret = 'acc';
        retType = 'PolNumber';
        break;
      case 'count':
        init = 'let acc = 0;';
        body = '    acc++;';
        ret = 'acc';
        retType = 'PolNumber';
        break;
      case 'all':
        init = '';
        body = `    if (!(${this.expr(e.body!, inner)})) return false;`;
        ret = 'true';
        retType = 'boolean';
        break;
      case 'any':
        init = '';
        body = `    if (${this.expr(e.body!, inner)}) return true;`;
        ret = 'false';
        retType = 'boolean';
        break;
    }
    const paramDecl = params.map((p) => `, ${p}: any`).join('');
    this.hoisted.push(`/** ${commentText(e.op)} over a list */
function ${fn}(c: Ctx, list: readonly ${itemType}[]${paramDecl}): ${retType} {
  ${init}
  for (let k = 0; k < list.length; k++) {
    const ${item} = list[k]!;
${filter}${body}
  }
  return ${ret};
}`);
    return `${fn}(c, ${list}${params.map((p) => `, ${p}`).join('')})`;
  }

  private anyValueType(t: Type): string {
    if (t.kind === 'record' || t.kind === 'list') return 'any';
    return this.valueType(t);
  }

  private decision(d: A.DecisionExpr): string {
    const args = new Map(d.args.map((a) => [a.name.name, a.value] as const));
    const fields = this.fieldNames.map((n) => {
      const v = args.get(n);
      if (!v) return `${key(n)}: null`;
      const t = this.p.typeOf(v);
      const base = t.kind === 'optional' ? t.inner : t;
      if (base.kind === 'set') throw new CompileError('a group cannot be a decision field');
      if (base.kind === 'number') return `${key(n)}: ${t.kind === 'optional' ? `nj(${this.expr(v, EMPTY_SCOPE)})` : `numberJson(${this.expr(v, EMPTY_SCOPE)})`}`;
      if (base.kind === 'record' || base.kind === 'list') throw new CompileError('decision fields of record or list type are not supported by the compiler');
      return `${key(n)}: ${this.expr(v, EMPTY_SCOPE)}`;
    });
    return `{ outcome: ${lit(d.variant.name)}, ${fields.join(', ')} } as Decision`;
  }

  // ---- rules ----

  /** A field value known at compile time (literal, folded number, enum member), as JSON code. */
  private staticField(v: A.Expr): string | undefined {
    if (v.kind === 'paren') return this.staticField(v.inner);
    const t = this.p.typeOf(v);
    if (t.kind === 'number') {
      const r = this.fold(v);
      if (!r) return undefined;
      const j = r.toJSON();
      return typeof j === 'number' ? (Object.is(j, -0) ? '0' : String(j)) : lit(j);
    }
    if (v.kind === 'date') return lit(v.value);
    if (v.kind === 'bool') return v.value ? 'true' : 'false';
    if (v.kind === 'identifier') {
      const r = this.p.resolve(v);
      if (r.kind === 'member') return lit(r.member);
    }
    return undefined;
  }

  /**
   * Code for the decision of a body: a shared frozen constant when every field is known at compile
   * time, else a call to a generated function. `tag` names the generated declarations.
   */
  private decisionValue(d: A.DecisionExpr, tag: string): string {
    const args = new Map(d.args.map((a) => [a.name.name, a.value] as const));
    const statics = this.fieldNames.map((n) => {
      const v = args.get(n);
      return v === undefined ? 'null' : this.staticField(v);
    });
    if (statics.every((x) => x !== undefined)) {
      this.out.push(
        `const DEC_${tag}: Decision = Object.freeze({ outcome: ${lit(d.variant.name)}, ${this.fieldNames.map((n, k) => `${key(n)}: ${statics[k]}`).join(', ')} } as Decision);`,
      );
      return `DEC_${tag}`;
    }
    this.out.push(`function decide_${tag}(c: Ctx): Decision {
  return ${this.decision(d)};
}`);
    return `decide_${tag}(c)`;
  }

  private emitNode(b: Body): void {
    const i = this.nodeIndex.get(b)!;
    const w = this.where(b.name.span);
    const sw = this.where(b.span);
    const chain: Body[] = [];
    for (let x: Body | undefined = b; x; x = this.parent.get(x)) chain.unshift(x);
    const steps = chain.map((x) => `S${this.nodeIndex.get(x)}`);
    this.out.push(
      `/** ${b.kind} ${commentText(b.name.name)}${b.title ? ` "${commentText(b.title.value)}"` : ''}${b.cites.map((c) => `\n * @see ${commentText(c.value)}`).join('')} */\nconst S${i} = step(${lit(b.name.name)}, ${lit(b.kind)}, ${b.title ? lit(b.title.value) : 'null'}, [${b.cites.map((c) => lit(c.value)).join(', ')}], ${lit(sw.file)}, ${sw.line});`,
    );
    this.out.push(`const INFO${i}: NodeInfo = info(${lit(b.name.name)}, [${b.obligations.map((o) => lit(o.value)).join(', ')}], path(${steps.join(', ')}));`);
    // explain entries are static: one frozen constant each, nothing allocated per evaluation
    const whyOf = (status: string, failed: string | undefined): string => {
      const name = `W${i}_${this.counter++}`;
      this.out.push(
        `const ${name} = why(${lit(b.name.name)}, ${lit(b.kind)}, ${lit(status)}, ${failed === undefined ? 'null' : lit(failed.replace(/\s+/g, ' '))}, ${lit(w.file)}, ${w.line});`,
      );
      return name;
    };
    const checks: string[] = [];
    const eff = b.effective;
    const until = b.until;
    if (eff || until) {
      const conds: string[] = [];
      if (eff) conds.push(`c.asOf < ${lit(eff.value)}`);
      if (until) conds.push(`c.asOf >= ${lit(until.value)}`);
      const span = (eff ?? until)!.span;
      checks.push(`if (c.asOf !== undefined && (${conds.join(' || ')})) {
    if (x !== undefined) x.push(${whyOf('not-in-effect', this.text(span))});
    return false;
  }`);
    }
    if (b.when) {
      checks.push(`if (${this.expr(b.when, EMPTY_SCOPE)}) return true;
  if (x !== undefined) x.push(${this.failing(b.when, (t) => whyOf('condition-false', t))});
  return false;`);
    } else checks.push('return true;');
    this.out.push(`/** whether ${commentText(b.name.name)} applies (in effect, condition true); records why not when explaining */
function applies${i}(c: Ctx, x: ExplainStep[] | undefined): boolean {
  ${checks.join('\n  ')}
}`);
    const own = this.decisionValue(b.decide, `${i}`);
    const ex = b.exceptions.map((e) => this.nodeIndex.get(e)!);
    const body: string[] = [];
    if (ex.length === 0) {
      body.push(`c.info = INFO${i};`, `c.alts = EMPTY;`, `return ${own};`);
    } else if (ex.length === 1) {
      body.push(`if (applies${ex[0]}(c, x)) return resolve${ex[0]}(c, x);`, `c.info = INFO${i};`, `c.alts = EMPTY;`, `return ${own};`);
    } else {
      // every exception's condition is evaluated first (written order), as in the interpreter
      ex.forEach((n, k) => body.push(`const a${k} = applies${n}(c, x);`));
      body.push(`let first: Decision;`);
      if (ex.length > 1) body.push(`let w: number;`);
      ex.forEach((n, k) => body.push(`${k === 0 ? '' : 'else '}if (a${k}) {
    first = resolve${n}(c, x);${ex.length > 1 ? `
    w = ${k};` : ''}
  }`));
      body.push(`else {
    c.info = INFO${i};
    c.alts = EMPTY;
    return ${own};
  }`);
      if (ex.length > 1) {
        // the other applicable exceptions are overridden; they only contribute alternatives
        body.push(`const n = c.info;`, `let alts = c.alts;`, `let more = false;`);
        ex.forEach((n, k) => {
          if (k === 0) return;
          const ov = this.overridden(this.nodes[n]!);
          body.push(`if (a${k} && w < ${k}) {
    if (x !== undefined) x.push(${ov});
    alts = withAlternative(alts, first, resolve${n}(c, x));
    more = true;
  }`);
        });
        body.push(`if (more) {
    c.info = n;
    c.alts = alts;
  }`);
      }
      body.push(`return first;`);
    }
    this.out.push(`/** ${commentText(b.name.name)} decides unless an exception applies (the first one wins, recursively) */
function resolve${i}(c: Ctx, x: ExplainStep[] | undefined): Decision {
  ${body.join('\n  ')}
}`);
  }

  private readonly overriddenNames = new Map<Body, string>();
  /** The explain entry "overridden" of an exception (a constant, emitted once). */
  private overridden(b: Body): string {
    let name = this.overriddenNames.get(b);
    if (!name) {
      const w = this.where(b.name.span);
      name = `OVERRIDDEN${this.nodeIndex.get(b)}`;
      this.overriddenNames.set(b, name);
      this.out.push(`const ${name} = why(${lit(b.name.name)}, ${lit(b.kind)}, 'overridden', null, ${lit(w.file)}, ${w.line});`);
    }
    return name;
  }

  /** Code choosing the explain entry for the part of a false condition that failed. */
  private failing(e: A.Expr, mk: (text: string | undefined) => string): string {
    if (e.kind === 'paren') return this.failing(e.inner, mk);
    if (e.kind === 'binary' && e.op === 'and') {
      return `(!(${this.expr(e.left, EMPTY_SCOPE)}) ? ${this.failing(e.left, mk)} : ${this.failing(e.right, mk)})`;
    }
    return mk(this.text(e.span));
  }
}

/** Items joined by `sep`, broken into lines of about 100 characters (continuation lines indented). */
function wrapList(items: readonly string[], sep: string, indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    if (line !== '' && line.length + sep.length + item.length > 100) {
      lines.push(line + sep.trimEnd());
      line = item;
    } else line = line === '' ? item : line + sep + item;
  }
  lines.push(line);
  if (lines.length === 1) return lines[0]!;
  // a union: every line starts with the operator, as prettier writes it
  if (sep === ' | ') return `\n${lines.map((l) => `${indent}| ${l.replace(/ \|$/, '')}`).join('\n')}`;
  return `\n${lines.map((l) => indent + l).join('\n')}\n`;
}

/** Set literals with more undated members than this test membership with a hoisted Set. */
const SET_INLINE_MAX = 8;

/** Rule functions per chunk of `evaluate` (keeps each function small enough to be optimised). */
const RULE_CHUNK = 64;

const EVAL_CODE = `
function nj(v: PolNumber | null): number | string | null {
  return v === null ? null : numberJson(v);
}

function info(id: string, obligations: readonly string[], trace: readonly TraceStep[]): NodeInfo {
  return Object.freeze({ id, obligations: Object.freeze(obligations), citations: citationsOf(trace), trace });
}

function sameDecision(a: Decision, b: Decision): boolean {
  if (a.outcome !== b.outcome) return false;
  for (const f of FIELDS) if ((a as unknown as Record<string, unknown>)[f] !== (b as unknown as Record<string, unknown>)[f]) return false;
  return true;
}

/** An overridden exception's decision is an alternative when it has the winner's outcome but differs. */
function withAlternative(alts: readonly Decision[], first: Decision, d: Decision): readonly Decision[] {
  if (d.outcome !== first.outcome || sameDecision(d, first)) return alts;
  for (const a of alts) if (sameDecision(a, d)) return alts;
  return [...alts, d];
}

/** Checks untyped input (e.g. parsed JSON): every error with its path, then every \`require\`. */
export function validate(value: unknown): { ok: true; value: Input } | { ok: false; errors: InputError[] } {
  const errors: InputError[] = [];
  const out = check(V_INPUT, value, '', errors);
  if (errors.length > 0) return { ok: false, errors };
  const input = out as Input;
  const c = new Ctx(input);
  for (const [cond, at, because] of REQUIRES) if (!cond(c)) errors.push({ path: at, message: because, code: 'input/requirement-failed' });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: input };
}
`;

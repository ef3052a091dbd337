/**
 * ir.Program -> the TypeScript source of one self-contained module (unformatted). Printing only:
 * what to compute was decided by lowering and the optimiser (packages/core/src/ir); this file
 * lays it out (docs/compiled-module.md, "Code shape").
 */
import * as I from '@pol/core/ir';
import { createHash } from 'node:crypto';
import { runtimeNames, runtimeText } from '../runtime/inline.ts';
import { code } from './code.ts';
import { ExprPrinter } from './expr.ts';
import { LEDGER_NAMES, LedgerPrinter } from './ledgers.ts';
import { Names } from './names.ts';
import { prune } from './prune.ts';
import { RulePrinter } from './rules.ts';
import { commentText, group, lit, prop, typeKey, wrapList } from './text.ts';
import { jsonRecordLiteral, recordLiteral, tsType, type FieldDoc, type TypeNames } from './ts-types.ts';
import { NO_DOCS, type FieldDocs } from './docs.ts';
import { DateIndex } from './dates.ts';

/** Names the module itself declares (besides the runtime's); no policy name may take one. */
const MODULE_NAMES = ['Input', 'Decision', 'POLICY', 'PolicyInfo', 'validate', 'evaluate', 'decide', 'toJson', 'Validated', 'VALIDATED', 'Result', 'FIELDS', 'NodeInfo', 'OTHERWISE', 'OTHERWISE_PATH', 'V_INPUT', 'info', 'node', 'withAlt', 'alternativesOf', 'begin', 'IN', 'ON', 'DI', 'WIN', 'ALT'];

/** `holding_tpp` -> `HoldingTpp`: a type name from a field or outcome name. */
function pascal(name: string): string {
  return name.replace(/(^|_)([a-z])/g, (_m, _u: string, c: string) => c.toUpperCase()).replace(/_/g, '');
}

/** Rule functions per chunk of `evaluate` (keeps each function small enough to be optimised). */
const RULE_CHUNK = 64;

/** Undated sets with at most this many members are tested with `===` (no Set lookup). */
const INLINE_MEMBERS = 3;

export function sourceHash(p: I.Program): string {
  const h = createHash('sha256');
  // Paths enter as the trace shows them (relative to the main file), so the same policy hashes the
  // same wherever it is checked out.
  for (const f of p.files) {
    h.update(f.shown.length + ':' + f.shown + '\n');
    h.update(Buffer.byteLength(f.text) + ':' + f.text);
  }
  return h.digest('hex');
}

/** `docs`: TSDoc for the input's fields from the policy's comments (fieldDocs of the checked program). */
export function generate(p: I.Program, docs: FieldDocs = NO_DOCS): string {
  return prune(new ModulePrinter(p, docs).module());
}

/**
 * What recomputing an expression costs, in reads and comparisons, or Infinity when it loops over a
 * list or does arithmetic. A def at most INLINE_COST is written where it is used instead of being
 * cached: checking and resetting a cache costs about as much as a field read and a comparison or
 * two. `inlined(id)` is the cost of an inlined def (its text is repeated, so its cost counts), or
 * undefined for a cached one (a call that reads the cache).
 */
function recomputeCost(e: I.Expr, inlined: (id: number) => number | undefined): number {
  switch (e.k) {
    case 'input':
      return 1;
    case 'num':
    case 'date':
    case 'bool':
    case 'enum':
      return 0;
    case 'field':
      return recomputeCost(e.object, inlined);
    case 'present':
    case 'not':
      return recomputeCost(e.arg, inlined);
    case 'def':
      return inlined(e.id) ?? 1;
    case 'member':
      return 1 + recomputeCost(e.elem, inlined);
    case 'cmp':
      return (e.domain === 'number' ? 2 : 1) + recomputeCost(e.l, inlined) + recomputeCost(e.r, inlined);
    case 'coalesce':
      return 1 + recomputeCost(e.value, inlined) + recomputeCost(e.fallback, inlined);
    case 'and':
    case 'or':
      return e.args.reduce((n, a) => n + recomputeCost(a, inlined), e.args.length - 1);
    default:
      return Infinity;
  }
}
const INLINE_COST = 4;

class ModulePrinter {
  private readonly names = new Names();
  private readonly out: string[] = [];
  private readonly enumNames = new Map<string, { type: string; alias: string; vtype: string }>();
  private readonly recordNames = new Map<string, { type: string; alias: string }>();
  /** every record type of the input (declared or nested), with its names: validated and JSON */
  private readonly recordTypes = new Map<I.Type, { type: string; json: string; what: string; key: string }>();
  private readonly inputName: string;
  private readonly decisionName: string;
  /** the fixed names `Input` and `Decision`, as aliases, when the policy's own names differ */
  private readonly aliases: { readonly name: string; readonly of: string }[] = [];
  private readonly outcomeNames: string[];
  private readonly types: TypeNames;
  private readonly ex: ExprPrinter;
  private readonly defCode: string[] = [];
  /** recomputeCost of each def written where it is used (not cached) */
  private readonly inlinedCost: number[] = [];
  private readonly setCode: ((x: string) => string)[] = [];
  /** per-evaluation caches (defs, dated sets): declared as module variables, reset by `begin` */
  private readonly caches: { name: string; type: string }[] = [];
  private readonly ledgers: LedgerPrinter;
  private readonly dates: DateIndex;

  constructor(
    private readonly p: I.Program,
    private readonly docs: FieldDocs,
  ) {
    this.names.reserve(runtimeNames());
    // the policy's input and decision names first: the module's code says `Input` and `Decision`,
    // aliases of them when they are named otherwise
    this.names.reserve(MODULE_NAMES.filter((n) => n !== p.input.name && n !== p.decision.name));
    this.inputName = this.names.take(p.input.name);
    this.decisionName = this.names.take(p.decision.name);
    if (p.ledgers.length > 0) this.names.reserve(LEDGER_NAMES);
    for (const e of p.enums) this.enumNames.set(e.name, { type: this.names.take(e.name), alias: this.names.take(`Enum_${e.name}`), vtype: this.names.take(`V_${e.name}`) });
    for (const r of p.records.keys()) this.recordNames.set(r, { type: this.names.take(r), alias: this.names.take(`Rec_${r}`) });
    for (const [r, t] of p.records) this.recordTypes.set(t, { type: this.recordNames.get(r)!.type, json: this.names.take(`${r}Json`), what: `record ${r}`, key: r });
    this.nameNested(p.input.type, this.inputName, `input ${p.input.name}`, 'input');
    this.outcomeNames = p.decision.variants.map((v) => this.names.take(pascal(v.name)));
    for (const [fixed, of] of [['Input', this.inputName], ['Decision', this.decisionName]] as const) if (of !== fixed) this.aliases.push({ name: fixed, of });
    this.types = {
      enumType: (n) => this.enumNames.get(n)?.type ?? 'string',
      enumVType: (n) => this.enumNames.get(n)!.vtype,
      recordType: (t) => this.recordTypes.get(t)?.type,
      recordJsonType: (t) => this.recordTypes.get(t)?.json,
    };
    this.ledgers = new LedgerPrinter(p, this.names);
    const dates = (this.dates = new DateIndex(p));
    this.ex = new ExprPrinter(p, this.names, this.types, {
      def: (id) => this.defCode[id]!,
      member: (id, x) => this.setCode[id]!(x),
      balance: (id) => this.ledgers.balance(id),
      asOf: (e) => {
        const t = dates.asOfTest(e);
        return t === undefined ? undefined : t.op === '<' ? dates.before(t.date) : dates.notBefore(t.date);
      },
    });
  }

  module(): string {
    const p = this.p;
    const o = this.out;
    o.push(`// generated from ${commentText(p.mainFile)} by pol, do not edit`);
    o.push(`/* eslint-disable */`);
    o.push(`/** The policy this module was generated from: tie stored decisions to it. */`);
    o.push(code`
      export interface PolicyInfo {
        readonly name: string;
        readonly version: string | null;
        /** sha256 over the policy's files (docs/compiled-module.md) */
        readonly sourceHash: string;
      }`);
    o.push(code`
      export const POLICY: PolicyInfo = Object.freeze({
        name: ${lit(p.name)},
        version: ${p.version === undefined ? 'null' : lit(p.version)},
        sourceHash: ${lit(sourceHash(p))},
      });`);
    o.push(runtimeText());
    this.typesSection();
    this.stateSection();
    const rules = new RulePrinter(p, this.names, this.ex, o, this.dates);
    const owDecision = rules.otherwise();
    for (const r of p.rules) rules.rule(r, []);
    this.evaluateSection(rules, owDecision);
    this.validateSection();
    return o.join('\n\n') + '\n\n// ---- helpers for expressions ----\n\n' + this.ex.hoisted.join('\n\n') + '\n';
  }

  /** Names for the records written in place inside `t` (`Transaction.item` is `TransactionItem`). */
  private nameNested(t: I.Type, owner: string, what: string, key: string): void {
    if (t.kind === 'list' || t.kind === 'optional') return this.nameNested(t.kind === 'list' ? t.element : t.inner, owner, what, key);
    if (t.kind !== 'record') return;
    const declared = t.name !== undefined ? this.p.records.get(t.name) : undefined;
    if (declared !== undefined && this.recordTypes.has(declared)) this.recordTypes.set(t, this.recordTypes.get(declared)!);
    if (!this.recordTypes.has(t)) this.recordTypes.set(t, { type: owner, json: this.names.take(`${owner}Json`), what, key });
    const own = this.recordTypes.get(t)!;
    for (const [f, ft] of t.fields) {
      let inner = ft;
      while (inner.kind === 'list' || inner.kind === 'optional') inner = inner.kind === 'list' ? inner.element : inner.inner;
      if (inner.kind === 'record' && !this.recordTypes.has(inner)) this.nameNested(inner, this.names.take(own.type + pascal(f)), `${what}, field ${f}`, `${own.key}.${f}`);
    }
  }

  /** A field's TSDoc: its Pol type, its unit's description, the comment above it in the policy. */
  private fieldDoc(owner: string): FieldDoc {
    return (f, t) => {
      let inner = t;
      while (inner.kind === 'list' || inner.kind === 'optional') inner = inner.kind === 'list' ? inner.element : inner.inner;
      const unit = inner.kind === 'number' && inner.unit !== null ? this.docs.units.get(inner.unit) : undefined;
      const said = this.docs.fields.get(`${owner}.${f}`);
      return [said, `${I.typeToString(t)}${unit === undefined ? '' : ` (${inner.kind === 'number' ? inner.unit : ''}: ${unit})`}`].filter((x) => x !== undefined).join(' \u2014 ');
    };
  }

  private typesSection(): void {
    const p = this.p;
    const o = this.out;
    const used = new Set<string>();
    const walk = (t: I.Type): void => {
      if (t.kind === 'enum') used.add(t.name);
      else if (t.kind === 'list') walk(t.element);
      else if (t.kind === 'optional') walk(t.inner);
      else if (t.kind === 'record') for (const ft of t.fields.values()) walk(ft);
    };
    walk(p.input.type);
    o.push('// ---- enums ----');
    for (const e of p.enums) {
      const n = this.enumNames.get(e.name)!;
      const union = e.members.length ? wrapList(e.members.map(lit), ' | ', '  ') : 'never';
      o.push(`/** enum ${commentText(e.name)} */\nexport type ${n.type} =${union.startsWith('\n') ? '' : ' '}${union};`);
      o.push(`/** the name of ${n.type} in modules before 0.2 */\nexport type ${n.alias} = ${n.type};`);
      o.push(`/** every ${n.type}, in the policy's order */\nexport const ${n.type}: readonly ${n.type}[] = Object.freeze([${wrapList(e.members.map(lit), ', ', '  ')}]);`);
      if (used.has(e.name)) o.push(`const ${n.vtype}: VType = enumType(${lit(e.name)}, ${n.type});`);
    }
    o.push('// ---- input ----');
    for (const [t, n] of this.recordTypes) {
      if (t.kind !== 'record') continue;
      const doc = this.fieldDoc(n.key);
      o.push(`/** ${commentText(n.what)}, validated: what \`evaluate\` reads (an absent optional field is null) */\nexport interface ${n.type} ${recordLiteral(t, 'input', this.types, true, doc)}`);
      o.push(`/** ${commentText(n.what)} as JSON: what \`validate\` takes and \`toJson\` gives (numbers as JSON numbers or exact decimal text) */\nexport interface ${n.json} ${jsonRecordLiteral(t, this.types, true, doc)}`);
    }
    for (const [name, t] of p.records) {
      const n = this.recordNames.get(name)!;
      if (this.recordTypes.has(t)) o.push(`/** the name of ${n.type} in modules before 0.2 */\nexport type ${n.alias} = ${n.type};`);
    }
    const input = p.input.type;
    for (const a of this.aliases) if (a.of === this.inputName) o.push(`/** input ${commentText(p.input.name)}, by the name every module gives it */\nexport type ${a.name} = ${a.of};`);
    o.push(code`
      declare const VALIDATED: unique symbol;
      /** A value \`validate\` returned: only such a value reaches \`evaluate\` (a mark for the type checker; nothing at run time). */
      export type Validated<T> = T & { readonly [VALIDATED]: true };`);
    o.push(`const V_INPUT: VType = record([\n${[...input.fields].map(([f, ft]) => `  [${lit(f)}, ${tsType(ft, 'vtype', this.types)}, ${lit(I.typeToString(ft))}],\n`).join('')}]);`);
    o.push('// ---- decision ----');
    const fields = p.decision.fields;
    p.decision.variants.forEach((v, k) => {
      const fs = fields.map((f) => {
        const param = v.params.find((x) => x.name === f);
        const t = param ? tsType(param.type, 'json', this.types) : 'null';
        return `  /** ${param ? commentText(I.typeToString(param.type)) : 'not in this outcome'} */ readonly ${typeKey(f)}: ${t};\n`;
      });
      o.push(`/** outcome ${commentText(v.name)} of decision ${commentText(p.decision.name)} */\nexport interface ${this.outcomeNames[k]!} {\n  readonly outcome: ${lit(v.name)};\n${fs.join('')}}`);
    });
    const union = this.outcomeNames.length ? this.outcomeNames.map((n) => `\n  | ${n}`).join('') : ' never';
    o.push(`/** decision ${commentText(p.decision.name)}: a union on \`outcome\`. */\nexport type ${this.decisionName} =${union};`);
    for (const a of this.aliases) if (a.of === this.decisionName) o.push(`/** decision ${commentText(p.decision.name)}, by the name every module gives it */\nexport type ${a.name} = ${a.of};`);
    o.push(`const FIELDS: readonly string[] = [${fields.map(lit).join(', ')}];`);
    o.push(code`
      export interface Result {
        readonly decision: ${this.decisionName};
        /** only with \`{ alternatives: true }\` or \`{ explain: true }\`: the decisions of exceptions that also applied but were overridden */
        readonly alternatives?: readonly ${this.decisionName}[];
        readonly obligations: readonly string[];
        readonly citations: readonly string[];
        readonly decided_by: string;
        readonly trace: readonly TraceStep[];
        explain?: readonly ExplainStep[];${p.ledgers.length > 0 ? '\n/** what the deciding rule records in the ledgers */\npostings?: readonly Posting[];' : ''}
        /** the policy that decided (its name, version and source hash): store it with the decision */
        readonly policy: PolicyInfo;
      }`);
  }

  /** Sets, defs and the module variables of the evaluation in progress. */
  private stateSection(): void {
    const p = this.p;
    const o = this.out;
    o.push('// ---- evaluation ----');
    o.push(code`
      /**
       * What a resolve function leaves in WIN: who decided, with the precomputed result parts and the
       * alternatives. When the decision is one the policy fixes, the results to return are built
       * once, here or (for a combination of alternatives) at its first use.
       */
      interface NodeInfo {
        readonly id: string;
        readonly obligations: readonly string[];
        readonly citations: readonly string[];
        readonly trace: readonly TraceStep[];
        readonly decision: Decision | null;
        readonly alternatives: readonly Decision[];
        /** the results to return for a fixed decision: with the trace, without; each with and without the alternatives */
        readonly full: Result | null;
        readonly bare: Result | null;
        readonly lean: Result | null;
        readonly leanBare: Result | null;
        /** by bit mask of the alternatives that applied (alternativesOf) */
        variants: (NodeInfo | undefined)[] | undefined;
      }

      function node(n: Pick<NodeInfo, 'id' | 'obligations' | 'citations' | 'trace'>, decision: Decision | null, alternatives: readonly Decision[]): NodeInfo {
        const result = (trace: readonly TraceStep[], alts: boolean): Result | null =>
          decision === null
            ? null
            : alts
              ? Object.freeze({ decision, alternatives, obligations: n.obligations, citations: n.citations, decided_by: n.id, trace${this.ledgers.active ? ', postings: EMPTY' : ''}, policy: POLICY })
              : Object.freeze({ decision, obligations: n.obligations, citations: n.citations, decided_by: n.id, trace${this.ledgers.active ? ', postings: EMPTY' : ''}, policy: POLICY });
        return {
          id: n.id,
          obligations: n.obligations,
          citations: n.citations,
          trace: n.trace,
          decision,
          alternatives,
          full: result(n.trace, true),
          bare: result(EMPTY, true),
          lean: result(n.trace, false),
          leanBare: result(EMPTY, false),
          variants: undefined,
        };
      }

      function info(id: string, obligations: readonly string[], trace: readonly TraceStep[], decision: Decision | null): NodeInfo {
        return node({ id, obligations: Object.freeze(obligations), citations: citationsOf(trace), trace }, decision, EMPTY);
      }

      /** n with the decision of an overridden exception as an alternative, if it is one. */
      function withAlt(n: NodeInfo, first: Decision, d: Decision): NodeInfo {
        const alternatives = withAlternative(n.alternatives, first, d, FIELDS);
        return alternatives === n.alternatives ? n : node(n, null, alternatives);
      }

      /** n with the constant alternatives table[k] for every bit k of m (built once per combination). */
      function alternativesOf(n: NodeInfo, first: Decision, table: readonly Decision[], m: number): NodeInfo {
        const fixed = first === n.decision;
        if (fixed && n.variants !== undefined) {
          const hit = n.variants[m];
          if (hit !== undefined) return hit;
        }
        let alternatives = n.alternatives;
        for (let k = 0; k < table.length; k++) if ((m & (1 << k)) !== 0) alternatives = withAlternative(alternatives, first, table[k]!, FIELDS);
        if (!fixed) return alternatives === n.alternatives ? n : node(n, null, alternatives);
        const v = alternatives === n.alternatives ? n : node(n, first, Object.freeze(alternatives));
        (n.variants ??= [])[m] = v;
        return v;
      }`);
    const used = new Set<number>();
    const walk = (e: I.Expr): void => {
      if (e.k === 'member') used.add(e.set);
      I.children(e).forEach(walk);
    };
    I.everyExpr(p).forEach(walk);
    for (const s of p.sets) if (used.has(s.id)) this.set(s);
    for (const d of p.defs) this.def(d);
    if (this.ledgers.active) this.ledgers.declarations(this.ex, this.out, this.caches);
    const asOf = p.input.asOf;
    const di = this.dates.active;
    o.push(code`
      // The evaluation in progress. \`evaluate\` and \`validate\` run to completion without calling out,
      // so module variables serve every call and nothing is allocated to hold them. \`var\`, not
      // \`let\`: V8 checks a module-level \`let\` for its temporal dead zone at each access from a
      // function, and the evaluation reads these all the time (about 10% of a call on the IFR).
      var IN!: Input;${di ? `\n      /** where the input's "as of" date falls among the dates the policy compares it with (emit/dates.ts) */\n      var DI = 0;` : ''}
      /** set by the resolve functions: the rule or exception that decided, with the alternatives */
      var WIN!: NodeInfo;
      /** whether this evaluation collects alternatives (finding them evaluates every later exception) */
      var ALT = false;
      ${this.caches.map((c) => `var ${c.name}: ${c.type} | undefined;`)}

      function begin(input: Input): void {
        IN = input;${di && asOf ? `\n        ${this.dates.compute(prop('input', asOf))}` : ''}
        WIN = OTHERWISE;${this.ledgers.active ? '\nBAL = NO_BALANCES;' : ''}
        ${this.caches.map((c) => `${c.name} = undefined;`)}
      }`);
  }

  private set(s: I.SetDef): void {
    const base = this.names.take(s.name ?? `set_of_${s.of}`);
    const what = s.name ? `group ${commentText(s.name)}` : `a set of ${commentText(s.of)}`;
    const members = (ms: readonly string[]): string => `new Set([${wrapList(ms.map(lit), ', ', '  ')}])`;
    const only = s.ranges.length === 1 ? s.ranges[0]!.members : undefined;
    if (only && only.length === s.undated.length && only.every((m, k) => m === s.undated[k])) {
      if (only.length === 0) {
        this.setCode[s.id] = () => 'false';
        return;
      }
      if (only.length <= INLINE_MEMBERS) {
        this.out.push(`/** ${what} */\nfunction ${base}($x: string): boolean {\n  return ${only.map((m) => `$x === ${lit(m)}`).join(' || ')};\n}`);
        this.setCode[s.id] = (x) => `${base}(${x})`;
        return;
      }
      this.out.push(`/** ${what} */\nconst ${base}: ReadonlySet<string> = ${members(only)};`);
      this.setCode[s.id] = (x) => `${base}.has(${x})`;
      return;
    }
    // the checker refuses dated members in a policy without an as-of date, so DI is kept here
    if (!this.dates.active) throw new Error(`internal error: the dated set ${s.name ?? s.of} without an as-of date`);
    // one precomputed set per date range, and the one for each interval of the as-of date (DI)
    const parts = s.ranges.map((r, k) => {
      const n = this.names.take(`${base}_${k}`);
      const when = r.from === undefined ? `until ${r.until}` : r.until === undefined ? `from ${r.from}` : `from ${r.from} until ${r.until}`;
      this.out.push(`/** ${what} ${when} */\nconst ${n}: ReadonlySet<string> = ${members(r.members)};`);
      return n;
    });
    const at = this.names.take(`${base}_at`);
    const byIndex = this.dates.rangesByIndex(s).map((k) => parts[k]!);
    this.out.push(`/** ${what} on the evaluation date, by DI */\nconst ${at}: readonly ReadonlySet<string>[] = [${wrapList(byIndex, ', ', '  ')}];`);
    this.setCode[s.id] = (x) => `${at}[DI]!.has(${x})`;
  }

  private def(d: I.Def): void {
    const what = `${d.origin === 'shared' ? 'shared by several conditions' : d.origin} ${commentText(d.name)}`;
    const cost = recomputeCost(d.value, (id) => this.inlinedCost[id]);
    if (cost <= INLINE_COST) {
      this.inlinedCost[d.id] = cost;
      // written where it is used, so as one operand whatever surrounds it
      this.defCode[d.id] = group(this.ex.expr(d.value, d.name));
      return;
    }
    const fn = this.names.take(d.name);
    const cache = `${fn}$`;
    const type = tsType(d.type, 'value', this.types);
    this.caches.push({ name: cache, type: /[|&]/.test(type) ? `(${type})` : type });
    this.defCode[d.id] = `${fn}()`;
    this.out.push(code`
      /** ${what}: computed at most once per evaluation */
      function ${fn}(): ${type} {
        return ${cache} !== undefined ? ${cache} : (${cache} = ${this.ex.expr(d.value, d.name)});
      }`);
  }

  private evaluateSection(rules: RulePrinter, owDecision: string): void {
    const p = this.p;
    const chunks: string[] = [];
    for (let k = 0; k < p.rules.length; k += RULE_CHUNK) {
      const fn = this.names.take(`rules_${chunks.length}`);
      chunks.push(fn);
      const part = p.rules.slice(k, k + RULE_CHUNK).map((r) => {
        const n = rules.names_(r);
        return `if (${n.applies}($x)) return ${n.resolve}($x);`;
      });
      this.out.push(code`
        /** rules ${k + 1} to ${k + part.length} in written order: the first that applies decides */
        function ${fn}($x: ExplainStep[] | undefined): Decision | undefined {
          ${part}
          return undefined;
        }`);
    }
    if (this.ledgers.active) this.ledgers.postings(this.ex, this.out);
    const ledgers = this.ledgers.active;
    const run =
      chunks.length === 0
        ? ['const $d: Decision | undefined = undefined;']
        : [`${chunks.length === 1 ? 'const' : 'let'} $d = ${chunks[0]}($x);`, ...chunks.slice(1).map((f) => `if ($d === undefined) $d = ${f}($x);`)];
    this.out.push(code`
      /**
       * Decides a validated input (what \`validate\` returned). Never throws on one; anything else is
       * refused with a TypeError (the type checker refuses it first).${ledgers ? '\n       * A balance table this policy would misread (a key not written as `balanceKeys` writes it, a\n       * negative or malformed balance) is refused with a RangeError naming the key.' : ''}
       */
      export function evaluate(input: Validated<Input>, options?: EvaluateOptions${ledgers ? ' & { readonly balances?: Balances }' : ''}): Result {
        if (typeof input !== 'object' || input === null || Object.getPrototypeOf(input) !== RECORD_PROTO) {
          throw new TypeError('evaluate takes the value validate returned (call validate, or decide, first)');
        }
        begin(input);${ledgers ? '\nif (options !== undefined && options.balances !== undefined) {\n  checkBalances(options.balances);\n  BAL = options.balances;\n}' : ''}
        const $x: ExplainStep[] | undefined = options !== undefined && options.explain === true ? [] : undefined;
        ALT = $x !== undefined || (options !== undefined && options.alternatives === true);
        ${run}
        const $decision = $d === undefined ? ${owDecision} : $d;
        const $n = WIN;
        const $trace = options === undefined || options.trace !== false;
        // a decision the policy fixes, not explaining${ledgers ? ', posting nothing' : ''}: the result built once for it${ledgers ? '\nconst $p = postingsOf($n.id);' : ''}
        if ($x === undefined && $decision === $n.decision${ledgers ? ' && $p.length === 0' : ''}) return (ALT ? ($trace ? $n.full : $n.bare) : $trace ? $n.lean : $n.leanBare)!;
        const $trace_ = $trace ? $n.trace : EMPTY;
        if (!ALT) return { decision: $decision, obligations: $n.obligations, citations: $n.citations, decided_by: $n.id, trace: $trace_${ledgers ? ', postings: $p' : ''}, policy: POLICY };
        const $result: Result = {
          decision: $decision,
          alternatives: $n.alternatives,
          obligations: $n.obligations,
          citations: $n.citations,
          decided_by: $n.id,
          trace: $trace_,
          policy: POLICY,
        };
        if ($x !== undefined) $result.explain = $x;${ledgers ? '\n$result.postings = $p;' : ''}
        return $result;
      }`);
  }

  private validateSection(): void {
    const reqs = this.p.requires.map(
      (r) => `if (${this.ex.negated(r.condition, 'require')}) errors.push({ path: ${lit(r.path)}, message: ${lit(r.because)}, code: 'input/requirement-failed' });`,
    );
    this.out.push(code`
      /** Checks untyped input (e.g. parsed JSON): its errors with their paths (at most \`maxErrors\`, then "and N more"), then every \`require\`. Bounded by \`options\` (ValidateOptions). */
      export function validate(value: unknown, options?: ValidateOptions): { ok: true; value: Validated<Input> } | { ok: false; errors: InputError[] } {
        const { value: out, errors } = checkValue(V_INPUT, value, options);
        if (errors.length > 0) return { ok: false, errors };
        const input = out as Validated<Input>;
        begin(input);
        ${reqs}
        if (errors.length > 0) return { ok: false, errors };
        return { ok: true, value: input };
      }`);
    this.out.push(code`
      /** \`validate\` then \`evaluate\` in one call: the result, or the input's errors. */
      export function decide(json: unknown, options?: EvaluateOptions & ValidateOptions${this.ledgers.active ? ' & { readonly balances?: Balances }' : ''}): { ok: true; result: Result } | { ok: false; errors: InputError[] } {
        const v = validate(json, options);
        return v.ok ? { ok: true, result: evaluate(v.value, options) } : v;
      }`);
    this.out.push(code`
      /**
       * A validated input as plain JSON: exact numbers as JSON numbers when they round-trip, else as
       * decimal text; absent optional fields left out. \`validate\` takes it back to an equal value.
       */
      export function toJson(value: ${this.inputName}): ${this.recordTypes.get(this.p.input.type)!.json} {
        return jsonOf(V_INPUT, value) as ${this.recordTypes.get(this.p.input.type)!.json};
      }`);
  }
}


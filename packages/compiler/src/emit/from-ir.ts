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
import { RulePrinter } from './rules.ts';
import { commentText, lit, prop, typeKey, wrapList } from './text.ts';
import { recordLiteral, tsType, type TypeNames } from './ts-types.ts';

/** Names the module itself declares (besides the runtime's); no policy name may take one. */
const MODULE_NAMES = ['POLICY', 'validate', 'evaluate', 'Input', 'Decision', 'Result', 'FIELDS', 'NodeInfo', 'OTHERWISE', 'OTHERWISE_PATH', 'V_INPUT', 'info', 'node', 'withAlt', 'alternativesOf', 'begin', 'IN', 'ON', 'WIN'];

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

export function generate(p: I.Program): string {
  return new ModulePrinter(p).module();
}

/** A def whose value is cheaper to recompute than to cache (a field read, a literal comparison). */
function cheap(e: I.Expr): boolean {
  switch (e.k) {
    case 'input':
    case 'num':
    case 'date':
    case 'bool':
    case 'enum':
      return true;
    case 'field':
      return cheap(e.object);
    case 'present':
    case 'not':
      return cheap(e.arg);
    case 'cmp':
      return e.domain !== 'number' && cheap(e.l) && cheap(e.r);
    default:
      return false;
  }
}

class ModulePrinter {
  private readonly names = new Names();
  private readonly out: string[] = [];
  private readonly enumNames = new Map<string, { type: string; alias: string; vtype: string }>();
  private readonly recordNames = new Map<string, { type: string; alias: string }>();
  private readonly types: TypeNames;
  private readonly ex: ExprPrinter;
  private readonly defCode: string[] = [];
  private readonly setCode: ((x: string) => string)[] = [];
  /** per-evaluation caches (defs, dated sets): declared as module variables, reset by `begin` */
  private readonly caches: { name: string; type: string }[] = [];
  private readonly ledgers: LedgerPrinter;

  constructor(private readonly p: I.Program) {
    this.names.reserve(runtimeNames());
    this.names.reserve(MODULE_NAMES);
    if (p.ledgers.length > 0) this.names.reserve(LEDGER_NAMES);
    for (const e of p.enums) this.enumNames.set(e.name, { type: this.names.take(e.name), alias: this.names.take(`Enum_${e.name}`), vtype: this.names.take(`V_${e.name}`) });
    for (const r of p.records.keys()) this.recordNames.set(r, { type: this.names.take(r), alias: this.names.take(`Rec_${r}`) });
    this.types = {
      enumType: (n) => this.enumNames.get(n)?.type ?? 'string',
      enumVType: (n) => this.enumNames.get(n)!.vtype,
      recordType: (n) => (n === undefined ? undefined : this.recordNames.get(n)?.type),
    };
    this.ledgers = new LedgerPrinter(p, this.names);
    this.ex = new ExprPrinter(p, this.names, this.types, {
      def: (id) => this.defCode[id]!,
      member: (id, x) => this.setCode[id]!(x),
      balance: (id) => this.ledgers.balance(id),
    });
  }

  module(): string {
    const p = this.p;
    const o = this.out;
    o.push(`// generated from ${commentText(p.mainFile)} by pol, do not edit`);
    o.push(`/* eslint-disable */`);
    o.push(`/** The policy this module was generated from: tie stored decisions to it. */`);
    o.push(code`
      export const POLICY = Object.freeze({
        name: ${lit(p.name)},
        version: ${p.version === undefined ? 'null' : lit(p.version)} as string | null,
        sourceHash: ${lit(sourceHash(p))},
      });`);
    o.push(runtimeText());
    this.typesSection();
    this.stateSection();
    const rules = new RulePrinter(p, this.names, this.ex, o);
    const owDecision = rules.otherwise();
    for (const r of p.rules) rules.rule(r, []);
    this.evaluateSection(rules, owDecision);
    this.validateSection();
    return o.join('\n\n') + '\n\n// ---- helpers for expressions ----\n\n' + this.ex.hoisted.join('\n\n') + '\n';
  }

  private typesSection(): void {
    const p = this.p;
    const o = this.out;
    o.push('// ---- enums ----');
    for (const e of p.enums) {
      const n = this.enumNames.get(e.name)!;
      const union = e.members.length ? wrapList(e.members.map(lit), ' | ', '  ') : 'never';
      o.push(`/** enum ${commentText(e.name)} */\nexport type ${n.type} =${union.startsWith('\n') ? '' : ' '}${union};`);
      o.push(`/** the name of ${n.type} in modules before 0.2 */\nexport type ${n.alias} = ${n.type};`);
      o.push(`const ${n.vtype}: VType = enumType(${lit(e.name)}, [${wrapList(e.members.map(lit), ', ', '  ')}]);`);
    }
    o.push('// ---- input ----');
    for (const [name, t] of p.records) {
      const n = this.recordNames.get(name)!;
      o.push(`/** record ${commentText(name)} */\nexport type ${n.type} = ${recordLiteral(t, 'input', this.types, true)};`);
      o.push(`/** the name of ${n.type} in modules before 0.2 */\nexport type ${n.alias} = ${n.type};`);
    }
    const input = p.input.type;
    o.push(`/** input ${commentText(p.input.name)}: what \`validate\` returns and \`evaluate\` takes. */`);
    o.push(`export type Input = ${recordLiteral(input, 'input', this.types, true)};`);
    o.push(`const V_INPUT: VType = record([\n${[...input.fields].map(([f, ft]) => `  [${lit(f)}, ${tsType(ft, 'vtype', this.types)}, ${lit(I.typeToString(ft))}],\n`).join('')}]);`);
    o.push('// ---- decision ----');
    const fields = p.decision.fields;
    const variants = p.decision.variants.map((v) => {
      const fs = fields.map((f) => {
        const param = v.params.find((x) => x.name === f);
        const t = param ? tsType(param.type, 'json', this.types) : 'null';
        return `/** ${param ? commentText(I.typeToString(param.type)) : 'not in this outcome'} */ readonly ${typeKey(f)}: ${t};`;
      });
      return `{ readonly outcome: ${lit(v.name)}; ${fs.join(' ')} }`;
    });
    o.push(`/** decision ${commentText(p.decision.name)}: a union on \`outcome\`. */`);
    o.push(`export type Decision =\n${variants.map((v) => `  | ${v}`).join('\n')};`);
    o.push(`const FIELDS: readonly string[] = [${fields.map(lit).join(', ')}];`);
    o.push(code`
      export interface Result {
        readonly decision: Decision;
        readonly alternatives: readonly Decision[];
        readonly obligations: readonly string[];
        readonly citations: readonly string[];
        readonly decided_by: string;
        readonly trace: readonly TraceStep[];
        explain?: readonly ExplainStep[];${p.ledgers.length > 0 ? '\n        /** what the deciding rule records in the ledgers */\n        postings?: readonly Posting[];' : ''}
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
        readonly full: Result | null;
        readonly bare: Result | null;
        /** by bit mask of the alternatives that applied (alternativesOf) */
        variants: (NodeInfo | undefined)[] | undefined;
      }

      function node(n: Pick<NodeInfo, 'id' | 'obligations' | 'citations' | 'trace'>, decision: Decision | null, alternatives: readonly Decision[]): NodeInfo {
        const result = (trace: readonly TraceStep[]): Result | null =>
          decision === null
            ? null
            : Object.freeze({ decision, alternatives, obligations: n.obligations, citations: n.citations, decided_by: n.id, trace${this.ledgers.active ? ', postings: EMPTY' : ''} });
        return { id: n.id, obligations: n.obligations, citations: n.citations, trace: n.trace, decision, alternatives, full: result(n.trace), bare: result(EMPTY), variants: undefined };
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
    o.push(code`
      // The evaluation in progress. \`evaluate\` and \`validate\` run to completion without calling out,
      // so module variables serve every call and nothing is allocated to hold them.
      let IN!: Input;
      /** the "as of" date, undefined when the input has none */
      let ON: string | undefined;
      /** set by the resolve functions: the rule or exception that decided, with the alternatives */
      let WIN!: NodeInfo;
      ${this.caches.map((c) => `let ${c.name}: ${c.type} | undefined;`)}

      function begin(input: Input): void {
        IN = input;
        ON = ${asOf ? `${prop('input', asOf)} ?? undefined` : 'undefined'};
        WIN = OTHERWISE;${this.ledgers.active ? '\n        BAL = {};' : ''}
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
    // one precomputed set per date range; the one for the evaluation date is picked once per call
    const parts = s.ranges.map((r, k) => {
      const n = this.names.take(`${base}_${k}`);
      const when = r.from === undefined ? `until ${r.until}` : r.until === undefined ? `from ${r.from}` : `from ${r.from} until ${r.until}`;
      this.out.push(`/** ${what} ${when} */\nconst ${n}: ReadonlySet<string> = ${members(r.members)};`);
      return { n, r };
    });
    const undated = this.names.take(`${base}_undated`);
    this.out.push(`/** ${what} when evaluated without a date (every dated member counts) */\nconst ${undated}: ReadonlySet<string> = ${members(s.undated)};`);
    const cache = `${base}$`;
    this.caches.push({ name: cache, type: 'ReadonlySet<string>' });
    let pick = parts[parts.length - 1]!.n;
    for (let k = parts.length - 2; k >= 0; k--) pick = `ON < ${lit(parts[k]!.r.until!)} ? ${parts[k]!.n} : ${pick}`;
    this.out.push(code`
      /** ${what} on the evaluation date */
      function ${base}(): ReadonlySet<string> {
        return ${cache} !== undefined ? ${cache} : (${cache} = ON === undefined ? ${undated} : ${pick});
      }`);
    this.setCode[s.id] = (x) => `${base}().has(${x})`;
  }

  private def(d: I.Def): void {
    const what = `${d.origin === 'shared' ? 'shared by several conditions' : d.origin} ${commentText(d.name)}`;
    if (cheap(d.value)) {
      this.defCode[d.id] = this.ex.expr(d.value, d.name);
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
      /** Decides a validated input. Never throws on one. */
      export function evaluate(input: Input, options?: EvaluateOptions${ledgers ? ' & { readonly balances?: Balances }' : ''}): Result {
        begin(input);${ledgers ? '\n        if (options !== undefined && options.balances !== undefined) BAL = options.balances;' : ''}
        const $x: ExplainStep[] | undefined = options !== undefined && options.explain === true ? [] : undefined;
        ${run}
        const $decision = $d === undefined ? ${owDecision} : $d;
        const $n = WIN;
        const $trace = options === undefined || options.trace !== false;
        // a decision the policy fixes, not explaining${ledgers ? ', posting nothing' : ''}: the result built once for it${ledgers ? '\n        const $p = postingsOf($n.id);' : ''}
        if ($x === undefined && $decision === $n.decision${ledgers ? ' && $p.length === 0' : ''}) return ($trace ? $n.full : $n.bare)!;
        const $result: Result = {
          decision: $decision,
          alternatives: $n.alternatives,
          obligations: $n.obligations,
          citations: $n.citations,
          decided_by: $n.id,
          trace: $trace ? $n.trace : EMPTY,
        };
        if ($x !== undefined) $result.explain = $x;${ledgers ? '\n        $result.postings = $p;' : ''}
        return $result;
      }`);
  }

  private validateSection(): void {
    const reqs = this.p.requires.map(
      (r) => `if (${this.ex.negated(r.condition, 'require')}) errors.push({ path: ${lit(r.path)}, message: ${lit(r.because)}, code: 'input/requirement-failed' });`,
    );
    this.out.push(code`
      /** Checks untyped input (e.g. parsed JSON): every error with its path, then every \`require\`. */
      export function validate(value: unknown): { ok: true; value: Input } | { ok: false; errors: InputError[] } {
        const errors: InputError[] = [];
        const out = check(V_INPUT, value, '', errors);
        if (errors.length > 0) return { ok: false, errors };
        const input = out as Input;
        begin(input);
        ${reqs}
        if (errors.length > 0) return { ok: false, errors };
        return { ok: true, value: input };
      }`);
  }
}


/**
 * The rule tree as straight-line code (docs/compiled-module.md, "Code shape"). Per rule or
 * exception: a trace step, a NodeInfo (who decided, with the precomputed obligations, citations,
 * trace and, when the decision is a constant, the preallocated results), `applies_<name>` and
 * `resolve_<name>`. When not explaining, exceptions are tried in precedence order and the first
 * that applies wins; then only the later siblings that can contribute an alternative
 * (`rule.alternatives`) are evaluated. When explaining, everything the interpreter records is
 * recorded in its order: every exception's condition first, then the winner, then the others.
 */
import * as I from '@pol/core/ir';
import { code } from './code.ts';
import { CompileError } from './ts-types.ts';
import { commentText, group, key, lit } from './text.ts';
import { fixedBool, type ExprPrinter } from './expr.ts';
import type { Derived, Names } from './names.ts';
import type { DateIndex } from './dates.ts';

interface RuleNames {
  /** the rule's own name, from which the others are derived */
  base: string;
  step: string;
  info: string;
  applies: string;
  resolve: string;
  explain: string;
}

export class RulePrinter {
  private readonly rn = new Map<number, RuleNames>();
  private readonly constants = new Map<string, string>();
  private readonly decisions = new Map<number, { code: string; constant: string | undefined }>();

  constructor(
    private readonly p: I.Program,
    private readonly names: Names,
    private readonly ex: ExprPrinter,
    private readonly out: string[],
    private readonly dates: DateIndex,
  ) {
    for (const r of I.allRules(p)) {
      const b = names.base(r.name);
      this.rn.set(r.id, {
        base: b,
        step: names.derived('STEP_', b),
        info: names.derived('INFO_', b),
        applies: names.derived('applies_', b),
        resolve: names.derived('resolve_', b),
        explain: names.derived('explain_', b),
      });
    }
    // every decision first, so that the tables of alternatives can name the constants
    for (const r of I.allRules(p)) this.decisions.set(r.id, this.decision(r.decide, r.name));
  }

  names_(r: I.Rule): RuleNames {
    return this.rn.get(r.id)!;
  }

  /** A field value known at compile time, as JSON code; undefined when it depends on the input. */
  private staticField(v: I.Expr): string | undefined {
    switch (v.k) {
      case 'num': {
        const j = v.value.toJSON();
        return typeof j === 'number' ? (Object.is(j, -0) ? '0' : String(j)) : lit(j);
      }
      case 'date':
        return lit(v.value);
      case 'bool':
        return v.value ? 'true' : 'false';
      case 'enum':
        return lit(v.member);
      default:
        return undefined;
    }
  }

  /** Code for a decision: a frozen constant when every field is static (one per distinct value), else a call. */
  private decision(d: I.Decision, tag: string): { code: string; constant: string | undefined } {
    const fields = this.p.decision.fields;
    const args = new Map(d.args.map((a) => [a.name, a.value] as const));
    const statics = fields.map((n) => (args.has(n) ? this.staticField(args.get(n)!) : 'null'));
    if (statics.every((x) => x !== undefined)) {
      const value = `{ outcome: ${lit(d.variant)}${fields.map((n, k) => `, ${key(n)}: ${statics[k]}`).join('')} }`;
      let name = this.constants.get(value);
      if (!name) {
        name = this.names.take(`DEC_${tag}`);
        this.constants.set(value, name);
        this.out.push(`const ${name}: Decision = Object.freeze(${value} as Decision);`);
      }
      return { code: name, constant: name };
    }
    const fn = this.names.take(`decide_${tag}`);
    const values = fields.map((n) => {
      const v = args.get(n);
      if (!v) return `${key(n)}: null`;
      const t = v.type.kind === 'optional' ? v.type.inner : v.type;
      if (t.kind === 'record' || t.kind === 'list' || t.kind === 'set') throw new CompileError('decision fields of record or list type are not supported by the compiler');
      const e = this.ex.expr(v, tag);
      if (t.kind === 'number') return `${key(n)}: ${v.type.kind === 'optional' ? `nj(${e})` : `numberJson(${e})`}`;
      return `${key(n)}: ${e}`;
    });
    this.out.push(code`
      function ${fn}(): Decision {
        return { outcome: ${lit(d.variant)}, ${values.join(', ')} } as Decision;
      }`);
    return { code: `${fn}()`, constant: undefined };
  }

  /**
   * The one constant decision an exception always resolves to (whichever of its own exceptions
   * decides), or undefined: then, as an alternative, it contributes that constant when it applies
   * and need not be resolved.
   */
  private fixedDecision(r: I.Rule): string | undefined {
    const own = this.decisions.get(r.id)!.constant;
    if (own === undefined) return undefined;
    for (const e of r.exceptions) if (this.fixedDecision(e) !== own) return undefined;
    return own;
  }

  otherwise(): string {
    const o = this.p.otherwise;
    const d = this.decision(o.decide, 'otherwise');
    this.out.push(`const OTHERWISE_PATH = path(step("otherwise", "otherwise", null, [${o.cites.map(lit).join(', ')}], ${lit(o.site.file)}, ${o.site.line}));`);
    this.out.push(`const OTHERWISE: NodeInfo = info("otherwise", EMPTY, OTHERWISE_PATH, ${d.constant ?? 'null'});`);
    return d.code;
  }

  rule(r: I.Rule, chain: readonly I.Rule[]): void {
    const n = this.names_(r);
    const title = r.title ? ` "${commentText(r.title)}"` : '';
    const sees = r.cites.map((c) => `\n * @see ${commentText(c)}`).join('');
    this.out.push(
      `/** ${r.kind} ${commentText(r.name)}${title} (${commentText(r.site.file)}:${r.site.line})${sees} */\nconst ${n.step} = step(${lit(r.name)}, ${lit(r.kind)}, ${r.title !== undefined ? lit(r.title) : 'null'}, [${r.cites.map(lit).join(', ')}], ${lit(r.site.file)}, ${r.site.line});`,
    );
    const own = this.decisions.get(r.id)!;
    const steps = [...chain, r].map((x) => this.names_(x).step);
    this.out.push(`const ${n.info}: NodeInfo = info(${lit(r.name)}, [${r.obligations.map(lit).join(', ')}], path(${steps.join(', ')}), ${own.constant ?? 'null'});`);
    this.applies(r, n);
    this.resolve(r, n, own.code);
    for (const e of r.exceptions) this.rule(e, [...chain, r]);
  }

  private why(r: I.Rule, status: string, failed: string | undefined, tag: Derived): string {
    const name = this.names.derived(tag, this.names_(r).base);
    const w = r.nameSite;
    this.out.push(`const ${name} = why(${lit(r.name)}, ${lit(r.kind)}, ${lit(status)}, ${failed === undefined ? 'null' : lit(failed)}, ${lit(w.file)}, ${w.line});`);
    return name;
  }

  private applies(r: I.Rule, n: RuleNames): void {
    const body: string[] = [];
    // without an as-of date in the input every rule is in effect (and no DI is kept); with one,
    // a validated input always has its date
    if ((r.from !== undefined || r.until !== undefined) && this.dates.active) {
      const conds = [...(r.from !== undefined ? [this.dates.before(r.from)] : []), ...(r.until !== undefined ? [this.dates.notBefore(r.until)] : [])];
      const w = this.why(r, 'not-in-effect', r.dateSpan ? I.spanText(this.p, r.dateSpan) : undefined, 'NOT_IN_EFFECT_');
      body.push(code`
        if (${conds.join(' || ')}) {
          if ($x !== undefined) $x.push(${w});
          return false;
        }`);
    }
    const when = r.when;
    if (!when) body.push('return true;');
    else if (when.k === 'and') {
      // explaining: the first false part is recorded, each part printed once (linear in the condition)
      const parts = this.names.derived('FALSE_', this.names_(r).base);
      const w = r.nameSite;
      const texts = when.args.map((a) => { const t = I.spanText(this.p, a.span); return t === undefined ? 'null' : lit(t); });
      this.out.push(`/** the parts of the condition of ${commentText(r.name)}, for the explanation when one is false */\nconst ${parts} = whyParts(${lit(r.name)}, ${lit(r.kind)}, [${texts.join(', ')}], ${lit(w.file)}, ${w.line});`);
      const printed = when.args.map((a) => this.ex.expr(a, r.name));
      body.push(`if ($x === undefined) return (${printed.join(' && ')});`);
      let always = false;
      for (let k = 0; k < when.args.length && !always; k++) {
        const a = when.args[k]!;
        const not = a.k === 'not' ? this.ex.expr(a.arg, r.name) : `!${group(printed[k]!)}`;
        // a part whose value is fixed: never the false one, or always
        const fixed = fixedBool(a, this.p);
        if (fixed === true) continue;
        always = fixed === false;
        body.push(always ? `$x.push(${parts}[${k}]!);\nreturn false;` : `if (${not}) {\n  $x.push(${parts}[${k}]!);\n  return false;\n}`);
      }
      if (!always) body.push('return true;');
    } else {
      const w = this.why(r, 'condition-false', I.spanText(this.p, when.span), 'FALSE_');
      // a condition whose value is fixed: no test (TypeScript would see unreachable code)
      const fixed = fixedBool(when, this.p);
      if (fixed === true) body.push('return true;');
      else if (fixed === false) body.push(`if ($x !== undefined) $x.push(${w});`, 'return false;');
      else body.push(`if (${this.ex.expr(when, r.name)}) return true;`, `if ($x !== undefined) $x.push(${w});`, 'return false;');
    }
    this.out.push(code`
      /** whether ${commentText(r.name)} applies (in effect, condition true); records why not when explaining */
      function ${n.applies}($x: ExplainStep[] | undefined): boolean {
        ${body}
      }`);
  }

  private resolve(r: I.Rule, n: RuleNames, own: string): void {
    const ex = r.exceptions.map((e) => this.names_(e));
    const decideOwn = [`WIN = ${n.info};`, `return ${own};`];
    const doc = `/** ${commentText(r.name)} decides unless an exception applies (the first that applies wins, recursively) */`;
    if (ex.length === 0) {
      this.out.push(code`
        ${doc}
        function ${n.resolve}($x: ExplainStep[] | undefined): Decision {
          ${decideOwn}
        }`);
      return;
    }
    if (ex.length === 1) {
      this.out.push(code`
        ${doc}
        function ${n.resolve}($x: ExplainStep[] | undefined): Decision {
          if (${ex[0]!.applies}($x)) return ${ex[0]!.resolve}($x);
          ${decideOwn}
        }`);
      return;
    }
    if (r.alternatives.some((a) => a === 'later')) {
      // Too many exceptions to list pairs (their code would grow with the square of their number):
      // one table and two loops, the first exception that applies, then every later one.
      const table = this.names.derived('EXCEPTIONS_OF_', n.base);
      this.out.push(`const ${table}: readonly (readonly [($x: ExplainStep[] | undefined) => boolean, ($x: ExplainStep[] | undefined) => Decision])[] = [${ex.map((e) => `[${e.applies}, ${e.resolve}]`).join(', ')}];`);
      this.out.push(code`
        ${doc}
        function ${n.resolve}($x: ExplainStep[] | undefined): Decision {
          if ($x !== undefined) return ${n.explain}($x);
          for (let $i = 0; $i < ${table}.length; $i++) {
            if (!${table}[$i]![0](undefined)) continue;
            const $d = ${table}[$i]![1](undefined);
            if (!ALT) return $d;
            let $w = WIN;
            for (let $j = $i + 1; $j < ${table}.length; $j++) if (${table}[$j]![0](undefined)) $w = withAlt($w, $d, ${table}[$j]![1](undefined));
            WIN = $w;
            return $d;
          }
          ${decideOwn}
        }`);
      this.explainResolve(r, n, ex, decideOwn, table);
      return;
    }
    // not explaining: precedence order, then (when asked for) only the siblings that can be an alternative
    const fast = r.exceptions.map((_, i) => {
      const e = ex[i]!;
      const alts = (r.alternatives[i] as readonly number[] | undefined) ?? [];
      if (alts.length === 0) return `if (${e.applies}(undefined)) return ${e.resolve}(undefined);`;
      const fixed = alts.map((j) => this.fixedDecision(r.exceptions[j]!));
      if (alts.length <= 30 && fixed.every((f) => f !== undefined)) {
        // each possible alternative is a constant: a bit per sibling that applies, and the
        // results for each combination are built once (alternativesOf)
        const table = this.names.derived('ALTERNATIVES_TO_', this.names_(r.exceptions[i]!).base);
        this.out.push(`const ${table}: readonly Decision[] = [${fixed.join(', ')}];`);
        return code`
          if (${e.applies}(undefined)) {
            const $d = ${e.resolve}(undefined);
            if (!ALT) return $d;
            let $m = 0;
            ${alts.map((j, k) => `if (${ex[j]!.applies}(undefined)) $m |= ${1 << k};`)}
            if ($m !== 0) WIN = alternativesOf(WIN, $d, ${table}, $m);
            return $d;
          }`;
      }
      return code`
        if (${e.applies}(undefined)) {
          const $d = ${e.resolve}(undefined);
          if (!ALT) return $d;
          let $w = WIN;
          ${alts.map((j) => `if (${ex[j]!.applies}(undefined)) $w = withAlt($w, $d, ${ex[j]!.resolve}(undefined));`)}
          WIN = $w;
          return $d;
        }`;
    });
    this.out.push(code`
      ${doc}
      function ${n.resolve}($x: ExplainStep[] | undefined): Decision {
        if ($x !== undefined) return ${n.explain}($x);
        ${fast}
        ${decideOwn}
      }`);
    this.explainResolve(r, n, ex, decideOwn);
  }

  /** Explaining: every condition first (written order), then the winner, then the overridden ones. */
  private explainResolve(r: I.Rule, n: RuleNames, ex: readonly RuleNames[], decideOwn: readonly string[], table?: string): void {
    // explaining: every condition first (written order), then the winner, then the overridden ones
    const overridden = r.exceptions.map((e, k) => (k === 0 ? '' : this.why(e, 'overridden', undefined, 'OVERRIDDEN_')));
    if (table !== undefined) {
      // the loop form (see resolve): no chain of thousands of `else if`, which would exhaust the
      // stack of the JavaScript parser itself
      const notes = this.names.derived('OVERRIDDEN_', `${n.base}_all`);
      this.out.push(`const ${notes}: readonly (ExplainStep | null)[] = [null, ${overridden.slice(1).join(', ')}];`);
      this.out.push(code`
        function ${n.explain}($x: ExplainStep[]): Decision {
          const $a: boolean[] = [];
          for (const $e of ${table}) $a.push($e[0]($x));
          const $w = $a.indexOf(true);
          if ($w < 0) {
            ${decideOwn}
          }
          const $d = ${table}[$w]![1]($x);
          let $n = WIN;
          for (let $k = $w + 1; $k < $a.length; $k++) {
            if (!$a[$k]) continue;
            $x.push(${notes}[$k]!);
            $n = withAlt($n, $d, ${table}[$k]![1]($x));
          }
          WIN = $n;
          return $d;
        }`);
      return;
    }
    const pick = ex.map((e, k) => code`
      ${k === 0 ? '' : 'else '}if ($a${k}) {
        $d = ${e.resolve}($x);
        $w = ${k};
      }`);
    this.out.push(code`
      function ${n.explain}($x: ExplainStep[]): Decision {
        ${ex.map((e, k) => `const $a${k} = ${e.applies}($x);`)}
        let $d: Decision;
        let $w: number;
        ${pick}
        else {
          ${decideOwn}
        }
        let $n = WIN;
        ${ex.slice(1).map((e, k0) => {
          const k = k0 + 1;
          return code`
            if ($a${k} && $w < ${k}) {
              $x.push(${overridden[k]!});
              $n = withAlt($n, $d, ${e.resolve}($x));
            }`;
        })}
        WIN = $n;
        return $d;
      }`);
  }
}

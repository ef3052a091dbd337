/**
 * Which structural changes cause a region, judged on its witness. describe.ts names every change
 * the deciding rules could read (a group, constant or definition their conditions name, any change
 * of the input); with several changes at once that blames a region on changes it never felt: a
 * region opened by a raised LPP limit was also "caused by" Tier 1 and D:5, because the deciding
 * rule's exceptions test both. Here a named declaration stays a cause only when a rule whose
 * condition reads it fares differently on the witness in the two versions (its condition holds in
 * one and not the other, or it is reached in only one), and an input change only when the witness means something
 * else to each version. Anything this cannot judge stays named: a cause is never dropped unseen.
 */
import type { Ast } from '@pol/core/syntax';
import { forEachChild } from '@pol/core/syntax';
import type { CheckedProgram } from '@pol/core/checker';
import type * as IR from '@pol/core/ir';
import { fates } from './confirm.ts';
import { dayOf, memberOn } from './describe-probe.ts';
import { structuralHead } from './describe.ts';
import type { StructuralChange } from './structural.ts';
import type { JsonValue } from './witness.ts';

type Fates = NonNullable<ReturnType<typeof fates>>;

/**
 * `causes`: the heads describe.ts chose (structuralHead), in order; the ones the witness bears out
 * are kept. `lowered`: both programs lowered (the diff has them), for their groups' members.
 */
export function causesOnWitness(causes: readonly string[], structural: readonly StructuralChange[], before: CheckedProgram, after: CheckedProgram, lowered: readonly [IR.Program, IR.Program], witness: JsonValue): string[] {
  const fb = fates(before, witness);
  const fa = fates(after, witness);
  // a region's witness is accepted by both; if not, there is nothing to judge by
  if (!fb || !fa) return [...causes];
  const readers = [readersOf(before), readersOf(after)];
  const changesOf = causes.map((head) => structural.find((x) => structuralHead(x) === head));
  // rules added or removed among the causes (their exceptions go with them)
  const rulesMoved = changesOf.some((c) => c !== undefined && (c.what === 'rule' || c.what === 'exception') && c.change !== 'changed');
  return causes.filter((_head, i) => {
    const c = changesOf[i];
    if (!c) return true;
    // a declaration removed (or added) with the only rules that read it says no more than their
    // removal, which is named
    if ((c.what === 'group' || c.what === 'const' || c.what === 'define') && c.change !== 'changed' && rulesMoved) {
      const side = readers[c.change === 'removed' ? 0 : 1]!;
      const other = readers[c.change === 'removed' ? 1 : 0]!;
      const users = [...(side.byName.get(c.id) ?? []), ...(side.elsewhere.get(c.id) ?? [])];
      if (users.length > 0 && users.every((u) => u !== 'otherwise' && !other.rules.has(u))) return false;
    }
    // an optional field one version has and the other does not reads as absent (null) in it
    if (c.what === 'input') return c.details.some((d) => d.startsWith('as of')) || withoutNulls(fb.input) !== withoutNulls(fa.input);
    if (c.what !== 'group' && c.what !== 'const' && c.what !== 'define') return true;
    // a group whose changed members (on the witness's date) appear nowhere in the witness tests the
    // same in both versions, whatever the rules that read it do (Venezuela leaving D:5 is no cause of
    // a region whose witness names GB, ZA and GB, though the LPP exception it opens reads Tier3)
    if (c.what === 'group' && c.change === 'changed' && !namesChangedMember(c.id, lowered, before.input.asOf, witness)) return false;
    return feltBy(c.id, readers, fb, fa);
  });
}

/** Whether the witness holds (anywhere) a member whose membership of group `id` differs between the versions on its date. */
function namesChangedMember(id: string, lowered: readonly [IR.Program, IR.Program], asOf: string | undefined, witness: JsonValue): boolean {
  const [sb, sa] = lowered.map((p) => p.sets.find((x) => x.name === id));
  // a group one version lacks, or one the IR resolves otherwise: not judged here
  if (!sb || !sa) return true;
  const day = dayOf(witness, asOf);
  const strings = new Set<string>();
  const walk = (v: JsonValue): void => {
    if (typeof v === 'string') strings.add(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(witness);
  return [...strings].some((m) => memberOn(sb, m, day) !== memberOn(sa, m, day));
}

function withoutNulls(json: string): string {
  return JSON.stringify(JSON.parse(json, (_k, v: unknown) => (v === null ? undefined : v)));
}

/** Whether a declaration's change reaches the witness through a rule that reads it. */
function feltBy(name: string, readers: readonly Readers[], fb: Fates, fa: Fates): boolean {
  const rules = new Set<string>();
  for (const r of readers) {
    // read where a decision is made or recorded: the value itself is printed or posted
    if (r.elsewhere.has(name)) return true;
    for (const rule of r.byName.get(name) ?? []) rules.add(rule);
  }
  // read by no condition (another declaration's title, say): not judged here
  if (rules.size === 0) return true;
  for (const rule of rules) if (held(fb.rules.get(rule)) !== held(fa.rules.get(rule))) return true;
  return false;
}

/**
 * What a rule's fate says of its condition: an overridden rule's condition held as an applied
 * one's did (a later change, not this declaration, let another rule win). Unreached: unknown.
 */
function held(fate: string | undefined): string | undefined {
  return fate === 'applied' || fate === 'overridden' ? 'held' : fate;
}

interface Readers {
  /** declaration name -> the rules whose condition reads it (through definitions and groups too) */
  readonly byName: Map<string, string[]>;
  /** declaration name -> the rules that read it in a decision's fields or a posting's amount */
  readonly elsewhere: Map<string, string[]>;
  /** every rule and exception, by name */
  readonly rules: Set<string>;
}

/** Per program: a diff asks once per region, and the rules do not change between regions. */
const READERS = new WeakMap<CheckedProgram, Readers>();

function readersOf(p: CheckedProgram): Readers {
  let r = READERS.get(p);
  if (!r) READERS.set(p, (r = readersOfUncached(p)));
  return r;
}

function readersOfUncached(p: CheckedProgram): Readers {
  const decls = new Map<string, Ast.Expr>();
  for (const d of [...p.groups, ...p.consts, ...p.defines]) decls.set(d.name.name, d.value);
  const memo = new Map<string, Set<string>>();
  const namesIn = (e: Ast.Expr | undefined): Set<string> => {
    const out = new Set<string>();
    if (e) collect(p, e, out, decls, memo);
    return out;
  };
  const byName = new Map<string, string[]>();
  const elsewhere = new Map<string, string[]>();
  const add = (m: Map<string, string[]>, n: string, rule: string): void => void m.set(n, [...(m.get(n) ?? []), rule]);
  const rules = new Set<string>();
  const visit = (r: Ast.RuleDecl | Ast.ExceptionDecl): void => {
    rules.add(r.name.name);
    for (const n of namesIn(r.when)) add(byName, n, r.name.name);
    for (const a of r.decide.args) for (const n of namesIn(a.value)) add(elsewhere, n, r.name.name);
    for (const rec of r.records) for (const n of namesIn(rec.amount)) add(elsewhere, n, r.name.name);
    r.exceptions.forEach(visit);
  };
  p.rules.forEach(visit);
  for (const a of p.otherwise.decide.args) for (const n of namesIn(a.value)) add(elsewhere, n, 'otherwise');
  return { byName, elsewhere, rules };
}

/** The groups, constants and definitions `e` reads, and what they read in turn. */
function collect(p: CheckedProgram, e: Ast.Expr, out: Set<string>, decls: ReadonlyMap<string, Ast.Expr>, memo: Map<string, Set<string>>): void {
  if (e.kind === 'identifier') {
    const r = p.resolve(e);
    if (r.kind === 'group' || r.kind === 'const' || r.kind === 'define') {
      out.add(r.name);
      for (const n of closure(p, r.name, decls, memo)) out.add(n);
    }
    return;
  }
  forEachChild(e, (x) => collect(p, x, out, decls, memo), undefined);
}

function closure(p: CheckedProgram, name: string, decls: ReadonlyMap<string, Ast.Expr>, memo: Map<string, Set<string>>): Set<string> {
  const hit = memo.get(name);
  if (hit) return hit;
  const out = new Set<string>();
  // declarations refer only to earlier ones (the checker refuses cycles); the entry guards anyway
  memo.set(name, out);
  const v = decls.get(name);
  if (v) collect(p, v, out, decls, memo);
  return out;
}

/**
 * The structural changes that make one version reject an input the other accepts, read off the
 * rejection: an input change whose detail names the rejected field ("field made required:
 * lpp_tpp_this_year" for "lpp_tpp_this_year: missing"), an enum change of the rejected value's
 * enum ("member added: computer" for `"computer" is not an ItemKind`), a requirement the rejection
 * names. Heads as structuralHead writes them; none when the rejection names nothing changed.
 */
export function acceptanceCauses(structural: readonly StructuralChange[], rejection: readonly string[]): string[] {
  const fields = rejection.map((e) => e.split(': ')[0]!);
  return structural
    .filter((c) => {
      if (c.what === 'input') return c.details.some((d) => fields.some((f) => new RegExp(`: ${f.replace(/[.[\]]/g, '\\$&')}(:|$)`).test(d)));
      if (c.what === 'enum') return rejection.some((e) => e.endsWith(`is not an ${c.id}`) || e.endsWith(`is not a ${c.id}`));
      if (c.what === 'require') return rejection.some((e) => e.includes(c.id));
      return false;
    })
    .map(structuralHead);
}

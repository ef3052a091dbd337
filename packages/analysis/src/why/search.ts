/**
 * `pol why`: the smallest changes to the facts of one transaction that lead to another decision
 * (or the one asked for). Built on the solver, on the policy's IR (never a compiled module):
 *
 * 1. the transaction's leaves, each with "differs" (leaves.ts); unread and kept leaves pinned;
 * 2. k = 1, 2, ...: "valid, decided as wanted, at most k leaves differ"; each answer's set of
 *    changed leaves is a suggestion, and every superset of it is blocked, so the next answer is
 *    another way, never the same change with something added. A level ends when it is unsat, so
 *    every suggestion is minimal: no part of it alone would do (no subset was left unsearched);
 * 3. for each set, the values: the nearest (least numeric distance; days for dates), on whole
 *    numbers if possible, else hundredths, else as the solver has them;
 * 4. each changed input is decided by the reference interpreter (confirm.ts): only confirmed
 *    suggestions are reported.
 */
import { Rational, validateValue, type CheckedProgram, type DecisionJson, type Json, type ResultJson, type RRecord, type RValue, type Type } from '@pol/core/checker';
import { toIr } from '@pol/core/ir';
import type * as IR from '@pol/core/ir';
import { run } from '../confirm.ts';
import { Session } from '../solver.ts';
import { Encoder, ratVal, type SymDecision } from '../smt/encode.ts';
import { SymInput } from '../smt/sym-input.ts';
import { Universe } from '../smt/universe.ts';
import { freshZ3, truthIn, Unsupported, type Z, type ZExpr } from '../smt/z3.ts';
import { modelToJson, NotRepresentable, type JsonValue } from '../witness.ts';
import { changesBetween, type Change } from './changes.ts';
import { constOf, factsOf, readPaths, type FactLeaf } from './leaves.ts';
import { groupPhrases, type GroupPhrase } from './groups.ts';
import { goalTerm, meets, parseWant, WhyError, type Want } from './goal.ts';

export interface WhyOptions {
  /** `--want`: an outcome or `outcome(field: value)`; default: any other decision */
  readonly want?: string;
  /** `--keep`: input paths that must not change (records and lists by prefix) */
  readonly keep?: readonly string[];
  /** how many suggestions at most (default 5) */
  readonly max?: number;
  /** the most leaves one suggestion may change (default 6) */
  readonly maxChanges?: number;
  /** the time limit for the whole search, in ms (default 60,000), checked between questions */
  readonly timeoutMs?: number;
  /** z3's time limit per question, in ms (default 10,000): nonlinear questions can run unbounded under `rlimit` alone */
  readonly questionTimeoutMs?: number;
  /** z3's deterministic resource limit per question (`rlimit`, default 50,000,000): the same answers on a busy machine */
  readonly rlimit?: number;
  /**
   * Limits the values a leaf may take (by path): the brute-force test uses it to compare with an
   * exhaustive search over small domains; a caller could use it to ask only for realistic values.
   */
  readonly domains?: (path: string) => readonly Json[] | undefined;
  /**
   * a z3 context to reuse; default a fresh one per call (as `pol why` does). One context reused
   * for hundreds of IFR questions once failed inside z3 (a sort mismatch), so reuse only for a few.
   */
  readonly z3?: Z;
}

export interface RuleRef {
  readonly id: string;
  readonly kind: 'rule' | 'exception' | 'otherwise';
  readonly title: string | null;
  readonly cites: readonly string[];
}

export interface Suggestion {
  readonly changes: readonly Change[];
  readonly decision: DecisionJson;
  readonly decidedBy: string;
  /** from the top-level rule down to the deciding one */
  readonly rules: readonly RuleRef[];
  readonly obligations: readonly string[];
  /** the changed transaction, as JSON (confirmed by the interpreter) */
  readonly input: JsonValue;
  /** changed members said as a group of the policy: every member of it would do the same */
  readonly groups: readonly GroupPhrase[];
}

export interface WhyReport {
  readonly decision: DecisionJson;
  readonly decidedBy: string;
  readonly rules: readonly RuleRef[];
  readonly want: string | undefined;
  readonly keep: readonly string[];
  readonly suggestions: readonly Suggestion[];
  /** the smallest number of changes searched up to (every smaller way is listed or blocked) */
  readonly searchedUpTo: number;
  /** 'proved-none': no change of the leaves allowed leads there; 'none-within': none within maxChanges */
  readonly status: 'found' | 'already' | 'proved-none' | 'none-within' | 'unknown';
  readonly note: string | undefined;
}

/** How many items a suggestion may add to a list (the encoding holds the longest list plus these). */
const EXTRA_ITEMS = 2;

const rulesOf = (r: ResultJson): RuleRef[] => r.trace.map((s) => ({ id: s.id, kind: s.kind, title: s.title, cites: s.cites }));

/** Every path of the input's type, as patterns (`veu.compute_by_country[].tpp`): what `--keep` may name. */
export function inputPaths(t: Type, path = '', out: string[] = []): string[] {
  if (path !== '') out.push(path);
  const inner = t.kind === 'optional' ? t.inner : t;
  if (inner.kind === 'record') for (const [k, ft] of inner.fields) inputPaths(ft, path ? `${path}.${k}` : k, out);
  if (inner.kind === 'list') inputPaths(inner.element, `${path}[]`, out);
  return out;
}

function checkKeep(t: Type, keep: readonly string[]): void {
  const paths = inputPaths(t);
  for (const k of keep) {
    const pat = k.replace(/\[\d+\]/g, '[]');
    if (!paths.includes(pat)) {
      const top = paths.filter((p) => !p.includes('.') && !p.includes('['));
      throw new WhyError(`--keep: the input has no field \`${k}\`; its fields are ${top.join(', ')} (and the fields inside them, e.g. ${paths.find((p) => p.includes('.')) ?? top[0]})`);
    }
  }
}

function longestList(v: RValue): number {
  if (Array.isArray(v)) return Math.max(v.length, ...v.map(longestList));
  if (v instanceof Map) return Math.max(0, ...[...(v as RRecord).values()].map(longestList));
  return 0;
}

interface Encoded {
  readonly ir: IR.Program;
  readonly u: Universe;
  readonly input: SymInput;
  readonly decision: SymDecision;
  readonly requires: readonly ZExpr[];
}

// The encoding depends on the program, the context and the list bound only, not on the
// transaction: a caller asking about many transactions (a test, a batch) pays for it once.
const cache = new WeakMap<object, WeakMap<CheckedProgram, Map<number, Encoded>>>();

function encoded(Z: Z, program: CheckedProgram, bound: number): Encoded {
  let byProgram = cache.get(Z);
  if (!byProgram) cache.set(Z, (byProgram = new WeakMap()));
  let byBound = byProgram.get(program);
  if (!byBound) byProgram.set(program, (byBound = new Map()));
  const hit = byBound.get(bound);
  if (hit) return hit;
  const ir = byBound.values().next().value?.ir ?? toIr(program);
  const u = Universe.of(ir);
  const input = new SymInput(Z, u, ir.input.type, bound);
  // balances as `why` evaluates (none given: openings or zero), so a suggestion never rests on a
  // balance the confirming evaluation does not have
  const enc = new Encoder(Z, u, ir, input, 'bounded', new Map(), 'none');
  const e: Encoded = { ir, u, input, decision: enc.decisionStructure().decision, requires: enc.requires() };
  byBound.set(bound, e);
  return e;
}

export async function why(program: CheckedProgram, json: unknown, options: WhyOptions = {}): Promise<WhyReport> {
  const first = run(program, json);
  if (!first.ok) throw new WhyError('the input does not validate', first.errors);
  const current = first.result;
  const keep = options.keep ?? [];
  checkKeep(program.input.type, keep);
  const want: Want | undefined = options.want === undefined ? undefined : parseWant(program, options.want);
  const base = { decision: current.decision, decidedBy: current.decided_by, rules: rulesOf(current), want: want?.text, keep };
  if (want && meets(current.decision, current.decision, want)) return { ...base, suggestions: [], searchedUpTo: 0, status: 'already', note: `the transaction is already decided ${want.text}` };

  const { value } = validateValue(program.input.type, json, { has: (e, m) => program.enums.get(e)?.members.includes(m) ?? false });
  const old = value as RRecord;
  const Z: Z = options.z3 ?? (await freshZ3());
  const { ir, u, input, decision, requires } = encoded(Z, program, longestList(old) + EXTRA_ITEMS);
  const read = readPaths(ir);
  const facts = factsOf(Z, u, input.value, ir.input.type, old, read, keep);
  const free = facts.leaves.filter((l) => l.free);
  const limits: ZExpr[] = [];
  if (options.domains)
    for (const l of facts.leaves) {
      const d = l.sv && options.domains(l.path);
      if (!d || !l.sv) continue;
      const sv = l.sv;
      const allowed = d.map((j) => {
        const r = validateValue(l.type, j, { has: (e, m) => program.enums.get(e)?.members.includes(m) ?? false });
        return r.value === undefined || r.value === null ? undefined : constOf(Z, u, sv, r.value);
      });
      limits.push(Z.Implies(l.reach, Z.Or(...allowed.filter((x) => x !== undefined).map((c) => sv.v.eq(c)), Z.Not(l.differs))));
    }
  const goal = goalTerm(Z, u, decision, ir.decision.fields, current.decision, want);
  const constraints = [...input.domain, ...requires, ...facts.pins, ...limits, goal];
  // the synchronous session (solver.ts): z3-solver's own async check runs every query on a new
  // WASM thread, and one of those threads crashed z3's memory in a long property run
  const s = await Session.open(Z, { rlimit: options.rlimit ?? 50_000_000, timeoutMs: options.timeoutMs ?? 60_000, queryTimeoutMs: options.questionTimeoutMs ?? 10_000 });
  s.add(...constraints);
  const max = options.max ?? 5;
  const maxChanges = Math.min(options.maxChanges ?? 6, free.length);
  const target = want ? want.text : 'another decision';
  const reachable = s.check();
  const reason = reachable === 'unknown' ? s.reasonUnknown() : '';
  if (reachable !== 'sat') s.release();
  // a list that may grow was searched only up to EXTRA_ITEMS more items: then unsat proves less
  const growable = free.some((l) => !l.oldReached && /\[\d+\]/.test(l.path));
  if (reachable === 'unsat' && growable) return { ...base, suggestions: [], searchedUpTo: free.length, status: 'none-within', note: `no change to the facts that may change, with at most ${EXTRA_ITEMS} more items in each list, leads to ${target}` };
  if (reachable === 'unsat') return { ...base, suggestions: [], searchedUpTo: free.length, status: 'proved-none', note: `no change to the facts that may change leads to ${target}` };
  if (reachable === 'unknown') return { ...base, suggestions: [], searchedUpTo: 0, status: 'unknown', note: `the solver gave up (${reason})` };

  const suggestions: Suggestion[] = [];
  let searched = 0;
  let note: string | undefined;
  let gaveUp = false;
  outer: for (let k = 1; k <= maxChanges; k++) {
    for (;;) {
      s.push();
      s.add(Z.AtMost(free.map((l) => l.differs) as [ZExpr, ...ZExpr[]], k));
      const r = s.check();
      const model = r === 'sat' ? s.model() : undefined;
      s.pop();
      if (r === 'unknown') {
        gaveUp = true;
        note = `the solver gave up (${s.reasonUnknown()}) while looking for ${k === 1 ? 'a change of one fact' : `changes of ${k} facts`}`;
        break outer;
      }
      if (!model) break;
      const set = free.filter((l) => truthIn(Z, model, l.differs) === true);
      if (set.length === 0) {
        // the encoding decides the unchanged transaction otherwise than the interpreter: a bug,
        // never a suggestion (and blocking the empty set would block everything)
        gaveUp = true;
        note = 'the solver and the interpreter disagree on this transaction (a bug in Pol; please report it)';
        break outer;
      }
      const found = await valuesFor(Z, u, program, ir, input, read, facts.leaves, set, model, current.decision, want, old, s);
      // no superset of this change: the next answer is another way
      s.add(Z.Or(...set.map((l) => Z.Not(l.differs))));
      if (found) suggestions.push(found);
      if (suggestions.length >= max) break outer;
    }
    searched = k;
  }
  // solvers hold most of the memory: free them now (z3 frees them only when JavaScript collects them)
  s.release();
  const status = suggestions.length > 0 ? 'found' : gaveUp ? 'unknown' : 'none-within';
  inReadingOrder(suggestions, facts.leaves);
  if (status === 'none-within') note = `no change of at most ${maxChanges} fact${maxChanges === 1 ? '' : 's'} leads to ${target}`;
  return { ...base, suggestions, searchedUpTo: searched, status, note };
}

/**
 * Fewest changes first, then in the order the input declares the changed facts: the solver's
 * models decide which ways are found first, and that order would change with any change inside z3
 * or in how the questions are asked.
 */
function inReadingOrder(suggestions: Suggestion[], leaves: readonly FactLeaf[]): void {
  const rank = new Map(leaves.map((l, i) => [l.path, i]));
  const key = (s: Suggestion): number[] => s.changes.map((c) => rank.get(c.path) ?? leaves.length).sort((a, b) => a - b);
  suggestions.sort((a, b) => {
    if (a.changes.length !== b.changes.length) return a.changes.length - b.changes.length;
    const [x, y] = [key(a), key(b)];
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
    return 0;
  });
}

/**
 * The values for one set of changed leaves: the nearest ones, whole numbers first, then
 * hundredths, then the solver's own model; the first the interpreter confirms.
 */
async function valuesFor(
  Z: Z,
  u: Universe,
  program: CheckedProgram,
  ir: IR.Program,
  input: SymInput,
  read: ReadonlySet<string>,
  leaves: readonly FactLeaf[],
  set: readonly FactLeaf[],
  model: ZExpr,
  current: DecisionJson,
  want: Want | undefined,
  old: RRecord,
  s: Session,
): Promise<Suggestion | undefined> {
  const inSet = new Set(set);
  const exact = leaves.filter((l) => l.free).map((l) => (inSet.has(l) ? l.differs : Z.Not(l.differs)));
  // numbers that may take a new value: the changed ones and unread ones a new record needs
  const open = leaves.filter((l) => l.sv?.t === 'num' && (inSet.has(l) || (!l.free && !l.oldReached)));
  const dist = (l: FactLeaf, t: 'num' | 'date'): ZExpr[] => {
    if (!l.sv || l.sv.t !== t || !inSet.has(l)) return [];
    const o = l.oldReached ? constOf(Z, u, l.sv, l.old!) : t === 'num' ? Z.Real.val(0) : undefined;
    if (!o) return [];
    const d = l.sv.v.sub(o);
    return [Z.If(d.ge(0), d, d.neg())];
  };
  const numDist = leaves.flatMap((l) => dist(l, 'num'));
  const dayDist = leaves.flatMap((l) => dist(l, 'date'));
  // each number on the precision of the value it had (whole numbers for a whole or absent one,
  // at most hundredths), then every number in hundredths; the solver's own answer last
  const scale = (l: FactLeaf): number => {
    const t = l.oldReached && l.old instanceof Rational ? l.old.toString() : '';
    const d = t.includes('.') ? t.length - t.indexOf('.') - 1 : 0;
    return 10 ** Math.min(d, 2);
  };
  const grids: ((l: FactLeaf) => ZExpr)[] = [(l) => Z.IsInt(l.sv!.v.mul(scale(l))), (l) => Z.IsInt(l.sv!.v.mul(100))];
  const confirm = (m: ZExpr): Suggestion | undefined => {
    let json: JsonValue;
    try {
      json = modelToJson(m, u, input.value);
    } catch (e) {
      if (e instanceof NotRepresentable) return undefined;
      throw e;
    }
    const r = run(program, json);
    if (!r.ok || !meets(r.result.decision, current, want)) return undefined;
    const { value } = validateValue(program.input.type, json, { has: (e, x) => program.enums.get(e)?.members.includes(x) ?? false });
    const changes = changesBetween(program.input.type, old, value!).map((c) => (read.has(c.path.replace(/\[\d+\]/g, '[]')) ? c : { ...c, unread: true as const }));
    return {
      changes,
      groups: groupPhrases(program, ir, changes, json, value as RRecord, r.result.decision, r.result.decided_by),
      decision: r.result.decision,
      decidedBy: r.result.decided_by,
      rules: rulesOf(r.result),
      obligations: r.result.obligations,
      input: json,
    };
  };
  // nothing to place: the solver's answer is the only one
  if (numDist.length === 0 && dayDist.length === 0 && open.length === 0) return confirm(model);
  for (const g of grids) {
    const m = await nearest(Z, s, [...exact, ...open.map(g)], [numDist, dayDist], open.length ? 1 / Math.max(...open.map(scale)) : 1);
    const found = m ? confirm(m) : undefined;
    if (found) return found;
  }
  return confirm(model);
}

const floorDiv = (a: bigint, b: bigint): bigint => (a >= 0n ? a / b : -((-a + b - 1n) / b));

const sum = (Z: Z, ts: readonly ZExpr[]): ZExpr => (ts.length === 1 ? ts[0] : Z.Sum(ts[0], ...ts.slice(1)));

function valueOf(x: ZExpr): Rational | undefined {
  const v = typeof x.value === 'function' ? x.value() : undefined;
  if (typeof v === 'bigint') return Rational.of(v);
  if (v && typeof v === 'object' && typeof v.numerator === 'bigint') return Rational.of(v.numerator, v.denominator);
  return undefined;
}

/** The most solver questions spent on placing one suggestion's values nearest. */
const BISECTIONS = 48;

/**
 * A model of `extra` (on top of what `s` holds) whose distances are least, objective by objective:
 * bisection on each sum with the plain solver (z3's optimiser crashed inside its arithmetic on an
 * IFR transaction). Distances on the grid are multiples of `unit` (days: 1), so the bisection
 * stops once the gap is smaller: the distance found is then the least.
 */
async function nearest(Z: Z, s: Session, extra: readonly ZExpr[], objectives: readonly (readonly ZExpr[])[], unit: number): Promise<ZExpr | undefined> {
  s.push();
  try {
    s.add(...extra);
    if (s.check() !== 'sat') return undefined;
    let best = s.model();
    let budget = BISECTIONS;
    for (const [i, terms] of objectives.entries()) {
      if (terms.length === 0) continue;
      const total = sum(Z, terms);
      const step = Rational.fromNumber(i === 0 ? unit : 1) ?? Rational.ONE;
      const first = valueOf(best.eval(total, true));
      if (!first) continue;
      let hi: Rational = first;
      // known: distance > lo; on the grid the least is found once hi is one step above lo
      let lo = step.neg();
      while (budget-- > 0 && hi.sub(lo).cmp(step) > 0) {
        // days are whole: their bound is too
        const half: Rational = lo.add(hi).div(Rational.of(2n));
        const mid: Rational = i === 0 ? half : Rational.of(floorDiv(half.num, half.den));
        s.push();
        s.add(total.le(i === 0 ? ratVal(Z, mid) : Z.Int.val(mid.num.toString())));
        const r = s.check();
        if (r === 'sat') best = s.model();
        s.pop();
        if (r === 'unknown') break;
        if (r === 'sat') hi = valueOf(best.eval(total, true)) ?? mid;
        else lo = mid;
      }
      // the next objective keeps this one at its least
      s.add(total.le(i === 0 ? ratVal(Z, hi) : Z.Int.val(floorDiv(hi.num, hi.den).toString())));
    }
    return best;
  } finally {
    s.pop();
  }
}

export { WhyError, Unsupported };

/**
 * Re-decides a log of past inputs under two versions and counts what changes. Lines are fed one at
 * a time (`Replayer.add`), so a log of any length is replayed in constant memory: per group only a
 * count and the first few line numbers are kept, and invalid lines are grouped by reason.
 */
import type { CheckedProgram, Rational, ResultJson } from '@pol/core/checker';
import { run, sameBehaviour, decisionText } from './confirm.ts';

/** line numbers kept per group, as examples to look up */
const EXAMPLES = 10;
/** distinct rejection reasons kept; the rest are counted together */
const REASONS = 50;

export interface Group {
  count: number;
  /** the first line numbers of the group (at most 10) */
  lines: number[];
}

export interface Transition extends Group {
  readonly before: string;
  readonly after: string;
  /** the decision is the same and only the obligations differ */
  readonly obligationsOnly: boolean;
}

/**
 * Changed lines by the rules that decide them before and after: exactly how `pol diff` partitions
 * the input space into regions, so each group is one diff region (its `before`/`after` rule paths
 * are the region's `before.decidedBy` and `after.decidedBy`).
 */
export interface RegionCount extends Group {
  readonly beforeRule: string;
  readonly afterRule: string;
  readonly before: string;
  readonly after: string;
}

export interface Rejection extends Group {
  /** which version rejects the line */
  readonly rejectedBy: 'before' | 'after' | 'both';
  readonly reason: string;
  /** the first line's message in full (the values and any "did you mean" hint that `reason` folds away) */
  readonly example: string;
}

/**
 * With a ledger (`pol replay --ledger`): where the balances started, and how many of the log's
 * transactions the ledger had decided, with the recorded decisions the old version does not give
 * again (a policy edited since, or balances the log does not account for).
 */
export interface LedgerCheck {
  readonly path: string;
  /** where both versions' balances start, in words */
  readonly openings: string;
  held: number;
  reproduced: number;
  notReproduced: Group;
}

/** The decision the ledger recorded for a transaction: its printed output line. */
export type Recorded = string;

export interface ReplaySummary {
  total: number;
  unchanged: number;
  changed: number;
  /** "before -> after" pairs, most frequent first (ties by text) */
  transitions: Transition[];
  /** changed lines per diff region (pair of deciding rules), most frequent first */
  regions: RegionCount[];
  /** lines one or both versions reject, by reason, most frequent first */
  invalid: Rejection[];
  /** lines that are not JSON */
  unparseable: Group & { firstMessage: string | undefined };
  ledger?: LedgerCheck;
}

export interface ReplayOptions {
  /** balances both versions start from (by balance key), instead of the openings */
  readonly openings?: ReadonlyMap<string, Rational>;
  /** the ledger the openings come from, and where in its history they were taken */
  readonly ledger?: { readonly path: string; readonly openings: string };
}

function push(g: Group, line: number): void {
  g.count++;
  if (g.lines.length < EXAMPLES) g.lines.push(line);
}

/** A rejection's reason without the values that vary from line to line (the JSON paths stay). */
function reasonOf(errors: readonly string[]): string {
  // a suggestion depends on the value ("did you mean "GB"?" for one misspelling, none for
  // another): one mistake is one group, and the group's example keeps the hint
  return (errors[0] ?? 'rejected').replace(/;? *did you mean .*$/s, '').replace(/"(?:[^"\\]|\\.)*"/g, '"…"').replace(/\[\d+\]/g, '[]');
}

export class Replayer {
  private readonly s: ReplaySummary = { total: 0, unchanged: 0, changed: 0, transitions: [], regions: [], invalid: [], unparseable: { count: 0, lines: [], firstMessage: undefined } };
  private readonly byPair = new Map<string, Transition>();
  private readonly byReason = new Map<string, Rejection>();
  // A version with ledgers keeps its own balances, in log order: each line is decided on what the
  // lines before it would have posted under that version (from the openings; docs/ledger.md).
  private readonly balancesBefore: Map<string, Rational> | undefined;
  private readonly balancesAfter: Map<string, Rational> | undefined;
  private readonly byRegion = new Map<string, RegionCount>();

  constructor(
    private readonly before: CheckedProgram,
    private readonly after: CheckedProgram,
    options: ReplayOptions = {},
  ) {
    this.balancesBefore = before.ledgers.length > 0 ? new Map(options.openings) : undefined;
    this.balancesAfter = after.ledgers.length > 0 ? new Map(options.openings) : undefined;
    if (options.ledger) this.s.ledger = { ...options.ledger, held: 0, reproduced: 0, notReproduced: { count: 0, lines: [] } };
  }

  /** `recorded`: what the ledger printed for this line's transaction, when it holds it */
  add(line: number, raw: string, recorded?: Recorded): void {
    const s = this.s;
    s.total++;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (e) {
      push(s.unparseable, line);
      s.unparseable.firstMessage ??= `line ${line}: ${(e as Error).message}`;
      return;
    }
    // a log line may carry the input under `input` beside other data
    if (json && typeof json === 'object' && !Array.isArray(json) && 'input' in json && Object.keys(json).every((k) => ['input', 'id', 'decision', 'result'].includes(k))) {
      json = (json as { input: unknown }).input;
    }
    const rb = run(this.before, json, this.balancesBefore);
    const ra = run(this.after, json, this.balancesAfter);
    if (recorded !== undefined && s.ledger) {
      s.ledger.held++;
      if (rb.ok && reproduces(rb.result, recorded)) s.ledger.reproduced++;
      else push(s.ledger.notReproduced, line);
    }
    if (!rb.ok || !ra.ok) {
      const rejectedBy = !rb.ok && !ra.ok ? 'both' : !rb.ok ? 'before' : 'after';
      const errors = !rb.ok ? rb.errors : (ra as { errors: string[] }).errors;
      const reason = reasonOf(errors);
      const key = this.byReason.size < REASONS || this.byReason.has(`${rejectedBy}\n${reason}`) ? `${rejectedBy}\n${reason}` : `${rejectedBy}\nother reasons`;
      let g = this.byReason.get(key);
      if (!g) this.byReason.set(key, (g = { rejectedBy, reason: key.slice(key.indexOf('\n') + 1), example: errors[0] ?? 'rejected', count: 0, lines: [] }));
      push(g, line);
      return;
    }
    if (sameBehaviour(rb.result, ra.result)) {
      s.unchanged++;
      return;
    }
    s.changed++;
    const b = decisionText(rb.result.decision);
    const a = decisionText(ra.result.decision);
    const obligationsOnly = b === a;
    const bt = obligationsOnly ? `${b} with obligations ${JSON.stringify(rb.result.obligations)}` : b;
    const at = obligationsOnly ? `${a} with obligations ${JSON.stringify(ra.result.obligations)}` : a;
    const key = `${bt}\n${at}`;
    let t = this.byPair.get(key);
    if (!t) this.byPair.set(key, (t = { before: bt, after: at, obligationsOnly, count: 0, lines: [] }));
    push(t, line);
    const beforeRule = rb.result.trace.map((x) => x.id).join(' > ') || 'otherwise';
    const afterRule = ra.result.trace.map((x) => x.id).join(' > ') || 'otherwise';
    const rk = `${beforeRule}\n${afterRule}`;
    let g = this.byRegion.get(rk);
    if (!g) this.byRegion.set(rk, (g = { beforeRule, afterRule, before: bt, after: at, count: 0, lines: [] }));
    push(g, line);
  }

  summary(): ReplaySummary {
    const byCount = <T extends Group>(xs: Iterable<T>, key: (x: T) => string): T[] => [...xs].sort((x, y) => y.count - x.count || (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
    return { ...this.s, transitions: byCount(this.byPair.values(), (t) => `${t.before}\n${t.after}`), regions: byCount(this.byRegion.values(), (g) => `${g.beforeRule}\n${g.afterRule}`), invalid: byCount(this.byReason.values(), (r) => `${r.rejectedBy}\n${r.reason}`) };
  }
}

/** Whether a result is the decision a ledger recorded (its outcome, fields and deciding rule). */
function reproduces(r: ResultJson, recorded: Recorded): boolean {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(recorded) as Record<string, unknown>;
  } catch {
    return false;
  }
  if (o['decided_by'] !== r.decided_by) return false;
  for (const [k, v] of Object.entries(r.decision)) if (JSON.stringify(o[k] ?? null) !== JSON.stringify(v ?? null)) return false;
  return true;
}

/** A whole log in memory (tests, small logs); the CLI streams lines into a Replayer instead. */
export function replay(before: CheckedProgram, after: CheckedProgram, jsonl: string): ReplaySummary {
  const r = new Replayer(before, after);
  jsonl.split('\n').forEach((raw, i) => {
    if (raw.trim() !== '') r.add(i + 1, raw);
  });
  return r.summary();
}

export type ReplayFormat = 'text' | 'json' | 'markdown';

function pct(n: number, total: number): string {
  return total === 0 ? '0%' : `${((100 * n) / total).toFixed(1)}%`;
}

function linesText(g: Group): string {
  return `line${g.lines.length === 1 ? '' : 's'} ${g.lines.join(', ')}${g.count > g.lines.length ? ', ...' : ''}`;
}

function ledgerLines(l: LedgerCheck, before: string): string[] {
  const lines = [`ledger ${l.path}: both versions start from ${l.openings}`, `${l.held} of the log's transactions are in the ledger; ${before} gives ${l.reproduced} of them the decision recorded`];
  if (l.notReproduced.count) lines.push(`${l.notReproduced.count} recorded decision${l.notReproduced.count === 1 ? '' : 's'} not given again by ${before} (${linesText(l.notReproduced)}): the policy or the balances differ from when they were decided`);
  return lines;
}

export function renderReplay(s: ReplaySummary, format: ReplayFormat, names: { readonly before: string; readonly after: string }): string {
  const invalidCount = s.invalid.reduce((n, r) => n + r.count, 0);
  if (format === 'json') {
    // the percentages the text and Markdown show, as numbers (one decimal), beside each count
    const of = (n: number, total: number): number => (total === 0 ? 0 : Math.round((1000 * n) / total) / 10);
    const share = <T extends Group>(g: T): T & { percent: number } => ({ ...g, percent: of(g.count, s.total) });
    return (
      JSON.stringify(
        {
          before: names.before,
          after: names.after,
          invalidCount,
          ...s,
          percent: { changed: of(s.changed, s.total), unchanged: of(s.unchanged, s.total), invalid: of(invalidCount, s.total), notJson: of(s.unparseable.count, s.total) },
          transitions: s.transitions.map(share),
          regions: s.regions.map((g) => ({ ...share(g), percentOfChanges: of(g.count, s.changed) })),
          invalid: s.invalid.map(share),
        },
        null,
        2,
      ) + '\n'
    );
  }
  const head = `replayed ${s.total} inputs: ${s.changed} changed (${pct(s.changed, s.total)}), ${s.unchanged} unchanged (${pct(s.unchanged, s.total)}), ${invalidCount} invalid (${pct(invalidCount, s.total)}), ${s.unparseable.count} not JSON (${pct(s.unparseable.count, s.total)})`;
  if (format === 'text') {
    const out = [head];
    if (s.transitions.length) out.push('', 'changed decisions (before -> after):');
    for (const t of s.transitions) out.push(`  ${t.count} (${pct(t.count, s.total)}) ${t.before} -> ${t.after} (${linesText(t)})`);
    if (s.regions.length) out.push('', 'changed decisions by diff region (deciding rules before -> after):');
    for (const g of s.regions) out.push(`  ${g.count} (${pct(g.count, s.total)}; ${pct(g.count, s.changed)} of the changes) ${g.beforeRule} -> ${g.afterRule}: ${g.before} -> ${g.after} (${linesText(g)})`);
    if (s.invalid.length) out.push('', 'invalid inputs, by reason:');
    for (const r of s.invalid) out.push(`  ${r.count} (${pct(r.count, s.total)}) rejected by ${r.rejectedBy === 'both' ? 'both versions' : r.rejectedBy === 'before' ? names.before : names.after}: ${r.reason} (${linesText(r)})${r.example !== r.reason ? `; line ${r.lines[0]}: ${r.example}` : ''}`);
    if (s.unparseable.count) out.push('', `not JSON: ${s.unparseable.count} (${linesText(s.unparseable)}); first: ${s.unparseable.firstMessage}`);
    if (s.ledger) out.push('', ...ledgerLines(s.ledger, names.before));
    return out.join('\n') + '\n';
  }
  const md = (x: string): string => x.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`);
  const out = [`# Replay: ${md(names.before)} → ${md(names.after)}`, '', md(head) + '.', ''];
  if (s.transitions.length) {
    out.push('| before | after | inputs | share | first lines |', '|---|---|---:|---:|---|');
    for (const t of s.transitions) out.push(`| ${md(t.before)} | ${md(t.after)} | ${t.count} | ${pct(t.count, s.total)} | ${t.lines.join(', ')} |`);
    out.push('');
  }
  if (s.regions.length) {
    out.push('## By diff region', '', '| deciding rule before | deciding rule after | change | inputs | share | share of changes | first lines |', '|---|---|---|---:|---:|---:|---|');
    for (const g of s.regions) out.push(`| ${md(g.beforeRule)} | ${md(g.afterRule)} | ${md(`${g.before} -> ${g.after}`)} | ${g.count} | ${pct(g.count, s.total)} | ${pct(g.count, s.changed)} | ${g.lines.join(', ')} |`);
    out.push('');
  }
  if (s.invalid.length) {
    out.push('## Invalid inputs', '', '| rejected by | reason | inputs | share | first lines | the first in full |', '|---|---|---:|---:|---|---|');
    for (const r of s.invalid) out.push(`| ${r.rejectedBy} | ${md(r.reason)} | ${r.count} | ${pct(r.count, s.total)} | ${r.lines.join(', ')} | ${md(r.example)} |`);
    out.push('');
  }
  if (s.unparseable.count) out.push(`Not JSON: ${s.unparseable.count} (${md(linesText(s.unparseable))}).`, '');
  if (s.ledger) out.push('## Against the ledger', '', ...ledgerLines(s.ledger, names.before).map((l) => `- ${md(l)}`), '');
  return out.join('\n');
}

/**
 * Says a changed member in the policy's own terms when it can: "if consignee.headquarters were in
 * Tier1" rather than "were GB", when every member of the named group (on the transaction's date)
 * would lead to the same decision, which the interpreter confirms member by member. The largest
 * such group is named (the most general statement that is still true); none when no group
 * qualifies.
 */
import type { CheckedProgram, DecisionJson, RRecord, RValue, Type } from '@pol/core/checker';
import type * as IR from '@pol/core/ir';
import { run, sameDecisionJson } from '../confirm.ts';
import type { JsonValue } from '../witness.ts';
import { typeAt } from './words.ts';

export interface GroupPhrase {
  readonly path: string;
  /** the group's name; undefined for "any other member" of a short enum */
  readonly group: string | undefined;
  /** the group's members on the transaction's date, sorted */
  readonly members: readonly string[];
}

function membersOn(set: IR.SetDef, date: string | undefined): string[] {
  if (date === undefined) return [...set.undated].sort();
  const out: string[] = [];
  for (const [m, ranges] of set.members) if (ranges.some((r) => (r.from === undefined || r.from <= date) && (r.until === undefined || date < r.until))) out.push(m);
  return out.sort();
}

function enumAt(t: Type, path: string): string | undefined {
  const leaf = typeAt(t, path);
  return leaf?.kind === 'enum' ? leaf.name : undefined;
}

/** A copy of the JSON input with the value at `path` replaced. */
function withValue(json: JsonValue, path: string, v: string): JsonValue {
  const copy = JSON.parse(JSON.stringify(json)) as JsonValue;
  const parts = path.match(/[^.[\]]+/g) ?? [];
  let o = copy as { [k: string]: JsonValue } | JsonValue[];
  parts.forEach((p, i) => {
    const key = Array.isArray(o) ? Number(p) : p;
    if (i === parts.length - 1) (o as Record<string | number, JsonValue>)[key] = v;
    else o = (o as Record<string | number, JsonValue>)[key] as { [k: string]: JsonValue };
  });
  return copy;
}

/** Enums with at most this many other members may be said as "were a or b". */
const MAX_LISTED = 4;

function same(program: CheckedProgram, input: JsonValue, decision: DecisionJson, decidedBy: string): boolean {
  const r = run(program, input);
  return r.ok && r.result.decided_by === decidedBy && sameDecisionJson(r.result.decision, decision);
}

/** The most inputs tried for one suggestion (every member of every named group, in combination). */
const MAX_TRIES = 5000;

/**
 * For each changed member of the suggestion (`before -> after`), the largest named group holding
 * the new member and not the old one whose every member gives the same decision by the same rule,
 * in combination with the groups already chosen for the suggestion's other changes.
 */
export function groupPhrases(
  program: CheckedProgram,
  ir: IR.Program,
  changes: readonly { readonly path: string; readonly before: string; readonly after: string }[],
  input: JsonValue,
  value: RRecord,
  decision: DecisionJson,
  decidedBy: string,
): GroupPhrase[] {
  const out: GroupPhrase[] = [];
  const asOf = ir.input.asOf;
  const date = asOf === undefined ? undefined : (value.get(asOf) as RValue as string);
  let variants: JsonValue[] = [input];
  for (const c of changes) {
    const e = enumAt(program.input.type, c.path);
    if (!e || c.after === 'absent') continue;
    let best: { phrase: GroupPhrase; variants: JsonValue[] } | undefined;
    for (const set of ir.sets) {
      if (!set.name || set.of !== e) continue;
      const members = membersOn(set, date);
      if (!members.includes(c.after) || members.includes(c.before) || members.length < 2) continue;
      if (best && best.phrase.members.length >= members.length) continue;
      if (variants.length * members.length > MAX_TRIES) continue;
      const next = variants.flatMap((v) => members.map((m) => withValue(v, c.path, m)));
      const all = next.every((v) => same(program, v, decision, decidedBy));
      if (all) best = { phrase: { path: c.path, group: set.name, members }, variants: next };
    }
    // no group: a short list of choices may still all do ("were microscope or centrifuge")
    const others = (program.enums.get(e)?.members ?? []).filter((m) => m !== c.before);
    if (!best && others.length >= 2 && others.length <= MAX_LISTED && variants.length * others.length <= MAX_TRIES) {
      const next = variants.flatMap((v) => others.map((m) => withValue(v, c.path, m)));
      if (next.every((v) => same(program, v, decision, decidedBy))) best = { phrase: { path: c.path, group: undefined, members: others }, variants: next };
    }
    if (best) {
      out.push(best.phrase);
      variants = best.variants;
    }
  }
  return out;
}

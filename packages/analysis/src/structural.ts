/**
 * Structural changes between two versions: declarations matched by name (rules by id, then by
 * structure). Read from the lowered IR: whether a part changed is decided on the IR (ir-key.ts:
 * spans, parentheses and the spelling of literals do not count), and a changed part is shown as
 * each version writes it.
 */
import type { CheckedProgram, Type } from '@pol/core/checker';
import { typeToString } from '@pol/core/checker';
import * as IR from '@pol/core/ir';
import { decisionKey, exprKey, setKey } from './ir-key.ts';
import { exprText, printDecision, setMemberText, setText } from './print.ts';

export interface StructuralChange {
  readonly change: 'added' | 'removed' | 'changed' | 'renamed';
  readonly what: 'policy' | 'rule' | 'exception' | 'otherwise' | 'group' | 'const' | 'define' | 'require' | 'enum' | 'decision' | 'input';
  /** rule ids are paths: `rule.exception` */
  readonly id: string;
  readonly details: readonly string[];
  /** a group's, const's or define's display title and citations (the newer version's, else the older's) */
  readonly title?: string;
  readonly cites?: readonly string[];
}

/** A titled, cited declaration as the reports name it: `Country Group D:5 (15 CFR part 740, supplement no. 1)`. */
export function titled(id: string, title: string | undefined, cites: readonly string[] = []): string {
  const c = cites.length ? `(${cites.join('; ')})` : '';
  return title ? `${title}${c ? ` ${c}` : ''}` : `${id}${c ? ` ${c}` : ''}`;
}

/** The titles and citations of a program's groups, constants and definitions, by name. */
export function labelsOf(p: CheckedProgram): Map<string, { readonly title: string | undefined; readonly cites: readonly string[] }> {
  const out = new Map<string, { title: string | undefined; cites: string[] }>();
  for (const d of [...p.groups, ...p.consts, ...p.defines]) if (d.title || d.cites.length) out.set(d.name.name, { title: d.title?.value, cites: d.cites.map((c) => c.value) });
  return out;
}

/** A part of a version: what identifies it and how it is shown. */
interface Part {
  readonly key: string;
  readonly text: string;
}

function flatten(rules: readonly IR.Rule[]): Map<string, IR.Rule> {
  const out = new Map<string, IR.Rule>();
  const walk = (b: IR.Rule, prefix: string): void => {
    const id = prefix ? `${prefix}.${b.name}` : b.name;
    out.set(id, b);
    for (const e of b.exceptions) walk(e, id);
  };
  for (const r of rules) walk(r, '');
  return out;
}

function listDiff(label: string, a: readonly string[], b: readonly string[]): string[] {
  const out: string[] = [];
  for (const x of a) if (!b.includes(x)) out.push(`${label} removed: ${x}`);
  for (const x of b) if (!a.includes(x)) out.push(`${label} added: ${x}`);
  return out;
}

function changed(label: string, a: string | undefined, b: string | undefined): string[] {
  if (a === b) return [];
  if (a === undefined) return [`${label} added: ${b}`];
  if (b === undefined) return [`${label} removed: ${a}`];
  return [`${label}: ${a} -> ${b}`];
}

function changedPart(label: string, a: Part | undefined, b: Part | undefined): string[] {
  if (a?.key === b?.key) return [];
  // the same text with another meaning (a const it names was retyped, say): say so plainly
  if (a && b && a.text === b.text) return [`${label} changed in meaning: ${a.text}`];
  return changed(label, a?.text, b?.text);
}

class Version {
  readonly rules: Map<string, IR.Rule>;
  constructor(readonly c: CheckedProgram, readonly p: IR.Program) {
    this.rules = flatten(p.rules);
  }
  expr(e: IR.Expr | undefined): Part | undefined {
    return e && { key: exprKey(this.p, e, false), text: exprText(this.p, e) };
  }
  decision(d: IR.Decision): Part {
    return { key: decisionKey(this.p, d, false), text: printDecision(this.p, d) };
  }
  shape(r: IR.Rule): string {
    return JSON.stringify([r.from, r.until, this.expr(r.when)?.key ?? null, this.decision(r.decide).key, r.exceptions.map((e) => this.shape(e))]);
  }
  /** a group, const or define by name: its value (a def, or a set when it is set-valued) */
  named(name: string): Part | { set: IR.SetDef } | undefined {
    const set = this.p.sets.find((s) => s.name === name);
    if (set) return { set };
    const def = this.p.defs.find((d) => d.name === name && d.origin !== 'shared');
    return def && this.expr(def.value);
  }
}

function bodyDetails(x: Version, y: Version, a: IR.Rule, b: IR.Rule): string[] {
  return [
    ...changed('title', a.title, b.title),
    ...listDiff('citation', a.cites, b.cites),
    ...changed('effective', a.from, b.from),
    ...changed('until', a.until, b.until),
    ...changedPart('when', x.expr(a.when), y.expr(b.when)),
    ...changedPart('decide', x.decision(a.decide), y.decision(b.decide)),
    ...listDiff('obligation', a.obligations, b.obligations),
    ...(a.exceptions.map((e) => e.name).join(',') !== b.exceptions.map((e) => e.name).join(',') &&
    a.exceptions.length === b.exceptions.length &&
    a.exceptions.every((e) => b.exceptions.some((f) => f.name === e.name))
      ? [`exception order: ${a.exceptions.map((e) => e.name).join(', ')} -> ${b.exceptions.map((e) => e.name).join(', ')}`]
      : []),
  ];
}

function setDetails(a: IR.SetDef, b: IR.SetDef): string[] {
  if (setKey(a) === setKey(b)) return [];
  const names = (s: IR.SetDef): string[] => [...new Set([...s.members.keys(), ...s.undated])];
  const am = new Map(names(a).map((m) => [m, setMemberText(a, m)]));
  const bm = new Map(names(b).map((m) => [m, setMemberText(b, m)]));
  const out: string[] = [];
  for (const [k, v] of am) if (!bm.has(k)) out.push(`${v} removed`);
  for (const [k, v] of bm) if (!am.has(k)) out.push(`${v} added`);
  for (const [k, v] of am) if (bm.has(k) && bm.get(k) !== v) out.push(`${v} -> ${bm.get(k)}`);
  return out;
}

/** `lowered`: both programs' lowered IR when the caller has it already (lowering is not free). */
export function structuralDiff(before: CheckedProgram, after: CheckedProgram, lowered?: readonly [IR.Program, IR.Program]): StructuralChange[] {
  const x = new Version(before, lowered?.[0] ?? IR.lower(before));
  const y = new Version(after, lowered?.[1] ?? IR.lower(after));
  const a = x.p;
  const b = y.p;
  const out: StructuralChange[] = [];
  const push = (c: StructuralChange): void => {
    if (c.change !== 'changed' || c.details.length > 0) out.push(c);
  };
  // policy header
  const ha = before.header;
  const hb = after.header;
  push({
    change: 'changed',
    what: 'policy',
    id: 'policy',
    details: [
      ...changed('name', ha?.name.value, hb?.name.value),
      ...changed('version', ha?.version?.value, hb?.version?.value),
      ...changed('effective', ha?.effective?.value, hb?.effective?.value),
      ...listDiff('citation', ha?.cites.map((c) => c.value) ?? [], hb?.cites.map((c) => c.value) ?? []),
    ],
  });
  // enums, decision and input
  for (const ea of a.enums) {
    const eb = b.enums.find((e) => e.name === ea.name);
    if (!eb) push({ change: 'removed', what: 'enum', id: ea.name, details: [] });
    else push({ change: 'changed', what: 'enum', id: ea.name, details: listDiff('member', ea.members, eb.members) });
  }
  for (const eb of b.enums) if (!a.enums.some((e) => e.name === eb.name)) push({ change: 'added', what: 'enum', id: eb.name, details: [] });
  const variantText = (v: IR.VariantDef): string => (v.params.length === 0 ? v.name : `${v.name}(${v.params.map((q) => `${q.name}: ${typeToString(q.type)}`).join(', ')})`);
  push({ change: 'changed', what: 'decision', id: b.decision.name, details: listDiff('outcome', a.decision.variants.map(variantText), b.decision.variants.map(variantText)) });
  // an unnamed record's fields one by one (`consignee.trusted: optional Boolean`), so that a field
  // added inside it is one line, not the whole record removed and added again
  const fieldsOf = (p: IR.Program): string[] => {
    const out: string[] = [];
    const walk = (fields: ReadonlyMap<string, Type>, prefix: string): void => {
      for (const [k, t] of fields) {
        const inner = t.kind === 'optional' ? t.inner : t;
        if (inner.kind === 'record' && inner.name === undefined) {
          out.push(`${prefix}${k}: ${t.kind === 'optional' ? 'optional ' : ''}record`);
          walk(inner.fields, `${prefix}${k}.`);
        } else out.push(`${prefix}${k}: ${typeToString(t)}`);
      }
    };
    walk(p.input.type.fields, '');
    return out;
  };
  push({ change: 'changed', what: 'input', id: b.input.name, details: [...fieldDiff(fieldsOf(a), fieldsOf(b)), ...changed('as of', a.input.asOf, b.input.asOf)] });
  // groups, constants, defines
  const la = labelsOf(before);
  const lb = labelsOf(after);
  const label = (k: string): { title?: string; cites?: readonly string[] } => {
    const l = lb.get(k) ?? la.get(k);
    return l ? { ...(l.title !== undefined ? { title: l.title } : {}), cites: l.cites } : {};
  };
  const named = (what: 'group' | 'const' | 'define', names: (p: CheckedProgram) => string[]): void => {
    const na = names(before);
    const nb = names(after);
    const text = (v: Part | { set: IR.SetDef } | undefined): string => (!v ? '' : 'set' in v ? setText(v.set) : v.text);
    for (const k of na) {
      const va = x.named(k);
      if (!nb.includes(k)) {
        push({ change: 'removed', what, id: k, details: [text(va)], ...label(k) });
        continue;
      }
      const vb = y.named(k);
      const details = [
        ...changed('title', la.get(k)?.title, lb.get(k)?.title),
        ...listDiff('citation', la.get(k)?.cites ?? [], lb.get(k)?.cites ?? []),
        ...(va && vb && 'set' in va && 'set' in vb ? setDetails(va.set, vb.set) : va && vb && !('set' in va) && !('set' in vb) ? changedPart('value', va, vb) : changed('value', text(va), text(vb))),
      ];
      push({ change: 'changed', what, id: k, details, ...label(k) });
    }
    for (const k of nb) if (!na.includes(k)) push({ change: 'added', what, id: k, details: [text(y.named(k))], ...label(k) });
  };
  named('group', (p) => p.groups.map((g) => g.name.name));
  named('const', (p) => p.consts.map((g) => g.name.name));
  named('define', (p) => p.defines.map((g) => g.name.name));
  // requires, as a set
  const req = (v: Version, r: IR.Require): Part => {
    const c = v.expr(r.condition)!;
    return { key: `${c.key} because ${r.because}`, text: `${c.text} because ${JSON.stringify(r.because)}` };
  };
  const ra = a.requires.map((r) => req(x, r));
  const rb = b.requires.map((r) => req(y, r));
  for (const r of ra) if (!rb.some((s) => s.key === r.key)) push({ change: 'removed', what: 'require', id: r.text, details: [] });
  for (const r of rb) if (!ra.some((s) => s.key === r.key)) push({ change: 'added', what: 'require', id: r.text, details: [] });
  // rules and exceptions: by id, then unmatched ones by structure
  const fa = x.rules;
  const fb = y.rules;
  const removed = [...fa.keys()].filter((k) => !fb.has(k));
  const added = [...fb.keys()].filter((k) => !fa.has(k));
  for (const [k, r] of fa) {
    const s = fb.get(k);
    if (s) push({ change: 'changed', what: r.kind, id: k, details: bodyDetails(x, y, r, s) });
  }
  const order = (p: IR.Program): string => p.rules.map((r) => r.name).join(', ');
  if (order(a) !== order(b) && a.rules.length === b.rules.length && a.rules.every((r) => fb.has(r.name))) {
    push({ change: 'changed', what: 'rule', id: '(precedence)', details: [`rule order: ${order(a)} -> ${order(b)}`] });
  }
  const usedAdded = new Set<string>();
  for (const k of removed) {
    const r = fa.get(k)!;
    const twin = added.find((j) => !usedAdded.has(j) && fb.get(j)!.kind === r.kind && y.shape(fb.get(j)!) === x.shape(r));
    if (twin) {
      usedAdded.add(twin);
      push({ change: 'renamed', what: r.kind, id: k, details: [`renamed to ${twin}`, ...bodyDetails(x, y, r, fb.get(twin)!).filter((d) => !d.startsWith('title'))] });
    } else push({ change: 'removed', what: r.kind, id: k, details: [r.title ?? printDecision(a, r.decide)] });
  }
  for (const k of added) if (!usedAdded.has(k)) push({ change: 'added', what: fb.get(k)!.kind, id: k, details: [fb.get(k)!.title ?? printDecision(b, fb.get(k)!.decide)] });
  push({
    change: 'changed',
    what: 'otherwise',
    id: 'otherwise',
    details: [...changedPart('decide', x.decision(a.otherwise.decide), y.decision(b.otherwise.decide)), ...listDiff('citation', a.otherwise.cites, b.otherwise.cites)],
  });
  return out;
}

/**
 * The input fields (`path: type` lines) added, removed, made optional or required, or retyped:
 * a field whose type changed is one line ("field made required: consignee.direct"), not a field
 * removed and another added.
 */
function fieldDiff(a: readonly string[], b: readonly string[]): string[] {
  const split = (x: string): [string, string] => {
    const i = x.indexOf(': ');
    return [x.slice(0, i), x.slice(i + 2)];
  };
  const before = new Map(a.map(split));
  const after = new Map(b.map(split));
  const out: string[] = [];
  for (const [path, t] of before) {
    const u = after.get(path);
    if (u === undefined) out.push(`field removed: ${path}: ${t}`);
    else if (t === `optional ${u}`) out.push(`field made required: ${path}`);
    else if (u === `optional ${t}`) out.push(`field made optional: ${path}`);
    else if (t !== u) out.push(`field retyped: ${path}: ${t} -> ${u}`);
  }
  for (const [path, u] of after) if (!before.has(path)) out.push(`field added: ${path}: ${u}`);
  return out;
}

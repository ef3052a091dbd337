/** Structural changes between two versions: declarations matched by name (rules by id, then by structure); spans ignored. */
import type { Ast, CheckedProgram } from '@pol/core/checker';
import { typeToString } from '@pol/core/checker';
import { printDecision, printExpr, printSetMember } from './print.ts';

export interface StructuralChange {
  readonly change: 'added' | 'removed' | 'changed' | 'renamed';
  readonly what: 'policy' | 'rule' | 'exception' | 'otherwise' | 'group' | 'const' | 'define' | 'require' | 'enum' | 'decision' | 'input';
  /** rule ids are paths: `rule.exception` */
  readonly id: string;
  readonly details: readonly string[];
}

type Body = Ast.RuleDecl | Ast.ExceptionDecl;

function flatten(rules: readonly Ast.RuleDecl[]): Map<string, Body> {
  const out = new Map<string, Body>();
  const walk = (b: Body, prefix: string): void => {
    const id = prefix ? `${prefix}.${b.name.name}` : b.name.name;
    out.set(id, b);
    for (const e of b.exceptions) walk(e, id);
  };
  for (const r of rules) walk(r, '');
  return out;
}

function bodyShape(b: Body): string {
  return JSON.stringify([b.effective?.value, b.until?.value, b.when ? printExpr(b.when) : null, printDecision(b.decide), b.exceptions.map(bodyShape)]);
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

function bodyDetails(a: Body, b: Body): string[] {
  return [
    ...changed('title', a.title?.value, b.title?.value),
    ...listDiff('citation', a.cites.map((c) => c.value), b.cites.map((c) => c.value)),
    ...changed('effective', a.effective?.value, b.effective?.value),
    ...changed('until', a.until?.value, b.until?.value),
    ...changed('when', a.when && printExpr(a.when), b.when && printExpr(b.when)),
    ...changed('decide', printDecision(a.decide), printDecision(b.decide)),
    ...listDiff('obligation', a.obligations.map((o) => o.value), b.obligations.map((o) => o.value)),
    ...(a.exceptions.map((e) => e.name.name).join(',') !== b.exceptions.map((e) => e.name.name).join(',') &&
    a.exceptions.length === b.exceptions.length &&
    a.exceptions.every((e) => b.exceptions.some((f) => f.name.name === e.name.name))
      ? [`exception order: ${a.exceptions.map((e) => e.name.name).join(', ')} -> ${b.exceptions.map((e) => e.name.name).join(', ')}`]
      : []),
  ];
}

function groupDetails(a: Ast.GroupDecl, b: Ast.GroupDecl): string[] {
  if (a.value.kind === 'set' && b.value.kind === 'set') {
    const am = new Map(a.value.members.map((m) => [m.name.name, printSetMember(m)]));
    const bm = new Map(b.value.members.map((m) => [m.name.name, printSetMember(m)]));
    const out: string[] = [];
    for (const [k, v] of am) if (!bm.has(k)) out.push(`member removed: ${v}`);
    for (const [k, v] of bm) if (!am.has(k)) out.push(`member added: ${v}`);
    for (const [k, v] of am) if (bm.has(k) && bm.get(k) !== v) out.push(`member changed: ${v} -> ${bm.get(k)}`);
    return out;
  }
  return changed('value', printExpr(a.value), printExpr(b.value));
}

function byName<T>(xs: readonly T[], name: (x: T) => string): Map<string, T> {
  return new Map(xs.map((x) => [name(x), x]));
}

export function structuralDiff(a: CheckedProgram, b: CheckedProgram): StructuralChange[] {
  const out: StructuralChange[] = [];
  const push = (c: StructuralChange): void => {
    if (c.change !== 'changed' || c.details.length > 0) out.push(c);
  };
  // policy header
  push({
    change: 'changed',
    what: 'policy',
    id: 'policy',
    details: [
      ...changed('name', a.header?.name.value, b.header?.name.value),
      ...changed('version', a.header?.version?.value, b.header?.version?.value),
      ...changed('effective', a.header?.effective?.value, b.header?.effective?.value),
      ...listDiff('citation', a.header?.cites.map((c) => c.value) ?? [], b.header?.cites.map((c) => c.value) ?? []),
    ],
  });
  // enums, decision and input
  for (const [name, ea] of a.enums) {
    const eb = b.enums.get(name);
    if (!eb) push({ change: 'removed', what: 'enum', id: name, details: [] });
    else push({ change: 'changed', what: 'enum', id: name, details: listDiff('member', ea.members, eb.members) });
  }
  for (const name of b.enums.keys()) if (!a.enums.has(name)) push({ change: 'added', what: 'enum', id: name, details: [] });
  const variantText = (v: { name: string; params: readonly { name: string; type: Parameters<typeof typeToString>[0] }[] }): string =>
    v.params.length === 0 ? v.name : `${v.name}(${v.params.map((p) => `${p.name}: ${typeToString(p.type)}`).join(', ')})`;
  push({ change: 'changed', what: 'decision', id: b.decision.name, details: listDiff('outcome', a.decision.variants.map(variantText), b.decision.variants.map(variantText)) });
  const fieldsOf = (p: CheckedProgram): string[] => [...p.input.type.fields].map(([k, t]) => `${k}: ${typeToString(t)}`);
  push({ change: 'changed', what: 'input', id: b.input.name, details: [...listDiff('field', fieldsOf(a), fieldsOf(b)), ...changed('as of', a.input.asOf, b.input.asOf)] });
  // groups, constants, defines
  const named = <T extends { name: Ast.Identifier; value: Ast.Expr }>(what: 'group' | 'const' | 'define', xs: readonly T[], ys: readonly T[], details: (x: T, y: T) => string[]): void => {
    const ma = byName(xs, (x) => x.name.name);
    const mb = byName(ys, (x) => x.name.name);
    for (const [k, x] of ma) {
      const y = mb.get(k);
      if (!y) push({ change: 'removed', what, id: k, details: [printExpr(x.value)] });
      else push({ change: 'changed', what, id: k, details: details(x, y) });
    }
    for (const [k, y] of mb) if (!ma.has(k)) push({ change: 'added', what, id: k, details: [printExpr(y.value)] });
  };
  named('group', a.groups, b.groups, groupDetails);
  named('const', a.consts, b.consts, (x, y) => changed('value', printExpr(x.value), printExpr(y.value)));
  named('define', a.defines, b.defines, (x, y) => changed('value', printExpr(x.value), printExpr(y.value)));
  // requires, as a set of texts
  const reqText = (r: Ast.RequireDecl): string => `${printExpr(r.condition)} because ${JSON.stringify(r.because.value)}`;
  const ra = a.requires.map(reqText);
  const rb = b.requires.map(reqText);
  for (const r of ra) if (!rb.includes(r)) push({ change: 'removed', what: 'require', id: r, details: [] });
  for (const r of rb) if (!ra.includes(r)) push({ change: 'added', what: 'require', id: r, details: [] });
  // rules and exceptions: by id, then unmatched ones by structure
  const fa = flatten(a.rules);
  const fb = flatten(b.rules);
  const removed = [...fa.keys()].filter((k) => !fb.has(k));
  const added = [...fb.keys()].filter((k) => !fa.has(k));
  for (const [k, x] of fa) {
    const y = fb.get(k);
    if (y) push({ change: 'changed', what: x.kind, id: k, details: bodyDetails(x, y) });
  }
  const order = (p: CheckedProgram): string => p.rules.map((r) => r.name.name).join(', ');
  if (order(a) !== order(b) && a.rules.length === b.rules.length && a.rules.every((r) => fb.has(r.name.name))) {
    push({ change: 'changed', what: 'rule', id: '(precedence)', details: [`rule order: ${order(a)} -> ${order(b)}`] });
  }
  const usedAdded = new Set<string>();
  for (const k of removed) {
    const x = fa.get(k)!;
    const twin = added.find((j) => !usedAdded.has(j) && fb.get(j)!.kind === x.kind && bodyShape(fb.get(j)!) === bodyShape(x));
    if (twin) {
      usedAdded.add(twin);
      push({ change: 'renamed', what: x.kind, id: k, details: [`renamed to ${twin}`, ...bodyDetails(x, fb.get(twin)!).filter((d) => !d.startsWith('title'))] });
    } else push({ change: 'removed', what: x.kind, id: k, details: [x.title?.value ?? printDecision(x.decide)] });
  }
  for (const k of added) if (!usedAdded.has(k)) push({ change: 'added', what: fb.get(k)!.kind, id: k, details: [fb.get(k)!.title?.value ?? printDecision(fb.get(k)!.decide)] });
  push({
    change: 'changed',
    what: 'otherwise',
    id: 'otherwise',
    details: [...changed('decide', printDecision(a.otherwise.decide), printDecision(b.otherwise.decide)), ...listDiff('citation', a.otherwise.cites.map((c) => c.value), b.otherwise.cites.map((c) => c.value))],
  });
  return out;
}

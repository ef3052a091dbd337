/**
 * The IR as text, for `pol debug ir` and the golden dumps under test/ir/: what a policy means to
 * the back ends. Every operator is parenthesised, so the dump never depends on precedence.
 */
import { typeToString } from '../types/pol-types.ts';
import type * as I from './nodes.ts';

export function printProgram(p: I.Program): string {
  const out: string[] = [];
  out.push(`policy ${JSON.stringify(p.name)}${p.version !== undefined ? ` version ${JSON.stringify(p.version)}` : ''}  (${p.mainFile}, ${p.files.length} file${p.files.length === 1 ? '' : 's'})`);
  out.push(`input ${p.input.name}${p.input.asOf ? ` as of ${p.input.asOf}` : ''}`);
  for (const [name, t] of p.input.type.fields) out.push(`  ${name}: ${typeToString(t)}`);
  out.push(`decision ${p.decision.name}: ${p.decision.variants.map((v) => (v.params.length ? `${v.name}(${v.params.map((x) => `${x.name}: ${typeToString(x.type)}`).join(', ')})` : v.name)).join(' | ')}`);
  for (const s of p.sets) {
    out.push(`set #${s.id}${s.name ? ` ${s.name}` : ''} of ${s.of}: ${s.members.size} members`);
    const undatedSame = s.ranges.length === 1 && s.ranges[0]!.members.join() === s.undated.join();
    for (const r of s.ranges) out.push(`  ${rangeText(r)}: ${memberList(r.members)}`);
    if (!undatedSame) out.push(`  without a date: ${memberList(s.undated)}`);
  }
  for (const b of p.binders) out.push(`binder $${b.id} ${b.name}: ${typeToString(b.type)}`);
  for (const d of p.defs) out.push(`def @${d.id} ${d.name} (${d.origin}): ${typeToString(d.type)} = ${printExpr(p, d.value)}`);
  for (const l of p.ledgers) {
    out.push(`ledger ${l.name} of ${l.unit ?? 'Number'} per ${l.keys.map((k) => k.label).join(', ') || '(nothing)'}${l.opening ? ` opening ${printExpr(p, l.opening)}` : ''}`);
  }
  for (const r of p.requires) out.push(`require ${printExpr(p, r.condition)} at ${JSON.stringify(r.path)} because ${JSON.stringify(r.because)}`);
  const rule = (r: I.Rule, indent: string): void => {
    const dates = [r.from ? `from ${r.from}` : '', r.until ? `until ${r.until}` : ''].filter(Boolean).join(' ');
    out.push(`${indent}${r.kind} #${r.id} ${r.name}${r.title ? ` ${JSON.stringify(r.title)}` : ''}${dates ? ` ${dates}` : ''}  (${r.site.file}:${r.site.line})`);
    if (r.cites.length) out.push(`${indent}  cites ${r.cites.map((c) => JSON.stringify(c)).join(', ')}`);
    if (r.when) out.push(`${indent}  when ${printExpr(p, r.when)}`);
    out.push(`${indent}  decide ${printDecision(p, r.decide)}`);
    for (const o of r.obligations) out.push(`${indent}  obliges ${JSON.stringify(o)}`);
    for (const c of r.records) out.push(`${indent}  records ${printExpr(p, c.amount)} in ${p.ledgers[c.ledger]?.name ?? c.ledger}`);
    if (r.exceptions.length > 1) {
      out.push(`${indent}  alternatives ${r.alternatives.map((js, i) => `${r.exceptions[i]!.name}: ${js === 'later' ? 'every later one' : `[${js.map((j) => r.exceptions[j]!.name).join(', ')}]`}`).join('; ')}`);
    }
    for (const e of r.exceptions) rule(e, indent + '  ');
  };
  for (const r of p.rules) rule(r, '');
  out.push(`otherwise decide ${printDecision(p, p.otherwise.decide)}${p.otherwise.cites.length ? ` cites ${p.otherwise.cites.map((c) => JSON.stringify(c)).join(', ')}` : ''}`);
  return out.join('\n') + '\n';
}

function rangeText(r: I.DateRange): string {
  if (r.from === undefined && r.until === undefined) return 'always';
  if (r.from === undefined) return `until ${r.until}`;
  if (r.until === undefined) return `from ${r.from}`;
  return `from ${r.from} until ${r.until}`;
}

function memberList(ms: readonly string[]): string {
  return `{${ms.join(' ')}}`;
}

function printDecision(p: I.Program, d: I.Decision): string {
  return d.args.length ? `${d.variant}(${d.args.map((a) => `${a.name}: ${printExpr(p, a.value)}`).join(', ')})` : d.variant;
}

export function printExpr(p: I.Program, e: I.Expr): string {
  const x = (y: I.Expr): string => printExpr(p, y);
  switch (e.k) {
    case 'num': {
      const unit = e.type.kind === 'number' && e.type.unit ? ` ${e.type.unit}` : '';
      return `${e.value.den === 1n ? String(e.value.num) : `${e.value.num}/${e.value.den}`}${unit}`;
    }
    case 'date':
      return e.value;
    case 'bool':
      return String(e.value);
    case 'enum':
      return `${e.enumName}.${e.member}`;
    case 'input':
      return `${e.field}${e.narrowed ? '!' : ''}`;
    case 'field':
      return `${x(e.object)}.${e.name}${e.narrowed ? '!' : ''}`;
    case 'binder':
      return `$${e.id}`;
    case 'def':
      return `@${e.id}`;
    case 'balance':
      return `balance(${p.ledgers[e.ledger]?.name ?? e.ledger})`;
    case 'not':
      return `(not ${x(e.arg)})`;
    case 'neg':
      return `(- ${x(e.arg)})`;
    case 'and':
    case 'or':
      return `(${e.args.map(x).join(` ${e.k} `)})`;
    case 'arith':
      return `(${x(e.l)} ${e.op} ${x(e.r)})`;
    case 'cmp': {
      const l = e.scale ? `${x(e.l)} * ${e.scale.l}` : x(e.l);
      const r = e.scale ? `${x(e.r)} * ${e.scale.r}` : x(e.r);
      return `(${l} ${e.op}:${e.domain} ${r})`;
    }
    case 'present':
      return `(present ${x(e.arg)})`;
    case 'coalesce':
      return `(${x(e.value)} otherwise ${x(e.fallback)})`;
    case 'member':
      return `(${x(e.elem)} in #${e.set}${p.sets[e.set]?.name ? ` ${p.sets[e.set]!.name}` : ''})`;
    case 'agg': {
      const where = e.where ? ` where ${x(e.where)}` : '';
      const body = e.body ? ` of ${x(e.body)}` : '';
      return `(${e.op} $${e.binder} in ${x(e.list)}${where}${body})`;
    }
    case 'dateShift':
      return `(${x(e.date)} +${e.unit} ${x(e.amount)})`;
    case 'daysBetween':
      return `(days ${x(e.from)} to ${x(e.to)})`;
    case 'yearOf':
      return `(year ${x(e.date)})`;
  }
}

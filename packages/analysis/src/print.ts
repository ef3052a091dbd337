/**
 * Texts of IR nodes for reports: an expression is shown as the policy writes it (the source text
 * of its span, whitespace folded), so reports need no precedence or parenthesis logic of their own
 * and quote the author's words. Whether two expressions are the same is decided on the IR
 * (ir-key.ts), never on these texts.
 */
import * as IR from '@pol/core/ir';

export function exprText(p: IR.Program, e: IR.Expr): string {
  return IR.spanText(p, e.span) ?? IR.printExpr(p, e);
}

export function printDecision(p: IR.Program, d: IR.Decision): string {
  return IR.spanText(p, d.span) ?? (d.args.length === 0 ? d.variant : `${d.variant}(${d.args.map((a) => `${a.name}: ${exprText(p, a.value)}`).join(', ')})`);
}

/** One member of a set with the days it belongs: `KH until 2026-02-03`. */
export function setMemberText(s: IR.SetDef, m: string): string {
  const ranges = s.members.get(m) ?? [];
  const days = ranges
    .filter((r) => r.from !== undefined || r.until !== undefined)
    .map((r) => [r.from !== undefined ? `from ${r.from}` : '', r.until !== undefined ? `until ${r.until}` : ''].filter(Boolean).join(' '));
  const always = ranges.some((r) => r.from === undefined && r.until === undefined);
  const parts = always ? [] : days.length ? [days.join(', ')] : ['on no date'];
  const undated = s.undated.includes(m);
  // without a date every dated member counts; a difference can take that away
  if (!undated) parts.push('(not without a date)');
  return [m, ...parts].join(' ');
}

export function setText(s: IR.SetDef): string {
  return `{ ${[...new Set([...s.members.keys(), ...s.undated])].map((m) => setMemberText(s, m)).join(', ')} }`;
}

/** A decision in words, for `pol eval --explain` and `pol test`. */
import { visible } from '@pol/core';
import type { DecisionJson, ResultJson } from '@pol/core';

export function decisionText(d: DecisionJson): string {
  const fields = Object.entries(d).filter(([k, v]) => k !== 'outcome' && v !== null);
  return fields.length ? `${d.outcome}(${fields.map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`).join(', ')})` : d.outcome;
}

export function explainText(label: string, r: ResultJson): string {
  const out: string[] = [`${label}: ${decisionText(r.decision)}`];
  const last = r.trace[r.trace.length - 1];
  if (last && last.kind === 'otherwise') out.push(`  decided by the policy's \`otherwise\` (${last.file}:${last.line})`);
  else if (last) out.push(`  decided by ${last.kind} \`${last.id}\`${last.title ? ` "${last.title}"` : ''} (${last.file}:${last.line})`);
  if (r.trace.length > 1 || (last && last.kind !== 'otherwise')) {
    out.push('  how:');
    for (const s of r.trace) {
      out.push(`    ${s.kind} \`${s.id}\`${s.cites.length ? ` [${s.cites.join('; ')}]` : ''} applies (${s.file}:${s.line})`);
      for (const b of r.because ?? []) if (b.step === s.id) out.push(`      because ${b.text}${b.cites.length ? ` [${b.cites.join('; ')}]` : ''}`);
    }
  } else {
    out.push('  no rule applies, so the policy\'s `otherwise` decides');
  }
  if (r.alternatives.length) out.push(`  also possible: ${r.alternatives.map(decisionText).join(', ')}`);
  if (r.obligations.length) for (const o of r.obligations) out.push(`  obligation: ${o}`);
  if (r.explain?.length) {
    out.push('  did not decide:');
    for (const n of r.explain) {
      const why =
        n.status === 'not-in-effect'
          ? 'not in effect on this date'
          : n.status === 'overridden'
            ? 'also applies, but an earlier exception takes precedence'
            : `condition false: ${n.failed ?? ''}`;
      out.push(`    ${n.kind} \`${n.id}\` (${n.file}:${n.line}): ${why}`);
    }
  }
  return visible(out.join('\n'));
}

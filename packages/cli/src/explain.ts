/**
 * A decision in words, for `pol eval --format text` (with or without `--explain`) and `pol test`:
 * the rule that decided and, under it, the memberships and thresholds that made it apply ("because
 * destination AE is in Country Group D:4 [15 CFR part 740, supplement no. 1]"); `--explain` adds
 * the rules that did not decide, and why.
 */
import { visible } from '@pol/core';
import type { DecisionJson, ResultJson } from '@pol/core';

/** What the text needs of the policy beyond the result: titles of names, units of decision fields. */
export interface TextWords {
  /** titled groups, constants and definitions: name -> "title [citations]" */
  readonly titles: ReadonlyMap<string, string>;
  /** decision fields that hold a quantity: field -> unit */
  readonly units: ReadonlyMap<string, string>;
}

const NONE: TextWords = { titles: new Map(), units: new Map() };

export function decisionText(d: DecisionJson, words: TextWords = NONE): string {
  const fields = Object.entries(d).filter(([k, v]) => k !== 'outcome' && v !== null);
  const value = (k: string, v: unknown): string => {
    const text = typeof v === 'string' ? v : JSON.stringify(v);
    const unit = words.units.get(k);
    return unit && (typeof v === 'number' || /^-?[0-9.]+(\/[0-9]+)?$/.test(text)) ? `${text} ${unit}` : text;
  };
  return fields.length ? `${d.outcome}(${fields.map(([k, v]) => `${k}: ${value(k, v)}`).join(', ')})` : d.outcome;
}

/** The titled names a condition's text mentions, as "D4 is Country Group D:4 [...]". */
function glossed(text: string, words: TextWords): string {
  const names = [...new Set(text.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? [])].filter((n) => words.titles.has(n));
  return names.length ? `${text} (where ${names.map((n) => `${n} is ${words.titles.get(n)}`).join('; ')})` : text;
}

export function explainText(label: string, r: ResultJson, words: TextWords = NONE): string {
  const out: string[] = [`${label}: ${decisionText(r.decision, words)}`];
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
  if (r.alternatives.length) out.push(`  also possible: ${r.alternatives.map((a) => decisionText(a, words)).join(', ')}`);
  if (r.obligations.length) for (const o of r.obligations) out.push(`  obligation: ${o}`);
  if (r.explain?.length) {
    out.push('  did not decide:');
    for (const n of r.explain) {
      const why =
        n.status === 'not-in-effect'
          ? 'not in effect on this date'
          : n.status === 'overridden'
            ? 'also applies, but an earlier exception takes precedence'
            : `condition false: ${glossed(n.failed ?? '', words)}`;
      out.push(`    ${n.kind} \`${n.id}\` (${n.file}:${n.line}): ${why}`);
    }
  }
  return visible(out.join('\n'));
}

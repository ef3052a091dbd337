/** Renders a diff report as text, JSON, a Markdown change memo, or a self-contained HTML page. */
import type { DiffReport } from './diff.ts';

export type DiffFormat = 'text' | 'json' | 'markdown' | 'html';

export interface Names {
  readonly before: string;
  readonly after: string;
}

function structuralLines(r: DiffReport): string[] {
  return r.structural.map((c) => `${c.change} ${c.what} ${c.id}${c.details.length ? `: ${c.details.join('; ')}` : ''}`);
}

/** What to say when no change was listed: "none" only when that is proved. */
function noneText(r: DiffReport): string {
  return r.verdict === 'equivalent' ? 'none (proved)' : `none confirmed; not proved either (verdict ${r.verdict}, see below)`;
}

function verdictLine(r: DiffReport): string {
  return `verdict: ${r.verdict}${r.reason ? ` (${r.reason})` : ''}`;
}

export function renderDiff(r: DiffReport, format: DiffFormat, names: Names): string {
  switch (format) {
    case 'json':
      return JSON.stringify({ before: names.before, after: names.after, ...r }, null, 2) + '\n';
    case 'text':
      return text(r, names);
    case 'markdown':
      return markdown(r, names);
    case 'html':
      return html(r, names);
  }
}

function text(r: DiffReport, n: Names): string {
  const out: string[] = [`pol diff ${n.before} -> ${n.after}`, '', 'structural changes:'];
  const s = structuralLines(r);
  out.push(...(s.length ? s.map((l) => `  ${l}`) : ['  none']));
  out.push('', 'behavioural changes:');
  if (r.regions.length === 0 && r.domain.length === 0) out.push(`  ${noneText(r)}`);
  r.regions.forEach((g, i) => {
    out.push(`  ${i + 1}. ${g.description}`);
    out.push(`     before: ${g.before.decisionText} by ${g.before.decidedBy}`);
    out.push(`     after:  ${g.after.decisionText} by ${g.after.decidedBy}`);
    if (g.differs === 'obligations') out.push(`     obligations: ${JSON.stringify(g.before.obligations)} -> ${JSON.stringify(g.after.obligations)}`);
    out.push(`     witness: ${JSON.stringify(g.witness)}`);
  });
  for (const d of r.domain) {
    out.push(`  - accepted only ${d.acceptedBy === 'before' ? 'before' : 'after'} the change (decided ${d.decision} by ${d.decidedBy}); rejected by the other: ${d.rejection.join('; ')}`);
    out.push(`     witness: ${JSON.stringify(d.witness)}`);
  }
  if (r.uncovered.length) out.push('', 'not covered (a difference the solver found, no witness confirmed):');
  for (const x of r.uncovered) out.push(`  - ${x.before} before, ${x.after} after: ${x.reason}`);
  for (const note of r.notes) out.push(`  note: ${note}`);
  out.push('', verdictLine(r), `method: ${r.method}`);
  return out.join('\n') + '\n';
}

function md(s: string): string {
  return s.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`);
}

function markdown(r: DiffReport, n: Names): string {
  const out: string[] = [`# Change memo: ${md(n.before)} → ${md(n.after)}`, '', `**Verdict:** ${r.verdict}${r.reason ? ` — ${md(r.reason)}` : ''}`, '', '## Structural changes', ''];
  const s = structuralLines(r);
  out.push(...(s.length ? s.map((l) => `- ${md(l)}`) : ['None.']));
  out.push('', '## Behavioural changes', '');
  if (r.regions.length === 0 && r.domain.length === 0) out.push(r.verdict === 'equivalent' ? 'No input is decided differently (proved).' : `No change confirmed, but none ruled out either (verdict ${r.verdict}).`);
  r.regions.forEach((g, i) => {
    out.push(`### ${i + 1}. ${md(g.description)}`, '');
    out.push(`| | decision | decided by |`, `|---|---|---|`);
    out.push(`| before | ${md(g.before.decisionText)} | ${md(g.before.decidedBy)} |`, `| after | ${md(g.after.decisionText)} | ${md(g.after.decidedBy)} |`, '');
    out.push('Witness input:', '', '```json', JSON.stringify(g.witness, null, 2), '```', '');
  });
  for (const d of r.domain) {
    out.push(`- Accepted only ${d.acceptedBy} the change (decided ${md(d.decision)}); the other version rejects it: ${md(d.rejection.join('; '))}`, '', '```json', JSON.stringify(d.witness), '```', '');
  }
  if (r.uncovered.length) out.push('## Not covered', '', ...r.uncovered.map((x) => `- ${md(`${x.before} before, ${x.after} after: ${x.reason}`)}`), '');
  if (r.notes.length) out.push('## Notes', '', ...r.notes.map((x) => `- ${md(x)}`), '');
  out.push(`_Method: ${md(r.method)}_`, '');
  return out.join('\n');
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function html(r: DiffReport, n: Names): string {
  const e = escapeHtml;
  const rows = r.regions
    .map(
      (g, i) => `<section><h3>${i + 1}. ${e(g.description)}</h3>
<table><tr><th></th><th>decision</th><th>decided by</th></tr>
<tr><td>before</td><td>${e(g.before.decisionText)}</td><td>${e(g.before.decidedBy)}</td></tr>
<tr><td>after</td><td>${e(g.after.decisionText)}</td><td>${e(g.after.decidedBy)}</td></tr></table>
<pre>${e(JSON.stringify(g.witness, null, 2))}</pre></section>`,
    )
    .join('\n');
  const domain = r.domain.map((d) => `<li>accepted only ${e(d.acceptedBy)} the change (decided ${e(d.decision)}); rejected by the other: ${e(d.rejection.join('; '))}<pre>${e(JSON.stringify(d.witness))}</pre></li>`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${e(`pol diff ${n.before} -> ${n.after}`)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}pre{background:#f6f6f6;padding:.6rem;overflow:auto}.v{font-weight:bold}</style>
</head><body>
<h1>${e(n.before)} → ${e(n.after)}</h1>
<p class="v">Verdict: ${e(r.verdict)}${r.reason ? ` — ${e(r.reason)}` : ''}</p>
<h2>Structural changes</h2>
<ul>${structuralLines(r).map((l) => `<li>${e(l)}</li>`).join('\n') || '<li>none</li>'}</ul>
<h2>Behavioural changes</h2>
${rows || `<p>${e(noneText(r))}</p>`}
${domain ? `<ul>${domain}</ul>` : ''}
${r.uncovered.length ? `<h2>Not covered</h2><ul>${r.uncovered.map((x) => `<li>${e(`${x.before} before, ${x.after} after: ${x.reason}`)}</li>`).join('')}</ul>` : ''}
${r.notes.length ? `<h2>Notes</h2><ul>${r.notes.map((x) => `<li>${e(x)}</li>`).join('')}</ul>` : ''}
<p><em>Method: ${e(r.method)}</em></p>
</body></html>
`;
}

/** Renders a diff report as text, JSON, a Markdown change memo, or a self-contained HTML page. */
import type { DiffReport } from './diff.ts';

export type DiffFormat = 'text' | 'json' | 'markdown' | 'html';

export interface Names {
  readonly before: string;
  readonly after: string;
  /** when the report was made; shown only when given (`--timestamp`), so reports stay reproducible */
  readonly generatedAt?: string;
}

/** Regions grouped by their change of decision, for the one-screen summary. */
interface Row {
  readonly change: string;
  readonly count: number;
  readonly causes: string[];
  readonly cites: string[];
}

function summaryRows(r: DiffReport): Row[] {
  const rows = new Map<string, { count: number; causes: string[]; cites: Set<string> }>();
  for (const g of r.regions) {
    const change = g.differs === 'obligations' ? `${g.before.decisionText}: obligations changed` : `${g.before.decisionText} -> ${g.after.decisionText}`;
    let row = rows.get(change);
    if (!row) rows.set(change, (row = { count: 0, causes: [], cites: new Set() }));
    row.count++;
    row.causes.push(`${g.before.decidedBy} -> ${g.after.decidedBy}`);
    for (const c of [...g.before.cites, ...g.after.cites]) row.cites.add(c);
  }
  for (const d of r.domain) {
    const change = `accepted only ${d.acceptedBy}: ${d.decision}`;
    let row = rows.get(change);
    if (!row) rows.set(change, (row = { count: 0, causes: [], cites: new Set() }));
    row.count++;
    row.causes.push(d.decidedBy);
  }
  return [...rows].map(([change, x]) => ({ change, count: x.count, causes: x.causes, cites: [...x.cites] }));
}

function few(xs: readonly string[], n = 2): string {
  return xs.length <= n ? xs.join('; ') : `${xs.slice(0, n).join('; ')}; and ${xs.length - n} more`;
}

function countsLine(r: DiffReport): string {
  const obl = r.regions.filter((g) => g.differs === 'obligations').length;
  return `${r.regions.length} region(s) decided differently${obl ? ` (${obl} in obligations only)` : ''}; ${r.domain.length} kind(s) of input accepted by one version only; ${r.uncovered.length} not covered; ${r.structural.length} structural change(s)`;
}

function provenanceLines(r: DiffReport, n: Names): string[] {
  const v = (label: string, path: string, x: DiffReport['provenance']['before']): string =>
    `${label}: ${path}${x.name ? ` "${x.name}"` : ''}${x.version ? ` version ${x.version}` : ''}, sha256 ${x.sha256.slice(0, 16)} (${x.files} file${x.files === 1 ? '' : 's'})`;
  return [v('before', n.before, r.provenance.before), v('after', n.after, r.provenance.after), `tool: ${r.provenance.tool}`, ...(n.generatedAt ? [`generated: ${n.generatedAt}`] : [])];
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
      return JSON.stringify({ before: names.before, after: names.after, ...(names.generatedAt ? { generatedAt: names.generatedAt } : {}), ...r }, null, 2) + '\n';
    case 'text':
      return text(r, names);
    case 'markdown':
      return markdown(r, names);
    case 'html':
      return html(r, names);
  }
}

function text(r: DiffReport, n: Names): string {
  const out: string[] = [`pol diff ${n.before} -> ${n.after}`, '', 'summary:', `  ${verdictLine(r)}`, `  ${countsLine(r)}`];
  for (const row of summaryRows(r)) out.push(`  - ${row.count} x ${row.change}; by ${few(row.causes)}${row.cites.length ? `; cites ${few(row.cites, 3)}` : ''}`);
  out.push(...provenanceLines(r, n).map((l) => `  ${l}`));
  out.push('', 'behavioural changes:');
  if (r.regions.length === 0 && r.domain.length === 0) out.push(`  ${noneText(r)}`);
  r.regions.forEach((g, i) => {
    out.push(`  ${i + 1}. ${g.description}`);
    out.push(`     before: ${g.before.decisionText} by ${g.before.decidedBy}${g.before.cites.length ? ` (${g.before.cites.join(', ')})` : ''}`);
    out.push(`     after:  ${g.after.decisionText} by ${g.after.decidedBy}${g.after.cites.length ? ` (${g.after.cites.join(', ')})` : ''}`);
    if (g.differs === 'obligations') out.push(`     obligations: ${JSON.stringify(g.before.obligations)} -> ${JSON.stringify(g.after.obligations)}`);
    out.push(`     witness: ${JSON.stringify(g.witness)}`);
  });
  for (const d of r.domain) {
    out.push(`  - accepted only ${d.acceptedBy === 'before' ? 'before' : 'after'} the change (decided ${d.decision} by ${d.decidedBy}); rejected by the other: ${d.rejection.join('; ')}`);
    out.push(`     witness: ${JSON.stringify(d.witness)}`);
  }
  if (r.uncovered.length) out.push('', 'not covered (a difference the solver found, no witness confirmed):');
  for (const x of r.uncovered) out.push(`  - ${x.before} before, ${x.after} after: ${x.reason}`);
  out.push('', 'structural changes:');
  const s = structuralLines(r);
  out.push(...(s.length ? s.map((l) => `  ${l}`) : ['  none']));
  for (const note of r.notes) out.push(`  note: ${note}`);
  out.push('', verdictLine(r), `method: ${r.method}`);
  return out.join('\n') + '\n';
}

function md(s: string): string {
  return s.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`);
}

function markdown(r: DiffReport, n: Names): string {
  const out: string[] = [`# Change memo: ${md(n.before)} → ${md(n.after)}`, '', '## Summary', '', `**Verdict:** ${r.verdict}${r.reason ? ` — ${md(r.reason)}` : ''}`, '', md(countsLine(r)) + '.', ''];
  const rows = summaryRows(r);
  if (rows.length) {
    out.push('| change | regions | deciding rules (before -> after) | citations |', '|---|---:|---|---|');
    for (const row of rows) out.push(`| ${md(row.change)} | ${row.count} | ${md(few(row.causes))} | ${md(few(row.cites, 3))} |`);
    out.push('');
  }
  out.push(...provenanceLines(r, n).map((l) => `- ${md(l)}`), '');
  out.push('## Behavioural changes', '');
  if (r.regions.length === 0 && r.domain.length === 0) out.push(r.verdict === 'equivalent' ? 'No input is decided differently (proved).' : `No change confirmed, but none ruled out either (verdict ${r.verdict}).`);
  r.regions.forEach((g, i) => {
    out.push(`### ${i + 1}. ${md(g.description)}`, '');
    out.push(`| | decision | obligations | decided by | citations |`, `|---|---|---|---|---|`);
    for (const [label, x] of [['before', g.before], ['after', g.after]] as const) out.push(`| ${label} | ${md(x.decisionText)} | ${md(x.obligations.join('; ') || 'none')} | ${md(x.decidedBy)} | ${md(x.cites.join(', '))} |`);
    out.push('', 'Witness input:', '', '```json', JSON.stringify(g.witness, null, 2), '```', '');
  });
  for (const d of r.domain) {
    out.push(`- Accepted only ${d.acceptedBy} the change (decided ${md(d.decision)} by ${md(d.decidedBy)}); the other version rejects it: ${md(d.rejection.join('; '))}`, '', '```json', JSON.stringify(d.witness), '```', '');
  }
  if (r.uncovered.length) out.push('## Not covered', '', ...r.uncovered.map((x) => `- ${md(`${x.before} before, ${x.after} after: ${x.reason}`)}`), '');
  out.push('## Structural changes', '');
  const s = structuralLines(r);
  out.push(...(s.length ? s.map((l) => `- ${md(l)}`) : ['None.']), '');
  if (r.notes.length) out.push('## Notes', '', ...r.notes.map((x) => `- ${md(x)}`), '');
  out.push(`_Method: ${md(r.method)}_`, '');
  return out.join('\n');
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function html(r: DiffReport, n: Names): string {
  const e = escapeHtml;
  const summary = summaryRows(r)
    .map((row) => `<tr><th scope="row">${e(row.change)}</th><td>${row.count}</td><td>${e(few(row.causes))}</td><td>${e(few(row.cites, 3))}</td></tr>`)
    .join('\n');
  const rows = r.regions
    .map(
      (g, i) => `<section><h3>${i + 1}. ${e(g.description)}</h3>
<table><caption>Region ${i + 1}: before and after</caption><tr><td></td><th scope="col">decision</th><th scope="col">obligations</th><th scope="col">decided by</th><th scope="col">citations</th></tr>
${[['before', g.before], ['after', g.after] as const].map(([label, x]) => { const y = x as typeof g.before; return `<tr><th scope="row">${label}</th><td>${e(y.decisionText)}</td><td>${e(y.obligations.join('; ') || 'none')}</td><td>${e(y.decidedBy)}</td><td>${e(y.cites.join(', '))}</td></tr>`; }).join('\n')}</table>
<pre>${e(JSON.stringify(g.witness, null, 2))}</pre></section>`,
    )
    .join('\n');
  const domain = r.domain.map((d) => `<li>accepted only ${e(d.acceptedBy)} the change (decided ${e(d.decision)} by ${e(d.decidedBy)}); rejected by the other: ${e(d.rejection.join('; '))}<pre>${e(JSON.stringify(d.witness))}</pre></li>`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${e(`pol diff ${n.before} -> ${n.after}`)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse;margin:.5rem 0}caption{text-align:left;font-weight:bold}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left;vertical-align:top}pre{background:#f6f6f6;padding:.6rem;overflow:auto;white-space:pre-wrap}.v{font-weight:bold}
@media print{body{margin:0;max-width:none;font-size:9pt}pre{font-size:8pt}section{break-inside:avoid}}</style>
</head><body>
<header><h1>${e(n.before)} → ${e(n.after)}</h1></header>
<main>
<section aria-labelledby="summary"><h2 id="summary">Summary</h2>
<p class="v">Verdict: ${e(r.verdict)}${r.reason ? ` — ${e(r.reason)}` : ''}</p>
<p>${e(countsLine(r))}.</p>
${summary ? `<table><caption>Changes by decision</caption><tr><th scope="col">change</th><th scope="col">regions</th><th scope="col">deciding rules (before -&gt; after)</th><th scope="col">citations</th></tr>\n${summary}</table>` : ''}
<ul>${provenanceLines(r, n).map((l) => `<li>${e(l)}</li>`).join('')}</ul></section>
<section aria-labelledby="behaviour"><h2 id="behaviour">Behavioural changes</h2>
${rows || `<p>${e(noneText(r))}</p>`}
${domain ? `<ul>${domain}</ul>` : ''}</section>
${r.uncovered.length ? `<section aria-labelledby="uncovered"><h2 id="uncovered">Not covered</h2><ul>${r.uncovered.map((x) => `<li>${e(`${x.before} before, ${x.after} after: ${x.reason}`)}</li>`).join('')}</ul></section>` : ''}
<section aria-labelledby="structural"><h2 id="structural">Structural changes</h2>
<ul>${structuralLines(r).map((l) => `<li>${e(l)}</li>`).join('\n') || '<li>none</li>'}</ul></section>
${r.notes.length ? `<section aria-labelledby="notes"><h2 id="notes">Notes</h2><ul>${r.notes.map((x) => `<li>${e(x)}</li>`).join('')}</ul></section>` : ''}
<section aria-labelledby="signoff"><h2 id="signoff">Sign-off</h2><p>Reviewed by: ____________________ &nbsp; Date: ____________ &nbsp; Signature: ____________________</p></section>
</main>
<footer><p><em>Method: ${e(r.method)}</em></p></footer>
</body></html>
`;
}

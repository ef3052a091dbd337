/** Renders a diff report as text, JSON, a Markdown change memo, or a self-contained HTML page. */
import type { DiffReport, Side } from './diff.ts';
import { structuralHead } from './describe.ts';
import { titled, type StructuralChange } from './structural.ts';
import { domainItems } from './domain-items.ts';

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
  /** the regions counted (1-based, as the memo numbers them); none for inputs one version accepts */
  readonly regions: number[];
}

function summaryRows(r: DiffReport): Row[] {
  const rows = new Map<string, { count: number; causes: string[]; cites: Set<string>; regions: number[] }>();
  const rowOf = (change: string) => {
    let row = rows.get(change);
    if (!row) rows.set(change, (row = { count: 0, causes: [], cites: new Set(), regions: [] }));
    return row;
  };
  r.regions.forEach((g, i) => {
    const row = rowOf(g.differs === 'obligations' ? `${g.before.decisionText}: obligations changed` : `${g.before.decisionText} -> ${g.after.decisionText}`);
    row.count++;
    row.regions.push(i + 1);
    row.causes.push(`${g.before.decidedBy} -> ${g.after.decidedBy}`);
    for (const c of [...g.before.cites, ...g.after.cites]) row.cites.add(c);
  });
  for (const d of domainItems(r)) {
    const row = rowOf(d.change);
    row.count += d.count;
    row.causes.push(...d.rules);
    for (const c of d.cites) row.cites.add(c);
  }
  return [...rows].map(([change, x]) => ({ change, count: x.count, causes: x.causes, cites: [...x.cites], regions: x.regions }));
}

function few(xs: readonly string[], n = 2): string {
  return xs.length <= n ? xs.join('; ') : `${xs.slice(0, n).join('; ')}; and ${xs.length - n} more`;
}

function countsLine(r: DiffReport): string {
  const obl = r.regions.filter((g) => g.differs === 'obligations').length;
  // inputs one version accepts only for a field the other does not declare, and decided otherwise than the other decides them without it: changes too
  const viaField = r.domain.filter((d) => d.without !== undefined && d.without.differs !== 'none').length;
  return `${r.regions.length} region(s) decided differently${obl ? ` (${obl} in obligations only)` : ''}; ${r.domain.length} kind(s) of input accepted by one version only${viaField ? ` (${viaField} decided otherwise than without the field the other version does not declare)` : ''}; ${r.uncovered.length} not covered${r.uncovered.length === 0 && (r.verdict === 'partial' || r.verdict === 'unknown') ? ' (but the search did not finish: see the verdict)' : ''}; ${r.structural.length} structural change(s)`;
}

/** Each distinct obligation the regions' decisions carry, numbered once (O1, O2, ...) in the order the regions give them. */
function obligationNumbers(r: DiffReport): Map<string, number> {
  const ids = new Map<string, number>();
  for (const g of r.regions) for (const x of [g.before, g.after]) for (const o of x.obligations) if (!ids.has(o)) ids.set(o, ids.size + 1);
  return ids;
}

/** "before: 1, 4" and "after: 2" for the sides whose regions (1-based) carry obligation `o`, each number as `link` writes it. */
function carriers(r: DiffReport, o: string, link: (i: number) => string = String): string[] {
  return (['before', 'after'] as const).flatMap((w) => {
    const at = r.regions.flatMap((g, i) => (g[w].obligations.includes(o) ? [i + 1] : []));
    return at.length ? [`${w}: ${at.map(link).join(', ')}`] : [];
  });
}

const REGION_NOTE = 'each condition listed holds on every input of the region (proved); the region can be narrower: the deciding rules\' other conditions, and the earlier rules that do not apply';

function provenanceLines(r: DiffReport, n: Names): string[] {
  const v = (label: string, path: string, x: DiffReport['provenance']['before']): string =>
    `${label}: ${path}${x.name ? ` "${x.name}"` : ''}${x.version ? ` version ${x.version}` : ''}, sha256 ${x.sha256.slice(0, 16)} (${x.files} file${x.files === 1 ? '' : 's'})`;
  return [v('before', n.before, r.provenance.before), v('after', n.after, r.provenance.after), `tool: ${r.provenance.tool}`, ...(n.generatedAt ? [`generated: ${n.generatedAt}`] : [])];
}

/** Which regions each structural change causes (1-based region numbers), the other end of a region's `causes`. */
function regionsCausedBy(r: DiffReport): number[][] {
  return r.structural.map((c) => {
    const head = structuralHead(c);
    return r.regions.flatMap((g, i) => (g.causes.includes(head) ? [i + 1] : []));
  });
}

/** A structural change's head with the title and citations of the group, constant or definition it changes. */
function headText(c: StructuralChange): string {
  return `${structuralHead(c)}${c.title !== undefined || c.cites?.length ? ` — ${titled(c.id, c.title, c.cites)}` : ''}`;
}

/** A region's cause (a structural head) as the structural list names it. */
function causeText(r: DiffReport, head: string): string {
  const c = r.structural.find((x) => structuralHead(x) === head);
  return c ? headText(c) : head;
}

function structuralLines(r: DiffReport): string[] {
  const caused = regionsCausedBy(r);
  return r.structural.map((c, i) => `${headText(c)}${c.details.length ? `: ${c.details.join('; ')}` : ''}${caused[i]!.length ? ` (region${caused[i]!.length === 1 ? '' : 's'} ${caused[i]!.join(', ')})` : ''}`);
}

/** A side of a region: its decision, the deciding rule's title and its citations. */
function sideText(x: Side): string {
  return `${x.decisionText} by ${x.decidedBy}${x.title ? ` "${x.title}"` : ''}${x.cites.length ? ` (${x.cites.join(', ')})` : ''}`;
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
    case 'json': {
      // each structural change with the regions it causes (1-based, as the memo numbers them), the other end of a region's `causes`
      const caused = regionsCausedBy(r);
      return JSON.stringify({ before: names.before, after: names.after, ...(names.generatedAt ? { generatedAt: names.generatedAt } : {}), ...r, structural: r.structural.map((c, i) => ({ ...c, regions: caused[i]! })) }, null, 2) + '\n';
    }
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
  // one line a row, so that the summary stays one screen: the regions by number (each names its
  // rules and citations in full below), the deciding rules and citations only where they are few
  for (const row of summaryRows(r)) {
    const where = row.regions.length ? `region${row.regions.length === 1 ? '' : 's'} ${row.regions.join(', ')}` : 'inputs one version accepts';
    out.push(`  - ${row.count} x ${row.change} (${where}); by ${few(row.causes, 1)}${row.cites.length ? `; cites ${few(row.cites, 2)}` : ''}`);
  }
  out.push(...provenanceLines(r, n).map((l) => `  ${l}`));
  out.push('', 'behavioural changes:');
  if (r.regions.length === 0 && r.domain.length === 0) out.push(`  ${noneText(r)}`);
  if (r.regions.length) out.push(`  (${REGION_NOTE})`);
  const ids = obligationNumbers(r);
  const refs = (x: Side): string => (x.obligations.length ? `; obligations ${x.obligations.map((o) => `O${ids.get(o)}`).join(', ')}` : '');
  // a region of obligations only names them by number, as its sides do (its description quotes them whole)
  const heading = (g: DiffReport['regions'][number]): string => {
    if (g.differs !== 'obligations') return g.description;
    const list = (x: Side): string => (x.obligations.length ? x.obligations.map((o) => `O${ids.get(o)}`).join(', ') : 'none');
    return `${g.where}: ${g.before.decisionText}, obligations ${list(g.before)} -> ${list(g.after)}`;
  };
  r.regions.forEach((g, i) => {
    out.push(`  ${i + 1}. ${heading(g)}`);
    out.push(`     before: ${sideText(g.before)}${refs(g.before)}`);
    out.push(`     after:  ${sideText(g.after)}${refs(g.after)}`);
    if (g.causes.length) out.push(`     caused by: ${g.causes.map((c) => causeText(r, c)).join('; ')}`);
    if (g.differs === 'obligations') out.push(`     obligations: ${JSON.stringify(g.before.obligations)} -> ${JSON.stringify(g.after.obligations)}`);
    out.push(`     witness: ${JSON.stringify(g.witness)}`);
  });
  for (const d of domainItems(r)) {
    out.push(`  - ${d.text}`);
    if (d.causes.length) out.push(`     caused by: ${d.causes.map((c) => causeText(r, c)).join('; ')}`);
    out.push(`     witness: ${JSON.stringify(d.witness)}`);
  }
  if (ids.size) out.push('', 'obligations (as the regions name them):');
  for (const [o, k] of ids) out.push(`  O${k}. ${o} (${carriers(r, o).join('; ')})`);
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
  if (r.regions.length) out.push(`In each region, ${md(REGION_NOTE)}.`, '');
  r.regions.forEach((g, i) => {
    out.push(`### ${i + 1}. ${md(g.description)}`, '');
    out.push(`| | decision | obligations | decided by | rule | citations |`, `|---|---|---|---|---|---|`);
    for (const [label, x] of [['before', g.before], ['after', g.after]] as const) out.push(`| ${label} | ${md(x.decisionText)} | ${md(x.obligations.join('; ') || 'none')} | ${md(x.decidedBy)} | ${md(x.title ?? '')} | ${md(x.cites.join(', '))} |`);
    if (g.causes.length) out.push('', `Caused by: ${md(g.causes.map((c) => causeText(r, c)).join('; '))}.`);
    out.push('', 'Witness input:', '', '```json', JSON.stringify(g.witness), '```', '');
  });
  for (const d of domainItems(r)) out.push(`- ${md(d.text)}${d.causes.length ? ` Caused by: ${md(d.causes.map((c) => causeText(r, c)).join('; '))}.` : ''}`, '', '```json', JSON.stringify(d.witness), '```', '');
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

const STYLE = `.brief,.obl{display:none}body{font-family:system-ui,sans-serif;max-width:90rem;margin:1.5rem auto;padding:0 1rem;color:#111;line-height:1.35}
h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.15rem;margin:1.2rem 0 .4rem}
table{border-collapse:collapse;margin:.4rem 0;width:100%}caption{text-align:left;font-weight:bold;padding:.2rem 0}
td,th{border:1px solid #bbb;padding:.25rem .45rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}thead th{background:#eee;overflow-wrap:normal;hyphens:auto}
code{font-family:ui-monospace,monospace;font-size:.85em;overflow-wrap:anywhere}table.regions{table-layout:fixed}details summary{cursor:pointer;color:#034ea2}.v{font-weight:bold;font-size:1.05rem}
.muted{color:#444}.sign td{height:2.2rem}a{color:#034ea2}
@page{size:A4 landscape;margin:7mm}
@media print{body{margin:0;max-width:none;font-size:6pt;line-height:1.12}h1{font-size:10pt}h2{font-size:8.5pt;margin:.4rem 0 .15rem;break-after:avoid}
td,th{padding:0 2px}code{font-size:5.6pt}a{color:inherit;text-decoration:none}nav{display:none}
#structural+ul{columns:3;column-gap:1.2rem;margin:0;padding-left:.8rem;font-size:5.5pt}details:not([open]){display:none}
.causes,.full,.screen,.cite{display:none}.brief,.obl{display:inline}
/* the columns' inline widths are the screen's; in print (no causes column) these, which need !important to win */
col.w-where{width:30% !important}col.w-side{width:15% !important}col.w-witness{width:37.5% !important}
/* the legend and the obligations as two columns of entries (their cells inline), each entry whole */
table.compact,table.compact tbody{display:block}table.compact tbody{columns:2;column-gap:1rem}table.compact thead{display:none}
table.compact tr{display:block;break-inside:avoid;margin-bottom:1px}table.compact td,table.compact th{display:inline;border:none;padding:0 3px 0 0}table.compact caption{display:block}}`;

function html(r: DiffReport, n: Names): string {
  const e = escapeHtml;
  // a named group or constant in a region: on screen by its title and citations, in print by its
  // name alone (Tier3, not "Tier 3 (Macau or Country Group D:5) (15 CFR ...)"), the table of names
  // giving both: 29 regions repeating them took the IFR memo to four pages. Longest names first,
  // so that a title inside another is not replaced within it
  const whereHtml = (where: string): string => {
    let out = e(where);
    for (const x of [...r.named].sort((a, b) => titled(b.id, b.title).length - titled(a.id, a.title).length)) {
      if (!x.cites.length && !x.title) continue;
      const cites = x.cites.length ? ` (${x.cites.join('; ')})` : '';
      const named = e(`${titled(x.id, x.title, [])}${cites}`);
      const title = x.title ? `<span class="full">${e(x.title)}</span><span class="brief">${e(x.id)}</span>` : e(x.id);
      out = out.split(named).join(`${title}${cites ? `<span class="cite">${e(cites)}</span>` : ''}`);
    }
    return out;
  };
  const caused = regionsCausedBy(r);
  const anchor = (head: string): string => `s${r.structural.findIndex((c) => structuralHead(c) === head) + 1}`;
  // each distinct obligation numbered once (O1, O2, ...) and said in a table of its own: a region's
  // cell names its obligations by number, which print shows where it leaves the folded text out
  // (the IFR memo's 29 regions repeat 9 obligations 39 times, the longest of 419 characters)
  const obligationIds = obligationNumbers(r);
  const refs = (x: Side): string => x.obligations.map((o) => `<a href="#o${obligationIds.get(o)}">O${obligationIds.get(o)}</a>`).join(', ');
  // obligations open where only they differ; elsewhere folded (print gives their numbers)
  const side = (x: Side, open: boolean): string =>
    `<strong>${e(x.decisionText)}</strong><br><span class="muted">${e(x.decidedBy)}</span><span class="full">${x.title ? ` — ${e(x.title)}` : ''}${x.cites.length ? ` (${e(x.cites.join('; '))})` : ''}</span>${x.obligations.length ? `<details${open ? ' open' : ''}><summary>obligations ${refs(x)}</summary>${e(x.obligations.join('; '))}</details><span class="obl">; obligations ${refs(x)}</span>` : ''}`;
  const obligations = [...obligationIds]
    .map(([o, k]) => {
      const where = carriers(r, o, (i) => `<a href="#r${i}">${i}</a>`);
      return `<tr id="o${k}"><th scope="row">O${k}</th><td>${e(o)}</td><td>${where.join('; ')}</td></tr>`;
    })
    .join('\n');
  const summary = summaryRows(r)
    .map((row) => `<tr><th scope="row">${e(row.change)}</th><td>${row.count}</td><td class="causes">${e(few(row.causes))}</td><td>${e(few(row.cites, 3))}</td></tr>`)
    .join('\n');
  const regions = r.regions
    .map(
      (g, i) =>
        `<tr id="r${i + 1}"><th scope="row">${i + 1}</th><td>${whereHtml(g.where)}${g.differs === 'obligations' ? ' <em>(obligations only)</em>' : ''}</td><td>${side(g.before, g.differs === 'obligations')}</td><td>${side(g.after, g.differs === 'obligations')}</td><td class="causes">${g.causes.map((c) => `<a href="#${anchor(c)}">${e(causeText(r, c))}</a>`).join('<br>') || '—'}</td><td><code>${e(JSON.stringify(g.witness))}</code></td></tr>`,
    )
    .join('\n');
  // every deciding rule once, with its title and citations (printed instead of repeating them in each row)
  const rules = new Map<string, Side>();
  for (const g of r.regions) for (const x of [g.before, g.after]) if (!rules.has(x.decidedBy)) rules.set(x.decidedBy, x);
  const legend = [...rules.values()]
    .sort((x, y) => (x.decidedBy < y.decidedBy ? -1 : x.decidedBy > y.decidedBy ? 1 : 0))
    .map((x) => `<tr><th scope="row">${e(x.decidedBy)}</th><td>${e(x.title ?? '')}</td><td>${e(x.cites.join('; '))}</td></tr>`)
    .join('\n');
  // the groups and constants the regions name, after the rules, in the same table (one caption less in print)
  const namedRows = r.named.map((x) => `<tr><th scope="row">${e(x.id)}</th><td>${e(x.title ?? '')}</td><td>${e(x.cites.join('; '))}</td></tr>`).join('\n');
  const domain = domainItems(r)
    .map((d) => `<tr><th scope="row">${e(d.accepted)}</th><td>${e(d.text)}${d.causes.length ? `<br><span class="muted">caused by:</span> ${d.causes.map((c) => `<a href="#${anchor(c)}">${e(causeText(r, c))}</a>`).join('; ')}` : ''}</td><td><code>${e(JSON.stringify(d.witness))}</code></td></tr>`)
    .join('\n');
  const structural = r.structural
    .map((c, i) => `<li id="s${i + 1}">${e(`${headText(c)}${c.details.length ? `: ${c.details.join('; ')}` : ''}`)}${caused[i]!.length ? ` — regions ${caused[i]!.map((k) => `<a href="#r${k}">${k}</a>`).join(', ')}` : ''}</li>`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(`Change memo: ${n.before} -> ${n.after}`)}</title>
<style>${STYLE}</style>
</head><body>
<header><h1>Change memo: ${e(n.before)} → ${e(n.after)}</h1>
<nav aria-label="Sections"><a href="#summary">Summary</a> · <a href="#behaviour">Regions</a> · <a href="#structural">Structural changes</a> · <a href="#signoff">Sign-off</a></nav></header>
<main>
<section aria-labelledby="summary"><h2 id="summary">Summary</h2>
<p class="v">Verdict: ${e(r.verdict)}${r.reason ? ` — ${e(r.reason)}` : ''}</p>
<p>${e(countsLine(r))}.</p>
${summary ? `<table class="screen"><caption>Changes by decision</caption><thead><tr><th scope="col">change</th><th scope="col">regions</th><th scope="col" class="causes">deciding rules (before -&gt; after)</th><th scope="col">citations</th></tr></thead><tbody>\n${summary}</tbody></table>` : ''}
<table><caption>Provenance</caption><tbody>${provenanceLines(r, n).map((l) => { const k = l.indexOf(': '); return `<tr><th scope="row">${e(l.slice(0, k))}</th><td>${e(l.slice(k + 2))}</td></tr>`; }).join('')}</tbody></table></section>
<section aria-labelledby="behaviour"><h2 id="behaviour">Behavioural changes</h2>
${regions ? `<table class="regions"><colgroup><col style="width:2.5%"><col class="w-where" style="width:22%"><col class="w-side" style="width:18%"><col class="w-side" style="width:18%"><col class="causes" style="width:12%"><col class="w-witness" style="width:27.5%"></colgroup><caption>Regions decided differently: ${e(REGION_NOTE)}; the witness is one such input, confirmed by the interpreter</caption><thead><tr><th scope="col">#</th><th scope="col">where</th><th scope="col">before</th><th scope="col">after</th><th scope="col" class="causes">caused by</th><th scope="col">witness</th></tr></thead><tbody>\n${regions}</tbody></table>` : `<p>${e(noneText(r))}</p>`}
${legend ? `<table class="compact"><caption>${namedRows ? 'Deciding rules, then the groups and constants the regions name' : 'Deciding rules'}: titles and citations</caption><thead><tr><th scope="col">name</th><th scope="col">title</th><th scope="col">citations</th></tr></thead><tbody>\n${legend}${namedRows ? `\n${namedRows}` : ''}</tbody></table>` : ''}
${obligations ? `<table class="obligations compact"><caption>Obligations the regions' decisions carry (O1, O2, ... in the regions' cells), with the regions that carry each, before and after</caption><thead><tr><th scope="col">#</th><th scope="col">obligation</th><th scope="col">regions</th></tr></thead><tbody>\n${obligations}</tbody></table>` : ''}
${domain ? `<table><caption>Inputs only one version accepts</caption><thead><tr><th scope="col">accepted</th><th scope="col">what</th><th scope="col">witness</th></tr></thead><tbody>${domain}</tbody></table>` : ''}</section>
${r.uncovered.length ? `<section aria-labelledby="uncovered"><h2 id="uncovered">Not covered</h2><ul>${r.uncovered.map((x) => `<li>${e(`${x.before} before, ${x.after} after: ${x.reason}`)}</li>`).join('')}</ul></section>` : ''}
<section aria-labelledby="structural"><h2 id="structural">Structural changes</h2>
<ul>${structural || '<li>none</li>'}</ul></section>
${r.notes.length ? `<section aria-labelledby="notes"><h2 id="notes">Notes</h2><ul>${r.notes.map((x) => `<li>${e(x)}</li>`).join('')}</ul></section>` : ''}
<section aria-labelledby="signoff"><h2 id="signoff">Sign-off</h2>
<table class="sign"><caption>Review of this change</caption><thead><tr><th scope="col">role</th><th scope="col">name</th><th scope="col">decision (approve / reject)</th><th scope="col">date</th><th scope="col">signature</th></tr></thead><tbody><tr><th scope="row">reviewer</th><td></td><td></td><td></td><td></td></tr><tr><th scope="row">approver</th><td></td><td></td><td></td><td></td></tr></tbody></table></section>
</main>
<footer><p class="muted"><em>Method: ${e(r.method)}</em></p></footer>
</body></html>
`;
}

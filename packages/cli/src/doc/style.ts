/** The digest's stylesheet, inline in the page: readable on screen, plain on paper. */
export const STYLE = `
:root { --ink: #1a1a1a; --muted: #555; --line: #c8c8c8; --accent: #0b4f8a; --ok: #1d6b2f; --bad: #a4161a; --bg-soft: #f4f6f8; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72rem; padding: 1rem 1.5rem 3rem; font: 1rem/1.5 Georgia, "Times New Roman", serif; color: var(--ink); background: #fff; }
h1, h2, h3, h4, h5, h6, caption, nav, .kicker, table { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
h1 { font-size: 1.9rem; margin: 0.2rem 0 0.6rem; }
h2 { font-size: 1.45rem; border-bottom: 2px solid var(--accent); padding-bottom: 0.2rem; margin-top: 2.2rem; }
h3 { font-size: 1.2rem; margin-bottom: 0.3rem; }
h4, h5, h6 { font-size: 1.05rem; margin-bottom: 0.3rem; }
.sub { font-size: 0.95rem; color: var(--muted); margin: 0.6rem 0 0.2rem; }
code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, monospace; font-size: 0.9em; background: var(--bg-soft); padding: 0 0.2em; border-radius: 3px; overflow-wrap: anywhere; }
a { color: var(--accent); }
a:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: 0.5rem; z-index: 1; }
.kicker { text-transform: uppercase; letter-spacing: 0.08em; color: var(--muted); margin: 0; font-size: 0.8rem; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; margin: 0; }
dl.meta dt { font-weight: bold; }
dl.meta dd { margin: 0; }
nav ol { columns: 2; }
article { border-left: 4px solid var(--accent); padding: 0.2rem 0 0.4rem 1rem; margin: 1.2rem 0; }
article.exception { border-left-color: #6a4c93; margin-left: 0.5rem; }
.exceptions { margin-top: 0.6rem; }
.tag { font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.05em; background: #6a4c93; color: #fff; padding: 0.05rem 0.35rem; border-radius: 3px; vertical-align: middle; }
.name { font-size: 0.8em; color: var(--muted); font-weight: normal; }
.cites, .dates, .src { color: var(--muted); margin: 0.2rem 0; }
.src { font-size: 0.85rem; }
.note { font-style: italic; }
.lead { margin: 0.3rem 0; }
ul.all > li::marker { content: "✓  "; }
ul.any > li::marker { content: "or  "; font-family: system-ui, sans-serif; font-size: 0.85em; color: var(--muted); }
.reach.warn, .warn { color: var(--bad); }
.reach.ok { color: var(--ok); }
table { border-collapse: collapse; width: 100%; margin: 0.8rem 0 1.2rem; font-size: 0.92rem; }
caption { text-align: left; font-weight: bold; padding: 0.3rem 0; }
th, td { border: 1px solid var(--line); padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
thead th { background: var(--bg-soft); }
ul.facts, ul.args { margin: 0; padding-left: 1rem; }
.badge { font-family: system-ui, sans-serif; font-weight: bold; padding: 0.05rem 0.4rem; border-radius: 3px; }
.badge.pass { color: var(--ok); border: 1px solid var(--ok); }
.badge.fail { color: #fff; background: var(--bad); }
tr.fail th[scope="row"] { border-left: 4px solid var(--bad); }
.error { color: var(--bad); }
.prose { border: 1px solid var(--line); background: #fbfaf6; padding: 0.2rem 0.8rem; margin: 0.5rem 0; border-radius: 4px; }
.prose blockquote { margin: 0.4rem 0; padding-left: 0.8rem; border-left: 3px solid var(--muted); }
.md-heading { margin: 0.4rem 0; }
footer { margin-top: 3rem; color: var(--muted); font-size: 0.9rem; border-top: 1px solid var(--line); }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  nav, .skip { display: none; }
  a { color: inherit; text-decoration: none; }
  h2 { break-after: avoid; }
  article, tr, .group caption { break-inside: avoid; }
  thead { display: table-header-group; }
  .badge.fail { color: var(--bad); background: none; border: 1px solid var(--bad); }
}
`;

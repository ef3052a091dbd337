/**
 * The playground page: CodeMirror 6 on the policy's files, with diagnostics, completion, hover and
 * quick fixes from the language service in a worker; panels to run the examples, decide a
 * transaction typed as JSON, and see the compiled TypeScript.
 */
import { autocompletion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { StreamLanguage } from '@codemirror/language';
import { linter, type Diagnostic as CmDiagnostic } from '@codemirror/lint';
import { EditorView, hoverTooltip } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import type { PlainDiagnostic, Request, Responses } from './protocol.ts';

const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
let nextId = 1;
const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
worker.onmessage = (e: MessageEvent<{ id: number; result?: unknown; error?: string }>) => {
  const p = pending.get(e.data.id);
  if (!p) return;
  pending.delete(e.data.id);
  if (e.data.error !== undefined) p.reject(new Error(e.data.error));
  else p.resolve(e.data.result);
};
function ask<K extends Request['kind']>(request: Extract<Request, { kind: K }>): Promise<Responses[K]> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
    worker.postMessage({ id, request });
  });
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const KEYWORDS = new Set(
  'policy version cites effective import enum unit group of const record input as decision define require because rule exception when decide until obligation otherwise example given expect and or not in is present absent optional list true false every sum count all any each for where satisfies from'.split(' '),
);

const polLanguage = StreamLanguage.define<null>({
  token(stream) {
    if (stream.eatSpace()) return null;
    if (stream.match('//')) {
      stream.skipToEnd();
      return 'comment';
    }
    if (stream.match(/^"(?:[^"\\]|\\.)*"?/)) return 'string';
    if (stream.match(/^\d{4}-\d{2}-\d{2}/) || stream.match(/^\d[\d_]*(\.\d[\d_]*)?%?/)) return 'number';
    const word = stream.match(/^[A-Za-z_][A-Za-z0-9_]*/) as RegExpMatchArray | null;
    if (word) return KEYWORDS.has(word[0]) ? 'keyword' : /^[A-Z]/.test(word[0]) ? 'typeName' : 'variableName';
    stream.next();
    return 'operator';
  },
});

const { files, entry } = await ask({ kind: 'files' });
const texts = new Map(Object.entries(files));
let current = entry;
const select = $<HTMLSelectElement>('file');
for (const path of texts.keys()) {
  if (!path.endsWith('.pol') && !path.endsWith('.pol.md')) continue;
  const o = document.createElement('option');
  o.value = path;
  o.textContent = path.slice(1);
  select.append(o);
}
select.value = current;

function renderDiagnostics(list: readonly PlainDiagnostic[]): void {
  const panel = $('diagnostics');
  panel.replaceChildren();
  if (list.length === 0) {
    panel.textContent = 'No problems in this file.';
    return;
  }
  for (const d of list) {
    const row = document.createElement('div');
    row.className = `diagnostic ${d.severity}`;
    row.dataset['line'] = String(d.line);
    row.textContent = `${d.file.split('/').pop()}:${d.line}:${d.column} ${d.severity}[${d.code}]: ${d.message}${d.help ? ` (help: ${d.help})` : ''}`;
    panel.append(row);
  }
}

const polLinter = linter(
  async (view): Promise<CmDiagnostic[]> => {
    const path = current;
    await ask({ kind: 'update', path, text: view.state.doc.toString() });
    const { diagnostics } = await ask({ kind: 'diagnostics', path });
    if (path !== current) return [];
    renderDiagnostics(diagnostics);
    const len = view.state.doc.length;
    return diagnostics.map((d) => ({
      from: Math.min(d.start, len),
      to: Math.min(Math.max(d.end, d.start), len),
      severity: d.severity === 'info' ? 'info' : d.severity,
      message: d.help ? `${d.message}\nhelp: ${d.help}` : d.message,
      source: d.code,
      actions: d.fixes.map((f) => ({
        name: f.title.replace(/`/g, ''),
        apply: (v: EditorView) => v.dispatch({ changes: f.edits.map((e) => ({ from: e.start, to: e.end, insert: e.newText })) }),
      })),
    }));
  },
  { delay: 150 },
);

async function completionSource(ctx: CompletionContext): Promise<CompletionResult | null> {
  const word = ctx.matchBefore(/\w*/);
  if (!ctx.explicit && word && word.from === word.to && !/[.{:( ]$/.test(ctx.state.sliceDoc(Math.max(0, ctx.pos - 1), ctx.pos))) return null;
  await ask({ kind: 'update', path: current, text: ctx.state.doc.toString() });
  const { items } = await ask({ kind: 'completions', path: current, offset: ctx.pos });
  if (items.length === 0) return null;
  return { from: word ? word.from : ctx.pos, options: items.map((i) => ({ label: i.label, type: i.kind === 'keyword' ? 'keyword' : i.kind === 'field' ? 'property' : i.kind === 'type' ? 'type' : 'variable', ...(i.detail ? { detail: i.detail } : {}) })) };
}

const polHover = hoverTooltip(async (_view, pos) => {
  const h = await ask({ kind: 'hover', path: current, offset: pos });
  if (!h) return null;
  return {
    pos: h.start,
    end: h.end,
    create: () => {
      const dom = document.createElement('div');
      dom.className = 'pol-hover';
      dom.textContent = h.markdown.replace(/```pol\n?|```/g, '');
      return { dom };
    },
  };
});

const view = new EditorView({
  doc: texts.get(current) ?? '',
  extensions: [basicSetup, polLanguage, polLinter, autocompletion({ override: [completionSource] }), polHover, EditorView.updateListener.of((u) => u.docChanged && texts.set(current, u.state.doc.toString()))],
  parent: $('editor'),
});
(window as unknown as { polEditor: EditorView }).polEditor = view;

select.addEventListener('change', () => {
  current = select.value;
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: texts.get(current) ?? '' } });
});

$('run-examples').addEventListener('click', async () => {
  const out = $('examples');
  const r = await ask({ kind: 'examples' });
  out.replaceChildren();
  if ('error' in r) {
    out.textContent = r.error;
    return;
  }
  const passed = r.outcomes.filter((o) => o.passed).length;
  const summary = document.createElement('div');
  summary.id = 'examples-summary';
  summary.textContent = `${passed} passed, ${r.outcomes.length - passed} failed`;
  out.append(summary);
  for (const o of r.outcomes) {
    const row = document.createElement('div');
    row.className = o.passed ? 'pass' : 'fail';
    row.textContent = `${o.passed ? '✓' : '✗'} ${o.title}${o.passed ? '' : ` (line ${o.line}): ${o.inputErrors ? o.inputErrors.join('; ') : `expected ${o.expected}, got ${o.actual}`}`}`;
    out.append(row);
  }
});

const sample = (texts.get('/ai-diffusion/samples.jsonl') ?? '').split('\n')[0] ?? '{}';
$<HTMLTextAreaElement>('transaction').value = JSON.stringify(JSON.parse(sample), null, 2);
$('evaluate').addEventListener('click', async () => {
  const r = await ask({ kind: 'evaluate', json: $<HTMLTextAreaElement>('transaction').value });
  $('decision').textContent = r.ok ? r.explanation : r.errors.join('\n');
});

$('compile').addEventListener('click', async () => {
  const r = await ask({ kind: 'compile' });
  $('compiled').textContent = 'typescript' in r ? r.typescript : r.error;
});

$('format').addEventListener('click', async () => {
  await ask({ kind: 'update', path: current, text: view.state.doc.toString() });
  const { text } = await ask({ kind: 'format', path: current });
  if (text !== null && text !== view.state.doc.toString()) view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
});

$('status').textContent = 'ready';
document.body.dataset['ready'] = 'true';

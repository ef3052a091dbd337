/**
 * The language service in a Web Worker, over the bundled policy files: the page posts a request
 * and gets one answer, so checking never blocks typing.
 */
import { fixesOf, LanguageService, evaluateJsonText, runExamples } from '@pol/language-service';
import { generateSource } from '@pol/compiler';
import type { Diagnostic } from '@pol/core';
import files from 'virtual:policy-files';
import type { PlainDiagnostic, Request, Responses } from './protocol.ts';

const ENTRY = '/ai-diffusion/ifr.pol';
const texts = new Map<string, string>(Object.entries(files as Record<string, string>));
const service = new LanguageService({
  readFile: (p) => texts.get(p),
  listPolFiles: (dir) => [...texts.keys()].filter((p) => (p.endsWith('.pol') || p.endsWith('.pol.md')) && p.slice(0, p.lastIndexOf('/')) === dir),
});

function plain(d: Diagnostic): PlainDiagnostic {
  const span = d.span!;
  const source = service.analysis(span.file).sources.get(span.file);
  const pos = source?.position(span.start) ?? { line: 1, column: 1 };
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    ...(d.help ? { help: d.help } : {}),
    file: span.file,
    start: span.start,
    end: span.end,
    line: pos.line,
    column: pos.column,
    fixes: fixesOf(d).map((f) => ({ title: f.title, edits: f.edits.map((e) => ({ start: e.span.start, end: e.span.end, newText: e.newText })) })),
  };
}

function handle(r: Request): Responses[Request['kind']] {
  switch (r.kind) {
    case 'files':
      return { files: Object.fromEntries(texts), entry: ENTRY };
    case 'update':
      texts.set(r.path, r.text);
      service.setFile(r.path, r.text);
      return null;
    case 'diagnostics': {
      const a = service.analysis(ENTRY);
      return { diagnostics: service.diagnostics(r.path).filter((d) => d.span).map(plain), policyErrors: a.diagnostics.filter((d) => d.severity === 'error').length };
    }
    case 'completions':
      return { items: service.completions(r.path, r.offset) };
    case 'hover': {
      const h = service.hover(r.path, r.offset);
      return h ? { markdown: h.markdown, start: h.span.start, end: h.span.end } : null;
    }
    case 'examples': {
      const program = service.analysis(ENTRY).program;
      return program ? { outcomes: runExamples(program) } : { error: 'the policy has errors: fix them to run the examples' };
    }
    case 'evaluate': {
      const program = service.analysis(ENTRY).program;
      return program ? evaluateJsonText(program, r.json) : { ok: false, errors: ['the policy has errors: fix them to evaluate a transaction'] };
    }
    case 'compile': {
      const program = service.analysis(ENTRY).program;
      return program ? { typescript: generateSource(program) } : { error: 'the policy has errors: fix them to compile it' };
    }
    case 'format':
      throw new Error('format is answered asynchronously');
  }
}

self.onmessage = async (e: MessageEvent<{ id: number; request: Request }>) => {
  const { id, request } = e.data;
  try {
    const result = request.kind === 'format' ? { text: (await service.format(request.path)) ?? null } : handle(request);
    self.postMessage({ id, result });
  } catch (err) {
    self.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
};

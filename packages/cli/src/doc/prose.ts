/**
 * The prose of a literate policy (`.pol.md`) shown beside the code it explains: the Markdown
 * between the previous `pol` block and the block a declaration opens. Only a small, safe part of
 * Markdown is rendered (paragraphs, `>` quotes, headings as bold lines, list items, `code` and
 * *emphasis*); everything is escaped first, so no Markdown or HTML in the prose becomes markup
 * beyond those.
 */
import { isLiteratePath, polBlocks, type SourceFile } from '@pol/core';
import { html, join, raw, toText, type Html } from './html.ts';

export class Prose {
  private readonly blocks = new Map<string, ReturnType<typeof polBlocks>>();

  constructor(private readonly sources: ReadonlyMap<string, SourceFile>) {}

  /** The prose above the block whose first Pol starts at `span.start`; undefined otherwise. */
  before(span: { file: string; start: number }): Html | undefined {
    if (!isLiteratePath(span.file)) return undefined;
    const text = this.sources.get(span.file)?.text;
    if (text === undefined) return undefined;
    let blocks = this.blocks.get(span.file);
    if (!blocks) this.blocks.set(span.file, (blocks = polBlocks(text)));
    const i = blocks.findIndex((b) => b.start <= span.start && span.start <= b.end);
    if (i < 0) return undefined;
    const block = blocks[i]!;
    // only the first declaration of a block: the prose is about the block, not about each line of it
    if (text.slice(block.start, span.start).replace(/\/\/[^\n]*/g, '').trim() !== '') return undefined;
    const prev = blocks[i - 1];
    const from = prev ? (prev.closed ? text.indexOf('\n', prev.end) + 1 || prev.end : prev.end) : 0;
    const prose = text.slice(from, block.fenceStart).trim();
    return prose === '' ? undefined : renderMarkdown(prose);
  }
}

function inline(text: string): Html {
  // `code` first (its contents stay literal), then *emphasis* / _emphasis_ / **strong** in the rest
  const parts = text.split(/(`[^`]+`)/);
  return join(
    parts.map((p) => {
      if (p.startsWith('`') && p.endsWith('`') && p.length > 2) return html`<code>${p.slice(1, -1)}</code>`;
      const escaped = toText(p);
      return raw(escaped.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>').replace(/(^|[^\w*])[*_]([^*_]+)[*_](?![\w*])/g, '$1<em>$2</em>'));
    }),
  );
}

export function renderMarkdown(text: string): Html {
  const paragraphs = text.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/);
  return join(
    paragraphs.map((p) => {
      const lines = p.split('\n');
      if (lines.every((l) => /^\s*>/.test(l))) return html`<blockquote>${inline(lines.map((l) => l.replace(/^\s*>\s?/, '')).join(' '))}</blockquote>`;
      if (/^#{1,6}\s/.test(p) && lines.length === 1) return html`<p class="md-heading"><strong>${inline(p.replace(/^#+\s*/, ''))}</strong></p>`;
      if (lines.every((l) => /^\s*[-*+]\s/.test(l))) return html`<ul>${lines.map((l) => html`<li>${inline(l.replace(/^\s*[-*+]\s/, ''))}</li>`)}</ul>`;
      if (/^(```|~~~)/.test(p)) return html`<pre>${p}</pre>`;
      return html`<p>${inline(lines.join(' '))}</p>`;
    }),
  );
}

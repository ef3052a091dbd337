/**
 * The prose of a literate policy (`.pol.md`) shown beside the code it explains. The rule (also in
 * docs/language.md, "Literate policies"): the prose of a block is the Markdown between the previous
 * `pol` block and this one, starting at the last heading in that stretch when there is one; it
 * belongs to the block's first declaration the digest shows (rule, group, constant or definition), and the other declarations of the block point to it.
 * Above the first block, what comes before its section heading is the file's introduction: it is
 * shown once, for the file, never as the note of a declaration. Only a small, safe part of
 * Markdown is rendered (paragraphs, `>` quotes, headings as bold lines, list items, `code` and
 * *emphasis*); everything is escaped first, so no Markdown or HTML in the prose becomes markup
 * beyond those.
 */
import { isLiteratePath, polBlocks, type SourceFile } from '@pol/core';
import { html, join, raw, toText, type Html } from './html.ts';

export class Prose {
  private readonly blocks = new Map<string, ReturnType<typeof polBlocks>>();

  /**
   * @param starts where the declarations the digest shows (rules, groups, constants, definitions)
   * start, by file: the first of them in a block gets its prose (a policy header, `input` or `unit`
   * before it does not)
   */
  constructor(
    private readonly sources: ReadonlyMap<string, SourceFile>,
    private readonly starts: ReadonlyMap<string, readonly number[]> = new Map(),
  ) {}

  private blocksOf(file: string): { text: string; blocks: ReturnType<typeof polBlocks> } | undefined {
    if (!isLiteratePath(file)) return undefined;
    const text = this.sources.get(file)?.text;
    if (text === undefined) return undefined;
    let blocks = this.blocks.get(file);
    if (!blocks) this.blocks.set(file, (blocks = polBlocks(text)));
    return { text, blocks };
  }

  /** The Markdown between block i-1 and block i, split at its last heading into (before, from the heading on). */
  private stretch(text: string, blocks: ReturnType<typeof polBlocks>, i: number): { lead: string; prose: string } {
    const block = blocks[i]!;
    const prev = blocks[i - 1];
    const from = prev ? (prev.closed ? text.indexOf('\n', prev.end) + 1 || prev.end : prev.end) : 0;
    const all = text.slice(from, block.fenceStart);
    const headings = [...all.matchAll(/^ {0,3}#{1,6}[ \t]/gm)];
    // before the first block, a lone title heading is the file's, not the block's: keep its text as the introduction
    const last = headings[headings.length - 1];
    if (last === undefined || (i === 0 && headings.length === 1 && last.index === all.search(/\S/) && /^ {0,3}#[ \t]/.test(last[0]))) {
      return i === 0 ? { lead: all, prose: '' } : { lead: '', prose: all };
    }
    return { lead: all.slice(0, last.index), prose: all.slice(last.index) };
  }

  /** The file's introduction: the Markdown above the first block's section heading; undefined for a .pol file. */
  intro(file: string): Html | undefined {
    const b = this.blocksOf(file);
    if (!b || b.blocks.length === 0) return undefined;
    const lead = this.stretch(b.text, b.blocks, 0).lead.trim();
    return lead === '' ? undefined : renderMarkdown(lead);
  }

  /** The block a declaration starting at `span.start` is in, and whether it is the block's first declaration. */
  private where(span: { file: string; start: number }): { text: string; blocks: ReturnType<typeof polBlocks>; i: number; first: boolean } | undefined {
    const b = this.blocksOf(span.file);
    if (!b) return undefined;
    const i = b.blocks.findIndex((x) => x.start <= span.start && span.start <= x.end);
    if (i < 0) return undefined;
    const block = b.blocks[i]!;
    const first = !(this.starts.get(span.file) ?? []).some((s) => s >= block.start && s < span.start);
    return { ...b, i, first };
  }

  /** The prose above the block whose first declaration starts at `span.start`; undefined for the block's other declarations. */
  before(span: { file: string; start: number }): Html | undefined {
    const w = this.where(span);
    if (!w || !w.first) return undefined;
    const prose = this.stretch(w.text, w.blocks, w.i).prose.trim();
    return prose === '' ? undefined : renderMarkdown(prose);
  }

  /** For a declaration that is not first in its block: whether its block has prose (shown with the block's first declaration). */
  sharesProse(span: { file: string; start: number }): boolean {
    const w = this.where(span);
    return w !== undefined && !w.first && this.stretch(w.text, w.blocks, w.i).prose.trim() !== '';
  }

  /** The block index of a declaration in a literate file, to find the block's first declaration. */
  blockOf(span: { file: string; start: number }): number | undefined {
    return this.where(span)?.i;
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

/**
 * The real language server (`pol lsp --stdio`, in a child process) driven over stdio on the AI
 * Diffusion files, as an editor drives it: each request's answer is checked against the files.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, CompletionItem, DocumentSymbol, Hover, Location, SemanticTokens, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { IFR_DIR, startLsp, uriOf, type LspSession } from './lsp-client.ts';

const CHIPS = join(IFR_DIR, 'chips.pol');
const COUNTRIES = join(IFR_DIR, 'countries.pol');
const IFR = join(IFR_DIR, 'ifr.pol');
const chipsText = readFileSync(CHIPS, 'utf8');

/** The LSP position of the `nth` occurrence of `needle` in `text`, `into` characters in. */
function pos(text: string, needle: string, into = 0, nth = 0) {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`${needle} not found`);
  const offset = at + into;
  const before = text.slice(0, offset);
  return { line: before.split('\n').length - 1, character: offset - before.lastIndexOf('\n') - 1 };
}

let lsp: LspSession;
let chipsUri: string;

beforeAll(async () => {
  lsp = await startLsp();
  const clean = lsp.diagnostics(uriOf(CHIPS));
  chipsUri = await lsp.open(CHIPS);
  // chips.pol is a module: it is checked inside ifr.pol, which imports it, so its names resolve.
  expect(await clean).toEqual([]);
});

afterAll(async () => {
  const code = await lsp.close();
  expect(code).toBe(0);
  expect(lsp.stderr()).toBe('');
});

describe('pol lsp --stdio on the IFR files', () => {
  it('publishes a diagnostic on the right line after an edit, and a quick fix for it', async () => {
    const line = pos(chipsText, 'when destination in Tier1').line;
    const start = pos(chipsText, 'destination in Tier1');
    const got = lsp.diagnostics(chipsUri, (d) => d.length > 0);
    await lsp.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: chipsUri, version: 2 },
      contentChanges: [{ range: { start, end: { line: start.line, character: start.character + 'destination'.length } }, text: 'destinaton' }],
    });
    const diagnostics = await got;
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'check/unknown-name', severity: 1, range: { start: { line, character: start.character } } });
    expect(diagnostics[0]!.message).toContain('there is nothing named `destinaton`');
    expect(diagnostics[0]!.message).toContain('did you mean `destination`?');

    const actions = (await lsp.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: chipsUri },
      range: diagnostics[0]!.range,
      context: { diagnostics },
    })) as CodeAction[];
    expect(actions.map((a) => a.title)).toContain('Change to `destination`');
    const edit = actions[0]!.edit!.changes![chipsUri]!;
    expect(edit).toEqual([{ range: diagnostics[0]!.range, newText: 'destination' }]);

    const fixed = lsp.diagnostics(chipsUri, (d) => d.length === 0);
    await lsp.connection.sendNotification('textDocument/didChange', { textDocument: { uri: chipsUri, version: 3 }, contentChanges: [{ text: chipsText }] });
    expect(await fixed).toEqual([]);
  });

  it('a syntax slip gets counsel\'s words and a quick fix (syntax hints)', async () => {
    const broken = chipsText.replace('shipment_tpp <= LPP_ANNUAL_LIMIT', 'shipment_tpp ≤ LPP_ANNUAL_LIMIT');
    const got = lsp.diagnostics(chipsUri, (d) => d.length > 0);
    await lsp.connection.sendNotification('textDocument/didChange', { textDocument: { uri: chipsUri, version: 4 }, contentChanges: [{ text: broken }] });
    const diagnostics = await got;
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'syntax/other-notation', range: { start: pos(broken, '≤') } });
    expect(diagnostics[0]!.message).toContain('`≤` is not a symbol of Pol: "at most" is written `<=`');
    const actions = (await lsp.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: chipsUri }, range: diagnostics[0]!.range, context: { diagnostics } })) as CodeAction[];
    expect(actions.map((a) => a.title)).toEqual(['Replace `≤` with `<=`']);
    expect(actions[0]!.edit!.changes![chipsUri]).toEqual([{ range: diagnostics[0]!.range, newText: '<=' }]);
    const fixed = lsp.diagnostics(chipsUri, (d) => d.length === 0);
    await lsp.connection.sendNotification('textDocument/didChange', { textDocument: { uri: chipsUri, version: 5 }, contentChanges: [{ text: chipsText }] });
    expect(await fixed).toEqual([]);
  });

  it('hover on a group shows its members as of today and the comment that cites it', async () => {
    const h = (await lsp.connection.sendRequest('textDocument/hover', { textDocument: { uri: chipsUri }, position: pos(chipsText, 'in Tier1', 4) })) as Hover;
    const value = (h.contents as { value: string }).value;
    expect(value).toContain('group Tier1 of Country');
    expect(value).toMatch(/19 members as of \d{4}-\d{2}-\d{2}/);
    expect(value).toContain('JP (Japan)');
    expect(value).toContain('US (United States');
    expect(value).toContain('Tier 1: the AIA destinations and the United States');
  });

  it('hover on an input field shows its type; on a constant, its value with the unit', async () => {
    const field = (await lsp.connection.sendRequest('textDocument/hover', { textDocument: { uri: chipsUri }, position: pos(chipsText, 'veu.kind', 5) })) as Hover;
    expect((field.contents as { value: string }).value).toContain('veu.kind: VeuKind');
    const c = (await lsp.connection.sendRequest('textDocument/hover', { textDocument: { uri: chipsUri }, position: pos(chipsText, '<= LPP_ANNUAL_LIMIT', 4) })) as Hover;
    expect((c.contents as { value: string }).value).toContain('const LPP_ANNUAL_LIMIT: TPP =\n  26_900_000 TPP');
  });

  it('hover on a ledger read in a condition shows what it counts and which rules record into it; the outline lists ledgers', async () => {
    const h = (await lsp.connection.sendRequest('textDocument/hover', { textDocument: { uri: chipsUri }, position: pos(chipsText, '+ LppReceived +', 2) })) as Hover;
    const value = (h.contents as { value: string }).value;
    expect(value).toContain('ledger LppReceived');
    expect(value).toContain('of TPP, per consignee.id, per calendar year of date');
    expect(value).toContain('recorded by `lpp`');
    expect(h.range).toEqual({ start: pos(chipsText, '+ LppReceived +', 2), end: pos(chipsText, '+ LppReceived +', 2 + 'LppReceived'.length) });
    const symbols = (await lsp.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: chipsUri } })) as DocumentSymbol[];
    expect(symbols.filter((s) => ['LppReceived', 'Tier2Licensed', 'NveuReceived'].includes(s.name)).map((s) => [s.name, s.selectionRange.start])).toEqual([
      ['LppReceived', pos(chipsText, 'ledger LppReceived', 7)],
      ['Tier2Licensed', pos(chipsText, 'ledger Tier2Licensed', 7)],
      ['NveuReceived', pos(chipsText, 'ledger NveuReceived', 7)],
    ]);
  });

  it('goes to the definition in another file and finds references across imports', async () => {
    const defs = (await lsp.connection.sendRequest('textDocument/definition', { textDocument: { uri: chipsUri }, position: pos(chipsText, 'in Tier1', 4) })) as Location[];
    const countries = readFileSync(COUNTRIES, 'utf8');
    expect(defs).toEqual([{ uri: uriOf(COUNTRIES), range: { start: pos(countries, 'group Tier1', 6), end: pos(countries, 'group Tier1', 11) } }]);
    const refs = (await lsp.connection.sendRequest('textDocument/references', { textDocument: { uri: chipsUri }, position: pos(chipsText, 'in Tier1', 4), context: { includeDeclaration: false } })) as Location[];
    const files = new Set(refs.map((r) => r.uri.split('/').pop()));
    expect(files).toEqual(new Set(['chips.pol', 'countries.pol', 'veu.pol.md', 'weights.pol']));
  });

  it('completes the fields of an input path and the members of its enum', async () => {
    const extra = '\nrule probe "completion probe" {\n  cites "test"\n  when consignee.';
    const uri = await lsp.open(join(IFR_DIR, 'probe.pol'), `import "./transaction.pol"\n${extra}`);
    const text = `import "./transaction.pol"\n${extra}`;
    const fields = (await lsp.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: pos(text, 'consignee.', 10) })) as CompletionItem[];
    expect(fields.map((f) => f.label)).toEqual(['id', 'headquarters', 'parent_headquarters', 'private_sector', 'end_use', 'direct', 'lpp_tpp_this_year']);
    const t2 = text + 'end_use is ';
    await lsp.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 9 }, contentChanges: [{ text: t2 }] });
    const members = (await lsp.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: pos(t2, 'is ', 3) })) as CompletionItem[];
    expect(members.map((m) => m.label)).toEqual(expect.arrayContaining(['development', 'production', 'storage', 'data_center', 'present', 'absent']));
    const t3 = text.replace('consignee.', 'destination in { J');
    await lsp.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 10 }, contentChanges: [{ text: t3 }] });
    const countries = (await lsp.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: pos(t3, '{ J', 3) })) as CompletionItem[];
    expect(countries.find((c) => c.label === 'JP')).toMatchObject({ detail: 'Japan' });
    await lsp.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  });

  it('renames a group in every file that uses it', async () => {
    const edit = (await lsp.connection.sendRequest('textDocument/rename', { textDocument: { uri: chipsUri }, position: pos(chipsText, 'in Tier1', 4), newName: 'TierOne' })) as WorkspaceEdit;
    const changes = edit.changes!;
    expect(Object.keys(changes).map((u) => u.split('/').pop()).sort()).toEqual(['chips.pol', 'countries.pol', 'veu.pol.md', 'weights.pol']);
    const countries = readFileSync(COUNTRIES, 'utf8');
    // Applying the edits to countries.pol renames the declaration and its uses there, nothing else.
    const lines = countries.split('\n');
    for (const e of [...changes[uriOf(COUNTRIES)]!].reverse()) {
      const l = lines[e.range.start.line]!;
      expect(l.slice(e.range.start.character, e.range.end.character)).toBe('Tier1');
      lines[e.range.start.line] = l.slice(0, e.range.start.character) + e.newText + l.slice(e.range.end.character);
    }
    expect(lines.join('\n')).toBe(countries.replace(/\bTier1\b/g, 'TierOne'));
    await expect(lsp.connection.sendRequest('textDocument/rename', { textDocument: { uri: chipsUri }, position: pos(chipsText, 'in Tier1', 4), newName: 'when' })).rejects.toThrow('`when` is a keyword of Pol');
  });

  it('formats a document to the canonical layout', async () => {
    const ifr = readFileSync(IFR, 'utf8');
    const messy = ifr.replace('require date >= 2025-05-15', 'require   date>=2025-05-15').replace('  decide not_controlled', '      decide   not_controlled');
    const uri = await lsp.open(IFR, messy);
    const edits = (await lsp.connection.sendRequest('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } })) as TextEdit[];
    expect(edits).toHaveLength(1);
    expect(edits[0]!.newText).toBe(ifr);
    await lsp.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  });

  it('runs the examples and explains a decision (the editor commands)', async () => {
    const r = (await lsp.connection.sendRequest('pol/runExamples', { uri: chipsUri })) as { entry: string; outcomes: { passed: boolean; title: string }[] };
    expect(r.entry).toBe(IFR);
    expect(r.outcomes.length).toBeGreaterThan(50);
    expect(r.outcomes.filter((o) => !o.passed)).toEqual([]);
    const json = JSON.stringify({ date: '2025-06-02', activity: 'export', item: { kind: 'ic', units: 100, tpp: 4800, performance_density: 3 }, destination: 'IN', consignee: { headquarters: 'IN', parent_headquarters: 'IN' } });
    const e = (await lsp.connection.sendRequest('pol/evaluate', { uri: chipsUri, json })) as { ok: boolean; explanation: string };
    expect(e.ok).toBe(true);
    expect(e.explanation).toContain('decision: license_required(review_policy: presumption_of_approval)');
    expect(e.explanation).toContain('15 CFR 742.6(a)(6)');
    const bad = (await lsp.connection.sendRequest('pol/evaluate', { uri: chipsUri, json: '{"date": 1' })) as { ok: boolean; errors: string[] };
    expect(bad.ok).toBe(false);
    expect(bad.errors[0]).toContain('not valid JSON');
  });

  it('adds the solver\'s findings when typing pauses: an exception that can never apply', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pol-lsp-'));
    const file = join(dir, 'dead.pol');
    const text = 'input T { n: Number }\ndecision D { yes, no }\nrule big "Big" {\n  cites "s. 1"\n  when n > 10\n  decide yes\n  exception tiny "Tiny" {\n    cites "s. 1(a)"\n    when n < 5\n    decide no\n  }\n}\notherwise decide no\n';
    writeFileSync(file, text);
    const found = lsp.diagnostics(uriOf(file), (d) => d.length > 0);
    await lsp.open(file, text);
    const d = await found;
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ code: 'analysis/unreachable', severity: 2, range: { start: pos(text, 'tiny') } });
    expect(d[0]!.message).toContain('exception `tiny` can never apply');
    await lsp.connection.sendNotification('textDocument/didClose', { textDocument: { uri: uriOf(file) } });
  });

  it('gives an outline, folding ranges and semantic tokens', async () => {
    const symbols = (await lsp.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: chipsUri } })) as DocumentSymbol[];
    const rule = symbols.find((s) => s.name === 'advanced_computing_items')!;
    expect(rule.detail).toBe('Worldwide license requirement for advanced computing items');
    expect(rule.children!.map((c) => c.name)).toEqual(expect.arrayContaining(['aia', 'uveu', 'nveu']));
    const folds = (await lsp.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri: chipsUri } })) as { startLine: number; endLine: number }[];
    expect(folds).toContainEqual(expect.objectContaining({ startLine: pos(chipsText, 'rule advanced_computing_items').line }));
    const tokens = (await lsp.connection.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri: chipsUri } })) as SemanticTokens;
    expect(tokens.data.length % 5).toBe(0);
    expect(tokens.data.length / 5).toBeGreaterThan(50);
  });
});

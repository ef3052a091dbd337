/**
 * The `pol why` examples in docs/tutorial.md and docs/analysis.md print what the pages show: each
 * ```text block that starts with `$ pol why <policy> --input <file.json> ...` is run (in process,
 * through the same functions as the command) on the page's ```json block and compared line by
 * line. The tutorial's policy is its first ```pol policy block (`export.pol`); other policies are
 * paths in the repository.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compilePolicyFile, type CheckedProgram } from '@pol/core';
import { renderWhy, why } from '@pol/analysis/why';
import { REPO } from '../support/policy-files.ts';

interface Block {
  readonly lang: string;
  readonly line: number;
  readonly text: string;
}

function blocks(file: string): Block[] {
  const lines = readFileSync(join(REPO, 'docs', file), 'utf8').split('\n');
  const out: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)(.*)$/.exec(lines[i]!);
    if (!open || !open[1]) continue;
    const body: string[] = [];
    const start = i + 1;
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]!); i++) body.push(lines[i]!);
    out.push({ lang: `${open[1]}${open[2]}`.trim(), line: start, text: body.join('\n') + '\n' });
  }
  return out;
}

/** `--want "a(b: c)" --keep x,y` as arguments (quotes as a shell reads them). */
function words(s: string): string[] {
  return [...s.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

function policy(path: string, tutorial: readonly Block[]): CheckedProgram {
  const file = path === 'export.pol' ? '/docs/export.pol' : join(REPO, path);
  const text = path === 'export.pol' ? tutorial.find((b) => b.lang === 'pol policy')!.text : undefined;
  const r = compilePolicyFile(file, (p) => {
    if (p === file && text !== undefined) return text;
    try {
      return readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.program!;
}

const tutorial = blocks('tutorial.md');

for (const file of ['tutorial.md', 'analysis.md']) {
  describe(`pol why examples in docs/${file}`, () => {
    const all = blocks(file);
    const runs = all.filter((b) => b.lang === 'text' && b.text.startsWith('$ pol why '));
    it('has some', () => expect(runs.length).toBeGreaterThan(0));
    for (const b of runs) {
      it(`the example at line ${b.line} prints what the page shows`, async () => {
        const [command, ...shown] = b.text.split('\n');
        const args = words(command!.slice('$ pol why '.length));
        const flag = (name: string): string | undefined => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
        const input = all.filter((x) => x.lang === 'json' && x.line < b.line).pop();
        expect(input, 'a ```json block before the example').toBeDefined();
        const program = policy(args[0]!, tutorial);
        const keep = flag('--keep')?.split(',');
        const want = flag('--want');
        const report = await why(program, JSON.parse(input!.text), { ...(keep ? { keep } : {}), ...(want ? { want } : {}) });
        expect(renderWhy(program, report, (flag('--format') ?? 'text') as 'text')).toBe(shown.join('\n'));
      }, 120_000);
    }
  });
}

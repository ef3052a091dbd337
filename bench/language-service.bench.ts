/**
 * Language-service latency on the AI Diffusion files, as an editor sees it: diagnostics after an
 * edit (a keystroke in chips.pol, re-checking the whole IFR policy it belongs to) and completion
 * (input fields after `consignee.`, names in a condition). Goal: each median under 50 ms. The
 * baseline is `pol check`'s front end on the same policy (load, parse and check from scratch), in
 * the same run.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compilePolicyFile } from '../packages/core/src/index.ts';
import { LanguageService } from '../packages/language-service/src/index.ts';

const DIR = resolve(import.meta.dirname, '../policies/ai-diffusion');
const read = (p: string) => {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
};
const service = new LanguageService({ readFile: read, listPolFiles: (d) => readdirSync(d).filter((f) => f.endsWith('.pol') || f.endsWith('.pol.md')).map((f) => join(d, f)) });
const CHIPS = join(DIR, 'chips.pol');
const chips = readFileSync(CHIPS, 'utf8');
const RUNS = 40;

function median(f: (i: number) => void): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    f(i);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[RUNS >> 1]!;
}

// Warm-up: the parser's grammar analysis and the JIT.
for (let i = 0; i < 5; i++) {
  compilePolicyFile(join(DIR, 'ifr.pol'), read);
  service.setFile(CHIPS, chips + `\n// ${i}`);
  service.diagnostics(CHIPS);
}

const baseline = median(() => {
  if (!compilePolicyFile(join(DIR, 'ifr.pol'), read).program) throw new Error('ifr.pol does not check');
});

// A keystroke that makes an error, then the one that fixes it, alternately.
const at = chips.indexOf('destination in Tier1');
const broken = chips.slice(0, at) + 'destinatio' + chips.slice(at + 'destination'.length);
const afterEdit = median((i) => {
  service.setFile(CHIPS, i % 2 ? chips : broken);
  const d = service.diagnostics(CHIPS);
  if ((i % 2 === 0) !== d.length > 0) throw new Error('the edit did not change the diagnostics');
});

const probe = chips + '\nrule probe "p" {\n  cites "x"\n  when consignee.';
service.setFile(CHIPS, probe);
service.diagnostics(CHIPS);
// the fields of `consignee` in transaction.pol, in declaration order
const CONSIGNEE = ['id', 'headquarters', 'parent_headquarters', 'private_sector', 'end_use', 'direct', 'lpp_tpp_this_year'];
const fields = median(() => {
  const got = service.completions(CHIPS, probe.length).map((c) => c.label);
  if ([...got].sort().join() !== [...CONSIGNEE].sort().join()) throw new Error(`expected the fields of consignee (${CONSIGNEE.join(', ')}), got ${got.join(', ')}`);
});
const names = median(() => {
  if (service.completions(CHIPS, at).length < 20) throw new Error('expected names in scope');
});
const editThenComplete = median((i) => {
  service.setFile(CHIPS, probe + ' '.repeat(i % 2));
  service.completions(CHIPS, probe.length);
});

console.log(`language service on policies/ai-diffusion (median of ${RUNS}; goal: each under 50 ms)`);
console.log(`  baseline: load + parse + check ifr.pol   ${baseline.toFixed(1)} ms`);
console.log(`  diagnostics after an edit               ${afterEdit.toFixed(1)} ms   (${(afterEdit / baseline).toFixed(2)}x baseline)`);
console.log(`  completion: fields after \`consignee.\`   ${fields.toFixed(2)} ms   (${(fields / baseline).toFixed(3)}x baseline)`);
console.log(`  completion: names in a condition        ${names.toFixed(2)} ms   (${(names / baseline).toFixed(3)}x baseline)`);
console.log(`  completion right after an edit          ${editThenComplete.toFixed(1)} ms   (${(editThenComplete / baseline).toFixed(2)}x baseline)`);
const worst = Math.max(afterEdit, fields, names, editThenComplete);
console.log(`  ${worst < 50 ? 'ok' : 'SLOWER THAN THE GOAL'}: slowest median ${worst.toFixed(1)} ms`);

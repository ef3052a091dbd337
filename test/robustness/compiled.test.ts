/**
 * The hostile-input defects that reached the compiled module (D2, D7, D9, D10, D11, D13): each
 * reproduction compiled, loaded and compared with the interpreter.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, resultToJson, validateInput, type CheckedProgram } from '@pol/core';
import { generateSource, loadCompiled } from '@pol/compiler';
import { checkSource } from '../harness/policy-gen.ts';
import { withoutPolicy } from '../harness/engines.ts';

async function same(program: CheckedProgram, inputs: unknown[]): Promise<void> {
  const mod = await loadCompiled(program);
  for (const input of inputs) {
    const vi = validateInput(program, input);
    const vc = mod.validate(input);
    expect(vc.ok).toBe(vi.ok);
    if (!vi.ok || !vc.ok) {
      expect(vc.ok ? [] : vc.errors.map((e) => e.path)).toEqual(vi.ok ? [] : vi.errors.map((e) => e.path));
      continue;
    }
    expect(withoutPolicy(mod.evaluate(vc.value, { explain: true }))).toEqual(resultToJson(program, evaluate(program, vi.value, { explain: true })));
  }
}

describe('compiled modules on hostile policies and inputs', () => {
  it('D2: an enum named like a name of the module itself (INPUT, Input, Decision, evaluate)', async () => {
    const program = checkSource(
      ['enum INPUT { a, b }', 'enum Decision { c, d }', 'enum evaluate { e }', 'input In { x: INPUT, y: Decision, z: evaluate }', 'decision Out { yes, no }', 'rule r "R" {', '  cites "x"', '  when x is a and y is d', '  decide yes', '}', 'otherwise decide no', ''].join('\n'),
    );
    await same(program, [{ x: 'a', y: 'd', z: 'e' }, { x: 'b', y: 'c', z: 'e' }, { x: 'q', y: 'c', z: 'e' }]);
  });

  it('D7: a list with holes is refused by validate, as by the interpreter', async () => {
    const program = checkSource(['input In { xs: list of Number }', 'decision Out { yes, no }', 'rule r "R" {', '  cites "x"', '  when sum(x for each x in xs) > 1', '  decide yes', '}', 'otherwise decide no', ''].join('\n'));
    // eslint-disable-next-line no-sparse-arrays
    await same(program, [{ xs: [1, , 3] }, { xs: new Array(5) }, { xs: [1, 2] }]);
  });

  it('D9: a chain of 10,000 defines', async () => {
    const lines = ['input In { n: Number }', 'decision Out { big, small }', 'define d0 = n + 1'];
    for (let i = 1; i < 10_000; i++) lines.push(`define d${i} = d${i - 1} + 1`);
    lines.push('rule r "R" {', '  cites "x"', '  when d9999 > 10000', '  decide big', '}', 'otherwise decide small', '');
    await same(checkSource(lines.join('\n')), [{ n: 3 }, { n: 0 }]);
  }, 120_000);

  it('D10: 10,000 sibling exceptions', async () => {
    const lines = ['input In { n: Number }', 'decision Out { big(k: Number), small }', 'rule r "R" {', '  cites "x"', '  when n > 0', '  decide big(k: 0)'];
    for (let i = 1; i <= 10_000; i++) lines.push(`  exception e${i} "E${i}" {`, '    cites "x"', `    when n = ${i}`, `    decide big(k: ${i})`, '  }');
    lines.push('}', 'otherwise decide small', '');
    await same(checkSource(lines.join('\n')), [{ n: 1 }, { n: 9_999 }, { n: 20_000 }, { n: 0 }]);
  }, 120_000);

  it('D11: an input number of more than 1,000 digits is refused by validate, as by the interpreter', async () => {
    const program = checkSource(['input In { n: Number }', 'decision Out { yes, no }', 'rule r "R" {', '  cites "x"', '  when n > 1', '  decide yes', '}', 'otherwise decide no', ''].join('\n'));
    await same(program, [{ n: '9'.repeat(1000) }, { n: '9'.repeat(150_000) }]);
  });

  it('D13: text that could end a script element or hide code is escaped in the module', () => {
    const nasty = '</script><!-- \u202e \u2066 \u0000 */ ${x} `';
    const esc = (s: string) => JSON.stringify(s).slice(1, -1).replace(/\\u0000/g, '\\u{0}');
    const program = checkSource(
      ['input In { n: Number }', 'decision Out { yes, no }', `rule r "${esc(nasty)}" {`, `  cites "${esc(nasty)}"`, '  when n > 1', '  decide yes', `  obligation "${esc(nasty)}"`, '}', 'otherwise decide no', ''].join('\n'),
    );
    const text = generateSource(program);
    expect(text).not.toMatch(/<\/script|<!--|[\u202a-\u202e\u2066-\u2069\u0000]/i);
  });
});

/**
 * The printer on its own: names from the policy that collide with JavaScript, with the runtime or
 * with the module's own names; explain code linear in the size of a condition; names read from the
 * policy.
 */
import { expect, test } from 'vitest';
import { checkProgram, evaluate, hasErrors, loadPolicy, resultToJson, validateInput, type CheckedProgram } from '@pol/core';
import { Names } from './names.ts';
import { generateSource, loadCompiled } from '../index.ts';
import { checkSource } from '../check-source.test-support.ts';

const check = checkSource;

test('Names: sanitised, never a reserved word, a global or a name already given', () => {
  const n = new Names();
  n.reserve(['V_INPUT', 'evaluate']);
  expect(n.take('Tier3')).toBe('Tier3');
  expect(n.take('Tier3')).toBe('Tier3_2');
  expect(n.take('V_INPUT')).toBe('V_INPUT_2');
  expect(n.take('delete')).toBe('delete_2');
  expect(n.take('Set')).toBe('Set_2');
  expect(n.take('9lives')).toBe('_9lives');
  expect(n.take('a-b')).toBe('a_b');
  expect(n.take('applies_x')).toBe('_applies_x');
  expect(n.base('delete')).toBe('delete');
  expect(n.base('delete')).toBe('delete_2');
});

const CLASHING = `policy "Clashes" version "1"
enum INPUT { a, b }
enum Set { x, y }
record Result { v: Number }
input In { kind: INPUT, s: Set, rs: list of Result, n: Number }
decision D { ok(k: INPUT), no }
define evaluate = sum(r.v for each r in rs)
define IN = n > 2 and n < 100 and n != 50
group begin of Set = { x }
rule V_INPUT {
  cites "c"
  when IN and s in begin and evaluate > 1
  decide ok(k: kind)
  exception delete {
    cites "c"
    when kind is b
    decide no
  }
}
otherwise decide no
`;

test('policy names that clash with the module, the runtime or JavaScript still compile and run', async () => {
  const program = check(CLASHING);
  const src = generateSource(program);
  expect(src).toMatch(/export type INPUT =/);
  expect(src).toMatch(/const V_INPUT_2: VType = enumType\("INPUT"/);
  const mod = await loadCompiled(program);
  for (const input of [
    { kind: 'a', s: 'x', rs: [{ v: 1 }, { v: 2 }], n: 3 },
    { kind: 'b', s: 'x', rs: [{ v: 5 }], n: 3 },
    { kind: 'a', s: 'y', rs: [], n: 1 },
  ]) {
    const v = mod.validate(input);
    const w = validateInput(program, input);
    if (!v.ok || !w.ok) throw new Error('invalid');
    for (const explain of [false, true]) expect(JSON.parse(JSON.stringify({ ...(mod.evaluate(v.value, { explain, alternatives: true }) as object), policy: undefined }))).toEqual(resultToJson(program, evaluate(program, w.value, { explain })));
  }
});

test('explain code is linear in the size of a condition: each part of an and printed twice', () => {
  const parts = Array.from({ length: 8 }, (_, i) => `n${i} > ${i}`);
  const src = `policy "Long" version "1"
input In { ${parts.map((_, i) => `n${i}: Number`).join(', ')} }
decision D { yes, no }
rule long {
  cites "c"
  when ${parts.join(' and ')}
  decide yes
}
otherwise decide no
`;
  const text = generateSource(check(src));
  for (let i = 0; i < 8; i++) expect(text.split(`gt(IN.n${i}, ${i})`).length - 1).toBe(2);
});

test('names come from the policy: defines, groups, enums, records, rules', () => {
  const text = generateSource(check(CLASHING));
  for (const name of ['function evaluate_2(', 'function IN_2(', 'function begin_2(', 'export interface Result_2 ', 'function applies_V_INPUT(', 'function resolve_delete(']) {
    expect(text).toContain(name);
  }
});

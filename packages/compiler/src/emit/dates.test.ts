/**
 * The as-of date index (dates.ts): every form of date test the index answers, and those it leaves
 * to string comparison, give the interpreter's results on the days around every date the policy
 * names; the module compares date strings only where it computes the index.
 */
import { expect, test } from 'vitest';
import { checkProgram, evaluate, hasErrors, loadPolicy, resultToJson, validateInput, type CheckedProgram } from '@pol/core';
import { generateSource, loadCompiled } from '../index.ts';
import { checkSource } from '../check-source.test-support.ts';

const check = checkSource;

const DATED = `policy "Dates" version "1"
enum Place { AA, BB, CC }
group G of Place = { AA, BB from 2025-03-01 until 2025-09-01, CC until 2025-06-01 }
input In as of date { date: Date, c: Place, d1: Date }
decision D { yes(k: Number), no }
rule in_group {
  cites "c"
  effective 2025-02-01
  until 2025-12-01
  when c in G and date >= 2025-04-15
  decide yes(k: 1)
  exception flipped {
    cites "c"
    when 2025-05-01 > date or 2025-10-01 <= date
    decide yes(k: 2)
  }
}
rule string_forms {
  cites "c"
  when date <= 2025-07-01 and date > 2025-01-10 and date != 2025-05-20 and date < d1
  decide yes(k: 3)
}
rule exact {
  cites "c"
  when date = 2025-08-08 or d1 >= 2025-11-11
  decide yes(k: 4)
}
otherwise decide no
`;

function around(d: string): string[] {
  const t = Date.parse(`${d}T00:00:00Z`);
  return [-1, 0, 1].map((k) => new Date(t + k * 86_400_000).toISOString().slice(0, 10));
}

test('as-of tests by index agree with the interpreter around every date, explaining or not', async () => {
  const program = check(DATED);
  const mod = await loadCompiled(program);
  const named = ['2025-01-10', '2025-02-01', '2025-03-01', '2025-04-15', '2025-05-01', '2025-05-20', '2025-06-01', '2025-07-01', '2025-08-08', '2025-09-01', '2025-10-01', '2025-11-11', '2025-12-01'];
  const days = [...new Set(['2000-01-01', '9999-12-31', ...named.flatMap(around)])];
  let compared = 0;
  for (const date of days)
    for (const c of ['AA', 'BB', 'CC'])
      for (const d1 of ['2025-06-15', '2025-11-11']) {
        const input = { date, c, d1 };
        const v = mod.validate(input);
        const w = validateInput(program, input);
        if (!v.ok || !w.ok) throw new Error(`invalid: ${JSON.stringify(input)}`);
        for (const explain of [false, true]) {
          const got = JSON.parse(JSON.stringify({ ...(mod.evaluate(v.value, { explain, alternatives: true }) as object), policy: undefined }));
          expect(got, `${JSON.stringify(input)} explain ${explain}`).toEqual(resultToJson(program, evaluate(program, w.value, { explain })));
          compared++;
        }
      }
  expect(compared).toBe(days.length * 12);
});

test('the as-of date is compared as a string only where the index is computed', () => {
  const text = generateSource(check(DATED));
  const begin = /function begin\(input: Input\): void \{[\s\S]*?\n\}/.exec(text)![0];
  // the index: each date the index answers for, tested once in a balanced tree
  for (const d of ['2025-02-01', '2025-03-01', '2025-04-15', '2025-05-01', '2025-06-01', '2025-09-01', '2025-10-01', '2025-12-01']) expect(begin).toContain(`input.date < "${d}"`);
  const rest = text.replace(begin, '');
  expect(rest).not.toContain('(IN.date < ("');
  expect(rest).not.toContain('(IN.date >= ("');
  // the forms the index does not answer stay string comparisons
  for (const t of ['(IN.date <= ("2025-07-01" as string))', '(IN.date > ("2025-01-10" as string))', '(IN.date !== ("2025-05-20" as string))', '(IN.date < IN.d1)', '(IN.date === ("2025-08-08" as string))', '(IN.d1 >= ("2025-11-11" as string))']) expect(rest).toContain(t);
  expect(rest).toContain('G_at[DI]!.has(IN.c)');
});

test('a policy without an as-of date keeps no index', () => {
  const text = generateSource(
    check(`policy "Undated" version "1"
enum Place { AA, BB }
group G of Place = { AA }
input In { c: Place, d: Date }
decision D { yes, no }
rule r {
  cites "c"
  when c in G and d < 2025-01-01
  decide yes
}
otherwise decide no
`),
  );
  expect(text).not.toMatch(/\bDI\b/);
  expect(text).toContain('(IN.d < ("2025-01-01" as string))');
});

import { describe, expect, it } from 'vitest';
import { compilePolicyFile } from '../program/compile-policy.ts';
import { evaluate } from './evaluate.ts';
import { reasonsFor } from './reasons.ts';
import { resultToJson } from './result-json.ts';
import { validateInput } from './validate-input.ts';

const POLICY = `
unit TPP
group D4 "Country Group D:4" cites "15 CFR part 740, supplement no. 1" of Country = { AE, IL }
group D5 "Country Group D:5" cites "15 CFR part 740, supplement no. 1" cites "22 CFR 126.1" of Country = { CN, IR }
const LIMIT "the 3A090.a TPP threshold" cites "ECCN 3A090.a" = 4800 TPP
define advanced "an advanced chip" cites "ECCN 3A090.a" = tpp >= LIMIT
input Tx { destination: Country  tpp: TPP  parent: optional Country }
decision D { ok  license }
rule controlled {
  cites "15 CFR 742.6(a)(6)"
  when advanced and (destination in D5 or destination in D4)
  decide license
  exception friendly {
    cites "Rule 2"
    when parent is present and parent not in D5 and tpp < 10000 TPP
    decide ok
  }
}
otherwise decide ok
`;

function reasons(input: unknown) {
  const r = compilePolicyFile('p.pol', (p) => (p === 'p.pol' ? POLICY : undefined));
  const program = r.program!;
  const v = validateInput(program, input);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  const result = resultToJson(program, evaluate(program, v.value));
  return { decided: result.decided_by, because: reasonsFor(program, v.value, result.trace) };
}

describe('the facts that made each rule apply', () => {
  it('names the membership that decided by the group title, with its citations', () => {
    const r = reasons({ destination: 'AE', tpp: 5000 });
    expect(r.decided).toBe('controlled');
    expect(r.because).toEqual([
      { step: 'controlled', text: 'an advanced chip (`advanced`)', cites: ['ECCN 3A090.a'] },
      { step: 'controlled', text: 'tpp is 5000 TPP, which is at least the 3A090.a TPP threshold (4800 TPP)', cites: ['ECCN 3A090.a'] },
      // D5 was tested first and failed; the part of the `or` that held is the one named
      { step: 'controlled', text: 'destination AE (United Arab Emirates) is in Country Group D:4', cites: ['15 CFR part 740, supplement no. 1'] },
    ]);
  });

  it('follows the trace into the exception, negated memberships and literal thresholds included', () => {
    const r = reasons({ destination: 'CN', tpp: 5000, parent: 'JP' });
    expect(r.decided).toBe('friendly');
    expect(r.because.filter((b) => b.step === 'controlled').map((b) => b.text)).toContain('destination CN (China) is in Country Group D:5');
    expect(r.because.filter((b) => b.step === 'friendly')).toEqual([
      { step: 'friendly', text: 'parent JP (Japan) is not in Country Group D:5', cites: ['15 CFR part 740, supplement no. 1', '22 CFR 126.1'] },
      { step: 'friendly', text: 'tpp is 5000 TPP, which is less than 10000 TPP', cites: [] },
    ]);
  });

  it('a computed value reads "... is at least ...", with its unit', () => {
    const text = `unit TPP\nunit mm2\nunit PD = TPP / mm2\ninput Tx { tpp: TPP  area: mm2 }\ndecision D { ok  dense }\nrule r { cites "c" when tpp / area >= 5.92 PD decide dense }\notherwise decide ok\n`;
    const program = compilePolicyFile('d.pol', (p) => (p === 'd.pol' ? text : undefined)).program!;
    const v = validateInput(program, { tpp: 4800, area: 300 });
    if (!v.ok) throw new Error(JSON.stringify(v.errors));
    const result = resultToJson(program, evaluate(program, v.value));
    expect(reasonsFor(program, v.value, result.trace)).toEqual([{ step: 'r', text: 'tpp / area (16 PD) is at least 5.92 PD', cites: [] }]);
  });

  it('says nothing for the fallback', () => {
    expect(reasons({ destination: 'JP', tpp: 5000 })).toEqual({ decided: 'otherwise', because: [] });
  });
});

import { describe, expect, it } from 'vitest';
import { compilePolicyFile, type CheckedProgram } from '@pol/core';
import { toIr } from '@pol/core/ir';
import { why } from './search.ts';
import { parseWant, WhyError } from './goal.ts';
import { readPaths } from './leaves.ts';
import { renderWhy } from './words.ts';

function check(text: string): CheckedProgram {
  const r = compilePolicyFile('p.pol', (p) => (p === 'p.pol' ? text : undefined));
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length || !r.program) throw new Error(errors.map((d) => d.message).join('\n'));
  return r.program;
}

const POLICY = check(`
unit USD "US dollars"
enum Kind { chip, tool, book }
group Near of Country = { CA, MX }
record Line { c: Country  v: USD }
input Order as of date {
  date: Date
  kind: Kind
  value: USD
  ratio: Number
  to: Country
  note: Number
  agent: optional { name_code: Number  trusted: Boolean }
  lines: list of Line
}
decision D { ok  review(why: Kind)  stop }
rule big "Large chip orders" {
  cites "Sec. 1"
  effective 2025-05-15
  when kind is chip and value > 10_000 USD and ratio < 0.75
  decide review(why: chip)
  exception near "Near countries" {
    cites "Sec. 2"
    when to in Near
    decide ok
  }
  exception agent "Trusted agents" {
    cites "Sec. 3"
    when agent is present and agent.trusted
    decide ok
  }
}
rule many "Many lines" {
  cites "Sec. 4"
  when count(each l in lines where l.v > 0 USD) >= 2
  decide stop
}
otherwise decide ok
`);

const TX = { date: '2025-06-01', kind: 'chip', value: 25000, ratio: 0.5, to: 'BR', note: 7, lines: [] };

describe('pol why on a small policy', () => {
  it('nearest values: the strict bound plus one whole unit, the first day in effect, a threshold below', async () => {
    const r = await why(POLICY, TX, { keep: ['kind', 'to', 'agent', 'lines'] });
    const changes = r.suggestions.map((s) => s.changes.map((c) => `${c.path}: ${c.before} -> ${c.after}`).join('; '));
    expect(changes.sort()).toEqual(['date: 2025-06-01 -> 2025-05-14', 'ratio: 0.5 -> 0.8', 'value: 25000 -> 10000']);
    expect(r.suggestions.every((s) => s.decision.outcome === 'ok')).toBe(true);
  });

  it('numbers keep the precision they were given in, then hundredths', async () => {
    const p = check(`input I { x: Number  y: Number }\ndecision D { a  b }\nrule r { cites "c" when x < 0.255 or y > 2.5 decide a }\notherwise decide b\n`);
    const r = await why(p, { x: 0.5, y: 1 });
    expect(r.suggestions.map((s) => s.changes.map((c) => `${c.path} -> ${c.after}`)).sort()).toEqual([['x -> 0.2'], ['y -> 3']]);
    const h = await why(p, { x: 0.5, y: 1 }, { keep: ['y'], domains: (path) => (path === 'x' ? [0.25, 0.251] : undefined) });
    expect(h.suggestions.map((s) => s.changes[0]!.after)).toEqual(['0.25']);
  });

  it('a record that appears counts once; an enum change is said as the group whose members all do the same', async () => {
    const r = await why(POLICY, TX, { keep: ['date', 'kind', 'value', 'ratio', 'lines'] });
    const text = renderWhy(POLICY, r, 'text');
    expect(text).toContain('If to were in Near (CA, MX) instead of BR (Brazil), Near countries (near) would apply: ok (Sec. 2).');
    const agent = r.suggestions.find((s) => s.changes.some((c) => c.path.startsWith('agent')))!;
    // the record's other field is needed for it to validate; the policy never reads it
    expect(agent.changes.map((c) => `${c.path}: ${c.before} -> ${c.after}${c.unread ? ' (unread)' : ''}`)).toEqual(['agent.name_code: absent -> 0 (unread)', 'agent.trusted: absent -> true']);
    expect(text).toMatch(/If agent\.trusted were true \(it is absent\), Trusted agents \(agent\) would apply/);
    expect(agent.input).toMatchObject({ agent: { trusted: true } });
  });

  it('never changes a field the policy does not read (nor a kept one): proved when nothing else may change', async () => {
    expect(readPaths(toIr(POLICY)).has('note')).toBe(false);
    const r = await why(POLICY, TX, { keep: ['date', 'kind', 'value', 'ratio', 'to', 'agent', 'lines'] });
    expect(r.status).toBe('proved-none');
    expect(r.suggestions).toEqual([]);
  });

  it('adds list items when that is the smallest change, and --want picks the outcome', async () => {
    const r = await why(POLICY, TX, { want: 'stop', keep: ['date'] });
    // the first rule must stop applying (kind), and two lines with a value appear; their
    // countries are needed for the items to validate, and no rule reads them
    expect(r.suggestions[0]!.changes.map((c) => `${c.path}${c.unread ? ' (unread)' : ''}`)).toEqual(['kind', 'lines[0].c (unread)', 'lines[0].v', 'lines[1].c (unread)', 'lines[1].v']);
    expect(r.suggestions[0]!.decision).toMatchObject({ outcome: 'stop' });
    expect(renderWhy(POLICY, r, 'text')).toContain('Many lines (many) would apply: stop (Sec. 4).');
  });

  it('the same question gets the same answer, word for word (fixed seeds, a fresh context each time)', async () => {
    const a = renderWhy(POLICY, await why(POLICY, TX), 'json');
    const b = renderWhy(POLICY, await why(POLICY, TX), 'json');
    expect(b).toBe(a);
    expect(JSON.parse(a).suggestions.length).toBe(5);
  });

  it('already decided as wanted: says so', async () => {
    const r = await why(POLICY, TX, { want: 'review(why: chip)' });
    expect(r.status).toBe('already');
  });

  it('refuses an input that does not validate, with each problem at its path', async () => {
    await expect(why(POLICY, { ...TX, value: -1, to: 'XX' })).rejects.toMatchObject({ problems: [expect.stringMatching(/^value: /), expect.stringMatching(/^to: /)] });
  });

  it('--want and --keep are checked against the policy', async () => {
    expect(() => parseWant(POLICY, 'review(why: car)')).toThrow('`car` is not a member of Kind (chip, tool, book)');
    expect(() => parseWant(POLICY, 'review(because: chip)')).toThrow('review has no field `because`; its fields are why');
    expect(() => parseWant(POLICY, 'go')).toThrow('the decision has no outcome `go`; its outcomes are ok, review, stop');
    expect(parseWant(POLICY, ' review(why: tool) ')).toMatchObject({ outcome: 'review', fields: new Map([['why', 'tool']]) });
    await expect(why(POLICY, TX, { keep: ['agent.name'] })).rejects.toBeInstanceOf(WhyError);
    await expect(why(POLICY, TX, { keep: ['lines[0].v', 'agent.trusted'] })).resolves.toBeDefined();
  });

  it('month arithmetic: every one-fact change found, each date the nearest that works (issue 13 review)', async () => {
    const nac = check(`
input S as of shipped { shipped: Date  notified: Date  notice: days }
decision O { nac  license_required }
rule need "Licence" {
  cites "R1"
  decide license_required
  exception nac "NAC" {
    cites "15 CFR 740.7(c)"
    when notified + 1 month <= shipped and days between notified and shipped >= notice
    decide nac
  }
}
otherwise decide license_required
`);
    const r = await why(nac, { shipped: '2025-03-31', notified: '2025-03-15', notice: 40 }, { want: 'nac', keep: ['notice'] });
    expect(r.status).toBe('found');
    expect(r.note).toBeUndefined();
    // 2025-02-19 + 1 month = 2025-03-19 and 40 days before the shipment; 2025-04-24 is 40 days after 03-15
    expect(r.suggestions.map((x) => x.changes.map((c) => `${c.path}: ${c.after}`))).toEqual([['shipped: 2025-04-24'], ['notified: 2025-02-19']]);
  }, 60_000);

  it('says numbers with their unit, grouped by thousands, and groups by their title', async () => {
    const p = check(`
unit TPP
group Ok "Friendly countries" of Country = { CA, MX, GB }
input I { to: Country  tpp: TPP  wait: days }
decision D { ok  stop }
rule r { cites "R" when tpp >= 5000 TPP and wait < 2 days and not (to in Ok) decide stop }
otherwise decide ok
`);
    const text = renderWhy(p, await why(p, { to: 'CN', tpp: 5000, wait: 1 }), 'text');
    expect(text).toContain('tpp were 4,999 TPP instead of 5,000 TPP');
    expect(text).toContain('wait were 2 days instead of 1 day');
    expect(text).toMatch(/to were in Friendly countries \(CA, GB, MX\) instead of CN/);
  }, 60_000);
});


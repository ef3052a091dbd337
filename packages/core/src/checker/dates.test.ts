import { describe, expect, it } from 'vitest';
import { compilePolicyFile } from '../program/compile-policy.ts';

const PRELUDE = `
unit TPP
input Tx as of shipped {
  shipped: Date
  notified: Date
  notice: days
  term: optional months
  tpp: TPP
  n: Number
}
decision D { ok  at(when: Date)  span(d: days) }
otherwise decide ok
`;

function problems(body: string): string[] {
  const r = compilePolicyFile('main.pol', (p) => (p === 'main.pol' ? PRELUDE + body : undefined));
  return r.diagnostics.map((d) => `${d.code} ${JSON.stringify(d.span ? (r.sources.get(d.span.file)?.text.slice(d.span.start, d.span.end) ?? '') : '')}`);
}

const rule = (when: string, decide = 'ok'): string => `rule r { cites "c" when ${when} decide ${decide} }`;

describe('durations and date arithmetic: accepted', () => {
  it.each([
    ['a date moved by days', rule('notified <= shipped - 25 days')],
    ['the singular', rule('notified <= shipped - 1 day and notified > shipped - 1 year and notified < shipped + 1 month')],
    ['a duration before the date', rule('25 days + notified <= shipped')],
    ['an input duration', rule('notified + notice <= shipped')],
    ['days between, compared with days', rule('days between notified and shipped >= 25 days')],
    ['duration arithmetic in one unit', rule('days between notified and shipped >= notice + 2 days')],
    ['a duration scaled by a number', rule('days between notified and shipped > notice * 2')],
    ['a ratio of two durations is a number', rule('days between notified and shipped / 7 days > 3')],
    ['calendar year is a number', rule('calendar year of shipped = 2025 and calendar year of notified < calendar year of shipped')],
    ['the year of a moved date', rule('calendar year of (shipped - 1 year) = 2024')],
    ['an optional duration with a fallback', rule('shipped + (term otherwise 3 months) > notified')],
    ['a date-valued decision field', `rule r { cites "c" decide at(when: shipped + 25 days) }`],
    ['a duration-valued decision field', `rule r { cites "c" decide span(d: days between notified and shipped) }`],
    ['a duration constant', `const NOTICE = 25 days\n${rule('notified <= shipped - NOTICE')}`],
    ['a date define', `define deadline = shipped - 25 days\n${rule('notified <= deadline')}`],
  ])('%s', (_name, body) => {
    expect(problems(body)).toEqual([]);
  });
});

describe('a date compared with a duration: in counsel\'s words', () => {
  const said = (body: string) => {
    const r = compilePolicyFile('main.pol', (p) => (p === 'main.pol' ? PRELUDE + body : undefined));
    return r.diagnostics.map((d) => [d.message, d.help]);
  };
  it('names the duration as written and shows the date moved by it', () => {
    expect(said(rule('shipped > 25 days'))).toEqual([
      ['cannot compare a date with a duration (25 days)', 'add the duration to a date, e.g. `shipped > notified + 25 days`, or count the days between two dates: `days between notified and shipped > 25 days`'],
    ]);
  });
  it('the duration first: the example still puts the date first, the comparison turned round', () => {
    expect(said(rule('notice < notified'))).toEqual([
      ['cannot compare a duration (notice) with a date', 'add the duration to a date, e.g. `notified > shipped + notice`, or count the days between two dates: `days between shipped and notified > notice`'],
    ]);
  });
  it('a date with a plain number says what a date is compared with', () => {
    expect(said(rule('shipped > 2025'))).toEqual([['cannot compare a date with a plain number', 'compare a date with a date (`shipped >= 2025-01-15`), or a number of days with `days between a and b`']]);
  });
});

describe('durations and date arithmetic: refused', () => {
  it.each([
    ['a plain number added to a date', rule('notified <= shipped - 25'), 'check/date-arithmetic "shipped - 25"'],
    ['a number before the date', rule('25 + notified <= shipped'), 'check/date-arithmetic "25 + notified"'],
    ['a quantity of a policy unit', rule('notified + 3 TPP <= shipped'), 'check/date-arithmetic "notified + 3 TPP"'],
    ['two dates subtracted', rule('shipped - notified > 25 days'), 'check/date-arithmetic "shipped - notified"'],
    ['two dates added', rule('shipped + notified > shipped'), 'check/date-arithmetic "shipped + notified"'],
    ['a duration minus a date', rule('25 days - shipped < notified'), 'check/date-arithmetic "25 days - shipped"'],
    ['a date multiplied', rule('shipped * 2 > notified'), 'check/date-arithmetic "shipped * 2"'],
    ['a date compared with a number', rule('shipped > 2025'), 'check/type-mismatch "shipped > 2025"'],
    ['days compared with a plain number', rule('days between notified and shipped >= 25'), 'check/unit-mismatch "days between notified and shipped >= 25"'],
    ['days compared with months', rule('days between notified and shipped >= 1 month'), 'check/unit-mismatch "days between notified and shipped >= 1 month"'],
    ['days added to months', rule('notice + 1 month > 2 days'), 'check/unit-mismatch "notice + 1 month"'],
    ['durations multiplied', rule('notice * notice > 2 days'), 'check/unit-mismatch "notice * notice"'],
    ['days between a number', rule('days between n and shipped > 1 day'), 'check/date-arithmetic "n"'],
    ['the year of a number', rule('calendar year of n = 2025'), 'check/date-arithmetic "n"'],
    ['weeks between', rule('weeks between notified and shipped > 1 day'), 'check/unknown-date-part "weeks"'],
    ['calendar month', rule('calendar month of shipped = 3'), 'check/unknown-date-part "month"'],
    ['an optional duration without a fallback', rule('shipped + term > notified'), 'check/optional-not-handled "term"'],
    ['declaring a unit named like a duration', `unit days\n${rule('notice > 1 day')}`, 'check/duplicate-declaration "days"'],
  ])('%s', (_name, body, expected) => {
    expect(problems(body)).toEqual([expected]);
  });
});

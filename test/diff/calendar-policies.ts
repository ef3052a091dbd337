/**
 * Small policies on two dates (and an input number of months) whose rules use the calendar:
 * month and year moves, days between, calendar years; their mutations; and a grid of inputs
 * around month ends, leap days and year ends, for the diff's sampling property
 * (calendar.property.test.ts) and the amendment examples (calendar.test.ts).
 */
import fc from 'fast-check';

export type Op = '<' | '<=' | '>' | '>=';
export const CAL_OPS: readonly Op[] = ['<', '<=', '>', '>='];

/** One condition: `shipped op date + k months`, `... - k years`, `days between ... op k days`, calendar years, or `date + n` */
export interface CalCond {
  readonly kind: 'months' | 'years' | 'between' | 'year' | 'input';
  readonly op: Op;
  readonly k: number;
}
export interface CalGen {
  readonly rules: readonly { readonly cond: CalCond; readonly decide: number }[];
}

const DECIDES = ['yes', 'no', 'hold'];

export function condText(c: CalCond): string {
  switch (c.kind) {
    case 'months':
      return `shipped ${c.op} date ${c.k < 0 ? '-' : '+'} ${Math.abs(c.k)} months`;
    case 'years':
      return `shipped ${c.op} date - ${c.k} years`;
    case 'between':
      return `days between date and shipped ${c.op} ${c.k} days`;
    case 'year':
      return `calendar year of shipped ${c.op} calendar year of date ${c.k < 0 ? '-' : '+'} ${Math.abs(c.k)}`;
    case 'input':
      return `shipped ${c.op} date + n`;
  }
}

/** A policy text: one rule per condition, in order, and `otherwise decide yes`. */
export function calText(g: CalGen): string {
  const rules = g.rules.map((r, i) => `rule r${i} { cites "x" when ${condText(r.cond)} decide ${DECIDES[r.decide]} }`);
  return `input T { date: Date, shipped: Date, n: months }
decision D { yes, no, hold }
${rules.join('\n')}
otherwise decide yes
`;
}

const amount: Record<CalCond['kind'], fc.Arbitrary<number>> = {
  months: fc.integer({ min: -3, max: 13 }),
  years: fc.integer({ min: 0, max: 2 }),
  between: fc.constantFrom(28, 29, 30, 31, 59, 60, 61, 89, 90, 91, 92, 365, 366),
  year: fc.integer({ min: -1, max: 1 }),
  input: fc.constant(0),
};
export const calCond: fc.Arbitrary<CalCond> = fc.constantFrom<CalCond['kind']>('months', 'years', 'between', 'year', 'input').chain((kind) =>
  fc.record({ kind: fc.constant(kind), op: fc.constantFrom(...CAL_OPS), k: amount[kind] }),
);
export const calGen: fc.Arbitrary<CalGen> = fc.record({ rules: fc.array(fc.record({ cond: calCond, decide: fc.integer({ min: 0, max: 2 }) }), { minLength: 1, maxLength: 3 }) });

const FLIP: Record<Op, Op> = { '<': '<=', '<=': '<', '>': '>=', '>=': '>' };

/** One change to a rule (`k` picks the rule and the variant): an amount nudged, a comparison flipped, a month move written in days. */
export function mutateCal(g: CalGen, k: number): CalGen {
  const i = k % g.rules.length;
  const rules = g.rules.map((r, j): CalGen['rules'][number] => {
    if (j !== i) return r;
    const c = r.cond;
    switch (Math.floor(k / 3) % 3) {
      case 0:
        return { ...r, cond: { ...c, k: c.kind === 'input' ? 0 : c.k + (k % 2 ? 1 : -1) } };
      case 1:
        return { ...r, cond: { ...c, op: FLIP[c.op] } };
      default:
        // `date + 3 months` amended to `days between date and shipped < 90 days`, and back
        return { ...r, cond: c.kind === 'months' ? { kind: 'between', op: c.op, k: c.k * 30 } : c.kind === 'between' ? { kind: 'months', op: c.op, k: Math.round(c.k / 30) } : { ...c, op: FLIP[c.op] } };
    }
  });
  return { rules };
}

const DAY = 86_400_000;
const iso = (t: number): string => new Date(t).toISOString().slice(0, 10);

/**
 * Dates around the calendar's edges (month ends, Feb 29, a century year that is not leap, year
 * ends), each with `shipped` at offsets that straddle one to thirteen months and a year or two
 * either way, and `n` whole or half.
 */
export function calGrid(): { date: string; shipped: string; n: number }[] {
  const dates = ['2024-01-31', '2024-02-29', '2025-02-28', '2025-03-31', '2025-08-31', '2025-11-30', '2025-12-31', '2100-01-31', '2026-06-15'];
  const offsets = [-732, -731, -730, -367, -366, -365, -364, -32, -31, -30, -29, -28, -1, 0, 1, 27, 28, 29, 30, 31, 32, 58, 59, 60, 61, 62, 88, 89, 90, 91, 92, 93, 119, 120, 121, 122, 123, 180, 181, 184, 364, 365, 366, 367, 396, 397];
  const out: { date: string; shipped: string; n: number }[] = [];
  for (const date of dates) {
    const t = Date.parse(`${date}T00:00:00Z`);
    for (const o of offsets) for (const n of [0, 1, 3.5, 12]) out.push({ date, shipped: iso(t + o * DAY), n });
  }
  return out;
}

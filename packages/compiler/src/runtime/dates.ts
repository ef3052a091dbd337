// ---- dates: `date + n days|months`, `days between`, `calendar year of` ----
// Day numbers from 1970-01-01 (the civil-calendar algorithms), a deliberate copy of core's
// calendar/dates.ts: generated modules carry their runtime inline and share no helper with the
// interpreter, so the differential tests compare two implementations.

import { PolRational, type PolNumber } from './numbers.ts';

function civilDay(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

const FIRST_DAY = civilDay(0, 1, 1);
const LAST_DAY = civilDay(9999, 12, 31);

function pad(n: number, w: number): string {
  return String(n).padStart(w, '0');
}

function dayText(n: number): string {
  if (n <= FIRST_DAY) return '0000-01-01';
  if (n >= LAST_DAY) return '9999-12-31';
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return pad(yoe + era * 400 + (m <= 2 ? 1 : 0), 4) + '-' + pad(m, 2) + '-' + pad(d, 2);
}

function dayOf(date: string): number {
  return civilDay(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

/** The whole part of n (toward zero), held within `limit` (enough to leave years 0000-9999). */
function wholeWithin(n: PolNumber, limit: number): number {
  const w = typeof n === 'number' ? Math.trunc(n) : n instanceof PolRational ? n.n / n.d : 0n;
  if (typeof w === 'number') return w > limit ? limit : w < -limit ? -limit : w;
  return w > BigInt(limit) ? limit : w < BigInt(-limit) ? -limit : Number(w);
}

export function shiftDays(date: string, n: PolNumber): string {
  return dayText(dayOf(date) + wholeWithin(n, 4000000));
}

export function shiftMonths(date: string, n: PolNumber): string {
  const total = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + wholeWithin(n, 200000);
  if (total < 0) return '0000-01-01';
  if (total > 9999 * 12 + 11) return '9999-12-31';
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const last = m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  return pad(y, 4) + '-' + pad(m, 2) + '-' + pad(Math.min(Number(date.slice(8, 10)), last), 2);
}

export function daysFrom(from: string, to: string): number {
  return dayOf(to) - dayOf(from);
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

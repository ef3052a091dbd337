/**
 * Calendar dates as ISO `YYYY-MM-DD` strings: they compare correctly as strings. The lexer checks
 * date literals with it and input validation checks input dates, so it sits below both.
 */
export function isValidDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1] ?? 0;
  return d <= days;
}

// ---- date arithmetic (docs/semantics.md, "Durations and date arithmetic") ----
// Day numbers count days from 1970-01-01 (Howard Hinnant's civil-calendar algorithms, proleptic
// Gregorian, exact for every year 0000-9999). Results outside those years are clamped to the first
// or last day Pol can write, so date arithmetic is total.

export const FIRST_DAY = '0000-01-01';
export const LAST_DAY = '9999-12-31';

export function daysInMonth(y: number, m: number): number {
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;
}

export function dayNumberOf(y: number, m: number, d: number): number {
  const yy = y - (m <= 2 ? 1 : 0);
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function isoDayNumber(iso: string): number {
  return dayNumberOf(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)));
}

const MIN_DAY_NUMBER = isoDayNumber(FIRST_DAY);
const MAX_DAY_NUMBER = isoDayNumber(LAST_DAY);

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function isoOfDayNumber(n: number): string {
  if (n <= MIN_DAY_NUMBER) return FIRST_DAY;
  if (n >= MAX_DAY_NUMBER) return LAST_DAY;
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return iso(yoe + era * 400 + (m <= 2 ? 1 : 0), m, d);
}

/** A whole count of days or months, held within what can move a date inside years 0000-9999. */
function bounded(n: bigint, limit: number): number {
  return n > BigInt(limit) ? limit : n < BigInt(-limit) ? -limit : Number(n);
}

/** `date + n days` for a whole n (a fraction is dropped before this is called). */
export function addDays(date: string, n: bigint): string {
  return isoOfDayNumber(isoDayNumber(date) + bounded(n, 4_000_000));
}

/** `date + n months`: the same day of the month n months on, or that month's last day if shorter. */
export function addMonths(date: string, n: bigint): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const total = y * 12 + (m - 1) + bounded(n, 200_000);
  if (total < 0) return FIRST_DAY;
  if (total > 9999 * 12 + 11) return LAST_DAY;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  return iso(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

/** `days between a and b`: the days from a to b, negative when b is before a. */
export function daysBetween(a: string, b: string): number {
  return isoDayNumber(b) - isoDayNumber(a);
}

/** `calendar year of date` */
export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween, isoDayNumber, isoOfDayNumber, yearOf } from './dates.ts';

describe('calendar arithmetic', () => {
  it('day numbers round-trip on every day of 1999-2001 and at both ends of the calendar', () => {
    for (let n = isoDayNumber('1999-01-01'); n <= isoDayNumber('2001-12-31'); n++) expect(isoDayNumber(isoOfDayNumber(n))).toBe(n);
    expect(isoDayNumber('1970-01-01')).toBe(0);
    expect(isoOfDayNumber(isoDayNumber('0000-01-01'))).toBe('0000-01-01');
    expect(isoOfDayNumber(isoDayNumber('9999-12-31'))).toBe('9999-12-31');
  });
  it('moves by days across month, year and leap-day boundaries', () => {
    expect(addDays('2025-01-31', 1n)).toBe('2025-02-01');
    expect(addDays('2024-02-28', 1n)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1n)).toBe('2025-03-01');
    expect(addDays('2025-03-01', -25n)).toBe('2025-02-04');
    expect(addDays('2025-12-31', 1n)).toBe('2026-01-01');
  });
  it('moves by months to the same day, or the last day of a shorter month', () => {
    expect(addMonths('2025-01-31', 1n)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1n)).toBe('2024-02-29');
    expect(addMonths('2025-03-31', -1n)).toBe('2025-02-28');
    expect(addMonths('2025-05-15', 3n)).toBe('2025-08-15');
    expect(addMonths('2025-11-30', 2n)).toBe('2026-01-30');
    expect(addMonths('2024-02-29', 12n)).toBe('2025-02-28');
    expect(addMonths('2024-02-29', 48n)).toBe('2028-02-29');
    expect(addMonths('2025-01-15', -13n)).toBe('2023-12-15');
  });
  it('clamps to the first and last day Pol can write', () => {
    expect(addDays('9999-12-30', 5n)).toBe('9999-12-31');
    expect(addDays('0000-01-02', -5n)).toBe('0000-01-01');
    expect(addDays('2025-01-01', 10n ** 30n)).toBe('9999-12-31');
    expect(addMonths('9999-11-30', 2n)).toBe('9999-12-31');
    expect(addMonths('0000-02-15', -2n)).toBe('0000-01-01');
    expect(addMonths('2025-01-01', -(10n ** 30n))).toBe('0000-01-01');
  });
  it('counts days between two dates, negative backwards, and reads the year', () => {
    expect(daysBetween('2025-01-01', '2025-12-31')).toBe(364);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-03-01', '2025-02-01')).toBe(-28);
    expect(yearOf('0042-06-01')).toBe(42);
  });
});

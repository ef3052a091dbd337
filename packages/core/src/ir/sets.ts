/**
 * Set algebra on dated members, done once at lowering time: a set is, for each member, the days it
 * belongs (a sorted list of disjoint half-open date ranges) plus whether it belongs when no date is
 * given. Dates are ISO strings, so string order is calendar order.
 */
import type { DateRange, SetRange } from './nodes.ts';

export interface Membership {
  /** disjoint, sorted, non-empty ranges */
  readonly ranges: readonly DateRange[];
  /** member when the policy is evaluated without a date */
  readonly undated: boolean;
}

export type DatedSet = ReadonlyMap<string, Membership>;

const ALWAYS: readonly DateRange[] = [{ from: undefined, until: undefined }];

export function always(): Membership {
  return { ranges: ALWAYS, undated: true };
}

/** A member written with optional dates (`KH until 2026-02-03`). */
export function dated(from: string | undefined, until: string | undefined): Membership {
  if (from !== undefined && until !== undefined && until <= from) return { ranges: [], undated: true };
  return { ranges: [{ from, until }], undated: true };
}

function inRanges(ranges: readonly DateRange[], day: string | undefined): boolean {
  // `day` undefined stands for "before every boundary" (the first elementary segment).
  return ranges.some((r) => (r.from === undefined || (day !== undefined && day >= r.from)) && (r.until === undefined || day === undefined || day < r.until));
}

/** Combines two range lists point by point: the result holds on a day when `op(a, b)` does. */
function combine(a: readonly DateRange[], b: readonly DateRange[], op: (x: boolean, y: boolean) => boolean): DateRange[] {
  const cuts = new Set<string>();
  for (const r of [...a, ...b]) {
    if (r.from !== undefined) cuts.add(r.from);
    if (r.until !== undefined) cuts.add(r.until);
  }
  const points = [...cuts].sort();
  // elementary segments: (-inf, p0), [p0, p1), ..., [pn, +inf); each is represented by its start
  const starts: (string | undefined)[] = [undefined, ...points];
  const out: DateRange[] = [];
  starts.forEach((s, i) => {
    if (!op(inRanges(a, s), inRanges(b, s))) return;
    const until = points[i];
    const last = out[out.length - 1];
    if (last && last.until === s) out[out.length - 1] = { from: last.from, until };
    else out.push({ from: s, until });
  });
  return out;
}

export function union(a: DatedSet, b: DatedSet): DatedSet {
  const out = new Map<string, Membership>(a);
  for (const [m, mb] of b) {
    const ma = a.get(m);
    out.set(m, ma ? { ranges: combine(ma.ranges, mb.ranges, (x, y) => x || y), undated: ma.undated || mb.undated } : mb);
  }
  return out;
}

export function difference(a: DatedSet, b: DatedSet): DatedSet {
  const out = new Map<string, Membership>();
  for (const [m, ma] of a) {
    const mb = b.get(m);
    if (!mb) {
      out.set(m, ma);
      continue;
    }
    out.set(m, { ranges: combine(ma.ranges, mb.ranges, (x, y) => x && !y), undated: ma.undated && !mb.undated });
  }
  return out;
}

/** The calendar cut where membership changes, each stretch with its members (in `order`). */
export function rangesOf(s: DatedSet, order: readonly string[]): SetRange[] {
  const cuts = new Set<string>();
  for (const mb of s.values())
    for (const r of mb.ranges) {
      if (r.from !== undefined) cuts.add(r.from);
      if (r.until !== undefined) cuts.add(r.until);
    }
  const points = [...cuts].sort();
  const starts: (string | undefined)[] = [undefined, ...points];
  const sorted = [...s.keys()].sort((x, y) => order.indexOf(x) - order.indexOf(y));
  const out: SetRange[] = [];
  starts.forEach((from, i) => {
    const members = sorted.filter((m) => inRanges(s.get(m)!.ranges, from));
    const last = out[out.length - 1];
    if (last && last.members.length === members.length && last.members.every((x, k) => x === members[k])) {
      out[out.length - 1] = { from: last.from, until: points[i], members: last.members };
    } else out.push({ from, until: points[i], members });
  });
  return out;
}

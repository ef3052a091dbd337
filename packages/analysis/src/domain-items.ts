/**
 * The inputs only one version accepts, as a memo shows them. An entry whose other version objects
 * only to a field it does not declare (a field the amendment added or removed) is compared with
 * what that version decides on the input without the field: where that is the same, the field is
 * merely accepted now (or no more), and all such entries of one version are one item; where it
 * differs, the entry is a change of behaviour in its own right, led by the field's value
 * ("with consignee.trusted = true").
 */
import type { DiffReport, DomainChange } from './diff.ts';
import type { JsonValue } from './witness.ts';

export interface DomainItem {
  /** `only after`, `only before` */
  readonly accepted: string;
  /** one line: what the entry (or the group) is */
  readonly text: string;
  /** the summary row it counts in */
  readonly change: string;
  /** the deciding rules, for the summary (`before -> after` where both decide) */
  readonly rules: readonly string[];
  readonly witness: JsonValue;
  /** how many entries the item stands for */
  readonly count: number;
  /** the citations of the rules that decide its entries in the version that accepts them */
  readonly cites: readonly string[];
  /** the structural changes its entries' rejections name (DomainChange.causes) */
  readonly causes: readonly string[];
}

/** The witness's values at dotted paths: `consignee.trusted = true`. */
export function valuesAt(w: JsonValue, paths: readonly string[]): string {
  return paths
    .map((p) => {
      let cur: JsonValue | undefined = w;
      for (const k of p.split('.')) cur = cur !== null && typeof cur === 'object' && !Array.isArray(cur) ? cur[k] : undefined;
      return `${p} = ${JSON.stringify(cur)}`;
    })
    .join(', ');
}

const cited = (d: DomainChange): string => (d.cites.length ? ` (${d.cites.join('; ')})` : '');

function entryItem(d: DomainChange): DomainItem {
  const accepted = `only ${d.acceptedBy}`;
  const w = d.without;
  if (!w) {
    return { accepted, text: `accepted only ${d.acceptedBy} the change (decided ${d.decision} by ${d.decidedBy}${cited(d)}); rejected by the other: ${d.rejection.join('; ')}`, change: `accepted only ${d.acceptedBy}: ${d.decision}`, rules: [d.decidedBy], witness: d.witness, count: 1, cites: d.cites, causes: d.causes };
  }
  const mine = `${d.decision} by ${d.decidedBy}${cited(d)}`;
  const theirs = `${w.decision} by ${w.decidedBy}`;
  const [from, to] = d.acceptedBy === 'after' ? [theirs, mine] : [mine, theirs];
  const [fromD, toD] = d.acceptedBy === 'after' ? [w.decision, d.decision] : [d.decision, w.decision];
  const declared = `${w.fields.length === 1 ? 'a field' : 'fields'} only the ${d.acceptedBy === 'after' ? 'new' : 'old'} version declares`;
  const text = `with ${valuesAt(d.witness, w.fields)} (${declared}): ${from} -> ${to}${w.differs === 'obligations' ? ' (the obligations differ)' : ''}`;
  const change = w.differs === 'obligations' ? `${fromD}: obligations changed (with ${w.fields.join(', ')})` : `${fromD} -> ${toD} (with ${w.fields.join(', ')})`;
  const rules = [d.acceptedBy === 'after' ? `${w.decidedBy} -> ${d.decidedBy}` : `${d.decidedBy} -> ${w.decidedBy}`];
  return { accepted, text, change, rules, witness: d.witness, count: 1, cites: d.cites, causes: d.causes };
}

/** The report's domain entries as items: each change of behaviour its own, the rest of each field and version one item. */
export function domainItems(r: DiffReport): DomainItem[] {
  const out: DomainItem[] = [];
  // an entry whose change is a region's (the same rules on both sides): the field only carries a
  // change the regions already report (Poland's move, for an input that also says whether its
  // consignee is trusted), so such entries are one item, pointing at those regions
  const regionOf = (d: DomainChange): number => {
    const [b, a] = d.acceptedBy === 'after' ? [d.without!.decidedBy, d.decidedBy] : [d.decidedBy, d.without!.decidedBy];
    return r.regions.findIndex((g) => g.before.decidedBy === b && g.after.decidedBy === a);
  };
  const same = new Map<string, DomainChange[]>();
  const asRegions = new Map<string, { ds: DomainChange[]; regions: Set<number> }>();
  for (const d of r.domain) {
    const k = `${d.acceptedBy}\u0000${d.without?.fields.join(', ')}`;
    if (d.without?.differs === 'none') same.set(k, [...(same.get(k) ?? []), d]);
    else if (d.without && regionOf(d) >= 0) {
      const e = asRegions.get(k) ?? { ds: [], regions: new Set<number>() };
      e.ds.push(d);
      e.regions.add(regionOf(d) + 1);
      asRegions.set(k, e);
    } else out.push(entryItem(d));
  }
  // one item for several entries of one version and field set: what they have in common said by `what`
  const folded = (ds: readonly DomainChange[], what: (other: string) => string, change: string): DomainItem => {
    const d = ds[0]!;
    const fields = d.without!.fields.join(', ');
    const other = d.acceptedBy === 'after' ? 'old' : 'new';
    return {
      accepted: `only ${d.acceptedBy}`,
      text: `${ds.length} kind(s) of input carrying ${fields} (which the ${other} version does not declare) are accepted only ${d.acceptedBy} the change, and ${what(other)}`,
      change: `accepted only ${d.acceptedBy} with ${fields}, ${change}`,
      rules: ds.map((x) => x.decidedBy),
      witness: d.witness,
      count: ds.length,
      cites: [...new Set(ds.flatMap((x) => x.cites))],
      causes: [...new Set(ds.flatMap((x) => x.causes))],
    };
  };
  for (const { ds, regions } of asRegions.values()) {
    const numbers = [...regions].sort((x, y) => x - y);
    out.push(folded(ds, () => `change as the inputs without it do: the same rules decide them as in region${numbers.length === 1 ? '' : 's'} ${numbers.join(', ')}`, 'changed as the regions'));
  }
  for (const ds of same.values()) {
    const rules = ds.length <= 3 ? ds.map((x) => x.decidedBy).join('; ') : `${ds.slice(0, 3).map((x) => x.decidedBy).join('; ')}; and ${ds.length - 3} more`;
    out.push(folded(ds, (other) => `decided the same as the ${other} version decides them without it (${rules})`, 'decided as without it'));
  }
  return out;
}

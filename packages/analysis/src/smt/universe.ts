/** Enum members, outcomes and decision fields by name, shared by the programs being compared. */
import * as IR from '@pol/core/ir';
import { Unsupported } from './z3.ts';

export class Universe {
  readonly enums = new Map<string, string[]>();
  readonly variants: string[] = [];
  readonly fieldNames: string[] = [];

  static of(...programs: readonly IR.Program[]): Universe {
    const u = new Universe();
    for (const p of programs) u.add(p);
    return u;
  }

  add(p: IR.Program): void {
    for (const e of p.enums) {
      const list = this.enums.get(e.name) ?? [];
      for (const m of e.members) if (!list.includes(m)) list.push(m);
      this.enums.set(e.name, list);
    }
    for (const v of p.decision.variants) {
      if (!this.variants.includes(v.name)) this.variants.push(v.name);
      for (const q of v.params) if (!this.fieldNames.includes(q.name)) this.fieldNames.push(q.name);
    }
  }

  /**
   * The number standing for an Id's text (sym-input.ts encodes an Id as a free integer, since no
   * condition reads its value): texts met in a transaction get numbers as they come, so a model
   * that keeps one turns back into the same text (witness.ts).
   */
  idNumber(text: string): number {
    const ids = this.ids;
    const i = ids.indexOf(text);
    return i >= 0 ? i : ids.push(text) - 1;
  }

  /** The Id text a number stands for, if a transaction had it. */
  idText(i: number): string | undefined {
    return i >= 0 ? this.ids[i] : undefined;
  }

  private readonly ids: string[] = [];

  /**
   * Orders the members of every enum of more than `longer` members by what the programs can tell
   * of them: members that lie in the same sets on the same days and that no literal names sit
   * next to each other, classes sorted by their memberships, `first` first within each class.
   * Indices mean nothing but identity, so this changes no answer; it makes each set a few index
   * intervals (encode.ts `member`), where a disjunction of one equality per member gave the
   * arithmetic solver hundreds of atoms on each country field (most of the IFR diff's solver
   * time), and a realistic witness still takes a few intervals (witness-search.ts).
   */
  cluster(programs: readonly IR.Program[], first: readonly string[], longer = 30): this {
    const named = new Set<string>();
    const walk = (e: IR.Expr): void => {
      if (e.k === 'enum') named.add(`${e.enumName}.${e.member}`);
      IR.children(e).forEach(walk);
    };
    for (const p of programs) IR.everyExpr(p).forEach(walk);
    for (const [name, list] of this.enums) {
      if (list.length <= longer) continue;
      const sets = programs.flatMap((p) => p.sets.filter((s) => s.of === name));
      const sig = new Map(list.map((m) => [m, sets.map((s) => (s.members.has(m) || s.undated.includes(m) ? `1${JSON.stringify(s.members.get(m) ?? [])}${s.undated.includes(m)}` : '0')).join('|') + (named.has(`${name}.${m}`) ? `|=${m}` : '')]));
      const rank = (m: string): number => {
        const i = first.indexOf(m);
        return i < 0 ? first.length : i;
      };
      this.classes.set(name, sig);
      const order = list.map((m, i) => ({ m, i }));
      order.sort((x, y) => (sig.get(x.m)! < sig.get(y.m)! ? -1 : sig.get(x.m)! > sig.get(y.m)! ? 1 : rank(x.m) - rank(y.m) || x.i - y.i));
      this.enums.set(name, order.map((x) => x.m));
    }
    return this;
  }

  /** The class `cluster` put a member of a long enum in (the sets it lies in, on which days), else undefined. */
  classOf(e: string, m: string): string | undefined {
    return this.classes.get(e)?.get(m);
  }

  private readonly classes = new Map<string, ReadonlyMap<string, string>>();

  index(e: string, m: string): number {
    const i = this.enums.get(e)?.indexOf(m) ?? -1;
    if (i < 0) throw new Unsupported(`unknown member ${e}.${m}`);
    return i;
  }
}

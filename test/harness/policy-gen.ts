/**
 * Random WELL-TYPED Pol policies as source text (fast-check), and random valid inputs for a checked
 * policy, biased to the boundaries of every constant it holds. See README.md.
 */
import fc from 'fast-check';
import { Rational, checkProgram, hasErrors, loadPolicy, COUNTRIES, type Ast as A, type CheckedProgram, type Type } from '@pol/core';

// ---------------------------------------------------------------- policies

const COUNTRY_POOL = ['US', 'JP', 'CN', 'DE', 'FR', 'GB', 'IN', 'BR', 'RU', 'IR', 'KP', 'CU', 'AU', 'CA', 'KR', 'SG'];
const DATES = ['2025-01-01', '2025-03-01', '2025-06-01', '2025-12-31', '2026-02-03'];

interface Ctx {
  readonly e0: readonly string[];
  readonly e1: readonly string[];
  readonly groups: readonly { name: string; of: 'Country' | 'E0' }[];
  readonly defines: { name: string; t: 'num' | 'unit' | 'bool' }[];
  readonly consts: { name: string; t: 'num' | 'unit' }[];
  /** a policy with ledgers: L0 (U0, per who and calendar year) and L1 (Number, per e0) */
  readonly ledgers?: boolean;
}

const intLit = fc.oneof(
  fc.integer({ min: 0, max: 20 }),
  fc.constantFrom(100, 1000, 4800, 70000, 1000000, 9007199254740991),
  fc.integer({ min: 0, max: 2_000_000 }),
);
const numLit: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: intLit.map(String) },
  { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 1, max: 99 })).map(([a, b]) => `${a}.${b}`) },
  { weight: 1, arbitrary: fc.constantFrom('1e26', '99999999999999999999999999', '1_000_000', '0.1', '2.5e3') },
);
const pctLit = fc.oneof(fc.integer({ min: 0, max: 100 }).map((n) => `${n}%`), fc.constantFrom('7%', '75%', '12.5%', '33.3%'));

function numExpr(c: Ctx, depth: number, inAgg?: string): fc.Arbitrary<string> {
  const atoms: fc.Arbitrary<string>[] = [
    fc.constantFrom('n0', 'n1'),
    numLit,
    fc.constant('(o0 otherwise 3)'),
    fc.constant('count(each x in items where x.flag)'),
    fc.constantFrom('calendar year of d1', '(days between date and d1 / 7 days)'),
  ];
  const nc = c.consts.filter((k) => k.t === 'num').map((k) => k.name);
  if (nc.length) atoms.push(fc.constantFrom(...nc));
  const nd = c.defines.filter((k) => k.t === 'num').map((k) => k.name);
  if (nd.length && !inAgg) atoms.push(fc.constantFrom(...nd));
  if (inAgg) atoms.push(fc.constant(`${inAgg}.m`));
  if (c.ledgers) atoms.push(fc.constant('L1'));
  if (depth <= 0) return fc.oneof(...atoms);
  const sub = numExpr(c, depth - 1, inAgg);
  return fc.oneof(
    { weight: 3, arbitrary: fc.oneof(...atoms) },
    { weight: 2, arbitrary: fc.tuple(sub, fc.constantFrom('+', '-', '*', '/'), sub).map(([a, o, b]) => `(${a} ${o} ${b})`) },
    { weight: 1, arbitrary: sub.map((a) => `-${a}`) },
    { weight: 1, arbitrary: fc.tuple(unitExpr(c, depth - 1, inAgg), unitExpr(c, depth - 1, inAgg)).map(([a, b]) => `(${a} / ${b})`) },
  );
}

function unitExpr(c: Ctx, depth: number, inAgg?: string): fc.Arbitrary<string> {
  const atoms: fc.Arbitrary<string>[] = [
    fc.constant('q0'),
    intLit.map((n) => `${n} U0`),
    fc.constant('(o1 otherwise 0 U0)'),
    fc.constant('sum(x.q for each x in items)'),
    fc.constantFrom(...c.groups.filter((g) => g.of === 'Country').map((g) => `sum(x.q for each x in items where x.c in ${g.name})`), 'sum(x.q for each x in items where x.flag)'),
  ];
  const uc = c.consts.filter((k) => k.t === 'unit').map((k) => k.name);
  if (uc.length) atoms.push(fc.constantFrom(...uc));
  const ud = c.defines.filter((k) => k.t === 'unit').map((k) => k.name);
  if (ud.length && !inAgg) atoms.push(fc.constantFrom(...ud));
  if (inAgg) atoms.push(fc.constant(`${inAgg}.q`));
  if (c.ledgers) atoms.push(fc.constant('L0'));
  if (depth <= 0) return fc.oneof(...atoms);
  const sub = unitExpr(c, depth - 1, inAgg);
  const num = numExpr(c, depth - 1, inAgg);
  return fc.oneof(
    { weight: 3, arbitrary: fc.oneof(...atoms) },
    { weight: 2, arbitrary: fc.tuple(sub, fc.constantFrom('+', '-'), sub).map(([a, o, b]) => `(${a} ${o} ${b})`) },
    { weight: 1, arbitrary: fc.tuple(pctLit, sub).map(([p, a]) => `(${p} * ${a})`) },
    { weight: 1, arbitrary: fc.tuple(sub, num).map(([a, n]) => `(${a} * ${n})`) },
    { weight: 1, arbitrary: fc.tuple(sub, num).map(([a, n]) => `(${a} / ${n})`) },
  );
}

const cmpOp = fc.constantFrom('<', '<=', '>', '>=', '=', '!=');

/** A duration: the input `nd` (days), literals in every unit (fractions included), sums and scalings. */
function durExpr(unit: 'days' | 'months' | 'years' | 'any'): fc.Arbitrary<string> {
  const lit = (u: string): fc.Arbitrary<string> =>
    fc.oneof(fc.integer({ min: 0, max: 400 }).map((n) => `${n} ${n === 1 ? u.slice(0, -1) : u}`), fc.constantFrom(`1.5 ${u}`, `12 ${u}`, `-1 ${u}`, `29 ${u}`));
  const days = fc.oneof(lit('days'), fc.constantFrom('nd', '(nd * 2)', '(nd + 3 days)', '(nd / 2)', 'days between d1 and date', '(o3 otherwise 1 day)'));
  const byUnit = { days, months: lit('months'), years: lit('years') };
  return unit === 'any' ? fc.oneof(byUnit.days, byUnit.months, byUnit.years) : byUnit[unit];
}

/** A date: the input dates, moved by a duration forward or back (either side of `+`). */
function dateExpr(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom('date', 'd1'),
    fc.tuple(fc.constantFrom('date', 'd1'), fc.constantFrom('+', '-'), durExpr('any')).map(([d, o, n]) => `(${d} ${o} ${n})`),
    fc.tuple(durExpr('any'), fc.constantFrom('date', 'd1')).map(([n, d]) => `(${n} + ${d})`),
  );
}

/** Conditions on dates and durations. */
function dateCond(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.tuple(dateExpr(), cmpOp, fc.oneof(fc.constantFrom(...DATES), dateExpr())).map(([a, o, b]) => `${a} ${o} ${b}`),
    fc.tuple(cmpOp, durExpr('days')).map(([o, n]) => `days between d1 and ${'date'} ${o} ${n}`),
    fc.tuple(fc.constantFrom('date', 'd1', '(d1 + nd)'), cmpOp, fc.constantFrom('2024', '2025', '2026', 'calendar year of date')).map(([d, o, y]) => `calendar year of ${d} ${o} ${y}`),
    fc.tuple(durExpr('months'), cmpOp, durExpr('months')).map(([a, o, b]) => `${a} ${o} ${b}`),
  );
}

function setExpr(c: Ctx, of: 'Country' | 'E0'): fc.Arbitrary<string> {
  const pool = of === 'Country' ? COUNTRY_POOL : c.e0;
  const lits = fc.uniqueArray(fc.constantFrom(...pool), { minLength: 0, maxLength: 4 }).map((ms) => `{ ${ms.join(', ')} }`);
  const names = c.groups.filter((g) => g.of === of).map((g) => g.name);
  return names.length ? fc.oneof(lits, fc.constantFrom(...names)) : lits;
}

function boolExpr(c: Ctx, depth: number, inAgg?: string): fc.Arbitrary<string> {
  const atoms: fc.Arbitrary<string>[] = [
    fc.tuple(numExpr(c, 1, inAgg), cmpOp, numExpr(c, 1, inAgg)).map(([a, o, b]) => `${a} ${o} ${b}`),
    fc.tuple(unitExpr(c, 1, inAgg), cmpOp, unitExpr(c, 1, inAgg)).map(([a, o, b]) => `${a} ${o} ${b}`),
    fc.tuple(fc.constantFrom('<', '>=', '='), fc.constantFrom(...DATES)).map(([o, d]) => `date ${o} ${d}`),
    fc.tuple(fc.constantFrom(...c.e0), fc.boolean()).map(([m, n]) => `e0 is ${n ? 'not ' : ''}${m}`),
    fc.tuple(fc.boolean(), setExpr(c, 'Country')).map(([n, s]) => `c0 ${n ? 'not ' : ''}in ${s}`),
    fc.tuple(fc.boolean(), setExpr(c, 'E0')).map(([n, s]) => `e0 ${n ? 'not ' : ''}in ${s}`),
    fc.constantFrom('b0', 'o0 is present', 'o0 is absent', 'o2 is present and o2 is E0_0'),
    fc.tuple(cmpOp, numLit).map(([o, n]) => `o0 is present and o0 ${o} ${n}`),
    fc.tuple(fc.constantFrom('all', 'any'), boolExpr0(c)).map(([op, b]) => `${op}(each x in items satisfies ${b})`),
    dateCond(),
    // derived units: U0 / U1 is UD (declared), so quotients and products of quantities type-check
    fc.tuple(cmpOp, intLit).map(([o, n]) => `q0 / q1 ${o} ${n} UD`),
    fc.tuple(cmpOp, fc.constantFrom('q0', '(q0 + 3 U0)', `${'pd'} * q1`)).map(([o, r]) => `pd * q1 ${o} ${r}`),
    fc.tuple(cmpOp, fc.constantFrom('pd', '(pd + 1.5 UD)', '(pd * 2)')).map(([o, r]) => `(q0 / q1) ${o} ${r}`),
    fc.tuple(cmpOp, pctLit).map(([o, p]) => `sh ${o} ${p}`),
  ];
  const bd = c.defines.filter((k) => k.t === 'bool').map((k) => k.name);
  if (bd.length && !inAgg) atoms.push(fc.constantFrom(...bd));
  if (inAgg) atoms.push(fc.constantFrom(`${inAgg}.flag`, `${inAgg}.c in ${c.groups.find((g) => g.of === 'Country')?.name ?? '{ US }'}`));
  if (depth <= 0) return fc.oneof(...atoms);
  const sub = boolExpr(c, depth - 1, inAgg);
  return fc.oneof(
    { weight: 3, arbitrary: fc.oneof(...atoms) },
    { weight: 2, arbitrary: fc.tuple(sub, fc.constantFrom('and', 'or'), sub).map(([a, o, b]) => `(${a} ${o} ${b})`) },
    { weight: 1, arbitrary: sub.map((a) => `not (${a})`) },
  );
}

/** Conditions about one list item `x` (inside all/any). */
function boolExpr0(c: Ctx): fc.Arbitrary<string> {
  const g = c.groups.find((x) => x.of === 'Country')?.name ?? '{ US }';
  return fc.oneof(
    fc.constantFrom('x.flag', `x.c in ${g}`, `x.c not in ${g}`),
    fc.tuple(cmpOp, intLit).map(([o, n]) => `x.q ${o} ${n} U0`),
    fc.tuple(cmpOp, numLit).map(([o, n]) => `x.m ${o} ${n}`),
  );
}

const title = fc.oneof(
  fc.constant(''),
  fc.constantFrom('Plain title', 'Quotes \\" and \\\\ backslash', 'Backtick ` and ${x} */ end', 'Line\\u{2028}sep', 'Emoji 🚀 \\u{1F600}'),
);

function decision(c: Ctx): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constant('none'),
    numExpr(c, 1).map((n) => `amount(x: ${n})`),
    fc.constantFrom(...c.e0).map((m) => `kind(k: ${m})`),
    fc.constant('kind(k: e0)'),
    fc.tuple(boolExpr(c, 0), dateExpr()).map(([b, d]) => `flagged(f: ${b}, at: ${d})`),
    unitExpr(c, 1).map((u) => `qty(u: ${u})`),
  );
}

interface BodyGen {
  readonly text: string;
}

function body(c: Ctx, kind: 'rule' | 'exception', depth: number, names: { n: number }): fc.Arbitrary<BodyGen> {
  const exc = depth > 0 ? fc.array(fc.constant(null), { maxLength: 3 }) : fc.constant([] as null[]);
  return fc
    .record({
      title,
      cites: fc.array(fc.constantFrom("Sec. 1(a)", "Reg \"2\"", "§ 734.9 */", "Cite `x` ${y}"), { minLength: 1, maxLength: 2 }),
      eff: fc.option(fc.constantFrom(...DATES), { freq: 4 }),
      until: fc.option(fc.constantFrom('2025-09-01', '2026-01-01'), { freq: 5 }),
      when: fc.option(boolExpr(c, 2), { freq: 8, nil: undefined }),
      decide: decision(c),
      obligations: fc.array(fc.constantFrom('Keep records', 'Report "now"'), { maxLength: 2 }),
      records: c.ledgers
        ? fc.tuple(fc.option(unitExpr(c, 1), { freq: 2, nil: undefined }), fc.option(numExpr(c, 1), { freq: 3, nil: undefined }))
        : fc.constant([undefined, undefined] as const),
      excs: exc,
    })
    .chain((r) =>
      (r.excs.length ? fc.tuple(...r.excs.map(() => body(c, 'exception', depth - 1, names))) : fc.constant([] as BodyGen[])).map((subs) => {
        const name = `${kind === 'rule' ? 'r' : 'x'}${names.n++}`;
        const lines = [`${kind} ${name}${r.title ? ` "${r.title}"` : ''} {`];
        for (const ci of r.cites) lines.push(`  cites "${ci.replace(/"/g, '\\"')}"`);
        if (r.eff) lines.push(`  effective ${r.eff}`);
        if (r.until && (!r.eff || r.until > r.eff)) lines.push(`  until ${r.until}`);
        if (r.when) lines.push(`  when ${r.when}`);
        lines.push(`  decide ${r.decide}`);
        for (const o of r.obligations) lines.push(`  obligation "${o.replace(/"/g, '\\"')}"`);
        if (r.records[0] !== undefined) lines.push(`  records ${r.records[0]} in L0`);
        if (r.records[1] !== undefined) lines.push(`  records ${r.records[1]} in L1`);
        for (const s of subs) lines.push(s.text.replace(/^/gm, '  '));
        lines.push('}');
        return { text: lines.join('\n') };
      }),
    );
}

/** A random well-typed policy, as .pol source text. */
export function arbPolicy(options: { maxRules?: number; ledgers?: boolean } = {}): fc.Arbitrary<string> {
  return fc
    .record({
      e0: fc.integer({ min: 2, max: 4 }),
      e1: fc.integer({ min: 1, max: 3 }),
      groups: fc.array(fc.tuple(fc.constantFrom<'Country' | 'E0'>('Country', 'E0'), fc.nat(1000)), { minLength: 1, maxLength: 3 }),
      consts: fc.array(fc.constantFrom<'num' | 'unit'>('num', 'unit'), { maxLength: 3 }),
      defines: fc.array(fc.constantFrom<'num' | 'unit' | 'bool'>('num', 'unit', 'bool'), { maxLength: 3 }),
      requires: fc.nat(2),
      seedRules: fc.integer({ min: 1, max: options.maxRules ?? 5 }),
    })
    .chain((s) => {
      const e0 = Array.from({ length: s.e0 }, (_, i) => `E0_${i}`);
      const e1 = Array.from({ length: s.e1 }, (_, i) => `E1_${i}`);
      const groups = s.groups.map(([of], i) => ({ name: `G${i}`, of }));
      const c: Ctx = { e0, e1, groups: [], defines: [], consts: [], ledgers: options.ledgers === true };
      const parts: fc.Arbitrary<string>[] = [];
      // groups: literal with dated members, or union/difference of earlier ones
      groups.forEach((g, i) => {
        const ctx: Ctx = { ...c, groups: groups.slice(0, i) };
        const pool = g.of === 'Country' ? COUNTRY_POOL : e0;
        const member = fc.tuple(fc.constantFrom(...pool), fc.option(fc.constantFrom(...DATES), { freq: 3 }), fc.option(fc.constantFrom('2025-09-01', '2026-01-01'), { freq: 4 }));
        const lit = fc.uniqueArray(member, { maxLength: 5, selector: (m) => m[0] }).map(
          (ms) => `{ ${ms.map(([m, f, u]) => `${m}${f ? ` from ${f}` : ''}${u && (!f || u > f) ? ` until ${u}` : ''}`).join(', ')} }`,
        );
        const prev = ctx.groups.filter((x) => x.of === g.of).map((x) => x.name);
        const value = prev.length
          ? fc.oneof(lit, fc.tuple(fc.constantFrom(...prev), fc.constantFrom('+', '-'), setExpr(ctx, g.of)).map(([a, o, b]) => `${a} ${o} ${b}`), fc.constant(`every ${g.of} - ${prev[0]}`))
          : lit;
        parts.push(value.map((v) => `group ${g.name} of ${g.of} = ${v}`));
      });
      const c2: Ctx = { ...c, groups };
      s.consts.forEach((t, i) => {
        parts.push((t === 'num' ? fc.oneof(numLit, pctLit) : intLit.map((n) => `${n} U0`)).map((v) => `const K${i} = ${v}`));
        c2.consts.push({ name: `K${i}`, t });
      });
      s.defines.forEach((t, i) => {
        const ctx: Ctx = { ...c2, defines: c2.defines.slice() };
        parts.push((t === 'num' ? numExpr(ctx, 2) : t === 'unit' ? unitExpr(ctx, 2) : boolExpr(ctx, 1)).map((v) => `define D${i} = ${v}`));
        c2.defines.push({ name: `D${i}`, t });
      });
      for (let i = 0; i < s.requires; i++) {
        parts.push(fc.tuple(fc.constantFrom('n0', 'n1'), intLit).map(([f, n]) => `require ${f} > -${n} because "${f} is too \\"small\\""`));
      }
      const names = { n: 0 };
      const rules = fc.array(fc.constant(null), { minLength: 1, maxLength: s.seedRules }).chain((rs) => fc.tuple(...rs.map(() => body(c2, 'rule', 2, names))));
      return fc.tuple(fc.tuple(...parts), rules, decision(c2), fc.boolean()).map(([decls, rs, otherwise, header]) => {
        names.n = 0;
        const out: string[] = [];
        if (header) out.push(`policy "Generated \\"policy\\" \`\${x}\` */" version "1.0"`);
        out.push(`enum E0 { ${e0.join(', ')} }`, `enum E1 { ${e1.join(', ')} }`, `unit U0 "a unit"`, `unit U1`, `unit UD "U0 per U1" = U0 / U1`);
        out.push(`record Item {\n  c: Country\n  q: U0\n  m: Number\n  flag: Boolean\n}`);
        out.push(
          `input In as of date {\n${options.ledgers ? '  id: Id\n  who: Id\n' : ''}  date: Date\n  n0: Number\n  n1: Number\n  q0: U0\n  e0: E0\n  e1: E1\n  c0: Country\n  b0: Boolean\n  o0: optional Number\n  o1: optional U0\n  o2: optional E0\n  o3: optional days\n  d1: Date\n  nd: days\n  q1: U1\n  pd: UD\n  sh: Share\n  items: list of Item\n}`,
        );
        out.push(`decision Outcome {\n  none\n  amount(x: Number)\n  kind(k: E0)\n  flagged(f: Boolean, at: Date)\n  qty(u: U0)\n}`);
        if (options.ledgers) out.push('ledger L0 "per who and year" {\n  of U0\n  per who\n  per calendar year of date\n  opening o1\n}', 'ledger L1 {\n  of Number\n  per e0\n}');
        out.push(...decls);
        out.push(...rs.map((r) => r.text));
        out.push(`otherwise decide ${otherwise}`);
        return renumber(out.join('\n\n')) + '\n';
      });
    });
}

/** Rule and exception names must be unique: renumber them in order of appearance. */
function renumber(src: string): string {
  let n = 0;
  return src.replace(/^(\s*)(rule|exception) [rx]\d+/gm, (_m, sp: string, k: string) => `${sp}${k} ${k === 'rule' ? 'r' : 'x'}${n++}`);
}

/** Checks source text as a single file; throws with the diagnostics when it does not pass. */
export function checkSource(src: string, path = '/gen/policy.pol'): CheckedProgram {
  const loaded = loadPolicy(path, (p) => (p === path ? src : undefined));
  const checked = checkProgram(loaded.files, loaded.sources, path);
  const diags = [...loaded.diagnostics, ...checked.diagnostics];
  if (hasErrors(diags) || !checked.program) {
    throw new Error(`generated policy does not check:\n${diags.filter((d) => d.severity === 'error').map((d) => d.message).join('\n')}\n---\n${src}`);
  }
  return checked.program;
}

// ---------------------------------------------------------------- inputs

/** Every number and date literal in the program (the thresholds to probe). */
function constants(program: CheckedProgram): { numbers: Rational[]; dates: string[] } {
  const numbers: Rational[] = [];
  const dates = new Set<string>();
  const walk = (v: unknown): void => {
    if (!v || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach(walk);
    const n = v as { kind?: string; text?: string; value?: unknown };
    if (n.kind === 'number' && typeof n.text === 'string') {
      const r = Rational.parse(n.text);
      if (r) numbers.push(r);
    } else if (n.kind === 'percent' && typeof n.text === 'string') {
      const r = Rational.parse(n.text);
      if (r) numbers.push(r.div(Rational.of(100n)), r);
    } else if (n.kind === 'date' && typeof n.value === 'string') dates.add(n.value);
    for (const [k, x] of Object.entries(v)) if (k !== 'span') walk(x);
  };
  for (const f of program.files) walk(f.declarations.filter((d) => d.kind !== 'example'));
  return { numbers, dates: [...dates] };
}

function shiftDate(d: string, days: number): string {
  const t = new Date(d + 'T00:00:00Z').getTime() + days * 86400000;
  return new Date(t).toISOString().slice(0, 10);
}

function numberArb(program: CheckedProgram, unit: boolean): fc.Arbitrary<unknown> {
  const { numbers } = constants(program);
  const near = numbers.flatMap((r) => [r.sub(Rational.ONE), r, r.add(Rational.ONE), r.sub(Rational.of(1n, 100n)), r.add(Rational.of(1n, 1000n))]);
  const asJson = (r: Rational): unknown => {
    const j = r.toJSON();
    return typeof j === 'string' && j.includes('/') ? r.num.toString() : j;
  };
  const arbs: fc.Arbitrary<unknown>[] = [
    fc.integer({ min: unit ? 0 : -50, max: 50 }),
    fc.constantFrom(0, 1, 2, 100, 5.92, 0.1, 1e-7, '99999999999999999999999999', '0.30000000000000000000001', '1e26', '12.50', 9007199254740991, '9007199254740993'),
    fc.tuple(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 999 })).map(([a, b]) => `${a}.${b}`),
  ];
  if (near.length) arbs.push(fc.constantFrom(...near).map(asJson), fc.constantFrom(...near).map((r) => (r.isInteger() ? r.num.toString() : asJson(r))));
  const arb = fc.oneof(...arbs);
  if (!unit) return fc.oneof(arb, arb.map((v) => (typeof v === 'number' ? -v : typeof v === 'string' && !v.startsWith('-') ? '-' + v : v)));
  return arb.filter((v) => !(typeof v === 'number' && v < 0) && !(typeof v === 'string' && v.trim().startsWith('-')));
}

function valueArb(program: CheckedProgram, t: Type, depth: number): fc.Arbitrary<unknown> {
  switch (t.kind) {
    case 'bool':
      return fc.boolean();
    case 'number':
      return numberArb(program, t.unit !== null);
    case 'date': {
      const ds = constants(program).dates.flatMap((d) => [shiftDate(d, -1), d, shiftDate(d, 1)]);
      // month ends, a leap day and the ends of the calendar probe date arithmetic's clamping
      return fc.oneof(
        fc.constantFrom('2024-12-31', '2025-05-01', '2026-06-30'),
        fc.constantFrom('2024-02-29', '2025-01-31', '2024-03-31', '0000-01-01', '0000-02-29', '9999-12-31', '9999-11-30'),
        ...(ds.length ? [fc.constantFrom(...ds)] : []),
      );
    }
    case 'enum': {
      const members = program.enums.get(t.name)?.members ?? [];
      if (t.name === 'Country') {
        const used = new Set<string>();
        for (const f of program.files)
          for (const d of f.declarations) if (d.kind === 'group') JSON.stringify(d.value, (k, v: unknown) => (k === 'span' ? undefined : v)).replace(/"name":"([A-Z]{2})"/g, (_m, c: string) => (used.add(c), ''));
        return fc.oneof(fc.constantFrom(...(used.size ? [...used] : ['US'])), fc.constantFrom(...COUNTRIES.map((c) => c[0])));
      }
      return fc.constantFrom(...members);
    }
    case 'optional':
      return fc.option(valueArb(program, t.inner, depth), { nil: null, freq: 3 });
    case 'id':
      // few values, so that a sequence of inputs meets the same balance again
      return fc.constantFrom('A', 'B', 'C-1');
    case 'list':
      return fc.array(valueArb(program, t.element, depth + 1), { maxLength: depth > 1 ? 1 : 4 });
    case 'record': {
      const entries = [...t.fields].map(([k, ft]) => [k, valueArb(program, ft, depth)] as const);
      return fc.record(Object.fromEntries(entries)).map((r) => {
        // absent optionals are sometimes missing, sometimes null
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(r)) if (!(v === null && (k.length % 2 === 0))) out[k] = v;
        return out;
      });
    }
    default:
      return fc.constant(null);
  }
}

/** Random valid-shaped inputs for a checked policy (a `require` may still reject some). */
export function arbInputFor(program: CheckedProgram): fc.Arbitrary<unknown> {
  return valueArb(program, program.input.type, 0);
}

/** Inputs that must be rejected (or probe validation edge cases). */
export function arbBadInputFor(program: CheckedProgram): fc.Arbitrary<unknown> {
  const fields = [...program.input.type.fields.keys()];
  return fc.tuple(arbInputFor(program), fc.nat(8), fc.constantFrom(...fields)).map(([v, k, f]) => {
    const o = { ...(v as Record<string, unknown>) };
    switch (k) {
      case 0:
        delete o[f];
        break;
      case 1:
        o[f] = 'XX';
        break;
      case 2:
        o[f] = Number.NaN;
        break;
      case 3:
        o[f] = 2 ** 60;
        break;
      case 4:
        o[f] = -5;
        break;
      case 5:
        return JSON.parse(JSON.stringify(o).replace(/^\{/, '{"__proto__":{"polluted":1},"constructor":1,'));
      case 6:
        o['extra_field'] = 1;
        break;
      case 7:
        o[f] = [{ c: 'XX', q: -1, m: Infinity, flag: 'yes', more: 1 }];
        break;
      default:
        return [o];
    }
    return o;
  });
}

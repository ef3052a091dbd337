/**
 * What the changed transaction must be decided as: "another decision" (the outcome or a field
 * differs from today's), or the one `--want` names (`authorized`, `authorized(authorization: AIA)`),
 * as a solver term and as a check on the interpreter's answer.
 */
import { Rational, type CheckedProgram, type DecisionJson, type Json } from '@pol/core/checker';
import { dayNumber } from '../smt/dates.ts';
import type { SymDecision } from '../smt/encode.ts';
import type { Universe } from '../smt/universe.ts';
import type { SV } from '../smt/values.ts';
import type { Z, ZExpr } from '../smt/z3.ts';

/** A mistake in what the user asked (`--want`, `--keep`) or in the input: the message says what and where. */
export class WhyError extends Error {
  constructor(
    message: string,
    /** for an input that does not validate: each problem with its JSON path */
    readonly problems: readonly string[] = [],
  ) {
    super(message);
  }
}

/** The wanted decision: an outcome and, optionally, some of its fields. */
export interface Want {
  readonly outcome: string;
  readonly fields: ReadonlyMap<string, Json>;
  readonly text: string;
}

/** Parses `--want`: `outcome` or `outcome(field: value, ...)`, checked against the policy's decision. */
export function parseWant(program: CheckedProgram, text: string): Want {
  const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:\((.*)\))?\s*$/s.exec(text);
  const outcomes = program.decision.variants.map((v) => v.name);
  if (!m) throw new WhyError(`--want must be an outcome or outcome(field: value), e.g. \`${outcomes[0] ?? 'outcome'}\`, not \`${text}\``);
  const variant = program.decision.variants.find((v) => v.name === m[1]);
  if (!variant) throw new WhyError(`--want: the decision has no outcome \`${m[1]}\`; its outcomes are ${outcomes.join(', ')}`);
  const fields = new Map<string, Json>();
  const args = (m[2] ?? '').trim();
  if (args !== '') {
    for (const part of args.split(',')) {
      const kv = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(\S(?:.*\S)?)\s*$/.exec(part);
      if (!kv) throw new WhyError(`--want: \`${part.trim()}\` is not \`field: value\``);
      const param = variant.params.find((p) => p.name === kv[1]);
      if (!param) throw new WhyError(`--want: ${variant.name} has no field \`${kv[1]}\`${variant.params.length ? `; its fields are ${variant.params.map((p) => p.name).join(', ')}` : ' (it has no fields)'}`);
      const raw = kv[2]!.replace(/^"(.*)"$/, '$1');
      const t = param.type.kind === 'optional' ? param.type.inner : param.type;
      let value: Json;
      if (t.kind === 'enum') {
        const members = program.enums.get(t.name)?.members ?? [];
        if (!members.includes(raw)) throw new WhyError(`--want: \`${raw}\` is not a member of ${t.name} (${members.slice(0, 12).join(', ')}${members.length > 12 ? ', ...' : ''})`);
        value = raw;
      } else if (t.kind === 'bool') {
        if (raw !== 'true' && raw !== 'false') throw new WhyError(`--want: ${kv[1]} is true or false, not \`${raw}\``);
        value = raw === 'true';
      } else if (t.kind === 'number') {
        const r = Rational.parse(raw);
        if (!r) throw new WhyError(`--want: ${kv[1]} is a number, not \`${raw}\``);
        value = r.toJSON();
      } else if (t.kind === 'date') {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(raw)) throw new WhyError(`--want: ${kv[1]} is a date (YYYY-MM-DD), not \`${raw}\``);
        value = raw;
      } else throw new WhyError(`--want: a field of kind ${t.kind} cannot be asked for`);
      fields.set(kv[1]!, value);
    }
  }
  return { outcome: variant.name, fields, text: text.trim() };
}

/** A number of a decision as JSON writes it: a JSON number, a decimal string, or `n/d` when no decimal is exact. */
export function rationalJson(v: Json | undefined): Rational | undefined {
  if (typeof v !== 'number' && typeof v !== 'string') return undefined;
  const f = /^(-?\d+)\/(\d+)$/.exec(String(v));
  return f ? Rational.of(BigInt(f[1]!), BigInt(f[2]!)) : Rational.parse(String(v));
}

function jsonEq(a: Json | undefined, b: Json | undefined): boolean {
  const x = rationalJson(a);
  const y = rationalJson(b);
  if (x && y) return x.eq(y);
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** Whether the interpreter's decision is what was asked for. */
export function meets(d: DecisionJson, current: DecisionJson, want: Want | undefined): boolean {
  if (!want) {
    const keys = new Set([...Object.keys(d), ...Object.keys(current)]);
    return [...keys].some((k) => !jsonEq(d[k], current[k]));
  }
  return d.outcome === want.outcome && [...want.fields].every(([k, v]) => jsonEq(d[k], v));
}

/** The same as a solver term on the encoded decision. */
export function goalTerm(Z: Z, u: Universe, sym: SymDecision, fieldNames: readonly string[], current: DecisionJson, want: Want | undefined): ZExpr {
  const fieldIs = (name: string, v: Json): ZExpr => {
    const f = sym.fields.get(name);
    if (!f || !f.v) return Z.Bool.val(v === null);
    if (v === null) return Z.Not(f.p);
    return Z.And(f.p, valueIs(Z, u, f.v, v));
  };
  if (want) return Z.And(sym.variant.eq(u.variants.indexOf(want.outcome)), ...[...want.fields].map(([k, v]) => fieldIs(k, v)));
  const same = Z.And(sym.variant.eq(u.variants.indexOf(current.outcome)), ...fieldNames.map((k) => fieldIs(k, current[k] ?? null)));
  return Z.Not(same);
}

function valueIs(Z: Z, u: Universe, sv: SV, v: Json): ZExpr {
  switch (sv.t) {
    case 'bool':
      return sv.v.eq(Z.Bool.val(v === true));
    case 'num': {
      const r = rationalJson(v);
      if (!r) return Z.Bool.val(false);
      return sv.v.eq(Z.Real.val(r.den === 1n ? r.num.toString() : `${r.num}/${r.den}`));
    }
    case 'date':
      return sv.v.eq(dayNumber(String(v)));
    case 'enum': {
      const i = u.enums.get(sv.name)?.indexOf(String(v)) ?? -1;
      return i < 0 ? Z.Bool.val(false) : sv.v.eq(i);
    }
    case 'opt':
      return Z.And(sv.p, valueIs(Z, u, sv.v, v));
    default:
      return Z.Bool.val(false);
  }
}

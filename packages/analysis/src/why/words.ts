/**
 * A `pol why` report in plain words ("if consignee.headquarters were GB (United Kingdom) instead
 * of CN (China), License Exception AIA would apply: ...") or as JSON for tools.
 */
import type { CheckedProgram, DecisionJson, Type } from '@pol/core/checker';
import { decisionText } from '../confirm.ts';
import type { Change } from './changes.ts';
import type { GroupPhrase } from './groups.ts';
import type { RuleRef, Suggestion, WhyReport } from './search.ts';

export type WhyFormat = 'text' | 'json';

/** The type of the leaf at a path (list indices allowed), for display names of members. */
export function typeAt(t: Type, path: string): Type | undefined {
  let cur: Type | undefined = t;
  for (const part of path.split('.')) {
    const m = /^([^[]+)((?:\[\d+\])*)$/.exec(part);
    if (!m || !cur) return undefined;
    if (cur.kind === 'optional') cur = cur.inner;
    if (cur.kind !== 'record') return undefined;
    cur = cur.fields.get(m[1]!);
    for (let n = (m[2]!.match(/\[/g) ?? []).length; n > 0 && cur; n--) {
      if (cur.kind === 'optional') cur = cur.inner;
      cur = cur.kind === 'list' ? cur.element : undefined;
    }
  }
  return cur?.kind === 'optional' ? cur.inner : cur;
}

function shown(program: CheckedProgram, path: string, v: string): string {
  const t = typeAt(program.input.type, path);
  const label = t?.kind === 'enum' ? program.enums.get(t.name)?.labels?.get(v) : undefined;
  return label ? `${v} (${label})` : v;
}

/** A value as a sentence says it: member labels, and numbers grouped by thousands with their unit ("4,799 TPP", "1 month"). */
function spoken(program: CheckedProgram, path: string, v: string): string {
  const t = typeAt(program.input.type, path);
  if (t?.kind !== 'number' || !/^-?\d+(\.\d+)?$/.test(v)) return shown(program, path, v);
  const [whole, frac] = v.split('.') as [string, string | undefined];
  const n = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac === undefined ? '' : `.${frac}`);
  if (t.unit === null) return n;
  // durations read as words: 1 day, 2 days
  const unit = v === '1' && (t.unit === 'days' || t.unit === 'months' || t.unit === 'years') ? t.unit.slice(0, -1) : t.unit;
  return `${n} ${unit}`;
}

/** A group as the policy titles it ("Country Group D:4"), else by its name. */
function groupName(program: CheckedProgram, name: string): string {
  return program.groups.find((g) => g.name.name === name)?.title?.value ?? name;
}

function groupText(program: CheckedProgram, g: GroupPhrase): string {
  if (g.group === undefined) return `${g.members.slice(0, -1).join(', ')} or ${g.members[g.members.length - 1]}`;
  const name = groupName(program, g.group);
  return g.members.length <= 6 ? `in ${name} (${g.members.join(', ')})` : `in ${name} (${g.members.length} members, e.g. ${g.members.slice(0, 3).join(', ')})`;
}

export function changePhrase(program: CheckedProgram, c: Change, groups: readonly GroupPhrase[] = []): string {
  const g = groups.find((x) => x.path === c.path);
  const after = g ? groupText(program, g) : spoken(program, c.path, c.after);
  const before = spoken(program, c.path, c.before);
  if (c.before === 'absent') return `${c.path} were ${after} (it is absent)`;
  if (c.after === 'absent') return `${c.path} were absent (it is ${before})`;
  return `${c.path} were ${after} instead of ${before}`;
}

function ruleName(r: RuleRef): string {
  return r.title ? `${r.title} (${r.id})` : r.id;
}

function cites(r: RuleRef): string {
  return r.cites.length ? ` (${r.cites.join('; ')})` : '';
}

function outcomePhrase(d: DecisionJson, rules: readonly RuleRef[]): string {
  const last = rules[rules.length - 1];
  if (!last || last.kind === 'otherwise') return `no rule would apply, and the policy's otherwise would decide ${decisionText(d)}${last ? cites(last) : ''}`;
  return `${ruleName(last)} would apply: ${decisionText(d)}${cites(last)}`;
}

/** The suggestion as one sentence. */
export function suggestionText(program: CheckedProgram, s: Suggestion): string {
  return `If ${s.changes.filter((c) => !c.unread).map((c) => changePhrase(program, c, s.groups)).join(', and ')}, ${outcomePhrase(s.decision, s.rules)}.`;
}

export function renderWhy(program: CheckedProgram, r: WhyReport, format: WhyFormat): string {
  if (format === 'json') {
    const out = {
      decision: r.decision,
      decided_by: r.decidedBy,
      rules: r.rules,
      want: r.want ?? null,
      keep: r.keep,
      status: r.status,
      note: r.note ?? null,
      searched_up_to: r.searchedUpTo,
      suggestions: r.suggestions.map((s) => ({
        text: suggestionText(program, s),
        changes: s.changes,
        decision: s.decision,
        decided_by: s.decidedBy,
        rules: s.rules,
        groups: s.groups.map((g) => ({ path: g.path, group: g.group ?? null, members: g.members })),
        obligations: s.obligations,
        input: s.input,
      })),
    };
    return JSON.stringify(out, null, 2) + '\n';
  }
  const lines: string[] = [];
  const last = r.rules[r.rules.length - 1];
  lines.push(`Decision: ${decisionText(r.decision)}, decided by ${last ? ruleName(last) + cites(last) : r.decidedBy}.`);
  if (r.keep.length) lines.push(`Kept as they are: ${r.keep.join(', ')}.`);
  lines.push('');
  if (r.suggestions.length === 0) {
    lines.push(r.note ? capital(r.note) + '.' : 'No suggestion.');
    return lines.join('\n') + '\n';
  }
  lines.push(r.want ? `The smallest changes that lead to ${r.want}:` : 'The smallest changes that lead to another decision:');
  r.suggestions.forEach((s, i) => {
    lines.push('', `${i + 1}. ${suggestionText(program, s)}`);
    for (const c of s.changes) lines.push(`   ${c.path}: ${shown(program, c.path, c.before)} -> ${shown(program, c.path, c.after)}${c.unread ? ' (the record needs it; the policy does not read it)' : ''}`);
    lines.push(`   decided by: ${s.rules.map((x) => x.id).join(' > ')}`);
  });
  lines.push('', 'Each suggestion was confirmed by deciding the changed transaction with the reference interpreter.');
  if (r.note) lines.push(capital(r.note) + '.');
  return lines.join('\n') + '\n';
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

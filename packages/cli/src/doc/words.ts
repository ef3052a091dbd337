/**
 * A policy's conditions in words, from the IR (never from its text): `and` and `or` become nested
 * lists, comparisons read "is at least", "is on or after", group memberships name the group and
 * link to its members, definitions link to their own entry. Literals are shown as the policy
 * wrote them (`75%`, `4_800 TPP`), taken from their spans. A titled group, constant or definition
 * reads as its title ("Country Group D:4"), its name beside it.
 */
import { spanText, type Expr, type Program } from '@pol/core/ir';
import { anchor, html, join, type Html } from './html.ts';

const NUMBER_WORDS = { '=': 'is', '!=': 'is not', '<': 'is less than', '<=': 'is at most', '>': 'is more than', '>=': 'is at least' } as const;
const DATE_WORDS = { '=': 'is', '!=': 'is not', '<': 'is before', '<=': 'is on or before', '>': 'is after', '>=': 'is on or after' } as const;

/** What a group, const or define carries for people (its key in the map: `group:D4`, `const:ADV`, `define:advanced`). */
export interface Label {
  readonly title: string | undefined;
  readonly cites: readonly string[];
}

export class Words {
  constructor(
    private readonly p: Program,
    private readonly labels: ReadonlyMap<string, Label> = new Map(),
  ) {}

  private title(kind: 'group' | 'const' | 'define', name: string): string | undefined {
    return this.labels.get(`${kind}:${name}`)?.title;
  }

  private literal(e: Expr, fallback: string): Html {
    return html`<code>${spanText(this.p, e.span) ?? fallback}</code>`;
  }

  /** A value or a short fact, inline. */
  phrase(e: Expr): Html {
    const x = (y: Expr): Html => this.phrase(y);
    switch (e.k) {
      case 'num':
        return this.literal(e, e.value.den === 1n ? String(e.value.num) : `${e.value.num}/${e.value.den}`);
      case 'date':
        return html`<time datetime="${e.value}">${e.value}</time>`;
      case 'bool':
        return html`${e.value ? 'true' : 'false'}`;
      case 'enum':
        return html`<code>${e.member}</code>`;
      case 'input':
        return html`<code class="fact">${e.field}</code>`;
      case 'field':
        return html`<code class="fact">${this.path(e)}</code>`;
      case 'binder':
        return html`<code>${this.p.binders[e.id]?.name ?? 'it'}</code>`;
      case 'def': {
        const d = this.p.defs[e.id];
        if (!d) return html`<code>?</code>`;
        if (d.origin === 'const') {
          const t = this.title('const', d.name);
          return t ? html`<a href="#${anchor('const', d.name)}">${t}</a> (<code>${d.name}</code>, ${x(d.value)})` : html`<a href="#${anchor('const', d.name)}"><code>${d.name}</code></a> (${x(d.value)})`;
        }
        if (d.origin === 'define') {
          const t = this.title('define', d.name);
          return t ? html`<a href="#${anchor('define', d.name)}">${t}</a> (<code>${d.name}</code>)` : html`<a href="#${anchor('define', d.name)}"><code>${d.name}</code></a>`;
        }
        return x(d.value);
      }
      case 'not':
        if (e.arg.k === 'present') return html`${x(e.arg.arg)} is not given`;
        if (e.arg.k === 'member') return html`${x(e.arg.elem)} is not in ${this.setName(e.arg.set)}`;
        if (e.arg.k === 'def' || e.arg.k === 'input' || e.arg.k === 'field') return html`${x(e.arg)} does not hold`;
        return html`it is not so that ${x(e.arg)}`;
      case 'neg':
        return html`minus ${x(e.arg)}`;
      case 'and':
        return join(e.args.map(x), ' and ');
      case 'or':
        return join(e.args.map(x), ' or ');
      case 'arith':
        return html`${x(e.l)} ${{ '+': 'plus', '-': 'minus', '*': 'times', '/': 'divided by' }[e.op]} ${x(e.r)}`;
      case 'cmp': {
        if (e.domain === 'bool' && e.r.k === 'bool') return e.r.value === (e.op === '=') ? html`${x(e.l)} is true` : html`${x(e.l)} is false`;
        const words = e.domain === 'date' ? DATE_WORDS[e.op] : NUMBER_WORDS[e.op];
        const scaled = e.scale ? html` (scaled ${String(e.scale.l)} : ${String(e.scale.r)})` : '';
        return html`${x(e.l)} ${words} ${x(e.r)}${scaled}`;
      }
      case 'present':
        return html`${x(e.arg)} is given`;
      case 'coalesce':
        return html`${x(e.value)} (${x(e.fallback)} when not given)`;
      case 'member':
        return html`${x(e.elem)} is in ${this.setName(e.set)}`;
      case 'dateShift': {
        // lowering writes `d - n` as a shift by `-(n)` and years as months `n * 12`, both on the span of `n`: read them back as written
        let amount = e.amount;
        const back = amount.k === 'neg' && sameSpan(amount.span, amount.arg.span);
        if (amount.k === 'neg' && back) amount = amount.arg;
        if (amount.k === 'arith' && amount.op === '*' && amount.r.k === 'num' && sameSpan(amount.span, amount.r.span)) amount = amount.l;
        return back ? html`${x(amount)} before ${x(e.date)}` : html`${x(e.date)} plus ${x(amount)}`;
      }
      case 'daysBetween':
        return html`the days from ${x(e.from)} to ${x(e.to)}`;
      case 'yearOf':
        return html`the calendar year of ${x(e.date)}`;
      case 'balance': {
        const l = this.p.ledgers[e.ledger];
        return html`the balance of ledger <code>${l?.name ?? '?'}</code> before this transaction`;
      }
      case 'agg': {
        const binder = html`<code>${this.p.binders[e.binder]?.name ?? 'it'}</code>`;
        const where = e.where ? html` where ${x(e.where)}` : '';
        const each = html`each ${binder} in ${x(e.list)}${where}`;
        if (e.op === 'sum') return html`the total of ${e.body ? x(e.body) : 'the values'} over ${each}`;
        if (e.op === 'count') return html`the number of entries, counting ${each}`;
        if (e.op === 'all') return html`for ${each}: ${e.body ? x(e.body) : 'true'}`;
        return html`for at least one: ${each}, ${e.body ? x(e.body) : 'true'}`;
      }
    }
  }

  /** A condition as a list a reviewer can tick off: `and` is "all of", `or` is "any of", nested. */
  conditions(e: Expr): Html {
    if (e.k === 'and') return html`<p class="lead">All of these hold:</p><ul class="all">${e.args.map((a) => html`<li>${this.item(a)}</li>`)}</ul>`;
    if (e.k === 'or') return html`<p class="lead">Any one of these holds:</p><ul class="any">${e.args.map((a) => html`<li>${this.item(a)}</li>`)}</ul>`;
    return html`<ul class="all"><li>${this.item(e)}</li></ul>`;
  }

  private item(e: Expr): Html {
    if (e.k === 'and') return html`all of:<ul class="all">${e.args.map((a) => html`<li>${this.item(a)}</li>`)}</ul>`;
    if (e.k === 'or') return html`any of:<ul class="any">${e.args.map((a) => html`<li>${this.item(a)}</li>`)}</ul>`;
    if (e.k === 'not' && (e.arg.k === 'and' || e.arg.k === 'or')) return html`none of these holds together:${this.item(e.arg)}`;
    return this.phrase(e);
  }

  setName(id: number): Html {
    const s = this.p.sets[id];
    if (!s) return html`a set`;
    if (s.name !== undefined) {
      const t = this.title('group', s.name);
      return t ? html`<a href="#${anchor('group', s.name)}">${t}</a> (<code>${s.name}</code>)` : html`<a href="#${anchor('group', s.name)}"><code>${s.name}</code></a>`;
    }
    const members = s.undated;
    return html`{ ${join(members.map((m) => html`<code>${m}</code>`), ', ')} }`;
  }

  private path(e: Expr): string {
    if (e.k === 'input') return e.field;
    if (e.k === 'field') return `${this.path(e.object)}.${e.name}`;
    if (e.k === 'binder') return this.p.binders[e.id]?.name ?? 'it';
    return spanText(this.p, e.span) ?? '?';
  }
}

function sameSpan(a: { file: string; start: number; end: number }, b: { file: string; start: number; end: number }): boolean {
  return a.file === b.file && a.start === b.start && a.end === b.end;
}

/**
 * The cone of a change: the top-level rules of each version that can decide an input the other
 * version decides differently. Every other rule has a *twin* in the other version (the same
 * meaning: dates, condition, decision, obligations and exceptions, as IR keys with definitions,
 * constants and groups inlined), so the difference query is asked only of inputs decided by an
 * untwinned rule on at least one side, and the solver never searches the rules the change leaves
 * alone.
 *
 * Why this is sound: twins are matched in order (a longest common subsequence of the rule lists,
 * the fallback being a last rule on both sides). Say an input is decided by twinned rules on both
 * sides, B_i before (twin A_k) and A_j after (twin B_l). B_i applies, so its twin A_k does, so
 * j <= k; A_j applies, so B_l does, so i <= l. If j < k, the matching's order gives l < i, a
 * contradiction; so j = k, the deciding rules are twins and decide the same. Hence a difference
 * needs an untwinned deciding rule on some side. This holds on the inputs both versions accept,
 * which is where the difference query looks: there both read the same values.
 */
import type * as IR from '@pol/core/ir';
import { decisionKey, exprKey } from './ir-key.ts';

const keys = new WeakMap<IR.Program, string[]>();

/** Each top-level rule's meaning, the fallback (the pseudo-rule `otherwise`) last; computed once per program. */
export function ruleKeys(p: IR.Program): string[] {
  let k = keys.get(p);
  if (!k) {
    const body = (b: IR.Rule): unknown => [b.from, b.until, b.when ? exprKey(p, b.when, true) : null, decisionKey(p, b.decide, true), b.obligations, b.exceptions.map(body)];
    k = [...p.rules.map((r) => JSON.stringify(body(r))), JSON.stringify(['otherwise', decisionKey(p, p.otherwise.decide, true)])];
    keys.set(p, k);
  }
  return k;
}

/**
 * For each version, whether each top-level rule (the fallback last) is outside every twin pair,
 * i.e. in the cone. Common prefix and suffix first, then a longest common subsequence of the rest
 * (quadratic only in the part that changed).
 *
 * `prefix`: how many top-level rules both versions open with, twin by twin (the fallback not
 * counted). Neither version's deciding rule is one of them where the two decide differently: the
 * first rule that applies is the same rule on both sides, its exceptions the same, so the deciding
 * leaf is the same (a stronger fact than the cone's, which the diff asserts so that the solver
 * need not rediscover it rule by rule: 1.3 s of a 3,000-rule diff's last question).
 */
export function untwinned(before: IR.Program, after: IR.Program): { before: boolean[]; after: boolean[]; prefix: number } {
  const a = ruleKeys(before);
  const b = ruleKeys(after);
  const ua = a.map(() => true);
  const ub = b.map(() => true);
  let lo = 0;
  while (lo < a.length && lo < b.length && a[lo] === b[lo]) ua[lo] = ub[lo++] = false;
  let hi = 0;
  while (hi < a.length - lo && hi < b.length - lo && a[a.length - 1 - hi] === b[b.length - 1 - hi]) {
    ua[a.length - 1 - hi] = ub[b.length - 1 - hi] = false;
    hi++;
  }
  const n = a.length - lo - hi;
  const m = b.length - lo - hi;
  if (n > 0 && m > 0) {
    // lcs[i][j]: the longest common subsequence of a[lo+i..] and b[lo+j..]
    const w = m + 1;
    const lcs = new Uint32Array((n + 1) * w);
    for (let i = n - 1; i >= 0; i--)
      for (let j = m - 1; j >= 0; j--) lcs[i * w + j] = a[lo + i] === b[lo + j] ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
    for (let i = 0, j = 0; i < n && j < m; ) {
      if (a[lo + i] === b[lo + j]) {
        ua[lo + i] = ub[lo + j] = false;
        i++;
        j++;
      } else if (lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!) i++;
      else j++;
    }
  }
  return { before: ua, after: ub, prefix: Math.min(lo, before.rules.length, after.rules.length) };
}

/**
 * The oracle's generators checked for reach: the boundary-biased transaction generator really
 * produces every outcome, every precedence collision, the numeric boundaries exactly and one past,
 * and the encodings the contract allows. Without this, the oracle's properties (oracle.test.ts)
 * and the policy-vs-oracle differential could pass on a generator that misses the hard cases.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AUTHORIZATIONS, decideAsEnforced, decideIfr } from './oracle.ts';
import type { IfrTransaction } from './oracle.ts';
import * as Q from './rational.ts';
import { tierOf } from './tiers.ts';
import { arbIfrTransaction } from './transactions.ts';

describe('generator coverage (seed 42, 4000 samples)', () => {
  const samples = fc.sample(arbIfrTransaction(), { seed: 42, numRuns: 4000 });
  const results = samples.map((tx) => ({ tx, r: decideIfr(tx) }));
  const LIMIT = Q.int(26_900_000);
  /** A generated quantity: absent/null (V2), a number or a decimal string (V3). */
  const num = (x: unknown): Q.Rat | null =>
    typeof x === 'number' ? Q.fromNumber(x) : typeof x === 'string' ? Q.fromDecimalString(x) : null;
  const shipment = (tx: IfrTransaction): Q.Rat =>
    Q.mul(num(tx.item.units) ?? Q.int(1), num(tx.item.tpp) ?? Q.ZERO);

  it('reaches every outcome, authorization and review policy', () => {
    const seen = new Set<string>();
    for (const { r } of results) {
      if (!r.ok) continue;
      seen.add(r.outcome);
      if (r.authorization) seen.add(r.authorization);
      if (r.review_policy) seen.add(r.review_policy);
    }
    for (const k of ['not_controlled', 'authorized', 'license_required', 'presumption_of_approval', 'presumption_of_denial', 'case_by_case', ...AUTHORIZATIONS]) {
      expect(seen, k).toContain(k);
    }
  });

  it('reaches every decision of the as-enforced regime, before and after the NAC/ACA split', () => {
    const seen = new Set<string>();
    for (const tx of samples) {
      const r = decideAsEnforced(tx);
      if (!r.ok) continue;
      const when = tx.date < '2024-04-04' ? 'before' : 'after';
      seen.add(`${when}:${r.authorization ?? r.review_policy ?? r.outcome}`);
    }
    // case_by_case before 2026 can come only from the D:1/D:4 review (E4), so 'before:' shows it.
    for (const k of ['before:NAC', 'after:NAC', 'after:ACA', 'before:presumption_of_denial', 'before:case_by_case', 'after:case_by_case', 'before:not_controlled']) {
      expect(seen, k).toContain(k);
    }
    expect(seen).not.toContain('before:ACA');
    // E4: no review under the 2023 controls is a presumption of approval any more (fact 4.3 [U]).
    expect([...seen].some((k) => k.endsWith(':presumption_of_approval'))).toBe(false);
  });

  it('reaches every precedence collision', () => {
    const pairs = new Set<string>();
    for (const { r } of results) {
      if (!r.ok || r.authorization === null) continue;
      for (const a of r.alternatives) pairs.add(`${r.authorization}>${a}`);
    }
    const want = ['AIA>UVEU', 'AIA>NVEU', 'AIA>ACM', 'AIA>LPP', 'UVEU>ACM', 'UVEU>LPP', 'NVEU>ACM', 'NVEU>LPP', 'ACM>LPP'];
    for (const p of want) expect(pairs, p).toContain(p);
  });

  it('hits the numeric boundaries exactly and one past', () => {
    const hits = new Map<string, number>();
    const hit = (k: string): void => {
      hits.set(k, (hits.get(k) ?? 0) + 1);
    };
    for (const tx of samples) {
      const t = tx.item.tpp;
      if (t !== undefined && [1599, 1600, 1601, 4799, 4800, 4801].includes(t)) hit(`tpp${t}`);
      const d = tx.item.performance_density;
      if (d !== undefined && [5.91, 5.92, 5.93].includes(d)) hit(`density${d}`);
      const ops = tx.item.training_operations;
      if (ops !== undefined) hit(`ops:${typeof ops}:${String(ops)}`);
      const ship = shipment(tx);
      const lpp = num(tx.consignee?.lpp_tpp_this_year);
      if (lpp !== null) {
        const c = Q.cmp(Q.add(lpp, ship), LIMIT);
        const diff = Q.sub(Q.add(lpp, ship), LIMIT);
        if (c === 0) hit('lpp=');
        if (Q.cmp(diff, Q.int(1)) === 0) hit('lpp+1');
        if (Q.cmp(diff, Q.int(-1)) === 0) hit('lpp-1');
      }
      const rem = num(tx.veu?.remaining_tpp);
      if (rem !== null) {
        const diff = Q.sub(rem, ship);
        if (Q.cmp(diff, Q.ZERO) === 0) hit('nveu=');
        if (Q.cmp(diff, Q.int(1)) === 0) hit('nveu+1');
        if (Q.cmp(diff, Q.int(-1)) === 0) hit('nveu-1');
      }
      const alloc = num(tx.allocation_remaining_tpp);
      if (alloc !== null && Q.cmp(alloc, ship) === 0) hit('alloc=');
      const list = tx.veu?.compute_by_country;
      if (list !== undefined && list !== null && list.length > 0) {
        let total = Q.ZERO;
        let t1 = Q.ZERO;
        let us = Q.ZERO;
        const per = new Map<string, Q.Rat>();
        for (const e of list) {
          const v = num(e.tpp) ?? Q.ZERO;
          total = Q.add(total, v);
          if (tierOf(e.country, tx.date) === 1) t1 = Q.add(t1, v);
          else per.set(e.country, Q.add(per.get(e.country) ?? Q.ZERO, v));
          if (e.country === 'US') us = Q.add(us, v);
        }
        if (Q.cmp(total, Q.ZERO) > 0) {
          if (Q.cmp(t1, Q.mul(Q.rat(75n, 100n), total)) === 0) hit('uveu75=');
          if (Q.cmp(t1, Q.mul(Q.rat(75n, 100n), total)) < 0) hit('uveu75<');
          if (Q.cmp(us, Q.mul(Q.rat(50n, 100n), total)) === 0) hit('uveu50=');
          if (Q.cmp(us, Q.mul(Q.rat(50n, 100n), total)) < 0 && Q.cmp(us, Q.ZERO) > 0) hit('uveu50<');
          const cap = Q.mul(Q.rat(7n, 100n), total);
          const shares = [...per.values()];
          if (shares.some((s) => Q.cmp(s, cap) === 0)) hit('uveu7=');
          if (shares.some((s) => Q.cmp(s, cap) > 0)) hit('uveu7>');
        }
      }
      for (const c of [tx.destination, tx.consignee?.headquarters, tx.consignee?.parent_headquarters]) {
        if (c === 'KH') hit(tierOf('KH', tx.date) === 3 ? 'KH3' : 'KH2');
        if (c === 'MO' || c === 'HK' || c === 'CN') hit(c);
      }
      if (tx.date === '2025-05-15' || tx.date === '2025-05-16') hit('compliance');
      if (tx.date === '2026-02-02' || tx.date === '2026-02-03') hit('cambodia');
    }
    const want = [
      'tpp1599', 'tpp1600', 'tpp1601', 'tpp4799', 'tpp4800', 'tpp4801', 'density5.91', 'density5.92', 'density5.93',
      'ops:string:99999999999999999999999999', 'ops:string:100000000000000000000000000', 'ops:string:100000000000000000000000001',
      'ops:number:1e+26', 'ops:number:9.999999999999999e+25', 'ops:number:1.0000000000000002e+26',
      'lpp=', 'lpp+1', 'lpp-1', 'nveu=', 'nveu+1', 'nveu-1', 'alloc=',
      'uveu75=', 'uveu75<', 'uveu50=', 'uveu50<', 'uveu7=', 'uveu7>',
      'KH3', 'KH2', 'MO', 'HK', 'CN', 'compliance', 'cambodia',
    ];
    for (const k of want) expect(hits.get(k) ?? 0, k).toBeGreaterThan(0);
  });

  it('reaches the Tier 2 allocation boundary on licensed chips, and every weights outcome', () => {
    const seen = new Set<string>();
    for (const { tx, r } of results) {
      if (!r.ok) continue;
      if (tx.item.kind === 'model_weights') seen.add(`weights:${r.authorization ?? r.review_policy ?? r.outcome}`);
      const alloc = num(tx.allocation_remaining_tpp);
      if (r.outcome !== 'license_required' || alloc === null || tierOf(tx.destination, tx.date) !== 2) continue;
      const diff = Q.sub(alloc, shipment(tx));
      if (Q.cmp(diff, Q.ZERO) === 0) seen.add(`alloc=:${r.review_policy}`);
      if (Q.cmp(diff, Q.int(-1)) === 0) seen.add(`alloc-1:${r.review_policy}`);
    }
    const want = [
      'alloc=:presumption_of_approval', 'alloc-1:presumption_of_denial',
      'weights:AIA', 'weights:presumption_of_approval', 'weights:presumption_of_denial', 'weights:not_controlled',
    ];
    for (const k of want) expect(seen, k).toContain(k);
  });

  it('sometimes omits optional fields, never a field the contract requires (V4-V8)', () => {
    const chipTx = (tx: IfrTransaction): boolean => tx.item.kind === 'ic' || tx.item.kind === 'computer';
    expect(samples.some((tx) => tx.allocation_remaining_tpp === undefined)).toBe(true);
    expect(samples.some((tx) => tx.veu === undefined)).toBe(true);
    expect(samples.some((tx) => chipTx(tx) && tx.item.units === undefined)).toBe(true);
    expect(samples.some((tx) => chipTx(tx) && tx.item.performance_density === undefined)).toBe(true);
    expect(samples.some((tx) => Object.keys(tx.consignee ?? {}).length === 2)).toBe(true);
    for (const tx of samples) {
      expect(tx.consignee?.headquarters, 'V4').toBeTypeOf('string');
      expect(tx.consignee?.parent_headquarters, 'V4').toBeTypeOf('string');
      if (chipTx(tx)) expect(num(tx.item.tpp), 'V5 tpp').not.toBeNull();
      if (tx.item.kind === 'model_weights') expect(num(tx.item.training_operations), 'V6').not.toBeNull();
      const u = num(tx.item.units);
      if (u !== null) expect(Q.cmp(u, Q.ZERO), 'V7').toBe(1);
      if (tx.veu != null) expect(tx.veu.kind, 'V8').toBeTypeOf('string');
    }
  });

  it('sometimes uses the encodings V2 and V3 allow (null = absent, decimal strings)', () => {
    const texts = samples.map((tx) => JSON.stringify(tx));
    expect(texts.some((t) => t.includes(':null'))).toBe(true);
    expect(samples.some((tx) => typeof tx.item.tpp === 'string')).toBe(true);
    expect(samples.some((tx) => typeof tx.item.tpp === 'string' && /e/i.test(tx.item.tpp))).toBe(true);
    expect(samples.some((tx) => typeof tx.consignee?.lpp_tpp_this_year === 'string')).toBe(true);
    // but most samples are plain, so the boundary hits above stay frequent
    expect(texts.filter((t) => !t.includes(':null')).length).toBeGreaterThan(samples.length * 0.8);
  });

  it('keeps a high share of interesting cases (controlled, and authorized or at a boundary)', () => {
    const controlled = results.filter(({ r }) => r.ok && r.outcome !== 'not_controlled').length;
    const authorized = results.filter(({ r }) => r.ok && r.outcome === 'authorized').length;
    const collisions = results.filter(({ r }) => r.ok && r.alternatives.length > 0).length;
    // the 2023 controls (every date before 2025-05-15) reach only the D:1/D:4/D:5 destinations and
    // headquartered entities, and Note 2 frees small non-data-center items: fewer are controlled
    expect(controlled).toBeGreaterThan(samples.length * 0.4);
    expect(authorized).toBeGreaterThan(samples.length * 0.2);
    expect(collisions).toBeGreaterThan(samples.length * 0.05);
  });
});

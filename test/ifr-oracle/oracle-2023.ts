/**
 * The October 2023 advanced-computing controls (88 FR 73458, from 2023-11-17) as amended on
 * 2024-04-04 (89 FR 23876) and by the 2026-01-15 review policy (91 FR 1684), for the oracle.
 * Written from /work/shared/as-enforced-facts.md (fact numbers in comments) without reading the
 * Pol policy. Choices where the sheet leaves a point open:
 *  E1. Scope: destination in D:1/D:4/D:5 not also A:5/A:6, or Macau (HK as China) (2.1); or the
 *      consignee or its ultimate parent headquartered in Macau/D:5 (2.2), wherever it is.
 *  E2. NAC/ACA take every 3A090/4A090 item except a data-center item meeting 3A090.a (1.7, 1.8).
 *  E3. Before 2024-04-04 there is one exception, NAC (3.1); from then NAC for exports and reexports
 *      to Macau/D:5 or to entities headquartered there, ACA for the rest of the scope and for
 *      in-country transfers within Macau/D:5 (3.2). The oracle reports only the authorization;
 *      notification is an obligation (3.3-3.5) the oracle does not model.
 *  E4. Review policy for the licensed items: presumption of denial for Macau/D:5 destinations
 *      and headquartered entities (4.1) with R7's case-by-case; case-by-case for the other D:1/D:4
 *      destinations (4.3 is tag U, "if it cannot be verified, encode case-by-case", and 7.1
 *      recommends case-by-case as the default; the recalled presumption of approval is not used).
 */
import * as Q from './rational.ts';
import type { Rat } from './rational.ts';
import { inAdvancedComputingScope, inD5OrMacau } from './country-groups.ts';
import type { Authorization, OracleResult, ReviewPolicy } from './contract.ts';
import type { Parsed } from './parse.ts';

const T4800 = Q.int(4800);
const T2400 = Q.int(2400);
const T1600 = Q.int(1600);
const D592 = Q.rat(592n, 100n);
const D16 = Q.rat(16n, 10n);
const D32 = Q.rat(32n, 10n);
const SPLIT = '2024-04-04';
const CASE_BY_CASE_FROM = '2026-01-15';
const CBC_TPP = Q.int(21_000);
const CBC_DRAM = Q.int(6_500);

export interface Classification {
  /** 3A090.a / 4A090.a (fact 1.1, 1.6, 1.10) */
  a: boolean;
  /** 3A090.b / 4A090.b (fact 1.2, 1.10) */
  b: boolean;
}

/** R3, R4: classify by one IC. */
export function classify(p: Parsed): Classification {
  if (p.kind !== 'ic' && p.kind !== 'computer') return { a: false, b: false };
  const t = p.icTpp;
  const d = p.icDensity;
  const aParams = Q.ge(t, T4800) || (Q.ge(t, T1600) && Q.ge(d, D592));
  // Note 2 (1.6): not designed for data centers and TPP < 4800 -> not 3A090 at all
  const note2Out = !p.dataCenter && !Q.ge(t, T4800);
  const a = aParams && !note2Out;
  const bParams = !aParams && ((Q.ge(t, T2400) && Q.lt(t, T4800) && Q.ge(d, D16) && Q.lt(d, D592)) || (Q.ge(t, T1600) && Q.ge(d, D32) && Q.lt(d, D592)));
  const b = bParams && !note2Out && (p.kind === 'ic' || p.date >= SPLIT);
  return { a, b };
}

export function headquarteredInD5OrMacau(p: Parsed): boolean {
  return (p.headquarters !== null && inD5OrMacau(p.headquarters, p.date)) || (p.parent !== null && inD5OrMacau(p.parent, p.date));
}

/** Fact 3.2: who gets NAC with notification rather than ACA. */
export function nacNotificationParty(p: Parsed): boolean {
  const destD5 = inD5OrMacau(p.destination, p.date);
  const tier3 = destD5 || headquarteredInD5OrMacau(p);
  return tier3 && !(p.activity === 'transfer' && destD5);
}

/** R7 (fact 4.4, 4.5). */
export function caseByCase2026(p: Parsed): boolean {
  return (
    p.date >= CASE_BY_CASE_FROM &&
    p.activity === 'export' &&
    (p.destination === 'CN' || p.destination === 'MO' || p.destination === 'HK') &&
    Q.lt(p.icTpp, CBC_TPP) &&
    p.dram !== null &&
    Q.lt(p.dram, CBC_DRAM)
  );
}

function ok(outcome: 'authorized', a: Authorization): OracleResult;
function ok(outcome: 'license_required', r: ReviewPolicy): OracleResult;
function ok(outcome: 'authorized' | 'license_required', v: string): OracleResult {
  return outcome === 'authorized'
    ? { ok: true, outcome, authorization: v as Authorization, review_policy: null, alternatives: [] }
    : { ok: true, outcome, authorization: null, review_policy: v as ReviewPolicy, alternatives: [] };
}

const NOT_CONTROLLED: OracleResult = { ok: true, outcome: 'not_controlled', authorization: null, review_policy: null, alternatives: [] };

/** The 2023 controls for one chip transaction (destination US already handled, R2). */
export function decide2023(p: Parsed): OracleResult {
  const c = classify(p);
  if (!c.a && !c.b) return NOT_CONTROLLED;
  const hq = headquarteredInD5OrMacau(p);
  if (!inAdvancedComputingScope(p.destination, p.date) && !hq) return NOT_CONTROLLED; // E1
  const eligible = c.b || (c.a && !p.dataCenter); // E2
  if (eligible) {
    if (p.date < SPLIT) return ok('authorized', 'NAC'); // E3
    return ok('authorized', nacNotificationParty(p) ? 'NAC' : 'ACA');
  }
  const tier3 = inD5OrMacau(p.destination, p.date) || hq;
  if (tier3) return ok('license_required', caseByCase2026(p) ? 'case_by_case' : 'presumption_of_denial'); // E4
  return ok('license_required', 'case_by_case'); // E4 (fact 4.3 [U] -> its own default)
}

export type { Rat };

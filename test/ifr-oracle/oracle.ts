/**
 * Independent oracle for the advanced-computing controls in two regimes:
 *  - "published": the law as published, i.e. the October 2023 controls until the AI Diffusion
 *    rule's compliance date (2025-05-15), then the AI Diffusion rule (90 FR 4544) for 3A090.a /
 *    4A090.a items and 4E091 weights, with 3A090.b / 4A090.b items left under the 2023 controls;
 *  - "enforced": the law as BIS enforces it, the October 2023 controls on every date.
 * The 2023 controls are in ./oracle-2023.ts, written from /work/shared/as-enforced-facts.md.
 *
 * REGIME CHOICES (issue 9; from the fact sheets' recommendations, each repeated where implemented):
 *  R1. Dates from 2023-11-17 (88 FR 73458 in force) are decided; earlier ones are input errors.
 *  R2. A destination of US is not an export, reexport or in-country transfer: not_controlled, in
 *      both regimes, for every item kind. For model weights (technology) a release to a foreign
 *      person in the U.S. is a deemed export (15 CFR 734.13(b)); the contract carries no such fact
 *      and deemed exports are not modelled (ifr-facts §7 "Deemed exports of weights" [U], §10.5 [I]),
 *      so the outcome stays not_controlled; the policy words it as outside its scope.
 *  R2b. Enforced regime, from 2025-05-15: 4E091 weights and 3A090.a / 4A090.a items the 2023
 *      controls do not reach are not_controlled because the IFR is not enforced (ifr-facts §1,
 *      "Model weights after May 13" [S]; as-enforced-facts §3.7 [S/I]), not because the EAR text
 *      lacks the control; the outcome is the same, the policy's wording says which.
 *  R3. Items are classified by one IC: an IC's own tpp / performance_density; for a computer the
 *      most capable IC it contains (ic_tpp / ic_performance_density). A computer's tpp is its
 *      total, used only for shipment TPP. Note 2 to 3A090: an item not designed or marketed for
 *      data centers (data_center false) is 3A090 only with TPP >= 4800. data_center absent = true.
 *  R4. 3A090.b (fact 1.2) counts only where not 3A090.a; 4A090.b (computers) exists from 2024-04-04.
 *  R5. UVEU is unavailable when any compute_by_country entry is in Tier 3 (Macau/D:5).
 *  R6. In the IFR regime, items not designed for data centers (3A090.a with TPP >= 4800) take
 *      ACA outside Macau/D:5 parties and NAC for them (ifr-facts §4.4), after every other
 *      authorization in precedence.
 *  R7. The 2026 case-by-case review (fact 4.4) applies, from 2026-01-15, to an export (activity
 *      export) to CN/MO/HK of a commodity whose classified TPP < 21,000 and whose dram_bandwidth is
 *      given and < 6,500 GB/s, where the review would otherwise be a presumption of denial; in both
 *      regimes (the 2026 rule amended the published text too).
 *  R8. Validation: a computer needs ic_tpp (and ic_performance_density when 1600 <= ic_tpp < 4800);
 *      ic_tpp <= tpp; ic_tpp / ic_performance_density on any other kind are errors; an ic needs
 *      performance_density when 1600 <= tpp < 4800 (V5 now reads this way for ics only).
 *  R9. LPP is not available for advanced computing items to a D:1/D:4/D:5 destination not also in
 *      A:5/A:6 (the 742.6(a)(6)(iii) scope, with Macau): ifr-facts §4.4 [S, low authority] says
 *      § 740.2(a)(9)(ii) leaves only TMP, NAC/ACA, RPL, GOV, TSU, HBM, AIA (4E091 only) and ACM
 *      there. AIA for chips (Tier 1 only) and ACM are unaffected; UVEU/NVEU are authorizations
 *      under part 748, not license exceptions, and stay available (counsel review of 2026-12-01).
 *
 * QUOTA CHOICES (issue 14: the quotas counted across decisions, from ifr-facts §4.3 and §5 and the
 * issue text; what was recorded before comes in as balances, what a decision adds goes out as
 * postings, quotas.ts):
 *  Q1. LPP (15 CFR 740.29): at most 26,900,000 TPP received under LPP by one ultimate consignee in
 *      a calendar year (1 January to 31 December) of the transaction date (ifr-facts §4.3 [S], the
 *      counting [S/I]). The year's receipts are those the sender reports in
 *      consignee.lpp_tpp_this_year (receipts not recorded here, e.g. from other exporters) plus
 *      those recorded for (consignee.id, year). Without consignee.id the receipts cannot be
 *      counted, so LPP does not apply. A shipment decided under LPP records its TPP.
 *  Q2. Tier 2 allocation: licenses for Tier 2 destinations draw on the country's allocation, 2025
 *      through 2027 as one total (§5 [S]); LPP and VEU shipments do not (§5 [P-q]). What is left
 *      for this shipment is allocation_remaining_tpp less the licenses recorded for the destination:
 *      approval while the shipment fits, denial beyond it, approval when it is not given. A license
 *      under the presumption of approval records its TPP (whether BIS grants it is not known when
 *      deciding); a denial records nothing.
 *  Q3. NVEU: what the authorization's cap leaves is veu.remaining_tpp less what was recorded for
 *      veu.id; without either NVEU does not apply (choice 5). A shipment decided under NVEU records
 *      its TPP.
 *  Q4. Only the decision records: an authorization that also applies (an alternative) does not.
 *  Q5. id, consignee.id and veu.id are optional non-empty texts (null: absent, V2).
 *
 * The rest of this header describes the "published" IFR part as first written.
 *
 * Written directly from the project's issue text (the input contract and the decisions on
 * the open questions) and /work/shared/ifr-facts.md, WITHOUT reading the Pol policy
 * encoding. It is meant to be compared against the policy by differential tests.
 *
 * All numeric work is exact (BigInt rationals, see ./rational.ts). A JS number means the
 * decimal it prints as (String(n)), so 5.92 is exactly 5.92.
 *
 * CONTRACT DECISIONS ON VALIDATION (made by the project lead after the first comparison with
 * the policy showed the two readings differed; they override choices 1, 2, 4, 5, 10 and 11 below
 * where these conflict, and are recorded in policies/ai-diffusion/README.md too):
 *  V1. Unknown fields are input errors, at every level.
 *  V2. null for an optional field means absent; for a required field it is an error.
 *  V3. Every quantity may be a JSON number (meaning its shortest decimal) or a decimal string
 *      (optional '-', digits, optional fraction, optional exponent: "1e26" is 10^26).
 *  V4. `consignee` is required for every item kind, with `headquarters` and
 *      `parent_headquarters` (the tiers of both decide every controlled item).
 *  V5. An ic or computer needs `tpp`; with 1600 <= tpp < 4800 it also needs
 *      `performance_density` (the only case in which density decides).
 *  V6. Model weights need `training_operations`.
 *  V7. `units`, when given, must be greater than 0 (absent: one unit).
 *  V8. A present `veu` needs its `kind`.
 *
 * INTERPRETIVE CHOICES (where the contract is silent or ambiguous; each is repeated in a
 * comment at the place it is implemented):
 *
 *  1. Required fields: `date`, `activity`, `item` (object), `item.kind`, `destination`.
 *     `destination` is required for every kind, including `other`. Everything else is
 *     optional; an absent optional field takes the default below when a rule needs it.
 *  2. Absent numeric fields count as 0 (`item.tpp`, `item.performance_density`,
 *     `item.training_operations`, `consignee.lpp_tpp_this_year`, `veu.remaining_tpp`),
 *     except `item.units`, which counts as 1 (one unit shipped). An ic/computer without
 *     tpp is therefore not advanced (not_controlled); weights without training_operations
 *     are not controlled.
 *  3. Absent booleans count as false (`approved_designer`, `published`,
 *     `below_open_frontier`, `private_sector`, `direct`). Absent `end_use` satisfies no
 *     end-use test. Absent `consignee` = a consignee with every field absent.
 *  4. Absent `consignee.headquarters` / `consignee.parent_headquarters`: the party has no
 *     known country, so it is neither "in Tier 1" (AIA/UVEU fail) nor "in Tier 3" (it does
 *     not make the transaction a Tier 3 party transaction).
 *  5. Absent `veu` = `{ kind: 'none' }`; a `veu` object without `kind` is also kind none.
 *     NVEU with `veu.country` absent does not apply; with `veu.remaining_tpp` absent the
 *     remaining TPP is 0 (now: NVEU does not apply, Q3; the same answer, a shipment's TPP > 0).
 *  6. UVEU shares (75% Tier 1, 7% per non-Tier-1 country, 50% US) are shares of the total
 *     TPP summed over all entries of `veu.compute_by_country` (the list is taken as already
 *     including this shipment, as the contract says). Entries for the same country are
 *     summed before the 7% test. The 7% cap applies to every non-Tier-1 country, Tier 3
 *     included. An absent or empty list, or a list whose total TPP is 0, makes UVEU NOT
 *     apply (there is no compute distribution to certify; the vacuous "0 >= 75% of 0" is
 *     not accepted).
 *  7. "A US-headquartered holder" means consignee.headquarters == 'US' (the parent is not
 *     consulted); only then does the 50%-in-US test apply.
 *  8. Tiers of headquarters / parent / compute entries use the transaction date (matters
 *     only for Cambodia: Tier 3 before 2026-02-03, Tier 2 from that day).
 *  9. A computer's `tpp` is taken as given (per unit, already the sum of its ICs) and the
 *     same 3A090.a thresholds are applied to it and its `performance_density`. For a
 *     computer the approved-designer condition is always met ("computer or approved
 *     designer"); `approved_designer` is ignored.
 * 10. Input errors: every field that is present is type-checked whatever the item kind
 *     (e.g. a wrong-typed `training_operations` on an ic is an error). `null` is a wrong
 *     type, never "absent". Unknown extra fields are ignored.
 * 11. Numbers are JSON numbers; only `item.training_operations` may also be a string, and
 *     then only a plain positional decimal ("123", "99.5"; optional leading '-', which is
 *     then a negative quantity). Exponent strings ("1e26"), '+', spaces, ".5", "5." are
 *     malformed. `units` need not be an integer (any non-negative number). NaN / Infinity
 *     (not JSON) are wrong types.
 * 12. Country codes must be exactly one of the 249 upper-case ISO 3166-1 alpha-2 codes
 *     ("us", "UK", "XK", "EU" are unknown codes -> input error).
 * 13. Dates must match YYYY-MM-DD and be a real calendar date; dates >= 2025-05-15 are
 *     accepted with no upper bound.
 * 14. The certification/notification duties, the Tier 2 allocation's own bookkeeping and
 *     the VEU security requirements are out of scope: only the stated conditions decide.
 * 15. `alternatives` is [] for not_controlled, license_required and for model weights.
 */

import * as Q from './rational.ts';
import type { Rat } from './rational.ts';
import { tierOf } from './tiers.ts';
import { caseByCase2026, classify, decide2023, nacNotificationParty } from './oracle-2023.ts';
import type { Tier } from './tiers.ts';
import { inAdvancedComputingScope } from './country-groups.ts';
import { COMPLIANCE_DATE, LPP_LIMIT, WEIGHTS_THRESHOLD, type Authorization, type IfrTransaction, type OracleResult, type Regime, type ReviewPolicy } from './contract.ts';
import { InputError, parse, type Parsed } from './parse.ts';
import { calendarYearOf, NO_BALANCES, posting, recorded, type Posting, type QuotaBalances, type QuotaKey } from './quotas.ts';

export * from './contract.ts';
export type { Parsed } from './parse.ts';
export * from './quotas.ts';

// ---------------------------------------------------------------------------------------
// Decision

function notControlled(): OracleResult {
  return { ok: true, outcome: 'not_controlled', authorization: null, review_policy: null, alternatives: [] };
}

function authorized(applicable: Authorization[]): OracleResult {
  const [chosen, ...rest] = applicable;
  if (chosen === undefined) throw new Error('unreachable: no authorization');
  return { ok: true, outcome: 'authorized', authorization: chosen, review_policy: null, alternatives: rest };
}

function licenseRequired(policy: ReviewPolicy): OracleResult {
  return { ok: true, outcome: 'license_required', authorization: null, review_policy: policy, alternatives: [] };
}

/** 3A090.a / 4A090.a, judged by one IC with Note 2 (R3; supersedes choice 9). */
function isAdvanced(tx: Parsed): boolean {
  return classify(tx).a;
}

/** UVEU compute-distribution test (choices 6 and 7). */
function uveuDistributionOk(tx: Parsed, tier: (c: string) => Tier): boolean {
  const list = tx.compute;
  if (list === null || list.length === 0) return false; // choice 6: absent/empty -> no UVEU
  if (list.some((e) => tier(e.country) === 3)) return false; // R5: no UVEU compute in Tier 3
  let total = Q.ZERO;
  let tier1 = Q.ZERO;
  let us = Q.ZERO;
  const perCountry = new Map<string, Rat>(); // choice 6: same-country entries are summed
  for (const e of list) {
    total = Q.add(total, e.tpp);
    if (tier(e.country) === 1) tier1 = Q.add(tier1, e.tpp);
    if (e.country === 'US') us = Q.add(us, e.tpp);
    perCountry.set(e.country, Q.add(perCountry.get(e.country) ?? Q.ZERO, e.tpp));
  }
  if (Q.cmp(total, Q.ZERO) === 0) return false; // choice 6: zero total -> no UVEU
  // at least 75% in Tier 1:  tier1 >= 75/100 * total (exact at the boundary)
  if (!Q.ge(tier1, Q.mul(Q.rat(75n, 100n), total))) return false;
  // no single non-Tier-1 country above 7%:  share <= 7/100 * total
  const cap = Q.mul(Q.rat(7n, 100n), total);
  for (const [country, t] of perCountry) {
    if (tier(country) !== 1 && !Q.le(t, cap)) return false;
  }
  // choice 7: US-headquartered holder keeps >= 50% in the US
  if (tx.headquarters === 'US' && !Q.ge(us, Q.mul(Q.rat(50n, 100n), total))) return false;
  return true;
}

/** A decision and what it adds to the quotas (Q4: only the deciding authorization or license records). */
export interface Decided {
  readonly result: OracleResult;
  readonly postings: readonly Posting[];
}

const only = (result: OracleResult): Decided => ({ result, postings: [] });

function decideChips(tx: Parsed, b: QuotaBalances): Decided {
  if (!isAdvanced(tx)) return only(classify(tx).b ? decide2023(tx) : notControlled()); // .b stays under the 2023 controls
  const tier = (c: string): Tier => tierOf(c, tx.date); // choice 8: transaction date
  const destTier = tier(tx.destination);
  const hqTier = tx.headquarters === null ? null : tier(tx.headquarters); // choice 4
  const parentTier = tx.parent === null ? null : tier(tx.parent);
  const tier3Party = destTier === 3 || hqTier === 3 || parentTier === 3;
  const shipment = Q.mul(tx.units, tx.tpp); // shipment TPP = units x tpp
  const designerOk = tx.kind === 'computer' || tx.approvedDesigner; // choice 9
  // Q1: the consignee's LPP receipts this calendar year; Q3: the National VEU's shipments so far
  const lppKey: QuotaKey | null = tx.consigneeId === null ? null : { quota: 'lpp', consignee: tx.consigneeId, year: calendarYearOf(tx.date) };
  const nveuKey: QuotaKey | null = tx.veuId === null ? null : { quota: 'nveu', veu: tx.veuId };
  const tier2Key: QuotaKey = { quota: 'tier2', destination: tx.destination };

  const applicable: Authorization[] = [];
  // AIA: destination, headquarters and parent all Tier 1; computer or approved designer
  if (destTier === 1 && hqTier === 1 && parentTier === 1 && designerOk) applicable.push('AIA');
  // UVEU: universal VEU, HQ and parent Tier 1, destination not Tier 3, distribution test
  if (tx.veuKind === 'universal' && hqTier === 1 && parentTier === 1 && destTier !== 3 && uveuDistributionOk(tx, tier)) {
    applicable.push('UVEU');
  }
  // NVEU: national VEU for this destination, no Tier 3 party, and (Q3) the shipment within what
  // the authorization's cap leaves: the remaining TPP given, less what was shipped under it since
  if (tx.veuKind === 'national' && tx.veuCountry === tx.destination && !tier3Party && nveuKey !== null && tx.veuRemaining !== null) {
    if (Q.le(Q.add(recorded(b, nveuKey), shipment), tx.veuRemaining)) applicable.push('NVEU');
  }
  // ACM: private sector, no Tier 3 party, development/production/storage, computer or approved designer
  const acmEndUse = tx.endUse === 'development' || tx.endUse === 'production' || tx.endUse === 'storage';
  if (tx.privateSector && !tier3Party && acmEndUse && designerOk) applicable.push('ACM');
  // LPP: not a transfer, shipped directly, no Tier 3 party, year total incl. this shipment <= 26,900,000
  // R9: and not to a 742.6(a)(6)(iii) destination (§ 740.2(a)(9)(ii), ifr-facts §4.4 [S])
  // Q1: the year total is the receipts reported (lpp_tpp_this_year) plus those recorded
  const lppDestinationOk = !inAdvancedComputingScope(tx.destination, tx.date);
  if (tx.activity !== 'transfer' && tx.direct && !tier3Party && lppDestinationOk && lppKey !== null) {
    if (Q.le(Q.add(Q.add(tx.lppThisYear, recorded(b, lppKey)), shipment), LPP_LIMIT)) applicable.push('LPP');
  }
  // R6: items not designed for data centers take ACA, or NAC for Macau/D:5 parties
  if (!tx.dataCenter) applicable.push(nacNotificationParty(tx) ? 'NAC' : 'ACA');
  if (applicable.length > 0) {
    // pushed in precedence order; Q4: only the authorization used records
    const result = authorized(applicable);
    const chosen = applicable[0];
    if (chosen === 'LPP' && lppKey) return { result, postings: [posting(b, lppKey, shipment)] };
    if (chosen === 'NVEU' && nveuKey) return { result, postings: [posting(b, nveuKey, shipment)] };
    return only(result);
  }

  if (tier3Party) return only(licenseRequired(caseByCase2026(tx) ? 'case_by_case' : 'presumption_of_denial')); // R7
  if (destTier === 1) return only(licenseRequired('presumption_of_approval'));
  // Tier 2 destination: approval while the shipment fits the remaining allocation (absent: approval);
  // Q2: the remaining allocation given, less the licenses recorded against it since; a license
  // decided under the presumption of approval records its TPP, a denial nothing
  if (tx.allocationRemaining === null || Q.le(Q.add(recorded(b, tier2Key), shipment), tx.allocationRemaining)) {
    return { result: licenseRequired('presumption_of_approval'), postings: [posting(b, tier2Key, shipment)] };
  }
  return only(licenseRequired('presumption_of_denial'));
}

function decideWeights(tx: Parsed): OracleResult {
  // controlled: >= 10^26 operations, not published, not below the open-weight frontier
  if (!Q.ge(tx.trainingOps, WEIGHTS_THRESHOLD) || tx.published || tx.belowOpenFrontier) return notControlled();
  const tier = (c: string): Tier => tierOf(c, tx.date);
  const destTier = tier(tx.destination);
  const hqTier = tx.headquarters === null ? null : tier(tx.headquarters);
  const parentTier = tx.parent === null ? null : tier(tx.parent);
  // AIA: headquarters and parent Tier 1, destination not Tier 3 (choice 15: no alternatives)
  if (hqTier === 1 && parentTier === 1 && destTier !== 3) return authorized(['AIA']);
  const tier3Party = destTier === 3 || hqTier === 3 || parentTier === 3;
  return licenseRequired(destTier === 1 && !tier3Party ? 'presumption_of_approval' : 'presumption_of_denial');
}

/** The law as published (ifr.pol): the 2023 controls until 2025-05-15, then the IFR. */
export function decideIfr(tx: IfrTransaction): OracleResult;
export function decideIfr(tx: unknown): OracleResult;
export function decideIfr(tx: unknown): OracleResult {
  return decide(tx, 'published');
}

/** The law as enforced (as-enforced-2025-05-13.pol): the 2023 controls on every date. */
export function decideAsEnforced(tx: unknown): OracleResult {
  return decide(tx, 'enforced');
}

export function decide(tx: unknown, regime: Regime): OracleResult {
  return decideWithQuotas(tx, regime, NO_BALANCES).result;
}

/** The decision given what has been recorded against the quotas before, and what it records. */
export function decideWithQuotas(tx: unknown, regime: Regime, balances: QuotaBalances): Decided {
  let p: Parsed;
  try {
    p = parse(tx);
  } catch (e) {
    if (e instanceof InputError) return only({ ok: false, error: e.message });
    throw e;
  }
  if (p.destination === 'US') return only(notControlled()); // R2
  const ifr = regime === 'published' && p.date >= COMPLIANCE_DATE;
  switch (p.kind) {
    case 'ic':
    case 'computer':
      return ifr ? decideChips(p, balances) : only(decide2023(p));
    case 'model_weights':
      return only(ifr ? decideWeights(p) : notControlled()); // 4E091 only under the IFR, from compliance; enforced: R2b
    case 'other':
      return only(notControlled());
  }
}

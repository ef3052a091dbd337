/**
 * The oracle's view of the input contract (the JSON transaction, with the ids of issue 14)
 * and of its result, and the constants of the rule. See oracle.ts for the choices behind them.
 */
import * as Q from './rational.ts';

// ---------------------------------------------------------------------------------------
// Contract types

export const ACTIVITIES = ['export', 'reexport', 'transfer'] as const;
export const ITEM_KINDS = ['ic', 'computer', 'model_weights', 'other'] as const;
export const END_USES = ['development', 'production', 'storage', 'data_center', 'other'] as const;
export const VEU_KINDS = ['none', 'universal', 'national'] as const;
/** Authorizations in precedence order. */
export const AUTHORIZATIONS = ['AIA', 'UVEU', 'NVEU', 'ACM', 'LPP', 'NAC', 'ACA'] as const;

export type Activity = (typeof ACTIVITIES)[number];
export type ItemKind = (typeof ITEM_KINDS)[number];
export type EndUse = (typeof END_USES)[number];
export type VeuKind = (typeof VEU_KINDS)[number];
export type Authorization = (typeof AUTHORIZATIONS)[number];
export type Outcome = 'not_controlled' | 'authorized' | 'license_required';
export type ReviewPolicy = 'presumption_of_approval' | 'presumption_of_denial' | 'case_by_case';
export type Regime = 'published' | 'enforced';

export interface IfrItem {
  kind: ItemKind;
  units?: number;
  tpp?: number;
  performance_density?: number;
  data_center?: boolean;
  ic_tpp?: number;
  ic_performance_density?: number;
  dram_bandwidth?: number;
  approved_designer?: boolean;
  training_operations?: number | string;
  published?: boolean;
  below_open_frontier?: boolean;
}

export interface IfrConsignee {
  /** Q5: the ultimate consignee's identifier, the key of its LPP receipts */
  id?: string;
  headquarters?: string;
  parent_headquarters?: string;
  private_sector?: boolean;
  end_use?: EndUse;
  direct?: boolean;
  lpp_tpp_this_year?: number;
}

export interface IfrComputeEntry {
  country: string;
  tpp: number;
}

export interface IfrVeu {
  kind: VeuKind;
  /** Q5: the authorization's identifier, the key of a National VEU's cap */
  id?: string;
  country?: string;
  remaining_tpp?: number;
  compute_by_country?: IfrComputeEntry[];
}

export interface IfrTransaction {
  /** Q5: the transaction's identifier (only a ledger store needs it) */
  id?: string;
  date: string;
  activity: Activity;
  item: IfrItem;
  destination: string;
  consignee?: IfrConsignee;
  veu?: IfrVeu;
  allocation_remaining_tpp?: number;
}

export type OracleResult =
  | { ok: false; error: string }
  | {
      ok: true;
      outcome: Outcome;
      authorization: Authorization | null;
      review_policy: ReviewPolicy | null;
      /** other authorizations that also apply, in precedence order, excluding the chosen one */
      alternatives: Authorization[];
    };

// ---------------------------------------------------------------------------------------
// Constants of the rule (issue decisions)

export const COMPLIANCE_DATE = '2025-05-15';
/** R1: the first date either regime decides. */
export const SCOPE_START = '2023-11-17';
export const TPP_ADVANCED = Q.int(4800);
export const TPP_DENSITY_FLOOR = Q.int(1600);
export const WEIGHTS_THRESHOLD = Q.int(10n ** 26n); // >= 10^26 operations
/** 15 CFR 740.29: TPP one ultimate consignee may receive under LPP in a calendar year */
export const LPP_LIMIT = Q.int(26_900_000);

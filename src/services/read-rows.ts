import type { AdviceCategory, EntryOrigin, ExperienceLevel, SnapshotSource } from '../generated/prisma/client.js';
import type { PremiumTier } from '../domain/brackets.js';

export type { EntryOrigin, ExperienceLevel };

/**
 * Rows as the read paths load them with hand-written SQL: exact decimals are the strings
 * PostgreSQL prints (a NUMERIC(14, 2) always with two fraction digits), dates ISO strings.
 */
export interface CountryRow {
  id: number;
  code: string;
  name: string;
  currencyCode: string;
}

export interface RoleRow {
  id: number;
  slug: string;
  title: string;
  category: string;
}

export interface SnapshotRow {
  id: number;
  countryId: number;
  roleId: number;
  level: ExperienceLevel;
  period: string;
  currencyCode: string;
  sampleSize: number;
  median: string;
  mean: string | null;
  p10: string | null;
  p25: string | null;
  p75: string | null;
  p90: string | null;
  medianCiLower: string | null;
  medianCiUpper: string | null;
  projectedMedian: string | null;
  projectedLow: string | null;
  projectedHigh: string | null;
  projectionHorizon: string | null;
  projectionMethod: string | null;
  projectionPeriods: string[];
  /** How the projection was computed, or why there is none; null when not computed here. */
  projectionNote: string | null;
  /** YYYY-MM-DD. */
  asOf: string;
  source: SnapshotSource;
  provenance: string;
}

/** A source of a market's observations, with the licence of its data where known. */
export interface DataSourceRow {
  /** The source key, e.g. "ai-jobs:ai-jobs-salaries-2020-2023.csv". */
  name: string;
  licence: string | null;
  url: string | null;
}

/**
 * A skill's or certification's standing in a snapshot. A COMPUTED entry has the figures behind it
 * (rank null when fewer than 10 observations list it); a CURATED one was entered by hand and has none.
 */
export interface PricedEntry {
  rank: number | null;
  premiumPercent: string | null;
  sampleSize: number | null;
  /** Share of the snapshot's observations, 0–1, 4 decimals. */
  prevalence: string | null;
  /** In the snapshot's currency. */
  median: string | null;
  origin: EntryOrigin;
}

export interface SkillEntry extends PricedEntry {
  /** category: null when unknown (a skill first seen in observations). */
  skill: { id: number; name: string; category: string | null };
}

export interface CertificationEntry extends PricedEntry {
  /** issuer: null when unknown (a certification first seen in observations). */
  certification: { id: number; name: string; issuer: string | null };
}

/** Advice entered by hand for a snapshot (the Advice table). */
export interface Advice {
  id: number;
  category: AdviceCategory;
  position: number;
  title: string;
  body: string;
}

/** A premium tier as stored: the domain's tier, for one role category ('' for every category). */
export interface StoredPremiumTier extends PremiumTier {
  category: string;
}

/**
 * A role as seen from one country (reached through Country.roles): fields that need a market
 * use that country unless the caller names another.
 */
export type ScopedRole = RoleRow & { scopeCountryId?: number };

export interface MarketKey {
  countryId: number;
  roleId: number;
  level: ExperienceLevel;
}

export interface Page<T> {
  nodes: T[];
  cursors: string[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

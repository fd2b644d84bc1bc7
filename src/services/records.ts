import type { Country, Role, MarketSnapshot, ExperienceLevel } from '../generated/prisma/client.js';

export type { Country, MarketSnapshot, ExperienceLevel };

/**
 * A role as seen from one country (reached through Country.roles): fields that need a market
 * use that country unless the caller names another.
 */
export type ScopedRole = Role & { scopeCountryId?: number };

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

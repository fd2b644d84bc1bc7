import { BadUserInputError } from '../../errors.js';
import { premiumBrackets, type PremiumBracket } from '../../domain/brackets.js';
import { growthDelta, type GrowthDelta } from '../../domain/growth.js';
import { parsePeriod } from '../../domain/period.js';
import { countryNotFound, normaliseCountryCode, roleNotFound, type CatalogService } from '../catalog/catalog.service.js';
import type { Loaders } from '../loaders.js';
import type { Advice, CertificationEntry, CountryRow, ExperienceLevel, RoleRow, SnapshotRow, StoredPremiumTier, ScopedRole, SkillEntry } from '../read-rows.js';

export type GrowthBasis = 'PROJECTION' | 'PREVIOUS_PERIOD';

export interface SnapshotGrowth extends GrowthDelta {
  basis: GrowthBasis;
  currencyCode: string;
  /** The period compared against: the snapshot's own for PROJECTION, the earlier one for PREVIOUS_PERIOD. */
  fromPeriod: string;
}

/** Validates a period argument ("2022", "2026-04"); throws BAD_USER_INPUT otherwise. */
function validPeriod(period: string): string {
  try {
    parsePeriod(period);
  } catch (error) {
    throw new BadUserInputError((error as Error).message, ['period']);
  }
  return period;
}

/** Tiers for a category: its own definition of a tier wins over the general one. */
function tiersForCategory(tiers: StoredPremiumTier[], category: string): StoredPremiumTier[] {
  const chosen = new Map<string, StoredPremiumTier>();
  for (const tier of tiers) {
    if (tier.category !== '' && tier.category !== category) continue;
    if (tier.category === '' && chosen.has(tier.tier)) continue;
    chosen.set(tier.tier, tier);
  }
  return [...chosen.values()];
}

/** The move from `from`'s median to `to` (an amount of `snapshot`); null across currencies. */
function growthBetween(from: SnapshotRow, snapshot: SnapshotRow, to: string | null, basis: GrowthBasis): SnapshotGrowth | null {
  if (from.currencyCode !== snapshot.currencyCode) return null;
  const delta = growthDelta(from.median, to);
  if (!delta) return null;
  const { absolute, direction, percent } = delta;
  return { from: delta.from, to: delta.to, absolute, percent, direction, basis, currencyCode: snapshot.currencyCode, fromPeriod: from.period };
}

/** Market snapshots and everything derived from them on demand. */
export class SnapshotService {
  constructor(
    private readonly catalog: CatalogService,
    private readonly loaders: Loaders,
  ) {}

  /**
   * The snapshot of a market at `period`, or its latest when no period is given; null when the
   * market has none. Throws NOT_FOUND for an unknown country or role, BAD_USER_INPUT for a bad period.
   */
  async marketSnapshot(countryCode: string, roleSlug: string, options: { period?: string | null; level: ExperienceLevel }): Promise<SnapshotRow | null> {
    return (await this.market(countryCode, roleSlug, options)).snapshot;
  }

  /**
   * A market's country, role and snapshot at `period` (its latest when none is given), read in one
   * statement; the snapshot is null when the market has none. Throws as {@link marketSnapshot}:
   * NOT_FOUND for the country, else for the role, then BAD_USER_INPUT for a bad period.
   */
  async market(countryCode: string, roleSlug: string, options: { period?: string | null; level: ExperienceLevel }): Promise<{ country: CountryRow; role: RoleRow; snapshot: SnapshotRow | null }> {
    const request = { countryCode: normaliseCountryCode(countryCode), roleSlug: roleSlug.trim().toLowerCase(), level: options.level, period: options.period || null };
    const { country, role, snapshot } = await this.loaders.market.load(request);
    if (!country) throw countryNotFound(countryCode);
    if (!role) throw roleNotFound(roleSlug);
    if (options.period) validPeriod(options.period);
    return { country, role, snapshot };
  }

  /**
   * The latest snapshot of a role in the named country, or in the country the role was reached
   * through. Throws BAD_USER_INPUT when there is neither, NOT_FOUND for an unknown country.
   */
  async latestSnapshotOfRole(role: ScopedRole, countryCode: string | null | undefined, level: ExperienceLevel) {
    return this.latestSnapshot(await this.marketCountryId(role, countryCode), role.id, level);
  }

  /** Every snapshot of a role in a country (named, or the role's scope), newest first. */
  async historyOfRole(role: ScopedRole, countryCode: string | null | undefined, level: ExperienceLevel) {
    return this.history(await this.marketCountryId(role, countryCode), role.id, level);
  }

  private async marketCountryId(role: ScopedRole, countryCode: string | null | undefined): Promise<number> {
    if (countryCode) return (await this.catalog.requireCountry(countryCode)).id;
    if (role.scopeCountryId !== undefined) return role.scopeCountryId;
    throw new BadUserInputError('countryCode is required for a role that was not reached through Country.roles', ['countryCode']);
  }

  /** The most recent snapshot of a market, or null. */
  async latestSnapshot(countryId: number, roleId: number, level: ExperienceLevel): Promise<SnapshotRow | null> {
    return this.loaders.latestSnapshot.load({ countryId, roleId, level });
  }

  /** Every snapshot of a market, newest first. */
  history(countryId: number, roleId: number, level: ExperienceLevel): Promise<SnapshotRow[]> {
    return this.loaders.marketHistory.load({ countryId, roleId, level });
  }

  snapshotById(id: number): Promise<SnapshotRow | null> {
    return this.loaders.snapshotById.load(id);
  }

  /** The snapshot just before this one in the same market and level, at the same granularity (year or month). */
  async previousSnapshot(snapshot: SnapshotRow): Promise<SnapshotRow | null> {
    const history = await this.history(snapshot.countryId, snapshot.roleId, snapshot.level);
    return history.find((earlier) => earlier.period < snapshot.period && earlier.period.length === snapshot.period.length) ?? null;
  }

  /**
   * The move from the median to the projected median (PROJECTION, known at once) or from the
   * previous period's median to this one (PREVIOUS_PERIOD); null when there is nothing to compare with.
   */
  growthDelta(snapshot: SnapshotRow, basis: GrowthBasis): SnapshotGrowth | null | Promise<SnapshotGrowth | null> {
    if (basis === 'PROJECTION') return growthBetween(snapshot, snapshot, snapshot.projectedMedian, basis);
    return this.previousSnapshot(snapshot).then((previous) => previous && growthBetween(previous, snapshot, snapshot.median, basis));
  }

  /** Baseline, projected, stored premium tiers and top quartile, as amounts in the snapshot's currency. */
  async premiumBrackets(snapshot: SnapshotRow): Promise<PremiumBracket[]> {
    const [tiers, role] = await Promise.all([this.loaders.premiumTiers.load('all'), this.catalog.roleById(snapshot.roleId)]);
    return premiumBrackets({
      median: snapshot.median,
      projectedMedian: snapshot.projectedMedian,
      p75: snapshot.p75,
      p90: snapshot.p90,
      tiers: tiersForCategory(tiers, role?.category ?? ''),
    });
  }

  skills(snapshotId: number): Promise<SkillEntry[]> {
    return this.loaders.skillsOfSnapshot.load(snapshotId);
  }

  certifications(snapshotId: number): Promise<CertificationEntry[]> {
    return this.loaders.certificationsOfSnapshot.load(snapshotId);
  }

  advice(snapshotId: number): Promise<Advice[]> {
    return this.loaders.adviceOfSnapshot.load(snapshotId);
  }
}

import { BadUserInputError } from '../../errors.js';
import { premiumBrackets, type PremiumBracket } from '../../domain/brackets.js';
import { adviceFromFigures, type AdviceFact, type MedianFigure } from '../../domain/advice.js';
import { growthDelta, type GrowthDelta } from '../../domain/growth.js';
import { validPeriod } from '../period-argument.js';
import { countryNotFound, normaliseCountryCode, roleNotFound, type CatalogService } from '../catalog/catalog.service.js';
import type { Conversion, ExchangeRateService } from '../exchange-rates/exchange-rates.js';
import type { Loaders } from '../loaders.js';
import type { Advice, CertificationEntry, CountryRow, DataSourceRow, EntryOrigin, ExperienceLevel, RoleRow, SnapshotRow, StoredPremiumTier, ScopedRole, SkillEntry } from '../read-rows.js';

export type GrowthBasis = 'PROJECTION' | 'PREVIOUS_PERIOD';

export interface SnapshotGrowth extends GrowthDelta {
  basis: GrowthBasis;
  currencyCode: string;
  /** The period compared against: the snapshot's own for PROJECTION, the earlier one for PREVIOUS_PERIOD. */
  fromPeriod: string;
  /**
   * Set when the earlier median was in another currency: `from` is it converted at this stated
   * rate, and `originalFrom` the median as computed.
   */
  conversion: (Conversion & { originalFrom: string; originalCurrencyCode: string }) | null;
}

/** Advice as a market shows it: entered by hand (CURATED, no facts) or derived from its figures (COMPUTED). */
export interface MarketAdvice extends Pick<Advice, 'category' | 'title' | 'body'> {
  origin: EntryOrigin;
  facts: AdviceFact[];
}

const medianFigure = (snapshot: SnapshotRow | null): MedianFigure | null => snapshot && { period: snapshot.period, currencyCode: snapshot.currencyCode, sampleSize: snapshot.sampleSize, median: snapshot.median };


/** Each tier table's tiers per category, worked out once: a page of snapshots shares one table and few categories. */
const tiersByCategory = new WeakMap<StoredPremiumTier[], Map<string, StoredPremiumTier[]>>();

/** Tiers for a category: its own definition of a tier wins over the general one. */
function tiersForCategory(tiers: StoredPremiumTier[], category: string): StoredPremiumTier[] {
  let byCategory = tiersByCategory.get(tiers);
  if (!byCategory) tiersByCategory.set(tiers, (byCategory = new Map()));
  let chosen = byCategory.get(category);
  if (chosen) return chosen;
  const byTier = new Map<string, StoredPremiumTier>();
  for (const tier of tiers) {
    if (tier.category !== '' && tier.category !== category) continue;
    if (tier.category === '' && byTier.has(tier.tier)) continue;
    byTier.set(tier.tier, tier);
  }
  byCategory.set(category, (chosen = [...byTier.values()]));
  return chosen;
}

/** The move from `fromAmount` (the median of period `fromPeriod`, in the snapshot's currency) to `to` (an amount of `snapshot`). */
function growthBetween(
  fromAmount: string,
  fromPeriod: string,
  snapshot: SnapshotRow,
  to: string | null,
  basis: GrowthBasis,
  conversion: SnapshotGrowth['conversion'] = null,
): SnapshotGrowth | null {
  const delta = growthDelta(fromAmount, to);
  if (!delta) return null;
  const { absolute, direction, percent } = delta;
  return { from: delta.from, to: delta.to, absolute, percent, direction, basis, currencyCode: snapshot.currencyCode, fromPeriod, conversion };
}

/** Market snapshots and everything derived from them on demand. */
export class SnapshotService {
  constructor(
    private readonly catalog: CatalogService,
    private readonly loaders: Loaders,
    private readonly exchangeRates: ExchangeRateService,
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
    if (options.period) validPeriod(options.period, 'period');
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
   * previous period's median to this one (PREVIOUS_PERIOD). A previous median in another currency
   * is converted at the stored rate of its period (the growth names it); null when there is nothing
   * to compare with, or no stored rate relates the two currencies (never a comparison across them).
   */
  growthDelta(snapshot: SnapshotRow, basis: GrowthBasis): SnapshotGrowth | null | Promise<SnapshotGrowth | null> {
    if (basis === 'PROJECTION') return growthBetween(snapshot.median, snapshot.period, snapshot, snapshot.projectedMedian, basis);
    return this.previousSnapshot(snapshot).then(async (previous) => {
      if (!previous) return null;
      if (previous.currencyCode === snapshot.currencyCode) return growthBetween(previous.median, previous.period, snapshot, snapshot.median, basis);
      const conversion = await this.exchangeRates.convert(previous.median, previous.currencyCode, snapshot.currencyCode, previous.period);
      if (!conversion) return null;
      const stated = { ...conversion, originalFrom: previous.median, originalCurrencyCode: previous.currencyCode };
      return growthBetween(conversion.amount, previous.period, snapshot, snapshot.median, basis, stated);
    });
  }

  /** The sources of the snapshot's observations (its market and period), by name, with licences where known. */
  sources(snapshot: SnapshotRow): Promise<DataSourceRow[]> {
    return this.loaders.sourcesOfMarket.load({ countryId: snapshot.countryId, roleId: snapshot.roleId, period: snapshot.period });
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

  /**
   * The advice of a snapshot: its curated entries, then, for a computed snapshot, the entries
   * its figures support (adviceFromFigures), from its previous period, the market's MID and
   * SENIOR snapshots of the same period and its first-ranked computed skill. Every read is
   * batched, so a list of snapshots costs no more statements than one.
   */
  async advice(snapshot: SnapshotRow): Promise<MarketAdvice[]> {
    const market = { countryId: snapshot.countryId, roleId: snapshot.roleId, period: snapshot.period };
    const [curated, previous, mid, senior, skills] = await Promise.all([
      this.loaders.adviceOfSnapshot.load(snapshot.id),
      snapshot.source === 'COMPUTED' ? this.previousSnapshot(snapshot) : null,
      snapshot.source === 'COMPUTED' ? this.loaders.snapshotAtPeriod.load({ ...market, level: 'MID' }) : null,
      snapshot.source === 'COMPUTED' ? this.loaders.snapshotAtPeriod.load({ ...market, level: 'SENIOR' }) : null,
      snapshot.source === 'COMPUTED' ? this.skills(snapshot.id) : [],
    ]);
    const handWritten = curated.map(({ category, title, body }): MarketAdvice => ({ category, title, body, origin: 'CURATED', facts: [] }));
    if (snapshot.source !== 'COMPUTED') return handWritten;
    const top = skills.find((entry) => entry.origin === 'COMPUTED' && entry.rank === 1);
    const derived = adviceFromFigures({
      ...medianFigure(snapshot)!,
      p25: snapshot.p25,
      p75: snapshot.p75,
      previous: medianFigure(previous),
      mid: medianFigure(mid),
      senior: medianFigure(senior),
      topSkill: top ? { name: top.skill.name, sampleSize: top.sampleSize!, prevalence: top.prevalence!, median: top.median!, premiumPercent: top.premiumPercent! } : null,
    });
    return [...handWritten, ...derived.map((entry): MarketAdvice => ({ ...entry, origin: 'COMPUTED' }))];
  }
}

import DataLoader from 'dataloader';
import type { SqlReader } from '../../db/client.js';
import { ALPHA2_CODE } from '../../domain/country-code.js';
import { minimumSampleSize } from '../../domain/confidence.js';
import { BadUserInputError } from '../../errors.js';
import { validPeriod } from '../period-argument.js';
import { isCurrencyCode } from '../catalog/countries.js';
import type { Conversion } from '../exchange-rates/exchange-rates.js';
import type { Loaders } from '../loaders.js';
import type { CountryRow, RoleRow, SnapshotRow } from '../read-rows.js';
import { marketCursor, positionAfter } from './market-cursor.js';
import { comparesAmounts, marketPageStatement, queryFingerprint, type MarketFilter, type MarketOrder, type MarketQuery, type MarketScope } from './market-query.js';

export type { MarketFilter, MarketOrder, MarketOrderField, SortDirection } from './market-query.js';

export const DEFAULT_MARKET_PAGE = 20;
const DEFAULT_ORDER: readonly MarketOrder[] = [
  { field: 'COUNTRY_NAME', direction: 'ASC' },
  { field: 'ROLE_TITLE', direction: 'ASC' },
];

/** A page request as a client makes it: everything optional but the page size. */
export interface MarketPageRequest {
  filter?: (Omit<Partial<MarketFilter>, 'level'> & { level?: MarketFilter['level'] | null }) | null;
  orderBy?: readonly { field: MarketOrder['field']; direction?: MarketOrder['direction'] | null }[] | null;
  currency?: string | null;
  first: number;
  after?: string | null;
}

/** One of a market's amounts: as computed, and in the compared currency when it was converted. */
export interface ComparedAmount {
  amount: string;
  currencyCode: string;
  converted: Conversion | null;
}

export interface MarketEntry {
  snapshot: SnapshotRow;
  country: CountryRow;
  role: RoleRow;
  median: ComparedAmount;
  p90: ComparedAmount | null;
  cursor: string;
}

/** Markets the filter matched but the page cannot hold, and why. */
export interface LeftOutMarkets {
  reason: 'NO_EXCHANGE_RATE';
  count: number;
  /** The currencies no stored rate relates to the compared one. */
  currencyCodes: string[];
}

export interface MarketPage {
  entries: MarketEntry[];
  totalCount: number;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  leftOut: LeftOutMarkets[];
}

interface PageRow extends SnapshotRow {
  scopeId: number;
  scopeCurrencies: string[];
  leftOut: number;
  leftOutCurrencies: string[];
  totalCount: number;
  position: number | null;
  comparedMedian: string | null;
  comparedP90: string | null;
  rate: string | null;
  ratePeriod: string | null;
  rateSource: string | null;
  rateSampleSize: number | null;
  countryCode: string;
  countryName: string;
  countryCurrencyCode: string;
  roleSlug: string;
  roleTitle: string;
  roleCategory: string;
}

interface PageKey {
  query: MarketQuery;
  fingerprint: string;
  scopeId: number;
  offset: number;
  first: number;
}

const fieldError = (message: string, field: string) => new BadUserInputError(message, [field]);


/** The request's filter, order and currency in canonical form. Throws BAD_USER_INPUT naming the offending argument. */
function canonicalQuery(scope: MarketScope, request: MarketPageRequest): MarketQuery {
  const filter = request.filter ?? {};
  const countryCodes = filter.countryCodes?.map((code) => code.trim().toUpperCase());
  const badCode = countryCodes?.find((code) => !ALPHA2_CODE.test(code));
  if (badCode !== undefined) throw fieldError(`"${badCode}" is not an ISO 3166-1 alpha-2 country code`, 'filter.countryCodes');
  const currency = request.currency ? request.currency.trim().toUpperCase() : null;
  if (currency !== null && !isCurrencyCode(currency)) throw fieldError(`"${request.currency}" is not an ISO 4217 currency code`, 'currency');
  const orderBy = request.orderBy?.length ? request.orderBy : DEFAULT_ORDER;
  const repeated = orderBy.find((order, index) => orderBy.findIndex((other) => other.field === order.field) !== index);
  if (repeated) throw fieldError(`orderBy names ${repeated.field} twice`, 'orderBy');
  const minSampleSize = Math.max(filter.minSampleSize ?? 0, filter.minConfidence ? minimumSampleSize(filter.minConfidence) : 0);
  const median = filter.median && (filter.median.min || filter.median.max) ? { min: filter.median.min ?? null, max: filter.median.max ?? null } : null;
  return {
    scope,
    filter: {
      countryCodes: countryCodes ?? null,
      roleSlugs: filter.roleSlugs?.map((slug) => slug.trim().toLowerCase()) ?? null,
      categories: filter.categories ?? null,
      level: filter.level ?? 'ALL',
      period: filter.period ? validPeriod(filter.period, 'filter.period') : null,
      minSampleSize: minSampleSize || null,
      minConfidence: null,
      median,
      skills: filter.skills ?? null,
    },
    orderBy: orderBy.map(({ field, direction }) => ({ field, direction: direction ?? 'ASC' })),
    currency,
  };
}

function comparedAmount(row: PageRow, amount: string, compared: string, currency: string | null): ComparedAmount {
  const converted =
    currency === null || currency === row.currencyCode
      ? null
      : { amount: compared, currencyCode: currency, rate: row.rate!, ratePeriod: row.ratePeriod!, rateSource: row.rateSource!, sampleSize: row.rateSampleSize };
  return { amount, currencyCode: row.currencyCode, converted };
}

/**
 * Filtered, ordered pages of market snapshots, their medians compared in one currency. A page is
 * one SQL statement, whatever its size, and pages asked for together (one per country or role of
 * a list) share it; what hangs from the markets loads through the request's batch loaders, which
 * the page primes.
 */
export class MarketService {
  private readonly pages: DataLoader<PageKey, PageRow[], string>;

  constructor(
    private readonly read: SqlReader,
    private readonly loaders: Loaders,
  ) {
    this.pages = new DataLoader((keys) => this.loadPages(keys), { cacheKeyFn: (key) => `${key.fingerprint}:${key.offset}:${key.first}:${key.scopeId}` });
  }

  /**
   * A page of every market the request's filter matches.
   * @throws BAD_USER_INPUT for a malformed argument or cursor, and for amounts compared (ordered
   * by MEDIAN or P90, or filtered by median) without a currency across markets in several.
   */
  markets(request: MarketPageRequest): Promise<MarketPage> {
    return this.page('ALL', 0, request);
  }

  /** {@link markets} of one role (its markets across countries). */
  marketsOfRole(roleId: number, request: MarketPageRequest): Promise<MarketPage> {
    return this.page('ROLE', roleId, request);
  }

  /** {@link markets} of one country: its roles' markets at level ALL, in their latest period. */
  marketsOfCountry(countryId: number, request: Omit<MarketPageRequest, 'filter'>): Promise<MarketPage> {
    return this.page('COUNTRY', countryId, { ...request, filter: { level: 'ALL' } });
  }

  private async page(scope: MarketScope, scopeId: number, request: MarketPageRequest): Promise<MarketPage> {
    const query = canonicalQuery(scope, request);
    const fingerprint = queryFingerprint(query);
    const offset = positionAfter(request.after, fingerprint);
    const rows = await this.pages.load({ query, fingerprint, scopeId, offset, first: request.first });
    const [summary] = rows;
    if (summary && !query.currency && summary.scopeCurrencies.length > 1 && comparesAmounts(query)) {
      throw fieldError(
        `These markets are in ${summary.scopeCurrencies.length} currencies (${summary.scopeCurrencies.join(', ')}): comparing their medians needs a currency to convert them into, e.g. currency: "USD"`,
        'currency',
      );
    }
    const found = rows.filter((row) => row.position !== null);
    const entries = found.slice(0, request.first).map((row) => this.entry(row, query, fingerprint));
    return {
      entries,
      totalCount: summary?.totalCount ?? 0,
      hasNextPage: found.length > request.first,
      hasPreviousPage: offset > 0,
      leftOut: summary?.leftOut ? [{ reason: 'NO_EXCHANGE_RATE', count: summary.leftOut, currencyCodes: summary.leftOutCurrencies }] : [],
    };
  }

  private entry(row: PageRow, query: MarketQuery, fingerprint: string): MarketEntry {
    const snapshot: SnapshotRow = {
      id: row.id,
      countryId: row.countryId,
      roleId: row.roleId,
      level: row.level,
      period: row.period,
      currencyCode: row.currencyCode,
      sampleSize: row.sampleSize,
      median: row.median,
      mean: row.mean,
      p10: row.p10,
      p25: row.p25,
      p75: row.p75,
      p90: row.p90,
      medianCiLower: row.medianCiLower,
      medianCiUpper: row.medianCiUpper,
      projectedMedian: row.projectedMedian,
      projectedLow: row.projectedLow,
      projectedHigh: row.projectedHigh,
      projectionHorizon: row.projectionHorizon,
      projectionMethod: row.projectionMethod,
      projectionPeriods: row.projectionPeriods,
      projectionNote: row.projectionNote,
      asOf: row.asOf,
      source: row.source,
      provenance: row.provenance,
    };
    const country: CountryRow = { id: row.countryId, code: row.countryCode, name: row.countryName, currencyCode: row.countryCurrencyCode };
    const role: RoleRow = { id: row.roleId, slug: row.roleSlug, title: row.roleTitle, category: row.roleCategory };
    this.loaders.snapshotById.prime(snapshot.id, snapshot);
    this.loaders.countryById.prime(country.id, country);
    this.loaders.roleById.prime(role.id, role);
    if (!query.filter.period) this.loaders.latestSnapshot.prime({ countryId: row.countryId, roleId: row.roleId, level: row.level }, snapshot);
    return {
      snapshot,
      country,
      role,
      median: comparedAmount(row, row.median, row.comparedMedian!, query.currency),
      p90: row.p90 === null ? null : comparedAmount(row, row.p90, row.comparedP90!, query.currency),
      cursor: marketCursor(row.position!, fingerprint),
    };
  }

  /** One statement per distinct query and page, for all the scopes asking it. */
  private async loadPages(keys: readonly PageKey[]): Promise<PageRow[][]> {
    const groups = new Map<string, PageKey[]>();
    for (const key of keys) {
      const group = `${key.fingerprint}:${key.offset}:${key.first}`;
      groups.set(group, [...(groups.get(group) ?? []), key]);
    }
    const rowsByKey = new Map<PageKey, PageRow[]>();
    await Promise.all(
      [...groups.values()].map(async (group) => {
        const { query, offset, first } = group[0]!;
        const scopeIds = [...new Set(group.map((key) => key.scopeId))];
        const { statement, values } = marketPageStatement(query, scopeIds, offset, first);
        const rows = await this.read<PageRow>(statement, values);
        for (const key of group) rowsByKey.set(key, rows.filter((row) => row.scopeId === key.scopeId));
      }),
    );
    return keys.map((key) => rowsByKey.get(key)!);
  }
}

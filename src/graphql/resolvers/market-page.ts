import type { PageInfo } from '../models/connection.type.js';
import { LeftOutReason } from '../models/market-connection.type.js';
import type { MarketPageArgs, MarketsArgs } from '../models/markets.args.js';
import { Money } from '../models/money.type.js';
import { DEFAULT_MARKET_PAGE, type ComparedAmount, type MarketPage, type MarketPageRequest } from '../../services/markets/markets.service.js';

/** The service's request from a connection's arguments (an explicit null `first` is the default page). */
export function marketPageRequest({ filter, orderBy, currency, first, after }: MarketPageArgs & Partial<Pick<MarketsArgs, 'filter'>>): MarketPageRequest {
  return { filter, orderBy, currency, first: first ?? DEFAULT_MARKET_PAGE, after };
}

export function pageInfo(page: { cursors: string[]; hasNextPage: boolean; hasPreviousPage: boolean }): PageInfo {
  return { hasNextPage: page.hasNextPage, hasPreviousPage: page.hasPreviousPage, startCursor: page.cursors[0] ?? null, endCursor: page.cursors.at(-1) ?? null };
}

function comparedMoney({ amount, currencyCode, converted }: ComparedAmount): Money {
  const original = Money.of(amount, currencyCode)!;
  return converted ? Money.converted(original, converted) : original;
}

/** The connection the GraphQL type describes (nodes are snapshot rows, resolved by MarketSnapshot's fields). */
export function marketConnection(page: MarketPage) {
  return {
    totalCount: page.totalCount,
    pageInfo: pageInfo({ ...page, cursors: page.entries.map((entry) => entry.cursor) }),
    edges: page.entries.map((entry) => ({ cursor: entry.cursor, node: entry.snapshot, median: comparedMoney(entry.median), p90: entry.p90 && comparedMoney(entry.p90) })),
    leftOut: page.leftOut.map((left) => ({ ...left, reason: LeftOutReason[left.reason] })),
  };
}

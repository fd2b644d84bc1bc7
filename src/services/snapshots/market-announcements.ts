import type pg from 'pg';

/** The channel a snapshot rebuild notifies with the markets it recomputed. */
export const MARKET_UPDATED_CHANNEL = 'paygraph_market_updated';

/** A country × role market as notifications name it: "<country id>:<role id>", at most 21 characters whatever the slug. */
export const marketKey = (countryId: number, roleId: number) => `${countryId}:${roleId}`;

/** PostgreSQL refuses a payload of 8,000 bytes or more; a notice carries what fits well below that. */
const PAYLOAD_BYTES = 7800;

/**
 * NOTIFYs MARKET_UPDATED_CHANNEL with the country × role markets of `rebuild_market`, as
 * comma-separated market keys, as many notices as it takes (a large import touching 10,000
 * markets sends about a dozen). Sent inside the rebuild's transaction, they are delivered on
 * commit only, and not at all if it rolls back.
 */
export async function announceUpdatedMarkets(client: pg.ClientBase): Promise<void> {
  await client.query(
    `SELECT pg_notify($1, string_agg(market, ','))
     FROM (SELECT market, sum(length(market) + 1) OVER (ORDER BY market) / $2 AS notice
           FROM (SELECT DISTINCT country_id || ':' || role_id AS market FROM rebuild_market) markets) numbered
     GROUP BY notice`,
    [MARKET_UPDATED_CHANNEL, PAYLOAD_BYTES],
  );
}

/** The market keys of a notice's payload. */
export const updatedMarketKeys = (payload: string): string[] => (payload ? payload.split(',') : []);

import pg from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announceUpdatedMarkets, MARKET_UPDATED_CHANNEL } from '../../../src/services/snapshots/market-announcements.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';

let database: TestDatabase;
let listener: pg.Client;
const payloads: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  listener = new pg.Client({ connectionString: database.url });
  await listener.connect();
  listener.on('notification', ({ payload }) => payloads.push(payload ?? ''));
  await listener.query(`LISTEN ${MARKET_UPDATED_CHANNEL}`);
});

afterAll(async () => {
  await listener?.end();
  await database?.drop();
});

/** Announces the markets of a rebuild_market table holding `markets` (two periods each, as a rebuild's may), in a transaction ended by `end`. */
async function announce(markets: Array<[number, number]>, end: 'COMMIT' | 'ROLLBACK') {
  const client = await database.pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('CREATE TEMP TABLE rebuild_market (country_id int, role_id int, period varchar(7)) ON COMMIT DROP');
    await client.query(`INSERT INTO rebuild_market SELECT c, r, p FROM unnest($1::int[], $2::int[]) AS m(c, r), unnest(ARRAY['2023', '2024']) AS p`, [
      markets.map(([country]) => country),
      markets.map(([, role]) => role),
    ]);
    await announceUpdatedMarkets(client);
    await client.query(end);
  } finally {
    client.release();
  }
}

/** Waits until no notice has arrived for 200 ms. */
async function settled() {
  for (let count = -1; count !== payloads.length; ) {
    count = payloads.length;
    await sleep(200);
  }
}

describe('announceUpdatedMarkets', () => {
  it('names each market of a large rebuild once, in notices PostgreSQL accepts, on commit', async () => {
    // 20,000 markets, as a million-row import across many countries and roles may touch.
    const markets: Array<[number, number]> = [];
    for (let country = 1; country <= 200; country++) for (let role = 100_000; role < 100_100; role++) markets.push([country, role]);
    await announce(markets, 'COMMIT');
    await settled();
    const keys = payloads.flatMap((payload) => payload.split(','));
    expect(keys.sort()).toEqual(markets.map(([country, role]) => `${country}:${role}`).sort());
    expect(Math.max(...payloads.map((payload) => Buffer.byteLength(payload)))).toBeLessThan(8000);
    // About 12 bytes a market: some 30 notices rather than 20,000.
    expect(payloads.length).toBeLessThan(40);
  });

  it('announces nothing when the rebuild rolls back', async () => {
    payloads.length = 0;
    await announce([[1, 1]], 'ROLLBACK');
    await sleep(300);
    expect(payloads).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ObservationLoader } from '../../../src/services/import/loader/observation-loader.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';

describe('ObservationLoader.marketOf', () => {
  // Market numbers need no database: the loader is never asked to load here.
  const loader = () => new ObservationLoader(undefined as never, 'Test');

  it('gives each market its own number', () => {
    const markets = loader();
    const numbers = new Set<number>();
    for (const country of [1, 2, 250]) for (const role of [1, 2, 2 ** 20 - 1]) for (const period of ['2022', '2023', '2023-04']) numbers.add(markets.marketOf(country, role, period));
    expect(numbers.size).toBe(27);
    expect(markets.marketOf(2, 1, '2023')).toBe(markets.marketOf(2, 1, '2023'));
  });

  it('refuses role ids and periods it cannot hold', () => {
    expect(() => loader().marketOf(1, 2 ** 20, '2022')).toThrow(/role ids below 2\^20/);
    const markets = loader();
    for (let period = 0; period < 4096; period++) markets.marketOf(1, 1, String(period));
    expect(() => markets.marketOf(1, 1, '4096')).toThrow(/4,096 periods/);
  });
});

describe('ObservationLoader.prepare', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it('finds whether the source has rows through its identity indexes, without scanning observations', async () => {
    const client = await database.pool.connect();
    try {
      await client.query('BEGIN');
      // Where an index can answer, the planner must use it.
      await client.query('SET LOCAL enable_seqscan = off');
      await new ObservationLoader(client, 'Test').prepare('probe');
      const { rows } = await client.query("SELECT seq_scan FROM pg_stat_xact_user_tables WHERE relname = 'observation'");
      expect(rows).toEqual([{ seq_scan: '0' }]);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});

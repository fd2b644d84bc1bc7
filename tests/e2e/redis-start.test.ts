import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '../../src/db/seed.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { contractOperation } from '../support/graphql.js';
import { metricValue } from '../support/metrics.js';
import { npmStart, postGraphQL, READY } from '../support/processes.js';
import { deleteKeys, MACHINE_REDIS_URL, uniqueKeyPrefix } from '../support/redis.js';

const keyPrefix = uniqueKeyPrefix();
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDatabase(database.prisma);
});
afterAll(async () => {
  await database?.drop();
  await deleteKeys(MACHINE_REDIS_URL, keyPrefix);
});

describe('two `npm start` with REDIS_URL (production)', () => {
  it('share one response cache, and each stops cleanly on SIGTERM', async () => {
    const env = { NODE_ENV: 'production', DATABASE_URL: database.url, REDIS_URL: MACHINE_REDIS_URL, REDIS_KEY_PREFIX: keyPrefix, PORT: '0' };
    const servers = [npmStart(env), npmStart(env)];
    try {
      // Two tsx starts at once take ~50 s on a busy 2-core machine.
      const [first, second] = await Promise.all(servers.map(async (server) => (await server.waitFor(READY, 150_000))[1]!));
      const variables = { country: 'CA', role: 'machine-learning-lead' };
      const computed = await postGraphQL(first!, contractOperation('Snapshot'), variables);
      expect(computed.body.data.marketSnapshot.median.amount).toBe('123557.00');
      const served = await postGraphQL(second!, contractOperation('Snapshot'), variables);
      expect(served.body).toEqual(computed.body);
      expect(await metricValue(second!, 'paygraph_response_cache_lookups_total{result="hit"}')).toBe(1);
      expect(await metricValue(second!, 'paygraph_redis_up')).toBe(1);
    } finally {
      for (const server of servers) server.child.kill('SIGTERM');
    }
    expect(await Promise.all(servers.map((server) => server.exited()))).toEqual([0, 0]);
  }, 180_000);
});

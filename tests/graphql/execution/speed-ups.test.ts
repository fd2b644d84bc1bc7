import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '../../../src/db/seed.js';
import { refuseBypassedOptions } from '../../../src/graphql/execution/speed-ups.js';
import { validateArgs } from '../../../src/graphql/execution/validate-args.js';
import type { RunningServer } from '../../../src/server/http-server.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { contractOperation } from '../../support/graphql.js';
import { startTestServer } from '../../support/http-server.js';
import { postGraphQL } from '../../support/processes.js';

describe('the speed-ups switch', () => {
  it('refuses schema options the speed-ups would bypass', () => {
    const resolvers = [class {}] as [new () => object];
    expect(() => refuseBypassedOptions({ resolvers, validateFn: validateArgs })).not.toThrow();
    expect(() => refuseBypassedOptions({ resolvers, validateFn: validateArgs, globalMiddlewares: [async (_data, next) => next()] })).toThrow(/globalMiddlewares.*SPEED_UPS=off/);
    expect(() => refuseBypassedOptions({ resolvers, validateFn: validateArgs, container: { get: () => ({}) } })).toThrow(/container/);
    expect(() => refuseBypassedOptions({ resolvers, validateFn: () => undefined })).toThrow(/validateFn/);
  });

  describe('on and off', () => {
    let database: TestDatabase;
    let fast: RunningServer;
    let plain: RunningServer;
    beforeAll(async () => {
      database = await createTestDatabase();
      await seedDatabase(database.prisma);
      const serving = { responseCache: 'off', rateLimit: { enabled: false, pointsPerWindow: 0, pointsPerWindowWithKey: 0, windowSeconds: 60 } } as const;
      [fast, plain] = await Promise.all([startTestServer(database, { serving: { ...serving, speedUps: true } }), startTestServer(database, { serving: { ...serving, speedUps: false } })]);
    });
    afterAll(async () => {
      await Promise.all([fast?.close(), plain?.close()]);
      await database?.drop();
    });

    it.each([
      ['CountryGraph', { country: 'CA', first: 5 }],
      ['Snapshot', { country: 'CA', role: 'machine-learning-lead' }],
      ['MarketReport', { country: 'CA', role: 'machine-learning-lead' }],
    ])('answers %s the same with the speed-ups off', async (name, variables) => {
      const [withSpeedUps, without] = await Promise.all([postGraphQL(fast.url, contractOperation(name), variables), postGraphQL(plain.url, contractOperation(name), variables)]);
      expect(withSpeedUps.body.errors).toBeUndefined();
      expect(without.body).toEqual(withSpeedUps.body);
    });
  });
});

import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logger.js';
import { connectRedis, type RedisConnection } from '../../../src/serving/redis/connection.js';
import { SharedSubscriptionCounts } from '../../../src/serving/subscriptions/shared-subscription-counts.js';
import { deleteKeys, MACHINE_REDIS_URL, uniqueKeyPrefix } from '../../support/redis.js';

// Two instances' counts of live subscriptions per client, in the machine's Redis, with entries
// that live 600 ms unless refreshed (every 200 ms) instead of a minute.
const TTL_MS = 600;
const MAX = 3;

describe('subscriptions counted per client over instances sharing one Redis', () => {
  const keyPrefix = uniqueKeyPrefix();
  const connections: RedisConnection[] = [];
  const counts: SharedSubscriptionCounts[] = [];
  let a: SharedSubscriptionCounts;
  let b: SharedSubscriptionCounts;

  beforeAll(async () => {
    for (let i = 0; i < 3; i++) connections.push(await connectRedis({ url: MACHINE_REDIS_URL, keyPrefix }, createLogger('silent')));
    await Promise.all(connections.map((connection) => connection.start()));
    counts.push(...connections.map((connection) => new SharedSubscriptionCounts(connection, TTL_MS)));
    [a, b] = counts as [SharedSubscriptionCounts, SharedSubscriptionCounts];
  });

  afterAll(async () => {
    for (const count of counts) count.close();
    await Promise.all(connections.map((connection) => connection.close()));
    await deleteKeys(MACHINE_REDIS_URL, keyPrefix);
  });

  const admit = (count: SharedSubscriptionCounts, client: string) => {
    const entry = count.entry();
    return count.admit(client, entry, MAX).then((admission) => ({ ...admission, entry }));
  };

  it('admits a client up to its bound over all instances, refuses the next with the count, and frees a place on release', async () => {
    const held = [await admit(a, 'key:1'), await admit(b, 'key:1'), await admit(a, 'key:1')];
    expect(held.map(({ admitted, held }) => ({ admitted, held }))).toEqual([
      { admitted: true, held: 0 },
      { admitted: true, held: 1 },
      { admitted: true, held: 2 },
    ]);
    expect(await admit(b, 'key:1')).toMatchObject({ admitted: false, held: 3 });
    expect(await admit(b, 'key:2')).toMatchObject({ admitted: true, held: 0 }); // another client
    a.release('key:1', held[0]!.entry);
    expect(await admit(b, 'key:1')).toMatchObject({ admitted: true, held: 2 });
  });

  it('keeps counting what live instances refresh, and stops counting what a crashed one left once it expires', async () => {
    const crashing = counts[2]!;
    expect(await admit(crashing, 'key:3')).toMatchObject({ admitted: true, held: 0 });
    expect(await admit(a, 'key:3')).toMatchObject({ admitted: true, held: 1 });
    crashing.close(); // no more refreshes, and nothing released
    await sleep(TTL_MS * 2);
    // A's entry, refreshed, still counts; the crashed instance's does not.
    expect(await admit(b, 'key:3')).toMatchObject({ admitted: true, held: 1 });
  });

  it('adds its live entries again when Redis has lost them', async () => {
    expect(await admit(a, 'key:4')).toMatchObject({ admitted: true, held: 0 });
    expect(await admit(b, 'key:4')).toMatchObject({ admitted: true, held: 1 });
    await deleteKeys(MACHINE_REDIS_URL, `${keyPrefix}subscriptions:`);
    await sleep(TTL_MS / 3 + 100); // one refresh
    expect(await admit(b, 'key:4')).toMatchObject({ admitted: true, held: 2 });
  });
});

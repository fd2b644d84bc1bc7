import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logger.js';
import { connectRedis, type RedisConnection } from '../../../src/serving/redis/connection.js';
import { RedisResponseCache } from '../../../src/serving/response-cache/redis-store.js';
import { deleteKeys, MACHINE_REDIS_URL, uniqueKeyPrefix } from '../../support/redis.js';

// With read replicas, an instance must learn of a write another instance announced through the
// shared generation before it reads for that generation: otherwise it could read a replica that
// has not replayed the write and store the answer under the new generation.
describe('the Redis response cache tells of a generation another instance set', () => {
  const keyPrefix = uniqueKeyPrefix();
  const connections: RedisConnection[] = [];
  const foreign = { a: 0, b: 0 };
  let a: RedisResponseCache;
  let b: RedisResponseCache;

  beforeAll(async () => {
    for (let i = 0; i < 2; i++) connections.push(await connectRedis({ url: MACHINE_REDIS_URL, keyPrefix }, createLogger('silent')));
    await Promise.all(connections.map((connection) => connection.start()));
    a = new RedisResponseCache(connections[0]!, { onForeignGeneration: () => foreign.a++ });
    b = new RedisResponseCache(connections[1]!, { onForeignGeneration: () => foreign.b++ });
  });

  afterAll(async () => {
    await Promise.all(connections.map((connection) => connection.close()));
    await deleteKeys(MACHINE_REDIS_URL, keyPrefix);
  });

  it('once per new generation, never for one the instance set itself', async () => {
    const first = await a.generation();
    expect(await b.generation()).toBe(first);
    const [seenByA, seenByB] = [foreign.a, foreign.b];

    await a.invalidate();
    const second = await a.generation();
    expect(second).not.toBe(first);
    expect(foreign.a).toBe(seenByA);

    expect(await b.generation()).toBe(second);
    expect(foreign.b).toBe(seenByB + 1);
    await b.generation();
    expect(foreign.b).toBe(seenByB + 1);
  });
});

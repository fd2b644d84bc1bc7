import { Gauge, type Registry } from 'prom-client';
import type { RedisConnection } from '../redis/connection.js';

/** Adds paygraph_redis_up to `registry`: 1 while Redis is in use, 0 while it cannot be reached. */
export function reportRedisState(registry: Registry, redis: RedisConnection): void {
  new Gauge({
    name: 'paygraph_redis_up',
    help: 'Whether Redis (REDIS_URL) is reachable and in use: 1, or 0 while requests are served without it.',
    registers: [registry],
    collect() {
      this.set(redis.up ? 1 : 0);
    },
  });
}

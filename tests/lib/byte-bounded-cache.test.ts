import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { ByteBoundedCache, stringBytes } from '../../src/lib/byte-bounded-cache.js';

describe('ByteBoundedCache', () => {
  it('holds at most its bytes, dropping the least recently used entries first', async () => {
    const cache = new ByteBoundedCache<string>({ maxBytes: 10_000, sizeOf: stringBytes });
    for (let i = 0; i < 100; i++) await cache.set(`k${i}`, 'x'.repeat(1000));
    expect(cache.bytes).toBeLessThanOrEqual(10_000);
    expect(cache.bytes).toBeGreaterThan(8_000);
    expect(await cache.get('k99')).toHaveLength(1000);
    expect(await cache.get('k0')).toBeUndefined();
  });

  it('does not keep an entry over its largest entry size, nor push others out for it', async () => {
    const cache = new ByteBoundedCache<string>({ maxBytes: 10_000, maxEntryBytes: 1_000, sizeOf: stringBytes });
    await cache.set('small', 'x');
    await cache.set('large', 'x'.repeat(600));
    expect(await cache.get('large')).toBeUndefined();
    expect(await cache.get('small')).toBe('x');
  });

  it('forgets an entry after its ttl, and everything when cleared', async () => {
    const cache = new ByteBoundedCache<string>({ maxBytes: 10_000, sizeOf: stringBytes });
    await cache.set('brief', 'x', { ttl: 0.05 });
    await cache.set('lasting', 'y');
    expect(await cache.get('brief')).toBe('x');
    await sleep(80);
    expect(await cache.get('brief')).toBeUndefined();
    cache.clear();
    expect(await cache.get('lasting')).toBeUndefined();
    expect(cache.bytes).toBe(0);
  });
});

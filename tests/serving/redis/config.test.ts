import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';

describe('REDIS_URL', () => {
  it('is off by default: the response cache and budgets stay in process', () => {
    expect(loadConfig({})).toMatchObject({ responseCache: 'memory', redis: { url: undefined, keyPrefix: 'paygraph:' } });
  });

  it('moves the response cache to Redis unless RESPONSE_CACHE says otherwise', () => {
    expect(loadConfig({ REDIS_URL: 'redis://cache:6379' })).toMatchObject({ responseCache: 'redis', redis: { url: 'redis://cache:6379' } });
    expect(loadConfig({ REDIS_URL: 'redis://cache:6379', RESPONSE_CACHE: 'memory', REDIS_KEY_PREFIX: 'eu:' })).toMatchObject({ responseCache: 'memory', redis: { keyPrefix: 'eu:' } });
    expect(loadConfig({ REDIS_URL: 'redis://cache:6379', RESPONSE_CACHE: 'off' }).responseCache).toBe('off');
  });

  it('refuses RESPONSE_CACHE=redis without REDIS_URL', () => {
    expect(() => loadConfig({ RESPONSE_CACHE: 'redis' })).toThrow('RESPONSE_CACHE=redis needs REDIS_URL');
  });
});

import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';

const PRIMARY = 'postgresql://paygraph@db-primary:5432/paygraph';

describe('read replica configuration', () => {
  it('has no replicas unless DATABASE_REPLICA_URLS names some', () => {
    expect(loadConfig({ DATABASE_URL: PRIMARY }).readReplicas).toEqual({ urls: [], maxLagMs: 5000, checkIntervalMs: 1000 });
  });

  it('reads a comma-separated list, blanks and spaces ignored, with its lag bound and check interval', () => {
    const config = loadConfig({
      DATABASE_URL: PRIMARY,
      DATABASE_REPLICA_URLS: ' postgresql://paygraph@db-replica-1/paygraph, ,postgresql://paygraph@db-replica-2/paygraph ',
      DATABASE_REPLICA_MAX_LAG_MS: '250',
      DATABASE_REPLICA_CHECK_MS: '200',
    });
    expect(config.readReplicas).toEqual({
      urls: ['postgresql://paygraph@db-replica-1/paygraph', 'postgresql://paygraph@db-replica-2/paygraph'],
      maxLagMs: 250,
      checkIntervalMs: 200,
    });
  });

  it('refuses replicas without a primary of your own, and a bound that is not a number of milliseconds', () => {
    expect(() => loadConfig({ DATABASE_REPLICA_URLS: 'postgresql://paygraph@db-replica-1/paygraph' })).toThrow(/DATABASE_REPLICA_URLS needs DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: PRIMARY, DATABASE_REPLICA_MAX_LAG_MS: '5s' })).toThrow(/DATABASE_REPLICA_MAX_LAG_MS must be an integer/);
  });
});

import { loadConfig, type Config } from '../config.js';

/** What the server can be tuned with (see Config); defaults are loadConfig's. */
export type ServingSettings = Pick<Config, 'introspection' | 'responseCache' | 'redis' | 'limits' | 'rateLimit' | 'subscriptions' | 'persistedOperations' | 'subgraph' | 'trustProxy' | 'speedUps' | 'readReplicas'>;

export function servingSettings(production: boolean, overrides: Partial<ServingSettings> = {}): ServingSettings {
  const defaults = loadConfig({ NODE_ENV: production ? 'production' : undefined });
  return {
    introspection: overrides.introspection ?? defaults.introspection,
    responseCache: overrides.responseCache ?? defaults.responseCache,
    redis: overrides.redis ?? defaults.redis,
    limits: { ...defaults.limits, ...overrides.limits },
    rateLimit: { ...defaults.rateLimit, ...overrides.rateLimit },
    subscriptions: { ...defaults.subscriptions, ...overrides.subscriptions },
    persistedOperations: overrides.persistedOperations ?? defaults.persistedOperations,
    subgraph: overrides.subgraph ?? defaults.subgraph,
    trustProxy: overrides.trustProxy ?? defaults.trustProxy,
    speedUps: overrides.speedUps ?? defaults.speedUps,
    readReplicas: { ...defaults.readReplicas, ...overrides.readReplicas },
  };
}

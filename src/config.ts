import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root folder (prisma/, .data/ and node_modules/ live there). */
export const projectRoot = fileURLToPath(new URL('..', import.meta.url));

/** Bounds on what one request may ask; over-limit requests are refused before any resolver runs. */
export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxCost: number;
  /** Largest accepted request body, in bytes. */
  maxBodyBytes: number;
  /** Largest accepted `variables`, in bytes of JSON. */
  maxVariablesBytes: number;
}

export interface RateLimitConfig {
  enabled: boolean;
  /** Cost points a client may spend per window; a request spends its query cost (at least 1). */
  pointsPerWindow: number;
  /** Budget for a client identified by API key (rather than by IP). */
  pointsPerWindowWithKey: number;
  windowSeconds: number;
}

/** Bounds on live subscriptions (graphql-ws), counted on each instance; with Redis, each client's over every instance too. */
export interface SubscriptionLimits {
  /** Active subscriptions one WebSocket may hold. */
  maxPerConnection: number;
  /** Active subscriptions one client (API key, else IP address) may hold over all its WebSockets (on every instance, with Redis). */
  maxPerClient: number;
  /** WebSockets one IP address may hold open (counted from the upgrade, before any credentials are sent). */
  maxSocketsPerIp: number;
}

export interface ReadReplicaConfig {
  /** Streaming replicas of the primary that queries may read from (none: everything runs on the primary). */
  urls: string[];
  /** A replica lagging further behind the primary than this gets no reads until it catches up. */
  maxLagMs: number;
  /** How often each replica's replay position and lag are checked. */
  checkIntervalMs: number;
}

export interface RedisConfig {
  url: string | undefined;
  /** Put before every key paygraph writes, so several deployments (or test files) can share one Redis. */
  keyPrefix: string;
}

export interface Config {
  /** Absent: paygraph runs its own embedded PostgreSQL (a local, zero-setup run). */
  databaseUrl: string | undefined;
  readReplicas: ReadReplicaConfig;
  port: number;
  production: boolean;
  logLevel: string;
  embeddedDataDir: string;
  embeddedPort: number;
  introspection: boolean;
  /** Where responses are cached: in this process, in Redis (shared by every instance; needs `redis.url`), or nowhere. */
  responseCache: 'memory' | 'redis' | 'off';
  /** Absent url: nothing is shared between instances (response cache and rate-limit budgets stay in process). */
  redis: RedisConfig;
  limits: QueryLimits;
  rateLimit: RateLimitConfig;
  subscriptions: SubscriptionLimits;
  /** How long a graceful shutdown may take before the process exits anyway. */
  shutdownTimeoutMs: number;
  /** Express's `trust proxy`: which proxies' X-Forwarded-For to believe for the client IP (false: none). */
  trustProxy: boolean | number | string;
  /** Operations known by hash (the contract's, plus those of `file`); with `only`, nothing else runs. */
  persistedOperations: { only: boolean; file: string | undefined };
  /** Whether the Federation 2 subgraph is served at /subgraph. */
  subgraph: boolean;
  /** Compiled execution and synchronous resolvers (docs/decisions/0002, 0003); off runs TypeGraphQL and graphql-js as they are. */
  speedUps: boolean;
}

function integer(name: string, value: string | undefined, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > max) throw new Error(`${name} must be an integer from 0 to ${max}, got "${value}"`);
  return parsed;
}

function flag(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (/^(true|on|1|yes)$/i.test(value)) return true;
  if (/^(false|off|0|no)$/i.test(value)) return false;
  throw new Error(`${name} must be true or false, got "${value}"`);
}

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined || value === '') return fallback;
  if (!allowed.includes(value as T)) throw new Error(`${name} must be one of ${allowed.join(', ')}, got "${value}"`);
  return value as T;
}

/** TRUST_PROXY: a hop count ("1"), true/false, or Express's names and addresses ("loopback", "10.0.0.0/8"). */
function trustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value === '' || /^(false|off|no)$/i.test(value)) return false;
  if (/^(true|on|yes)$/i.test(value)) return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** DATABASE_REPLICA_URLS: comma-separated PostgreSQL URLs, each a replica of DATABASE_URL's server. */
function replicaUrls(value: string | undefined, databaseUrl: string | undefined): string[] {
  const urls = (value ?? '').split(',').map((url) => url.trim()).filter(Boolean);
  if (urls.length && !databaseUrl) throw new Error('DATABASE_REPLICA_URLS needs DATABASE_URL: replicas replicate a primary of your own, not the embedded database');
  return urls;
}

/** Reads the configuration from the environment; every variable is documented in the README. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const persistedOnly = flag('PERSISTED_ONLY', env.PERSISTED_ONLY, false);
  const redisUrl = env.REDIS_URL || undefined;
  const responseCache = oneOf('RESPONSE_CACHE', env.RESPONSE_CACHE, ['memory', 'redis', 'off'], redisUrl ? 'redis' : 'memory');
  if (responseCache === 'redis' && !redisUrl) throw new Error('RESPONSE_CACHE=redis needs REDIS_URL');
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    readReplicas: {
      urls: replicaUrls(env.DATABASE_REPLICA_URLS, env.DATABASE_URL || undefined),
      maxLagMs: integer('DATABASE_REPLICA_MAX_LAG_MS', env.DATABASE_REPLICA_MAX_LAG_MS, 5000),
      checkIntervalMs: Math.max(10, integer('DATABASE_REPLICA_CHECK_MS', env.DATABASE_REPLICA_CHECK_MS, 1000)),
    },
    port: integer('PORT', env.PORT, 4000, 65535),
    production,
    logLevel: env.LOG_LEVEL ?? 'info',
    embeddedDataDir: path.resolve(projectRoot, env.PAYGRAPH_DATA_DIR ?? '.data/postgres'),
    embeddedPort: integer('PAYGRAPH_EMBEDDED_PG_PORT', env.PAYGRAPH_EMBEDDED_PG_PORT, 54329, 65535),
    introspection: flag('INTROSPECTION', env.INTROSPECTION, !production),
    responseCache,
    redis: { url: redisUrl, keyPrefix: env.REDIS_KEY_PREFIX ?? 'paygraph:' },
    limits: {
      maxDepth: integer('MAX_QUERY_DEPTH', env.MAX_QUERY_DEPTH, 12),
      maxAliases: integer('MAX_QUERY_ALIASES', env.MAX_QUERY_ALIASES, 50),
      maxTokens: integer('MAX_QUERY_TOKENS', env.MAX_QUERY_TOKENS, 5000),
      // ~0.2 s of server CPU at the measured ~3.2 µs per point (docs/decisions/0007-cost-model.md).
      maxCost: integer('MAX_QUERY_COST', env.MAX_QUERY_COST, 60000),
      maxBodyBytes: integer('MAX_BODY_BYTES', env.MAX_BODY_BYTES, 1024 * 1024),
      // Room for a full import batch (1,000 observations of ~300 bytes).
      maxVariablesBytes: integer('MAX_VARIABLES_BYTES', env.MAX_VARIABLES_BYTES, 512 * 1024),
    },
    rateLimit: {
      enabled: flag('RATE_LIMIT', env.RATE_LIMIT, true),
      // Five of the costliest operations per window, with a key fifty.
      pointsPerWindow: integer('RATE_LIMIT_POINTS', env.RATE_LIMIT_POINTS, 300_000),
      pointsPerWindowWithKey: integer('RATE_LIMIT_POINTS_WITH_KEY', env.RATE_LIMIT_POINTS_WITH_KEY, 3_000_000),
      windowSeconds: integer('RATE_LIMIT_WINDOW_SECONDS', env.RATE_LIMIT_WINDOW_SECONDS, 60),
    },
    subscriptions: {
      maxPerConnection: integer('MAX_SUBSCRIPTIONS_PER_CONNECTION', env.MAX_SUBSCRIPTIONS_PER_CONNECTION, 10),
      maxPerClient: integer('MAX_SUBSCRIPTIONS_PER_CLIENT', env.MAX_SUBSCRIPTIONS_PER_CLIENT, 50),
      maxSocketsPerIp: integer('MAX_WEBSOCKETS_PER_IP', env.MAX_WEBSOCKETS_PER_IP, 20),
    },
    shutdownTimeoutMs: integer('SHUTDOWN_TIMEOUT_MS', env.SHUTDOWN_TIMEOUT_MS, 10_000),
    trustProxy: trustProxy(env.TRUST_PROXY),
    persistedOperations: {
      only: persistedOnly,
      file: env.PERSISTED_OPERATIONS_FILE ? path.resolve(projectRoot, env.PERSISTED_OPERATIONS_FILE) : undefined,
    },
    // A gateway plans its own operations, so the subgraph runs anything: persisted-only mode closes it unless asked.
    subgraph: flag('SUBGRAPH', env.SUBGRAPH, !persistedOnly),
    speedUps: flag('SPEED_UPS', env.SPEED_UPS, true),
  };
}

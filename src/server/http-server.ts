import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware, type ExpressContextFunctionArgument } from '@as-integrations/express5';
import express, { type Request } from 'express';
import type { Caller, GraphQLContext } from '../graphql/context.js';
import { listenForDataChanges } from '../serving/response-cache/change-listener.js';
import type { DatabaseHandle } from '../db/client.js';
import { requireSubgraphKey } from '../graphql/federation/subgraph-access.js';
import { graphiqlRouter } from '../serving/http/graphiql.js';
import { fillWrittenData } from '../serving/http/written-data.js';
import { healthRouter } from '../serving/http/health.js';
import { requestLocale } from '../serving/http/locale.js';
import { PersistedOperations } from '../serving/persisted-operations/operation-registry.js';
import { normaliseQueries } from '../serving/input/normal-query.js';
import type { OperationRequest } from '../serving/response-cache/operation-request.js';
import { inFlightRequests } from '../serving/http/in-flight.js';
import { requestLogging, unexpectedErrors } from '../serving/http/request.js';
import { jsonBody, requestBodyErrors } from '../serving/input/request-body.js';
import { serveCachedResponses } from '../serving/response-cache/http-cache.js';
import { refuseSpentBudgets } from '../serving/rate-limit/spent-budgets.js';
import type { Logger } from '../logger.js';
import { reportCacheSizes } from '../serving/metrics/cache-sizes.js';
import { createMetrics } from '../serving/metrics/metrics.js';
import { costRateLimit } from '../serving/rate-limit/cost-rate-limit.js';
import { InvalidatingCache, type ResponseCache } from '../serving/response-cache/plugin.js';
import { RedisResponseCache } from '../serving/response-cache/redis-store.js';
import { connectRedis, type RedisConnection } from '../serving/redis/connection.js';
import { reportRedisState } from '../serving/metrics/redis-state.js';
import { ApiKeyService } from '../services/api-keys/api-key.service.js';
import { validatedArguments } from '../graphql/execution/validate-args.js';
import { buildPaygraphSchema } from '../graphql/schema.js';
import { reportSubscribers } from '../serving/subscriptions/metrics.js';
import { serveSubscriptions } from '../serving/subscriptions/websocket-server.js';
import { refuseSubscriptionsOverHttp } from '../serving/input/subscriptions-over-http.js';
import { servingSettings, type ServingSettings } from './settings.js';
import { createApolloServer, documentCache } from './apollo-server.js';
import { createContext, requestCaller } from './context.js';
import { ReadReplicas } from '../db/replicas/read-replicas.js';
import { reportReadReplicas } from '../serving/metrics/replicas.js';
import { readRoutingPlugin } from './read-routing.js';

function responseCache(kind: ServingSettings['responseCache'], redis: RedisConnection | undefined, replicas: ReadReplicas | undefined): ResponseCache | undefined {
  if (kind === 'memory') return new InvalidatingCache();
  if (kind === 'off') return undefined;
  if (!redis) throw new Error('RESPONSE_CACHE=redis needs REDIS_URL');
  // Another instance replaced the generation: a write this instance may not have heard of yet, so
  // its reads must not go to a replica that lacks it, or they would be stored under the new one.
  return new RedisResponseCache(redis, { onForeignGeneration: () => replicas?.writeAnnounced() });
}

export interface ServerOptions {
  database: DatabaseHandle;
  logger: Logger;
  port: number;
  /** Production hides GraphiQL; introspection follows `serving.introspection`. */
  production: boolean;
  serving?: Partial<ServingSettings>;
}

export interface RunningServer {
  url: string;
  httpServer: Server;
  /** Stops accepting connections, lets in-flight requests finish, stops background work. */
  close(): Promise<void>;
}

/**
 * Starts the HTTP server: GraphQL at /graphql (subscriptions over WebSocket there), GraphiQL at /graphiql (not in production),
 * /healthz, /readyz, Prometheus metrics at /metrics, and the Federation 2 subgraph for a gateway
 * at /subgraph (unless `serving.subgraph` is off; with introspection off, for API keys with the
 * subgraph:read scope only).
 */
export async function startServer({ database, logger, port, production, serving: overrides }: ServerOptions): Promise<RunningServer> {
  const serving = servingSettings(production, overrides);
  const app = express();
  app.disable('x-powered-by');
  // GraphQL answers are mostly POSTed, where an ETag is never used; hashing every body cost ~1.5 % of a nested read's CPU.
  app.set('etag', false);
  app.set('trust proxy', serving.trustProxy);
  const httpServer = createServer(app);
  const persistedOperations = PersistedOperations.load(serving.persistedOperations.file);
  const metrics = createMetrics(database, persistedOperations.names);
  const redis = serving.redis.url ? await connectRedis({ ...serving.redis, url: serving.redis.url }, logger) : undefined;
  if (redis) reportRedisState(metrics.registry, redis);
  const replicas = serving.readReplicas.urls.length ? new ReadReplicas(database, serving.readReplicas, logger) : undefined;
  const cache = responseCache(serving.responseCache, redis, replicas);
  const documents = documentCache();
  reportCacheSizes(metrics.registry, { responses: cache, documents, validated_arguments: validatedArguments });
  if (replicas) reportReadReplicas(metrics.registry, replicas);
  // Replicas need the notices without a cache too: a write announced anywhere keeps reads off the replicas that lack it.
  // A shared store that cannot take an invalidation counts as unreachable until it has a new generation.
  const changes =
    cache || replicas
      ? listenForDataChanges(
          database.url,
          () => {
            replicas?.writeAnnounced();
            void cache?.invalidate().catch(() => {});
          },
          logger,
        )
      : undefined;
  const apiKeys = new ApiKeyService(database.prisma);
  // One caller per request, so its API key is checked once, whoever asks first (the subgraph gate may have verified it).
  const callers = new WeakMap<Request, Caller>();
  const callerOf = (req: Request) => {
    let caller = callers.get(req);
    if (!caller) {
      caller = requestCaller(apiKeys, { authorization: req.get('authorization'), clientIp: req.ip, verifiedKey: req.res?.locals.verifiedApiKey });
      callers.set(req, caller);
    }
    return caller;
  };
  const context = async ({ req, res }: ExpressContextFunctionArgument) =>
    createContext(database, { requestId: res.locals.requestId, locale: requestLocale(req), responseCache: res.locals.responseCache, writtenData: res.locals.writtenData, caller: callerOf(req) });
  // Every endpoint spends one budget per client: charged by Apollo and the response cache, checked before a request is read.
  const rateLimit = costRateLimit(serving.rateLimit, redis && { redis, onFallback: () => metrics.rateLimitFallbacks.inc() });
  const schema = await buildPaygraphSchema({ speedUps: serving.speedUps });
  const subscriptions = serveSubscriptions({
    httpServer,
    path: '/graphql',
    schema,
    database,
    logger,
    serving,
    rateLimit,
    persistedOperations,
    apiKeys,
    redis,
    trustProxy: app.get('trust proxy fn'),
  });
  reportSubscribers(metrics.registry, subscriptions);
  // Apollo Server's pattern for WebSockets beside it: its drain closes them, so a shutdown never waits on a subscriber.
  const closeSubscriptions: ApolloServerPlugin<GraphQLContext> = {
    async serverWillStart() {
      return { drainServer: () => subscriptions.close() };
    },
  };

  /**
   * A started GraphQL endpoint and its handlers: the spent-budget check, body parsing, query
   * normalisation, the response cache (when on), Apollo. `runs` says which documents Apollo would
   * run there, so the cache never answers others.
   */
  const executions = inFlightRequests();
  const graphqlEndpoint = async (endpoint: 'graphql' | 'subgraph', runs: (request: OperationRequest) => boolean, plugins: ApolloServerPlugin<GraphQLContext>[] = []) => {
    const forGateway = endpoint === 'subgraph';
    if (replicas) plugins = [...plugins, readRoutingPlugin(replicas)];
    const server = await createApolloServer({ logger, production, serving, metrics, cache, rateLimit, persistedOperations, documents, plugins, subgraph: forGateway, schema: forGateway ? undefined : schema });
    await server.start();
    const cached = cache && serveCachedResponses({ cache, endpoint, runs, metrics, logger, rateLimit: rateLimit && { limit: rateLimit, callerOf } });
    return {
      server,
      handlers: [
        ...(rateLimit ? [refuseSpentBudgets(rateLimit, callerOf)] : []),
        ...jsonBody(serving.limits.maxBodyBytes),
        normaliseQueries({ isRegistered: (hash) => persistedOperations.has(hash), maxTokens: serving.limits.maxTokens }),
        refuseSubscriptionsOverHttp({ maxTokens: serving.limits.maxTokens }),
        ...(cached ? [cached] : []),
        fillWrittenData(),
        executions.track(expressMiddleware(server, { context })),
      ],
    };
  };
  const apollo = await graphqlEndpoint(
    'graphql',
    serving.persistedOperations.only ? ({ documentHash }) => persistedOperations.has(documentHash) : () => true,
    [ApolloServerPluginDrainHttpServer({ httpServer }), closeSubscriptions],
  );
  // The subgraph takes no persisted queries: a hash alone gets Apollo's refusal, never a cached answer.
  const subgraph = serving.subgraph ? await graphqlEndpoint('subgraph', ({ sentAsHash }) => !sentAsHash) : undefined;

  app.use(requestLogging(logger));
  app.use(healthRouter(database, logger, () => (redis && !redis.up ? ['redis_unreachable'] : [])));
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  if (!production) app.use(graphiqlRouter('/graphql'));
  app.use('/graphql', apollo.handlers);
  // Without introspection the schema is not public, and the subgraph's SDL is all of it.
  if (subgraph) app.use('/subgraph', ...(serving.introspection ? [] : [requireSubgraphKey(apiKeys)]), ...subgraph.handlers);
  app.use(requestBodyErrors(serving.limits.maxBodyBytes));
  app.use(unexpectedErrors(logger));

  // Answers cached before the listener subscribes would be dropped as it does.
  await Promise.all([changes?.ready, subscriptions.ready, replicas?.ready]);
  // Serves whether Redis answers or not; it is used once connected.
  await redis?.start();
  await new Promise<void>((resolve) => httpServer.listen(port, resolve));
  const { port: boundPort } = httpServer.address() as AddressInfo;
  return {
    url: `http://localhost:${boundPort}/graphql`,
    httpServer,
    async close() {
      // The main server's drain waits for every in-flight request, /subgraph ones included.
      await apollo.server.stop();
      await subgraph?.server.stop();
      await executions.settled();
      await changes?.close();
      await replicas?.close();
      await redis?.close();
    },
  };
}

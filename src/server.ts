import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware, type ExpressContextFunctionArgument } from '@as-integrations/express5';
import express, { type Request } from 'express';
import type { DocumentNode } from 'graphql';
import { ByteBoundedCache, documentBytes } from './byte-bounded-cache.js';
import { loadConfig, type Config } from './config.js';
import type { Caller, GraphQLContext } from './context.js';
import { compiledExecution } from './compiled-execution.js';
import { listenForDataChanges } from './db/change-listener.js';
import type { DatabaseHandle } from './db/client.js';
import { requireSubgraphKey } from './federation/subgraph-access.js';
import { buildPaygraphSubgraphSchema } from './federation/subgraph-schema.js';
import { graphiqlRouter } from './http/graphiql.js';
import { healthRouter } from './http/health.js';
import { requestLocale } from './http/locale.js';
import { PersistedOperations } from './http/operation-registry.js';
import { normaliseQueries } from './http/normal-query.js';
import type { OperationRequest } from './http/operation-request.js';
import { requestLogging, unexpectedErrors } from './http/request.js';
import { jsonBody, requestBodyErrors } from './http/request-body.js';
import { serveCachedResponses, type ResponseCacheTicket } from './http/response-cache.js';
import { IntrospectionDisabledRule } from './limits/introspection.js';
import { refuseSpentBudgets } from './http/spent-budgets.js';
import type { Logger } from './logger.js';
import { reportCacheSizes } from './observability/cache-sizes.js';
import { createMetrics, type Metrics } from './observability/metrics.js';
import { acceptRequestId, errorReportingPlugin } from './plugins/error-reporting.js';
import { formatError } from './plugins/format-error.js';
import { knownOperationTypes } from './plugins/known-operation-types.js';
import { metricsPlugin } from './plugins/metrics.js';
import { nulCharacterPlugin } from './plugins/nul-characters.js';
import { persistedOperationsOptions } from './plugins/persisted-operations.js';
import { queryLimitsPlugin } from './plugins/query-limits.js';
import { costRateLimit, type CostRateLimit, rateLimitPlugin } from './plugins/rate-limit.js';
import { InvalidatingCache, noCachePlugins, responseCachePlugins } from './plugins/response-cache.js';
import { buildPaygraphSchema } from './schema.js';
import { ApiKeyService, bearerToken, type AuthenticatedKey } from './services/api-key.service.js';
import { createRequestServices } from './services/request-services.js';
import { validatedArguments } from './validate-args.js';

/** What the server can be tuned with (see Config); defaults are loadConfig's. */
export type ServingSettings = Pick<Config, 'introspection' | 'responseCache' | 'limits' | 'rateLimit' | 'persistedOperations' | 'subgraph' | 'trustProxy'>;

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
 * Apollo's cache of parsed and validated documents, bounded by their estimated heap (Apollo's
 * default counts 30 MiB of their JSON, some 150 MiB of heap per server).
 */
const documentCache = () => new ByteBoundedCache<DocumentNode>({ maxBytes: 64 * 1024 * 1024, sizeOf: documentBytes });

function servingSettings(production: boolean, overrides: Partial<ServingSettings> = {}): ServingSettings {
  const defaults = loadConfig({ NODE_ENV: production ? 'production' : undefined });
  return {
    introspection: overrides.introspection ?? defaults.introspection,
    responseCache: overrides.responseCache ?? defaults.responseCache,
    limits: { ...defaults.limits, ...overrides.limits },
    rateLimit: { ...defaults.rateLimit, ...overrides.rateLimit },
    persistedOperations: overrides.persistedOperations ?? defaults.persistedOperations,
    subgraph: overrides.subgraph ?? defaults.subgraph,
    trustProxy: overrides.trustProxy ?? defaults.trustProxy,
  };
}

/** The GraphQL server with paygraph's schema, limits, error policy and plugins, not yet bound to HTTP. */
export async function createApolloServer(options: {
  logger: Logger;
  production: boolean;
  serving?: Partial<ServingSettings>;
  metrics?: Metrics;
  cache?: InvalidatingCache;
  /** The budgets to charge (shared with the HTTP response cache); by default, new ones from `serving.rateLimit`. */
  rateLimit?: CostRateLimit;
  /** The registered operations, when already loaded. */
  persistedOperations?: PersistedOperations;
  /** Parsed and validated documents, by default a new documentCache() (several servers may share one: Apollo keys it by schema). */
  documents?: ByteBoundedCache<DocumentNode>;
  plugins?: ApolloServerPlugin<GraphQLContext>[];
  /** Serve the Federation 2 subgraph schema, for a gateway (which plans its own operations, so none is persisted). */
  subgraph?: boolean;
}) {
  const serving = servingSettings(options.production, options.serving);
  const persisted = options.subgraph ? undefined : persistedOperationsOptions(serving.persistedOperations, options.persistedOperations);
  const rateLimit = options.rateLimit ?? costRateLimit(serving.rateLimit);
  // The subgraph keeps graphql-js: federation's entity resolution is not worth compiling.
  const execution = options.subgraph ? { schema: await buildPaygraphSubgraphSchema() } : { gateway: compiledExecution(await buildPaygraphSchema()) };
  return new ApolloServer<GraphQLContext>({
    ...execution,
    persistedQueries: persisted?.persistedQueries ?? false,
    documentStore: options.documents ?? documentCache(),
    // Apollo's own refusal would tell the operator to pass an option to ApolloServer: ours names INTROSPECTION.
    introspection: true,
    validationRules: [knownOperationTypes, ...(serving.introspection ? [] : [IntrospectionDisabledRule])],
    hideSchemaDetailsFromClientErrors: !serving.introspection,
    formatError,
    includeStacktraceInErrorResponses: false,
    // The process's owner (main.ts) decides when to stop; Apollo would otherwise stop itself on SIGTERM/SIGINT
    // (unless NODE_ENV=test) and race the graceful shutdown.
    stopOnTerminationSignals: false,
    parseOptions: { maxTokens: serving.limits.maxTokens },
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      errorReportingPlugin(options.logger),
      // Before the limits: an operation outside the allow-list is refused as such, whatever its size.
      ...(persisted?.plugins ?? []),
      nulCharacterPlugin(),
      queryLimitsPlugin(serving.limits),
      ...(rateLimit ? [rateLimitPlugin(rateLimit, serving.limits)] : []),
      ...(options.cache ? responseCachePlugins(options.cache) : noCachePlugins()),
      ...(options.metrics ? [metricsPlugin(options.metrics)] : []),
      // Subgraphs trace for GraphOS by default, for any caller sending the header; paygraph reports no traces.
      ...(options.subgraph ? [ApolloServerPluginInlineTraceDisabled()] : []),
      ...(options.plugins ?? []),
    ],
  });
}

/** Who sent a request: its IP, and its API key, verified only if needed (once, unless `verifiedKey` is that of the HTTP layer). */
function requestCaller(apiKeys: ApiKeyService, request: { authorization?: string; clientIp?: string; verifiedKey?: AuthenticatedKey }): Caller {
  const bearer = bearerToken(request.authorization);
  let apiKey: Promise<AuthenticatedKey | null> | undefined = request.verifiedKey && Promise.resolve(request.verifiedKey);
  return {
    clientIp: request.clientIp ?? 'unknown',
    bearerToken: bearer,
    apiKey: () => (apiKey ??= bearer ? apiKeys.verify(bearer) : Promise.resolve(null)),
  };
}

/**
 * A context for one request: fresh batch loaders over the shared database client. A client's
 * own x-request-id is kept when it is a plain token. `caller` is who sent it, when the HTTP layer
 * has already asked.
 */
export function createContext(
  database: DatabaseHandle,
  request: { requestId?: string; authorization?: string; clientIp?: string; locale?: string; responseCache?: ResponseCacheTicket; caller?: Caller } = {},
): GraphQLContext {
  const services = createRequestServices(database);
  return {
    ...(request.caller ?? requestCaller(services.apiKeys, request)),
    services,
    requestId: acceptRequestId(request.requestId),
    locale: request.locale,
    responseCache: request.responseCache,
  };
}

/**
 * Starts the HTTP server: GraphQL at /graphql, GraphiQL at /graphiql (not in production),
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
  const cache = serving.responseCache === 'memory' ? new InvalidatingCache() : undefined;
  const documents = documentCache();
  reportCacheSizes(metrics.registry, { responses: cache, documents, validated_arguments: validatedArguments });
  const changes = cache ? listenForDataChanges(database.url, () => cache.invalidate(), logger) : undefined;
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
    createContext(database, { requestId: res.locals.requestId, locale: requestLocale(req), responseCache: res.locals.responseCache, caller: callerOf(req) });
  // Every endpoint spends one budget per client: charged by Apollo and the response cache, checked before a request is read.
  const rateLimit = costRateLimit(serving.rateLimit);

  /**
   * A started GraphQL endpoint and its handlers: the spent-budget check, body parsing, query
   * normalisation, the response cache (when on), Apollo. `runs` says which documents Apollo would
   * run there, so the cache never answers others.
   */
  const graphqlEndpoint = async (endpoint: 'graphql' | 'subgraph', runs: (request: OperationRequest) => boolean, plugins: ApolloServerPlugin<GraphQLContext>[] = []) => {
    const server = await createApolloServer({ logger, production, serving, metrics, cache, rateLimit, persistedOperations, documents, plugins, subgraph: endpoint === 'subgraph' });
    await server.start();
    const cached = cache && serveCachedResponses({ cache, endpoint, runs, metrics, logger, rateLimit: rateLimit && { limit: rateLimit, callerOf } });
    return {
      server,
      handlers: [
        ...(rateLimit ? [refuseSpentBudgets(rateLimit, callerOf)] : []),
        ...jsonBody(serving.limits.maxBodyBytes),
        normaliseQueries({ isRegistered: (hash) => persistedOperations.has(hash), maxTokens: serving.limits.maxTokens }),
        ...(cached ? [cached] : []),
        expressMiddleware(server, { context }),
      ],
    };
  };
  const apollo = await graphqlEndpoint(
    'graphql',
    serving.persistedOperations.only ? ({ documentHash }) => persistedOperations.has(documentHash) : () => true,
    [ApolloServerPluginDrainHttpServer({ httpServer })],
  );
  // The subgraph takes no persisted queries: a hash alone gets Apollo's refusal, never a cached answer.
  const subgraph = serving.subgraph ? await graphqlEndpoint('subgraph', ({ sentAsHash }) => !sentAsHash) : undefined;

  app.use(requestLogging(logger));
  app.use(healthRouter(database, logger));
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
  await changes?.ready;
  await new Promise<void>((resolve) => httpServer.listen(port, resolve));
  const { port: boundPort } = httpServer.address() as AddressInfo;
  return {
    url: `http://localhost:${boundPort}/graphql`,
    httpServer,
    async close() {
      // The main server's drain waits for every in-flight request, /subgraph ones included.
      await apollo.server.stop();
      await subgraph?.server.stop();
      await changes?.close();
    },
  };
}

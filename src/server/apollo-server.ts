import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { ByteBoundedCache, documentBytes } from '../lib/byte-bounded-cache.js';
import type { GraphQLContext } from '../graphql/context.js';
import { executionOf } from '../graphql/execution/speed-ups.js';
import { buildPaygraphSubgraphSchema } from '../graphql/federation/subgraph-schema.js';
import { PersistedOperations } from '../serving/persisted-operations/operation-registry.js';
import { IntrospectionDisabledRule } from '../serving/limits/introspection.js';
import type { Logger } from '../logger.js';
import { type Metrics } from '../serving/metrics/metrics.js';
import { errorReportingPlugin } from '../serving/errors/error-reporting.js';
import { formatError } from '../serving/errors/format-error.js';
import { servedOperationTypes } from '../serving/input/known-operation-types.js';
import { metricsPlugin } from '../serving/metrics/plugin.js';
import { nulCharacterPlugin } from '../serving/input/nul-characters.js';
import { persistedOperationsOptions } from '../serving/persisted-operations/plugin.js';
import { queryLimitsPlugin } from '../serving/limits/query-limits.js';
import { costRateLimit, type CostRateLimit, rateLimitPlugin } from '../serving/rate-limit/cost-rate-limit.js';
import { DEFAULT_MAX_AGE_SECONDS, noCachePlugins, responseCachePlugins, type ResponseCache } from '../serving/response-cache/plugin.js';
import { buildPaygraphSchema } from '../graphql/schema.js';
import { servingSettings, type ServingSettings } from './settings.js';

/**
 * Apollo's cache of parsed and validated documents, bounded by their estimated heap (Apollo's
 * default counts 30 MiB of their JSON, some 150 MiB of heap per server).
 */
export const documentCache = () => new ByteBoundedCache<DocumentNode>({ maxBytes: 64 * 1024 * 1024, sizeOf: documentBytes });

/** The GraphQL server with paygraph's schema, limits, error policy and plugins, not yet bound to HTTP. */
export async function createApolloServer(options: {
  logger: Logger;
  production: boolean;
  serving?: Partial<ServingSettings>;
  metrics?: Metrics;
  cache?: ResponseCache;
  /** The budgets to charge (shared with the HTTP response cache); by default, new ones from `serving.rateLimit`. */
  rateLimit?: CostRateLimit;
  /** The registered operations, when already loaded. */
  persistedOperations?: PersistedOperations;
  /** Parsed and validated documents, by default a new documentCache() (several servers may share one: Apollo keys it by schema). */
  documents?: ByteBoundedCache<DocumentNode>;
  plugins?: ApolloServerPlugin<GraphQLContext>[];
  /** Serve the Federation 2 subgraph schema, for a gateway (which plans its own operations, so none is persisted). */
  subgraph?: boolean;
  /** paygraph's schema, when already built (with `serving.speedUps` as given here). */
  schema?: GraphQLSchema;
}) {
  const serving = servingSettings(options.production, options.serving);
  const persisted = options.subgraph ? undefined : persistedOperationsOptions(serving.persistedOperations, options.persistedOperations);
  const rateLimit = options.rateLimit ?? costRateLimit(serving.rateLimit);
  // The subgraph keeps graphql-js: federation's entity resolution is not worth compiling.
  const execution = options.subgraph ? { schema: await buildPaygraphSubgraphSchema() } : executionOf(options.schema ?? (await buildPaygraphSchema({ speedUps: serving.speedUps })), serving.speedUps, DEFAULT_MAX_AGE_SECONDS);
  return new ApolloServer<GraphQLContext>({
    ...execution,
    persistedQueries: persisted?.persistedQueries ?? false,
    documentStore: options.documents ?? documentCache(),
    // Apollo's own refusal would tell the operator to pass an option to ApolloServer: ours names INTROSPECTION.
    introspection: true,
    validationRules: [servedOperationTypes('query', 'mutation'), ...(serving.introspection ? [] : [IntrospectionDisabledRule])],
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

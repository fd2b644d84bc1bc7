import type { IncomingMessage, Server } from 'node:http';
import {
  createSourceEventStream,
  execute,
  getOperationAST,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import type { Context, SubscribePayload } from 'graphql-ws';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import proxyAddr from 'proxy-addr';
import { WebSocketServer, type WebSocket } from 'ws';
import type { DatabaseHandle } from '../../db/client.js';
import { ErrorCode } from '../../errors.js';
import type { Caller, GraphQLContext } from '../../graphql/context.js';
import type { Logger } from '../../logger.js';
import { createContext, requestCaller } from '../../server/context.js';
import type { ServingSettings } from '../../server/settings.js';
import type { ApiKeyService } from '../../services/api-keys/api-key.service.js';
import { RequestServices } from '../../services/request-services.js';
import { formatError, isDatabaseUnavailable, isExposedError } from '../errors/format-error.js';
import { PersistedQueryNotInListError, QueryLimitError } from '../errors/refusals.js';
import { servedOperationTypes } from '../input/known-operation-types.js';
import { IntrospectionDisabledRule } from '../limits/introspection.js';
import { checkLimits, checkVariablesSize } from '../limits/query-limits.js';
import { operationHash, type PersistedOperations } from '../persisted-operations/operation-registry.js';
import type { CostRateLimit } from '../rate-limit/cost-rate-limit.js';
import type { RedisConnection } from '../redis/connection.js';
import { MarketChangeFeed } from './market-change-feed.js';
import { SharedSubscriptionCounts } from './shared-subscription-counts.js';
import { SubscriptionBounds, type ConnectionSubscriptions } from './subscription-bounds.js';

/** graphql-ws closes with 4429 (which its client does not retry) for too many WebSockets from one address. */
const TOO_MANY_SOCKETS = 4429;

export interface SubscriptionServerOptions {
  httpServer: Server;
  /** Where WebSockets are accepted: the GraphQL endpoint's own path. */
  path: string;
  schema: GraphQLSchema;
  database: DatabaseHandle;
  logger: Logger;
  serving: ServingSettings;
  rateLimit: CostRateLimit | undefined;
  persistedOperations: PersistedOperations;
  apiKeys: ApiKeyService;
  /** When given, each client's subscriptions are counted over every instance using it. */
  redis: RedisConnection | undefined;
  /** Express's compiled `trust proxy` (app.get('trust proxy fn')): the client address is found as for HTTP requests. */
  trustProxy: (address: string, hop: number) => boolean;
}

export interface SubscriptionServer {
  /** Settles once the first attempt to LISTEN for market updates has succeeded or failed. */
  ready: Promise<void>;
  /** Live market subscribers on this instance. */
  readonly watching: number;
  /** Closes every WebSocket (1001, going away) and stops listening. */
  close(): Promise<void>;
}

interface Connection {
  ip: string;
  caller: Caller;
  subscriptions: ConnectionSubscriptions;
}

/** Who a subscription counts against: the API key when a valid one is sent, else the address (as rate limits count). */
async function clientOf(caller: Caller): Promise<string> {
  const key = caller.bearerToken ? await caller.apiKey() : null;
  return key ? `key:${key.id}` : `ip:${caller.clientIp}`;
}

/** The Authorization a client sent: in connection_init's payload (browsers cannot set WebSocket headers), else on the upgrade request. */
function authorizationOf(params: Readonly<Record<string, unknown>> | undefined, request: IncomingMessage): string | undefined {
  const offered = params?.authorization ?? params?.Authorization;
  return typeof offered === 'string' ? offered : request.headers.authorization;
}

/** An error graphql-js raised before execution, with the code Apollo Server gives it over HTTP. */
const coded = (error: GraphQLError, code: string, hideSuggestions: boolean) =>
  new GraphQLError(hideSuggestions ? error.message.replace(/ Did you mean(.+)?\?$/, '') : error.message, { nodes: error.nodes, extensions: { code } });

/**
 * Execution results for the events of a subscription's source stream, each event run like a
 * request of its own (`respond` gives it fresh loaders). An event that fails to be read (the
 * database unreachable) is sent as an error and the subscription goes on: the next signal reads
 * the market again. return() ends it at once, even while it waits for an event.
 */
function eventResults<T>(events: AsyncIterator<T>, respond: (event: T) => ExecutionResult | Promise<ExecutionResult>): AsyncIterableIterator<ExecutionResult> {
  return {
    async next() {
      try {
        const event = await events.next();
        return event.done ? { value: undefined, done: true } : { value: await respond(event.value), done: false };
      } catch (error) {
        return { value: { errors: [error instanceof GraphQLError ? error : new GraphQLError((error as Error).message, { originalError: error as Error })] }, done: false };
      }
    },
    async return() {
      await events.return?.();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/**
 * GraphQL subscriptions over WebSocket at `path` (the graphql-transport-ws protocol of
 * graphql-ws), under the same rules as queries over HTTP: the persisted-operations mode, token,
 * variables, depth, alias, introspection and cost limits, the caller's rate-limit budget (a
 * subscription spends its cost once, when it starts), plus bounds on WebSockets per address and
 * live subscriptions per connection and per client (over every instance, with Redis). Only subscriptions are served here; queries
 * and mutations are refused with the HTTP endpoint named.
 */
export function serveSubscriptions(options: SubscriptionServerOptions): SubscriptionServer {
  const { httpServer, path, schema, database, logger, serving, rateLimit, persistedOperations, apiKeys, redis, trustProxy } = options;
  const feed = new MarketChangeFeed(database.url, logger);
  const shared = redis && new SharedSubscriptionCounts(redis);
  const bounds = new SubscriptionBounds(serving.subscriptions, shared);
  const rules = [...specifiedRules, servedOperationTypes('subscription'), ...(serving.introspection ? [] : [IntrospectionDisabledRule])];
  const connections = new WeakMap<WebSocket, Connection>();
  const wsServer = new WebSocketServer({ server: httpServer, path, maxPayload: serving.limits.maxBodyBytes });

  wsServer.on('connection', (socket, request) => {
    const ip = proxyAddr(request, trustProxy);
    const refusal = bounds.openSocket(ip);
    if (refusal) return socket.close(TOO_MANY_SOCKETS, `${ErrorCode.QUERY_LIMIT_EXCEEDED}: ${refusal.message}`);
    const connection: Connection = { ip, caller: requestCaller(apiKeys, { authorization: request.headers.authorization, clientIp: ip }), subscriptions: new Map() };
    connections.set(socket, connection);
    socket.once('close', () => bounds.closeSocket(ip, connection.subscriptions));
  });

  const connectionOf = (ctx: Context<Record<string, unknown> | undefined, Extra>) => connections.get(ctx.extra.socket);

  const formatted = (errors: readonly GraphQLError[]): GraphQLFormattedError[] =>
    errors.map((error) => {
      if (isDatabaseUnavailable(error)) logger.warn({ err: error.originalError ?? error }, 'database unavailable');
      else if (!isExposedError(error)) logger.error({ err: error.originalError ?? error, path: error.path }, 'unexpected error in a subscription');
      return formatError(error.toJSON(), error);
    });

  /** The operation's text: sent as `query`, or registered and named by `extensions.persistedQuery.sha256Hash`. */
  const operationText = (payload: SubscribePayload): string => {
    const hash = (payload.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined)?.sha256Hash;
    const text = payload.query || (typeof hash === 'string' ? persistedOperations.text(hash) : undefined);
    if (text === undefined || (serving.persistedOperations.only && !persistedOperations.has(operationHash(text)))) throw new PersistedQueryNotInListError();
    return text;
  };

  /** Checks a subscribe message as the HTTP endpoint checks a request, counts it, and gives its execution arguments. */
  const admit = async (connection: Connection, id: string, payload: SubscribePayload): Promise<ExecutionArgs | readonly GraphQLError[]> => {
    let document;
    try {
      document = parse(operationText(payload), { maxTokens: serving.limits.maxTokens });
    } catch (error) {
      if (!(error instanceof GraphQLError) || error.extensions.code) throw error;
      return [coded(error, 'GRAPHQL_PARSE_FAILED', false)];
    }
    let invalid: readonly GraphQLError[];
    try {
      invalid = validate(schema, document, rules);
    } catch (error) {
      // graphql-js's single-field-subscription rule throws, rather than reports, on @include/@skip
      // of a variable it is not given (it runs without variables).
      if (!(error instanceof GraphQLError)) throw error;
      invalid = [error];
    }
    if (invalid.length) return invalid.map((error) => coded(error, 'GRAPHQL_VALIDATION_FAILED', !serving.introspection));
    const operation = getOperationAST(document, payload.operationName);
    if (!operation) return [new GraphQLError('The document names no single operation to run: send operationName', { extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } })];
    const variableValues = payload.variables ?? undefined;
    let cost;
    try {
      checkVariablesSize(variableValues, serving.limits);
      cost = checkLimits(schema, document, operation, variableValues, serving.limits);
    } catch (error) {
      // Refusing is never cheaper than answering (as over HTTP): the client cannot make the server price document after document for free.
      if (error instanceof QueryLimitError && rateLimit) await rateLimit.charge(connection.caller, serving.limits.maxCost);
      throw error;
    }
    if (rateLimit) {
      const charged = await rateLimit.charge(connection.caller, cost);
      if (!charged.allowed) return [rateLimit.refusal(charged)];
    }
    await bounds.admit(connection.subscriptions, id, await clientOf(connection.caller));
    const contextValue = createContext(database, { caller: connection.caller, marketSignals: feed.signals });
    return { schema, document, operationName: payload.operationName, variableValues, contextValue };
  };

  const server = useServer(
    {
      onConnect(ctx) {
        const connection = connectionOf(ctx);
        if (!connection) return false;
        connection.caller = requestCaller(apiKeys, { authorization: authorizationOf(ctx.connectionParams, ctx.extra.request), clientIp: connection.ip });
        return true;
      },
      async onSubscribe(ctx, id, payload) {
        const connection = connectionOf(ctx);
        if (!connection) return [new GraphQLError('This connection is closing', { extensions: { code: 'BAD_REQUEST' } })];
        try {
          return await admit(connection, id, payload);
        } catch (error) {
          return [error instanceof GraphQLError ? error : new GraphQLError((error as Error).message, { originalError: error as Error })];
        }
      },
      async subscribe(args) {
        const events = await createSourceEventStream(args);
        if (!(Symbol.asyncIterator in events)) return events;
        const context = args.contextValue as GraphQLContext;
        // Each event is answered with loaders of its own: the subscription's would answer from what they read at its start.
        return eventResults(events[Symbol.asyncIterator](), (event) => execute({ ...args, rootValue: event, contextValue: { ...context, services: new RequestServices(database) } }));
      },
      onNext(_ctx, _id, _payload, _args, result) {
        return result.errors ? { ...result, errors: formatted(result.errors) } : undefined;
      },
      onError(_ctx, _id, _payload, errors) {
        return formatted(errors);
      },
      onComplete(ctx, id) {
        const connection = connectionOf(ctx);
        if (connection) bounds.release(connection.subscriptions, id);
      },
    },
    wsServer,
  );

  return {
    ready: feed.ready,
    get watching() {
      return feed.watching;
    },
    async close() {
      await server.dispose();
      await feed.close();
      shared?.close();
    },
  };
}

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { createServer } from 'node:http';
import type { GraphQLContext } from './context.js';
import type { DatabaseHandle } from './db/client.js';
import { graphiqlRouter } from './http/graphiql.js';
import type { Logger } from './logger.js';
import { formatError } from './plugins/format-error.js';
import { newRequestId, requestIdPlugin } from './plugins/request-id.js';
import { buildPaygraphSchema } from './schema.js';
import { bearerToken, type AuthenticatedKey } from './services/api-key.service.js';
import { createRequestServices } from './services/request-services.js';

export interface ServerOptions {
  database: DatabaseHandle;
  logger: Logger;
  port: number;
  /** In production introspection and GraphiQL are off unless enabled explicitly. */
  production: boolean;
}

export interface RunningServer {
  url: string;
  httpServer: Server;
  close(): Promise<void>;
}

/** The GraphQL server with paygraph's schema, error policy and plugins, not yet bound to HTTP. */
export async function createApolloServer(options: { logger: Logger; production: boolean; plugins?: ApolloServerPlugin<GraphQLContext>[] }) {
  return new ApolloServer<GraphQLContext>({
    schema: await buildPaygraphSchema(),
    introspection: !options.production,
    formatError,
    includeStacktraceInErrorResponses: false,
    plugins: [ApolloServerPluginLandingPageDisabled(), requestIdPlugin(options.logger), ...(options.plugins ?? [])],
  });
}

const CLIENT_REQUEST_ID = /^[\w.-]{1,64}$/;

/**
 * A context for one request: fresh batch loaders over the shared database client. A client's
 * own x-request-id is kept when it is a plain token; the API key is verified only if a field needs it.
 */
export function createContext(database: DatabaseHandle, request: { requestId?: string; authorization?: string } = {}): GraphQLContext {
  const services = createRequestServices(database.prisma);
  const bearer = bearerToken(request.authorization);
  let apiKey: Promise<AuthenticatedKey | null> | undefined;
  return {
    services,
    requestId: request.requestId && CLIENT_REQUEST_ID.test(request.requestId) ? request.requestId : newRequestId(),
    bearerToken: bearer,
    apiKey: () => (apiKey ??= bearer ? services.apiKeys.verify(bearer) : Promise.resolve(null)),
  };
}

/** Starts the HTTP server: GraphQL at /graphql, GraphiQL at /graphiql, health at /healthz. */
export async function startServer({ database, logger, port, production }: ServerOptions): Promise<RunningServer> {
  const app = express();
  const httpServer = createServer(app);
  const apollo = await createApolloServer({ logger, production, plugins: [ApolloServerPluginDrainHttpServer({ httpServer })] });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  if (!production) app.use(graphiqlRouter('/graphql'));
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => createContext(database, { requestId: req.get('x-request-id'), authorization: req.get('authorization') }),
    }),
  );

  await new Promise<void>((resolve) => httpServer.listen(port, resolve));
  const { port: boundPort } = httpServer.address() as AddressInfo;
  return {
    url: `http://localhost:${boundPort}/graphql`,
    httpServer,
    close: () => apollo.stop(),
  };
}

import type { Caller, GraphQLContext } from '../graphql/context.js';
import type { DatabaseHandle } from '../db/client.js';
import type { ResponseCacheTicket } from '../serving/response-cache/ticket.js';
import { acceptRequestId } from '../serving/errors/error-reporting.js';
import { ApiKeyService, bearerToken, type AuthenticatedKey } from '../services/api-keys/api-key.service.js';
import type { WrittenData } from '../graphql/planned/written-data.js';
import { RequestServices } from '../services/request-services.js';
import type { MarketSignals } from '../services/snapshots/market-updates.js';

/** Who sent a request: its IP, and its API key, verified only if needed (once, unless `verifiedKey` is that of the HTTP layer). */
export function requestCaller(apiKeys: ApiKeyService, request: { authorization?: string; clientIp?: string; verifiedKey?: AuthenticatedKey }): Caller {
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
 * has already asked; `marketSignals`, for a subscription, where market changes are signalled.
 */
export function createContext(
  database: DatabaseHandle,
  request: { requestId?: string; authorization?: string; clientIp?: string; locale?: string; responseCache?: ResponseCacheTicket; writtenData?: WrittenData; caller?: Caller; marketSignals?: MarketSignals } = {},
): GraphQLContext {
  const services = new RequestServices(database, { marketSignals: request.marketSignals });
  return {
    ...(request.caller ?? requestCaller(services.apiKeys, request)),
    services,
    requestId: acceptRequestId(request.requestId),
    locale: request.locale,
    responseCache: request.responseCache,
    writtenData: request.writtenData,
  };
}

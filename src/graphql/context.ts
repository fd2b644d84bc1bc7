import type { ResponseCacheTicket } from '../serving/response-cache/ticket.js';
import type { AuthenticatedKey } from '../services/api-keys/api-key.service.js';
import type { WrittenData } from './planned/written-data.js';
import type { RequestServices } from '../services/request-services.js';

/** Who sent a request, as far as budgets are concerned. */
export interface Caller {
  /** The client's IP address (the rate limiter's key for requests without an API key). */
  clientIp: string;
  /** The token of the Authorization header, if any. */
  bearerToken: string | null;
  /** The verified key behind bearerToken (looked up once, on first use); null when invalid. */
  apiKey(): Promise<AuthenticatedKey | null>;
}

/** What every resolver receives. */
export interface GraphQLContext extends Caller {
  services: RequestServices;
  /** Echoed to the client in the x-request-id header and in masked errors, and logged. */
  requestId: string;
  /** The locale the request's Accept-Language asks amounts to be formatted in, when it names one (see requestLocale). */
  locale?: string;
  /** Cost of the operation, set once it is known (before execution). */
  queryCost?: number;
  /** Set when the HTTP response cache looked this request up and missed: told whether the answer may be stored. */
  responseCache?: ResponseCacheTicket;
  /** Set by the HTTP layer: where a planned query may leave its data already written as JSON. */
  writtenData?: WrittenData;
}

import type { AuthenticatedKey } from './services/api-key.service.js';
import type { RequestServices } from './services/request-services.js';

/** What every resolver receives. */
export interface GraphQLContext {
  services: RequestServices;
  /** Echoed to the client in the x-request-id header and in masked errors, and logged. */
  requestId: string;
  /** The client's IP address (the rate limiter's key for requests without an API key). */
  clientIp: string;
  /** Cost of the operation, set once it is known (before execution). */
  queryCost?: number;
  /** The token of the Authorization header, if any. */
  bearerToken: string | null;
  /** The verified key behind bearerToken (looked up once, on first use); null when invalid. */
  apiKey(): Promise<AuthenticatedKey | null>;
}

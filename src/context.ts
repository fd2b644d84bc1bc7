import type { RequestServices } from './services/request-services.js';

/** What every resolver receives: this request's services and its id (echoed in errors and logs). */
export interface GraphQLContext {
  services: RequestServices;
  requestId: string;
}

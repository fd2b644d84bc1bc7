/** What the GraphQL layer tells the HTTP response cache about a request it answered (see responseCachePlugins). */
export interface ResponseCacheTicket {
  /** The operation was a query (so the lookup that missed counts as a miss). */
  query?: boolean;
  /** Set when the answer may be stored: a public read without errors, as long as its cache hints allow. */
  storable?: { operationName: string | null; cost: number | undefined; maxAgeSeconds: number };
}

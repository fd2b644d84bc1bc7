import { setTimeout as sleep } from 'node:timers/promises';
import { createClient, type Client, type ClientOptions, type FormattedExecutionResult, type SubscribePayload } from 'graphql-ws';
import WebSocket from 'ws';

/** A graphql-ws client of the server at `graphqlUrl` (its http:// URL), as an application would make one with `ws`. */
export function subscriptionClient(graphqlUrl: string, options: Partial<ClientOptions> = {}): Client {
  return createClient({ url: graphqlUrl.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, ...options });
}

export interface Subscription {
  /** Results received so far. */
  results: FormattedExecutionResult<Record<string, any>, unknown>[];
  /** The error message the server ended it with, if it did (an array of GraphQL errors, or a close event). */
  error: unknown;
  completed: boolean;
  /** Waits until `count` results have arrived (or the subscription ended), up to `timeoutMs`. */
  received(count: number, timeoutMs?: number): Promise<FormattedExecutionResult<Record<string, any>, unknown>[]>;
  /** Waits until the server ends it with an error or completes it. */
  ended(timeoutMs?: number): Promise<void>;
  unsubscribe(): void;
}

export function subscribe(client: Client, payload: SubscribePayload): Subscription {
  const subscription: Subscription = {
    results: [],
    error: undefined,
    completed: false,
    async received(count, timeoutMs = 10_000) {
      for (const started = Date.now(); subscription.results.length < count && !subscription.error && !subscription.completed && Date.now() - started < timeoutMs; ) await sleep(20);
      return subscription.results;
    },
    async ended(timeoutMs = 10_000) {
      for (const started = Date.now(); !subscription.error && !subscription.completed && Date.now() - started < timeoutMs; ) await sleep(20);
    },
    unsubscribe: () => {},
  };
  subscription.unsubscribe = client.subscribe(payload, {
    next: (result) => void subscription.results.push(result),
    error: (error) => void (subscription.error = error ?? 'error'),
    complete: () => void (subscription.completed = true),
  });
  return subscription;
}

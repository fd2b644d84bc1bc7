import type { SubscriptionLimits } from '../../config.js';
import { QueryLimitError } from '../errors/refusals.js';
import type { SharedSubscriptionCounts } from './shared-subscription-counts.js';

/** The subscriptions one WebSocket holds, by operation id, each with the client it counts against (and its entry in Redis, if shared). */
export type ConnectionSubscriptions = Map<string, { client: string; entry: string | undefined }>;

function increment(counts: Map<string, number>, key: string, by: number): void {
  const count = (counts.get(key) ?? 0) + by;
  if (count > 0) counts.set(key, count);
  else counts.delete(key);
}

/**
 * Counts WebSockets per IP address and live subscriptions per connection and per client (API
 * key, else IP address) on this instance, and refuses what would exceed SubscriptionLimits with
 * QUERY_LIMIT_EXCEEDED (`limit`, `maximum`, `actual`), as the other serving limits are refused.
 * With `shared` counts (Redis), a client's subscriptions are also counted over every instance.
 */
export class SubscriptionBounds {
  private readonly socketsPerIp = new Map<string, number>();
  private readonly subscriptionsPerClient = new Map<string, number>();

  constructor(
    private readonly limits: SubscriptionLimits,
    private readonly shared?: SharedSubscriptionCounts,
  ) {}

  /** Counts a new WebSocket from `ip`; returns the refusal instead when the IP holds its maximum already. */
  openSocket(ip: string): QueryLimitError | undefined {
    const open = this.socketsPerIp.get(ip) ?? 0;
    if (open >= this.limits.maxSocketsPerIp) {
      return new QueryLimitError('websocketsPerIp', this.limits.maxSocketsPerIp, open + 1, `This address holds ${open} WebSockets already; the maximum is ${this.limits.maxSocketsPerIp}`);
    }
    increment(this.socketsPerIp, ip, 1);
    return undefined;
  }

  /** Uncounts a WebSocket opened by openSocket, and the subscriptions it still held. */
  closeSocket(ip: string, subscriptions: ConnectionSubscriptions): void {
    increment(this.socketsPerIp, ip, -1);
    for (const id of [...subscriptions.keys()]) this.release(subscriptions, id);
  }

  /** Counts subscription `id` of a connection for `client`, or throws the refusal. */
  async admit(subscriptions: ConnectionSubscriptions, id: string, client: string): Promise<void> {
    const { maxPerConnection, maxPerClient } = this.limits;
    if (subscriptions.size >= maxPerConnection) {
      throw new QueryLimitError('subscriptionsPerConnection', maxPerConnection, subscriptions.size + 1, `This connection holds ${subscriptions.size} subscriptions already; the maximum is ${maxPerConnection}`);
    }
    const held = this.subscriptionsPerClient.get(client) ?? 0;
    if (held >= maxPerClient) throw this.tooManyForClient(held);
    // Counted here at once (a connection that closes meanwhile releases it), then over all instances.
    const entry = this.shared?.entry();
    subscriptions.set(id, { client, entry });
    increment(this.subscriptionsPerClient, client, 1);
    if (!this.shared || entry === undefined) return;
    const { admitted, held: heldEverywhere } = await this.shared.admit(client, entry, maxPerClient);
    if (admitted) return;
    this.release(subscriptions, id);
    throw this.tooManyForClient(heldEverywhere ?? held);
  }

  /** Uncounts subscription `id` of a connection, once. */
  release(subscriptions: ConnectionSubscriptions, id: string): void {
    const admission = subscriptions.get(id);
    if (admission === undefined) return;
    subscriptions.delete(id);
    increment(this.subscriptionsPerClient, admission.client, -1);
    if (admission.entry !== undefined) this.shared?.release(admission.client, admission.entry);
  }

  private tooManyForClient(held: number): QueryLimitError {
    const { maxPerClient } = this.limits;
    return new QueryLimitError('subscriptionsPerClient', maxPerClient, held + 1, `This client holds ${held} subscriptions already; the maximum is ${maxPerClient}`);
  }
}

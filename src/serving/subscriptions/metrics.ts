import { Gauge, type Registry } from 'prom-client';

/** Adds paygraph_market_subscribers to `registry`: live marketUpdated subscriptions on this instance. */
export function reportSubscribers(registry: Registry, subscriptions: { readonly watching: number }): void {
  new Gauge({
    name: 'paygraph_market_subscribers',
    help: 'Live marketUpdated subscriptions (over WebSocket) on this instance.',
    registers: [registry],
    collect() {
      this.set(subscriptions.watching);
    },
  });
}

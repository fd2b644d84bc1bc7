import { Gauge, type Registry } from 'prom-client';

/** Adds paygraph_cache_bytes{cache} to `registry`: the estimated bytes each in-process cache holds. */
export function reportCacheSizes(registry: Registry, caches: Record<string, { readonly bytes: number | undefined } | undefined>): void {
  new Gauge({
    name: 'paygraph_cache_bytes',
    help: 'Estimated bytes held by each in-process cache (responses, documents, validated_arguments); each has a fixed bound.',
    labelNames: ['cache'] as const,
    registers: [registry],
    collect() {
      for (const [cache, held] of Object.entries(caches)) {
        if (held?.bytes !== undefined) this.set({ cache }, held.bytes);
      }
    },
  });
}

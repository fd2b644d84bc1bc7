import type { DatabaseHandle } from '../db/client.js';
import { JsonDocumentService } from './json-documents.js';
import { ApiKeyService } from './api-keys/api-key.service.js';
import { CatalogService } from './catalog/catalog.service.js';
import { ExchangeRateService } from './exchange-rates/exchange-rates.js';
import { ObservationImportService } from './import/import.service.js';
import { createLoaders } from './loaders.js';
import { MarketService } from './markets/markets.service.js';
import { NodeService } from './catalog/node.service.js';
import { ReportService } from './reports/report.service.js';
import { ReportTemplateService } from './reports/template.service.js';
import { MarketUpdateService, type MarketSignals } from './snapshots/market-updates.js';
import { SnapshotService } from './snapshots/snapshot.service.js';

/** Snapshots, the catalog and exchange rates over batch loaders of their own (returned to share). */
function snapshotReader(prisma: DatabaseHandle['prisma'], read: DatabaseHandle['read']) {
  const loaders = createLoaders(read);
  const catalog = new CatalogService(read, loaders);
  const exchangeRates = new ExchangeRateService(prisma);
  return { loaders, catalog, exchangeRates, snapshots: new SnapshotService(catalog, loaders, exchangeRates) };
}

/**
 * The services one request uses, sharing that request's batch loaders. `marketSignals` tells a
 * long-lived request (a subscription) of market changes.
 */
export function createRequestServices(database: Pick<DatabaseHandle, 'prisma' | 'pool' | 'read'>, options: { marketSignals?: MarketSignals } = {}) {
  const { prisma, read } = database;
  const { loaders, catalog, exchangeRates, snapshots } = snapshotReader(prisma, read);
  const reportTemplates = new ReportTemplateService(prisma, catalog);
  return {
    catalog,
    snapshots,
    markets: new MarketService(read, loaders),
    nodes: new NodeService(catalog, snapshots),
    apiKeys: new ApiKeyService(prisma),
    reportTemplates,
    reports: new ReportService(snapshots, reportTemplates),
    observationImports: new ObservationImportService(database),
    exchangeRates,
    jsonDocuments: new JsonDocumentService(read),
    marketUpdates: new MarketUpdateService(catalog, options.marketSignals, () => snapshotReader(prisma, read).snapshots),
  };
}

export type RequestServices = ReturnType<typeof createRequestServices>;

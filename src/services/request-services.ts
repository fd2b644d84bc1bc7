import type { DatabaseHandle } from '../db/client.js';
import { ApiKeyService } from './api-keys/api-key.service.js';
import { CatalogService } from './catalog/catalog.service.js';
import { ExchangeRateService } from './exchange-rates/exchange-rates.js';
import { ObservationImportService } from './import/import.service.js';
import { createLoaders } from './loaders.js';
import { MarketService } from './markets/markets.service.js';
import { NodeService } from './catalog/node.service.js';
import { ReportService } from './reports/report.service.js';
import { ReportTemplateService } from './reports/template.service.js';
import { SnapshotService } from './snapshots/snapshot.service.js';

/** The services one request uses, sharing that request's batch loaders. */
export function createRequestServices(database: Pick<DatabaseHandle, 'prisma' | 'pool' | 'read'>) {
  const { prisma, read } = database;
  const loaders = createLoaders(read);
  const catalog = new CatalogService(read, loaders);
  const snapshots = new SnapshotService(catalog, loaders);
  const reportTemplates = new ReportTemplateService(prisma, catalog);
  return {
    catalog,
    snapshots,
    markets: new MarketService(read, loaders),
    nodes: new NodeService(catalog, snapshots),
    apiKeys: new ApiKeyService(prisma),
    reportTemplates,
    reports: new ReportService(catalog, snapshots, reportTemplates),
    observationImports: new ObservationImportService(database),
    exchangeRates: new ExchangeRateService(prisma),
  };
}

export type RequestServices = ReturnType<typeof createRequestServices>;

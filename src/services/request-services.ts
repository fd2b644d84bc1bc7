import type pg from 'pg';
import type { Database } from '../db/client.js';
import { ApiKeyService } from './api-key.service.js';
import { CatalogService } from './catalog.service.js';
import { ExchangeRateService } from './import/exchange-rates.js';
import { ObservationImportService } from './import/import.service.js';
import { createLoaders } from './loaders.js';
import { NodeService } from './node.service.js';
import { ReportService } from './report/report.service.js';
import { ReportTemplateService } from './report/template.service.js';
import { SnapshotService } from './snapshot.service.js';

/** The services one request uses, sharing that request's batch loaders. */
export function createRequestServices(db: Database, pool: pg.Pool) {
  const loaders = createLoaders(db);
  const catalog = new CatalogService(db, loaders);
  const snapshots = new SnapshotService(catalog, loaders);
  const reportTemplates = new ReportTemplateService(db, catalog);
  return {
    catalog,
    snapshots,
    nodes: new NodeService(catalog, snapshots),
    apiKeys: new ApiKeyService(db),
    reportTemplates,
    reports: new ReportService(catalog, snapshots, reportTemplates),
    observationImports: new ObservationImportService({ prisma: db, pool }),
    exchangeRates: new ExchangeRateService(db),
  };
}

export type RequestServices = ReturnType<typeof createRequestServices>;

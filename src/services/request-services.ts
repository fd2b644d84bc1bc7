import type { DatabaseHandle } from '../db/client.js';
import { JsonDocumentService } from './json-documents.js';
import { ApiKeyService } from './api-keys/api-key.service.js';
import { CatalogService } from './catalog/catalog.service.js';
import { ExchangeRateService } from './exchange-rates/exchange-rates.js';
import { ObservationImportService } from './import/import.service.js';
import { createLoaders, type Loaders } from './loaders.js';
import { MarketService } from './markets/markets.service.js';
import { NodeService } from './catalog/node.service.js';
import { ReportService } from './reports/report.service.js';
import { ReportTemplateService } from './reports/template.service.js';
import { MarketUpdateService, type MarketSignals } from './snapshots/market-updates.js';
import { SnapshotService } from './snapshots/snapshot.service.js';

/**
 * The services one request uses, sharing that request's batch loaders. Each is made when first
 * used: a request answered by one planned statement needs one of them, not a dozen services and
 * twenty loaders. `marketSignals` tells a long-lived request (a subscription) of market changes.
 */
export class RequestServices {
  #loaders?: Loaders;
  #catalog?: CatalogService;
  #exchangeRates?: ExchangeRateService;
  #snapshots?: SnapshotService;
  #markets?: MarketService;
  #nodes?: NodeService;
  #apiKeys?: ApiKeyService;
  #reportTemplates?: ReportTemplateService;
  #reports?: ReportService;
  #observationImports?: ObservationImportService;
  #jsonDocuments?: JsonDocumentService;
  #marketUpdates?: MarketUpdateService;

  constructor(
    private readonly database: Pick<DatabaseHandle, 'prisma' | 'pool' | 'read'>,
    private readonly options: { marketSignals?: MarketSignals } = {},
  ) {}

  get loaders(): Loaders {
    return (this.#loaders ??= createLoaders(this.database.read));
  }

  get catalog(): CatalogService {
    return (this.#catalog ??= new CatalogService(this.database.read, this.loaders));
  }

  get exchangeRates(): ExchangeRateService {
    return (this.#exchangeRates ??= new ExchangeRateService(this.database.prisma));
  }

  get snapshots(): SnapshotService {
    return (this.#snapshots ??= new SnapshotService(this.catalog, this.loaders, this.exchangeRates));
  }

  get markets(): MarketService {
    return (this.#markets ??= new MarketService(this.database.read, this.loaders));
  }

  get nodes(): NodeService {
    return (this.#nodes ??= new NodeService(this.catalog, this.snapshots));
  }

  get apiKeys(): ApiKeyService {
    return (this.#apiKeys ??= new ApiKeyService(this.database.prisma));
  }

  get reportTemplates(): ReportTemplateService {
    return (this.#reportTemplates ??= new ReportTemplateService(this.database.prisma, this.database.read, this.catalog));
  }

  get reports(): ReportService {
    return (this.#reports ??= new ReportService(this.snapshots, this.reportTemplates));
  }

  get observationImports(): ObservationImportService {
    return (this.#observationImports ??= new ObservationImportService(this.database));
  }

  get jsonDocuments(): JsonDocumentService {
    return (this.#jsonDocuments ??= new JsonDocumentService(this.database.read));
  }

  /** Market changes as they happen; each change is read with loaders of its own. */
  get marketUpdates(): MarketUpdateService {
    return (this.#marketUpdates ??= new MarketUpdateService(this.catalog, this.options.marketSignals, () => new RequestServices(this.database).snapshots));
  }
}

import type { CountryRow, SnapshotRow, RoleRow } from '../read-rows.js';
import type { CatalogService } from './catalog.service.js';
import { fromGlobalId, type NodeKind } from '../../graphql/global-id.js';
import type { SnapshotService } from '../snapshots/snapshot.service.js';
import { ALPHA2_CODE } from '../../domain/country-code.js';

export type NodeRecord =
  | { kind: 'Country'; record: CountryRow }
  | { kind: 'Role'; record: RoleRow }
  | { kind: 'MarketSnapshot'; record: SnapshotRow };

/** Resolves global ids to the objects they name. */
export class NodeService {
  constructor(
    private readonly catalog: CatalogService,
    private readonly snapshots: SnapshotService,
  ) {}

  /** The object behind a global id; null when the id is malformed or names nothing. */
  async node(id: string): Promise<NodeRecord | null> {
    const parsed = fromGlobalId(id);
    if (!parsed) return null;
    const record = await this.load(parsed.kind, parsed.key);
    return record ? ({ kind: parsed.kind, record } as NodeRecord) : null;
  }

  private load(kind: NodeKind, key: string) {
    switch (kind) {
      case 'Country':
        return ALPHA2_CODE.test(key) ? this.catalog.country(key) : null;
      case 'Role':
        return this.catalog.role(key);
      case 'MarketSnapshot':
        return /^\d{1,9}$/.test(key) ? this.snapshots.snapshotById(Number(key)) : null;
    }
  }
}

import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../../db/client.js';

/** What a key may do. Reads need no key at all. */
export const Scope = {
  /** Load salary observations (importObservations). */
  OBSERVATIONS_WRITE: 'observations:write',
  /** Create, change and delete report templates. */
  TEMPLATES_WRITE: 'templates:write',
  /** Use the Federation subgraph at /subgraph (what a gateway needs where introspection is off). */
  SUBGRAPH_READ: 'subgraph:read',
} as const;

export type Scope = (typeof Scope)[keyof typeof Scope];

export const ALL_SCOPES: readonly Scope[] = Object.values(Scope);

const KEY_PREFIX = 'pgk_';
const VISIBLE_PREFIX_LENGTH = KEY_PREFIX.length + 8;

export interface AuthenticatedKey {
  id: number;
  name: string;
  prefix: string;
  scopes: string[];
}

/** A key as listings show it: everything but its secret. */
export interface ApiKeyListing {
  id: number;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const LISTED = { id: true, name: true, prefix: true, scopes: true, createdAt: true, lastUsedAt: true, revokedAt: true } as const;

const LAST_USED_RESOLUTION_MS = 60_000;
const MAX_ID = 2 ** 31 - 1;

const hashOf = (key: string) => createHash('sha256').update(key).digest('hex');

/** API keys: created once and shown once; only their SHA-256 hash is stored. */
export class ApiKeyService {
  constructor(private readonly db: Database) {}

  /**
   * Creates a key with the given scopes.
   * @returns the secret key (never retrievable again), its id and its visible prefix.
   * @throws RangeError for an unknown scope or an empty name.
   */
  async create({ name, scopes }: { name: string; scopes: readonly string[] }): Promise<{ key: string; id: number; prefix: string }> {
    if (!name.trim()) throw new RangeError('An API key needs a name');
    const unknown = scopes.filter((scope) => !ALL_SCOPES.includes(scope as Scope));
    if (unknown.length) throw new RangeError(`Unknown scope(s): ${unknown.join(', ')}. Known scopes: ${ALL_SCOPES.join(', ')}`);
    const key = KEY_PREFIX + randomBytes(24).toString('base64url');
    const prefix = key.slice(0, VISIBLE_PREFIX_LENGTH);
    const { id } = await this.db.apiKey.create({ data: { name: name.trim(), prefix, hash: hashOf(key), scopes: [...new Set(scopes)] } });
    return { key, id, prefix };
  }

  /** The active key matching `key`, or null for an unknown or revoked one. Records its use (to the minute). */
  async verify(key: string): Promise<AuthenticatedKey | null> {
    if (!key.startsWith(KEY_PREFIX)) return null;
    const record = await this.db.apiKey.findUnique({ where: { hash: hashOf(key) } });
    if (!record || record.revokedAt) return null;
    // Recorded to the minute: a key sent with every read must not cost a write per request.
    const now = new Date();
    if (!record.lastUsedAt || now.getTime() - record.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
      await this.db.apiKey.update({ where: { id: record.id }, data: { lastUsedAt: now } });
    }
    return { id: record.id, name: record.name, prefix: record.prefix, scopes: record.scopes };
  }

  /** Every key, revoked ones included, oldest first. */
  list(): Promise<ApiKeyListing[]> {
    return this.db.apiKey.findMany({ select: LISTED, orderBy: { id: 'asc' } });
  }

  /**
   * Revokes the key with this id or visible prefix; verify() refuses it from then on.
   * @returns the key, and whether it had been revoked before; null when there is no such key.
   */
  async revoke(idOrPrefix: number | string): Promise<{ key: ApiKeyListing; alreadyRevoked: boolean } | null> {
    // Ids are PostgreSQL integers: a larger number names no key.
    if (typeof idOrPrefix === 'number' && !(Number.isInteger(idOrPrefix) && idOrPrefix >= 0 && idOrPrefix <= MAX_ID)) return null;
    const where = typeof idOrPrefix === 'number' ? { id: idOrPrefix } : { prefix: idOrPrefix };
    const { count } = await this.db.apiKey.updateMany({ where: { ...where, revokedAt: null }, data: { revokedAt: new Date() } });
    const key = await this.db.apiKey.findUnique({ where, select: LISTED });
    return key && { key, alreadyRevoked: count === 0 };
  }
}

/** The token of an `Authorization: Bearer <key>` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match ? match[1]! : null;
}

import DataLoader from 'dataloader';
import type { SqlReader, Statement } from '../../db/client.js';
import { BadUserInputError, NotFoundError } from '../../errors.js';
import type { Loaders } from '../loaders.js';
import type { CountryRow, Page, RoleRow, ScopedRole } from '../read-rows.js';
import { ALPHA2_CODE } from '../../domain/country-code.js';

const CURSOR_PREFIX = 'role:';

export function roleCursor(slug: string): string {
  return Buffer.from(CURSOR_PREFIX + slug).toString('base64url');
}

function slugFromCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  // No slug holds a NUL character (PostgreSQL text cannot), so a cursor encoding one is forged.
  if (!decoded.startsWith(CURSOR_PREFIX) || decoded.includes('\0') || roleCursor(decoded.slice(CURSOR_PREFIX.length)) !== cursor) {
    throw new BadUserInputError(`"${cursor}" is not a cursor this connection issued`, ['after']);
  }
  return decoded.slice(CURSOR_PREFIX.length);
}

/** Normalises a country code argument ("ca" → "CA"); throws BAD_USER_INPUT when it cannot be one. */
export function normaliseCountryCode(code: string): string {
  const normalised = code.trim().toUpperCase();
  if (!ALPHA2_CODE.test(normalised)) {
    throw new BadUserInputError(`"${code}" is not an ISO 3166-1 alpha-2 country code`, ['countryCode']);
  }
  return normalised;
}

/** NOT_FOUND for a country code no country has. */
export const countryNotFound = (code: string) => new NotFoundError(`No country with code "${normaliseCountryCode(code)}"`);

interface RolePageRequest {
  countryId: number;
  first: number;
  afterSlug: string;
}

type RolesInCountryRow = RoleRow & { countryId: number };

const STATEMENTS = {
  countries: { name: 'paygraph_countries', text: 'SELECT id, code, name, currency_code AS "currencyCode" FROM country ORDER BY name' },
  roles: { name: 'paygraph_roles', text: 'SELECT id, slug, title, category FROM role WHERE $1::text IS NULL OR category = $1 ORDER BY title' },
  roleCounts: {
    name: 'paygraph_role_counts',
    text: `SELECT country_id AS "countryId", count(DISTINCT role_id)::int AS total
      FROM market_snapshot WHERE country_id = ANY($1::int[]) GROUP BY country_id`,
  },
  /** The first `$3` roles after slug `$2` in each of the countries `$1`, plus one to tell whether there are more. */
  rolePages: {
    name: 'paygraph_role_pages',
    text: `SELECT c.country_id AS "countryId", r.id, r.slug, r.title, r.category
      FROM unnest($1::int[]) AS c(country_id)
      CROSS JOIN LATERAL (
        SELECT id, slug, title, category FROM role
        WHERE slug > $2 AND EXISTS (SELECT FROM market_snapshot ms WHERE ms.country_id = c.country_id AND ms.role_id = role.id)
        ORDER BY slug LIMIT $3::int + 1
      ) r
      ORDER BY c.country_id, r.slug`,
  },
} satisfies Record<string, Statement>;

/** NOT_FOUND for a role slug no role has. */
export const roleNotFound = (slug: string) => new NotFoundError(`No role with slug "${slug}"`);

/** Countries and roles: the catalogue the market graph hangs from. */
export class CatalogService {
  private readonly rolePages: DataLoader<RolePageRequest, RolesInCountryRow[], string>;
  private readonly roleCounts: DataLoader<number, number>;

  constructor(
    private readonly read: SqlReader,
    private readonly loaders: Loaders,
  ) {
    this.rolePages = new DataLoader((requests) => this.loadRolePages(requests), {
      cacheKeyFn: (request) => `${request.countryId}:${request.first}:${request.afterSlug}`,
    });
    this.roleCounts = new DataLoader(async (countryIds) => {
      const rows = await this.read<{ countryId: number; total: number }>(STATEMENTS.roleCounts, [countryIds]);
      const totals = new Map(rows.map((row) => [row.countryId, row.total]));
      return countryIds.map((id) => totals.get(id) ?? 0);
    });
  }

  /** All countries with market data, by name. */
  countries(): Promise<CountryRow[]> {
    return this.read<CountryRow>(STATEMENTS.countries, []);
  }

  /** The country with this ISO code, or null. Throws BAD_USER_INPUT for a malformed code. */
  country(code: string): Promise<CountryRow | null> {
    return this.loaders.countryByCode.load(normaliseCountryCode(code));
  }

  /** Like {@link country}, but throws NOT_FOUND when there is no such country. */
  async requireCountry(code: string): Promise<CountryRow> {
    const country = await this.country(code);
    if (!country) throw countryNotFound(code);
    return country;
  }

  countryById(id: number): Promise<CountryRow | null> {
    return this.loaders.countryById.load(id);
  }

  /** All roles, optionally of one category, by title. */
  roles(category?: string): Promise<RoleRow[]> {
    return this.read<RoleRow>(STATEMENTS.roles, [category ?? null]);
  }

  role(slug: string): Promise<RoleRow | null> {
    return this.loaders.roleBySlug.load(slug.trim().toLowerCase());
  }

  /**
   * The country and role of a market, looked up together. Throws NOT_FOUND naming the country
   * when it is unknown, else the role (always in that order, whichever lookup finishes first).
   */
  async requireMarket(countryCode: string, roleSlug: string): Promise<{ country: CountryRow; role: RoleRow }> {
    const [country, role] = await Promise.all([this.country(countryCode), this.role(roleSlug)]);
    if (!country) throw countryNotFound(countryCode);
    if (!role) throw roleNotFound(roleSlug);
    return { country, role };
  }

  roleById(id: number): Promise<RoleRow | null> {
    return this.loaders.roleById.load(id);
  }

  /** The roles with market data in a country, by slug, a page at a time (forward pagination). */
  async rolesInCountry(countryId: number, first: number, after?: string | null): Promise<Page<ScopedRole>> {
    const afterSlug = after ? slugFromCursor(after) : '';
    const rows = await this.rolePages.load({ countryId, first, afterSlug });
    const nodes = rows.slice(0, first).map(({ id, slug, title, category, countryId }): ScopedRole => {
      this.loaders.roleById.prime(id, { id, slug, title, category });
      return { id, slug, title, category, scopeCountryId: countryId };
    });
    return {
      nodes,
      cursors: nodes.map((role) => roleCursor(role.slug)),
      hasNextPage: rows.length > first,
      hasPreviousPage: afterSlug !== '',
    };
  }

  /** How many roles have market data in a country. */
  roleCountInCountry(countryId: number): Promise<number> {
    return this.roleCounts.load(countryId);
  }

  /** One query per distinct page shape, whatever the number of countries asking. */
  private async loadRolePages(requests: readonly RolePageRequest[]): Promise<RolesInCountryRow[][]> {
    const shapes = new Map<string, RolePageRequest[]>();
    for (const request of requests) {
      const shape = `${request.first}:${request.afterSlug}`;
      shapes.set(shape, [...(shapes.get(shape) ?? []), request]);
    }
    const byCountryAndShape = new Map<string, RolesInCountryRow[]>();
    for (const [shape, group] of shapes) {
      const { first, afterSlug } = group[0]!;
      const rows = await this.read<RolesInCountryRow>(STATEMENTS.rolePages, [group.map((request) => request.countryId), afterSlug, first]);
      for (const row of rows) {
        const key = `${row.countryId}:${shape}`;
        byCountryAndShape.set(key, [...(byCountryAndShape.get(key) ?? []), row]);
      }
    }
    return requests.map((request) => byCountryAndShape.get(`${request.countryId}:${request.first}:${request.afterSlug}`) ?? []);
  }
}

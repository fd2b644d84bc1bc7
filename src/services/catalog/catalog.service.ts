import DataLoader from 'dataloader';
import type { SqlReader, Statement } from '../../db/client.js';
import { BadUserInputError, NotFoundError } from '../../errors.js';
import type { Loaders } from '../loaders.js';
import type { CountryRow, Page, RoleRow, ScopedRole, SnapshotRow } from '../read-rows.js';
import { latestSnapshotQuery } from '../read-columns.js';
import { ALPHA2_CODE } from '../../domain/country-code.js';

/** What a role cursor encodes before the slug. */
export const ROLE_CURSOR_PREFIX = 'role:';

export function roleCursor(slug: string): string {
  return Buffer.from(ROLE_CURSOR_PREFIX + slug).toString('base64url');
}

/** The slug a role cursor names; throws BAD_USER_INPUT for a cursor this connection did not issue. */
export function slugFromCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  // No slug holds a NUL character (PostgreSQL text cannot), so a cursor encoding one is forged.
  if (!decoded.startsWith(ROLE_CURSOR_PREFIX) || decoded.includes('\0') || roleCursor(decoded.slice(ROLE_CURSOR_PREFIX.length)) !== cursor) {
    throw new BadUserInputError(`"${cursor}" is not a cursor this connection issued`, ['after']);
  }
  return decoded.slice(ROLE_CURSOR_PREFIX.length);
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

/** What a page of roles brings along besides the roles, read in the same statement. */
export interface RolePageExtras {
  /** The number of roles in the whole connection. */
  totalCount: boolean;
  /** Each role's latest snapshot at level ALL in the country (primed into the latestSnapshot loader). */
  latestSnapshots: boolean;
}

interface RolePageRequest extends RolePageExtras {
  countryId: number;
  first: number;
  afterSlug: string;
}

/** What a page statement reads besides its countries: requests of one shape share a statement. */
const pageShape = (request: RolePageRequest) => `${request.first}:${request.afterSlug}:${request.totalCount}:${request.latestSnapshots}`;

/** A row of a page; a country whose page is empty has one row with the role's columns null. */
type RolePageRow = { countryId: number; total: number | null } & ({ id: number; slug: string; title: string; category: string; latest: SnapshotRow | null } | { id: null });

interface LoadedRolePage {
  total: number | null;
  roles: (RoleRow & { latest: SnapshotRow | null })[];
}

/** The role has market data in country `c`. */
export const HAS_MARKET_IN_C = 'EXISTS (SELECT FROM market_snapshot ms WHERE ms.country_id = c.country_id AND ms.role_id = role.id)';

/** How many roles have market data in country `c` (every snapshot's role exists: a foreign key). */
export const ROLES_WITH_MARKET_IN_C = '(SELECT count(DISTINCT ms.role_id) FROM market_snapshot ms WHERE ms.country_id = c.country_id)';

const STATEMENTS = {
  countries: { name: 'paygraph_countries', text: 'SELECT id, code, name, currency_code AS "currencyCode" FROM country ORDER BY name' },
  roles: { name: 'paygraph_roles', text: 'SELECT id, slug, title, category FROM role WHERE $1::text IS NULL OR category = $1 ORDER BY title' },
  /**
   * The first `$3` roles after slug `$2` in each of the countries `$1`, plus one to tell whether
   * there are more; with `$4` the country's number of roles, with `$5` each role's latest snapshot
   * at level ALL (a filter on a parameter alone is checked once, so what is not asked costs nothing).
   */
  rolePages: {
    name: 'paygraph_role_pages',
    text: `SELECT c.country_id AS "countryId", t.total, r.id, r.slug, r.title, r.category, l.latest
      FROM unnest($1::int[]) AS c(country_id)
      LEFT JOIN LATERAL (
        SELECT ${ROLES_WITH_MARKET_IN_C}::int AS total WHERE $4::boolean
      ) t ON true
      LEFT JOIN LATERAL (
        SELECT id, slug, title, category FROM role
        WHERE slug > $2 AND ${HAS_MARKET_IN_C}
        ORDER BY slug LIMIT $3::int + 1
      ) r ON true
      LEFT JOIN LATERAL (
        SELECT row_to_json(s) AS latest FROM (${latestSnapshotQuery('c.country_id', 'r.id', "'ALL'")}) s WHERE $5::boolean
      ) l ON true
      ORDER BY c.country_id, r.slug`,
  },
} satisfies Record<string, Statement>;

/** NOT_FOUND for a role slug no role has. */
export const roleNotFound = (slug: string) => new NotFoundError(`No role with slug "${slug}"`);

/** Countries and roles: the catalogue the market graph hangs from. */
export class CatalogService {
  private readonly rolePages: DataLoader<RolePageRequest, LoadedRolePage, string>;

  constructor(
    private readonly read: SqlReader,
    private readonly loaders: Loaders,
  ) {
    this.rolePages = new DataLoader((requests) => this.loadRolePages(requests), {
      cacheKeyFn: (request) => `${request.countryId}:${pageShape(request)}`,
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

  /**
   * The roles with market data in a country, by slug, a page at a time (forward pagination), with
   * the `extras` asked for read in the same statement: the total (`totalCount`, else null) and
   * each role's latest snapshot at level ALL, primed into the latestSnapshot loader.
   */
  async rolesInCountry(countryId: number, first: number, after: string | null | undefined, extras: RolePageExtras): Promise<Page<ScopedRole> & { totalCount: number | null }> {
    const afterSlug = after ? slugFromCursor(after) : '';
    const { total, roles } = await this.rolePages.load({ countryId, first, afterSlug, ...extras });
    const nodes = roles.slice(0, first).map(({ id, slug, title, category, latest }): ScopedRole => {
      this.loaders.roleById.prime(id, { id, slug, title, category });
      if (extras.latestSnapshots) this.loaders.latestSnapshot.prime({ countryId, roleId: id, level: 'ALL' }, latest);
      return { id, slug, title, category, scopeCountryId: countryId };
    });
    return {
      nodes,
      cursors: nodes.map((role) => roleCursor(role.slug)),
      hasNextPage: roles.length > first,
      hasPreviousPage: afterSlug !== '',
      totalCount: total,
    };
  }

  /** One query per distinct page shape, whatever the number of countries asking. */
  private async loadRolePages(requests: readonly RolePageRequest[]): Promise<LoadedRolePage[]> {
    const shapes = new Map<string, RolePageRequest[]>();
    for (const request of requests) shapes.set(pageShape(request), [...(shapes.get(pageShape(request)) ?? []), request]);
    const pages = new Map<string, LoadedRolePage>();
    for (const [shape, group] of shapes) {
      const { first, afterSlug, totalCount, latestSnapshots } = group[0]!;
      const rows = await this.read<RolePageRow>(STATEMENTS.rolePages, [group.map((request) => request.countryId), afterSlug, first, totalCount, latestSnapshots]);
      for (const row of rows) {
        const key = `${row.countryId}:${shape}`;
        let page = pages.get(key);
        if (!page) pages.set(key, (page = { total: row.total, roles: [] }));
        if (row.id !== null) page.roles.push({ id: row.id, slug: row.slug, title: row.title, category: row.category, latest: row.latest });
      }
    }
    return requests.map((request) => pages.get(`${request.countryId}:${pageShape(request)}`) ?? { total: null, roles: [] });
  }
}

import { DEFAULT_MARKET_PAGE } from '../../services/markets/markets.service.js';
import { HAS_MARKET_IN_C, normaliseCountryCode, ROLE_CURSOR_PREFIX, ROLES_WITH_MARKET_IN_C, slugFromCursor } from '../../services/catalog/catalog.service.js';
import { latestSnapshotQuery, SNAPSHOT_COLUMNS } from '../../services/read-columns.js';
import { MAX_PAGE_SIZE } from '../models/market.args.js';
import { NotPlannable } from './collect.js';
import type { Registry } from './plan-builder.js';
import { SNAPSHOT_FIGURES } from './snapshot-sql.js';
import { base64url, globalId, jsonArrayAggregate, jsonScalar, jsonString, plainString, sqlOf } from './sql-json.js';

/** The cursor of the role with this slug (catalog.service.ts's roleCursor). */
const roleCursor = (slug: string) => base64url(`'${ROLE_CURSOR_PREFIX}' || ${slug}`);

/** The cursor of a slug that may be null (an empty page). */
const cursorOrNull = (slug: string) => jsonString(roleCursor(slug));

/** A page of roles by slug, as Country.roles reads it without `orderBy`: first, and the slug after which it starts. */
function rolePage(argumentsOf: Record<string, unknown>): [number, string] {
  const { orderBy, currency, first, after } = argumentsOf as { orderBy?: unknown[] | null; currency?: string | null; first?: number | null; after?: string | null };
  if (orderBy?.length || (currency ?? null) !== null) throw new NotPlannable('an ordered page of markets');
  const size = first ?? DEFAULT_MARKET_PAGE;
  if (!(size >= 0 && size <= MAX_PAGE_SIZE)) throw new NotPlannable('page size out of range');
  return [size, after ? slugFromCursor(after) : ''];
}

/** The snapshot with this id, with its figures as numeric. */
const snapshotById = (id: string) => `SELECT ${SNAPSHOT_COLUMNS}, ${SNAPSHOT_FIGURES} FROM market_snapshot ms WHERE ms.id = ${id}`;

/**
 * The catalogue down to each role's latest snapshot: a country (`c`, its id as country_id, as
 * HAS_MARKET_IN_C expects; `countryRow` its query), the page of its roles (`r`, numbered by
 * `position`, one more than the page to tell whether more follow: a table the statement computes
 * once, with each role's latest snapshot id), each role's latest snapshot at level ALL (`s`;
 * `pageSnapshots` the ids of the whole page's, for fields that read all of theirs at once).
 */
export const catalogSql: Registry = {
  Query: {
    country: {
      withArguments: (field, _scope, plan) => {
        const [code] = plan.bind(field, 'Query', ['text'], ({ code }) => [normaliseCountryCode(code as string)]);
        const country = `SELECT id AS country_id, code, name, currency_code FROM country WHERE code = ${code}`;
        return [{ sql: `coalesce((SELECT ${sqlOf(plan.object('Country', field, { country: 'c', countryRow: country }))} FROM (${country}) c), 'null')` }];
      },
    },
  },
  Country: {
    id: (_, { country }) => globalId('Country', `${country}.code`),
    code: (_, { country }) => jsonString(`${country}.code`),
    name: (_, { country }) => jsonString(`${country}.name`),
    currencyCode: (_, { country }) => jsonString(`${country}.currency_code`),
    roles: {
      withArguments: (field, scope, plan) => {
        const [first, after] = plan.bind(field, 'Country', ['int', 'text'], rolePage);
        const roles = `SELECT id, slug, title, category, row_number() OVER (ORDER BY slug) AS position FROM role
          WHERE slug > ${after} AND ${HAS_MARKET_IN_C} ORDER BY slug LIMIT ${first} + 1`;
        const latestId = `(${latestSnapshotQuery('c.country_id', 'r.id', "'ALL'", 'ms.id')})`;
        const page = plan.table('page', `SELECT r.*, ${latestId} AS latest_snapshot_id FROM (${scope.countryRow}) c CROSS JOIN LATERAL (${roles}) r`);
        const pageSnapshots = `SELECT latest_snapshot_id FROM ${page}`;
        // GROUP BY (): one row, whether or not the selection reads an aggregate of the page.
        return [{ sql: `(SELECT ${sqlOf(plan.object('RoleConnection', field, { ...scope, role: 'r', pageSnapshots, first, after }))} FROM ${page} r GROUP BY ())` }];
      },
    },
  },
  // Aggregates over the page `role`.
  RoleConnection: {
    totalCount: () => jsonScalar(ROLES_WITH_MARKET_IN_C),
    pageInfo: (field, scope, plan) => plan.object('PageInfo', field, scope),
    edges: (field, scope, plan) => jsonArrayAggregate(plan.object('RoleEdge', field, scope), `${scope.role}.slug`, `${scope.role}.position <= ${scope.first}`),
  },
  PageInfo: {
    hasNextPage: (_, { first }) => jsonScalar(`count(*) > ${first}`),
    hasPreviousPage: (_, { after }) => jsonScalar(`${after} <> ''`),
    startCursor: (_, { role, first }) => cursorOrNull(`min(${role}.slug) FILTER (WHERE ${role}.position <= ${first})`),
    endCursor: (_, { role, first }) => cursorOrNull(`max(${role}.slug) FILTER (WHERE ${role}.position <= ${first})`),
  },
  RoleEdge: {
    cursor: (_, { role }) => plainString(roleCursor(`${role}.slug`)),
    node: (field, scope, plan) => plan.object('Role', field, scope),
  },
  Role: {
    id: (_, { role }) => globalId('Role', `${role}.slug`),
    slug: (_, { role }) => jsonString(`${role}.slug`),
    title: (_, { role }) => jsonString(`${role}.title`),
    category: (_, { role }) => jsonString(`${role}.category`),
    latestSnapshot: (field, { role, pageSnapshots }, plan) => {
      const snapshot = sqlOf(plan.object('MarketSnapshot', field, { snapshot: 's', category: `${role}.category`, pageSnapshots }));
      return [{ sql: `coalesce((SELECT ${snapshot} FROM (${snapshotById(`${role}.latest_snapshot_id`)}) s), 'null')` }];
    },
  },
};

import { DEFAULT_MARKET_PAGE } from '../../services/markets/markets.service.js';
import { HAS_MARKET_IN_C, normaliseCountryCode, slugFromCursor } from '../../services/catalog/catalog.service.js';
import { latestSnapshotQuery } from '../../services/read-columns.js';
import { MAX_PAGE_SIZE } from '../models/market.args.js';
import { NotPlannable } from './collect.js';
import type { Registry } from './plan-builder.js';
import { base64url } from './sql-json.js';

/** A page of roles by slug, as Country.roles reads it without `orderBy`: first, and the slug after which it starts. */
function rolePage(argumentsOf: Record<string, unknown>): [number, string] {
  const { orderBy, currency, first, after } = argumentsOf as { orderBy?: unknown[] | null; currency?: string | null; first?: number | null; after?: string | null };
  if (orderBy?.length || (currency ?? null) !== null) throw new NotPlannable('an ordered page of markets');
  const size = first ?? DEFAULT_MARKET_PAGE;
  if (!(size >= 0 && size <= MAX_PAGE_SIZE)) throw new NotPlannable('page size out of range');
  return [size, after ? slugFromCursor(after) : ''];
}

/**
 * The catalogue down to each role's latest snapshot: a country (`c`, its id as country_id, as
 * HAS_MARKET_IN_C expects), the page of its roles (`r`, numbered by `position`, one more than the
 * page to tell whether more follow), each role's latest snapshot at level ALL (`s`).
 */
export const catalogSql: Registry = {
  Query: {
    country: {
      withArguments: (field, _scope, plan) => {
        const [code] = plan.bind(field, 'Query', ['text'], ({ code }) => [normaliseCountryCode(code as string)]);
        return `(SELECT ${plan.object('Country', field, { country: 'c' })} FROM (SELECT id AS country_id, code, name, currency_code FROM country WHERE code = ${code}) c)`;
      },
    },
  },
  Country: {
    id: (_, { country }) => base64url(`'Country:' || ${country}.code`),
    code: (_, { country }) => `${country}.code`,
    name: (_, { country }) => `${country}.name`,
    currencyCode: (_, { country }) => `${country}.currency_code`,
    roles: {
      withArguments: (field, scope, plan) => {
        const [first, after] = plan.bind(field, 'Country', ['int', 'text'], rolePage);
        const page = `SELECT id, slug, title, category, row_number() OVER (ORDER BY slug) AS position FROM role
          WHERE slug > ${after} AND ${HAS_MARKET_IN_C} ORDER BY slug LIMIT ${first} + 1`;
        return `(SELECT ${plan.object('RoleConnection', field, { ...scope, role: 'r', first, after })} FROM (${page}) r)`;
      },
    },
  },
  // Aggregates over the page `r`.
  RoleConnection: {
    totalCount: () => `(SELECT count(*)::int FROM role WHERE ${HAS_MARKET_IN_C})`,
    pageInfo: (field, scope, plan) => plan.object('PageInfo', field, scope),
    edges: (field, scope, plan) => `coalesce(json_agg(${plan.object('RoleEdge', field, scope)} ORDER BY r.slug) FILTER (WHERE r.position <= ${scope.first}), '[]'::json)`,
  },
  PageInfo: {
    hasNextPage: (_, { first }) => `count(*) > ${first}`,
    hasPreviousPage: (_, { after }) => `${after} <> ''`,
    startCursor: (_, { first }) => base64url(`'role:' || min(r.slug) FILTER (WHERE r.position <= ${first})`),
    endCursor: (_, { first }) => base64url(`'role:' || max(r.slug) FILTER (WHERE r.position <= ${first})`),
  },
  RoleEdge: {
    cursor: (_, { role }) => base64url(`'role:' || ${role}.slug`),
    node: (field, scope, plan) => plan.object('Role', field, scope),
  },
  Role: {
    id: (_, { role }) => base64url(`'Role:' || ${role}.slug`),
    slug: (_, { role }) => `${role}.slug`,
    title: (_, { role }) => `${role}.title`,
    category: (_, { role }) => `${role}.category`,
    latestSnapshot: (field, { country, role }, plan) =>
      `(SELECT ${plan.object('MarketSnapshot', field, { snapshot: 's', category: `${role}.category` })} FROM (${latestSnapshotQuery(`${country}.country_id`, `${role}.id`, "'ALL'")}) s)`,
  },
};

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { projectRoot } from '../src/config.js';
import { COUNTRIES, PERIODS, ROLES } from './synthetic-catalogue.js';

// The server's own graphql (16), so an operation prints exactly as the server's persisted-operation
// registry prints the contract, not as bench/'s graphql 15 (PostGraphile's) would.
const graphql = createRequire(path.join(projectRoot, 'package.json'))('graphql') as typeof import('graphql');

/** One GraphQL operation as sent over HTTP: a pre-serialised body per set of variables. */
export interface Workload {
  operationName: string;
  /** Text every successful response contains (a body without it, or with errors, is a mismatch). */
  expect: string;
  bodies: string[];
}

/** The contract's operation `name`, printed on its own (graphql-js print, as clients send it). */
export function contractOperation(name: string): string {
  const document = graphql.parse(readFileSync(path.join(projectRoot, 'contract', 'operations.graphql'), 'utf8'));
  const operation = document.definitions.find((d) => d.kind === graphql.Kind.OPERATION_DEFINITION && d.name?.value === name);
  if (!operation) throw new Error(`contract/operations.graphql has no operation ${name}`);
  return graphql.print({ kind: graphql.Kind.DOCUMENT, definitions: [operation] });
}

/**
 * PostGraphile's closest equivalent of CountryGraph with the default inflector. It cannot pick
 * "each role's latest snapshot", so it asks for the latest period by name; it has no computed
 * growth or premium brackets, so it returns their inputs (median, projected median, P75, P90,
 * the tier table) for the client to compute. Rows are ordered by role id, which in the synthetic
 * data set is slug order, the order of CountryGraph's roles. `code` has a unique index, not a
 * unique constraint, so PostGraphile offers no countryByCode: a condition on allCountries it is.
 */
export const POSTGRAPHILE_NESTED_READ = `query NestedRead($country: String!, $first: Int!, $period: String!) {
  allCountries(condition: { code: $country }) {
    nodes {
      nodeId
      code
      name
      currencyCode
      marketSnapshotsByCountryId(first: $first, orderBy: ROLE_ID_ASC, condition: { level: ALL, period: $period }) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges {
          cursor
          node {
            period
            sampleSize
            median
            currencyCode
            projectedMedian
            p75
            p90
            roleByRoleId { nodeId slug title category }
            snapshotSkillsBySnapshotId(orderBy: RANK_ASC) { nodes { skillBySkillId { name } } }
          }
        }
      }
    }
  }
  allPremiumTiers { nodes { tier category minPercent maxPercent } }
}`;

/**
 * The same read for PostGraphile 5 (amber preset): its node identifier is `id`, and it offers
 * order only by indexed columns, so the skills come unordered (snapshot_skill's rank has no index).
 */
export const POSTGRAPHILE5_NESTED_READ = POSTGRAPHILE_NESTED_READ.replaceAll('nodeId', 'id').replace('snapshotSkillsBySnapshotId(orderBy: RANK_ASC)', 'snapshotSkillsBySnapshotId');

/**
 * paygraph's read of the same data as POSTGRAPHILE_NESTED_READ, no more: the country, a page of
 * roles with their latest snapshot's figures (median, projected median, P75, P90) and skills;
 * nothing computed. CountryGraph asks for more (growth and premium brackets, computed per snapshot).
 */
export const SAME_FIELDS_NESTED_READ = `query NestedRead($country: String!, $first: Int!) {
  country(code: $country) {
    id
    code
    name
    currencyCode
    roles(first: $first) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        cursor
        node {
          id
          slug
          title
          category
          latestSnapshot {
            period
            sampleSize
            median { amount currencyCode }
            projectedMedian { amount }
            percentiles { p75 { amount } p90 { amount } }
            skills { skill { name } }
          }
        }
      }
    }
  }
}`;

/** Roles per page of the nested read: the "first: 50". */
export const NESTED_PAGE_SIZE = 50;

/** Every country: the nested reads rotate through them. */
const countryCodes = COUNTRIES.map((country) => country.code);

/** 4 roles spread over the alphabet in every country: 200 markets the single-market reads rotate through. */
const markets = countryCodes.flatMap((country) => [0, 50, 100, 150].map((index) => ({ country, role: ROLES[index]!.slug })));

const body = (operationName: string, query: string, variables: Record<string, unknown>) => JSON.stringify({ operationName, query, variables });

export function countryGraphWorkload(): Workload {
  const query = contractOperation('CountryGraph');
  return {
    operationName: 'CountryGraph',
    expect: '"edges":[{',
    bodies: countryCodes.map((country) => body('CountryGraph', query, { country, first: NESTED_PAGE_SIZE })),
  };
}

export function sameFieldsNestedReadWorkload(): Workload {
  return {
    operationName: 'NestedRead',
    expect: '"edges":[{',
    bodies: countryCodes.map((country) => body('NestedRead', SAME_FIELDS_NESTED_READ, { country, first: NESTED_PAGE_SIZE })),
  };
}

/** PostGraphile's nested read (version 4 or 5). */
export function postgraphileNestedReadWorkload(version: 4 | 5): Workload {
  const period = PERIODS.at(-1)!;
  const query = version === 4 ? POSTGRAPHILE_NESTED_READ : POSTGRAPHILE5_NESTED_READ;
  return {
    operationName: 'NestedRead',
    expect: '"edges":[{',
    bodies: countryCodes.map((country) => body('NestedRead', query, { country, first: NESTED_PAGE_SIZE, period })),
  };
}

export function snapshotWorkload(): Workload {
  const query = contractOperation('Snapshot');
  return { operationName: 'Snapshot', expect: '"median":{', bodies: markets.map((variables) => body('Snapshot', query, variables)) };
}

export function marketReportWorkload(): Workload {
  const query = contractOperation('MarketReport');
  return { operationName: 'MarketReport', expect: '"markdown":"', bodies: markets.map((variables) => body('MarketReport', query, variables)) };
}

/** Markets per page of the markets scenario: the "first: 50". */
export const MARKETS_PAGE_SIZE = 50;

/**
 * The markets scenario: the markets of one currency's countries in one period, best-paid first,
 * a page of 50 with the total. paygraph filters by the countries (its medians compare within one
 * currency without conversion); PostGraphile's closest query is a condition on the currency and
 * period (its condition takes equalities only) ordered by median, then id for a stable page.
 */
export const MARKETS_QUERY = `query Markets($countries: [String!], $period: String, $first: Int) {
  markets(filter: { countryCodes: $countries, period: $period }, orderBy: [{ field: MEDIAN, direction: DESC }], first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { period sampleSize median { amount currencyCode } country { code name } role { slug title } } }
  }
}`;

export const POSTGRAPHILE_MARKETS_QUERY = `query Markets($currency: String!, $period: String!, $first: Int!) {
  allMarketSnapshots(first: $first, orderBy: [MEDIAN_DESC, ID_ASC], condition: { currencyCode: $currency, period: $period, level: ALL }) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { period sampleSize median currencyCode countryByCountryId { code name } roleByRoleId { slug title } } }
  }
}`;

/** Each currency of the data set with its countries, in every period: the markets reads rotate through them. */
const currencyPeriods = [...new Set(COUNTRIES.map((country) => country.currencyCode))].flatMap((currency) =>
  PERIODS.map((period) => ({ currency, countries: COUNTRIES.filter((country) => country.currencyCode === currency).map((country) => country.code), period })),
);

export function marketsWorkload(): Workload {
  return {
    operationName: 'Markets',
    expect: '"edges":[{',
    bodies: currencyPeriods.map(({ countries, period }) => body('Markets', MARKETS_QUERY, { countries, period, first: MARKETS_PAGE_SIZE })),
  };
}

export function postgraphileMarketsWorkload(): Workload {
  return {
    operationName: 'Markets',
    expect: '"edges":[{',
    bodies: currencyPeriods.map(({ currency, period }) => body('Markets', POSTGRAPHILE_MARKETS_QUERY, { currency, period, first: MARKETS_PAGE_SIZE })),
  };
}

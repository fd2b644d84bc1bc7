import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '../../../src/db/seed.js';
import type { RunningServer } from '../../../src/server/http-server.js';
import { ApiKeyService, Scope } from '../../../src/services/api-keys/api-key.service.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { fetchSubgraphSdl } from '../../support/federation.js';
import { createSyntheticMarkets } from '../../support/fixtures.js';
import { startTestServer } from '../../support/http-server.js';

// A job board's own subgraph: its postings reference our roles by slug, and nothing more of them.
const JOBS_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

  type Query {
    jobPostings: [JobPosting!]!
  }

  type JobPosting @key(fields: "id") {
    id: ID!
    title: String!
    role: Role
  }

  type Role @key(fields: "slug", resolvable: false) {
    slug: String!
  }
`;

const SYNTHETIC_ROLES = 100;
const postings = [
  { id: 'job-1', title: 'Staff ML Engineer, Toronto', role: { slug: 'machine-learning-lead' } },
  ...Array.from({ length: SYNTHETIC_ROLES }, (_, i) => ({ id: `job-${i + 2}`, title: `Posting ${i + 2}`, role: { slug: `role-${String(i + 1).padStart(3, '0')}` } })),
];

let database: TestDatabase;
let paygraph: RunningServer;
let jobs: ApolloServer;
let gateway: ApolloServer;
// In production (introspection off) paygraph's subgraph answers gateways with a subgraph:read key only.
let gatewayKey: string;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDatabase(database.prisma);
  await createSyntheticMarkets(database, { countryCode: 'DE', countryName: 'Germany', currencyCode: 'EUR', roleCount: SYNTHETIC_ROLES, periods: ['2023'] });
  paygraph = await startTestServer(database, { serving: { responseCache: 'off' } });
  gatewayKey = (await new ApiKeyService(database.prisma).create({ name: 'gateway', scopes: [Scope.SUBGRAPH_READ] })).key;
  const authorization = `Bearer ${gatewayKey}`;

  jobs = new ApolloServer({
    schema: buildSubgraphSchema([{ typeDefs: parse(JOBS_SDL), resolvers: { Query: { jobPostings: () => postings } } }]),
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  const { url: jobsUrl } = await startStandaloneServer(jobs, { listen: { port: 0 } });

  const paygraphUrl = paygraph.url.replace(/graphql$/, 'subgraph');
  const composition = composeServices([
    { name: 'paygraph', url: paygraphUrl, typeDefs: parse(await fetchSubgraphSdl(paygraphUrl, { authorization })) },
    { name: 'jobs', url: jobsUrl, typeDefs: parse(JOBS_SDL) },
  ]);
  if (composition.errors) throw new Error(`composition failed:\n${composition.errors.map((error) => error.message).join('\n')}`);
  const buildService = ({ name, url }: { name: string; url?: string }) =>
    new RemoteGraphQLDataSource({
      url,
      willSendRequest({ request }) {
        if (name === 'paygraph') request.http?.headers.set('authorization', authorization);
      },
    });
  gateway = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl: composition.supergraphSdl, buildService }) });
  await gateway.start();
});
afterAll(async () => {
  await gateway?.stop();
  await jobs?.stop();
  await paygraph?.close();
  await database?.drop();
});

async function throughGateway(query: string) {
  const response = await gateway.executeOperation({ query });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult as { data?: any; errors?: unknown[] };
}

describe('paygraph in a supergraph', () => {
  it("joins a job board's postings to paygraph's market data through the gateway", async () => {
    const { data, errors } = await throughGateway(`{
      jobPostings { title role { title latestSnapshot(countryCode: "CA") { median { formatted } } } }
    }`);
    expect(errors).toBeUndefined();
    // The seed page: Machine Learning Lead in Canada, median 123,557 CAD.
    expect(data.jobPostings[0]).toEqual({
      title: 'Staff ML Engineer, Toronto',
      role: { title: 'Machine Learning Lead', latestSnapshot: { median: { formatted: '$123,557' } } },
    });
    expect(data.jobPostings[1]).toEqual({ title: 'Posting 2', role: { title: 'Role 1', latestSnapshot: null } });
  });

  it('resolves the roles of 101 postings with one query to paygraph’s database', async () => {
    const query = '{ jobPostings { role { slug title } } }';
    // Once first, so that the gateway's key has just been checked: paygraph then trusts it for 10 s.
    await throughGateway(query);
    const before = database.statementCount();
    const { data, errors } = await throughGateway(query);
    expect(database.statementCount() - before).toBe(1);
    expect(errors).toBeUndefined();
    expect(data.jobPostings).toHaveLength(postings.length);
    expect(data.jobPostings.at(-1)).toEqual({ role: { slug: 'role-100', title: 'Role 100' } });
  });
});

// Prints what the market pays for a role in a country, through the typed contract operations:
//   PAYGRAPH_URL=http://localhost:4000/graphql npx tsx examples/typed-client/main.ts [country] [role]
import { createPaygraphClient } from './client.js';
import { CountryGraphDocument, SnapshotDocument } from './gql/graphql.js';

const [country = 'CA', role = 'machine-learning-lead'] = process.argv.slice(2);
const request = createPaygraphClient(process.env.PAYGRAPH_URL ?? 'http://localhost:4000/graphql');

const { marketSnapshot: snapshot } = await request(SnapshotDocument, { country, role });
if (!snapshot) {
  console.log(`No market data for ${role} in ${country}.`);
} else {
  const growth = snapshot.growthDelta ? ` (${snapshot.growthDelta.direction} ${snapshot.growthDelta.percent} %)` : '';
  console.log(`${role} in ${country}, ${snapshot.period}: median ${snapshot.median.formatted}, projected ${snapshot.projectedMedian?.formatted ?? 'n/a'}${growth}`);
  console.log(`Confidence: ${snapshot.confidence.level}, ${snapshot.confidence.sampleSize} data points`);
  console.log(`Top skill: ${snapshot.skills[0]?.skill.name ?? 'n/a'}`);
}

const { country: place } = await request(CountryGraphDocument, { country, first: 5 });
console.log(`${place?.name ?? country}: ${place?.roles.totalCount ?? 0} role(s) with market data`);

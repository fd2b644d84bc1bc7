import { beforeAll, describe, expect, it } from 'vitest';
import { ApiKeyService, Scope } from '../../../src/services/api-keys/api-key.service.js';
import { toGlobalId } from '../../../src/graphql/global-id.js';
import { useSeededServer } from '../../support/http-server.js';
import { postGraphQL } from '../../support/processes.js';

// The seed market: Machine Learning Lead in Canada.
const fixture = useSeededServer();
let writer: Record<string, string>;

beforeAll(async () => {
  const keys = new ApiKeyService(fixture.database.prisma);
  const { key } = await keys.create({ name: 'partner', scopes: [Scope.OBSERVATIONS_WRITE, Scope.TEMPLATES_WRITE] });
  writer = { authorization: `Bearer ${key}` };
});

const post = (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) => postGraphQL(fixture.server.url, query, variables, headers);

describe('extensions.fields', () => {
  it.each([
    ['a forged cursor', '{ country(code: "CA") { roles(first: 1, after: "forged") { totalCount } } }', ['after']],
    ['a country code', '{ marketSnapshot(countryCode: "CAN", roleSlug: "machine-learning-lead") { period } }', ['countryCode']],
    ['a period', '{ marketSnapshot(countryCode: "CA", roleSlug: "machine-learning-lead", period: "April") { period } }', ['period']],
    ['a page size (class-validator)', '{ country(code: "CA") { roles(first: 1000) { totalCount } } }', ['first']],
    ['a currency (class-validator)', '{ marketSnapshot(countryCode: "CA", roleSlug: "machine-learning-lead") { mean(currency: "EURO") { amount } } }', ['currency']],
  ])('is the list of the arguments at fault for %s', async (_case, query, fields) => {
    const { body } = await post(query);
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', fields });
  });
});

describe('NUL characters, which PostgreSQL text cannot hold', () => {
  const refused = (body: { data?: unknown; errors?: any[] }, fields: string[]) => {
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([{ message: expect.stringContaining('contains a NUL character (U+0000)'), extensions: { code: 'BAD_USER_INPUT', fields } }]);
  };

  it.each([
    ['roleSlug, written in the query', '{ marketSnapshot(countryCode: "CA", roleSlug: "machine-learning-\\u0000lead") { period } }', {}, ['roleSlug']],
    ['role(slug:), as a variable', 'query Role($slug: String!) { role(slug: $slug) { title } }', { slug: 'machine-learning-lead\0' }, ['slug']],
    ['roles(category:)', 'query Roles($category: String) { roles(category: $category) { slug } }', { category: 'Data\0' }, ['category']],
    ['node(id:)', 'query Node($id: ID!) { node(id: $id) { id } }', { id: 'Um9sZT\0' }, ['id']],
    ['a variable default', 'query Role($slug: String! = "x\\u0000") { role(slug: $slug) { title } }', {}, ['slug']],
  ])('refuse %s as BAD_USER_INPUT with HTTP 400', async (_case, query, variables, fields) => {
    const { status, body } = await post(query, variables);
    expect(status).toBe(400);
    refused(body, fields);
  });

  it('in a template body refuse the whole save', async () => {
    const input = { kind: 'SKILLS', scope: 'CATEGORY', scopeValue: 'Data Science & AI', heading: 'Skills', body: 'Learn\0 Python' };
    const { status, body } = await post('mutation Save($input: SaveReportTemplateInput!) { saveReportTemplate(input: $input) { userErrors { field message } } }', { input }, writer);
    expect(status).toBe(400);
    refused(body, ['input']);
    expect(await fixture.database.prisma.reportTemplate.count({ where: { scope: 'CATEGORY' } })).toBe(0);
  });

  it('in an import batch\'s source or roleCategory refuse the batch', async () => {
    const observations = [{ id: 'a', countryCode: 'FR', jobTitle: 'Prompt Engineer', level: 'MID', year: 2023, amount: '50000', currencyCode: 'EUR' }];
    for (const input of [
      { source: 'survey\0', observations },
      { source: 'survey', roleCategory: 'Data\0', observations },
    ]) {
      const { status, body } = await post('mutation Import($input: ImportObservationsInput!) { importObservations(input: $input) { read } }', { input }, writer);
      expect(status).toBe(400);
      refused(body, ['input']);
    }
    const literal = await post(`mutation { importObservations(input: { source: "survey\\u0000", observations: [] }) { read } }`, {}, writer);
    refused(literal.body, ['input']);
    const { rows } = await fixture.database.pool.query("SELECT count(*)::int AS n FROM observation_source WHERE key LIKE 'survey%'");
    expect(rows[0].n).toBe(0);
  });

  it('encoded in a node id or a cursor, name nothing', async () => {
    const { body } = await post('query Node($id: ID!) { node(id: $id) { id } }', { id: toGlobalId('Role', 'machine-learning-lead\0') });
    expect(body).toEqual({ data: { node: null } });
    const cursor = Buffer.from('role:a\0').toString('base64url');
    const page = await post('query Page($after: String) { country(code: "CA") { roles(first: 1, after: $after) { totalCount } } }', { after: cursor });
    expect(page.body.errors).toEqual([expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', fields: ['after'] } })]);
  });
});

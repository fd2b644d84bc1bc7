import type { AddressInfo } from 'node:net';
import express from 'express';
import type pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { operationHash } from '../../../src/serving/persisted-operations/operation-registry.js';
import { operationRequest } from '../../../src/serving/response-cache/operation-request.js';
import { serveCachedResponses } from '../../../src/serving/response-cache/http-cache.js';
import type { ResponseCacheTicket } from '../../../src/serving/response-cache/ticket.js';
import { createLogger } from '../../../src/logger.js';
import { createMetrics } from '../../../src/serving/metrics/metrics.js';
import { InvalidatingCache } from '../../../src/serving/response-cache/plugin.js';

describe('operationRequest', () => {
  const query = '{ countries { code } }';
  const hash = operationHash(query);
  const persisted = (sha256Hash: string, version = 1) => ({ persistedQuery: { version, sha256Hash } });

  it('identifies a request by the hash of its text, its operation name and its variables in any key order', () => {
    const byText = operationRequest({ query, variables: { a: 1, b: { d: [1, { f: 1, e: 2 }], c: null } } });
    expect(byText).toMatchObject({ documentHash: hash, sentAsHash: false });
    expect(operationRequest({ variables: { b: { c: null, d: [1, { e: 2, f: 1 }] }, a: 1 }, extensions: persisted(hash) })).toEqual({ ...byText, sentAsHash: true });
    expect(operationRequest({ query })!.identity).toBe(operationRequest({ query, variables: null, operationName: null })!.identity);
  });

  it('tells apart what graphql-js tells apart', () => {
    const identity = (body: Record<string, unknown>) => operationRequest({ query, ...body })!.identity;
    expect(identity({ variables: { first: null } })).not.toBe(identity({ variables: {} })); // null is not a default
    expect(identity({ operationName: '' })).not.toBe(identity({}));
    expect(identity({ variables: { list: [1, 2] } })).not.toBe(identity({ variables: { list: [2, 1] } }));
  });

  it('leaves to Apollo every body it would refuse', () => {
    for (const body of [
      undefined,
      [{ query }],
      {},
      { query: '' },
      { query: 42 },
      { query, variables: '{}' },
      { query, variables: [1] },
      { query, operationName: 1 },
      { query, extensions: 'x' },
      { extensions: persisted(hash, 2) },
      { extensions: { persistedQuery: { version: 1 } } },
      { query, extensions: persisted(operationHash('{ roles { slug } }')) },
    ]) {
      expect(operationRequest(body), JSON.stringify(body)).toBeUndefined();
    }
  });
});

describe('serveCachedResponses', () => {
  const cache = new InvalidatingCache();
  const metrics = createMetrics({ pool: { totalCount: 0, idleCount: 0, waitingCount: 0 } as pg.Pool, statementCount: () => 0 });
  let executions = 0;
  let duringExecution = () => {};
  let storable: ResponseCacheTicket['storable'] = { operationName: 'Countries', cost: 3, maxAgeSeconds: 60 };
  let url: string;
  let close: () => void;

  beforeAll(async () => {
    const app = express();
    // Stands in for Apollo: answers with a counter and marks the ticket as the response-cache plugin would.
    app.use(express.json(), serveCachedResponses({ cache, endpoint: 'graphql', runs: () => true, metrics, logger: createLogger('silent') }), (_req, res) => {
      executions++;
      duringExecution();
      const ticket = res.locals.responseCache as ResponseCacheTicket;
      ticket.query = true;
      ticket.storable = storable;
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.send(`${JSON.stringify({ data: { executions } })}\n`);
    });
    const server = app.listen(0);
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    close = () => server.close();
  });
  afterAll(() => close());
  beforeEach(() => {
    cache.invalidate();
    duringExecution = () => {};
    storable = { operationName: 'Countries', cost: 3, maxAgeSeconds: 60 };
  });

  const post = async (body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    return { text: await response.text(), contentType: response.headers.get('content-type') };
  };
  const request = { query: '{ countries { code } }' };

  it('answers a repeated request with the stored bytes and content type', async () => {
    const first = await post(request);
    expect(await post(request)).toEqual(first);
  });

  it('never serves an answer computed while a write committed', async () => {
    duringExecution = () => cache.invalidate();
    const stale = await post(request);
    duringExecution = () => {};
    const next = await post(request);
    expect(next.text).not.toBe(stale.text);
    expect(await post(request)).toEqual(next);
  });

  it('stores only what the GraphQL layer marks storable', async () => {
    storable = undefined;
    const first = await post(request);
    expect((await post(request)).text).not.toBe(first.text);
  });

  it('keys answers by Accept header, which picks the content type', async () => {
    const json = await post(request, { accept: 'application/json' });
    expect((await post(request, { accept: 'application/graphql-response+json' })).text).not.toBe(json.text);
    expect(await post(request, { accept: 'application/json' })).toEqual(json);
  });
});

import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import express from 'express';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { unexpectedErrors } from '../../../src/serving/http/request.js';
import { useSeededServer } from '../../support/http-server.js';

const app = useSeededServer();
const MAX_BODY_BYTES = 1024 * 1024; // the default MAX_BODY_BYTES

async function post(body: BodyInit, headers: Record<string, string> = {}) {
  const response = await fetch(app.server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, duplex: 'half' } as RequestInit);
  const text = await response.text();
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  expect(text).not.toMatch(/<html|<pre>|at \w+ \(|\/work\//i);
  return { status: response.status, body: JSON.parse(text) as { data?: any; errors?: Array<{ message: string; extensions: Record<string, unknown> }> } };
}

const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const chunked = (bytes: Uint8Array) =>
  new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });

describe('request bodies the server cannot take', () => {
  it('refuses variables nested 100,000 deep with a JSON QUERY_LIMIT_EXCEEDED, and takes 90 levels', async () => {
    const deep = await post(`{"query":"{ countries { code } }","variables":{"deep":${nested(100_000)}}}`);
    expect(deep.status).toBe(400);
    expect(deep.body.errors![0]).toEqual({
      message: 'The request body nests arrays and objects more than 100 deep',
      extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit: 'bodyNesting', maximum: 100 },
    });
    const fine = await post(`{"query":"{ countries { code } }","variables":{"deep":${nested(90)}}}`);
    expect(fine.status).toBe(200);
    expect(fine.body.data.countries).toEqual([{ code: 'CA' }]);
  });

  it('answers a gzip body that does not decompress with a JSON BAD_REQUEST, and reads one that does', async () => {
    const garbage = await post('certainly not gzip', { 'content-encoding': 'gzip' });
    expect(garbage.status).toBe(400);
    expect(garbage.body.errors![0]!.extensions).toEqual({ code: 'BAD_REQUEST' });
    const gzipped = await post(gzipSync(JSON.stringify({ query: '{ countries { code } }' })), { 'content-encoding': 'gzip' });
    expect(gzipped.body).toEqual({ data: { countries: [{ code: 'CA' }] } });
  });

  it('answers malformed JSON, an unknown Content-Encoding and an unknown charset with a JSON BAD_REQUEST', async () => {
    expect(await post('{"query": ')).toMatchObject({ status: 400, body: { errors: [{ message: 'The request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] } });
    expect(await post('{}', { 'content-encoding': 'compress' })).toMatchObject({ status: 415, body: { errors: [{ extensions: { code: 'BAD_REQUEST' } }] } });
    expect(await post('{}', { 'content-type': 'application/json; charset=latin1' })).toMatchObject({ status: 415, body: { errors: [{ extensions: { code: 'BAD_REQUEST' } }] } });
  });

  it('says how large a body is when it has a length, and that it is over the maximum when it has none', async () => {
    const oversized = JSON.stringify({ query: '{ countries { code } }', variables: { pad: 'x'.repeat(MAX_BODY_BYTES) } });
    const withLength = await post(oversized);
    expect(withLength.status).toBe(413);
    expect(withLength.body.errors![0]).toEqual({
      message: `The request body is ${Buffer.byteLength(oversized)} bytes; the maximum is ${MAX_BODY_BYTES}`,
      extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit: 'bodyBytes', maximum: MAX_BODY_BYTES, actual: Buffer.byteLength(oversized) },
    });
    const expected = {
      message: `The request body is more than the maximum of ${MAX_BODY_BYTES} bytes`,
      extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit: 'bodyBytes', maximum: MAX_BODY_BYTES },
    };
    const streamed = await post(chunked(new TextEncoder().encode(oversized)));
    expect(streamed).toEqual({ status: 413, body: { errors: [expected] } });
    // 2 KB of gzip that expands to 2 MB: cut off at the maximum, never inflated in full.
    const bomb = await post(gzipSync(oversized + ' '.repeat(MAX_BODY_BYTES)), { 'content-encoding': 'gzip' });
    expect(bomb).toEqual({ status: 413, body: { errors: [expected] } });
  });
});

describe('the last error handler', () => {
  it('answers an error no one else handled with a generic JSON 500 and the request id, and logs it', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, new Writable({ write: (chunk, _encoding, done) => done(void lines.push(chunk.toString())) }));
    const broken = express()
      .use((_req, res, next) => next(void (res.locals.requestId = 'req-1')))
      .get('/broken', () => {
        throw new Error('relation "secret" does not exist at /work/src/x.ts');
      })
      .get('/unreachable', () => {
        throw Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), { code: 'ECONNREFUSED' });
      })
      .use(unexpectedErrors(logger));
    const server = broken.listen(0);
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const failed = await fetch(`${base}/broken`);
      expect(failed.status).toBe(500);
      expect(await failed.json()).toEqual({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-1' } }] });
      const unreachable = await fetch(`${base}/unreachable`);
      expect(unreachable.status).toBe(503);
      expect(await unreachable.json()).toEqual({ errors: [{ message: 'The service is temporarily unavailable (database unreachable); retry shortly', extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
      expect(lines.map((line) => JSON.parse(line))).toMatchObject([
        { level: 50, msg: 'unexpected error', requestId: 'req-1', err: { message: 'relation "secret" does not exist at /work/src/x.ts' } },
        { level: 40, msg: 'database unavailable', requestId: 'req-1' },
      ]);
    } finally {
      server.close();
    }
  });
});

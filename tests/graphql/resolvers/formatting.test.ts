import { describe, expect, it } from 'vitest';
import { useSeededServer } from '../../support/http-server.js';
import { postGraphQL } from '../../support/processes.js';

// The seed market's median is 123,557 CAD; the server runs with its response cache, as by default.
const fixture = useSeededServer();
const NBSP = '\u00a0';

const MEDIAN = '{ marketSnapshot(countryCode: "CA", roleSlug: "machine-learning-lead") { median { formatted } } }';

async function formattedMedian(query: string, headers: Record<string, string> = {}) {
  const { status, headers: responseHeaders, body } = await postGraphQL(fixture.server.url, query, {}, headers);
  expect(body.errors).toBeUndefined();
  expect(status).toBe(200);
  return { formatted: body.data.marketSnapshot.median.formatted as string, cached: responseHeaders.has('age') };
}

describe('Money.formatted', () => {
  it("is written in the currency's home locale when the client names none", async () => {
    expect((await formattedMedian(MEDIAN)).formatted).toBe('$123,557');
  });

  it('is written in the locale the `locale` argument names', async () => {
    const { body } = await postGraphQL(
      fixture.server.url,
      '{ marketSnapshot(countryCode: "CA", roleSlug: "machine-learning-lead") { median { home: formatted gb: formatted(locale: "en-gb") de: formatted(locale: "de-DE") } } }',
    );
    expect(body).toEqual({ data: { marketSnapshot: { median: { home: '$123,557', gb: 'CA$123,557', de: `123.557${NBSP}CA$` } } } });
  });

  it("is written in the first language of the request's Accept-Language that it can be", async () => {
    expect((await formattedMedian(MEDIAN, { 'accept-language': 'de-DE,de;q=0.9,en;q=0.8' })).formatted).toBe(`123.557${NBSP}CA$`);
    // By preference, not by order; "zz" and "tlh" have no locale data.
    expect((await formattedMedian(MEDIAN, { 'accept-language': 'en-GB;q=0.5, zz, tlh;q=0.9' })).formatted).toBe('CA$123,557');
    expect((await formattedMedian(MEDIAN, { 'accept-language': 'zz, *' })).formatted).toBe('$123,557');
  });

  it('takes the argument over Accept-Language', async () => {
    const query = '{ marketSnapshot(countryCode: "CA", roleSlug: "machine-learning-lead") { median { formatted(locale: "en-GB") } } }';
    expect((await formattedMedian(query, { 'accept-language': 'de-DE' })).formatted).toBe('CA$123,557');
  });

  it.each(['en_GB', 'zz', '*'])('answers the locale %j as BAD_USER_INPUT naming the argument', async (locale) => {
    const { body } = await postGraphQL(fixture.server.url, 'query Median($locale: String) { marketSnapshot(countryCode: "CA", roleSlug: "machine-learning-lead") { median { formatted(locale: $locale) } } }', { locale });
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: `locale "${locale}" is not a BCP 47 language tag with locale data, such as "en-GB"`,
        path: ['marketSnapshot', 'median', 'formatted'],
        extensions: { code: 'BAD_USER_INPUT', fields: ['locale'] },
      }),
    ]);
  });

  it('is cached per locale: the response cache never answers one language with another', async () => {
    const query = '{ marketSnapshot(countryCode: "CA", roleSlug: "machine-learning-lead") { median { amount formatted } } }';
    expect(await formattedMedian(query, { 'accept-language': 'de-DE' })).toEqual({ formatted: `123.557${NBSP}CA$`, cached: false });
    expect(await formattedMedian(query, { 'accept-language': 'de-DE' })).toEqual({ formatted: `123.557${NBSP}CA$`, cached: true });
    // The same locale, asked for in other words, is the same entry.
    expect(await formattedMedian(query, { 'accept-language': 'de-de;q=1, fr;q=0.1' })).toEqual({ formatted: `123.557${NBSP}CA$`, cached: true });
    expect(await formattedMedian(query, { 'accept-language': 'en-GB' })).toEqual({ formatted: 'CA$123,557', cached: false });
    expect(await formattedMedian(query)).toEqual({ formatted: '$123,557', cached: false });
  });
});

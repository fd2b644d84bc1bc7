import { describe, expect, it } from 'vitest';
import { useSeededServer } from '../../support/http-server.js';
import { postGraphQL } from '../../support/processes.js';

// The seed market: Machine Learning Lead in Canada, figures in CAD, and no exchange rate at all.
const fixture = useSeededServer();

const post = (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) => postGraphQL(fixture.server.url, query, variables, headers);

describe('a figure that cannot be converted', () => {
  it('is null with CONVERSION_UNAVAILABLE naming the currency, and the rest of the snapshot stays', async () => {
    const { status, body } = await post(`{
      marketSnapshot(countryCode: "CA", roleSlug: "machine-learning-lead") {
        period median { amount currencyCode }
        medianIn(currency: "NZD") { amount }
        projectedMedian(currency: "nzd") { amount }
        percentiles(currency: "NZD") { p10 { amount } p50 { amount } }
        role { slug }
      }
    }`);
    expect(status).toBe(200);
    expect(body.data.marketSnapshot).toEqual({
      period: '2026-04',
      median: { amount: '123557.00', currencyCode: 'CAD' },
      medianIn: null,
      projectedMedian: null,
      // p10 is unknown (null, no error); p50 is known but cannot be converted.
      percentiles: { p10: null, p50: null },
      role: { slug: 'machine-learning-lead' },
    });
    const unavailable = { code: 'CONVERSION_UNAVAILABLE', currency: 'NZD', from: 'CAD' };
    expect(body.errors).toEqual([
      expect.objectContaining({ path: ['marketSnapshot', 'medianIn'], extensions: unavailable, message: 'No exchange rate from CAD to NZD is known: none of the imported observations relates them' }),
      expect.objectContaining({ path: ['marketSnapshot', 'projectedMedian'], extensions: unavailable }),
      expect.objectContaining({ path: ['marketSnapshot', 'percentiles', 'p50'], extensions: unavailable }),
    ]);
  });

  it('is still an error of the non-null median through its deprecated currency argument', async () => {
    const { body } = await post('{ marketSnapshot(countryCode: "CA", roleSlug: "machine-learning-lead") { period median(currency: "NZD") { amount } } }');
    expect(body.errors).toEqual([expect.objectContaining({ path: ['marketSnapshot', 'median'], extensions: { code: 'CONVERSION_UNAVAILABLE', currency: 'NZD', from: 'CAD' } })]);
  });

  it('is the median itself when no currency, or its own, is asked for', async () => {
    const { body } = await post('{ marketSnapshot(countryCode: "CA", roleSlug: "machine-learning-lead") { own: medianIn(currency: "cad") { amount conversion { rate } } plain: medianIn { amount } } }');
    expect(body).toEqual({ data: { marketSnapshot: { own: { amount: '123557.00', conversion: null }, plain: { amount: '123557.00' } } } });
  });

  it('answers a currency that is not ISO 4217 as BAD_USER_INPUT on that figure alone', async () => {
    const { body } = await post('{ marketSnapshot(countryCode: "CA", roleSlug: "machine-learning-lead") { period medianIn(currency: "XYZ") { amount } } }');
    expect(body.data.marketSnapshot).toEqual({ period: '2026-04', medianIn: null });
    expect(body.errors).toEqual([expect.objectContaining({ path: ['marketSnapshot', 'medianIn'], extensions: { code: 'BAD_USER_INPUT', fields: ['currency'] } })]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertAmount, ExchangeRateService } from '../../../src/services/exchange-rates/exchange-rates.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';

describe('convertAmount', () => {
  it.each([
    // amount, value of one base unit in the origin and in the target currency → converted, effective rate
    ['145000.00', '1', '1.3018358737', '188766.20', '1.3018358737'], // 145000 × 1.3018358737 = 188766.201686…
    ['100.00', '1.3', '1', '76.92', '0.7692307692'], // inverse: 100 / 1.3
    ['100.00', '1.3', '0.95', '73.08', '0.7307692308'], // across a common base: 100 × 0.95 / 1.3
    ['0.01', '1', '0.5', '0.01', '0.5000000000'], // 0.005 rounds half away from zero
    ['-10.00', '1', '0.25', '-2.50', '0.2500000000'],
  ])('%s at %s → %s gives %s (rate %s)', (amount, origin, target, converted, rate) => {
    expect(convertAmount(amount, origin, target)).toEqual({ amount: converted, rate });
  });
});

describe('ExchangeRateService', () => {
  let database: TestDatabase;
  let rates: ExchangeRateService;
  beforeAll(async () => {
    database = await createTestDatabase();
    const rate = (currencyCode: string, period: string, value: string, sampleSize = 3) => ({ baseCurrency: 'USD', currencyCode, period, rate: value, sampleSize, source: `${currencyCode} ${period}` });
    await database.prisma.exchangeRate.createMany({
      data: [rate('CAD', '2021', '1.25'), rate('CAD', '2022', '1.3'), rate('EUR', '2022', '0.95', 2), rate('GBP', '2021', '0.7'), rate('GBP', '2023', '0.8')],
    });
    rates = new ExchangeRateService(database.prisma);
  });
  afterAll(() => database.drop());

  it('converts with the rate of the figures\' own year, directly, inversely or across the base', async () => {
    expect(await rates.convert('100.00', 'USD', 'CAD', '2022')).toEqual({ amount: '130.00', currencyCode: 'CAD', rate: '1.3000000000', ratePeriod: '2022', rateSource: 'USD→CAD: CAD 2022', sampleSize: 3 });
    expect(await rates.convert('100.00', 'USD', 'CAD', '2021')).toMatchObject({ amount: '125.00', ratePeriod: '2021' });
    expect(await rates.convert('100.00', 'CAD', 'USD', '2022')).toMatchObject({ amount: '76.92', rate: '0.7692307692' });
    expect(await rates.convert('100.00', 'CAD', 'EUR', '2022')).toMatchObject({ amount: '73.08', rateSource: 'USD→CAD: CAD 2022; USD→EUR: EUR 2022', sampleSize: 2 }); // a cross rate: its weaker leg's
  });

  it('falls back to the nearest year (the earlier on a tie) and says so', async () => {
    expect(await rates.convert('100.00', 'USD', 'CAD', '2026-04')).toMatchObject({ amount: '130.00', ratePeriod: '2022' });
    expect(await rates.convert('100.00', 'USD', 'GBP', '2022')).toMatchObject({ amount: '70.00', ratePeriod: '2021' });
  });

  it('has no answer for a currency no rate reaches, and says why to a client', async () => {
    expect(await rates.convert('100.00', 'USD', 'JPY', '2022')).toBeNull();
    await expect(rates.convertRequested('100.00', 'USD', 'jpy', '2022')).rejects.toMatchObject({ code: 'CONVERSION_UNAVAILABLE', details: { currency: 'JPY', from: 'USD' } });
    await expect(rates.convertRequested('100.00', 'USD', 'ABC', '2022')).rejects.toMatchObject({ message: '"ABC" is not an ISO 4217 currency code', code: 'BAD_USER_INPUT', details: { fields: ['currency'] } });
    expect(await rates.convertRequested('100.00', 'USD', 'cad', '2022')).toMatchObject({ amount: '130.00', currencyCode: 'CAD' });
  });
});

import { describe, expect, it } from 'vitest';
import { adviceFromFigures, type MarketFigures } from '../../src/domain/advice.js';

const market: MarketFigures = {
  period: '2023',
  currencyCode: 'USD',
  sampleSize: 40,
  median: '120000.00',
  p25: '100000.00',
  p75: '150000.00',
  previous: { period: '2022', currencyCode: 'USD', sampleSize: 25, median: '112000.00' },
  mid: { period: '2023', currencyCode: 'USD', sampleSize: 18, median: '110000.00' },
  senior: { period: '2023', currencyCode: 'USD', sampleSize: 12, median: '143000.00' },
  topSkill: { name: 'Spark', sampleSize: 12, prevalence: '0.3000', median: '138600.00', premiumPercent: '15.50' },
};

describe('adviceFromFigures', () => {
  it('derives each entry from the figures, with the facts it rests on', () => {
    const advice = adviceFromFigures(market);
    expect(advice.map((entry) => [entry.category, entry.title])).toEqual([
      ['MARKET_POSITIONING', 'The median rose 7.14 % since 2022'],
      ['GROWTH_CATALYST', 'Senior level: median 30 % above mid level'],
      ['NEGOTIATION', 'The middle half earns $100,000 to $150,000'],
      ['GROWTH_CATALYST', "Spark: a median 15.5 % above the market's"],
    ]);
    expect(advice.map((entry) => entry.facts)).toEqual([
      [
        { label: 'Median, 2022', amount: '112000.00', currencyCode: 'USD', percent: null, sampleSize: 25 },
        { label: 'Median, 2023', amount: '120000.00', currencyCode: 'USD', percent: null, sampleSize: 40 },
        // 8000 / 112000 = 7.142857… %
        { label: 'Change 2022–2023', amount: null, currencyCode: null, percent: 7.14, sampleSize: 25 },
      ],
      [
        { label: 'Median, MID, 2023', amount: '110000.00', currencyCode: 'USD', percent: null, sampleSize: 18 },
        { label: 'Median, SENIOR, 2023', amount: '143000.00', currencyCode: 'USD', percent: null, sampleSize: 12 },
        { label: 'SENIOR over MID', amount: null, currencyCode: null, percent: 30, sampleSize: 12 },
      ],
      [
        { label: 'P25', amount: '100000.00', currencyCode: 'USD', percent: null, sampleSize: 40 },
        { label: 'Median', amount: '120000.00', currencyCode: 'USD', percent: null, sampleSize: 40 },
        { label: 'P75', amount: '150000.00', currencyCode: 'USD', percent: null, sampleSize: 40 },
        // 50000 / 120000 = 41.666… %
        { label: 'P25–P75 span, % of the median', amount: null, currencyCode: null, percent: 41.67, sampleSize: 40 },
      ],
      [
        { label: 'Median listing Spark', amount: '138600.00', currencyCode: 'USD', percent: null, sampleSize: 12 },
        { label: 'Market median', amount: '120000.00', currencyCode: 'USD', percent: null, sampleSize: 40 },
        { label: 'Premium of Spark', amount: null, currencyCode: null, percent: 15.5, sampleSize: 12 },
      ],
    ]);
    expect(advice[3]!.body).toContain('12 observations of 2023 (30 %) list Spark');
    expect(advice[3]!.body).toContain('not the effect of the skill itself');
  });

  it('says the data is thin below 10 observations, and leaves out what the figures cannot support', () => {
    const thin = adviceFromFigures({ ...market, sampleSize: 4, p25: null, p75: null, previous: null, senior: null, topSkill: null });
    expect(thin).toEqual([
      {
        category: 'MARKET_POSITIONING',
        title: 'Few data points behind these figures',
        body: 'Only 4 salary observations describe this market in 2023: treat its figures as indicative; they may shift noticeably when more data arrives.',
        facts: [{ label: 'Observations, 2023', amount: null, currencyCode: null, percent: null, sampleSize: 4 }],
      },
    ]);
    expect(adviceFromFigures({ ...market, sampleSize: 10, p25: null, previous: null, mid: null, topSkill: null })).toEqual([]);
  });

  it('compares no medians across currencies', () => {
    const advice = adviceFromFigures({ ...market, previous: { ...market.previous!, currencyCode: 'EUR' }, mid: { ...market.mid!, currencyCode: 'EUR' } });
    expect(advice.map((entry) => entry.category)).toEqual(['NEGOTIATION', 'GROWTH_CATALYST']);
  });

  it('says so when the movement is down or flat, and when no well-supported skill is paid above the median', () => {
    const advice = adviceFromFigures({
      ...market,
      previous: { ...market.previous!, median: '125000.00' },
      senior: { ...market.senior!, median: '110000.00' },
      topSkill: { ...market.topSkill!, premiumPercent: '-2.00', median: '117600.00' },
    });
    expect(advice.map((entry) => entry.title)).toEqual([
      'The median fell 4 % since 2022',
      'Senior level: median the same as mid level',
      'The middle half earns $100,000 to $150,000',
      'No well-supported skill is paid above the median',
    ]);
    expect(advice[3]!.body).toContain('2 % below the market median');
  });
});

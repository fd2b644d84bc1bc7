import { describe, expect, it } from 'vitest';
import { reportFacts, type MarketFigures } from '../../../src/services/reports/report-facts.js';
import { mlLeadCanada } from './figures.js';

const NBSP = '\u00a0';


// A large computed market in euros with no projection, skills or certifications, and a previous year.
const computedGermany: MarketFigures = {
  country: { code: 'DE', name: 'Germany' },
  role: { title: 'Data Engineer', category: 'Data' },
  snapshot: {
    period: '2023',
    currencyCode: 'EUR',
    sampleSize: 1234,
    median: '65000.00',
    projectedMedian: null,
    projectedLow: null,
    projectedHigh: null,
    projectionHorizon: null,
    projectionNote: 'A trend with a range needs at least 3 periods with 10 or more observations each; this market has only 2 (2022 (n = 800), 2023 (n = 1234)) up to 2023.',
    p10: '48000.00',
    p25: '55000.00',
    p75: '78000.00',
    p90: '90500.00',
    medianCiLower: '64000.00',
    medianCiUpper: '66200.00',
  },
  projection: null,
  previous: { from: '60000.00', to: '65000.00', absolute: '5000.00', percent: 8.33, direction: 'UP', fromPeriod: '2022', conversion: null },
  brackets: [],
  skills: [],
  certifications: [],
};

describe('reportFacts', () => {
  it('formats the seeded market the way the page does', () => {
    expect(reportFacts(mlLeadCanada)).toEqual({
      'role.title': 'Machine Learning Lead',
      'role.category': 'Data Science & AI',
      'country.name': 'Canada',
      'country.nameInSentence': 'Canada',
      'country.code': 'CA',
      currency: 'CAD',
      period: '2026-04',
      lastUpdated: 'April 2026',
      sampleSize: '2',
      dataPoints: '2 data points',
      'confidence.level': 'insufficient',
      'confidence.note': 'Based on 2 data points: too few to be reliable; treat these figures as indicative only.',
      indicativeOnly: true,
      median: '$123,557',
      projectedMedian: '$131,591',
      'growth.absolute': '+$8,034',
      'growth.percent': `+6.5${NBSP}%`,
      'growth.direction': 'up',
      'growth.up': true,
      'projection.horizon': null,
      'projection.range': null,
      'projection.note': null,
      'previous.period': null,
      'previous.median': null,
      'previous.change': null,
      'previous.percent': null,
      'previous.conversion': null,
      p10: null,
      p25: null,
      p75: null,
      p90: null,
      interquartileRange: null,
      topQuartile: null,
      medianInterval: null,
      specialistBracket: '$172,980 – $222,403',
      'specialist.minPercent': `40${NBSP}%`,
      'specialist.maxPercent': `80${NBSP}%`,
      'specialist.exceedsObserved': false,
      topSkill: 'Python (NumPy/Pandas)',
      topSkills: 'Python (NumPy/Pandas) and Statistics',
      'skills.list': '1. Python (NumPy/Pandas)\n2. Statistics',
      topCertification: 'AWS Machine Learning Specialty',
      'topCertification.issuer': 'Amazon Web Services',
      'certifications.list': '- AWS Machine Learning Specialty (Amazon Web Services)',
    });
  });

  it("leaves what a market lacks empty and writes money in the currency's own conventions", () => {
    const facts = reportFacts(computedGermany);
    expect(facts).toMatchObject({
      sampleSize: '1,234',
      dataPoints: '1,234 data points',
      lastUpdated: '2023',
      'confidence.level': 'high',
      indicativeOnly: false,
      median: `65.000${NBSP}€`,
      projectedMedian: null,
      'growth.absolute': null,
      'growth.percent': null,
      'growth.direction': null,
      'growth.up': false,
      'projection.horizon': null,
      'projection.range': null,
      'projection.note': 'A trend with a range needs at least 3 periods with 10 or more observations each; this market has only 2 (2022 (n = 800), 2023 (n = 1234)) up to 2023.',
      'previous.period': '2022',
      'previous.median': `60.000${NBSP}€`,
      'previous.change': `+5.000${NBSP}€`,
      'previous.percent': `+8.33${NBSP}%`,
      'previous.conversion': null,
      p10: `48.000${NBSP}€`,
      interquartileRange: `55.000${NBSP}€ – 78.000${NBSP}€`,
      topQuartile: `78.000${NBSP}€ – 90.500${NBSP}€`,
      medianInterval: `64.000${NBSP}€ – 66.200${NBSP}€`,
      specialistBracket: null,
      'specialist.minPercent': null,
      topSkill: null,
      topSkills: null,
      'skills.list': null,
      topCertification: null,
      'certifications.list': null,
    });
    expect(facts['confidence.note']).toBe('Based on 1,234 data points: a large sample; these figures are a reliable picture of the market.');
  });

  it('says which way a falling projection goes', () => {
    const facts = reportFacts({ ...mlLeadCanada, projection: { from: '123557.00', to: '120000.00', absolute: '-3557.00', percent: -2.88, direction: 'DOWN' } });
    expect(facts).toMatchObject({ 'growth.absolute': '-$3,557', 'growth.percent': `-2.88${NBSP}%`, 'growth.direction': 'down', 'growth.up': false });
  });

  it('lists up to three top skills in words, every skill with its premium in the list, and escapes Markdown in names', () => {
    const facts = reportFacts({
      ...mlLeadCanada,
      skills: [
        { name: 'SQL', premiumPercent: '12.50' },
        { name: 'Spark', premiumPercent: null },
        { name: 'dbt', premiumPercent: '4.00' },
        { name: 'C++ *fast* <b>', premiumPercent: null },
      ],
      certifications: [{ name: 'Data_Cert [pro]', issuer: 'Example' }],
    });
    expect(facts.topSkills).toBe('SQL, Spark and dbt');
    expect(facts['skills.list']).toBe(`1. SQL (+12.5${NBSP}% over the median)\n2. Spark\n3. dbt (+4${NBSP}% over the median)\n4. C++ \\*fast\\* \\<b\\>`);
    expect(facts.topCertification).toBe('Data\\_Cert \\[pro\\]');
  });
});

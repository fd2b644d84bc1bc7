import type { DataSourceRow } from '../../../src/services/read-rows.js';
import type { MarketFigures } from '../../../src/services/reports/report-facts.js';

// Figures as the seed page states them: median 123,557 CAD, projected 131,591 CAD (+8,034, +6.5 %),
// specialists 40–80 % above the median (123557 × 1.4 = 172979.8, × 1.8 = 222402.6), 2 data points.
export const mlLeadCanada: MarketFigures & { sources: DataSourceRow[] } = {
  country: { code: 'CA', name: 'Canada' },
  role: { title: 'Machine Learning Lead', category: 'Data Science & AI' },
  snapshot: {
    period: '2026-04',
    currencyCode: 'CAD',
    sampleSize: 2,
    median: '123557.00',
    projectedMedian: '131591.00',
    projectedLow: null,
    projectedHigh: null,
    projectionHorizon: null,
    projectionNote: null,
    p10: null,
    p25: null,
    p75: null,
    p90: null,
    medianCiLower: null,
    medianCiUpper: null,
  },
  projection: { from: '123557.00', to: '131591.00', absolute: '8034.00', percent: 6.5, direction: 'UP' },
  previous: null,
  brackets: [
    { tier: 'BASELINE', label: 'Market median', min: '123557.00', max: '123557.00', premiumPercentMin: 0, premiumPercentMax: 0, exceedsObserved: null, observedCeiling: null },
    { tier: 'SPECIALIST', label: 'Specialist premium', min: '172980.00', max: '222403.00', premiumPercentMin: 40, premiumPercentMax: 80, exceedsObserved: null, observedCeiling: null },
  ],
  skills: [
    { name: 'Python (NumPy/Pandas)', premiumPercent: null },
    { name: 'Statistics', premiumPercent: null },
  ],
  certifications: [{ name: 'AWS Machine Learning Specialty', issuer: 'Amazon Web Services' }],
  sources: [],
};

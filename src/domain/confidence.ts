/**
 * How much trust a statistic deserves given the number of observations behind it.
 */

/** Reliability grade of a statistic, from its sample size. */
export type ConfidenceLevel = 'INSUFFICIENT' | 'LOW' | 'MODERATE' | 'HIGH';

/** A reliability grade with a plain-language explanation for end users. */
export interface Confidence {
  level: ConfidenceLevel;
  sampleSize: number;
  note: string;
}

/** Smallest sample sizes for the LOW, MODERATE and HIGH levels. */
const MINIMUM_SAMPLE_SIZE = { LOW: 3, MODERATE: 10, HIGH: 30 } as const;

const LEVEL_EXPLANATIONS: Record<ConfidenceLevel, string> = {
  INSUFFICIENT: 'too few to be reliable; treat these figures as indicative only.',
  LOW: 'a small sample; treat these figures as indicative only, as they may shift noticeably when more data arrives.',
  MODERATE: 'a reasonable sample; these figures are fairly stable but may still move as more data arrives.',
  HIGH: 'a large sample; these figures are a reliable picture of the market.',
};

const countFormat = new Intl.NumberFormat('en-US');

/** The smallest sample size graded `level` or better. */
export function minimumSampleSize(level: ConfidenceLevel): number {
  return level === 'INSUFFICIENT' ? 0 : MINIMUM_SAMPLE_SIZE[level];
}

function levelForSampleSize(sampleSize: number): ConfidenceLevel {
  if (sampleSize >= MINIMUM_SAMPLE_SIZE.HIGH) return 'HIGH';
  if (sampleSize >= MINIMUM_SAMPLE_SIZE.MODERATE) return 'MODERATE';
  if (sampleSize >= MINIMUM_SAMPLE_SIZE.LOW) return 'LOW';
  return 'INSUFFICIENT';
}

/**
 * Grades a sample size: INSUFFICIENT below 3, LOW for 3–9, MODERATE for
 * 10–29, HIGH from 30.
 * @returns the level, the sample size and a plain-language note that states
 * the number of data points, e.g. "Based on 2 data points: too few to be
 * reliable; treat these figures as indicative only." (with 0 data points
 * the note says there is no data yet).
 * @throws RangeError when sampleSize is not a non-negative integer.
 */
export function confidenceFor(sampleSize: number): Confidence {
  if (!Number.isSafeInteger(sampleSize) || sampleSize < 0) {
    throw new RangeError(`Sample size must be a non-negative integer, got ${sampleSize}`);
  }
  const level = levelForSampleSize(sampleSize);
  if (sampleSize === 0) {
    return { level, sampleSize, note: 'Based on 0 data points: there is no data to report yet.' };
  }
  const dataPoints = `${countFormat.format(sampleSize)} data ${sampleSize === 1 ? 'point' : 'points'}`;
  return { level, sampleSize, note: `Based on ${dataPoints}: ${LEVEL_EXPLANATIONS[level]}` };
}

/**
 * @returns true when figures at this level should only be shown as
 * indicative (INSUFFICIENT and LOW), false for MODERATE and HIGH.
 */
export function isIndicativeOnly(level: ConfidenceLevel): boolean {
  return level === 'INSUFFICIENT' || level === 'LOW';
}

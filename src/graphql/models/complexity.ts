import type { ComplexityEstimator } from 'graphql-query-complexity';

/** Cost of a list field without paging arguments: its items are counted `expectedSize` times. */
export const listOf = (expectedSize: number): ComplexityEstimator => ({ childComplexity }) => 1 + expectedSize * childComplexity;

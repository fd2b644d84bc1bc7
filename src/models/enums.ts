import { registerEnumType } from 'type-graphql';

export enum ExperienceLevel {
  ALL = 'ALL',
  ENTRY = 'ENTRY',
  MID = 'MID',
  SENIOR = 'SENIOR',
  EXECUTIVE = 'EXECUTIVE',
}
registerEnumType(ExperienceLevel, {
  name: 'ExperienceLevel',
  description: 'Seniority of the people a snapshot describes; ALL aggregates every level.',
});

export enum SnapshotSource {
  IMPORTED = 'IMPORTED',
  COMPUTED = 'COMPUTED',
}
registerEnumType(SnapshotSource, {
  name: 'SnapshotSource',
  description: 'IMPORTED: figures stated by a source as they are. COMPUTED: aggregated by paygraph from salary observations.',
});

export enum GrowthBasis {
  PROJECTION = 'PROJECTION',
  PREVIOUS_PERIOD = 'PREVIOUS_PERIOD',
}
registerEnumType(GrowthBasis, {
  name: 'GrowthBasis',
  description: 'What a growth delta compares: the median with its projection, or with the previous period of the same market.',
});

export enum GrowthDirection {
  UP = 'UP',
  DOWN = 'DOWN',
  FLAT = 'FLAT',
}
registerEnumType(GrowthDirection, { name: 'GrowthDirection', description: 'Sign of a change.' });

export enum ConfidenceLevel {
  INSUFFICIENT = 'INSUFFICIENT',
  LOW = 'LOW',
  MODERATE = 'MODERATE',
  HIGH = 'HIGH',
}
registerEnumType(ConfidenceLevel, {
  name: 'ConfidenceLevel',
  description: 'How far a figure can be trusted, by sample size: INSUFFICIENT n < 3, LOW 3–9, MODERATE 10–29, HIGH ≥ 30.',
});

export enum AdviceCategory {
  MARKET_POSITIONING = 'MARKET_POSITIONING',
  GROWTH_CATALYST = 'GROWTH_CATALYST',
  CAREER_MOAT = 'CAREER_MOAT',
  NEGOTIATION = 'NEGOTIATION',
  AI_READINESS = 'AI_READINESS',
  COST_OF_LIVING = 'COST_OF_LIVING',
}
registerEnumType(AdviceCategory, { name: 'AdviceCategory', description: 'The theme of a piece of advice.' });

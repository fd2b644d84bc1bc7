import { registerEnumType } from 'type-graphql';
import { AdviceCategory, EntryOrigin, ExperienceLevel, SnapshotSource } from '../../generated/prisma/enums.js';

/** Prisma's enums, the one source of these vocabularies, published as GraphQL enums. */
export { AdviceCategory, EntryOrigin, ExperienceLevel, SnapshotSource };

registerEnumType(ExperienceLevel, {
  name: 'ExperienceLevel',
  description: 'Seniority of the people a snapshot describes; ALL aggregates every level.',
  valuesConfig: {
    ALL: { description: 'Every level together.' },
    ENTRY: { description: 'Entry level (junior).' },
    MID: { description: 'Mid level (intermediate).' },
    SENIOR: { description: 'Senior level (expert).' },
    EXECUTIVE: { description: 'Executive level (director and above).' },
  },
});

registerEnumType(SnapshotSource, {
  name: 'SnapshotSource',
  description: 'IMPORTED: figures stated by a source as they are. COMPUTED: aggregated by paygraph from salary observations.',
  valuesConfig: {
    IMPORTED: { description: 'Figures stated by a source, as they are.' },
    COMPUTED: { description: 'Figures aggregated by paygraph from salary observations.' },
  },
});

registerEnumType(EntryOrigin, {
  name: 'EntryOrigin',
  description: 'Where a skill, certification or advice entry of a market comes from.',
  valuesConfig: {
    COMPUTED: { description: "Computed by paygraph from the market's salary observations; the entry states the figures behind it." },
    CURATED: { description: 'Entered by hand (as the seed market\'s entries are); no figures stand behind it.' },
  },
});

export enum GrowthBasis {
  PROJECTION = 'PROJECTION',
  PREVIOUS_PERIOD = 'PREVIOUS_PERIOD',
}
registerEnumType(GrowthBasis, {
  name: 'GrowthBasis',
  description: 'What a growth delta compares: the median with its projection, or with the previous period of the same market.',
  valuesConfig: {
    PROJECTION: { description: 'From the median to the projected median of the same snapshot.' },
    PREVIOUS_PERIOD: { description: "From the previous period's median (same market, same granularity) to this one." },
  },
});

export enum GrowthDirection {
  UP = 'UP',
  DOWN = 'DOWN',
  FLAT = 'FLAT',
}
registerEnumType(GrowthDirection, {
  name: 'GrowthDirection',
  description: 'Sign of a change.',
  valuesConfig: {
    UP: { description: 'The amount rose.' },
    DOWN: { description: 'The amount fell.' },
    FLAT: { description: 'Exactly no change.' },
  },
});

export enum ConfidenceLevel {
  INSUFFICIENT = 'INSUFFICIENT',
  LOW = 'LOW',
  MODERATE = 'MODERATE',
  HIGH = 'HIGH',
}
registerEnumType(ConfidenceLevel, {
  name: 'ConfidenceLevel',
  description: 'How far a figure can be trusted, by sample size: INSUFFICIENT n < 3, LOW 3–9, MODERATE 10–29, HIGH ≥ 30.',
  valuesConfig: {
    INSUFFICIENT: { description: 'Fewer than 3 data points: an indication, not a statistic.' },
    LOW: { description: '3 to 9 data points.' },
    MODERATE: { description: '10 to 29 data points.' },
    HIGH: { description: '30 data points or more.' },
  },
});

registerEnumType(AdviceCategory, {
  name: 'AdviceCategory',
  description: 'The theme of a piece of advice.',
  valuesConfig: {
    MARKET_POSITIONING: { description: 'Which pay tier of the market to aim for, and how to reach it.' },
    GROWTH_CATALYST: { description: 'What raises pay fastest: the skills the market ranks first.' },
    CAREER_MOAT: { description: 'What makes a professional hard to replace, such as recognised credentials.' },
    NEGOTIATION: { description: 'How to negotiate pay with these figures.' },
    AI_READINESS: { description: 'How to work with AI tooling the way employers now expect.' },
    COST_OF_LIVING: { description: 'What the pay is worth where the professional lives, beyond base salary.' },
  },
});

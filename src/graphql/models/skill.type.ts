import { Field, Float, Int, InterfaceType } from 'type-graphql';
import { SimpleObjectType } from './object-type.js';
import { AdviceCategory, EntryOrigin } from './enums.js';
import { Money } from './money.type.js';
import { Confidence } from './snapshot.type.js';

@SimpleObjectType({ description: 'A skill employers pay for.' })
export class Skill {
  @Field(() => String, { description: 'Name, e.g. "Python (NumPy/Pandas)". Names match case-insensitively: the first spelling seen is kept.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Kind of skill, e.g. "Programming"; null when unknown (a skill first seen in salary observations, which name no kind).' })
  category!: string | null;
}

const PREMIUM_DESCRIPTION =
  "How much higher (or lower, when negative) the median pay of the market's observations listing it is than the market median, in percent: (median ÷ the snapshot's median − 1) × 100, rounded to 2 decimals. " +
  'An observed difference, not a causal effect: the people who list it may differ in other ways too (seniority, employer, location), and the premium includes those differences. Null when unknown.';

@InterfaceType({
  description: "A skill's or certification's standing in a market snapshot: the pay of the observations listing it against the market's.",
  resolveType: (entry: object) => ('skill' in entry ? 'SnapshotSkill' : 'SnapshotCertification'),
})
export abstract class PricedEntry {
  @Field(() => Int, {
    nullable: true,
    description:
      '1 is the highest premium among the entries at least 10 observations list (ties: more observations, then name). Null for a COMPUTED entry listed by 3 to 9 observations: such entries come after the ranked ones, never above them.',
  })
  rank!: number | null;

  @Field(() => Float, { nullable: true, description: PREMIUM_DESCRIPTION })
  premiumPercent!: number | null;

  @Field(() => Int, { nullable: true, description: "Number of the snapshot's observations listing it (at least 3); null for a CURATED entry." })
  sampleSize!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "Share of the snapshot's observations listing it, as a fraction from 0 to 1 (0.25: a quarter), 4 decimals; observations whose source lists none count in the whole. Null for a CURATED entry.",
  })
  prevalence!: number | null;

  @Field(() => Money, { nullable: true, description: "Median annual salary of the observations listing it, in the snapshot's currency; null for a CURATED entry." })
  median!: Money | null;

  @Field(() => Confidence, { nullable: true, description: 'How far these figures can be trusted, from sampleSize (the levels snapshots use); null for a CURATED entry.' })
  confidence!: Confidence | null;

  @Field(() => EntryOrigin, { description: "COMPUTED from the market's observations in the snapshot rebuild, or CURATED (entered by hand)." })
  origin!: EntryOrigin;
}

@SimpleObjectType({ implements: PricedEntry, description: "A skill's standing in one market snapshot: the pay of the observations listing it against the market's." })
export class SnapshotSkill extends PricedEntry {
  @Field(() => Skill, { description: 'The skill.' })
  skill!: Skill;
}

@SimpleObjectType({ description: 'A professional certification.' })
export class Certification {
  @Field(() => String, { description: 'Name, e.g. "AWS Machine Learning Specialty". Names match case-insensitively: the first spelling seen is kept.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Who awards it, e.g. "Amazon Web Services"; null when unknown (a certification first seen in salary observations, which name no issuer).' })
  issuer!: string | null;
}

@SimpleObjectType({ implements: PricedEntry, description: "A certification's standing in one market snapshot: the pay of the observations listing it against the market's." })
export class SnapshotCertification extends PricedEntry {
  @Field(() => Certification, { description: 'The certification.' })
  certification!: Certification;
}

@SimpleObjectType({ description: 'A figure an advice entry rests on: an amount or a percentage, and the number of data points behind it.' })
export class AdviceFact {
  @Field(() => String, { description: 'What the figure is, e.g. "Median, SENIOR, 2023" or "P25".' })
  label!: string;

  @Field(() => Money, { nullable: true, description: "The figure when it is an amount (in the snapshot's currency); null when it is a percentage or a count." })
  amount!: Money | null;

  @Field(() => Float, { nullable: true, description: 'The figure when it is a percentage (e.g. 6.5 for +6.5 %); null when it is an amount or a count.' })
  percent!: number | null;

  @Field(() => Int, { description: 'Number of salary observations behind the figure (the smaller of the two for a comparison).' })
  sampleSize!: number;
}

@SimpleObjectType({ description: 'Advice for professionals in a market.' })
export class Advice {
  @Field(() => AdviceCategory, { description: 'Theme of the advice.' })
  category!: AdviceCategory;

  @Field(() => String, { description: 'Short heading.' })
  title!: string;

  @Field(() => String, { description: 'The advice, in Markdown.' })
  body!: string;

  @Field(() => EntryOrigin, { description: "COMPUTED: derived from the market's own figures when read (see facts). CURATED: written by hand." })
  origin!: EntryOrigin;

  @Field(() => [AdviceFact], { description: 'The figures the advice rests on, so a client can show why; empty for CURATED advice.' })
  facts!: AdviceFact[];
}

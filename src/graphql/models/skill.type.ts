import { Field, Float, Int } from 'type-graphql';
import { SimpleObjectType } from './object-type.js';
import { AdviceCategory } from './enums.js';

@SimpleObjectType({ description: 'A skill employers pay for.' })
export class Skill {
  @Field(() => String, { description: 'Name, e.g. "Python (NumPy/Pandas)".' })
  name!: string;

  @Field(() => String, { description: 'Kind of skill, e.g. "Programming".' })
  category!: string;
}

@SimpleObjectType({ description: "A skill's standing in one market snapshot." })
export class SnapshotSkill {
  @Field(() => Int, { description: '1 is the most valuable skill of the market.' })
  rank!: number;

  @Field(() => Float, { nullable: true, description: 'Pay premium over the median for the skill, in percent; null when unknown.' })
  premiumPercent!: number | null;

  @Field(() => Skill, { description: 'The skill.' })
  skill!: Skill;
}

@SimpleObjectType({ description: 'A professional certification.' })
export class Certification {
  @Field(() => String, { description: 'Name, e.g. "AWS Machine Learning Specialty".' })
  name!: string;

  @Field(() => String, { description: 'Who awards it, e.g. "Amazon Web Services".' })
  issuer!: string;
}

@SimpleObjectType({ description: "A certification's standing in one market snapshot." })
export class SnapshotCertification {
  @Field(() => Int, { description: '1 is the most valuable certification of the market.' })
  rank!: number;

  @Field(() => Float, { nullable: true, description: 'Pay premium over the median, in percent; null when unknown.' })
  premiumPercent!: number | null;

  @Field(() => Certification, { description: 'The certification.' })
  certification!: Certification;
}

@SimpleObjectType({ description: 'Advice for professionals in a market.' })
export class Advice {
  @Field(() => AdviceCategory, { description: 'Theme of the advice.' })
  category!: AdviceCategory;

  @Field(() => String, { description: 'Short heading.' })
  title!: string;

  @Field(() => String, { description: 'The advice, in Markdown.' })
  body!: string;
}

import { ArrayMaxSize, MaxLength, MinLength } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import type { ObservationRecord } from '../../services/import/import.service.js';
import { DEFAULT_ROLE_CATEGORY, MAX_LISTED_NAME_LENGTH, MAX_LISTED_NAMES, MAX_OBSERVATION_ID_LENGTH, MAX_ROLE_CATEGORY_LENGTH } from '../../services/import/observation.js';
import { DecimalScalar } from './decimal.scalar.js';
import { ExperienceLevel } from './enums.js';

export const MAX_OBSERVATIONS_PER_BATCH = 1000;

@InputType({ description: 'One salary data point: what one person is paid, where, in which role, at which level, in which year.' })
export class ObservationInput {
  @Field(() => String, {
    description: `Identifies the observation within its source, at most ${MAX_OBSERVATION_ID_LENGTH} characters. Sending an id the source already has adds nothing (it counts as a duplicate).`,
  })
  id!: string;

  @Field(() => String, { description: 'Where the person works and lives: ISO 3166-1 alpha-2 code, e.g. "US".' })
  countryCode!: string;

  @Field(() => String, { description: 'The job title as the source states it; it maps to a role by its slug or through a role alias ("ML Engineer" → machine-learning-engineer).' })
  jobTitle!: string;

  @Field(() => ExperienceLevel, { description: 'Seniority: ENTRY, MID, SENIOR or EXECUTIVE (ALL is not a level an observation can have).' })
  level!: ExperienceLevel;

  @Field(() => Int, { description: 'The year the salary was paid, e.g. 2022; the observation counts towards that year\'s snapshots.' })
  year!: number;

  @Field(() => DecimalScalar, { description: 'Annual salary in `currencyCode`, positive, at most 2 decimals, e.g. "145000". Snapshots aggregate this amount.' })
  amount!: string;

  @Field(() => String, { description: 'ISO 4217 currency of `amount`, e.g. "USD".' })
  currencyCode!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'The salary as paid, when it was paid in another currency; with it paygraph derives exchange rates.' })
  originalAmount?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 4217 currency of `originalAmount`; required with it.' })
  originalCurrency?: string | null;

  @Field(() => String, { nullable: true, description: 'Employment type, e.g. FT (full time), PT, CT (contract), FL (freelance).' })
  employmentType?: string | null;

  @Field(() => Int, { nullable: true, description: 'Share of remote work, 0 to 100.' })
  remoteRatio?: number | null;

  @Field(() => String, { nullable: true, description: "The employer's country, ISO 3166-1 alpha-2." })
  companyLocation?: string | null;

  @Field(() => String, { nullable: true, description: 'Company size: S, M or L.' })
  companySize?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: `The skills this data point lists, as the source names them ("Python", "Kubernetes"): at most ${MAX_LISTED_NAMES} non-empty names of at most ${MAX_LISTED_NAME_LENGTH} characters, stored trimmed and each once (case ignored). Skill premiums are computed from them.`,
  })
  skills?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: `The certifications this data point lists ("AWS Certified Solutions Architect"), with the same limits as skills.`,
  })
  certifications?: string[] | null;

  /** The observation as the importer takes it: every value as text, absent ones undefined. */
  toRecord(): ObservationRecord {
    const text = (value: string | number | null | undefined) => (value === null || value === undefined ? undefined : String(value));
    return {
      id: this.id,
      countryCode: this.countryCode,
      jobTitle: this.jobTitle,
      level: this.level,
      year: String(this.year),
      amount: this.amount,
      currencyCode: this.currencyCode,
      originalAmount: text(this.originalAmount),
      originalCurrency: text(this.originalCurrency),
      employmentType: text(this.employmentType),
      remoteRatio: text(this.remoteRatio),
      companyLocation: text(this.companyLocation),
      companySize: text(this.companySize),
      skills: this.skills ?? undefined,
      certifications: this.certifications ?? undefined,
    };
  }
}

@InputType({ description: 'A batch of observations from one source.' })
export class ImportObservationsInput {
  @Field(() => String, { description: 'Names the source, e.g. "acme-survey-2024". With each observation\'s id it identifies an observation, so a batch sent twice adds nothing the second time.' })
  @MinLength(1)
  @MaxLength(200)
  source!: string;

  @Field(() => String, { defaultValue: DEFAULT_ROLE_CATEGORY, description: 'Category of the roles this batch creates for new job titles; existing roles keep theirs.' })
  @MinLength(1)
  @MaxLength(MAX_ROLE_CATEGORY_LENGTH)
  roleCategory!: string;

  @Field(() => [ObservationInput], { description: `The observations, at most ${MAX_OBSERVATIONS_PER_BATCH}.` })
  @ArrayMaxSize(MAX_OBSERVATIONS_PER_BATCH)
  observations!: ObservationInput[];
}

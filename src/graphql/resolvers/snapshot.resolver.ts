import { Arg, Args, Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../context.js';
import { listOf } from '../models/complexity.js';
import { confidenceFor } from '../../domain/confidence.js';
import { Country } from '../models/country.type.js';
import { CURRENCY_ARGUMENT_DESCRIPTION, CurrencyArgs } from '../models/currency.args.js';
import { GrowthDeltaArgs } from '../models/market.args.js';
import { Money } from '../models/money.type.js';
import { Role } from '../models/role.type.js';
import { Advice, SnapshotCertification, SnapshotSkill } from '../models/skill.type.js';
import { Confidence, DataSource, GrowthDelta, MarketSnapshot, MedianInterval, Percentiles, PremiumBracket, Projection } from '../models/snapshot.type.js';
import { toGlobalId } from '../global-id.js';
import type { SnapshotGrowth } from '../../services/snapshots/snapshot.service.js';
import type { PricedEntry as PricedEntryRow, SnapshotRow } from '../../services/read-rows.js';

const decimal = (value: string | null) => (value === null ? null : Number(value));

/** A skill's or certification's figures as the graph shows them: amounts as Money in the snapshot's currency. */
function pricedEntry(entry: PricedEntryRow, currencyCode: string) {
  const { rank, premiumPercent, sampleSize, prevalence, median, origin } = entry;
  return {
    rank,
    premiumPercent: decimal(premiumPercent),
    sampleSize,
    prevalence: decimal(prevalence),
    median: Money.of(median, currencyCode),
    confidence: sampleSize === null ? null : confidenceFor(sampleSize),
    origin,
  };
}

const MEDIAN_CURRENCY_DEPRECATION =
  'Use medianIn(currency:). median is non-null, so a median no stored rate can convert nulls the whole snapshot here; medianIn is null on its own, with a CONVERSION_UNAVAILABLE error.';

/**
 * One of the snapshot's amounts as Money, converted when the client asked for another currency
 * (synchronous otherwise: a list of snapshots then costs no promise per amount).
 */
function amountIn(services: GraphQLContext['services'], snapshot: SnapshotRow, value: SnapshotRow['p10'], currency: string | null | undefined): Money | null | Promise<Money | null> {
  const money = Money.of(value, snapshot.currencyCode);
  if (!money || !currency || currency.toUpperCase() === snapshot.currencyCode) return money;
  return services.exchangeRates.convertRequested(money.amount, snapshot.currencyCode, currency, snapshot.period).then((conversion) => Money.converted(money, conversion));
}

/**
 * An amount whose conversion failed as that field's error: graphql-js and compiled queries alike
 * answer an Error in place of a value as the field's error, so it nulls that field alone and
 * not the object around it.
 */
function orItsError<T>(value: T | Promise<T>): T | Error | Promise<T | Error> {
  return value instanceof Promise ? value.catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))) : value;
}

/** Combines amounts that are usually ready at once: synchronously unless one of them had to be converted. */
function whenAll<T, R>(values: (T | Promise<T>)[], combine: (values: T[]) => R): R | Promise<R> {
  return values.some((value) => value instanceof Promise) ? Promise.all(values).then(combine) : combine(values as T[]);
}

function growthWithMoney(growth: SnapshotGrowth | null) {
  if (!growth) return null;
  const { basis, fromPeriod, percent, direction, currencyCode, conversion } = growth;
  // A median of another currency was converted: `from` says from what, and at which rate.
  const from = conversion ? Money.converted(Money.of(conversion.originalFrom, conversion.originalCurrencyCode)!, conversion) : Money.of(growth.from, currencyCode)!;
  return { basis, fromPeriod, percent, direction, from, to: Money.of(growth.to, currencyCode)!, absolute: Money.of(growth.absolute, currencyCode)! };
}

@Resolver(() => MarketSnapshot)
export class SnapshotResolver {
  @FieldResolver(() => ID, { description: 'Global id.' })
  id(@Root() snapshot: SnapshotRow) {
    return toGlobalId('MarketSnapshot', snapshot.id);
  }

  @FieldResolver(() => String, { description: 'The date the figures describe, ISO 8601 (YYYY-MM-DD).' })
  asOf(@Root() snapshot: SnapshotRow) {
    return snapshot.asOf;
  }

  @FieldResolver(() => Money, { description: 'Median annual salary.' })
  median(
    @Root() snapshot: SnapshotRow,
    @Arg('currency', () => String, { nullable: true, description: CURRENCY_ARGUMENT_DESCRIPTION, deprecationReason: MEDIAN_CURRENCY_DEPRECATION }) currency: string | null | undefined,
    @Ctx() { services }: GraphQLContext,
  ) {
    return amountIn(services, snapshot, snapshot.median, currency);
  }

  @FieldResolver(() => Money, {
    nullable: true,
    description: 'Median annual salary, in `currency` when given. Null, with a CONVERSION_UNAVAILABLE error, when no stored rate converts it: the rest of the snapshot stays.',
  })
  medianIn(@Root() snapshot: SnapshotRow, @Args(() => CurrencyArgs) { currency }: CurrencyArgs, @Ctx() { services }: GraphQLContext) {
    return amountIn(services, snapshot, snapshot.median, currency);
  }

  @FieldResolver(() => Money, { nullable: true, description: 'Mean annual salary; null when the source gives none.' })
  mean(@Root() snapshot: SnapshotRow, @Args(() => CurrencyArgs) { currency }: CurrencyArgs, @Ctx() { services }: GraphQLContext) {
    return amountIn(services, snapshot, snapshot.mean, currency);
  }

  @FieldResolver(() => Money, { nullable: true, description: 'Where the median is heading (next period); null when it cannot be projected.' })
  projectedMedian(@Root() snapshot: SnapshotRow, @Args(() => CurrencyArgs) { currency }: CurrencyArgs, @Ctx() { services }: GraphQLContext) {
    return amountIn(services, snapshot, snapshot.projectedMedian, currency);
  }

  @FieldResolver(() => Projection, { nullable: true, description: 'How projectedMedian was produced; null when there is no projection.' })
  projection(@Root() snapshot: SnapshotRow): Projection | null {
    if (!snapshot.projectionMethod) return null;
    const { currencyCode } = snapshot;
    return {
      method: snapshot.projectionMethod,
      periods: snapshot.projectionPeriods,
      horizon: snapshot.projectionHorizon,
      low: Money.of(snapshot.projectedLow, currencyCode),
      high: Money.of(snapshot.projectedHigh, currencyCode),
      note: snapshot.projectionNote,
    };
  }

  @FieldResolver(() => String, { nullable: true, description: 'Why there is no projection (e.g. too few periods with enough data points); null when there is one, or when none was computed.' })
  noProjectionReason(@Root() snapshot: SnapshotRow): string | null {
    return snapshot.projectionMethod ? null : snapshot.projectionNote;
  }

  @FieldResolver(() => [DataSource], { complexity: listOf(3), description: 'The sources of the observations behind this snapshot (its market and period), with their licences where known.' })
  sources(@Root() snapshot: SnapshotRow, @Ctx() { services }: GraphQLContext) {
    return services.snapshots.sources(snapshot);
  }

  @FieldResolver(() => Percentiles, { description: 'P10 to P90; a percentile the sample cannot support is null.' })
  percentiles(@Root() snapshot: SnapshotRow, @Args(() => CurrencyArgs) { currency }: CurrencyArgs, @Ctx() { services }: GraphQLContext): Percentiles | Promise<Percentiles> {
    const amounts = [snapshot.p10, snapshot.p25, snapshot.median, snapshot.p75, snapshot.p90].map((value) => orItsError(amountIn(services, snapshot, value, currency)));
    return whenAll(amounts, ([p10, p25, p50, p75, p90]) => ({ p10, p25, p50, p75, p90 }));
  }

  @FieldResolver(() => MedianInterval, { nullable: true, description: 'Distribution-free 95 % confidence interval of the median; null when the sample is too small.' })
  medianConfidenceInterval(@Root() snapshot: SnapshotRow, @Args(() => CurrencyArgs) { currency }: CurrencyArgs, @Ctx() { services }: GraphQLContext): MedianInterval | null | Promise<MedianInterval> {
    if (snapshot.medianCiLower === null || snapshot.medianCiUpper === null) return null;
    const bounds = [amountIn(services, snapshot, snapshot.medianCiLower, currency), amountIn(services, snapshot, snapshot.medianCiUpper, currency)];
    return whenAll(bounds, ([lower, upper]) => ({ confidence: 0.95, lower: lower!, upper: upper! }));
  }

  @FieldResolver(() => Confidence, { description: 'How far these figures can be trusted, from the sample size.' })
  confidence(@Root() snapshot: SnapshotRow) {
    return confidenceFor(snapshot.sampleSize);
  }

  @FieldResolver(() => GrowthDelta, { nullable: true, description: 'The move of the median; null when there is nothing to compare with.' })
  growthDelta(@Root() snapshot: SnapshotRow, @Args(() => GrowthDeltaArgs) { basis }: GrowthDeltaArgs, @Ctx() { services }: GraphQLContext) {
    const delta = services.snapshots.growthDelta(snapshot, basis);
    return delta instanceof Promise ? delta.then(growthWithMoney) : growthWithMoney(delta);
  }

  @FieldResolver(() => [PremiumBracket], { complexity: listOf(5), description: 'Pay bands: BASELINE, PROJECTED, stored tiers (e.g. SPECIALIST) and TOP_QUARTILE where known.' })
  async premiumBrackets(@Root() snapshot: SnapshotRow, @Ctx() { services }: GraphQLContext) {
    const brackets = await services.snapshots.premiumBrackets(snapshot);
    const { currencyCode } = snapshot;
    return brackets.map(
      ({ tier, label, min, max, premiumPercentMin, premiumPercentMax, exceedsObserved, observedCeiling }): PremiumBracket => ({
        tier,
        label,
        min: Money.of(min, currencyCode)!,
        max: Money.of(max, currencyCode)!,
        premiumPercentMin,
        premiumPercentMax,
        exceedsObserved,
        observedCeiling: Money.of(observedCeiling, currencyCode),
      }),
    );
  }

  @FieldResolver(() => [SnapshotSkill], {
    complexity: listOf(10),
    description:
      'Skills of this market with their pay premium: ranked ones (rank 1 first), then those too thinly supported to rank. COMPUTED entries price every skill at least 3 of its observations list; a premium is an observed difference, not a causal effect.',
  })
  async skills(@Root() snapshot: SnapshotRow, @Ctx() { services }: GraphQLContext) {
    const entries = await services.snapshots.skills(snapshot.id);
    return entries.map((entry) => ({ ...pricedEntry(entry, snapshot.currencyCode), skill: entry.skill }));
  }

  @FieldResolver(() => [SnapshotCertification], {
    complexity: listOf(5),
    description: 'Certifications of this market with their pay premium, ordered as skills are. A premium is an observed difference, not a causal effect.',
  })
  async certifications(@Root() snapshot: SnapshotRow, @Ctx() { services }: GraphQLContext) {
    const entries = await services.snapshots.certifications(snapshot.id);
    return entries.map((entry) => ({ ...pricedEntry(entry, snapshot.currencyCode), certification: entry.certification }));
  }

  @FieldResolver(() => [Advice], {
    complexity: listOf(8),
    description: "What a professional in this market can take from it: advice entered by hand (CURATED), then, for a COMPUTED snapshot, advice derived from its own figures, each with the facts it rests on.",
  })
  async advice(@Root() snapshot: SnapshotRow, @Ctx() { services }: GraphQLContext) {
    const entries = await services.snapshots.advice(snapshot);
    return entries.map(({ facts, ...entry }) => ({
      ...entry,
      facts: facts.map(({ label, amount, currencyCode, percent, sampleSize }) => ({ label, amount: amount === null ? null : Money.of(amount, currencyCode!), percent, sampleSize })),
    }));
  }

  @FieldResolver(() => Country, { description: 'The country of the market.' })
  country(@Root() snapshot: SnapshotRow, @Ctx() { services }: GraphQLContext) {
    return services.catalog.countryById(snapshot.countryId);
  }

  @FieldResolver(() => Role, { description: 'The role of the market, scoped to its country.' })
  async role(@Root() snapshot: SnapshotRow, @Ctx() { services }: GraphQLContext) {
    const role = await services.catalog.roleById(snapshot.roleId);
    return role && { ...role, scopeCountryId: snapshot.countryId };
  }
}

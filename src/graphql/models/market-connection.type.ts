import { Field, Int, registerEnumType } from 'type-graphql';
import { PageInfo } from './connection.type.js';
import { Money } from './money.type.js';
import { SimpleObjectType } from './object-type.js';
import { MarketSnapshot } from './snapshot.type.js';

export enum LeftOutReason {
  NO_EXCHANGE_RATE = 'NO_EXCHANGE_RATE',
}
registerEnumType(LeftOutReason, {
  name: 'LeftOutReason',
  description: 'Why markets the filter matched are not in a connection.',
  valuesConfig: { NO_EXCHANGE_RATE: { description: 'No stored exchange rate converts their median into the connection\'s currency.' } },
});

@SimpleObjectType({ description: 'Markets the filter matched that the connection leaves out, and why.' })
export class LeftOutMarkets {
  @Field(() => LeftOutReason, { description: 'Why they are left out.' })
  reason!: LeftOutReason;

  @Field(() => Int, { description: 'How many markets.' })
  count!: number;

  @Field(() => [String], { description: 'The currencies of their figures (for NO_EXCHANGE_RATE: those no stored rate relates to the connection\'s).' })
  currencyCodes!: string[];
}

@SimpleObjectType({ description: 'A market in a page of markets: its snapshot, and its figures in the compared currency.' })
export class MarketEdge {
  @Field(() => String, { description: 'Opaque position of this market in the connection; valid for the same filter, order and currency.' })
  cursor!: string;

  @Field(() => MarketSnapshot, { description: 'The market\'s snapshot (its latest, or the filtered period).' })
  node!: MarketSnapshot;

  @Field(() => Money, { description: 'The median as compared: in the connection\'s currency, its `conversion` naming the rate used (rate, period, sample size); as computed when no conversion was needed.' })
  median!: Money;

  @Field(() => Money, { nullable: true, description: 'The 90th percentile, converted like `median`; null when the sample cannot support it.' })
  p90!: Money | null;
}

@SimpleObjectType({ description: 'A filtered, ordered page of markets (Relay connection).' })
export class MarketConnection {
  @Field(() => Int, { description: 'Number of markets in the whole connection, across pages (those left out not counted).' })
  totalCount!: number;

  @Field(() => PageInfo, { description: 'Where this page stands in the connection.' })
  pageInfo!: PageInfo;

  @Field(() => [MarketEdge], { description: 'The markets of this page, in the requested order.' })
  edges!: MarketEdge[];

  @Field(() => [LeftOutMarkets], { description: 'Markets the filter matched but the connection cannot hold (e.g. no exchange rate into `currency`); empty when none.' })
  leftOut!: LeftOutMarkets[];
}

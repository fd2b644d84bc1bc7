import { BRACKET_LABELS } from '../../domain/brackets.js';
import { pricedEntryOrder } from '../../services/related-rows.js';
import { NotPlannable, type CollectedField } from './collect.js';
import type { PlanBuilder, Registry, Scope } from './plan-builder.js';
import { arrayAggregate, constantString, globalId, jsonFloat, jsonScalar, jsonString, jsonWhen, JSON_NULL, percentChange, plainString, REFUSED, sqlOf, sqlString, type JsonText } from './sql-json.js';

/**
 * The snapshot figures the statement computes with, as numeric beside SNAPSHOT_COLUMNS' text
 * (which Money writes as is): parsing the text again at each use cost a tenth of CountryGraph's
 * statement. The projected growth is worked out once here, not at each of its uses (SQL has no
 * common subexpressions); only the figures a statement reads are computed.
 */
export const SNAPSHOT_FIGURES = `ms.median AS "medianFigure", ms.projected_median AS "projectedMedianFigure", ms.p75 AS "p75Figure", ms.p90 AS "p90Figure",
  CASE WHEN ms.median > 0 THEN ${percentChange('ms.median', 'ms.projected_median')} END AS "projectedGrowthFigure"`;

/** A figure of SNAPSHOT_FIGURES of snapshot `s`. */
const figure = (snapshot: string, name: 'median' | 'projectedMedian' | 'p75' | 'p90' | 'projectedGrowth') => `${snapshot}."${name}Figure"`;

/** A string as a text literal. */
const text = (value: string) => `${sqlString(value)}::text`;

/** Money of the (text, 2 fraction digits) amount and currency expressions; null when the amount is null and `nullable`. */
function money(field: CollectedField, plan: PlanBuilder, amount: string, currency: string, nullable: boolean): JsonText {
  const object = plan.object('Money', field, { amount, currency });
  return nullable ? jsonWhen(`${amount} IS NOT NULL`, object) : object;
}

/** A snapshot's amount (its text column `column` of `s`) as Money in its currency. */
const snapshotMoney =
  (column: string, nullable = true) =>
  (field: CollectedField, { snapshot }: Scope, plan: PlanBuilder) =>
    money(field, plan, `${snapshot}.${column}`, `${snapshot}."currencyCode"`, nullable);

/**
 * The premium tiers that apply to a role of each category, as `tiersForCategory` picks them: the
 * general (category '') and the category's own tiers in (min_percent, tier) order, each tier
 * at the place it first appears, the category's own definition winning over the general one.
 */
const TIERS_BY_CATEGORY = `SELECT category, tier, label, min_percent, max_percent, position FROM (
    SELECT category, tier, label, min_percent, max_percent,
      min(place) OVER (PARTITION BY category, tier) AS position,
      row_number() OVER (PARTITION BY category, tier ORDER BY own DESC) AS pick
    FROM (
      SELECT c.category, p.tier, p.label, p.min_percent, p.max_percent, p.category <> '' AS own,
        row_number() OVER (PARTITION BY c.category ORDER BY p.min_percent, p.tier) AS place
      FROM (SELECT DISTINCT category FROM role) c JOIN premium_tier p ON p.category IN ('', c.category)
    ) applicable
  ) placed WHERE pick = 1`;

/** A bracket's figures: SQL expressions of its tier, label, bounds in whole units (`lo`, `hi`) and premiums. */
type BracketFigures = Record<'tier' | 'label' | 'lo' | 'hi' | 'pmin' | 'pmax', string>;

/**
 * The brackets `premiumBrackets` derives (src/domain/brackets.ts), in its order: the median's, the
 * projection's, the tiers of the role's category (one subquery), the top quartile's. Where it
 * would throw (a median that is not positive, a tier whose minimum exceeds its maximum) the
 * statement refuses.
 */
function brackets(field: CollectedField, plan: PlanBuilder, snapshot: string, category: string): JsonText {
  const [median, projected, p75, p90] = (['median', 'projectedMedian', 'p75', 'p90'] as const).map((name) => figure(snapshot, name));
  const currency = `${snapshot}."currencyCode"`;
  const bracket = (figures: BracketFigures) => sqlOf(plan.object('PremiumBracket', field, { ...figures, snapshot, currency }));
  const growth = (to: string) => percentChange(median, to);
  const baseline = bracket({ tier: text('BASELINE'), label: text(BRACKET_LABELS.BASELINE), lo: `round(${median})`, hi: `round(${median})`, pmin: '0::numeric', pmax: '0::numeric' });
  const projectedGrowth = figure(snapshot, 'projectedGrowth');
  const projection = bracket({ tier: text('PROJECTED'), label: text(BRACKET_LABELS.PROJECTED), lo: `round(${projected})`, hi: `round(${projected})`, pmin: projectedGrowth, pmax: projectedGrowth });
  const tier = bracket({ tier: 't.tier', label: 't.label', lo: `round(${median} * (100 + t.min_percent) * 0.01)`, hi: `round(${median} * (100 + t.max_percent) * 0.01)`, pmin: 't.min_percent', pmax: 't.max_percent' });
  const topQuartile = bracket({ tier: text('TOP_QUARTILE'), label: text(BRACKET_LABELS.TOP_QUARTILE), lo: `round(${p75})`, hi: `round(${p90})`, pmin: growth(p75), pmax: growth(p90) });
  const tiers = `(SELECT CASE WHEN bool_or(t.min_percent > t.max_percent) THEN ${REFUSED} ELSE string_agg(',' || ${tier}, '' ORDER BY t.position) END
    FROM ${plan.table('tiers', TIERS_BY_CATEGORY)} t WHERE t.category = ${category})`;
  const list = `concat('[', ${baseline}, CASE WHEN ${projected} IS NOT NULL THEN ',' || ${projection} END, ${tiers}, CASE WHEN ${p75} IS NOT NULL AND ${p90} IS NOT NULL THEN ',' || ${topQuartile} END, ']')`;
  return [{ sql: `CASE WHEN ${median} > 0 THEN ${list} ELSE ${REFUSED} END` }];
}

/** Amounts in whole units written with 2 fraction digits, as the brackets show them. */
const wholeUnits = (amount: string) => `round(${amount}, 2)::text`;

/**
 * A market snapshot (`s`, the columns of SNAPSHOT_COLUMNS: amounts as text) down to its skills,
 * growth and premium brackets, computed in exact numeric as src/domain computes them.
 */
export const snapshotSql: Registry = {
  MarketSnapshot: {
    id: (_, { snapshot }) => globalId('MarketSnapshot', `${snapshot}.id`),
    period: (_, { snapshot }) => jsonString(`${snapshot}.period`),
    level: (_, { snapshot }) => plainString(`${snapshot}.level`),
    sampleSize: (_, { snapshot }) => jsonScalar(`${snapshot}."sampleSize"`),
    source: (_, { snapshot }) => plainString(`${snapshot}.source`),
    median: snapshotMoney('median', false),
    mean: snapshotMoney('mean'),
    projectedMedian: snapshotMoney('"projectedMedian"'),
    percentiles: (field, scope, plan) => plan.object('Percentiles', field, scope),
    growthDelta: {
      withArguments: (field, { snapshot }, plan) => {
        plan.bind(field, 'MarketSnapshot', [], ({ basis }) => {
          if (basis !== 'PROJECTION') throw new NotPlannable('growth against the previous period');
          return [];
        });
        const present = `${snapshot}."projectedMedian" IS NOT NULL AND ${figure(snapshot, 'median')} > 0`;
        const scope = {
          from: `${snapshot}.median`,
          to: `${snapshot}."projectedMedian"`,
          fromFigure: figure(snapshot, 'median'),
          toFigure: figure(snapshot, 'projectedMedian'),
          percent: figure(snapshot, 'projectedGrowth'),
          fromPeriod: `${snapshot}.period`,
          currency: `${snapshot}."currencyCode"`,
        };
        return jsonWhen(present, plan.object('GrowthDelta', field, scope));
      },
    },
    premiumBrackets: (field, { snapshot, category }, plan) => brackets(field, plan, snapshot!, category!),
    skills: (field, { snapshot, pageSnapshots }, plan) => {
      if (!pageSnapshots) throw new NotPlannable('skills of a snapshot outside a page of roles');
      // One scan for the skills of every snapshot of the page (a subquery per snapshot costs twice
      // as much), kept as two arrays, snapshot ids and their skills, in which each snapshot finds
      // its own by position: cheaper than a jsonb object by id, which escapes every list into it
      // and out again.
      const currency = '(SELECT sm.currency_code FROM market_snapshot sm WHERE sm.id = e.snapshot_id)';
      const skills = arrayAggregate(plan.object('SnapshotSkill', field, { entry: 'e', skill: 'k', currency }), pricedEntryOrder('e', 'k'));
      const bySnapshot = `SELECT e.snapshot_id, ${skills} AS skills FROM snapshot_skill e JOIN skill k ON k.id = e.skill_id WHERE e.snapshot_id = ANY (ARRAY(${pageSnapshots})) GROUP BY e.snapshot_id`;
      const table = plan.table('skills', `SELECT array_agg(snapshot_id) AS ids, array_agg(skills) AS skills FROM (${bySnapshot}) page`);
      // Each array is a subquery of its own that names no snapshot: computed once per statement. One
      // subquery reading both at this snapshot's id would be run again for every row.
      return [{ sql: `coalesce((SELECT t.skills FROM ${table} t)[array_position((SELECT t.ids FROM ${table} t), ${snapshot}.id)], '[]')` }];
    },
  },
  Percentiles: {
    p10: snapshotMoney('p10'),
    p25: snapshotMoney('p25'),
    p50: snapshotMoney('median', false),
    p75: snapshotMoney('p75'),
    p90: snapshotMoney('p90'),
  },
  // Amounts are decimals written with 2 fraction digits: digits need no escaping.
  Money: {
    amount: (_, { amount }) => plainString(amount!),
    currencyCode: (_, { currency }) => jsonString(currency!),
    conversion: () => JSON_NULL,
  },
  GrowthDelta: {
    basis: () => constantString('PROJECTION'),
    fromPeriod: (_, { fromPeriod }) => jsonString(fromPeriod!),
    from: (field, { from, currency }, plan) => money(field, plan, from!, currency!, false),
    to: (field, { to, currency }, plan) => money(field, plan, to!, currency!, false),
    absolute: (field, { fromFigure, toFigure, currency }, plan) => money(field, plan, `(${toFigure} - ${fromFigure})::text`, currency!, false),
    percent: (_, { percent }) => jsonFloat(percent!),
    direction: (_, { fromFigure, toFigure }) => plainString(`CASE sign(${toFigure} - ${fromFigure}) WHEN 1 THEN 'UP' WHEN -1 THEN 'DOWN' ELSE 'FLAT' END`),
  },
  // The figures of `brackets`; the ceiling is the snapshot's observed P90.
  PremiumBracket: {
    tier: (_, { tier }) => jsonString(tier!),
    label: (_, { label }) => jsonString(label!),
    min: (field, { lo, currency }, plan) => money(field, plan, wholeUnits(lo!), currency!, false),
    max: (field, { hi, currency }, plan) => money(field, plan, wholeUnits(hi!), currency!, false),
    premiumPercentMin: (_, { pmin }) => jsonFloat(pmin!),
    premiumPercentMax: (_, { pmax }) => jsonFloat(pmax!),
    exceedsObserved: (_, { hi, snapshot }) => jsonScalar(`${hi} > round(${figure(snapshot!, 'p90')})`),
    observedCeiling: (field, { snapshot, currency }, plan) => money(field, plan, `${snapshot}.p90`, currency!, true),
  },
  // A row `e` of snapshot_skill and `k` of skill.
  SnapshotSkill: {
    rank: (_, { entry }) => jsonScalar(`${entry}.rank`),
    premiumPercent: (_, { entry }) => jsonFloat(`${entry}.premium_percent`),
    sampleSize: (_, { entry }) => jsonScalar(`${entry}.sample_size`),
    prevalence: (_, { entry }) => jsonFloat(`${entry}.prevalence`),
    median: (field, { entry, currency }, plan) => money(field, plan, `${entry}.median::text`, currency!, true),
    origin: (_, { entry }) => plainString(`${entry}.origin`),
    skill: (field, scope, plan) => plan.object('Skill', field, scope),
  },
  Skill: {
    name: (_, { skill }) => jsonString(`${skill}.name`),
    category: (_, { skill }) => jsonString(`${skill}.category`),
  },
};

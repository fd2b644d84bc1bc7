import { BRACKET_LABELS } from '../../domain/brackets.js';
import { pricedEntryOrder } from '../../services/related-rows.js';
import { NotPlannable, type CollectedField } from './collect.js';
import type { PlanBuilder, Registry, Scope } from './plan-builder.js';
import { base64url, constantString, jsonArray, jsonFloat, jsonScalar, jsonString, jsonWhen, JSON_NULL, percentChange, plainString, REFUSED, sqlOf, type JsonText } from './sql-json.js';

/** A string as a SQL literal. */
const text = (value: string) => `'${value.replaceAll("'", "''")}'`;

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
const TIERS_BY_CATEGORY = `SELECT categories.category, t.tier, t.label, t.min_percent, t.max_percent, placed.position
  FROM (SELECT DISTINCT category FROM role) categories
  CROSS JOIN LATERAL (
    SELECT tier, min(position) AS position FROM (
      SELECT tier, row_number() OVER (ORDER BY min_percent, tier) AS position FROM premium_tier WHERE category IN ('', categories.category)
    ) applicable GROUP BY tier
  ) placed
  CROSS JOIN LATERAL (
    SELECT tier, label, min_percent, max_percent FROM premium_tier
    WHERE tier = placed.tier AND category IN ('', categories.category) ORDER BY category = '' LIMIT 1
  ) t`;

/**
 * The brackets `premiumBrackets` derives (src/domain/brackets.ts), as rows `b` of bounds in whole
 * units (`lo`, `hi`) and premiums, in its order; `refused` where it would throw (a tier whose
 * minimum exceeds its maximum).
 */
function bracketRows(snapshot: string, category: string, tiers: string): string {
  const [median, projected, p75, p90] = ['median', '"projectedMedian"', 'p75', 'p90'].map((column) => `${snapshot}.${column}::numeric`) as [string, string, string, string];
  const growth = (to: string) => percentChange(median, to);
  return `SELECT 0 AS ord, 'BASELINE' AS tier, ${text(BRACKET_LABELS.BASELINE)} AS label, round(${median}) AS lo, round(${median}) AS hi, 0::numeric AS pmin, 0::numeric AS pmax, false AS refused
    UNION ALL SELECT 1, 'PROJECTED', ${text(BRACKET_LABELS.PROJECTED)}, round(${projected}), round(${projected}), ${growth(projected)}, ${growth(projected)}, false WHERE ${projected} IS NOT NULL
    UNION ALL SELECT 1 + t.position, t.tier, t.label, round(${median} * (100 + t.min_percent) * 0.01), round(${median} * (100 + t.max_percent) * 0.01),
      t.min_percent, t.max_percent, t.min_percent > t.max_percent FROM ${tiers} t WHERE t.category = ${category}
    UNION ALL SELECT 2147483647, 'TOP_QUARTILE', ${text(BRACKET_LABELS.TOP_QUARTILE)}, round(${p75}), round(${p90}), ${growth(p75)}, ${growth(p90)}, false WHERE ${p75} IS NOT NULL AND ${p90} IS NOT NULL`;
}

/** Amounts in whole units written with 2 fraction digits, as the brackets show them. */
const wholeUnits = (amount: string) => `round(${amount}, 2)::text`;

/**
 * A market snapshot (`s`, the columns of SNAPSHOT_COLUMNS: amounts as text) down to its skills,
 * growth and premium brackets, computed in exact numeric as src/domain computes them.
 */
export const snapshotSql: Registry = {
  MarketSnapshot: {
    id: (_, { snapshot }) => plainString(base64url(`'MarketSnapshot:' || ${snapshot}.id`)),
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
        const present = `${snapshot}."projectedMedian" IS NOT NULL AND ${snapshot}.median::numeric > 0`;
        const scope = { from: `${snapshot}.median`, to: `${snapshot}."projectedMedian"`, fromPeriod: `${snapshot}.period`, currency: `${snapshot}."currencyCode"` };
        return jsonWhen(present, plan.object('GrowthDelta', field, scope));
      },
    },
    premiumBrackets: (field, { snapshot, category }, plan) => {
      const bracket = sqlOf(plan.object('PremiumBracket', field, { bracket: 'b', snapshot, currency: `${snapshot}."currencyCode"` }));
      const rows = bracketRows(snapshot!, category!, plan.table('tiers_by_category', TIERS_BY_CATEGORY));
      const brackets = `(SELECT CASE WHEN bool_or(b.refused) THEN ${REFUSED} ELSE '[' || string_agg(${bracket}, ',' ORDER BY b.ord) || ']' END FROM (${rows}) b)`;
      // A median that is not positive has no premiums: premiumBrackets throws.
      return [{ sql: `CASE WHEN ${snapshot}.median::numeric > 0 THEN ${brackets} ELSE ${REFUSED} END` }];
    },
    skills: (field, { snapshot }, plan) =>
      jsonArray(
        plan.object('SnapshotSkill', field, { entry: 'e', skill: 'k', currency: `${snapshot}."currencyCode"` }),
        `FROM snapshot_skill e JOIN skill k ON k.id = e.skill_id WHERE e.snapshot_id = ${snapshot}.id`,
        pricedEntryOrder('e', 'k'),
      ),
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
    absolute: (field, { from, to, currency }, plan) => money(field, plan, `(${to}::numeric - ${from}::numeric)::text`, currency!, false),
    percent: (_, { from, to }) => jsonFloat(percentChange(`${from}::numeric`, `${to}::numeric`)),
    direction: (_, { from, to }) => plainString(`CASE sign(${to}::numeric - ${from}::numeric) WHEN 1 THEN 'UP' WHEN -1 THEN 'DOWN' ELSE 'FLAT' END`),
  },
  // A row `b` of bracketRows; the ceiling is the snapshot's observed P90.
  PremiumBracket: {
    tier: (_, { bracket }) => jsonString(`${bracket}.tier`),
    label: (_, { bracket }) => jsonString(`${bracket}.label`),
    min: (field, { bracket, currency }, plan) => money(field, plan, wholeUnits(`${bracket}.lo`), currency!, false),
    max: (field, { bracket, currency }, plan) => money(field, plan, wholeUnits(`${bracket}.hi`), currency!, false),
    premiumPercentMin: (_, { bracket }) => jsonFloat(`${bracket}.pmin`),
    premiumPercentMax: (_, { bracket }) => jsonFloat(`${bracket}.pmax`),
    exceedsObserved: (_, { bracket, snapshot }) => jsonScalar(`${bracket}.hi > round(${snapshot}.p90::numeric)`),
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

import DataLoader from 'dataloader';
import type { Database } from '../db/client.js';
import type {
  Advice,
  Certification,
  Country,
  MarketSnapshot,
  PremiumTier,
  Role,
  Skill,
  SnapshotCertification,
  SnapshotSkill,
} from '../generated/prisma/client.js';
import type { MarketKey } from './records.js';

export type SkillEntry = SnapshotSkill & { skill: Skill };
export type CertificationEntry = SnapshotCertification & { certification: Certification };

const marketKeyOf = (key: MarketKey) => `${key.countryId}:${key.roleId}:${key.level}`;
const periodKeyOf = (key: MarketKey & { period: string }) => `${marketKeyOf(key)}:${key.period}`;

function groupBy<T, K>(rows: T[], keyOf: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/** Loads every snapshot of the given markets, newest period first, in one query. */
async function historiesOf(db: Database, keys: readonly MarketKey[]): Promise<Map<string, MarketSnapshot[]>> {
  const rows = await db.marketSnapshot.findMany({
    where: { OR: keys.map(({ countryId, roleId, level }) => ({ countryId, roleId, level })) },
    orderBy: { period: 'desc' },
  });
  return groupBy(rows, marketKeyOf);
}

/**
 * Per-request batch loaders: every relation the graph walks is fetched with one query per
 * level of the selection, however many parents ask.
 */
export function createLoaders(db: Database) {
  return {
    countryByCode: new DataLoader<string, Country | null>(async (codes) => {
      const rows = await db.country.findMany({ where: { code: { in: [...codes] } } });
      const byCode = new Map(rows.map((row) => [row.code, row]));
      return codes.map((code) => byCode.get(code) ?? null);
    }),
    countryById: new DataLoader<number, Country | null>(async (ids) => {
      const rows = await db.country.findMany({ where: { id: { in: [...ids] } } });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    roleBySlug: new DataLoader<string, Role | null>(async (slugs) => {
      const rows = await db.role.findMany({ where: { slug: { in: [...slugs] } } });
      const bySlug = new Map(rows.map((row) => [row.slug, row]));
      return slugs.map((slug) => bySlug.get(slug) ?? null);
    }),
    roleById: new DataLoader<number, Role | null>(async (ids) => {
      const rows = await db.role.findMany({ where: { id: { in: [...ids] } } });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    snapshotById: new DataLoader<number, MarketSnapshot | null>(async (ids) => {
      const rows = await db.marketSnapshot.findMany({ where: { id: { in: [...ids] } } });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    /** A market's snapshots, newest period first. */
    marketHistory: new DataLoader<MarketKey, MarketSnapshot[], string>(
      async (keys) => {
        const histories = await historiesOf(db, keys);
        return keys.map((key) => histories.get(marketKeyOf(key)) ?? []);
      },
      { cacheKeyFn: marketKeyOf },
    ),
    snapshotAtPeriod: new DataLoader<MarketKey & { period: string }, MarketSnapshot | null, string>(
      async (keys) => {
        const rows = await db.marketSnapshot.findMany({
          where: { OR: keys.map(({ countryId, roleId, level, period }) => ({ countryId, roleId, level, period })) },
        });
        const byKey = new Map(rows.map((row) => [periodKeyOf(row), row]));
        return keys.map((key) => byKey.get(periodKeyOf(key)) ?? null);
      },
      { cacheKeyFn: periodKeyOf },
    ),
    skillsOfSnapshot: new DataLoader<number, SkillEntry[]>(async (snapshotIds) => {
      const rows = await db.snapshotSkill.findMany({
        where: { snapshotId: { in: [...snapshotIds] } },
        include: { skill: true },
        orderBy: [{ rank: 'asc' }],
      });
      const groups = groupBy(rows, (row) => row.snapshotId);
      return snapshotIds.map((id) => groups.get(id) ?? []);
    }),
    certificationsOfSnapshot: new DataLoader<number, CertificationEntry[]>(async (snapshotIds) => {
      const rows = await db.snapshotCertification.findMany({
        where: { snapshotId: { in: [...snapshotIds] } },
        include: { certification: true },
        orderBy: [{ rank: 'asc' }],
      });
      const groups = groupBy(rows, (row) => row.snapshotId);
      return snapshotIds.map((id) => groups.get(id) ?? []);
    }),
    adviceOfSnapshot: new DataLoader<number, Advice[]>(async (snapshotIds) => {
      const rows = await db.advice.findMany({
        where: { snapshotId: { in: [...snapshotIds] } },
        orderBy: [{ position: 'asc' }, { id: 'asc' }],
      });
      const groups = groupBy(rows, (row) => row.snapshotId);
      return snapshotIds.map((id) => groups.get(id) ?? []);
    }),
    /** The tier table is small and shared by every snapshot: one query per request. */
    premiumTiers: new DataLoader<'all', PremiumTier[]>(async (keys) => {
      const rows = await db.premiumTier.findMany({ orderBy: [{ minPercent: 'asc' }, { tier: 'asc' }] });
      return keys.map(() => rows);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

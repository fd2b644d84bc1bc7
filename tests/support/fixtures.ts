import type { DatabaseHandle } from '../../src/db/client.js';

export interface SyntheticMarketsOptions {
  countryCode: string;
  countryName: string;
  currencyCode: string;
  roleCount: number;
  /** Yearly periods each role gets, oldest first. */
  periods: string[];
}

/**
 * Roles "role-001"… with one snapshot per period in one country, each with two skills, a
 * certification and advice; median of role i in period j is 100000 + 1000·i + 5000·j.
 */
export async function createSyntheticMarkets(database: DatabaseHandle, options: SyntheticMarketsOptions) {
  const { prisma } = database;
  const country = await prisma.country.upsert({
    where: { code: options.countryCode },
    create: { code: options.countryCode, name: options.countryName, currencyCode: options.currencyCode },
    update: {},
  });
  const skill = await prisma.skill.upsert({ where: { name: 'SQL' }, create: { name: 'SQL', category: 'Data' }, update: {} });
  const otherSkill = await prisma.skill.upsert({ where: { name: 'Spark' }, create: { name: 'Spark', category: 'Data' }, update: {} });
  const certification = await prisma.certification.upsert({
    where: { name: 'Cloud Data Engineer' },
    create: { name: 'Cloud Data Engineer', issuer: 'Example Cloud' },
    update: {},
  });
  for (let i = 1; i <= options.roleCount; i++) {
    const slug = `role-${String(i).padStart(3, '0')}`;
    const role = await prisma.role.upsert({ where: { slug }, create: { slug, title: `Role ${i}`, category: 'Synthetic' }, update: {} });
    for (const [j, period] of options.periods.entries()) {
      const snapshot = await prisma.marketSnapshot.create({
        data: {
          countryId: country.id,
          roleId: role.id,
          period,
          currencyCode: options.currencyCode,
          sampleSize: 40,
          median: String(100000 + 1000 * i + 5000 * j),
          p25: String(90000 + 1000 * i + 5000 * j),
          p75: String(120000 + 1000 * i + 5000 * j),
          p10: String(80000 + 1000 * i + 5000 * j),
          p90: String(140000 + 1000 * i + 5000 * j),
          asOf: new Date(`${period}-12-31T00:00:00Z`),
          source: 'COMPUTED',
          provenance: 'synthetic test fixture',
        },
      });
      await prisma.snapshotSkill.createMany({
        data: [
          { snapshotId: snapshot.id, skillId: skill.id, rank: 1, premiumPercent: '12.5' },
          { snapshotId: snapshot.id, skillId: otherSkill.id, rank: 2 },
        ],
      });
      await prisma.snapshotCertification.create({ data: { snapshotId: snapshot.id, certificationId: certification.id, rank: 1 } });
      await prisma.advice.create({ data: { snapshotId: snapshot.id, category: 'NEGOTIATION', title: 'Anchor high', body: 'Use the median.' } });
    }
  }
  return country;
}

import type { Database } from './client.js';
import { seedReportTemplates } from './report-templates.seed.js';

/** The market of the page paygraph started from: Machine Learning Lead in Canada, April 2026. */
const ML_LEAD_CANADA = {
  country: { code: 'CA', name: 'Canada', currencyCode: 'CAD' },
  role: { slug: 'machine-learning-lead', title: 'Machine Learning Lead', category: 'Data Science & AI', aliases: ['ml-lead'] },
  snapshot: {
    period: '2026-04',
    asOf: new Date('2026-04-01T00:00:00Z'),
    sampleSize: 2,
    median: '123557',
    projectedMedian: '131591',
    provenance: 'Market-intelligence page "Machine Learning Lead in Canada", April 2026, based on 2 data points; figures as the page states them.',
  },
  skills: [
    { name: 'Python (NumPy/Pandas)', category: 'Programming', rank: 1 },
    { name: 'Statistics', category: 'Mathematics', rank: 2 },
  ],
  certifications: [{ name: 'AWS Machine Learning Specialty', issuer: 'Amazon Web Services', rank: 1 }],
  advice: [
    {
      category: 'GROWTH_CATALYST',
      title: 'Lead with Python for data work',
      body: 'Fluency in **Python (NumPy/Pandas)** is the skill this market ranks first. Show it in shipped, production work rather than in course certificates.',
    },
    {
      category: 'CAREER_MOAT',
      title: 'Earn a credential employers recognise',
      body: 'The **AWS Machine Learning Specialty** is the certification this market values most: it tells hiring managers you can take models to production on a major cloud.',
    },
    {
      category: 'NEGOTIATION',
      title: 'Use the projected median as your anchor',
      body: 'The gap between today\'s median and its projection is your room to negotiate. Tie your ask to measurable outcomes you can deliver with your strongest skill, not to the posted range.',
    },
    {
      category: 'AI_READINESS',
      title: 'Make AI tooling part of how you work',
      body: 'Employers pay more for leads who design, supervise and validate AI-assisted workflows. Show concrete examples of processes you automated and the checks you kept in place.',
    },
    {
      category: 'COST_OF_LIVING',
      title: 'Compare total compensation, not base salary',
      body: 'Higher salaries in large tech hubs come with higher housing costs. Weigh pension contributions, health benefits and equity vesting alongside base pay when comparing cities.',
    },
    {
      category: 'MARKET_POSITIONING',
      title: 'Aim for the specialist tier',
      body: 'Specialists with leadership experience are scarce in this market, and pay tiers well above the median are open to those who can prove depth.',
    },
  ],
} as const;

const SEED_SOURCE = 'seed:market-intelligence-ml-lead-canada';

const SPECIALIST_TIER = { tier: 'SPECIALIST', label: 'Specialist premium', category: '', minPercent: '40', maxPercent: '80' };

/** Loads the seed market, the premium tier definitions and the default report templates. Safe to run again: it upserts. */
export async function seedDatabase(db: Database): Promise<void> {
  const { country, role, snapshot, skills, certifications, advice } = ML_LEAD_CANADA;
  await db.$transaction(async (tx) => {
    await tx.premiumTier.upsert({
      where: { tier_category: { tier: SPECIALIST_TIER.tier, category: SPECIALIST_TIER.category } },
      create: SPECIALIST_TIER,
      update: SPECIALIST_TIER,
    });
    const { id: countryId } = await tx.country.upsert({ where: { code: country.code }, create: country, update: country });
    const roleFields = { slug: role.slug, title: role.title, category: role.category };
    const { id: roleId } = await tx.role.upsert({ where: { slug: role.slug }, create: roleFields, update: roleFields });
    for (const alias of role.aliases) {
      await tx.roleAlias.upsert({ where: { alias }, create: { alias, roleId }, update: { roleId } });
    }
    const snapshotFields = {
      ...snapshot,
      currencyCode: country.currencyCode,
      source: 'IMPORTED' as const,
      projectionMethod: 'STATED',
      projectionPeriods: [],
    };
    const market = { countryId, roleId, level: 'ALL' as const, period: snapshot.period };
    const { id: snapshotId } = await tx.marketSnapshot.upsert({
      where: { countryId_roleId_level_period: market },
      create: { ...market, ...snapshotFields },
      update: snapshotFields,
    });
    await tx.snapshotSkill.deleteMany({ where: { snapshotId } });
    for (const { rank, ...skill } of skills) {
      const { id: skillId } = await tx.skill.upsert({ where: { name: skill.name }, create: skill, update: skill });
      await tx.snapshotSkill.create({ data: { snapshotId, skillId, rank } });
    }
    await tx.snapshotCertification.deleteMany({ where: { snapshotId } });
    for (const { rank, ...certification } of certifications) {
      const { id: certificationId } = await tx.certification.upsert({ where: { name: certification.name }, create: certification, update: certification });
      await tx.snapshotCertification.create({ data: { snapshotId, certificationId, rank } });
    }
    // The page the snapshot was taken from is its one source; its licence is not known.
    const sourced = { countryId, roleId, period: snapshot.period, sourceKey: SEED_SOURCE };
    await tx.marketSource.upsert({ where: { countryId_roleId_period_sourceKey: sourced }, create: sourced, update: {} });
    await tx.advice.deleteMany({ where: { snapshotId } });
    await tx.advice.createMany({ data: advice.map((entry, position) => ({ ...entry, snapshotId, position })) });
    await seedReportTemplates(tx);
    // Prisma's 5 s default is a few dozen round trips on a loaded machine; the seed is small but chatty.
  }, { timeout: 30_000 });
}

/** True when the database holds no market data yet (a fresh install). */
export async function isEmpty(db: Database): Promise<boolean> {
  return (await db.country.count()) === 0;
}

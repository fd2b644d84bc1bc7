import pg from 'pg';
import { connectDatabase } from '../src/db/client.js';
import { deployMigrations } from '../src/db/migrations.js';
import { seedDatabase } from '../src/db/seed.js';
import {
  CATEGORY_PREMIUM_TIERS,
  CERTIFICATIONS_BY_CATEGORY,
  COUNTRIES,
  PERIODS,
  ROLES,
  SKILLS_BY_CATEGORY,
} from './synthetic-catalogue.js';

export interface DataSetSummary {
  countries: number;
  roles: number;
  periods: number;
  snapshots: number;
  snapshotSkills: number;
  snapshotCertifications: number;
  advice: number;
  premiumTiers: number;
  reportTemplates: number;
  loadSeconds: number;
}

/**
 * Drops and recreates the database `url` names. Refuses a name without "bench" in it: a
 * mistyped BENCH_DATABASE_URL must not wipe a real database.
 */
export async function recreateDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/bench/i.test(name)) {
    throw new Error(`Refusing to drop and recreate database "${name}": a benchmark database's name must contain "bench".`);
  }
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const client = new pg.Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    const quoted = `"${name.replaceAll('"', '""')}"`;
    await client.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${quoted}`);
  } finally {
    await client.end();
  }
}

/**
 * A fresh benchmark database: the project's migrations, 50 countries × 200 roles × 5 yearly
 * periods of snapshots (each with skills, certifications and advice), premium tiers, and the
 * seed market (Machine Learning Lead in Canada) with whatever else `seedDatabase` loads.
 */
export async function prepareBenchDatabase(url: string): Promise<DataSetSummary> {
  const started = performance.now();
  await recreateDatabase(url);
  await deployMigrations(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await loadMarkets(client);
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
  const database = connectDatabase(url);
  try {
    await seedDatabase(database.prisma);
    await database.pool.query('VACUUM ANALYZE');
    return { ...(await summarise(database.pool)), loadSeconds: (performance.now() - started) / 1000 };
  } finally {
    await database.close();
  }
}

async function loadMarkets(client: pg.Client): Promise<void> {
  // A deterministic uniform number in [0, 1) per key: the same data set on every run.
  await client.query(`CREATE FUNCTION pg_temp.unit(key text) RETURNS float8 LANGUAGE sql IMMUTABLE
    AS $$ SELECT (hashtext(key) & 2147483647)::float8 / 2147483648 $$`);

  await client.query(
    `INSERT INTO country (code, name, currency_code) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])`,
    [COUNTRIES.map((c) => c.code), COUNTRIES.map((c) => c.name), COUNTRIES.map((c) => c.currencyCode)],
  );
  await client.query(
    `INSERT INTO role (slug, title, category) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])`,
    [ROLES.map((r) => r.slug), ROLES.map((r) => r.title), ROLES.map((r) => r.category)],
  );
  await insertCatalogue(client);

  await client.query(
    `CREATE TEMP TABLE bench_market ON COMMIT DROP AS
     SELECT c.id AS country_id, c.code, c.name AS country_name, c.currency_code,
            r.id AS role_id, r.slug, r.title, r.category, shape.occupation,
            typical.median * shape.pay_factor * (0.85 + 0.3 * pg_temp.unit('level/' || c.code || r.slug)) AS base_median,
            0.015 + 0.06 * pg_temp.unit('growth/' || c.code || r.slug) AS growth,
            pg_temp.unit('depth/' || c.code || r.slug) AS depth
     FROM country c
     JOIN unnest($1::text[], $2::float8[]) AS typical(code, median) ON typical.code = c.code
     CROSS JOIN role r
     JOIN unnest($3::text[], $4::float8[], $5::int[]) AS shape(slug, pay_factor, occupation) ON shape.slug = r.slug`,
    [
      COUNTRIES.map((c) => c.code),
      COUNTRIES.map((c) => c.typicalMedian),
      ROLES.map((r) => r.slug),
      ROLES.map((r) => r.payFactor),
      ROLES.map((r) => r.occupation),
    ],
  );
  await insertSnapshots(client);
  await insertSnapshotSkills(client);
  await insertSnapshotCertifications(client);
  await insertAdvice(client);
  await client.query(
    `INSERT INTO premium_tier (tier, label, category, min_percent, max_percent)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::numeric[], $5::numeric[])`,
    [
      CATEGORY_PREMIUM_TIERS.map((t) => t.tier),
      CATEGORY_PREMIUM_TIERS.map((t) => t.label),
      CATEGORY_PREMIUM_TIERS.map((t) => t.category),
      CATEGORY_PREMIUM_TIERS.map((t) => t.minPercent),
      CATEGORY_PREMIUM_TIERS.map((t) => t.maxPercent),
    ],
  );
}

/** Skills and certifications, with each one's position in its role category's list. */
async function insertCatalogue(client: pg.Client): Promise<void> {
  const skills = Object.entries(SKILLS_BY_CATEGORY).flatMap(([roleCategory, list]) =>
    list.map(([name, category], position) => ({ roleCategory, name, category, position })),
  );
  const certifications = Object.entries(CERTIFICATIONS_BY_CATEGORY).flatMap(([roleCategory, list]) =>
    list.map(([name, issuer], position) => ({ roleCategory, name, issuer, position })),
  );
  await client.query(`INSERT INTO skill (name, category) SELECT DISTINCT ON (name) * FROM unnest($1::text[], $2::text[]) AS s(name, category)`, [
    skills.map((s) => s.name),
    skills.map((s) => s.category),
  ]);
  await client.query(`INSERT INTO certification (name, issuer) SELECT DISTINCT ON (name) * FROM unnest($1::text[], $2::text[]) AS c(name, issuer)`, [
    certifications.map((c) => c.name),
    certifications.map((c) => c.issuer),
  ]);
  await client.query(
    `CREATE TEMP TABLE bench_skill ON COMMIT DROP AS
     SELECT s.id, list.role_category, list.position FROM unnest($1::text[], $2::text[], $3::int[]) AS list(role_category, name, position)
     JOIN skill s ON s.name = list.name`,
    [skills.map((s) => s.roleCategory), skills.map((s) => s.name), skills.map((s) => s.position)],
  );
  await client.query(
    `CREATE TEMP TABLE bench_certification ON COMMIT DROP AS
     SELECT c.id, list.role_category, list.position FROM unnest($1::text[], $2::text[], $3::int[]) AS list(role_category, name, position)
     JOIN certification c ON c.name = list.name`,
    [certifications.map((c) => c.roleCategory), certifications.map((c) => c.name), certifications.map((c) => c.position)],
  );
}

/**
 * One snapshot per market and period. Medians grow 1.5–7.5 % a year from a level set by country
 * and role; percentiles keep their order (P10 < P25 < median < P75 < P90); the confidence
 * interval narrows with the sample size; only the latest period carries a projected median.
 */
async function insertSnapshots(client: pg.Client): Promise<void> {
  await client.query(
    `INSERT INTO market_snapshot (country_id, role_id, level, period, currency_code, sample_size, median, mean,
       p10, p25, p75, p90, median_ci_lower, median_ci_upper, projected_median, projection_method, projection_periods,
       as_of, source, provenance, updated_at)
     SELECT m.country_id, m.role_id, 'ALL'::"ExperienceLevel", y.period, m.currency_code, f.n,
       round(f.median), round(f.median * (1.02 + 0.05 * f.spread)),
       round(f.median * (0.58 + 0.06 * f.spread)), round(f.median * (0.78 + 0.04 * f.spread)),
       round(f.median * (1.20 + 0.06 * f.spread)), round(f.median * (1.42 + 0.12 * f.spread)),
       round(f.median - 1.2533 * f.sigma / sqrt(f.n)), round(f.median + 1.2533 * f.sigma / sqrt(f.n)),
       CASE WHEN y.latest THEN round(f.median * (1 + m.growth)) END,
       CASE WHEN y.latest THEN 'LINEAR_TREND' END,
       CASE WHEN y.latest THEN $1::text[] ELSE ARRAY[]::text[] END,
       make_date(y.period::int, 12, 31), 'COMPUTED'::"SnapshotSource",
       'Synthetic benchmark market (bench/synthetic-data.ts)', now()
     FROM bench_market m
     CROSS JOIN (SELECT period, ordinality - 1 AS age, ordinality = cardinality($1::text[]) AS latest
                 FROM unnest($1::text[]) WITH ORDINALITY AS p(period, ordinality)) y
     CROSS JOIN LATERAL (
       SELECT m.base_median * power(1 + m.growth, y.age) * (0.985 + 0.03 * pg_temp.unit('noise/' || m.code || m.slug || y.period)) AS median,
              greatest(1, floor(240 * power(m.depth, 1.5) * (0.6 + 0.1 * y.age)))::int AS n,
              pg_temp.unit('spread/' || m.code || m.slug || y.period) AS spread
     ) base
     CROSS JOIN LATERAL (
       SELECT base.median, base.n, base.spread, base.median * (0.42 + 0.02 * base.spread) / 1.349 AS sigma
     ) f`,
    [[...PERIODS]],
  );
}

/** Three of the role category's six skills, chosen per market, ranked with falling premiums. */
async function insertSnapshotSkills(client: pg.Client): Promise<void> {
  await client.query(
    `INSERT INTO snapshot_skill (snapshot_id, skill_id, rank, premium_percent)
     SELECT s.id, bs.id, k + 1, round((16 - 4 * k + 6 * pg_temp.unit('skill/' || s.id || '/' || k))::numeric, 2)
     FROM market_snapshot s
     JOIN bench_market m ON m.country_id = s.country_id AND m.role_id = s.role_id
     CROSS JOIN generate_series(0, 2) AS k
     JOIN bench_skill bs ON bs.role_category = m.category
       AND bs.position = (m.occupation + (hashtext(m.code) & 7) + k * CASE WHEN hashtext(m.slug) & 1 = 0 THEN 1 ELSE 5 END) % 6`,
  );
}

/** Two of the role category's four certifications, chosen per market. */
async function insertSnapshotCertifications(client: pg.Client): Promise<void> {
  await client.query(
    `INSERT INTO snapshot_certification (snapshot_id, certification_id, rank, premium_percent)
     SELECT s.id, bc.id, k + 1, round((9 - 3 * k + 4 * pg_temp.unit('certification/' || s.id || '/' || k))::numeric, 2)
     FROM market_snapshot s
     JOIN bench_market m ON m.country_id = s.country_id AND m.role_id = s.role_id
     CROSS JOIN generate_series(0, 1) AS k
     JOIN bench_certification bc ON bc.role_category = m.category
       AND bc.position = (m.occupation + (hashtext(m.code) & 3) + k) % 4`,
  );
}

/** Three pieces of advice per snapshot: positioning, negotiation, and one of four others. */
async function insertAdvice(client: pg.Client): Promise<void> {
  await client.query(
    `INSERT INTO advice (snapshot_id, category, position, title, body)
     SELECT s.id, a.category::"AdviceCategory", a.position, a.title, a.body
     FROM market_snapshot s
     JOIN bench_market m ON m.country_id = s.country_id AND m.role_id = s.role_id
     CROSS JOIN LATERAL (
       SELECT * FROM (VALUES
         ('GROWTH_CATALYST', 'Invest where this market pays a premium',
          'The skills ranked highest for ' || m.title || ' roles carry a measurable premium. Show them in shipped, production work rather than in course certificates.'),
         ('CAREER_MOAT', 'Earn a credential employers recognise',
          'A certification this market values tells hiring managers in ' || m.country_name || ' that you can deliver without ramp-up time.'),
         ('AI_READINESS', 'Make AI tooling part of how you work',
          'Employers pay more for ' || m.title || 's who design, supervise and validate AI-assisted workflows. Bring concrete examples.'),
         ('COST_OF_LIVING', 'Compare total compensation, not base salary',
          'Higher salaries in the large hubs of ' || m.country_name || ' come with higher housing costs: weigh pension, health cover and equity alongside base pay.')
       ) AS options(category, title, body)
       OFFSET hashtext(m.slug || m.code) & 3 LIMIT 1
     ) third
     CROSS JOIN LATERAL (VALUES
       (0, 'MARKET_POSITIONING', 'Benchmark offers against the middle half of the market',
        'In ' || m.country_name || ', half of ' || m.title || ' salaries in ' || s.period || ' sat between ' ||
        m.currency_code || ' ' || to_char(s.p25, 'FM999G999G999G999') || ' and ' || to_char(s.p75, 'FM999G999G999G999') ||
        '. Place an offer in that range before comparing it with a single figure.'),
       (1, 'NEGOTIATION', 'Anchor on outcomes, not on the posted range',
        'Tie your ask to measurable results you can deliver in the first year. Employers in ' || m.country_name ||
        ' move further on pay for proven impact than for years of experience.'),
       (2, third.category, third.title, third.body)
     ) AS a(position, category, title, body)`,
  );
}

async function summarise(pool: pg.Pool): Promise<Omit<DataSetSummary, 'loadSeconds'>> {
  const { rows } = await pool.query<Record<keyof Omit<DataSetSummary, 'loadSeconds'>, number>>(`
    SELECT (SELECT count(*) FROM country)::int AS countries,
           (SELECT count(*) FROM role)::int AS roles,
           (SELECT count(DISTINCT period) FROM market_snapshot)::int AS periods,
           (SELECT count(*) FROM market_snapshot)::int AS snapshots,
           (SELECT count(*) FROM snapshot_skill)::int AS "snapshotSkills",
           (SELECT count(*) FROM snapshot_certification)::int AS "snapshotCertifications",
           (SELECT count(*) FROM advice)::int AS advice,
           (SELECT count(*) FROM premium_tier)::int AS "premiumTiers",
           (SELECT count(*) FROM report_template)::int AS "reportTemplates"`);
  return rows[0]!;
}

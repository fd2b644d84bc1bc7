import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { expectedEntries, expectedSnapshot, insertObservations, markStale, rebuild, type TestObservation } from '../../support/observations.js';

let database: TestDatabase;
let countryId: number;
let roleIds: number[];

beforeAll(async () => {
  database = await createTestDatabase();
  ({ id: countryId } = await database.prisma.country.create({ data: { code: 'US', name: 'United States', currencyCode: 'USD' } }));
  roleIds = [];
  for (const slug of ['data-engineer', 'ml-engineer', 'analyst', 'architect', 'scientist', 'developer']) {
    roleIds.push((await database.prisma.role.create({ data: { slug, title: slug, category: 'Test' } })).id);
  }
});
afterAll(() => database?.drop());

interface StoredEntry {
  key: string;
  name: string;
  rank: number | null;
  sampleSize: number | null;
  prevalence: string | null;
  median: string | null;
  premiumPercent: string | null;
  origin: 'COMPUTED' | 'CURATED';
}

/** A snapshot's entries of one kind as stored, in the order the graph lists them. */
async function storedEntries(roleId: number, level: string, period: string, kind: 'skills' | 'certifications'): Promise<StoredEntry[]> {
  const [table, catalogue, key] = kind === 'skills' ? ['snapshot_skill', 'skill', 'skill_id'] : ['snapshot_certification', 'certification', 'certification_id'];
  const { rows } = await database.pool.query<StoredEntry>(
    `SELECT lower(c.name) AS key, c.name, e.rank, e.sample_size AS "sampleSize", e.prevalence::text, e.median::text, e.premium_percent::text AS "premiumPercent", e.origin
     FROM ${table} e JOIN ${catalogue} c ON c.id = e.${key} JOIN market_snapshot ms ON ms.id = e.snapshot_id
     WHERE ms.country_id = $1 AND ms.role_id = $2 AND ms.level = $3 AND ms.period = $4
     ORDER BY e.rank NULLS LAST, e.premium_percent DESC NULLS LAST, e.sample_size DESC NULLS LAST, lower(c.name) COLLATE "C"`,
    [countryId, roleId, level, period],
  );
  return rows;
}

async function storedSnapshot(roleId: number, level: string, period: string) {
  const { rows } = await database.pool.query<{ currencyCode: string; sampleSize: number; median: string }>(
    'SELECT currency_code AS "currencyCode", sample_size AS "sampleSize", median::text FROM market_snapshot WHERE country_id = $1 AND role_id = $2 AND level = $3 AND period = $4',
    [countryId, roleId, level, period],
  );
  return rows[0];
}

const computed = (entries: StoredEntry[]) =>
  entries.filter((entry) => entry.origin === 'COMPUTED').map(({ key, rank, sampleSize, prevalence, median, premiumPercent }) => ({ key, rank, sampleSize, prevalence, median, premiumPercent }));

/**
 * One market (US, role, 2023) whose skills exercise every rule:
 * - "Python" (12 MID + 3 SENIOR, some spelt " python ", once twice in one row) and "SQL";
 * - "Spark" and "Kafka": listed by exactly the same 10 rows (a premium and sample-size tie, decided by name);
 * - "Scala" too, and "Airflow": those rows and one more at each end (the same median, so a premium
 *   tie decided by sample size);
 * - "Rust": 9 rows at the top of the market (thin: after every ranked skill despite its premium);
 * - "Go": 4 rows, "Haskell" 3 (priced), "Julia" 2 (not priced);
 * - EUR rows listing "Python" that the USD snapshot must not count;
 * - certifications "AWS SA" (11 rows) and "CKA" (3 rows).
 */
function marketRows(roleId: number, period = '2023'): TestObservation[] {
  const rows: TestObservation[] = [];
  const add = (count: number, fields: Partial<Omit<TestObservation, 'amount'>> & { amount: (index: number) => number }) => {
    for (let index = 0; index < count; index++) {
      rows.push({ countryId, roleId, period, level: fields.level ?? 'MID', currencyCode: fields.currencyCode ?? 'USD', amount: fields.amount(index), skills: fields.skills, certifications: fields.certifications });
    }
  };
  add(8, { amount: (i) => 100000 + 1000 * i, skills: ['Python', 'SQL'], certifications: ['AWS SA'] });
  add(4, { amount: (i) => 120000 + 500 * i, skills: [' python ', 'PYTHON', 'sql', 'Go'], certifications: ['aws sa'] });
  add(10, { amount: (i) => 130000 + 700 * i, skills: ['Spark', 'Kafka', 'Scala', 'Airflow'] });
  add(2, { amount: (i) => (i === 0 ? 130000 : 136300), skills: ['Airflow', 'Julia'] });
  add(3, { level: 'SENIOR', amount: (i) => 180000 + 2000 * i, skills: ['Rust', 'Haskell'], certifications: ['CKA', 'AWS SA'] });
  add(6, { level: 'SENIOR', amount: (i) => 186000 + 2000 * i, skills: ['Rust'] });
  add(3, { level: 'SENIOR', amount: (i) => 90000 + 100 * i, skills: ['python'] });
  add(5, { amount: (i) => 80000 + 3000 * i, skills: null });
  add(6, { currencyCode: 'EUR', amount: (i) => 500000 + i, skills: ['Python', 'Go'] });
  add(4, { level: 'EXECUTIVE', currencyCode: 'EUR', amount: (i) => 250000 + 10000 * i, skills: ['Python', 'Leadership'] });
  add(3, { level: 'EXECUTIVE', amount: (i) => 300000 + 10000 * i, skills: ['Leadership'] });
  return rows;
}

const levelRows = (rows: TestObservation[], level: string) => (level === 'ALL' ? rows : rows.filter((row) => row.level === level));

describe('skills and certifications priced in the rebuild', () => {
  let rows: TestObservation[];
  beforeAll(async () => {
    rows = marketRows(roleIds[0]!);
    await insertObservations(database, rows);
    await rebuild(database);
  });

  it('prices every skill listed by at least 3 observations of each level and of ALL, as the reference computes it', async () => {
    for (const level of ['ALL', 'MID', 'SENIOR', 'EXECUTIVE']) {
      const expected = expectedEntries(levelRows(rows, level), 'skills');
      expect(computed(await storedEntries(roleIds[0]!, level, '2023', 'skills')), level).toEqual(expected);
    }
    // The rows the expectation rests on, for the reader: the thresholds and ties are exercised.
    const all = expectedEntries(rows, 'skills');
    expect(all.map((entry) => [entry.key, entry.rank, entry.sampleSize])).toEqual([
      ['airflow', 1, 12],
      ['kafka', 2, 10],
      ['scala', 3, 10],
      ['spark', 4, 10],
      ['sql', 5, 12],
      ['python', 6, 15],
      ['leadership', null, 3],
      ['rust', null, 9],
      ['haskell', null, 3],
      ['go', null, 4],
    ]);
    expect(all.find((entry) => entry.key === 'rust')!.premiumPercent > all[0]!.premiumPercent).toBe(true);
  });

  it('describes each level in the currency most of its observations use, and prices only those', async () => {
    const executive = expectedSnapshot(levelRows(rows, 'EXECUTIVE'));
    expect(executive.currencyCode).toBe('EUR');
    expect(await storedSnapshot(roleIds[0]!, 'EXECUTIVE', '2023')).toEqual(executive);
    const entries = computed(await storedEntries(roleIds[0]!, 'EXECUTIVE', '2023', 'skills'));
    // The four EUR rows list Python and Leadership; the three USD rows listing Leadership are another currency.
    expect(entries.map((entry) => [entry.key, entry.sampleSize])).toEqual([
      ['leadership', 4],
      ['python', 4],
    ]);
    expect((await storedSnapshot(roleIds[0]!, 'ALL', '2023'))?.currencyCode).toBe('USD');
  });

  it('prices certifications the same way', async () => {
    for (const level of ['ALL', 'MID', 'SENIOR']) {
      expect(computed(await storedEntries(roleIds[0]!, level, '2023', 'certifications')), level).toEqual(expectedEntries(levelRows(rows, level), 'certifications'));
    }
    expect(expectedEntries(rows, 'certifications').map((entry) => [entry.key, entry.rank])).toEqual([
      ['aws sa', 1],
      ['cka', null],
    ]);
  });

  it('creates one catalogue entry per name whatever its case or spaces, spelt as most rows spell it, with no invented category', async () => {
    const { rows: skills } = await database.pool.query<{ name: string; category: string | null }>("SELECT name, category FROM skill WHERE lower(name) IN ('python', 'sql', 'julia') ORDER BY name");
    expect(skills).toEqual([
      { name: 'Python', category: null },
      { name: 'SQL', category: null },
    ]);
    const { rows: certifications } = await database.pool.query<{ name: string; issuer: string | null }>('SELECT name, issuer FROM certification ORDER BY name');
    expect(certifications).toEqual([
      { name: 'AWS SA', issuer: null },
      { name: 'CKA', issuer: null },
    ]);
  });

  it('replaces the computed entries on the next rebuild: a skill below 3 observations disappears; curated entries and stated snapshots stay', async () => {
    const roleId = roleIds[1]!;
    const market = marketRows(roleId, '2022');
    await insertObservations(database, market);
    await rebuild(database);
    const snapshot = await database.prisma.marketSnapshot.findFirstOrThrow({ where: { countryId, roleId, level: 'ALL', period: '2022' } });
    const curatedSkill = await database.prisma.skill.create({ data: { name: 'Negotiation', category: 'Soft skills' } });
    await database.prisma.snapshotSkill.create({ data: { snapshotId: snapshot.id, skillId: curatedSkill.id, rank: 1, premiumPercent: '5' } });
    const stated = await database.prisma.marketSnapshot.create({
      data: { countryId, roleId, level: 'ALL', period: '2021', currencyCode: 'USD', sampleSize: 2, median: '1000', asOf: new Date('2021-12-31'), source: 'IMPORTED', provenance: 'stated' },
    });
    await database.prisma.snapshotSkill.create({ data: { snapshotId: stated.id, skillId: curatedSkill.id, rank: 1 } });
    await insertObservations(database, [{ countryId, roleId, level: 'MID', period: '2021', amount: 5000, currencyCode: 'USD', skills: ['Go', 'Go', 'Go'] }]);
    expect(computed(await storedEntries(roleId, 'ALL', '2022', 'skills')).map((entry) => entry.key)).toContain('go');

    // Two of the four rows listing Go no longer do: Go falls to 2 and goes; the rest is recomputed.
    await database.pool.query(
      `UPDATE observation SET skills = array_remove(skills, 'Go')
       WHERE ctid IN (SELECT ctid FROM observation WHERE role_id = $1 AND period = '2022' AND 'Go' = ANY(skills) LIMIT 2)`,
      [roleId],
    );
    const { rows: edited } = await database.pool.query<{ level: TestObservation['level']; amount: string; currency_code: string; skills: string[] | null; certifications: string[] | null }>(
      "SELECT level, amount::text, currency_code, skills, certifications FROM observation WHERE role_id = $1 AND period = '2022'",
      [roleId],
    );
    const after: TestObservation[] = edited.map((row) => ({ countryId, roleId, period: '2022', level: row.level, amount: Number(row.amount), currencyCode: row.currency_code, skills: row.skills, certifications: row.certifications }));
    await markStale(database, after);
    await rebuild(database);

    const entries = await storedEntries(roleId, 'ALL', '2022', 'skills');
    expect(computed(entries)).toEqual(expectedEntries(after, 'skills'));
    expect(entries.map((entry) => entry.key)).not.toContain('go');
    expect(entries.filter((entry) => entry.origin === 'CURATED')).toEqual([
      { key: 'negotiation', name: 'Negotiation', rank: 1, sampleSize: null, prevalence: null, median: null, premiumPercent: '5.00', origin: 'CURATED' },
    ]);
    // The stated 2021 snapshot keeps its one curated entry; its observation priced nothing.
    expect((await storedEntries(roleId, 'ALL', '2021', 'skills')).map((entry) => [entry.key, entry.origin])).toEqual([['negotiation', 'CURATED']]);
  });

  it('sends as many statements for many markets as for one', async () => {
    const statementsFor = async (markets: number[]) => {
      await insertObservations(database, markets.flatMap((roleIndex) => marketRows(roleIds[roleIndex]!, '2020')));
      let statements = 0;
      const summary = await rebuild(database, () => statements++);
      return { statements, markets: summary.markets };
    };
    const one = await statementsFor([2]);
    const many = await statementsFor([3, 4, 5]);
    expect(one.markets).toBe(1);
    expect(many.markets).toBe(3);
    expect(many.statements).toBe(one.statements);
    for (const roleIndex of [3, 4, 5]) {
      expect(computed(await storedEntries(roleIds[roleIndex]!, 'ALL', '2020', 'skills'))).toEqual(expectedEntries(marketRows(roleIds[roleIndex]!, '2020'), 'skills'));
    }
  });
});

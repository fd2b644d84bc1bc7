import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '../../../src/db/seed.js';
import { headerOf } from '../../../src/services/import/csv/csv-reader.js';
import { aiJobsFormat } from '../../../src/services/import/formats/ai-jobs.js';
import { ObservationBatch } from '../../../src/services/import/loader/observation-batch.js';
import { ObservationLoader } from '../../../src/services/import/loader/observation-loader.js';
import { VerbatimRecords } from '../../../src/services/import/csv/verbatim-records.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';

const HEADER = 'work_year,experience_level,employment_type,job_title,salary,salary_currency,salary_in_usd,employee_residence,remote_ratio,company_location,company_size'.split(',');

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedDatabase(database.prisma);
});
afterAll(() => database.drop());

describe('VerbatimRecords', () => {
  it('writes records made only of values taken as written, and leaves every other to validateObservation', async () => {
    const client = await database.pool.connect();
    try {
      const loader = new ObservationLoader(client, 'Test');
      await loader.prepare('verbatim');
      const records = VerbatimRecords.of(aiJobsFormat, headerOf(HEADER, aiJobsFormat).columnIndex, loader)!;
      const batch = new ObservationBatch();
      const added = (line: string) => records.add(batch, line.split(','), 2);

      expect(added('2022,SE,FT,Machine Learning Lead,150000,CAD,110000,CA,100,CA,L')).toBe(true);
      expect(batch.keys).toEqual([2]);
      expect(batch.select().data.toString()).toMatch(/^\d+\t2\t\\N\t\d+\t\d+\tSENIOR\t2022\tMachine Learning Lead\tFT\t110000\tUSD\t150000\tCAD\t100\tCA\tL\t\\N\t\\N\n$/);
      // Optional fields left empty, and a title with extra spaces (stored trimmed, as validateObservation does).
      expect(added('2021,EN,, Machine  Learning Lead ,,,30000,CA,,,')).toBe(true);
      expect(batch.select().data.toString().split('\n')[1]).toMatch(/\tENTRY\t2021\tMachine Learning Lead\t\\N\t30000\tUSD\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N$/);
      // A role or a country that does not exist yet: pending until the batch's transaction creates it.
      expect(added('2022,SE,FT,Prompt Wrangler,1,USD,1,FJ,0,FJ,S')).toBe(true);
      expect(batch.pending).toEqual([expect.objectContaining({ rowKey: '2', jobTitle: 'Prompt Wrangler', countryCode: 'FJ', level: 'SENIOR', remoteRatio: 0 })]);

      for (const line of [
        '2022,se,FT,Machine Learning Lead,1,USD,1,CA,0,CA,L', // level in lower case
        '2022,SE,ft,Machine Learning Lead,1,USD,1,CA,0,CA,L', // employment type in lower case
        '2022,SE,FT,???,1,USD,1,CA,0,CA,L', // a title validateObservation rejects
        '2099,SE,FT,Machine Learning Lead,1,USD,1,CA,0,CA,L', // a year to come
        '2022,SE,FT,Machine Learning Lead,1,USD,050000,CA,0,CA,L', // a leading zero
        '2022,SE,FT,Machine Learning Lead,1,USD,1.234,CA,0,CA,L', // three decimals
        '2022,SE,FT,Machine Learning Lead,1,usd,1,CA,0,CA,L', // currency in lower case
        '2022,SE,FT,Machine Learning Lead,1,USD,1,ZZ,0,CA,L', // unknown country
        '2022,SE,FT,Machine Learning Lead,1,USD,1,CA,050,CA,L', // remote ratio with a leading zero
        '2022,SE,FT,Machine Learning Lead,1,USD,1,CA,0,ca,L', // company location in lower case
        '2022,SE,FT,Machine Learning Lead,1,USD,1,CA,0,CA,XL', // unknown company size
      ]) {
        expect(added(line), line).toBe(false);
      }
      expect(batch.rows).toBe(3);
    } finally {
      client.release();
    }
  });
});

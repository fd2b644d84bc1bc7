import { createReadStream } from 'node:fs';
import { seedDatabase } from '../../src/db/seed.js';
import { readCsvRows } from '../../src/services/import/csv/csv-reader.js';
import { aiJobsFormat } from '../../src/services/import/formats/ai-jobs.js';
import { ObservationImportService } from '../../src/services/import/import.service.js';
import { AI_JOBS_FILE } from '../services/import/ai-jobs-data.js';
import { createTestDatabase, type TestDatabase } from './database.js';

/** A database of the test file's own holding the seed market and the bundled ai-jobs data, imported as `npx paygraph import` does. */
export async function createBundledDataDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  await seedDatabase(database.prisma);
  const importer = new ObservationImportService(database);
  await importer.syncRoleAliases(aiJobsFormat.roleCategory);
  await importer.importRows(readCsvRows(createReadStream(AI_JOBS_FILE), aiJobsFormat), {
    sourceKey: 'ai-jobs:ai-jobs-salaries-2020-2023.csv',
    roleCategory: aiJobsFormat.roleCategory,
    fieldName: aiJobsFormat.columnOf,
  });
  return database;
}

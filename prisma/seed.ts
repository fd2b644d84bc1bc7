import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/open.js';
import { DatabaseSetupError } from '../src/db/setup-error.js';
import { seedDatabase } from '../src/db/seed.js';
import { createLogger } from '../src/logger.js';

// Against DATABASE_URL, or the embedded database `npm start` uses (as every command does).
const database = await openDatabase(loadConfig(), createLogger('warn')).catch((error: unknown) => {
  if (!(error instanceof DatabaseSetupError)) throw error;
  console.error(error.message);
  process.exit(1);
});
try {
  await seedDatabase(database.prisma);
  console.log('Seeded: Machine Learning Lead in Canada (2026-04), premium tiers and report templates.');
} finally {
  await database.close();
}

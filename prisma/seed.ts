import { connectDatabase } from '../src/db/client.js';
import { seedDatabase } from '../src/db/seed.js';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is not set. (With no DATABASE_URL, `npm start` seeds its embedded database by itself.)');
  process.exit(1);
}
const database = connectDatabase(url);
try {
  await seedDatabase(database.prisma);
  console.log('Seeded: Machine Learning Lead in Canada (2026-04).');
} finally {
  await database.close();
}

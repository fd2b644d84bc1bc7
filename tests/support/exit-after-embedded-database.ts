// Starts and stops an embedded PostgreSQL, then ends with exit code 3: the code must survive.
import { startEmbeddedDatabase } from '../../src/db/embedded.js';
import { createLogger } from '../../src/logger.js';

const [dataDir, port] = process.argv.slice(2);
const database = await startEmbeddedDatabase(dataDir!, Number(port), createLogger('silent'));
await database.stop();
process.exitCode = 3;

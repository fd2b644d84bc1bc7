// Starts an embedded PostgreSQL on the data folder and port given as arguments, prints its
// postmaster pid, and stays up until killed: a stand-in for a running `npm start`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startEmbeddedDatabase } from '../../src/db/embedded.js';
import { createLogger } from '../../src/logger.js';

const [dataDir, port] = process.argv.slice(2);
await startEmbeddedDatabase(dataDir!, Number(port), createLogger('silent'));
console.log(`postmaster ${readFileSync(path.join(dataDir!, 'postmaster.pid'), 'utf8').split('\n')[0]}`);
setInterval(() => {}, 1 << 30);

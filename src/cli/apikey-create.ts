import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/open.js';
import { createLogger } from '../logger.js';
import { ALL_SCOPES, ApiKeyService } from '../services/api-key.service.js';

const USAGE = `Usage: npm run apikey:create -- --name <who it is for> [--scope <scope>]...
Scopes: ${ALL_SCOPES.join(', ')} (default: all of them)`;

const { values } = parseArgs({
  options: { name: { type: 'string' }, scope: { type: 'string', multiple: true }, help: { type: 'boolean' } },
});
if (values.help || !values.name) {
  console.error(USAGE);
  process.exit(values.help ? 0 : 2);
}

const database = await openDatabase(loadConfig(), createLogger('warn'));
try {
  const { key, prefix } = await new ApiKeyService(database.prisma).create({ name: values.name, scopes: values.scope ?? ALL_SCOPES });
  console.error(`Created API key ${prefix}… for "${values.name}" with scopes ${(values.scope ?? ALL_SCOPES).join(', ')}.`);
  console.error('Store it now: it is shown only once. Send it as `Authorization: Bearer <key>`.');
  console.log(key);
} catch (error) {
  console.error(error instanceof RangeError ? error.message : error);
  process.exitCode = 2;
} finally {
  await database.close();
}

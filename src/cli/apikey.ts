import { parseArgs } from 'node:util';
import { ALL_SCOPES, ApiKeyService, type ApiKeyListing } from '../services/api-keys/api-key.service.js';
import { CommandError, UsageError, withDatabase, type Command } from './command.js';

const CREATE_USAGE = `Usage: paygraph apikey create --name <who it is for> [--scope <scope>]...

Creates an API key and prints it on stdout, alone: it is shown only this once (only its hash is
stored). Send it as \`Authorization: Bearer <key>\`.

  --name <text>      who or what the key is for
  --scope <scope>    what it may do, once per scope: ${ALL_SCOPES.join(', ')} (default: all of them)`;

const REVOKE_USAGE = `Usage: paygraph apikey revoke <id or prefix>

Revokes an API key: requests sending it are refused (UNAUTHENTICATED) from then on. Name it by
the id or the prefix (pgk_ and 8 characters) that \`paygraph apikey list\` shows.`;

const LIST_USAGE = `Usage: paygraph apikey list [--json]

Lists the API keys, revoked ones included (never the keys themselves): id, name, prefix, scopes,
and when each was created, last used and revoked (UTC).

  --json   print a JSON array on stdout instead of a table`;

export const createKeyCommand: Command = {
  usage: CREATE_USAGE,
  async run(args) {
    const { values } = parseArgs({ args, options: { name: { type: 'string' }, scope: { type: 'string', multiple: true } } });
    if (values.name === undefined) throw new UsageError('--name is required');
    const request = { name: values.name, scopes: values.scope ?? ALL_SCOPES };
    const { key, prefix } = await withDatabase(async (database) => {
      try {
        return await new ApiKeyService(database.prisma).create(request);
      } catch (error) {
        // An empty name or an unknown scope.
        if (error instanceof RangeError) throw new UsageError(error.message);
        throw error;
      }
    });
    console.error(`Created API key ${prefix}… for "${request.name.trim()}" with scopes ${[...new Set(request.scopes)].join(', ')}.`);
    console.error('Store it now: it is shown only once. Send it as `Authorization: Bearer <key>`.');
    console.log(key);
    return 0;
  },
};

export const revokeKeyCommand: Command = {
  usage: REVOKE_USAGE,
  async run(args) {
    const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
    if (positionals.length !== 1) throw new UsageError('name one key, by its id or its prefix');
    const [given] = positionals as [string];
    const idOrPrefix = /^\d+$/.test(given) ? Number(given) : given;
    const revoked = await withDatabase((database) => new ApiKeyService(database.prisma).revoke(idOrPrefix));
    if (!revoked) throw new CommandError(`No API key has the ${typeof idOrPrefix === 'number' ? 'id' : 'prefix'} ${given}.`);
    const { key, alreadyRevoked } = revoked;
    const what = `API key ${key.id} (${key.prefix}…, "${key.name}")`;
    console.log(alreadyRevoked ? `${what} was already revoked on ${utc(key.revokedAt)} UTC.` : `Revoked ${what}.`);
    return 0;
  },
};

export const listKeysCommand: Command = {
  usage: LIST_USAGE,
  async run(args) {
    const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } });
    const keys = await withDatabase((database) => new ApiKeyService(database.prisma).list());
    if (values.json) {
      console.log(JSON.stringify(keys));
    } else if (!keys.length) {
      console.log('No API keys yet: create one with `paygraph apikey create --name <who it is for>`.');
    } else {
      console.log(table(['ID', 'NAME', 'PREFIX', 'SCOPES', 'CREATED', 'LAST USED', 'REVOKED'], keys.map(row)));
    }
    return 0;
  },
};

/** A time to the minute in UTC, "2026-04-12 09:30", or "-" for none. */
function utc(date: Date | null): string {
  return date ? date.toISOString().slice(0, 16).replace('T', ' ') : '-';
}

function row(key: ApiKeyListing): string[] {
  return [String(key.id), key.name, key.prefix, key.scopes.join(',') || '-', utc(key.createdAt), utc(key.lastUsedAt), utc(key.revokedAt)];
}

/** Rows in columns as wide as their widest cell. */
function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((cells) => cells[column]!.length)));
  return [header, ...rows].map((cells) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd()).join('\n');
}

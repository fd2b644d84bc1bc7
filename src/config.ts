import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root folder (prisma/, .data/ and node_modules/ live there). */
export const projectRoot = fileURLToPath(new URL('..', import.meta.url));

export interface Config {
  /** Absent: paygraph runs its own embedded PostgreSQL (a local, zero-setup run). */
  databaseUrl: string | undefined;
  port: number;
  production: boolean;
  logLevel: string;
  embeddedDataDir: string;
  embeddedPort: number;
}

function integer(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) throw new Error(`${name} must be a port number, got "${value}"`);
  return parsed;
}

/** Reads the configuration from the environment; every variable is documented in the README. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    port: integer('PORT', env.PORT, 4000),
    production: env.NODE_ENV === 'production',
    logLevel: env.LOG_LEVEL ?? 'info',
    embeddedDataDir: path.resolve(projectRoot, env.PAYGRAPH_DATA_DIR ?? '.data/postgres'),
    embeddedPort: integer('PAYGRAPH_EMBEDDED_PG_PORT', env.PAYGRAPH_EMBEDDED_PG_PORT, 54329),
  };
}

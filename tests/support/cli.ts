import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { projectRoot } from '../../src/config.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { userEnvironment } from './processes.js';

/**
 * A temporary folder (named from `prefix`) for a file of CLI tests, and the fresh databases its
 * tests ask for; all removed after the file.
 */
export function cliWorkspace(prefix: string) {
  let directory = '';
  const databases: TestDatabase[] = [];
  beforeAll(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), prefix));
  });
  afterAll(async () => {
    for (const database of databases) await database.drop();
    await rm(directory, { recursive: true, force: true });
  });
  return {
    get directory() {
      return directory;
    },
    async freshDatabase(): Promise<TestDatabase> {
      const database = await createTestDatabase();
      databases.push(database);
      return database;
    },
  };
}

/** The bin that `npx paygraph` runs. */
export const PAYGRAPH_BIN = path.join(projectRoot, 'bin', 'paygraph.js');

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

function finished(child: ChildProcessWithoutNullStreams): Promise<Finished> {
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Runs `npx paygraph <args>` as a person types it in the project; in another directory `cwd`,
 * `npx --prefix <project> paygraph <args>`.
 */
export function paygraph(args: string[], env: Record<string, string | undefined> = {}, cwd = projectRoot): Promise<Finished> {
  const npxArgs = cwd === projectRoot ? ['paygraph', ...args] : ['--prefix', projectRoot, 'paygraph', ...args];
  return finished(spawn('npx', npxArgs, { cwd, env: userEnvironment(env) }));
}

/** Runs a bash command line, a pipeline say (failing when any part of it fails), in the project. */
export function shell(commandLine: string, env: Record<string, string | undefined> = {}): Promise<Finished> {
  return finished(spawn('bash', ['-o', 'pipefail', '-c', commandLine], { cwd: projectRoot, env: userEnvironment(env) }));
}

/** Starts the bin itself, as the shell does once npx has found it: signals reach paygraph, not npm. */
export function startPaygraph(args: string[], env: Record<string, string | undefined> = {}): { child: ChildProcessWithoutNullStreams; finished: Promise<Finished> } {
  const child = spawn(process.execPath, [PAYGRAPH_BIN, ...args], { cwd: projectRoot, env: userEnvironment(env) });
  return { child, finished: finished(child) };
}

/** For a test that runs several commands: each starts npm and Node, seconds of CPU on a busy machine. */
export const CLI_TEST_TIMEOUT = 180_000;

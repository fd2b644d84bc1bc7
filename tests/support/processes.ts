import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { projectRoot } from '../../src/config.js';

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface RunningProcess {
  child: ChildProcessWithoutNullStreams;
  output(): string;
  /** Resolves with the first match of `pattern` in stdout+stderr; rejects if the process exits first or time runs out. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resolves with the exit code. */
  exited(): Promise<number | null>;
}

/** What the test runner adds to the environment (vitest sets NODE_ENV=test, which Apollo Server, for one, obeys). */
const TEST_RUNNER_VARIABLES = /^(NODE_ENV|TEST|MODE|DEV|PROD|SSR|BASE_URL|FORCE_TTY|VITEST.*)$/;

/** The environment of a user's shell (this one without the test runner's variables), with `env` merged over it. */
export function userEnvironment(env: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return { ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !TEST_RUNNER_VARIABLES.test(name))), ...env };
}

/**
 * Runs a command from the project root, as a user would from a shell there, with `env` merged
 * over the user's environment. `detached` gives it a process group of its own, which a test can
 * signal as a terminal's Ctrl-C does (`process.kill(-child.pid, 'SIGINT')`).
 */
export function runCommand(command: string, args: string[], env: Record<string, string | undefined>, { detached = false } = {}): RunningProcess {
  return watchProcess(spawn(command, args, { cwd: projectRoot, env: userEnvironment(env), detached }));
}

/** Collects a started process's output, so that a test can wait for a line of it or for its exit. */
export function watchProcess(child: ChildProcessWithoutNullStreams): RunningProcess {
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exited: () => exit,
    waitFor(pattern, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = output.match(pattern);
          if (!match) return;
          cleanup();
          resolve(match);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`timed out waiting for ${pattern}; output:\n${output}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        void exit.then((code) => {
          if (!listeners.has(check)) return;
          cleanup();
          reject(new Error(`process exited (${code}) before ${pattern}; output:\n${output}`));
        });
        check();
      });
    },
  };
}

/** Runs `node --import tsx <script>` from the project root (see runCommand). */
export function runScript(script: string, env: Record<string, string | undefined>, args: string[] = []): RunningProcess {
  return runCommand(process.execPath, ['--import', 'tsx', script, ...args], env);
}

/** `npm start`, as a user runs it (see runCommand). */
export function npmStart(env: Record<string, string | undefined>, options: { detached?: boolean } = {}): RunningProcess {
  return runCommand('npm', ['start'], env, options);
}

/** The line paygraph prints once it serves, and its GraphQL URL. */
export const READY = /GraphQL\s+(http:\/\/localhost:\d+\/graphql)/;

/** A stack frame ("    at fn (file:1:2)"), or a logged error's stack. */
export const STACK_TRACE = /^\s+at .+:\d+:\d+\)?$|"stack":/m;

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The ids of the processes whose parent is `pid` (from /proc). */
export function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number);
}

/** Resolves once `pid` is gone; rejects after `timeoutMs`. */
export async function gone(pid: number, timeoutMs = 5000): Promise<void> {
  for (let waited = 0; isAlive(pid); waited += 20) {
    if (waited >= timeoutMs) throw new Error(`process ${pid} still running after ${timeoutMs} ms`);
    await sleep(20);
  }
}

/** Posts a GraphQL operation over HTTP and returns the parsed body. */
export async function postGraphQL(url: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as { data?: any; errors?: any } };
}

import { spawn } from 'node:child_process';
import { projectRoot } from '../src/config.js';

export interface ServerProcess {
  /** The GraphQL endpoint, with 127.0.0.1 for localhost so no request waits on name resolution. */
  url: string;
  pid: number;
  /** performance.now() when the process was spawned. */
  spawnedAt: number;
  output(): string;
  stop(): Promise<void>;
}

/**
 * The Node flags of paygraph's production command (Dockerfile, README): source maps for stack
 * traces, a 1 GiB heap bound. Every server gets them, so the comparison is between servers.
 */
const NODE_FLAGS = ['--enable-source-maps', '--max-old-space-size=1024'];

/**
 * Runs `node <script>` (with NODE_FLAGS, and tsx's loader for a `.ts` script; `node` is this process's
 * Node unless given) from the project root and resolves once its output shows `announcement` (whose first group is the GraphQL URL).
 * Rejects if it exits or stays silent.
 */
export function startServerProcess(
  script: string,
  env: Record<string, string>,
  announcement: RegExp,
  { node = process.execPath, timeoutMs = 90_000 }: { node?: string; timeoutMs?: number } = {},
): Promise<ServerProcess> {
  const spawnedAt = performance.now();
  const child = spawn(node, [...NODE_FLAGS, ...(script.endsWith('.ts') ? ['--import', 'tsx'] : []), script], { cwd: projectRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${script} did not announce its URL within ${timeoutMs / 1000} s; output:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(announcement);
      if (!match) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.stderr.off('data', onData);
      // Keep draining so a chatty server never blocks on a full pipe; keep only a tail for errors.
      const keep = (more: Buffer) => (output = (output + more.toString()).slice(-20_000));
      child.stdout.on('data', keep);
      child.stderr.on('data', keep);
      resolve({ url: match[1]!.replace('//localhost:', '//127.0.0.1:'), pid: child.pid!, spawnedAt, output: () => output, stop });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (${code}) before announcing its URL; output:\n${output}`));
    });
  });
}

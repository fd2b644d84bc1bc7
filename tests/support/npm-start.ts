import { runCommand, type RunningProcess } from './processes.js';

export interface NpmStartServer extends RunningProcess {
  /** Where it serves, on the loopback address: http://127.0.0.1:<port>. */
  origin: string;
  /** Whether npm (and so the server it runs) is still running. */
  alive(): boolean;
  /**
   * Sends `signal` to npm and every process it started, as Ctrl-C does to a terminal's job, and
   * waits for npm to exit; after `graceMs`, kills them all.
   */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<number | null>;
}

/**
 * `npm start` the way a user runs it, with `env` over the user's environment (PORT=0 unless
 * given), in a process group of its own so that the whole job can be signalled; resolves once it
 * prints where it serves.
 */
export async function npmStart(env: Record<string, string>): Promise<NpmStartServer> {
  const running = runCommand('npm', ['start'], { PORT: '0', ...env }, { detached: true });
  const { child } = running;
  const alive = () => child.exitCode === null && child.signalCode === null;
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error; // ESRCH: the whole group has exited
    }
  };
  const stop = async (signal: NodeJS.Signals = 'SIGINT', graceMs = 10_000) => {
    signalGroup(signal);
    const overdue = setTimeout(() => signalGroup('SIGKILL'), graceMs);
    const code = await running.exited();
    clearTimeout(overdue);
    return code;
  };
  try {
    const [, port] = await running.waitFor(/GraphQL\s+http:\/\/localhost:(\d+)\/graphql/, 120_000);
    return { ...running, origin: `http://127.0.0.1:${port}`, alive, stop };
  } catch (error) {
    await stop('SIGKILL');
    throw error;
  }
}

import { setTimeout as sleep } from 'node:timers/promises';

/** Resolves once `check` holds (asked every 50 ms); rejects after `timeoutMs`, naming `what` was awaited. */
export async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(50)) if (await check()) return;
  throw new Error(`timed out waiting until ${what}`);
}

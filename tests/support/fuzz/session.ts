import { setTimeout as sleep } from 'node:timers/promises';
import type { FuzzRequest } from './transport.js';
import { problemsWith, type Answer } from './verdict.js';

/** The server under test; the session restarts it when it stops answering, so that the requests after that still count. */
export interface Target {
  /** Where it serves now (a restart changes the port). */
  origin(): string;
  alive(): boolean;
  /** The server's log so far. */
  output(): string;
  restart(): Promise<void>;
}

/** What is wrong with the answer to one request. */
export interface Finding {
  problems: string[];
  request: FuzzRequest;
  /** What the server logged for the request (an unexpected error), when it logged anything. */
  cause?: string;
}

export interface SessionResult {
  findings: Finding[];
  sent: number;
  /** Requests left unsent when time ran out. */
  unsent: number;
  restarts: number;
  slowest?: { ms: number; request: FuzzRequest };
}

export interface SessionOptions {
  /** No answer, /healthz's included, may take longer. */
  boundMs: number;
  /** Epoch ms after which no more requests are sent. */
  deadline: number;
  /** What a restart takes at most, so that one is not begun too near the deadline. */
  restartMs: number;
  /**
   * Requests held back to the session's last `ms`, however many others are left: those that may
   * stall the server, which then costs a restart, or the rest of the session.
   */
  sendLast?: { matches(request: FuzzRequest): boolean; ms: number };
}

async function send(origin: string, request: FuzzRequest, boundMs: number): Promise<Answer | 'timeout'> {
  const started = performance.now();
  try {
    const response = await fetch(`${origin}${request.path}`, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(boundMs),
    });
    const text = await response.text();
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', requestId: response.headers.get('x-request-id') ?? undefined, text, ms: performance.now() - started };
  } catch (error) {
    if ((error as Error).name === 'TimeoutError') return 'timeout';
    throw error;
  }
}

/** Whether /healthz answers within `boundMs`. */
async function healthy(origin: string, boundMs: number): Promise<boolean> {
  try {
    return (await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(boundMs) })).ok;
  } catch {
    return false;
  }
}

/** The errors the server logged, by request id (the last one for an id), without the details that vary between requests. */
function loggedCauses(output: string): Map<string, string> {
  const causes = new Map<string, string>();
  for (const line of output.split('\n')) {
    if (!line.startsWith('{') || !line.includes('"err"')) continue;
    const { requestId, err } = JSON.parse(line) as { requestId?: string; err?: { type?: string; message?: string } };
    if (!requestId || !err) continue;
    const message = (err.message ?? '')
      .replace(/ Did you mean .*$/s, '')
      .replace(/((?:value|represent)[^:]*): .*$/s, '$1: …')
      .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
      .replace(/\d+/g, 'N');
    causes.set(requestId, `${err.type ?? 'Error'}: ${message}`.slice(0, 200));
  }
  return causes;
}

/**
 * Sends the requests one at a time (so that a request that stalls the server is the one in
 * flight), checks each answer, and meanwhile asks /healthz every 250 ms. A server that stops
 * answering is restarted. Stops at the deadline.
 */
export async function runSession(target: Target, requests: FuzzRequest[], options: SessionOptions): Promise<SessionResult> {
  const { boundMs } = options;
  const findings: Finding[] = [];
  /** Findings whose cause is still to be read from the log, by the request id the server gave. */
  const uncaused = new Map<Finding, string>();
  let current: FuzzRequest | undefined;
  let restarting = false;
  let finished = false;
  let sent = 0;
  let restarts = 0;
  let slowest: SessionResult['slowest'];

  // Read once per server (log lines may come a little after their answer), not once per finding.
  const readCauses = () => {
    const causes = loggedCauses(target.output());
    for (const [finding, requestId] of uncaused) finding.cause = causes.get(requestId);
    uncaused.clear();
  };

  const heartbeat = (async () => {
    while (!finished) {
      const during = current;
      if (!restarting && !(await healthy(target.origin(), boundMs)) && during && during === current && !restarting) {
        findings.push({ problems: [`/healthz gets no answer within ${boundMs} ms while it runs`], request: during });
      }
      await sleep(250);
    }
  })();

  const restart = async () => {
    readCauses();
    restarting = true;
    await target.restart();
    restarting = false;
    restarts++;
  };

  /** Sends one request and records what is wrong with its answer; false when the session must end (a stall too near the deadline to restart). */
  const sendOne = async (request: FuzzRequest): Promise<boolean> => {
    current = request;
    sent++;
    let answer: Answer | 'timeout';
    try {
      answer = await send(target.origin(), request, boundMs);
    } catch (error) {
      if (!target.alive()) {
        findings.push({ problems: ['the server process dies'], request });
        await restart();
      } else findings.push({ problems: [`the connection fails (${String((error as Error & { cause?: { code?: string } }).cause?.code ?? error)})`], request });
      return true;
    } finally {
      current = undefined;
    }
    if (answer === 'timeout') {
      findings.push({ problems: [`no answer within ${boundMs} ms`], request });
      if (await healthy(target.origin(), boundMs)) return true;
      findings.push({ problems: ['the server stops answering, /healthz included'], request });
      if (Date.now() + options.restartMs > options.deadline) return false;
      await restart();
      return true;
    }
    if (answer.ms > (slowest?.ms ?? 0)) slowest = { ms: answer.ms, request };
    const problems = problemsWith(request, answer, boundMs);
    if (!problems.length) return true;
    const finding = { problems, request };
    findings.push(finding);
    if (answer.requestId) uncaused.set(finding, answer.requestId);
    return true;
  };

  /** Sends the batch until the deadline; false when the server stalled past restarting. */
  const sendUntil = async (batch: FuzzRequest[], deadline: number) => {
    for (const request of batch) {
      if (Date.now() > deadline) break;
      if (!(await sendOne(request))) return false;
    }
    return true;
  };
  const { sendLast } = options;
  const late = sendLast ? requests.filter((request) => sendLast.matches(request)) : [];
  const early = requests.filter((request) => !late.includes(request));
  try {
    if (await sendUntil(early, options.deadline - (late.length ? sendLast!.ms : 0))) await sendUntil(late, options.deadline);
  } finally {
    finished = true;
    await heartbeat;
  }
  await sleep(200);
  readCauses();
  return { findings, sent, unsent: requests.length - sent, restarts, slowest };
}

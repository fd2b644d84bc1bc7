import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs on stdout. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'paygraph' } });
}

/**
 * Logs for a person at a terminal: each message as a plain `paygraph: <message>` line on stderr,
 * leaving stdout to a command's output. Warnings and errors only, unless LOG_LEVEL asks for more.
 */
export function createCliLogger(level = process.env.LOG_LEVEL || 'warn'): Logger {
  const plainLines = {
    write(line: string) {
      const { msg, err } = JSON.parse(line) as { msg?: string; err?: { message?: string } };
      process.stderr.write(`paygraph: ${[msg, err?.message].filter(Boolean).join(': ')}\n`);
    },
  };
  return pino({ level, base: null, timestamp: false }, plainLines);
}

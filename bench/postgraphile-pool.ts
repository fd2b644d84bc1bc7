import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type pg from 'pg';

/**
 * What both PostGraphile servers share: a pool the size of paygraph's (src/db/client.ts), so none
 * gets more connections, whose clients count the statements they send; an HTTP server whose
 * GET /statements answers that count (so the harness can divide by requests); and the line
 * "<label>  http://127.0.0.1:<port>/graphql" once it listens.
 */
export function countingPool(pgModule: typeof pg, connectionString: string): { pool: pg.Pool; statements: () => number } {
  const pool = new pgModule.Pool({ connectionString, max: 10 });
  let statements = 0;
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      statements++;
      return query(...args);
    };
  });
  return { pool, statements: () => statements };
}

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

export function serveCounted(label: string, statements: () => number, handler: Handler, release: () => Promise<void>): void {
  const server = createServer((request, response) => {
    if (request.method === 'GET' && request.url === '/statements') {
      response.setHeader('content-type', 'text/plain');
      response.end(String(statements()));
      return;
    }
    handler(request, response);
  });
  server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    console.log(`${label}  http://127.0.0.1:${port}/graphql`);
  });
  const shutdown = async () => {
    server.close();
    await release();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown());
  process.on('SIGINT', () => void shutdown());
}

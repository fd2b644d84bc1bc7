import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { GraphQLError } from 'graphql';
import { pino } from 'pino';
import { loadConfig } from '../config.js';
import { openDatabase, PendingMigrationsError } from '../db/open.js';
import { renderReportHtml } from '../services/report/html.js';
import { createRequestServices } from '../services/request-services.js';

const USAGE = `Usage: npm run report -- --country <code> --role <slug> [--format markdown|html] [--period <YYYY or YYYY-MM>] [--out <file>|-]
Markdown goes to stdout; HTML goes to ./report-<country>-<role>.html unless --out names another file (- for stdout).`;

const FORMATS = ['markdown', 'html'] as const;

const { values } = parseArgs({
  options: {
    country: { type: 'string' },
    role: { type: 'string' },
    format: { type: 'string', default: 'markdown' },
    period: { type: 'string' },
    out: { type: 'string' },
    help: { type: 'boolean' },
  },
});
const format = values.format as (typeof FORMATS)[number];
if (values.help || !values.country || !values.role || !FORMATS.includes(format)) {
  console.error(USAGE);
  process.exit(values.help ? 0 : 2);
}

// stdout carries the report itself: logs go to stderr.
const logger = pino({ level: process.env.LOG_LEVEL ?? 'warn', base: { service: 'paygraph' } }, pino.destination(2));
let database;
try {
  database = await openDatabase(loadConfig(), logger);
} catch (error) {
  if (!(error instanceof PendingMigrationsError)) throw error;
  console.error(error.message);
  process.exit(1);
}
try {
  const report = await createRequestServices(database).reports.marketReport(values.country, values.role, { period: values.period, level: 'ALL' });
  if (!report) {
    console.error(`No snapshot for ${values.role} in ${values.country.toUpperCase()}${values.period ? ` at ${values.period}` : ''}: there is nothing to report yet.`);
    process.exitCode = 1;
  } else {
    const text = format === 'html' ? renderReportHtml(report) : report.markdown;
    const out = values.out ?? (format === 'html' ? `report-${values.country.toLowerCase()}-${values.role.toLowerCase()}.html` : '-');
    if (out === '-') {
      process.stdout.write(text);
    } else {
      await writeFile(out, text);
      console.error(`Wrote ${report.title} (${report.lastUpdated}) to ${out}.`);
    }
  }
} catch (error) {
  // NOT_FOUND and BAD_USER_INPUT carry a message meant for people; anything else is a bug.
  if (!(error instanceof GraphQLError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
} finally {
  await database.close();
}

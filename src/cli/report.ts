import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DomainError } from '../errors.js';
import { renderReportHtml } from '../services/reports/html.js';
import { RequestServices } from '../services/request-services.js';
import { CommandError, UsageError, withDatabase, type Command } from './command.js';

const FORMATS = ['markdown', 'html'] as const;

const USAGE = `Usage: paygraph report --country <code> --role <slug> [--format markdown|html] [--period <YYYY or YYYY-MM>] [--out <file>|-]

Writes the market report of a role in a country, from its latest snapshot (or that of --period).

  --country <code>   ISO 3166-1 alpha-2 code, e.g. CA
  --role <slug>      the role's slug, e.g. machine-learning-lead
  --format <name>    markdown (default) or html: a self-contained page that loads nothing
  --period <period>  the snapshot of a year (2025) or a month (2025-04) instead of the latest
  --out <file>       where to write it; - for stdout. Markdown goes to stdout, HTML to
                     ./report-<country>-<role>.html unless --out says otherwise

Exit status: 0 when written, 1 for a market without data or an unknown country or role, 2 for bad usage.`;

export const reportCommand: Command = {
  usage: USAGE,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        country: { type: 'string' },
        role: { type: 'string' },
        format: { type: 'string', default: 'markdown' },
        period: { type: 'string' },
        out: { type: 'string' },
      },
    });
    const { country, role, period } = values;
    if (!country || !role) throw new UsageError('--country and --role are required');
    const format = values.format as (typeof FORMATS)[number];
    if (!FORMATS.includes(format)) throw new UsageError(`--format must be ${FORMATS.join(' or ')}, got "${values.format}"`);

    const report = await withDatabase(async (database) => {
      try {
        return await new RequestServices(database).reports.marketReport(country, role, { period, level: 'ALL' });
      } catch (error) {
        // NOT_FOUND and BAD_USER_INPUT carry a message meant for people; anything else is a bug.
        if (error instanceof DomainError) throw new CommandError(error.message);
        throw error;
      }
    });
    if (!report) throw new CommandError(`No snapshot for ${role} in ${country.toUpperCase()}${period ? ` at ${period}` : ''}: there is nothing to report yet.`);
    const text = format === 'html' ? renderReportHtml(report) : report.markdown;
    const out = values.out ?? (format === 'html' ? `report-${country.toLowerCase()}-${role.toLowerCase()}.html` : '-');
    if (out === '-') {
      process.stdout.write(text);
    } else {
      await writeFile(out, text);
      console.error(`Wrote ${report.title} (${report.lastUpdated}) to ${out}.`);
    }
    return 0;
  },
};

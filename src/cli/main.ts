/**
 * `paygraph <command> [arguments]` (bin/paygraph.js): finds the command, answers `--help`, and
 * turns whatever stops a command into one line on stderr and an exit status: 2 for bad usage,
 * 1 for anything else (LOG_LEVEL=debug adds the stack of an unexpected error).
 */
import { boundedText } from '../lib/bounded-text.js';
import { CommandError, UsageError, type Command } from './command.js';

/** An error's message is one line, however much an unexpected error says. */
const MAX_MESSAGE_LENGTH = 500;

interface Entry {
  name: string;
  summary: string;
  /** Loaded only when run: `paygraph apikey list` need not load the report's renderer. */
  load(): Promise<Command>;
}

const COMMANDS: readonly Entry[] = [
  { name: 'import', summary: 'load a CSV file of salary observations', load: async () => (await import('./import.js')).importCommand },
  { name: 'report', summary: "write a market's report as Markdown or HTML", load: async () => (await import('./report.js')).reportCommand },
  { name: 'apikey create', summary: 'create an API key (shown once)', load: async () => (await import('./apikey.js')).createKeyCommand },
  { name: 'apikey revoke', summary: 'revoke an API key by its id or prefix', load: async () => (await import('./apikey.js')).revokeKeyCommand },
  { name: 'apikey list', summary: 'list the API keys, revoked ones included', load: async () => (await import('./apikey.js')).listKeysCommand },
];

/** What `paygraph --help` says, or `paygraph apikey --help` for the commands starting with `group`. */
function overview(group?: string): string {
  const entries = COMMANDS.filter((entry) => !group || entry.name.startsWith(`${group} `));
  const width = Math.max(...entries.map((entry) => entry.name.length));
  return [
    `Usage: paygraph ${group ? `${group} <command>` : '<command>'} [options]`,
    '',
    'Commands:',
    ...entries.map((entry) => `  ${entry.name.padEnd(width)}  ${entry.summary}`),
    '',
    "Run `paygraph <command> --help` for a command's options. Commands use the database of",
    'DATABASE_URL, or without it the embedded PostgreSQL that `npm start` runs.',
  ].join('\n');
}

/** The words of argv naming a command, and the arguments after them. */
function findCommand(argv: readonly string[]): { entry?: Entry; group?: string; args: string[] } {
  for (const entry of COMMANDS) {
    const words = entry.name.split(' ');
    if (words.every((word, index) => argv[index] === word)) return { entry, args: argv.slice(words.length) };
  }
  const group = COMMANDS.some((entry) => entry.name.startsWith(`${argv[0]} `)) ? argv[0] : undefined;
  return { group, args: argv.slice(group ? 1 : 0) };
}

/** `--help` or `-h`, before any `--` (after which arguments are not options). */
function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
}

/** node:util's parseArgs fails with a TypeError whose code names the mistake. */
const isParseArgsError = (error: unknown): error is TypeError => error instanceof TypeError && String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS_');

async function main(argv: readonly string[]): Promise<number> {
  const { entry, group, args } = findCommand(argv);
  const prefix = ['paygraph', entry?.name ?? group].filter(Boolean).join(' ');
  try {
    if (!entry) {
      if (!args.length) {
        console.error(overview(group));
        return 2;
      }
      if (asksForHelp(args)) {
        console.log(overview(group));
        return 0;
      }
      throw new UsageError(`unknown command "${args[0]}"`);
    }
    const command = await entry.load();
    if (asksForHelp(args)) {
      console.log(command.usage);
      return 0;
    }
    return await command.run(args);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      // parseArgs adds sentences of advice, some on lines of their own: the first one says it.
      console.error(`${prefix}: ${error.message.split(/\.\s/)[0]} (see ${prefix} --help)`);
      return 2;
    }
    if (!(error instanceof CommandError) && /^(debug|trace)$/i.test(process.env.LOG_LEVEL ?? '')) console.error((error as Error).stack);
    const message = error instanceof Error ? error.message : String(error);
    console.error(`${prefix}: ${boundedText(message.replace(/\s*\n\s*/g, ' ').trim(), MAX_MESSAGE_LENGTH)}`);
    return 1;
  }
}

// A reader that stops early (`| head`) closes the pipe: the rest of the output goes nowhere, quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});
process.exitCode = await main(process.argv.slice(2));

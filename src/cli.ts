import { parseArgs } from 'node:util';
import { citeCommand } from './commandLine/cite';
import { COMMON_OPTIONS, UsageError, type CliCommand, type CliIo } from './commandLine/command';
import { papersCommand, prebuildCommand } from './commandLine/papers';
import { searchCommand } from './commandLine/search';
import { benchCommand } from './commandLine/bench';
import { relatedCommand, renderCommand } from './commandLine/related';
import { topicsCommand } from './commandLine/topics';

/** Every command, by name. Each lives in its own module under src/commandLine/. */
const COMMANDS: Record<string, CliCommand> = {
  papers: papersCommand,
  prebuild: prebuildCommand,
  search: searchCommand,
  bench: benchCommand,
  related: relatedCommand,
  render: renderCommand,
  cite: citeCommand,
  topics: topicsCommand,
};

function globalHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return [
    'Paper Atlas: search, browse and cite the bundled research papers from the command line.',
    '',
    'usage: paper-atlas <command> [options]',
    '',
    'commands:',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    'Run "paper-atlas <command> --help" for a command\'s options.',
  ].join('\n');
}

function commandHelp(name: string, command: CliCommand): string {
  const flags = Object.keys({ ...command.options, ...COMMON_OPTIONS }).map((o) => `--${o}`);
  return [`paper-atlas ${name}: ${command.summary}`, '', `usage: ${command.usage}`, '', `options: ${flags.join(' ')}`].join('\n');
}

/** Runs the CLI with the given arguments (without `node` and the script) and resolves to the exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? io.out : io.err)(globalHelp());
    return name ? 0 : 2;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.err(`paper-atlas: unknown command "${name}"\n\n${globalHelp()}`);
    return 2;
  }
  try {
    const parsed = parseArgs({ args: rest, options: { ...command.options, ...COMMON_OPTIONS }, allowPositionals: true, strict: true });
    if (parsed.values.help) {
      io.out(commandHelp(name, command));
      return 0;
    }
    return await command.run(parsed as { values: Record<string, unknown>; positionals: string[] }, io);
  } catch (error) {
    const usage = error instanceof UsageError || String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS');
    if (!usage) throw error;
    io.err(`paper-atlas ${name}: ${(error as Error).message}\nusage: ${command.usage}`);
    return 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2), {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  }).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`paper-atlas: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}

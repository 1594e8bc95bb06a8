import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { buildCorpus, type Corpus } from './core/corpus';
import type { Paper } from './core/paper';
import { serializeCorpus } from './core/prebuilt';
import { defaultSeedDir, readListingFiles } from './node/seedFiles';

/** Thrown for bad usage: printed with the command's usage, exit code 2. */
class UsageError extends Error {}

interface CliCommand {
  summary: string;
  usage: string;
  options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;
  run(args: { values: Record<string, unknown>; positionals: string[] }, io: CliIo): number;
}

interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

const COMMON_OPTIONS = {
  help: { type: 'boolean' as const, short: 'h' },
  seeds: { type: 'string' as const },
};

function loadCorpus(values: Record<string, unknown>): Corpus {
  const dir = typeof values.seeds === 'string' ? values.seeds : defaultSeedDir(__dirname);
  if (!fs.existsSync(dir)) throw new UsageError(`seed folder not found: ${dir}`);
  return buildCorpus(readListingFiles(dir));
}

function reportWarnings(corpus: Corpus, io: CliIo): void {
  for (const w of corpus.warnings) io.err(`warning: ${w.file}:${w.line}: ${w.message}`);
}

function firstAuthor(p: Paper): string {
  if (p.authors.length > 0) {
    const more = p.authors.length > 1 || p.authorsTruncated ? ' et al.' : '';
    return p.authors[0] + more;
  }
  if (p.organization) return p.organization;
  return p.authorCount ? `${p.authorCount} author${p.authorCount === 1 ? '' : 's'}` : '';
}

function cut(text: string, width: number): string {
  return text.length <= width ? text.padEnd(width) : `${text.slice(0, width - 1)}…`;
}

const COMMANDS: Record<string, CliCommand> = {
  papers: {
    summary: 'list every unique paper of the corpus',
    usage: 'paper-atlas papers [--json] [--seeds DIR]',
    options: { json: { type: 'boolean' } },
    run({ values }, io) {
      const corpus = loadCorpus(values);
      reportWarnings(corpus, io);
      if (values.json) {
        io.out(JSON.stringify(corpus.papers, null, 2));
        return 0;
      }
      for (const p of corpus.papers) {
        io.out(`${cut(p.key, 34)} ${String(p.year ?? '    ')}  ${cut(firstAuthor(p), 24)} ${p.title}`);
      }
      io.out(`${corpus.papers.length} papers`);
      return 0;
    },
  },
  prebuild: {
    summary: 'parse the seeds into the compact corpus file the extension loads',
    usage: 'paper-atlas prebuild --out FILE [--seeds DIR]',
    options: { out: { type: 'string' } },
    run({ values }, io) {
      if (typeof values.out !== 'string') throw new UsageError('--out FILE is required');
      const corpus = loadCorpus(values);
      reportWarnings(corpus, io);
      fs.mkdirSync(path.dirname(path.resolve(values.out)), { recursive: true });
      fs.writeFileSync(values.out, serializeCorpus(corpus));
      io.err(`wrote ${values.out}: ${corpus.papers.length} papers, ${corpus.warnings.length} warnings`);
      return 0;
    },
  },
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

/** Runs the CLI with the given arguments (without `node` and the script) and returns the exit code. */
export function main(argv: string[], io: CliIo): number {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(globalHelp());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
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
    return command.run(parsed as { values: Record<string, unknown>; positionals: string[] }, io);
  } catch (error) {
    const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    if (!usage) throw error;
    io.err(`paper-atlas ${name}: ${(error as Error).message}\nusage: ${command.usage}`);
    return 2;
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2), {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  });
}

import * as fs from 'node:fs';
import { buildCorpus, type Corpus } from '../core/corpus';
import { withLibraries } from '../core/library/libraryCorpus';
import { readLibrary } from '../core/library/libraryPaper';
import { defaultSeedDir, readListingFiles } from '../node/seedFiles';

/** Thrown for bad usage: printed with the command's usage, exit code 2. */
export class UsageError extends Error {}

/** Where a command writes: stdout for results, stderr for warnings and progress. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export type OptionSpec = { type: 'string' | 'boolean'; short?: string; multiple?: boolean };

/** One CLI command: its help text, its options (node:util parseArgs form) and what it does. */
export interface CliCommand {
  summary: string;
  usage: string;
  options: Record<string, OptionSpec>;
  run(args: { values: Record<string, unknown>; positionals: string[] }, io: CliIo): number | Promise<number>;
}

/** Options every command takes. */
export const COMMON_OPTIONS: Record<string, OptionSpec> = {
  help: { type: 'boolean', short: 'h' },
  seeds: { type: 'string' },
  library: { type: 'string', multiple: true },
  'no-seeds': { type: 'boolean' },
};

/**
 * The corpus a command works on: the bundled seeds (or the folder given with `--seeds`; none with
 * `--no-seeds`), merged with every `--library <file.bib|file.json>`.
 */
export function loadCorpus(values: Record<string, unknown>): Corpus {
  let seeds: Corpus = { papers: [], warnings: [] };
  if (!values['no-seeds']) {
    const dir = typeof values.seeds === 'string' ? values.seeds : defaultSeedDir(__dirname);
    if (!fs.existsSync(dir)) throw new UsageError(`seed folder not found: ${dir}`);
    seeds = buildCorpus(readListingFiles(dir));
  }
  const libraries = Array.isArray(values.library) ? (values.library as string[]) : [];
  return withLibraries(
    seeds,
    libraries.map((file) => {
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (error) {
        throw new UsageError(`cannot read the library ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
      return readLibrary(text, file);
    }),
  );
}

/** Prints each parse warning as `warning: file:line: message` on stderr. */
export function reportWarnings(corpus: Corpus, io: CliIo): void {
  for (const w of corpus.warnings) io.err(`warning: ${w.file}:${w.line}: ${w.message}`);
}

/** A positive whole number from an option value, or a UsageError naming the option. */
export function positiveInt(value: unknown, option: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${option} takes a whole number of at least 1, not "${String(value)}"`);
  return n;
}

/** Pads or cuts text to a column width, marking a cut with an ellipsis. */
export function column(text: string, width: number): string {
  return text.length <= width ? text.padEnd(width) : `${text.slice(0, width - 1)}…`;
}

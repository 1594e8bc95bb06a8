import type { Corpus } from '../corpus';
import type { LibraryFileResult } from './libraryPaper';
import { mergeLibraries } from './merge';

/**
 * The corpus of the seed papers plus the user's libraries (already read, in the order they are
 * configured). Library problems become the corpus's warnings, with the seeds' warnings first.
 */
export function withLibraries(seeds: Corpus, libraries: readonly LibraryFileResult[]): Corpus {
  if (libraries.length === 0) return seeds;
  const { papers, problems } = mergeLibraries(
    seeds.papers,
    libraries.flatMap((l) => l.papers),
  );
  const libraryWarnings = [...libraries.flatMap((l) => l.problems), ...problems].map(({ file, line, message }) => ({ file, line, message }));
  return { papers, warnings: [...seeds.warnings, ...libraryWarnings] };
}

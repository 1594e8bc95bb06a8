import type { Paper, ParseWarning } from './paper';
import { parseListing, type ListingOptions } from './parse/listing';
import { mergeListings } from './parse/merge';

/** A listing file's name and text, as read by whoever has file access (the CLI, the extension). */
export interface ListingFile {
  name: string;
  text: string;
}

/** The parsed corpus: unique papers in order of first appearance, and every warning. */
export interface Corpus {
  papers: Paper[];
  warnings: ParseWarning[];
}

/** Year the bundled seed pages were captured: their daily-papers dates without a year are in it. */
export const SEED_CAPTURE_YEAR = 2026;

/**
 * Parses listing files (in the order given: sort them for a stable corpus) and merges duplicates.
 * Never throws on bad text; each skipped item is a warning naming file and line.
 */
export function buildCorpus(files: readonly ListingFile[], options: ListingOptions = { captureYear: SEED_CAPTURE_YEAR }): Corpus {
  const listed = [];
  const warnings: ParseWarning[] = [];
  for (const file of files) {
    const result = parseListing(file.text, file.name, options);
    listed.push(...result.papers);
    warnings.push(...result.warnings);
  }
  return { papers: mergeListings(listed), warnings };
}

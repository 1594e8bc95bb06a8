import type { ListedPaper, ListingKind, ParseWarning } from '../paper';
import { parseDailyListing } from './daily';
import { parsePublicationsListing } from './publications';
import { parseSearchListing } from './search';

/** What one listing file yields: its papers in page order, and what was skipped. */
export interface ListingResult {
  papers: ListedPaper[];
  warnings: ParseWarning[];
}

export interface ListingOptions {
  /** Year the page was captured: daily-papers dates without a year are in this year. */
  captureYear: number;
}

/**
 * Tells the layout of a listing from its text: "Show Abstract" lines mark the institute's
 * publication list, "·" meta lines or an "N authors" bullet the daily-papers list; anything else is
 * read as plain title/abstract pairs (the daily-papers search page).
 */
export function detectListingKind(text: string): Exclude<ListingKind, 'library'> {
  if (/^\s*show abstract\s*$/im.test(text) || /^\s*\d[\d,]*\s+Publications\s*$/im.test(text)) return 'publications';
  if (/^\s*·\s*$/m.test(text) || /^\s*•\s*\d+\s+authors?\s*$/im.test(text) || /^\s*Daily Papers\s*$/m.test(text)) return 'daily';
  return 'search';
}

/** The site a listing came from, by its page furniture; the layout's usual site when nothing says. */
export function detectSite(text: string, kind: ListingKind): string {
  if (/Flatiron Institute/i.test(text)) return 'flatiron';
  if (/Get trending papers|Daily Papers|byAK and the research community/i.test(text)) return 'huggingface';
  return kind === 'publications' ? 'flatiron' : 'huggingface';
}

/** Parses one listing file of any supported layout. Never throws on bad input: problems become warnings. */
export function parseListing(text: string, file: string, options: ListingOptions): ListingResult {
  const kind = detectListingKind(text);
  const site = detectSite(text, kind);
  switch (kind) {
    case 'publications':
      return parsePublicationsListing(text, file, site);
    case 'daily':
      return parseDailyListing(text, file, options.captureYear, site);
    case 'search':
      return parseSearchListing(text, file, site);
  }
}

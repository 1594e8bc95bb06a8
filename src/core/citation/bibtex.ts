/**
 * BibTeX and BibLaTeX entries for papers. Our own writer (no library): it knows what the listings
 * hold and writes fields that BibTeX, Biber and the Better BibTeX parser all read back unchanged.
 */
import { familyName, type Paper } from '../paper';
import { sourceLabel } from '../paperText';
import { escapeTexText, protectTitleCase } from './texText';
import { MONTH_ABBREVIATIONS } from '../parse/text';

export type BibDialect = 'bibtex' | 'biblatex';

export interface BibEntryOptions {
  /** `bibtex` (year + month macro) or `biblatex` (ISO `date`). Default `bibtex`. */
  dialect?: BibDialect;
  /** Non-ASCII characters as TeX escapes (`{\"o}`). Default false: UTF-8, which Biber and modern BibTeX read. */
  ascii?: boolean;
  /** Leave out the abstract (it is long, and few styles print it). Default false. */
  omitAbstract?: boolean;
  /** Use this key instead of the paper's own (an entry already in a bibliography under another key). */
  key?: string;
}


/** Venues that are proceedings rather than journals. */
const PROCEEDINGS = /\b(proceedings|conference|workshop|symposium|advances in neural information processing)\b/i;

/**
 * The entry type for a paper: `@article` or `@inproceedings` when a library entry names its venue,
 * else `@misc` — the listings name no journal, and `@article` without one is an incomplete entry
 * that BibTeX warns about.
 */
export function bibEntryType(paper: Paper): 'article' | 'inproceedings' | 'misc' {
  if (!paper.venue?.trim() || isPreprintServer(paper.venue)) return 'misc';
  return PROCEEDINGS.test(paper.venue) ? 'inproceedings' : 'article';
}

/** arXiv, bioRxiv and the like publish preprints, not journal articles: such a "venue" makes a `@misc`. */
export function isPreprintServer(venue: string): boolean {
  return /\b(arxiv|biorxiv|medrxiv|chemrxiv|ssrn|research square|preprints?)\b/i.test(venue);
}

/** A verbatim field (DOI, URL, eprint): written as is, only made safe to sit inside braces. */
function verbatim(value: string): string {
  return value.replace(/[{}]/g, '').replace(/\s+/g, '');
}

/** A display name ("Jason D. Lee", "Vincent van Gogh") as BibTeX's `Last, First` ("Lee, Jason D."). */
export function bibtexName(name: string, options: BibEntryOptions = {}): string {
  const family = familyName(name);
  const given = name.trim().slice(0, name.trim().length - family.length).trim();
  const texFamily = escapeTexText(family, options);
  // A family name with a comma or " and " would split wrongly: a brace group keeps it one name.
  const safeFamily = /,| and /i.test(family) ? `{${texFamily}}` : texFamily;
  return given ? `${safeFamily}, ${escapeTexText(given, options)}` : safeFamily;
}

/** The `author` field: names joined with `and`, `and others` for a list the listing cut short, an organisation braced whole. */
export function bibtexAuthors(paper: Paper, options: BibEntryOptions = {}): string | undefined {
  if (paper.authors.length > 0) {
    const names = paper.authors.map((a) => bibtexName(a, options));
    if (paper.authorsTruncated) names.push('others');
    return names.join(' and ');
  }
  if (paper.organization) return `{${escapeTexText(paper.organization, options)}}`;
  return undefined;
}

/** Where the paper was listed, for `howpublished`: "Listed in Flatiron Institute publications"; '' for a paper only a user's library has. */
export function listingNote(paper: Paper): string {
  const labels = [...new Set(paper.sources.filter((s) => s.kind !== 'library').map(sourceLabel))];
  return labels.length > 0 ? `Listed in ${labels.join('; ')}` : '';
}

/** The fields of an entry in writing order; values are final TeX (braces included where they belong). */
function entryFields(paper: Paper, options: BibEntryOptions): Array<[string, string]> {
  const dialect = options.dialect ?? 'bibtex';
  const fields: Array<[string, string]> = [];
  const author = bibtexAuthors(paper, options);
  if (author) fields.push(['author', `{${author}}`]);
  fields.push(['title', `{${protectTitleCase(escapeTexText(paper.title, options))}}`]);
  const dateMatch = paper.date ? /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(paper.date) : null;
  if (dialect === 'biblatex') {
    if (dateMatch) fields.push(['date', `{${paper.date}}`]);
    else if (paper.year !== null) fields.push(['date', `{${paper.year}}`]);
  } else {
    const year = paper.year ?? (dateMatch ? Number(dateMatch[1]) : null);
    if (year !== null) fields.push(['year', `{${year}}`]);
    if (dateMatch) fields.push(['month', MONTH_ABBREVIATIONS[Number(dateMatch[2]) - 1] ?? '']);
  }
  const type = bibEntryType(paper);
  if (type !== 'misc') fields.push([type === 'article' ? 'journal' : 'booktitle', `{${escapeTexText(paper.venue!.trim(), options)}}`]);
  if (paper.doi) fields.push(['doi', `{${verbatim(paper.doi)}}`]);
  if (paper.arxivId) {
    fields.push(['eprint', `{${verbatim(paper.arxivId)}}`]);
    fields.push(dialect === 'biblatex' ? ['eprinttype', '{arxiv}'] : ['archiveprefix', '{arXiv}']);
  }
  if (paper.url) fields.push(['url', `{${verbatim(paper.url)}}`]);
  const notes: string[] = [];
  if (!author && paper.authorCount) notes.push(`${paper.authorCount} author${paper.authorCount === 1 ? '' : 's'}, not named in the listing`);
  const listed = listingNote(paper);
  const preprintServer = type === 'misc' && paper.venue?.trim() ? paper.venue.trim() : '';
  if (preprintServer) fields.push(['howpublished', `{${escapeTexText(preprintServer, options)}}`]);
  if (listed && type === 'misc' && !preprintServer) fields.push(['howpublished', `{${escapeTexText(listed, options)}}`]);
  else if (listed) notes.push(listed);
  if (notes.length > 0) fields.push(['note', `{${escapeTexText(notes.join('. '), options)}}`]);
  if (!options.omitAbstract && paper.abstract.trim()) fields.push(['abstract', `{${escapeTexText(paper.abstract, options)}}`]);
  return fields.filter(([, value]) => value !== '');
}

/**
 * One BibTeX (or BibLaTeX) entry for a paper, ending in a newline:
 * ```
 * @misc{nichani2024understanding,
 *   author       = {Nichani, Eshaan and Lee, Jason D.},
 *   title        = {Understanding {Factual Recall} in {Transformers}},
 *   …
 * }
 * ```
 */
export function formatBibtexEntry(paper: Paper, options: BibEntryOptions = {}): string {
  const fields = entryFields(paper, options);
  const width = Math.max(...fields.map(([name]) => name.length));
  const lines = fields.map(([name, value]) => `  ${name.padEnd(width)} = ${value}`);
  return `@${bibEntryType(paper)}{${options.key ?? paper.key},\n${lines.join(',\n')}\n}\n`;
}

/** Entries for several papers, separated by blank lines. */
export function formatBibliography(papers: readonly Paper[], options: BibEntryOptions = {}): string {
  return papers.map((p) => formatBibtexEntry(p, options)).join('\n');
}

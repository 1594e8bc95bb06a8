/**
 * A user's library (BibTeX or CSL-JSON) as papers: the same `Paper` fields the seed listings give,
 * plus the entry's own key, DOI, arXiv id, URL and venue.
 */
import { baseCitationKey, normalizeTitle, slugifyTitle, type Paper, type PaperSource } from '../paper';
import { readBibtex, type BibEntry, type BibtexReadResult, type LibraryProblem } from './bibtexReader';
import { readCslJson } from './cslJsonReader';
import { cleanDoi, findArxivId } from './identifiers';
import { decodeTex } from './texDecode';
import { MONTH_ABBREVIATIONS } from '../parse/text';

export type { LibraryProblem } from './bibtexReader';

/** A paper as one library entry describes it, before it is merged with the others. */
export type LibraryPaper = Omit<Paper, 'id' | 'key' | 'sources'> & {
  source: PaperSource & { kind: 'library'; key: string };
  /** The entry's text as written, to tell a changed entry from an unchanged one. */
  text: string;
  /** Computed once when the entry is read, so merging after an edit does not redo them for every entry. */
  derived: LibraryPaperKeys;
};

/** The normalised title, slug and base key of a library paper. */
export interface LibraryPaperKeys {
  titleKey: string;
  slug: string;
  baseKey: string;
}

/**
 * The merge keys of a paper's fields. The title is folded once for both the title key and the slug
 * (they differ only for a title that still holds TeX accents); the base key, which only entries
 * without a key of their own need, is worked out on first use.
 */
export function libraryPaperKeys(p: Pick<Paper, 'title' | 'authors' | 'year'>): LibraryPaperKeys {
  const titleKey = normalizeTitle(p.title);
  const slug = p.title.includes('\\') ? slugifyTitle(p.title) : slugifyTitle(p.title, titleKey);
  let baseKey: string | undefined;
  return {
    titleKey,
    slug,
    get baseKey() {
      return (baseKey ??= baseCitationKey(p));
    },
  };
}

/** What one library file gives: its papers (entries that could be read) and its problems. */
export interface LibraryFileResult {
  file: string;
  papers: LibraryPaper[];
  problems: LibraryProblem[];
  /** The BibTeX reading behind the papers, which the next read of the same file reuses for unchanged entries. */
  bibtex?: BibtexReadResult;
}


/** Splits `text` on ` and ` (any case) outside braces. */
function splitNames(tex: string): string[] {
  const names: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < tex.length; i++) {
    const c = tex[i];
    if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (depth === 0 && /\s/.test(c) && /^\s+and\s/i.test(tex.slice(i, i + 6))) {
      names.push(tex.slice(start, i));
      const m = /^\s+and\s+/i.exec(tex.slice(i))!;
      i += m[0].length - 1;
      start = i + 1;
    }
  }
  names.push(tex.slice(start));
  return names.map((n) => n.trim()).filter(Boolean);
}

/** Splits on a separator outside braces. */
function splitOutside(tex: string, separator: RegExp): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of tex) {
    if (c === '{') depth++;
    if (c === '}') depth--;
    if (depth === 0 && separator.test(c)) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}

/** Whether one brace group spans the whole text (`{World Health Organization}`). */
function wholeBraced(text: string): boolean {
  if (!text.startsWith('{') || !text.endsWith('}')) return false;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i === text.length - 1;
  }
  return false;
}

/** Whether a name word starts lower-case (a "von" particle), looking through braces and accents. */
function isLowerWord(word: string): boolean {
  if (word.startsWith('{')) return false;
  const first = decodeTex(word).match(/\p{L}/u)?.[0];
  return first !== undefined && first === first.toLowerCase() && first !== first.toUpperCase();
}

/**
 * One BibTeX name as a display name, given names first ("Müller, Jörg" → "Jörg Müller",
 * "van der Berg, Bob" → "Bob van der Berg"); a braced name stays whole ("{World Health Organization}").
 */
export function bibtexDisplayName(tex: string): { name: string; corporate: boolean } {
  const trimmed = tex.trim();
  if (wholeBraced(trimmed)) {
    return { name: decodeTex(trimmed), corporate: true };
  }
  const parts = splitOutside(trimmed, /,/).map((p) => p.trim());
  let first: string;
  let vonLast: string;
  let jr = '';
  if (parts.length >= 3) [vonLast, jr, first] = parts;
  else if (parts.length === 2) [vonLast, first] = parts;
  else {
    const words = splitOutside(trimmed, /\s/).filter(Boolean);
    // "First von Last": the von part starts at the first lower-case word before the last word.
    let vonStart = words.findIndex((w, i) => i < words.length - 1 && isLowerWord(w));
    if (vonStart < 0) vonStart = words.length - 1;
    first = words.slice(0, vonStart).join(' ');
    vonLast = words.slice(vonStart).join(' ');
  }
  const name = [first, vonLast].map((p) => decodeTex(p)).filter(Boolean).join(' ');
  return { name: jr ? `${name}, ${decodeTex(jr)}` : name, corporate: false };
}

/** ISO date and year from a BibLaTeX `date` or BibTeX `year`/`month`/`day`; the month may be a name or a number. */
function entryDate(fields: Record<string, string>): { date: string | null; year: number | null } {
  const iso = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec((fields.date ?? '').trim());
  if (iso) return { date: iso[2] ? `${iso[1]}-${iso[2]}${iso[3] ? `-${iso[3]}` : ''}` : null, year: Number(iso[1]) };
  const yearMatch = /\d{4}/.exec(fields.year ?? '');
  if (!yearMatch) return { date: null, year: null };
  const year = Number(yearMatch[0]);
  const monthText = (fields.month ?? '').trim().toLowerCase();
  const monthIndex = /^\d{1,2}$/.test(monthText) ? Number(monthText) : MONTH_ABBREVIATIONS.indexOf(monthText.slice(0, 3)) + 1;
  if (monthIndex < 1 || monthIndex > 12) return { date: null, year };
  const day = /^\d{1,2}$/.test((fields.day ?? '').trim()) ? `-${fields.day.trim().padStart(2, '0')}` : '';
  return { date: `${year}-${String(monthIndex).padStart(2, '0')}${day}`, year };
}

/** The paper a BibTeX entry describes, or a reason it cannot be one (no title). */
export function bibEntryToPaper(entry: BibEntry, file: string, position: number): LibraryPaper | string {
  const f = entry.fields;
  const title = decodeTex(f.title ?? '');
  if (!title) return `@${entry.type}{${entry.key}} skipped: it has no title`;
  const names = splitNames(f.author ?? f.editor ?? '').map(bibtexDisplayName);
  const truncated = names.length > 0 && names[names.length - 1].name.toLowerCase() === 'others';
  const people = names.filter((n) => n.name.toLowerCase() !== 'others');
  const onlyCorporate = people.length === 1 && people[0].corporate;
  const authors = onlyCorporate ? [] : people.map((n) => n.name);
  const { date, year } = entryDate(f);
  const venueTex = f.journal ?? f.journaltitle ?? f.booktitle ?? f.school ?? f.institution ?? f.publisher ?? f.howpublished;
  const eprintIsArxiv = /arxiv/i.test(f.archiveprefix ?? f.eprinttype ?? '') || /^\d{4}\.\d{4,5}/.test(f.eprint ?? '');
  const paper: LibraryPaper = {
    title,
    authors,
    authorsTruncated: truncated,
    authorCount: truncated ? null : authors.length || null,
    organization: onlyCorporate ? people[0].name : f.organization ? decodeTex(f.organization) : null,
    date,
    year,
    abstract: decodeTex(f.abstract ?? '', { keepMath: true }),
    upvotes: null,
    source: { file, site: 'library', kind: 'library', line: entry.line, position, key: entry.key },
    text: entry.text,
    derived: libraryPaperKeys({ title, authors, year }),
  };
  const doi = cleanDoi(f.doi);
  if (doi) paper.doi = doi;
  const arxivId = findArxivId(eprintIsArxiv ? `arXiv:${f.eprint}` : undefined, f.doi, f.url, f.journal, f.note, f.howpublished);
  if (arxivId) paper.arxivId = arxivId;
  if (f.url) paper.url = f.url.trim();
  if (venueTex) paper.venue = decodeTex(venueTex);
  return paper;
}

/**
 * Reads a `.bib` file into papers; entries without a title are problems too. Never throws. Given
 * the previous result for the same file, entries whose text did not change are not read again.
 */
export function readBibtexLibrary(text: string, file: string, previous?: LibraryFileResult): LibraryFileResult {
  const bibtex = readBibtex(text, file, previous?.bibtex);
  const problems = [...bibtex.problems];
  const before = new Map<BibEntry['fields'], LibraryPaper>();
  if (previous?.bibtex) {
    const byText = new Map(previous.papers.map((p) => [p.text, p]));
    for (const e of previous.bibtex.entries) {
      const p = byText.get(e.text);
      if (p) before.set(e.fields, p);
    }
  }
  const papers: LibraryPaper[] = [];
  for (const entry of bibtex.entries) {
    const reused = before.get(entry.fields);
    if (reused) {
      const position = papers.length + 1;
      papers.push(reused.source.line === entry.line && reused.source.position === position ? reused : { ...reused, source: { ...reused.source, line: entry.line, position } });
      continue;
    }
    const paper = bibEntryToPaper(entry, file, papers.length + 1);
    if (typeof paper === 'string') problems.push({ file, line: entry.line, message: paper, severity: 'error', key: entry.key });
    else papers.push(paper);
  }
  problems.sort((a, b) => a.line - b.line);
  return { file, papers, problems, bibtex };
}

/** Reads a library file by its extension: `.json` as CSL-JSON, anything else as BibTeX. Never throws. */
export function readLibrary(text: string, file: string, previous?: LibraryFileResult): LibraryFileResult {
  return /\.json$/i.test(file) ? readCslJson(text, file) : readBibtexLibrary(text, file, previous);
}

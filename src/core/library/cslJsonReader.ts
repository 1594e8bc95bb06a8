/**
 * CSL-JSON libraries (Zotero's and Better CSL JSON exports, Pandoc's `--bibliography refs.json`) as
 * papers, through the same mapping as BibTeX entries.
 */
import { libraryPaperKeys, type LibraryFileResult, type LibraryPaper } from './libraryPaper';
import { cleanDoi, findArxivId } from './identifiers';
import type { LibraryProblem } from './bibtexReader';

interface CslNameInput {
  family?: unknown;
  given?: unknown;
  literal?: unknown;
  'non-dropping-particle'?: unknown;
  'dropping-particle'?: unknown;
  suffix?: unknown;
}

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');

/** Start offsets and texts of the top-level array elements of JSON text (strings and nesting respected). */
function topLevelElements(text: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  let depth = 0;
  let inString = false;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      if (depth === 1 && start < 0) start = i;
    } else if (c === '[' || c === '{') {
      if (depth === 1 && start < 0) start = i;
      depth++;
    } else if (c === ']' || c === '}') {
      depth--;
      if ((depth === 1 || depth === 0) && start >= 0) {
        out.push({ start, end: i + 1 });
        start = -1;
      }
    } else if (depth === 1 && c === ',' && start >= 0) {
      out.push({ start, end: i });
      start = -1;
    } else if (depth === 1 && start < 0 && /[^\s,]/.test(c)) {
      start = i;
    }
  }
  return out;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** The display name of a CSL name, given names first; a literal name is an organisation. */
function cslDisplayName(n: CslNameInput): { name: string; corporate: boolean } {
  const literal = str(n.literal);
  if (literal) return { name: literal, corporate: true };
  const family = [str(n['non-dropping-particle']), str(n.family)].filter(Boolean).join(' ');
  const name = [str(n.given), str(n['dropping-particle']), family].filter(Boolean).join(' ');
  const suffix = str(n.suffix);
  return { name: suffix ? `${name}, ${suffix}` : name, corporate: false };
}

function cslDate(issued: unknown): { date: string | null; year: number | null } {
  if (!issued || typeof issued !== 'object') return { date: null, year: null };
  const d = issued as { 'date-parts'?: unknown; raw?: unknown; literal?: unknown };
  const parts = Array.isArray(d['date-parts']) && Array.isArray(d['date-parts'][0]) ? (d['date-parts'][0] as unknown[]).map((p) => Number(p)) : null;
  if (parts && Number.isInteger(parts[0])) {
    const [y, m, day] = parts;
    const date = Number.isInteger(m) && m >= 1 && m <= 12 ? `${y}-${String(m).padStart(2, '0')}${Number.isInteger(day) ? `-${String(day).padStart(2, '0')}` : ''}` : null;
    return { date, year: y };
  }
  const raw = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(str(d.raw) || str(d.literal));
  if (!raw) return { date: null, year: null };
  return { date: raw[2] ? raw[0] : null, year: Number(raw[1]) };
}

/** A key for an item: its `citation-key`, else an `id` that looks like a key (not a URL). */
function itemKey(item: Record<string, unknown>): string {
  const explicit = str(item['citation-key']) || str(item.citationKey);
  if (explicit) return explicit;
  const id = str(item.id);
  return /^[\w:.+-]+$/.test(id) && !/^https?:/.test(id) ? id : '';
}

/** Reads CSL-JSON text (an array of items, or `{ "items": [...] }`). Never throws: bad JSON or items become problems. */
export function readCslJson(text: string, file: string): LibraryFileResult {
  const problems: LibraryProblem[] = [];
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const at = /position (\d+)/.exec((error as Error).message);
    problems.push({ file, line: at ? lineAt(text, Number(at[1])) : 1, message: `not valid JSON: ${(error as Error).message}`, severity: 'error' });
    return { file, papers: [], problems };
  }
  const items = Array.isArray(data) ? data : Array.isArray((data as { items?: unknown })?.items) ? (data as { items: unknown[] }).items : null;
  if (!items) {
    problems.push({ file, line: 1, message: 'not CSL-JSON: expected an array of items', severity: 'error' });
    return { file, papers: [], problems };
  }
  const spans = Array.isArray(data) ? topLevelElements(text) : [];
  const papers: LibraryPaper[] = [];
  items.forEach((raw, i) => {
    const span = spans[i];
    const line = span ? lineAt(text, span.start) : 1;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      problems.push({ file, line, message: `item ${i + 1} skipped: it is not an object`, severity: 'error' });
      return;
    }
    const item = raw as Record<string, unknown>;
    const key = itemKey(item);
    const title = str(item.title);
    if (!title) {
      problems.push({ file, line, message: `item ${key || i + 1} skipped: it has no title`, severity: 'error', ...(key ? { key } : {}) });
      return;
    }
    const names = (Array.isArray(item.author) ? item.author : Array.isArray(item.editor) ? item.editor : [])
      .filter((n): n is CslNameInput => !!n && typeof n === 'object')
      .map(cslDisplayName)
      .filter((n) => n.name);
    const onlyCorporate = names.length === 1 && names[0].corporate;
    const authors = onlyCorporate ? [] : names.map((n) => n.name);
    const paper: LibraryPaper = {
      title,
      authors,
      authorsTruncated: false,
      authorCount: authors.length || null,
      organization: onlyCorporate ? names[0].name : null,
      ...cslDate(item.issued),
      abstract: str(item.abstract),
      upvotes: null,
      source: { file, site: 'library', kind: 'library', line, position: papers.length + 1, key },
      text: span ? text.slice(span.start, span.end) : JSON.stringify(item),
      derived: { titleKey: '', slug: '', baseKey: '' },
    };
    paper.derived = libraryPaperKeys(paper);
    const doi = cleanDoi(str(item.DOI));
    if (doi) paper.doi = doi;
    const arxivId = findArxivId(str(item.DOI), str(item.URL), str(item.number), str(item.note), str(item['container-title']));
    if (arxivId) paper.arxivId = arxivId;
    if (str(item.URL)) paper.url = str(item.URL);
    const venue = str(item['container-title']) || str(item.publisher);
    if (venue) paper.venue = venue;
    papers.push(paper);
  });
  return { file, papers, problems };
}

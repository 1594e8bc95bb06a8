/**
 * The merge of the user's libraries with the seed corpus: the same paper in two sources appears
 * once, found by DOI, then arXiv id, then normalised title. The seed papers keep their ids; the
 * first library entry's key wins over a generated key; every source is kept on the paper.
 */
import { baseCitationKey, compareStrings, keySuffix, normalizeTitle, slugifyTitle, type Paper } from '../paper';
import type { LibraryPaper, LibraryPaperKeys, LibraryProblem } from './libraryPaper';

export interface LibraryMergeResult {
  papers: Paper[];
  /** Conflicts the user may want to fix (two different papers under one key). */
  problems: LibraryProblem[];
}

interface Working {
  paper: Paper;
  /** Normalised title, slug and base key, from the library entry that made the record (or the seed). */
  derived?: LibraryPaperKeys;
  /** Key from the first library entry, if any. */
  userKey?: string;
  /** True once a library entry has given its bibliographic fields. */
  fromLibrary: boolean;
}

/**
 * A new paper record of a library paper's own fields, written out (a rest spread costs several times
 * as much per entry), in the key order the paper's JSON has always had: identifiers, then sources.
 */
function newPaper(item: LibraryPaper): Paper {
  const paper = {
    id: '',
    key: '',
    title: item.title,
    authors: [...item.authors],
    authorsTruncated: item.authorsTruncated,
    authorCount: item.authorCount,
    organization: item.organization,
    date: item.date,
    year: item.year,
    abstract: item.abstract,
    upvotes: item.upvotes,
  } as Paper;
  if (item.doi !== undefined) paper.doi = item.doi;
  if (item.arxivId !== undefined) paper.arxivId = item.arxivId;
  if (item.url !== undefined) paper.url = item.url;
  if (item.venue !== undefined) paper.venue = item.venue;
  paper.sources = [];
  return paper;
}

function applyLibraryFields(into: Working, item: LibraryPaper): void {
  const p = into.paper;
  const { source } = item;
  p.sources.push(source);
  if (!into.fromLibrary) {
    // The user's entry is what they cite: its title, names and date win over a listing's.
    into.fromLibrary = true;
    if (item.authors.length > 0 && (p.authors.length === 0 || p.authorsTruncated || !item.authorsTruncated)) {
      p.authors = [...item.authors];
      p.authorsTruncated = item.authorsTruncated;
      p.authorCount = item.authorCount ?? p.authorCount;
    }
    if (item.year !== null) {
      p.year = item.year;
      p.date = item.date ?? (p.date?.startsWith(String(item.year)) ? p.date : null);
    }
    p.title = item.title;
  }
  p.organization ??= item.organization;
  if (item.abstract.length > p.abstract.length) p.abstract = item.abstract;
  p.doi ??= item.doi;
  p.arxivId ??= item.arxivId;
  p.url ??= item.url;
  p.venue ??= item.venue;
  if (!into.userKey && source.key) into.userKey = source.key;
}

/**
 * Merges library papers (in the order given: libraries in setting order, entries in file order)
 * into the seed papers. Returns new paper objects; the inputs are not changed. Keys: a paper with a
 * library entry takes that entry's key; if two different papers claim one key the first keeps it
 * and the other falls back to a generated key (reported). Other papers keep their seed key unless a
 * user's key took it; new papers get `family + year + word` keys made unique with `a`, `b`, ….
 */
export function mergeLibraries(seeds: readonly Paper[], library: readonly LibraryPaper[]): LibraryMergeResult {
  const problems: LibraryProblem[] = [];
  const records: Working[] = seeds.map((p) => ({ paper: { ...p, authors: [...p.authors], sources: [...p.sources] }, fromLibrary: false }));
  const byDoi = new Map<string, Working>();
  const byArxiv = new Map<string, Working>();
  const byTitle = new Map<string, Working>();
  const remember = (r: Working) => {
    const p = r.paper;
    if (p.doi) byDoi.set(p.doi.toLowerCase(), r);
    if (p.arxivId) byArxiv.set(p.arxivId, r);
    const t = r.derived?.titleKey ?? normalizeTitle(p.title);
    if (t && !byTitle.has(t)) byTitle.set(t, r);
  };
  records.forEach(remember);
  const fresh: Working[] = [];
  for (const item of library) {
    const title = item.derived.titleKey;
    const match = (item.doi && byDoi.get(item.doi.toLowerCase())) || (item.arxivId && byArxiv.get(item.arxivId)) || byTitle.get(title);
    if (match) {
      applyLibraryFields(match, item);
      remember(match);
      continue;
    }
    const record: Working = { paper: newPaper(item), derived: item.derived, fromLibrary: false };
    applyLibraryFields(record, item);
    records.push(record);
    fresh.push(record);
    remember(record);
  }

  // Keys: user keys first (first claim wins), then the seeds' keys, then generated ones.
  const usedKeys = new Set<string>();
  const claimed = new Map<string, Working>();
  for (const r of records) {
    if (!r.userKey) continue;
    const owner = claimed.get(r.userKey);
    if (owner) {
      const src = r.paper.sources.find((s) => s.key === r.userKey)!;
      problems.push({ file: src.file, line: src.line, message: `key "${r.userKey}" names two different papers; "${owner.paper.title}" keeps it`, severity: 'warning', key: r.userKey });
      continue;
    }
    claimed.set(r.userKey, r);
    usedKeys.add(r.userKey);
    r.paper.key = r.userKey;
  }
  const needKey: Working[] = [];
  for (const r of records) {
    if (claimed.get(r.paper.key) === r) continue;
    if (r.paper.key && !usedKeys.has(r.paper.key)) usedKeys.add(r.paper.key);
    else needKey.push(r);
  }
  const usedIds = new Set(records.map((r) => r.paper.id).filter(Boolean));
  const sortKey = (r: Working) => `${r.paper.date ?? '9999'}\u0000${r.derived?.titleKey ?? normalizeTitle(r.paper.title)}`;
  const ordered = needKey.map((r) => ({ r, k: sortKey(r) })).sort((a, b) => compareStrings(a.k, b.k)).map(({ r }) => r);
  for (const r of ordered) {
    // A record made by one library entry has that entry's authors, year and title: its base key is the entry's.
    const base = r.derived && r.paper.sources.length === 1 ? r.derived.baseKey : baseCitationKey(r.paper);
    let key = base;
    for (let n = 0; usedKeys.has(key); n++) key = base + keySuffix(n);
    usedKeys.add(key);
    r.paper.key = key;
  }
  for (const r of fresh) {
    const slug = r.derived?.slug ?? slugifyTitle(r.paper.title);
    let id = slug;
    for (let n = 2; usedIds.has(id); n++) id = `${slug}-${n}`;
    usedIds.add(id);
    r.paper.id = id;
  }
  return { papers: records.map((r) => r.paper), problems };
}

/**
 * What changed between two versions of a corpus, by paper id: the papers to add or re-index
 * (new, or any field different) and the ids to drop. Lets a search index follow a library edit
 * without being rebuilt.
 */
export function diffPapers(before: readonly Paper[], after: readonly Paper[]): { upserts: Paper[]; removals: string[] } {
  const old = new Map(before.map((p) => [p.id, p]));
  const upserts: Paper[] = [];
  for (const p of after) {
    const prev = old.get(p.id);
    old.delete(p.id);
    if (!prev || !samePaper(prev, p)) upserts.push(p);
  }
  return { upserts, removals: [...old.keys()] };
}

const SCALAR_FIELDS = ['key', 'title', 'authorsTruncated', 'authorCount', 'organization', 'date', 'year', 'abstract', 'upvotes', 'doi', 'arxivId', 'url', 'venue'] as const;

/** Field-by-field equality of two papers (what a search index or a tree row shows of them). */
function samePaper(a: Paper, b: Paper): boolean {
  if (a === b) return true;
  for (const f of SCALAR_FIELDS) if (a[f] !== b[f]) return false;
  if (a.authors.length !== b.authors.length || a.sources.length !== b.sources.length) return false;
  for (let i = 0; i < a.authors.length; i++) if (a.authors[i] !== b.authors[i]) return false;
  for (let i = 0; i < a.sources.length; i++) {
    const x = a.sources[i];
    const y = b.sources[i];
    if (x.file !== y.file || x.line !== y.line || x.key !== y.key || x.position !== y.position || x.kind !== y.kind || x.site !== y.site) return false;
  }
  return true;
}

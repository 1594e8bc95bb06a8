/**
 * The Paper type and the small helpers that give a paper its identity: the slug `id` and the
 * citation `key`. Everything here is pure and deterministic: the same input gives the same output.
 */

/** The kinds of listing page the seed corpus is made of. */
export type ListingKind = 'publications' | 'daily' | 'search' | 'library';

/** Where a paper was seen: one listing file and its place in it. */
export interface PaperSource {
  /** File name of the listing, e.g. `000_43c632fb7be0ba3f.txt`. */
  file: string;
  /** Site the listing was scraped from: `flatiron` (institute publications) or `huggingface` (daily papers). */
  site: string;
  /** Layout of the listing. */
  kind: ListingKind;
  /** 1-based line of the paper's title in the file. */
  line: number;
  /** 1-based position of the paper among the listing's papers. */
  position: number;
  /** The entry's own citation key, for a `library` source (the user's BibTeX or CSL-JSON file). */
  key?: string;
}

/** One unique paper of the corpus. Field names are the CLI's JSON contract: change them only with care. */
export interface Paper {
  /** Stable slug of the title, unique in the corpus (`understanding-factual-recall-in-transformers-via-associative-memories`). */
  id: string;
  /** Citation key, unique in the corpus: `family` + `year` + first significant title word, lower-case ASCII. */
  key: string;
  title: string;
  /** Named authors in listing order; empty when the listing gave none. */
  authors: string[];
  /** True when the listing cut the author list short ("et al."). */
  authorsTruncated: boolean;
  /** Number of authors when known ("5 authors", or a complete named list); null when unknown. */
  authorCount: number | null;
  /** Organisation named instead of authors, if any. */
  organization: string | null;
  /** Publication date as ISO `YYYY-MM-DD`, or null. */
  date: string | null;
  year: number | null;
  /** Raw abstract text, TeX fragments kept as they were. */
  abstract: string;
  upvotes: number | null;
  sources: PaperSource[];
  /** DOI without a resolver prefix (`10.1109/CVPR.2016.90`); only papers from a user's library have one. */
  doi?: string;
  /** arXiv identifier without version (`2412.06538`), when a library entry names one. */
  arxivId?: string;
  url?: string;
  /** Journal, proceedings, school or publisher, as a library entry names it. */
  venue?: string;
}

/** A paper as one listing describes it, before merging and before it gets an id and key. */
export type ListedPaper = Omit<Paper, 'id' | 'key' | 'sources' | 'doi' | 'arxivId' | 'url' | 'venue'> & {
  source: PaperSource;
  /** True when the listing printed no year and the date's year is the page's capture year. */
  dateYearInferred?: boolean;
};

/** A problem found while reading a listing: the item it concerns was skipped or read partly. */
export interface ParseWarning {
  file: string;
  /** 1-based line where the problem starts. */
  line: number;
  message: string;
}

const GREEK: Record<string, string> = {
  α: 'alpha', β: 'beta', γ: 'gamma', δ: 'delta', ε: 'epsilon', ζ: 'zeta', η: 'eta', θ: 'theta',
  ι: 'iota', κ: 'kappa', λ: 'lambda', μ: 'mu', ν: 'nu', ξ: 'xi', ο: 'omicron', π: 'pi', ρ: 'rho',
  σ: 'sigma', ς: 'sigma', τ: 'tau', υ: 'upsilon', φ: 'phi', χ: 'chi', ψ: 'psi', ω: 'omega',
};

/** Spells out Greek letters (`Ψ` → `psi`), with `pad` on each side. */
function spellGreek(text: string, pad = ''): string {
  return text.replace(/[α-ωςΑ-Ω]/g, (c) => `${pad}${GREEK[c.toLowerCase()] ?? ''}${pad}`);
}

/**
 * Lower-cases text and folds its letters to ASCII, keeping punctuation: diacritics dropped
 * (`Sánchez` → `sanchez`), Greek letters spelled out (`Ψ` → `psi`), `ß` → `ss`. Pure-ASCII text
 * (most of it) takes a fast path.
 */
export function foldLetters(text: string): string {
  const lower = text.toLowerCase();
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(lower)) return lower;
  return spellGreek(lower, ' ')
    .replace(/ß/g, 'ss')
    .replace(/[æ]/g, 'ae')
    .replace(/[ø]/g, 'o')
    .replace(/[ł]/g, 'l')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
}

/**
 * Folds text to lower-case ASCII words ({@link foldLetters}); anything that is not a letter or digit
 * becomes a single space.
 */
export function foldToAscii(text: string): string {
  return foldLetters(text).replace(/[^a-z0-9]+/g, ' ').trim();
}

/** The form two listings' titles must share to be the same paper: folded, spacing and punctuation ignored. */
export function normalizeTitle(title: string): string {
  return foldToAscii(title.replace(/\\["'`^~=.]\{?([a-zA-Z])\}?/g, '$1'));
}

/** Words a citation key or slug never starts with (the BibTeX and Better BibTeX habit). */
const SKIP_WORDS = new Set(
  ('a an and as at but by do does for from how in into is are of on or the to towards toward via ' +
    'what when where which who why with without we our can not no its it this that these those be ' +
    'vs versus one').split(' '),
);

/**
 * Title words as lower-case ASCII for a citation key: stop words and single letters removed,
 * hyphenated compounds kept whole (`Fine-Grained` → `finegrained`, `Ψ-Sampler` → `psisampler`).
 */
export function significantWords(title: string): string[] {
  return foldToAscii(spellGreek(title).replace(/(?<=[\p{L}\p{N}])[-‐–](?=[\p{L}\p{N}])/gu, ''))
    .split(' ')
    .filter((w) => w.length > 1 && !SKIP_WORDS.has(w));
}

/**
 * A URL-safe slug of the title: folded words joined by `-`, cut at a word boundary after 80
 * characters. Not unique by itself: {@link assignIdentities} adds `-2`, `-3` on collisions. A caller
 * that has the title's {@link foldToAscii} form already passes it as `folded`.
 */
export function slugifyTitle(title: string, folded = foldToAscii(title)): string {
  const words = folded.split(' ').filter(Boolean);
  let slug = '';
  for (const w of words) {
    const next = slug ? `${slug}-${w}` : w;
    if (next.length > 80 && slug) break;
    slug = next;
  }
  return slug || 'untitled';
}

const NAME_PARTICLES = new Set(['van', 'von', 'der', 'den', 'de', 'del', 'della', 'da', 'di', 'du', 'la', 'le', 'ter', 'ten', 'dos', 'das', 'bin', 'al']);

/**
 * The family name of a display name as written in listings ("Jason D. Lee" → "Lee",
 * "Vincent van Gogh" → "van Gogh"). Names are given-first in every listing we read.
 */
export function familyName(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return '';
  let i = parts.length - 1;
  while (i > 1 && NAME_PARTICLES.has(parts[i - 1])) i--;
  return parts.slice(i).join(' ');
}

/**
 * The base of a citation key before it is made unique: first author's family name, year, first
 * significant title word (`nichani2024understanding`). Without authors the first significant title
 * word stands in for the name and the next one follows the year (`efficient2026refusal`); without
 * a year the year is left out.
 */
export function baseCitationKey(paper: Pick<Paper, 'authors' | 'title' | 'year'>): string {
  const words = significantWords(paper.title);
  const family = paper.authors.length > 0 ? foldToAscii(familyName(paper.authors[0])).replace(/ /g, '') : '';
  const name = family || words.shift() || 'anon';
  const year = paper.year !== null ? String(paper.year) : '';
  const word = words[0] ?? '';
  return `${name}${year}${word}`;
}

/** Compares two strings by UTF-16 code units, independent of locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Gives every paper a unique `id` and `key`. Collisions are resolved deterministically: papers that
 * share a base are ordered by date, then normalised title; the first keeps the bare key and the
 * others get `a`, `b`, … (Better BibTeX's habit); ids get `-2`, `-3`. Returns new objects in the
 * same order as the input.
 */
export function assignIdentities<T extends Omit<Paper, 'id' | 'key'>>(papers: readonly T[]): Array<T & { id: string; key: string }> {
  const order = papers
    .map((p, index) => ({ p, index, sortKey: `${p.date ?? '9999'}\u0000${normalizeTitle(p.title)}\u0000${String(index).padStart(8, '0')}` }))
    .sort((a, b) => compareStrings(a.sortKey, b.sortKey));
  const ids = new Array<string>(papers.length);
  const keys = new Array<string>(papers.length);
  const usedIds = new Set<string>();
  const usedKeys = new Set<string>();
  for (const { p, index } of order) {
    const slug = slugifyTitle(p.title);
    let id = slug;
    for (let n = 2; usedIds.has(id); n++) id = `${slug}-${n}`;
    usedIds.add(id);
    ids[index] = id;
    const base = baseCitationKey(p);
    let key = base;
    for (let n = 0; usedKeys.has(key); n++) key = base + keySuffix(n);
    usedKeys.add(key);
    keys[index] = key;
  }
  return papers.map((p, i) => ({ id: ids[i], key: keys[i], ...p }));
}

/** The `n`-th key suffix, counting from 0: `a` … `z`, then `aa`, `ab`, … */
export function keySuffix(n: number): string {
  let s = '';
  let k = n;
  do {
    s = String.fromCharCode(97 + (k % 26)) + s;
    k = Math.floor(k / 26) - 1;
  } while (k >= 0);
  return s;
}

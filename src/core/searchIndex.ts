import MiniSearch, { type AsPlainObject, type Options, type SearchOptions, type SearchResult } from 'minisearch';
import { mineAcronyms, type AcronymTable } from './acronyms';
import { foldToAscii, normalizeTitle, type Paper } from './paper';
import { parseQuery, type ParsedQuery } from './query';
import { foldTex, termForms, tokenize } from './searchText';
import { stem } from './stemmer';

/**
 * The search index of a corpus: the only place that knows MiniSearch's options (fields, boosts,
 * tokenizer, stemming, fuzzy and prefix rules). Ranking: BM25 over title, authors, abstract,
 * organisation, year and key with field boosts; the last word typed matches as a prefix; longer
 * words tolerate typos; acronyms expand both ways ("LLM" ⇄ "large language model") from a table
 * mined from the corpus at index time.
 */

/** One ranked result: a paper id, its score, and the indexed terms it matched (for highlighting). */
export interface SearchHit {
  id: string;
  score: number;
  terms: string[];
}

export interface SearchRequest {
  /** Most results to return; all when omitted. */
  limit?: number;
  /** Multiplies a paper's score (frecency); 1 when omitted. */
  boost?: (id: string) => number;
}

/** Serialized form, stored in the prebuilt corpus. */
export interface SerializedIndex {
  version: number;
  acronyms: AcronymTable;
  index: AsPlainObject;
}

const INDEX_VERSION = 1;

/** How much matching only part of the query words costs: score × coverage². */
const COVERAGE_WEIGHT = (fraction: number) => fraction * fraction;

const FIELDS = ['title', 'authors', 'abstract', 'organization', 'year', 'key'] as const;
type Field = (typeof FIELDS)[number];
const FIELD_BOOST: Record<Field, number> = { title: 3, authors: 3, key: 2, organization: 1.5, year: 1.5, abstract: 1 };

/** Words too common in research prose to rank by. Names, keys and years keep every word. */
const STOP_WORDS = new Set(
  ('a an and are as at be by can for from has have in into is it its of on or our that the their these this those to ' +
    'via was we were which while with within without not also than then such both each other more most using based').split(' '),
);

interface IndexedDoc {
  id: string;
  title: string;
  authors: string;
  abstract: string;
  organization: string;
  year: string;
  key: string;
}

/**
 * What filters need of a paper. The small fields are precomputed; the paper's text is read only when
 * a phrase or an exclusion asks for it: a copy of every abstract (and a set of its stems) would
 * double the memory of a 100,000-paper index for queries that rarely use them.
 */
interface FilterData {
  paper: Paper;
  authors: string[];
  year: number | null;
  sources: string;
}

function toDoc(p: Paper): IndexedDoc {
  return {
    id: p.id,
    title: p.title,
    authors: p.authors.join(', '),
    abstract: p.abstract,
    organization: p.organization ?? '',
    year: p.year !== null ? String(p.year) : '',
    key: p.key,
  };
}

/**
 * The ideas of the ranking, each of which the bench can switch off to measure what it is worth
 * (`bench --ablation`). The extension and the CLI always use {@link FULL_TUNING}.
 */
export interface SearchTuning {
  /** Porter stems and British → American spellings; off: exact lower-case words. */
  stemming: boolean;
  /** Acronym ⇄ expansion rewriting. */
  acronyms: boolean;
  /** Typo tolerance for words that matched nothing exactly. */
  typos: boolean;
  /** The word being typed completes as a prefix. */
  prefix: boolean;
  /** Score × (fraction of query words matched)². */
  coverage: boolean;
  /** Title and authors weigh 3, key 2, organisation and year 1.5, abstract 1; off: all 1. */
  fieldBoosts: boolean;
}

export const FULL_TUNING: Readonly<SearchTuning> = { stemming: true, acronyms: true, typos: true, prefix: true, coverage: true, fieldBoosts: true };

const plainForms = (word: string): string[] => [word];

function miniSearchOptions(tuning: SearchTuning): Options<IndexedDoc> {
  const forms = tuning.stemming ? termForms : plainForms;
  return {
    fields: [...FIELDS],
    storeFields: [],
    idField: 'id',
    tokenize: (text) => tokenize(text),
    processTerm: (term, field) => {
      switch (field) {
        case 'authors':
        case 'key':
        case 'year':
          return [term];
        case 'abstract':
          return STOP_WORDS.has(term) ? null : forms(term, false);
        default:
          return STOP_WORDS.has(term) ? null : forms(term, true);
      }
    },
    searchOptions: { boost: FIELD_BOOST },
  };
}

const MINISEARCH_OPTIONS = miniSearchOptions(FULL_TUNING);

/** The search index of a corpus. Build it with {@link PaperIndex.build} or load a serialized one. */
export class PaperIndex {
  private readonly filterData = new Map<string, FilterData>();

  private constructor(
    private readonly mini: MiniSearch<IndexedDoc>,
    private readonly acronyms: AcronymTable,
    papers: readonly Paper[],
    private readonly tuning: Readonly<SearchTuning> = FULL_TUNING,
  ) {
    for (const p of papers) this.filterData.set(p.id, filterDataOf(p));
  }

  /** Indexes papers, mining acronym definitions from their titles and abstracts. `tuning` is for measurements only. */
  static build(papers: readonly Paper[], tuning: Readonly<SearchTuning> = FULL_TUNING): PaperIndex {
    const mini = new MiniSearch<IndexedDoc>(tuning === FULL_TUNING ? MINISEARCH_OPTIONS : miniSearchOptions(tuning));
    mini.addAll(papers.map(toDoc));
    return new PaperIndex(mini, mineAcronyms(papers.map((p) => `${p.title}. ${p.abstract}`)), papers, tuning);
  }

  /** Loads an index serialized by {@link toJSON}; `papers` must be the corpus it was built from. */
  static load(data: SerializedIndex, papers: readonly Paper[]): PaperIndex {
    if (data.version !== INDEX_VERSION) throw new Error(`search index has version ${data.version}, expected ${INDEX_VERSION}`);
    return new PaperIndex(MiniSearch.loadJS(data.index, MINISEARCH_OPTIONS), data.acronyms, papers);
  }

  toJSON(): SerializedIndex {
    return { version: INDEX_VERSION, acronyms: this.acronyms, index: this.mini.toJSON() };
  }

  get size(): number {
    return this.mini.documentCount;
  }

  /** Adds a paper, or replaces the indexed version of a paper with the same id. */
  upsert(paper: Paper): void {
    if (this.mini.has(paper.id)) this.mini.replace(toDoc(paper));
    else this.mini.add(toDoc(paper));
    this.filterData.set(paper.id, filterDataOf(paper));
  }

  /** Removes a paper by id; nothing happens if it is not indexed. */
  remove(id: string): void {
    if (!this.mini.has(id)) return;
    this.mini.discard(id);
    this.filterData.delete(id);
  }

  /** The acronyms the index expands (mined and built in). */
  acronymTable(): Readonly<AcronymTable> {
    return this.acronyms;
  }

  /**
   * Ranks papers for a query in the search syntax (see query.ts), best first. A query of filters
   * only lists the matching papers, newest first. An empty query returns nothing.
   */
  search(input: string, request: SearchRequest = {}): SearchHit[] {
    const parsed = parseQuery(input);
    const filter = this.makeFilter(parsed);
    const boost = request.boost;
    let hits: SearchHit[];
    if (!parsed.text.trim()) {
      if (!parsed.hasFilters) return [];
      hits = [...this.filterData.entries()]
        .filter(([id]) => filter(id))
        .map(([id, d]) => ({ id, score: (d.year ?? 0) / 10000, terms: [] }))
        .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
    } else {
      hits = this.rank(parsed, /\s$/.test(input), filter);
    }
    if (boost) {
      for (const h of hits) h.score *= boost(h.id);
      hits.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
    }
    return request.limit !== undefined ? hits.slice(0, request.limit) : hits;
  }

  private rank(parsed: ParsedQuery, lastWordDone: boolean, filter: (id: string) => boolean): SearchHit[] {
    const words = tokenize(parsed.text);
    if (words.length === 0) return [];
    const lastWord = words[words.length - 1];
    const forms = this.tuning.stemming ? termForms : plainForms;
    const options: SearchOptions = {
      combineWith: 'OR',
      boost: this.tuning.fieldBoosts ? FIELD_BOOST : {},
      filter: (r: SearchResult) => filter(String(r.id)),
      // Only the word being typed completes, in the form typed: its stem ("nas" → "na") would
      // complete to far too many words.
      prefix: (term) => this.tuning.prefix && !lastWordDone && term.length >= 2 && term === lastWord && !/^\d+$/.test(term),
      fuzzy: (term) => (term.length >= 5 && !/\d/.test(term) ? 0.2 : false),
      maxFuzzy: 2,
      weights: { fuzzy: 0.35, prefix: 0.6 },
      processTerm: (term) => (STOP_WORDS.has(term) && words.length > 1 ? null : forms(term, true)),
      tokenize: (text) => tokenize(text),
    };
    // Which query words a result matched, by any of their forms: a paper matching every word of
    // "diffsuion models" beats one that only matches the common "models".
    const wordOf = new Map<string, number[]>();
    words.forEach((w, i) => {
      for (const form of forms(w, true)) wordOf.set(form, [...(wordOf.get(form) ?? []), i]);
    });
    const found = new Map<string, { hit: SearchHit; words: Set<number>; extra: number }>();
    const entry = (id: string) => {
      let e = found.get(id);
      if (!e) found.set(id, (e = { hit: { id, score: 0, terms: [] }, words: new Set(), extra: 0 }));
      return e;
    };
    const matched = new Set<number>();
    const add = (results: SearchResult[]) => {
      for (const r of results) {
        const e = entry(String(r.id));
        e.hit.score += r.score;
        for (const t of r.terms) if (!e.hit.terms.includes(t)) e.hit.terms.push(t);
        for (const q of r.queryTerms) for (const i of wordOf.get(q) ?? []) {
          e.words.add(i);
          matched.add(i);
        }
      }
    };
    // Exact and prefix matches first; typo tolerance only for the words that matched nothing, which
    // keeps the costly fuzzy walk off most keystrokes.
    add(this.mini.search(parsed.text, { ...options, fuzzy: false }));
    const unmatched = words.filter((w, i) => !matched.has(i) && w.length >= 5 && !/\d/.test(w));
    // A word that matched nothing exactly was mistyped: its near matches count almost fully.
    if (unmatched.length && this.tuning.typos) add(this.mini.search(unmatched.join(' '), { ...options, weights: { fuzzy: 0.8, prefix: 0.6 } }));
    if (this.tuning.coverage) for (const e of found.values()) e.hit.score *= COVERAGE_WEIGHT(e.words.size / words.length);
    for (const expansion of this.tuning.acronyms ? this.expansions(words) : []) {
      for (const r of this.mini.search(expansion, { ...options, prefix: false, fuzzy: false, combineWith: 'AND' })) {
        const e = entry(String(r.id));
        e.hit.score += r.score * 0.7;
        for (const t of r.terms) if (!e.hit.terms.includes(t)) e.hit.terms.push(t);
      }
    }
    const scores = new Map([...found].map(([id, e]) => [id, e.hit]));
    for (const phrase of parsed.phrases) {
      // Papers with the exact phrase in the title rank above those with it only in the abstract.
      const norm = normalizeTitle(phrase);
      for (const hit of scores.values()) if (normalizeTitle(this.filterData.get(hit.id)?.paper.title ?? '').includes(norm)) hit.score *= 1.5;
    }
    return [...scores.values()].sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  }

  /** Other ways to say the query: an acronym's expansion, or the acronym of an expanded phrase. */
  private expansions(words: string[]): string[] {
    const stems = words.map(stem);
    const out: string[] = [];
    for (const w of words) {
      const key = w.replace(/s$/, '');
      const expansion = this.acronyms[w] ?? this.acronyms[key];
      if (expansion && !(expansion.length === 1 && stems.includes(expansion[0]))) out.push(expansion.join(' '));
    }
    for (const [acronym, expansion] of Object.entries(this.acronyms)) {
      if (expansion.length < 2 || expansion.length > stems.length) continue;
      for (let i = 0; i + expansion.length <= stems.length; i++) {
        if (expansion.every((e, j) => stems[i + j] === e)) {
          out.push(acronym);
          break;
        }
      }
    }
    return [...new Set(out)];
  }

  private makeFilter(q: ParsedQuery): (id: string) => boolean {
    if (!q.hasFilters) return () => true;
    const authors = q.authors.map((a) => foldToAscii(a));
    const sources = q.sources.map((s) => s.toLowerCase());
    const phrases = q.phrases.map((p) => normalizeTitle(p)).filter(Boolean);
    const excludes = q.excludes.map((e) => tokenize(e).map((w) => stem(w)));
    return (id) => {
      const d = this.filterData.get(id);
      if (!d) return false;
      if (q.yearFrom !== null && (d.year === null || d.year < q.yearFrom)) return false;
      if (q.yearTo !== null && (d.year === null || d.year > q.yearTo)) return false;
      if (authors.length && !authors.every((a) => d.authors.some((name) => name.split(' ').some((part) => part.startsWith(a)) || name.startsWith(a)))) return false;
      if (sources.length && !sources.every((s) => d.sources.includes(s))) return false;
      if (phrases.length) {
        const text = `${normalizeTitle(d.paper.title)}\n${normalizeTitle(d.paper.abstract)}`;
        if (!phrases.every((p) => text.includes(p))) return false;
      }
      if (excludes.length) {
        const stems = new Set(tokenize(`${d.paper.title} ${foldTex(d.paper.abstract)}`).map((w) => stem(w)));
        if (excludes.some((words) => words.length > 0 && words.every((w) => stems.has(w)))) return false;
      }
      return true;
    };
  }
}

function filterDataOf(p: Paper): FilterData {
  return {
    paper: p,
    authors: p.authors.map((a) => foldToAscii(a)),
    year: p.year,
    sources: p.sources.map((s) => `${s.site} ${s.kind} ${s.file}`).join(' ').toLowerCase(),
  };
}

/**
 * A MiniSearch index as most projects configure it (title, authors and abstract, default tokenizer,
 * no stemming, prefix search and 0.2 fuzziness on every word, a title boost): the baseline that the
 * bench compares our configuration with. Returns a function from a query to ranked paper ids.
 */
export function baselineSearch(papers: readonly Paper[]): (query: string, limit: number) => string[] {
  const mini = new MiniSearch<IndexedDoc>({ fields: ['title', 'authors', 'abstract'], storeFields: [], idField: 'id' });
  mini.addAll(papers.map(toDoc));
  return (query, limit) =>
    mini
      .search(query, { prefix: true, fuzzy: 0.2, boost: { title: 2 } })
      .slice(0, limit)
      .map((r) => String(r.id));
}

import MiniSearch from 'minisearch';
import { mineAcronyms, type AcronymTable } from './acronyms';
import { foldToAscii, normalizeTitle, type Paper } from './paper';
import { parseQuery, type ParsedQuery } from './query';
import { foldTex, termForms, tokenize } from './searchText';
import { stem } from './stemmer';
import { bitCount, ScoreTable, TermIndex, type FieldSchema, type SerializedTermIndex, type TermExpansion } from './termIndex';

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
  /** Score multipliers of a few papers (frecency); the others keep theirs. */
  boosts?: ReadonlyMap<string, number>;
}

/** Serialized form, stored in the prebuilt corpus. */
export interface SerializedIndex {
  version: number;
  acronyms: AcronymTable;
  index: SerializedTermIndex;
}

const INDEX_VERSION = 3;

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
 * What filters need of a paper, worked out when a filtered query first reaches it (folding every
 * author name of a 20,000-entry library up front cost its load ~0.1 s for queries that rarely
 * filter). The paper's text is read only when a phrase or an exclusion asks for it: a copy of every
 * abstract would double the memory of a 100,000-paper index.
 */
interface FilterData {
  paper: Paper;
  /** Folded author names, and every word of them, for `au:` prefixes. */
  authors: string[];
  authorWords: string[];
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

/** The fields in {@link FIELDS} order, as the term index indexes them for a tuning. */
function fieldSchema(tuning: Readonly<SearchTuning>): FieldSchema[] {
  const forms = tuning.stemming ? termForms : plainForms;
  return FIELDS.map((field) => {
    const boost = tuning.fieldBoosts ? FIELD_BOOST[field] : 1;
    switch (field) {
      case 'authors':
      case 'key':
      case 'year':
        // Names, keys and years keep every word as written.
        return { boost, processTerm: (term: string) => [term] };
      case 'abstract':
        // Abstracts index stems only: whole words there would double the index for little gain.
        return { boost, processTerm: (term: string) => (STOP_WORDS.has(term) ? null : forms(term, false)) };
      default:
        return { boost, processTerm: (term: string) => (STOP_WORDS.has(term) ? null : forms(term, true)) };
    }
  });
}

const FULL_SCHEMA = fieldSchema(FULL_TUNING);
const texts = (p: Paper): string[] => {
  const d = toDoc(p);
  return FIELDS.map((f) => d[f]);
};
const bitOf = (i: number): number => (i < 32 ? (1 << i) >>> 0 : 0);

/** One pass of a query over the index: its terms, their expansions, and whether every term must match. */
interface QueryPass {
  terms: string[];
  expansions: TermExpansion[];
  every: boolean;
}

/**
 * The search index of a corpus. Build it with {@link PaperIndex.build} or load a serialized one.
 * Scoring follows MiniSearch's BM25+ over the fields with their boosts; the postings live in a
 * {@link TermIndex} so that a keystroke on 100,000 papers stays in milliseconds.
 */
export class PaperIndex {
  private readonly papers = new Map<string, Paper>();
  /** What filters read of a paper, worked out on the first filtered query that reaches it. */
  private readonly filterFacts = new Map<string, FilterData>();
  private readonly passScores = new ScoreTable();
  private readonly totals = new ScoreTable();
  private byDate: string[] | undefined;

  private constructor(
    private readonly terms: TermIndex,
    private readonly acronyms: AcronymTable,
    papers: readonly Paper[],
    private readonly tuning: Readonly<SearchTuning> = FULL_TUNING,
  ) {
    for (const p of papers) this.papers.set(p.id, p);
  }

  /** Indexes papers, mining acronym definitions from their titles and abstracts. `tuning` is for measurements only. */
  static build(papers: readonly Paper[], tuning: Readonly<SearchTuning> = FULL_TUNING): PaperIndex {
    const schema = tuning === FULL_TUNING ? FULL_SCHEMA : fieldSchema(tuning);
    const terms = TermIndex.build(schema, papers.map((p) => ({ id: p.id, texts: texts(p) })));
    return new PaperIndex(terms, mineAcronyms(papers.map((p) => `${p.title}. ${p.abstract}`)), papers, tuning);
  }

  /** Loads an index serialized by {@link toJSON}; `papers` must be the corpus it was built from. */
  static load(data: SerializedIndex, papers: readonly Paper[]): PaperIndex {
    if (data.version !== INDEX_VERSION) throw new Error(`search index has version ${data.version}, expected ${INDEX_VERSION}`);
    return new PaperIndex(TermIndex.load(FULL_SCHEMA, data.index), data.acronyms, papers);
  }

  /** The serialized index (for the prebuilt corpus): the papers as they are now, indexed afresh. */
  toJSON(): SerializedIndex {
    const papers = [...this.papers.values()];
    const saving = TermIndex.build(fieldSchema(this.tuning), papers.map((p) => ({ id: p.id, texts: texts(p) })), undefined, { forSaving: true });
    return { version: INDEX_VERSION, acronyms: this.acronyms, index: saving.toJSON() };
  }

  get size(): number {
    return this.terms.size;
  }

  /** Adds a paper, or replaces the indexed version of a paper with the same id. */
  upsert(paper: Paper): void {
    this.terms.upsert(paper.id, texts(paper));
    this.papers.set(paper.id, paper);
    this.filterFacts.delete(paper.id);
    this.byDate = undefined;
  }

  /** Removes a paper by id; nothing happens if it is not indexed. */
  remove(id: string): void {
    if (!this.terms.has(id)) return;
    this.terms.remove(id);
    this.papers.delete(id);
    this.filterFacts.delete(id);
    this.byDate = undefined;
  }

  /** Follows a change of the corpus (what the library merge's `diffPapers` gives): drops the removed papers, then adds or replaces the others. */
  apply(changes: { readonly upserts: readonly Paper[]; readonly removals: readonly string[] }): void {
    for (const id of changes.removals) this.remove(id);
    for (const p of changes.upserts) this.upsert(p);
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
    if (parsed.text.trim()) return this.rank(parsed, /\s$/.test(input), filter, request);
    if (!parsed.hasFilters) return [];
    // Filters alone list the matching papers, newest first: walk them in that order and stop at
    // `limit`, weighing the boosted papers apart (a boost can lift an older paper up the list).
    const boosts = request.boosts ?? new Map<string, number>();
    const limit = request.limit ?? Infinity;
    const rows: SearchHit[] = [];
    for (const id of this.newestFirst()) {
      if (rows.length >= limit) break;
      if (!boosts.has(id) && filter(id)) rows.push({ id, score: this.yearScore(id), terms: [] });
    }
    for (const [id, factor] of boosts) if (this.papers.has(id) && filter(id)) rows.push({ id, score: this.yearScore(id) * factor, terms: [] });
    return rows.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)).slice(0, limit);
  }

  private yearScore(id: string): number {
    return (this.papers.get(id)?.year ?? 0) / 10000;
  }

  /** Paper ids newest first (ties by id), kept until the papers change. */
  private newestFirst(): string[] {
    this.byDate ??= [...this.papers.keys()].sort((a, b) => this.yearScore(b) - this.yearScore(a) || (a < b ? -1 : 1));
    return this.byDate;
  }

  /**
   * Scores the query's words in up to three passes, as a MiniSearch OR query each: exact words with
   * the last one completing as a prefix; then near spellings of the words that matched nothing
   * (typos); then acronym expansions, every word required. Within a pass a paper's score is
   * multiplied by the number of query terms it matched; after the first two, by the square of the
   * fraction of query words matched (coverage).
   */
  private rank(parsed: ParsedQuery, lastWordDone: boolean, filter: (id: string) => boolean, request: SearchRequest): SearchHit[] {
    const words = tokenize(parsed.text);
    if (words.length === 0) return [];
    const lastWord = words[words.length - 1];
    const forms = this.tuning.stemming ? termForms : plainForms;
    const queryTerms = (text: string) => tokenize(text).flatMap((term) => (STOP_WORDS.has(term) && words.length > 1 ? [] : forms(term, true)));
    // Only the word being typed completes, in the form typed: its stem ("nas" → "na") would
    // complete to far too many words.
    const completes = (term: string) => this.tuning.prefix && !lastWordDone && term.length >= 2 && term === lastWord && !/^\d+$/.test(term);
    // Which query words each form stands for: a paper matching every word of "diffsuion models"
    // beats one that only matches the common "models".
    const wordBits = new Map<string, number>();
    words.forEach((w, i) => {
      for (const form of forms(w, true)) wordBits.set(form, (wordBits.get(form) ?? 0) | bitOf(i));
    });
    const capacity = this.terms.capacity;
    const totals = this.totals;
    totals.reset(capacity);
    const passes: QueryPass[] = [];
    // Filters apply inside each pass, as MiniSearch's filter option did: a word whose matches are all
    // filtered out counts as unmatched and gets the typo pass. Each paper is tested once per query.
    const verdicts = parsed.hasFilters ? new Uint8Array(capacity) : null;
    const kept = (d: number): boolean => {
      if (!verdicts) return true;
      if (verdicts[d] === 0) verdicts[d] = filter(this.terms.idAt(d)) ? 1 : 2;
      return verdicts[d] === 1;
    };
    const run = (terms: string[], maxEdits: (term: string) => number, weights: { prefix: number; fuzzy: number }, every: boolean, weight: number, countWords: boolean): number => {
      const unique = [...new Set(terms)];
      const queries = terms.map((term) => ({ term, prefix: !every && completes(term), maxEdits: maxEdits(term) }));
      const expansions = this.terms.expand(queries, weights);
      passes.push({ terms, expansions, every });
      const termBit = queries.map((q) => bitOf(unique.indexOf(q.term)));
      const wordsOfBit = unique.map((t) => (countWords ? (wordBits.get(t) ?? 0) : 0));
      const all = unique.length >= 32 ? 0xffffffff : bitOf(unique.length) - 1;
      const scores = this.passScores;
      scores.reset(capacity);
      this.terms.accumulate(expansions, (q) => termBit[q], scores);
      let matched = 0;
      for (let i = 0; i < scores.size; i++) {
        const d = scores.docs[i];
        const bits = scores.bits[d];
        if ((every && bits !== all) || !kept(d)) continue;
        let wordMask = 0;
        for (let b = bits, j = 0; b !== 0; b >>>= 1, j++) if (b & 1) wordMask |= wordsOfBit[j];
        matched |= wordMask;
        totals.add(d, weight * scores.score[d] * bitCount(bits), wordMask);
      }
      return matched;
    };
    const matched = run(queryTerms(parsed.text), () => 0, { fuzzy: 0.35, prefix: 0.6 }, false, 1, true);
    // A word that matched nothing exactly was mistyped: its near matches count almost fully. Only
    // those words get the costly fuzzy walk.
    const unmatched = words.filter((w, i) => !(matched & bitOf(i)) && w.length >= 5 && !/\d/.test(w));
    if (unmatched.length && this.tuning.typos) {
      run(queryTerms(unmatched.join(' ')), (t) => (t.length >= 5 && !/\d/.test(t) ? Math.min(2, Math.round(t.length * 0.2)) : 0), { fuzzy: 0.8, prefix: 0.6 }, false, 1, true);
    }
    if (this.tuning.coverage) {
      for (let i = 0; i < totals.size; i++) {
        const d = totals.docs[i];
        totals.score[d] *= COVERAGE_WEIGHT(bitCount(totals.bits[d]) / words.length);
      }
    }
    for (const expansion of this.tuning.acronyms ? this.expansions(words) : []) {
      const terms = queryTerms(expansion);
      if (terms.length) run(terms, () => 0, { fuzzy: 0, prefix: 0 }, true, 0.7, false);
    }
    // Papers with a quoted phrase in the title rank above those with it only in the abstract.
    const phrases = parsed.phrases.map((p) => normalizeTitle(p)).filter(Boolean);
    for (const [id, factor] of request.boosts ?? []) {
      const d = this.terms.docNumber(id);
      if (d !== undefined && totals.has(d)) totals.score[d] *= factor;
    }
    const candidates = Array.from(totals.docs.subarray(0, totals.size));
    if (phrases.length) {
      for (const d of candidates) {
        const title = normalizeTitle(this.papers.get(this.terms.idAt(d))?.title ?? '');
        for (const p of phrases) if (title.includes(p)) totals.score[d] *= 1.5;
      }
    }
    const better = (a: number, b: number) => totals.score[a] > totals.score[b] || (totals.score[a] === totals.score[b] && this.terms.idAt(a) < this.terms.idAt(b));
    const top = request.limit !== undefined ? bestOf(candidates, request.limit, better) : candidates.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
    return top.map((d) => ({ id: this.terms.idAt(d), score: totals.score[d], terms: this.matchedTerms(d, passes) }));
  }

  /** The index terms a paper matched, for highlighting: worked out for the shown papers only. */
  private matchedTerms(doc: number, passes: readonly QueryPass[]): string[] {
    const out = new Set<string>();
    for (const { terms, expansions, every } of passes) {
      const found = expansions.filter((e) => this.terms.contains(e.termId, doc));
      if (every && new Set(found.map((e) => terms[e.query])).size < new Set(terms).size) continue;
      for (const e of found) out.add(this.terms.termAt(e.termId));
    }
    return [...out];
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

  private factsOf(id: string): FilterData | undefined {
    let facts = this.filterFacts.get(id);
    if (!facts) {
      const paper = this.papers.get(id);
      if (!paper) return undefined;
      facts = filterDataOf(paper);
      this.filterFacts.set(id, facts);
    }
    return facts;
  }

  private makeFilter(q: ParsedQuery): (id: string) => boolean {
    if (!q.hasFilters) return () => true;
    const authors = q.authors.map((a) => foldToAscii(a));
    const sources = q.sources.map((s) => s.toLowerCase());
    const phrases = q.phrases.map((p) => normalizeTitle(p)).filter(Boolean);
    const excludes = q.excludes.map((e) => tokenize(e).map((w) => stem(w)));
    return (id) => {
      const d = this.factsOf(id);
      if (!d) return false;
      if (q.yearFrom !== null && (d.year === null || d.year < q.yearFrom)) return false;
      if (q.yearTo !== null && (d.year === null || d.year > q.yearTo)) return false;
      if (authors.length && !authors.every((a) => d.authorWords.some((word) => word.startsWith(a)) || d.authors.some((name) => name.startsWith(a)))) return false;
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

/** The `n` best of `items` by `better`, best first: a bounded heap, so a common word's 100,000 matches are not all sorted. */
function bestOf(items: readonly number[], n: number, better: (a: number, b: number) => boolean): number[] {
  if (n <= 0) return [];
  // heap[0] is the worst of those kept.
  const heap: number[] = [];
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < heap.length && better(heap[worst], heap[l])) worst = l;
      if (r < heap.length && better(heap[worst], heap[r])) worst = r;
      if (worst === i) return;
      [heap[i], heap[worst]] = [heap[worst], heap[i]];
      i = worst;
    }
  };
  for (const x of items) {
    if (heap.length < n) {
      heap.push(x);
      for (let i = heap.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (!better(heap[parent], heap[i])) break;
        [heap[i], heap[parent]] = [heap[parent], heap[i]];
        i = parent;
      }
    } else if (better(x, heap[0])) {
      heap[0] = x;
      down(0);
    }
  }
  return heap.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
}

function filterDataOf(p: Paper): FilterData {
  return {
    paper: p,
    authors: p.authors.map((a) => foldToAscii(a)),
    authorWords: p.authors.flatMap((a) => foldToAscii(a).split(' ')),
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

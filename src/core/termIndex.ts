import SearchableMap from 'minisearch/SearchableMap';
import { TokenTable } from './tokenTable';

/**
 * A compact inverted index that scores like MiniSearch but stores its postings in typed arrays.
 *
 * MiniSearch keeps a Map per term and field and builds an object per matching document on every
 * query; on 100,000 abstracts a keystroke on a common word ("neural", "sp…") walks hundreds of
 * thousands of those. Here each (term, document) pair is one slot of two flat arrays, holding the
 * document and its precomputed impact: the sum over fields of field boost × BM25+ (MiniSearch's
 * formula and parameters, idf per field), so a query is a multiply-add per posting into a reusable
 * score table. Prefixes expand through the vocabulary sorted once per freeze, typos through
 * MiniSearch's radix tree (`SearchableMap`) and its edit-distance walk. The tree is made on the first
 * typo query: making it took 24 ms of a cold start for the bundled papers' 4,800 terms, and most
 * keystrokes never need it. Papers added after the build go to a small mutable segment; removed
 * ones are masked until the next {@link TermIndex.freeze}.
 */

/** How a field is indexed: its boost, and the index terms of one of its tokens (none for a stop word). */
export interface FieldSchema {
  boost: number;
  processTerm: (token: string) => readonly string[] | null;
}

/** One query term and how far it may stretch: to longer words (prefix) and to near spellings (edits). */
export interface TermQuery {
  term: string;
  prefix: boolean;
  /** Most edit operations allowed; 0 for exact matching. */
  maxEdits: number;
}

/** What a query term reaches in the vocabulary: an index term and how much a match on it weighs. */
export interface TermExpansion {
  /** Position of the query term this came from in the list passed to {@link TermIndex.expand}. */
  query: number;
  termId: number;
  weight: number;
}

// BM25+ as MiniSearch computes it (k, b, d = its defaults).
const K = 1.2;
const B = 0.7;
const D = 0.5;
const idfOf = (docFreq: number, docCount: number) => Math.log(1 + (docCount - docFreq + 0.5) / (docFreq + 0.5));
/** BM25's length part of a term frequency's normalisation, for a field of `length` tokens. */
const tfLengthPart = (length: number, average: number) => K * (1 - B + (B * length) / (average || 1));
/** BM25+'s term frequency part, given the field's {@link tfLengthPart}. */
const tfPart = (tf: number, lengthPart: number) => D + (tf * (K + 1)) / (tf + lengthPart);
const tfNorm = (tf: number, length: number, average: number) => tfPart(tf, tfLengthPart(length, average));

const SERIAL_VERSION = 2;

/**
 * The serialized form of a {@link TermIndex}: what the build counted, from which loading recomputes
 * the postings and their impacts. Small integers in plain JSON arrays parse natively and compress
 * well in the .vsix, where typed-array bytes did neither.
 */
export interface SerializedTermIndex {
  version: number;
  /** Document ids by position. */
  ids: string[];
  /** The vocabulary in alphabetical order, space-separated (index terms never contain spaces): term ids are positions in it. */
  terms: string;
  /** Unique tokens per document and field, documents × fields. */
  lengths: number[];
  /**
   * Per document: its number of (term, field) pairs, then for each pair, in order of the key
   * term × 8 + field, the key's increase over the previous key and the term's frequency in the field.
   */
  entries: number[];
}

/** What the first pass of a build counts: per document, its (term, field) keys and frequencies. */
interface Entries {
  docStarts: Uint32Array;
  keys: Uint32Array;
  tfs: Uint32Array;
}

/** Scores per document, reused from query to query: only the touched documents are ever reset. */
export class ScoreTable {
  score = new Float64Array(0);
  bits = new Uint32Array(0);
  /** The touched documents, in the order first touched; `size` of them are valid. */
  docs = new Int32Array(0);
  size = 0;
  private stamp = new Uint32Array(0);
  private epoch = 0;

  /** Empties the table for documents numbered below `capacity`. */
  reset(capacity: number): void {
    if (capacity > this.score.length) {
      const n = Math.max(capacity, Math.ceil(this.score.length * 1.5));
      this.score = new Float64Array(n);
      this.bits = new Uint32Array(n);
      this.docs = new Int32Array(n);
      this.stamp = new Uint32Array(n);
      this.epoch = 0;
    }
    this.size = 0;
    if (++this.epoch === 0xffffffff) {
      this.stamp.fill(0);
      this.epoch = 1;
    }
  }

  add(doc: number, score: number, bits: number): void {
    if (this.stamp[doc] !== this.epoch) {
      this.stamp[doc] = this.epoch;
      this.score[doc] = score;
      this.bits[doc] = bits;
      this.docs[this.size++] = doc;
    } else {
      this.score[doc] += score;
      this.bits[doc] |= bits;
    }
  }

  has(doc: number): boolean {
    return this.stamp[doc] === this.epoch;
  }
}

/** Counts the set bits of a 32-bit mask. */
export function bitCount(mask: number): number {
  let m = mask - ((mask >>> 1) & 0x55555555);
  m = (m & 0x33333333) + ((m >>> 2) & 0x33333333);
  return (((m + (m >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** A growable Uint32 list: the build's scratch space, without a JS number per slot. */
class U32List {
  data = new Uint32Array(1024);
  length = 0;
  push(x: number): void {
    if (this.length === this.data.length) {
      const next = new Uint32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = x;
  }
}

function grownInt32(array: Int32Array, atLeast: number): Int32Array {
  const next = new Int32Array(Math.max(atLeast, array.length * 2));
  next.set(array);
  return next;
}

function grownUint32(array: Uint32Array, atLeast: number): Uint32Array {
  const next = new Uint32Array(Math.max(atLeast, array.length * 2));
  next.set(array);
  return next;
}

interface DeltaPostings {
  docs: number[];
  impacts: number[];
}

export class TermIndex {
  /** Term ids in the order of their terms, for prefix ranges; terms added since the last freeze are not in it. */
  private sortedTermIds = new Uint32Array(0);
  /** The vocabulary as a radix tree, for typo expansion; made on first use. */
  private vocab: SearchableMap<number> | undefined;
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  private readonly ids: Array<string | null> = [];
  private readonly docOf = new Map<string, number>();
  private alive = new Uint8Array(0);
  private liveCount = 0;
  private lengths = new Uint32Array(0);
  private readonly fieldLengthSum: Float64Array;
  // The frozen segment, in compressed-row form: term t's postings are [offsets[t], offsets[t + 1]).
  private offsets = new Uint32Array(1);
  private postDocs = new Uint32Array(0);
  private postImpacts = new Float32Array(0);
  private frozenTerms = 0;
  /** Postings of documents added since the last freeze. */
  private readonly delta = new Map<number, DeltaPostings>();
  private deltaPostings = 0;
  /** What the build counted, kept only when the index is built to be saved. */
  private saved: Entries | undefined;
  /** Per field, by token number: the token's term ids (null for a stop word), once worked out. */
  private readonly tokenTerms: Array<Array<number[] | null>>;
  private readonly tokenScratch: number[] = [];

  private constructor(
    private readonly fields: readonly FieldSchema[],
    private readonly tokens: TokenTable,
  ) {
    this.fieldLengthSum = new Float64Array(fields.length);
    this.tokenTerms = fields.map(() => []);
  }

  /** Indexes documents, each given as the texts of its fields in schema order. `tokenize` splits a text into tokens. */
  static build(fields: readonly FieldSchema[], docs: Iterable<{ id: string; texts: readonly string[] }>, tokens = new TokenTable(), { forSaving = false } = {}): TermIndex {
    const index = new TermIndex(fields, tokens);
    const nf = fields.length;
    if (nf > 8) throw new Error('a term index holds at most 8 fields');
    // Pass 1: each document's (term, field) pairs as keys term << 3 | field, with their frequency.
    // Per-key and per-term counters are flat arrays indexed by key or term, reset through the list
    // of keys the document touched: no Map, no sort per document.
    const entryKeys = new U32List();
    const entryTfs = new U32List();
    const docStarts = new U32List();
    const lengths = new U32List();
    let keyTf: Uint32Array = new Uint32Array(4096);
    let keyDocFreq: Uint32Array = new Uint32Array(4096);
    let termLastDoc: Int32Array = new Int32Array(512);
    let termDocFreq: Uint32Array = new Uint32Array(512);
    let tokenStamp: Int32Array = new Int32Array(1024);
    let stamp = 0;
    const docKeys: number[] = [];
    const numbers = index.tokenScratch;
    for (const doc of docs) {
      if (index.docOf.has(doc.id)) throw new Error(`duplicate document id ${doc.id}`);
      const d = index.ids.length;
      index.docOf.set(doc.id, d);
      index.ids.push(doc.id);
      docStarts.push(entryKeys.length);
      docKeys.length = 0;
      for (let f = 0; f < nf; f++) {
        stamp++;
        let unique = 0;
        numbers.length = 0;
        tokens.read(doc.texts[f] ?? '', numbers);
        if (tokens.size > tokenStamp.length) tokenStamp = grownInt32(tokenStamp, tokens.size);
        for (const k of numbers) {
          if (tokenStamp[k] !== stamp) {
            tokenStamp[k] = stamp;
            unique++;
          }
          const terms = index.termsOf(f, k);
          if (!terms) continue;
          if (index.terms.length > termLastDoc.length) {
            const n = index.terms.length;
            termLastDoc = grownInt32(termLastDoc, n);
            termDocFreq = grownUint32(termDocFreq, n);
            keyTf = grownUint32(keyTf, n << 3);
            keyDocFreq = grownUint32(keyDocFreq, n << 3);
          }
          for (const t of terms) {
            const key = (t << 3) | f;
            if (keyTf[key]++ === 0) docKeys.push(key);
          }
        }
        lengths.push(unique);
        index.fieldLengthSum[f] += unique;
      }
      for (const key of docKeys) {
        entryKeys.push(key);
        entryTfs.push(keyTf[key]);
        keyTf[key] = 0;
        keyDocFreq[key]++;
        const t = key >>> 3;
        if (termLastDoc[t] !== d + 1) {
          termLastDoc[t] = d + 1;
          termDocFreq[t]++;
        }
      }
    }
    docStarts.push(entryKeys.length);
    index.lengths = lengths.data.slice(0, lengths.length);
    const entries = { docStarts: docStarts.data.subarray(0, docStarts.length), keys: entryKeys.data.subarray(0, entryKeys.length), tfs: entryTfs.data.subarray(0, entryTfs.length) };
    index.freezeEntries(entries, keyDocFreq, termDocFreq);
    if (forSaving) index.saved = entries;
    return index;
  }

  /**
   * The second pass, shared by build and load: postings per term in document order, each with the
   * sum of its fields' impacts (boost × idf × BM25+ term frequency part).
   */
  private freezeEntries({ docStarts, keys, tfs }: Entries, keyDocFreq: Uint32Array, termDocFreq: Uint32Array): void {
    const nf = this.fields.length;
    const docCount = this.ids.length;
    this.alive = new Uint8Array(docCount).fill(1);
    this.liveCount = docCount;
    this.fieldLengthSum.fill(0);
    for (let d = 0; d < docCount; d++) for (let f = 0; f < nf; f++) this.fieldLengthSum[f] += this.lengths[d * nf + f];
    const termCount = this.terms.length;
    const offsets = new Uint32Array(termCount + 1);
    for (let t = 0; t < termCount; t++) offsets[t + 1] = offsets[t] + termDocFreq[t];
    const cursor = offsets.slice(0, termCount);
    const postDocs = new Uint32Array(offsets[termCount]);
    const postImpacts = new Float32Array(offsets[termCount]);
    const averages = Array.from(this.fieldLengthSum, (sum) => sum / Math.max(1, docCount));
    // Locals, and each field's length normalisation worked out once per document: this runs cold on
    // the first search of a window, where every property load and call counts.
    const boosts = Float64Array.from(this.fields, (field) => field.boost);
    const keyWeight = new Float64Array(termCount << 3);
    for (let key = 0; key < keyWeight.length; key++) if (keyDocFreq[key]) keyWeight[key] = boosts[key & 7] * idfOf(keyDocFreq[key], docCount);
    const lengths = this.lengths;
    const lengthNorm = new Float64Array(docCount * nf);
    for (let d = 0; d < docCount; d++) for (let f = 0; f < nf; f++) lengthNorm[d * nf + f] = tfLengthPart(lengths[d * nf + f], averages[f]);
    const slotOf = new Uint32Array(termCount);
    const lastDoc = new Int32Array(termCount);
    for (let d = 0; d < docCount; d++) {
      const end = docStarts[d + 1];
      const normAt = d * nf;
      for (let e = docStarts[d]; e < end; e++) {
        const key = keys[e];
        const t = key >>> 3;
        let slot: number;
        if (lastDoc[t] !== d + 1) {
          lastDoc[t] = d + 1;
          slot = slotOf[t] = cursor[t]++;
          postDocs[slot] = d;
        } else {
          slot = slotOf[t];
        }
        postImpacts[slot] += keyWeight[key] * tfPart(tfs[e], lengthNorm[normAt + (key & 7)]);
      }
    }
    this.offsets = offsets;
    this.postDocs = postDocs;
    this.postImpacts = postImpacts;
    this.frozenTerms = termCount;
    this.sortTerms();
  }

  /** Loads an index written by {@link toJSON}, with the schema it was built with. */
  static load(fields: readonly FieldSchema[], data: SerializedTermIndex, tokens = new TokenTable()): TermIndex {
    if (data.version !== SERIAL_VERSION) throw new Error(`term index has version ${data.version}, expected ${SERIAL_VERSION}`);
    const index = new TermIndex(fields, tokens);
    data.ids.forEach((id, d) => {
      index.ids.push(id);
      index.docOf.set(id, d);
    });
    for (const term of data.terms ? data.terms.split(' ') : []) index.termId(term);
    index.lengths = Uint32Array.from(data.lengths);
    const docCount = data.ids.length;
    const termCount = index.terms.length;
    const all = data.entries;
    const docStarts = new Uint32Array(docCount + 1);
    let total = 0;
    for (let p = 0, d = 0; d < docCount; d++) {
      docStarts[d] = total;
      total += all[p];
      p += 1 + 2 * all[p];
    }
    docStarts[docCount] = total;
    const keys = new Uint32Array(total);
    const tfs = new Uint32Array(total);
    const keyDocFreq = new Uint32Array(termCount << 3);
    const termDocFreq = new Uint32Array(termCount);
    const lastDoc = new Int32Array(termCount);
    for (let p = 0, e = 0, d = 0; d < docCount; d++) {
      const n = all[p++];
      let key = 0;
      for (let i = 0; i < n; i++, e++) {
        key += all[p++];
        keys[e] = key;
        tfs[e] = all[p++];
        keyDocFreq[key]++;
        const t = key >>> 3;
        if (lastDoc[t] !== d + 1) {
          lastDoc[t] = d + 1;
          termDocFreq[t]++;
        }
      }
    }
    index.freezeEntries({ docStarts, keys, tfs }, keyDocFreq, termDocFreq);
    return index;
  }

  /** The serialized index; only an index built `forSaving` and not changed since can be saved. */
  toJSON(): SerializedTermIndex {
    const saved = this.saved;
    if (!saved || this.deltaPostings > 0 || this.liveCount !== this.ids.length) throw new Error('only an index built for saving, and unchanged since, can be saved');
    // Terms are renumbered in alphabetical order, so that loading need not sort them for prefixes.
    const rank = new Uint32Array(this.terms.length);
    this.sortedTermIds.forEach((t, i) => (rank[t] = i));
    const entries: number[] = [];
    for (let d = 0; d + 1 < saved.docStarts.length; d++) {
      const order = Array.from(saved.keys.subarray(saved.docStarts[d], saved.docStarts[d + 1]), (key, i) => [(rank[key >>> 3] << 3) | (key & 7), saved.tfs[saved.docStarts[d] + i]]).sort((a, b) => a[0] - b[0]);
      entries.push(order.length);
      let previous = 0;
      for (const [key, tf] of order) {
        entries.push(key - previous, tf);
        previous = key;
      }
    }
    return { version: SERIAL_VERSION, ids: this.ids.map((id) => id ?? ''), terms: Array.from(this.sortedTermIds, (t) => this.terms[t]).join(' '), lengths: Array.from(this.lengths.subarray(0, this.ids.length * this.fields.length)), entries };
  }

  /** Number of documents indexed (removed ones excluded). */
  get size(): number {
    return this.liveCount;
  }

  /** Number of document slots, removed ones included: the bound of document numbers. */
  get capacity(): number {
    return this.ids.length;
  }

  has(id: string): boolean {
    return this.docOf.has(id);
  }

  /** The number of the document with this id. */
  docNumber(id: string): number | undefined {
    return this.docOf.get(id);
  }

  /** The id of document number `doc`. */
  idAt(doc: number): string {
    return this.ids[doc] ?? '';
  }

  /** The index term of a term id. */
  termAt(termId: number): string {
    return this.terms[termId];
  }

  /** Adds a document, replacing one with the same id. Its impacts use the statistics of the moment. */
  upsert(id: string, texts: readonly string[]): void {
    this.remove(id);
    const nf = this.fields.length;
    const d = this.ids.length;
    this.ids.push(id);
    this.docOf.set(id, d);
    if (d >= this.alive.length) {
      const alive = new Uint8Array(Math.max(16, d * 2));
      alive.set(this.alive);
      this.alive = alive;
      const lengths = new Uint32Array(alive.length * nf);
      lengths.set(this.lengths);
      this.lengths = lengths;
    }
    this.alive[d] = 1;
    this.liveCount++;
    const tfs = new Map<number, number[]>();
    for (let f = 0; f < nf; f++) {
      const numbers: number[] = [];
      this.tokens.read(texts[f] ?? '', numbers);
      const length = new Set(numbers).size;
      this.lengths[d * nf + f] = length;
      this.fieldLengthSum[f] += length;
      for (const k of numbers) {
        for (const t of this.termsOf(f, k) ?? []) {
          const perField = tfs.get(t) ?? new Array<number>(nf).fill(0);
          perField[f]++;
          tfs.set(t, perField);
        }
      }
    }
    for (const [t, perField] of tfs) {
      // Without per-field document frequencies at hand, a term's idf comes from all its postings.
      const idf = idfOf(this.postingCount(t) + 1, this.liveCount);
      let impact = 0;
      perField.forEach((tf, f) => {
        if (tf) impact += this.fields[f].boost * idf * tfNorm(tf, this.lengths[d * nf + f], this.fieldLengthSum[f] / this.liveCount);
      });
      let postings = this.delta.get(t);
      if (!postings) this.delta.set(t, (postings = { docs: [], impacts: [] }));
      postings.docs.push(d);
      postings.impacts.push(impact);
      this.deltaPostings++;
    }
    if (this.deltaPostings > Math.max(50_000, this.postDocs.length / 2)) this.freeze();
  }

  /** Removes a document by id; nothing happens if it is not indexed. */
  remove(id: string): void {
    const d = this.docOf.get(id);
    if (d === undefined) return;
    this.docOf.delete(id);
    this.ids[d] = null;
    this.alive[d] = 0;
    this.liveCount--;
    const nf = this.fields.length;
    for (let f = 0; f < nf; f++) this.fieldLengthSum[f] -= this.lengths[d * nf + f];
  }

  /** Merges the added documents' postings into the frozen arrays and drops removed documents' postings. */
  freeze(): void {
    const termCount = this.terms.length;
    if (this.deltaPostings === 0 && termCount === this.frozenTerms && this.liveCount === this.ids.length) return;
    const offsets = new Uint32Array(termCount + 1);
    for (let t = 0; t < termCount; t++) {
      let n = 0;
      if (t < this.frozenTerms) for (let p = this.offsets[t]; p < this.offsets[t + 1]; p++) n += this.alive[this.postDocs[p]];
      for (const d of this.delta.get(t)?.docs ?? []) n += this.alive[d];
      offsets[t + 1] = offsets[t] + n;
    }
    const docs = new Uint32Array(offsets[termCount]);
    const impacts = new Float32Array(offsets[termCount]);
    let slot = 0;
    for (let t = 0; t < termCount; t++) {
      if (t < this.frozenTerms) {
        for (let p = this.offsets[t]; p < this.offsets[t + 1]; p++) {
          if (!this.alive[this.postDocs[p]]) continue;
          docs[slot] = this.postDocs[p];
          impacts[slot++] = this.postImpacts[p];
        }
      }
      const added = this.delta.get(t);
      if (added) {
        added.docs.forEach((d, i) => {
          if (!this.alive[d]) return;
          docs[slot] = d;
          impacts[slot++] = added.impacts[i];
        });
      }
    }
    this.offsets = offsets;
    this.postDocs = docs;
    this.postImpacts = impacts;
    this.frozenTerms = termCount;
    this.sortTerms();
    this.delta.clear();
    this.deltaPostings = 0;
  }

  /**
   * The index terms each query term reaches, with MiniSearch's weights: 1 for the term itself,
   * `prefixWeight` × n/(n + 0.3·extra letters) for a longer word it starts, `fuzzyWeight` × n/(n + edits)
   * for a near spelling (a word reached both ways counts as a prefix).
   */
  expand(queries: readonly TermQuery[], weights: { prefix: number; fuzzy: number }): TermExpansion[] {
    const out: TermExpansion[] = [];
    queries.forEach(({ term, prefix, maxEdits }, query) => {
      const exact = this.termIds.get(term);
      if (exact !== undefined) out.push({ query, termId: exact, weight: 1 });
      const seen = new Set<string>([term]);
      if (prefix) {
        const reach = (word: string, termId: number) => {
          if (seen.has(word)) return;
          seen.add(word);
          out.push({ query, termId, weight: (weights.prefix * word.length) / (word.length + 0.3 * (word.length - term.length)) });
        };
        for (let i = this.firstSortedAtLeast(term); i < this.sortedTermIds.length; i++) {
          const word = this.terms[this.sortedTermIds[i]];
          if (!word.startsWith(term)) break;
          reach(word, this.sortedTermIds[i]);
        }
        for (let t = this.frozenTerms; t < this.terms.length; t++) if (this.terms[t].startsWith(term)) reach(this.terms[t], t);
      }
      if (maxEdits > 0) {
        // Two letters typed the wrong way round ("spikign") count as one edit, not the two
        // substitutions Levenshtein's distance makes of them.
        const fuzzy = new Map<string, [number, number]>();
        for (let i = 0; i + 1 < term.length; i++) {
          if (term[i] === term[i + 1]) continue;
          const swapped = term.slice(0, i) + term[i + 1] + term[i] + term.slice(i + 2);
          const termId = this.termIds.get(swapped);
          if (termId !== undefined) fuzzy.set(swapped, [termId, 1]);
        }
        for (const [word, [termId, edits]] of this.radixTree().fuzzyGet(term, maxEdits)) {
          if (edits < (fuzzy.get(word)?.[1] ?? Infinity)) fuzzy.set(word, [termId, edits]);
        }
        for (const [word, [termId, edits]] of fuzzy) {
          if (seen.has(word) || edits === 0) continue;
          out.push({ query, termId, weight: (weights.fuzzy * word.length) / (word.length + edits) });
        }
      }
    });
    return out;
  }

  /**
   * Adds `weight × impact` of every posting of the expansions into `table`, with `bitOf(query)` or'ed
   * into the document's bits: the caller tells which query term (or word) each bit stands for.
   */
  accumulate(expansions: readonly TermExpansion[], bitOf: (query: number) => number, table: ScoreTable): void {
    const { alive, postDocs, postImpacts, offsets } = this;
    for (const { query, termId, weight } of expansions) {
      const bit = bitOf(query);
      if (termId < this.frozenTerms) {
        const end = offsets[termId + 1];
        for (let p = offsets[termId]; p < end; p++) {
          const d = postDocs[p];
          if (alive[d]) table.add(d, weight * postImpacts[p], bit);
        }
      }
      const added = this.delta.get(termId);
      if (added) {
        for (let i = 0; i < added.docs.length; i++) {
          const d = added.docs[i];
          if (alive[d]) table.add(d, weight * added.impacts[i], bit);
        }
      }
    }
  }

  /** Whether document `doc` holds index term `termId`. */
  contains(termId: number, doc: number): boolean {
    if (termId < this.frozenTerms) {
      let lo = this.offsets[termId];
      let hi = this.offsets[termId + 1];
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const d = this.postDocs[mid];
        if (d === doc) return true;
        if (d < doc) lo = mid + 1;
        else hi = mid;
      }
    }
    return this.delta.get(termId)?.docs.includes(doc) ?? false;
  }

  private postingCount(termId: number): number {
    const frozen = termId < this.frozenTerms ? this.offsets[termId + 1] - this.offsets[termId] : 0;
    return frozen + (this.delta.get(termId)?.docs.length ?? 0);
  }

  private radixTree(): SearchableMap<number> {
    if (!this.vocab) {
      this.vocab = new SearchableMap<number>();
      this.terms.forEach((term, t) => this.vocab!.set(term, t));
    }
    return this.vocab;
  }

  private sortTerms(): void {
    const ids = Uint32Array.from(this.terms, (_, t) => t);
    // A saved index numbers its terms in order already: check that rather than sort.
    let sorted = true;
    for (let t = 1; t < this.terms.length && sorted; t++) sorted = this.terms[t - 1] < this.terms[t];
    this.sortedTermIds = sorted ? ids : ids.sort((a, b) => (this.terms[a] < this.terms[b] ? -1 : 1));
  }

  /** Position in {@link sortedTermIds} of the first term not before `term`. */
  private firstSortedAtLeast(term: string): number {
    let lo = 0;
    let hi = this.sortedTermIds.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.terms[this.sortedTermIds[mid]] < term) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private termId(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.terms.push(term);
      this.termIds.set(term, id);
      this.vocab?.set(term, id);
    }
    return id;
  }

  /** The term ids of token number `k` in field `f`, worked out once: stemming every occurrence again dominated the build. */
  private termsOf(f: number, k: number): number[] | null {
    const cache = this.tokenTerms[f];
    let terms = cache[k];
    if (terms === undefined) {
      const forms = this.fields[f].processTerm(this.tokens.token(k));
      terms = forms ? forms.map((form) => this.termId(form)) : null;
      cache[k] = terms;
    }
    return terms;
  }
}

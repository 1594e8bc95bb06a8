import { compareStrings, foldLetters, type Paper } from '../paper';
import { foldTex } from '../searchText';
import { stem } from '../stemmer';

/**
 * Papers as TF-IDF vectors over words and phrases of 2–3 words, for the topic model. Terms are
 * interned to integer ids while the text is read (a phrase is found from its prefix's id and its
 * last word's id), so a big corpus costs one pass and no string per phrase occurrence.
 */

const STOP_WORDS = new Set(
  ('a about above across after again against all almost along already also although always am among an and another any ' +
    'are around as at be because been before being below between both but by can cannot could did do does doing done ' +
    'down during each either else even ever every few for from further had has have having he her here hers how however ' +
    'i if in into is it its itself just least less like made make makes many may me might more most much must my near ' +
    'neither no nor not now of off often on once one only onto or other others otherwise our ours out over own per perhaps ' +
    'rather same several she should since so some such than that the their theirs them then there thereby therefore these ' +
    'they this those though three through throughout thus to together too two under until up upon us very via was we well ' +
    'were what whatever when where whereas whether which while who whom whose why will with within without would yet you your ' +
    'et al eg ie etc vs versus i.e e.g first second third four five fig figure section paper article').split(' '),
);

/** Whether a word (or a term key) is a stop word. */
export const isStopWord = (word: string): boolean => STOP_WORDS.has(word);

/** Words too common in research prose to name a topic by ("model", "results"). */
const GENERIC_WORDS = new Set(
  ('model models modeling modelling result results method methods approach approaches propose proposed proposes present presents ' +
    'presented show shows shown study studies studied work works task tasks framework frameworks performance perform performs ' +
    'existing recent recently different various novel new however use used uses using based demonstrate demonstrates ' +
    'provide provides provided problem problems analysis analyze analyses approach introduce introduces introduced paper ' +
    'key important significant significantly often able ability allow allows enable enables enabling achieve achieves achieved ' +
    'improve improves improved improving state art high low large small way ways number set sets case cases order terms term ' +
    'first finally further particular specific general generally respect whose effective effectively efficient efficiently ' +
    'across develop developed development related remain remains lack prior previous current make obtain obtained strong ' +
    'simple key main major range wide widely across standard challenge challenges challenging application applications ' +
    'fundamental understanding understand insights insight evidence experiments experimental extensive benchmark benchmarks ' +
    'outperform outperforms including include includes given via lead leads leading limited require requires required well ' +
    'better best compared comparison across potential accurate accuracy fast scale scalable making level levels type types ' +
    'open code available focus focuses aim aims goal need needs known likely common despite thereby reveal reveals revealed ' +
    'specifically typically instead explore explores investigate investigates address addresses addressing find finds found ' +
    'approaches solution solutions property properties structure structures role roles factor factors ' +
    'directly data assume assumes assumed assuming suggest suggests suggested consider considers considered').split(' '),
);

/** Generic nouns that still end a specific phrase ("language models", "inference methods"). */
const GENERIC_HEADS = new Set('model models method methods framework frameworks approach approaches data'.split(' '));

/** What a written word is: its term key, whether it may name a topic, whether it breaks phrases. */
interface WordInfo {
  key: string;
  /** Term id of the key once interned (-1 for stop words). */
  id: number;
  content: boolean;
  stop: boolean;
  /** A generic noun that may end a phrase (see GENERIC_HEADS). */
  head: boolean;
  /** Times this exact spelling was read: the commonest spelling of a key names it. */
  seen: number;
}

function wordInfo(raw: string): Omit<WordInfo, 'id' | 'seen'> {
  if (!/[\p{L}\p{N}]/u.test(raw[0])) return { key: '', content: false, stop: true, head: false };
  const lower = foldLetters(raw).replace(/[‐–]/g, '-').replace(/['’]s?$/, '').replace(/[^a-z0-9-]/g, '');
  if (!lower || lower.length < 2 || /^\d+$/.test(lower) || STOP_WORDS.has(lower)) return { key: '', content: false, stop: true, head: false };
  const key = lower.includes('-') ? lower.split('-').map((w) => stem(w)).join('-') : stem(lower);
  return { key, content: !GENERIC_WORDS.has(lower) && !GENERIC_WORDS.has(key) && !/^\d/.test(lower), stop: false, head: GENERIC_HEADS.has(lower) };
}

/** A sparse vector: parallel arrays of term indices (ascending) and weights. */
export interface SparseVector {
  idx: Int32Array;
  val: Float64Array;
}

export interface Featurized {
  /** Each paper's TF-IDF vector, L2-normalised (empty for a paper with no kept term). */
  vectors: SparseVector[];
  dim: number;
  /** Each paper's raw (title-weighted) count of each term of its vector, aligned with `idx`. */
  counts: Float64Array[];
  /** Term keys by feature index (stems joined by spaces). */
  terms: string[];
  termIndex: Map<string, number>;
  /** Phrases one word longer than a term that start or end with it, by term. */
  extensions: Map<string, string[]>;
  /** How a term key is best written (see {@link displayTerm}). */
  spelling: Spelling;
  /** How many times a title occurrence counts against one in the abstract. */
  titleWeight: number;
  /** Per term, the share of its occurrences that another word follows without punctuation or a stop word between ("quantum" in "quantum tunneling"). */
  continued: Float64Array;
}

/** Spellings seen: whole words for every paper, phrases for the first papers (enough to spell them, and cheap). */
export interface Spelling {
  words: Map<string, Map<string, number>>;
  phrases: Map<string, Map<string, number>>;
}

/** Most terms kept: the commonest ones, which bounds the factorisation's cost on big corpora. */
const MAX_FEATURES = 6000;
const PHRASE_SPELLING_PAPERS = 500;
/** What a UTF-16 code unit is to the tokenizer (0: not yet looked at). */
const enum Char {
  Unknown = 0,
  /** A letter or digit. */
  Word,
  /** Joins two words into one (`cryo-EM`, `Hebb's`). */
  Joiner,
  /** Punctuation that ends a phrase. */
  Break,
  /** Anything else (spaces, symbols): skipped, ending the word. */
  Skip,
}

function classify(code: number): Char {
  const c = String.fromCharCode(code);
  if ('.,;:!?()[]{}"“”'.includes(c)) return Char.Break;
  if ("-‐–'’".includes(c)) return Char.Joiner;
  return /[\p{L}\p{N}]/u.test(c) ? Char.Word : Char.Skip;
}

/** An open-addressing hash table from a pair of term ids (a phrase's prefix and last word) to the phrase's term id. */
class PairTable {
  private first = new Int32Array(1 << 14).fill(-1);
  private second = new Int32Array(1 << 14);
  private value = new Int32Array(1 << 14);
  private size = 0;

  /** The id stored for (a, b), or the one `create` makes for it. */
  get(a: number, b: number, create: () => number): number {
    let mask = this.first.length - 1;
    let slot = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b)) & mask;
    while (this.first[slot] !== -1) {
      if (this.first[slot] === a && this.second[slot] === b) return this.value[slot];
      slot = (slot + 1) & mask;
    }
    const id = create();
    if (++this.size * 2 > this.first.length) {
      this.grow();
      mask = this.first.length - 1;
      slot = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b)) & mask;
      while (this.first[slot] !== -1) slot = (slot + 1) & mask;
    }
    this.first[slot] = a;
    this.second[slot] = b;
    this.value[slot] = id;
    return id;
  }

  private grow(): void {
    const { first, second, value } = this;
    this.first = new Int32Array(first.length * 2).fill(-1);
    this.second = new Int32Array(first.length * 2);
    this.value = new Int32Array(first.length * 2);
    const mask = this.first.length - 1;
    for (let i = 0; i < first.length; i++) {
      if (first[i] === -1) continue;
      let slot = (Math.imul(first[i], 0x9e3779b1) ^ Math.imul(second[i], 0x85ebca6b)) & mask;
      while (this.first[slot] !== -1) slot = (slot + 1) & mask;
      this.first[slot] = first[i];
      this.second[slot] = second[i];
      this.value[slot] = value[i];
    }
  }
}
const HAS_TEX = /[\\{}$]/;

/**
 * TF-IDF vectors (sublinear tf, title counted `titleWeight` times, by default twice: it is the paper's own summary) over content
 * words and phrases of 2–3 content words not split by a stop word, a generic word or punctuation,
 * kept when seen in at least two papers and at most half of them.
 */
export function featurize(papers: readonly Paper[], options: { titleWeight?: number } = {}): Featurized {
  const titleWeight = options.titleWeight ?? 2;
  const words = new Map<string, WordInfo>();
  const keys: string[] = [];
  const keyIds = new Map<string, number>();
  const phraseIds = new PairTable();
  const phraseSpelling = new Map<string, Map<string, number>>();
  const chars = new Uint8Array(65536);
  let scratch = new Float64Array(1 << 16);
  // Per term id: occurrences, and those followed by another word of the same run.
  let occurred = new Int32Array(1 << 14);
  let followed = new Int32Array(1 << 14);
  const grown = (a: Int32Array, id: number) => {
    const b = new Int32Array(Math.max(a.length * 2, id + 1));
    b.set(a);
    return b;
  };
  const touched: number[] = [];
  const internKey = (key: string): number => {
    let id = keyIds.get(key);
    if (id === undefined) {
      id = keys.length;
      keys.push(key);
      keyIds.set(key, id);
    }
    return id;
  };
  const count = (id: number, weight: number) => {
    if (id >= scratch.length) {
      const grown = new Float64Array(scratch.length * 2);
      grown.set(scratch);
      scratch = grown;
    }
    if (scratch[id] === 0) touched.push(id);
    scratch[id] += weight;
  };
  const occur = (id: number) => {
    if (id >= occurred.length) {
      occurred = grown(occurred, id);
      followed = grown(followed, id);
    }
    occurred[id]++;
  };
  const phrase = (prefix: number, word: number, spell: string | undefined): number => {
    const id = phraseIds.get(prefix, word, () => internKey(`${keys[prefix]} ${keys[word]}`));
    occur(id);
    if (spell !== undefined) {
      let forms = phraseSpelling.get(keys[id]);
      if (!forms) phraseSpelling.set(keys[id], (forms = new Map()));
      forms.set(spell, (forms.get(spell) ?? 0) + 1);
    }
    return id;
  };
  const read = (text: string, weight: number, spell: boolean) => {
    let prev1 = -1;
    let prev2 = -1;
    let spell1 = '';
    let spell2 = '';
    // The word and phrases that end at the previous word: another word after them continues them.
    let ending1 = -1;
    let ending2 = -1;
    let ending3 = -1;
    const folded = HAS_TEX.test(text) ? foldTex(text) : text;
    const end = folded.length;
    const kind = (i: number): Char => {
      const code = folded.charCodeAt(i);
      const k = chars[code];
      return k !== Char.Unknown ? k : (chars[code] = classify(code));
    };
    // Words are runs of letters and digits, joined by a hyphen or apostrophe between two of them.
    for (let i = 0; i < end; ) {
      const k = kind(i);
      if (k !== Char.Word) {
        if (k === Char.Break) prev1 = prev2 = ending1 = ending2 = ending3 = -1;
        i++;
        continue;
      }
      let j = i + 1;
      for (;;) {
        while (j < end && kind(j) === Char.Word) j++;
        if (j + 1 < end && kind(j) === Char.Joiner && kind(j + 1) === Char.Word) j += 2;
        else break;
      }
      const raw = folded.slice(i, j);
      i = j;
      let info = words.get(raw);
      if (!info) {
        const w = wordInfo(raw);
        info = { key: w.key, id: w.stop ? -1 : internKey(w.key), content: w.content, stop: w.stop, head: w.head, seen: 0 };
        words.set(raw, info);
      }
      info.seen++;
      if (!info.stop) {
        if (ending1 >= 0) followed[ending1]++;
        if (ending2 >= 0) followed[ending2]++;
        if (ending3 >= 0) followed[ending3]++;
      }
      ending1 = ending2 = ending3 = -1;
      if (!info.content) {
        // A generic noun may end a phrase of content words ("language models", "diffusion models"), never name one alone.
        if (info.head && prev1 >= 0) {
          count(phrase(prev1, info.id, spell ? `${spell1} ${raw}` : undefined), weight);
          if (prev2 >= 0) count(phrase(prev2, info.id, spell ? `${spell2} ${raw}` : undefined), weight);
        }
        prev1 = prev2 = -1;
        continue;
      }
      count(info.id, weight);
      occur(info.id);
      ending1 = info.id;
      const bigram = prev1 >= 0 ? phrase(prev1, info.id, spell ? `${spell1} ${raw}` : undefined) : -1;
      if (bigram >= 0) count(bigram, weight);
      const trigram = prev2 >= 0 ? phrase(prev2, info.id, spell ? `${spell2} ${raw}` : undefined) : -1;
      if (trigram >= 0) count(trigram, weight);
      ending2 = bigram;
      ending3 = trigram;
      prev2 = bigram;
      prev1 = info.id;
      if (spell) {
        spell2 = `${spell1} ${raw}`;
        spell1 = raw;
      }
    }
  };
  // Every paper's terms and counts in two flat buffers (paper d's from starts[d] to starts[d + 1]):
  // tens of thousands of small typed arrays would cost more to allocate and collect than to fill.
  let allIds = new Int32Array(1 << 16);
  let allCounts = new Float64Array(1 << 16);
  const starts = new Int32Array(papers.length + 1);
  let filled = 0;
  for (let p = 0; p < papers.length; p++) {
    const spell = p < PHRASE_SPELLING_PAPERS;
    read(papers[p].title, titleWeight, spell);
    read(papers[p].abstract, 1, spell);
    if (filled + touched.length > allIds.length) {
      const size = Math.max(allIds.length * 2, filled + touched.length);
      const ids = new Int32Array(size);
      ids.set(allIds);
      allIds = ids;
      const c = new Float64Array(size);
      c.set(allCounts);
      allCounts = c;
    }
    for (const id of touched) {
      allIds[filled] = id;
      allCounts[filled++] = scratch[id];
      scratch[id] = 0;
    }
    starts[p + 1] = filled;
    touched.length = 0;
  }

  const df = new Int32Array(keys.length);
  for (let i = 0; i < filled; i++) df[allIds[i]]++;
  const n = papers.length;
  const maxDf = Math.max(2, Math.floor(n * 0.5));
  const candidates: number[] = [];
  for (let id = 0; id < keys.length; id++) if (df[id] >= 2 && df[id] <= maxDf) candidates.push(id);
  // The MAX_FEATURES commonest terms, ties in key order: all above the document frequency where the
  // count runs out (found from a histogram), then the first of those at it, without sorting them all.
  let kept = candidates;
  if (candidates.length > MAX_FEATURES) {
    const histogram = new Int32Array(maxDf + 1);
    for (const id of candidates) histogram[df[id]]++;
    let cut = maxDf;
    let above = 0;
    while (above + histogram[cut] < MAX_FEATURES) above += histogram[cut--];
    const ties = candidates.filter((id) => df[id] === cut).sort((x, y) => compareStrings(keys[x], keys[y]));
    kept = candidates.filter((id) => df[id] > cut).concat(ties.slice(0, MAX_FEATURES - above));
  }
  kept.sort((x, y) => compareStrings(keys[x], keys[y]));
  const feature = new Int32Array(keys.length).fill(-1);
  kept.forEach((id, i) => (feature[id] = i));
  const idf = Float64Array.from(kept, (id) => Math.log(n / df[id]));

  const vectors: SparseVector[] = [];
  const counts: Float64Array[] = [];
  // Papers' vectors are views into three buffers, for the same reason.
  let keptEntries = 0;
  for (let i = 0; i < filled; i++) if (feature[allIds[i]] >= 0) keptEntries++;
  const idxAll = new Int32Array(keptEntries);
  const countAll = new Float64Array(keptEntries);
  const valAll = new Float64Array(keptEntries);
  let at = 0;
  // Each paper's kept terms sorted by feature: packed as feature × 2²⁰ + position and sorted as numbers.
  let packed = new Float64Array(256);
  for (let d = 0; d < n; d++) {
    const from = starts[d];
    const length = starts[d + 1] - from;
    if (packed.length < length) packed = new Float64Array(length * 2);
    let size = 0;
    for (let i = 0; i < length; i++) {
      const fi = feature[allIds[from + i]];
      if (fi >= 0) packed[size++] = fi * 1048576 + i;
    }
    const order = packed.subarray(0, size).sort();
    const idx = idxAll.subarray(at, at + size);
    const c = countAll.subarray(at, at + size);
    const val = valAll.subarray(at, at + size);
    at += size;
    let norm = 0;
    for (let j = 0; j < size; j++) {
      const fi = Math.floor(order[j] / 1048576);
      const count = allCounts[from + order[j] - fi * 1048576];
      idx[j] = fi;
      c[j] = count;
      val[j] = (1 + Math.log(count)) * idf[fi];
      norm += val[j] * val[j];
    }
    norm = Math.sqrt(norm) || 1;
    for (let j = 0; j < size; j++) val[j] /= norm;
    vectors.push({ idx, val });
    counts.push(c);
  }

  const terms = kept.map((id) => keys[id]);
  const termIndex = new Map(terms.map((t, i) => [t, i]));
  const extensions = new Map<string, string[]>();
  for (const t of terms) {
    if (!t.includes(' ')) continue;
    for (const part of [t.slice(0, t.lastIndexOf(' ')), t.slice(t.indexOf(' ') + 1)]) {
      if (termIndex.has(part)) extensions.set(part, [...(extensions.get(part) ?? []), t]);
    }
  }
  const wordSpelling = new Map<string, Map<string, number>>();
  for (const [raw, info] of words) {
    if (!info.content && info.stop) continue;
    let forms = wordSpelling.get(info.key);
    if (!forms) wordSpelling.set(info.key, (forms = new Map()));
    forms.set(raw, (forms.get(raw) ?? 0) + info.seen);
  }
  const continued = Float64Array.from(kept, (id) => (id < occurred.length && occurred[id] > 0 ? followed[id] / occurred[id] : 0));
  return { vectors, counts, dim: terms.length, terms, termIndex, extensions, spelling: { words: wordSpelling, phrases: phraseSpelling }, titleWeight, continued };
}

/**
 * How a term is written in a label: its commonest form, lower-case unless the papers write a word
 * as an acronym ("LLMs", "cryo-EM"). A phrase never seen spelt is spelt word by word.
 */
export function displayTerm(spelling: Spelling, key: string): string {
  const forms = (key.includes(' ') ? spelling.phrases : spelling.words).get(key);
  if (!forms) return key.includes(' ') ? key.split(' ').map((w) => displayTerm(spelling, w)).join(' ') : key;
  const byLower = new Map<string, number>();
  for (const [form, n] of forms) byLower.set(form.toLowerCase(), (byLower.get(form.toLowerCase()) ?? 0) + n);
  let best = '';
  let bestN = -1;
  for (const [lower, n] of byLower) {
    if (n > bestN || (n === bestN && compareStrings(lower, best) < 0)) {
      best = lower;
      bestN = n;
    }
  }
  return best
    .split(' ')
    .map((word, i) => {
      let cased = word;
      let casedN = 0;
      for (const [form, n] of forms) {
        const w = form.split(' ')[i];
        if (form.toLowerCase() === best && /[A-Z].*[A-Z]|[a-z][A-Z]/.test(w) && n > casedN) {
          cased = w;
          casedN = n;
        }
      }
      return casedN * 2 >= bestN ? cased : word;
    })
    .join(' ');
}

import { compareStrings, foldLetters, type Paper } from './paper';
import { foldTex } from './searchText';
import { stem } from './stemmer';
import { seededRandom } from './syntheticCorpus';

/**
 * The topic model: a two-level hierarchy of topics learned from titles and abstracts. Papers become
 * TF-IDF vectors over words and two-word phrases; spherical k-means (several seeded starts, the best
 * kept) groups them; each group is labelled with its most distinctive phrase by class-based TF-IDF.
 * Everything is deterministic: no clock, no unseeded randomness, ties broken by id.
 */

/** One node of the topic tree. `paperIds` lists every paper of the node's subtree. */
export interface TopicNode {
  label: string;
  /** The node's most distinctive terms, best first (for a tooltip). */
  keywords: string[];
  paperIds: string[];
  children: TopicNode[];
}

/**
 * How papers are grouped: NMF (the default: it agreed best with hand labels), spherical k-means on
 * TF-IDF, k-means on LSA vectors, or average-linkage agglomerative clustering (small corpora only).
 */
export type TopicMethod = 'nmf' | 'kmeans' | 'lsa' | 'agglomerative';

export interface TopicOptions {
  method?: TopicMethod;
  /** Number of top-level topics before small ones are dissolved; by default from the corpus size (6–14). */
  topics?: number;
  /** A topic with more papers than this gets subtopics. */
  splitAbove?: number;
}

/** The label of the catch-all topic. */
export const OTHER_LABEL = 'Other';

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
    'directly data').split(' '),
);

/** Bare numbers ("2024", "3") name no topic. */
const isNumber = (w: string) => /^\d+$/.test(w);

interface Token {
  key: string;
  surface: string;
  /** A stop word or punctuation came before it: phrases do not cross it. */
  breakBefore: boolean;
  content: boolean;
}

interface WordInfo {
  key: string;
  content: boolean;
  stop: boolean;
}

/**
 * Splits text into tokens: TeX and accents folded, hyphenated compounds kept as one word
 * (`cryo-EM`), stop words marked as phrase breaks. `words` caches what each written word is.
 */
function tokens(text: string, words: Map<string, WordInfo>): Token[] {
  const out: Token[] = [];
  let pendingBreak = true;
  for (const m of foldTex(text).matchAll(/[\p{L}\p{N}]+(?:[-‐–'’][\p{L}\p{N}]+)*|[.,;:!?()[\]{}"“”]/gu)) {
    const raw = m[0];
    let info = words.get(raw);
    if (!info) {
      info = wordInfo(raw);
      words.set(raw, info);
    }
    if (info.stop) {
      pendingBreak = true;
      continue;
    }
    out.push({ key: info.key, surface: raw, breakBefore: pendingBreak, content: info.content });
    pendingBreak = false;
  }
  return out;
}

function wordInfo(raw: string): WordInfo {
  if (!/[\p{L}\p{N}]/u.test(raw[0])) return { key: '', content: false, stop: true };
  const lower = foldLetters(raw).replace(/[‐–]/g, '-').replace(/['’]s?$/, '').replace(/[^a-z0-9-]/g, '');
  if (!lower || lower.length < 2 || isNumber(lower) || STOP_WORDS.has(lower)) return { key: '', content: false, stop: true };
  const key = lower.includes('-') ? lower.split('-').map((w) => stem(w)).join('-') : stem(lower);
  return { key, content: !GENERIC_WORDS.has(lower) && !GENERIC_WORDS.has(key) && !/^\d/.test(lower), stop: false };
}

/** A paper as terms: unigram and phrase counts (title counted twice: it is the paper's own summary). */
interface DocTerms {
  counts: Map<string, number>;
}

interface Vocabulary {
  /** term key → how it is best written (most frequent surface form). */
  surface: Map<string, Map<string, number>>;
}

/** Terms of a paper: content words and phrases of 2–3 content words not split by a stop word or punctuation. */
function docTerms(paper: Paper, words: Map<string, WordInfo>, vocab: Vocabulary, notePhrases: boolean, phraseWords: number): DocTerms {
  const counts = new Map<string, number>();
  const add = (toks: Token[], weight: number) => {
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i];
      if (!t.content) continue;
      note(vocab, t.key, t.surface);
      counts.set(t.key, (counts.get(t.key) ?? 0) + weight);
      let key = t.key;
      let surface = t.surface;
      for (let j = i + 1; j < Math.min(toks.length, i + phraseWords); j++) {
        const u = toks[j];
        if (u.breakBefore || !u.content) break;
        key += ` ${u.key}`;
        if (notePhrases) {
          surface += ` ${u.surface}`;
          note(vocab, key, surface);
        }
        counts.set(key, (counts.get(key) ?? 0) + weight);
      }
    }
  };
  add(tokens(paper.title, words), 2);
  add(tokens(paper.abstract, words), 1);
  return { counts };
}

function note(vocab: Vocabulary, key: string, surface: string): void {
  let forms = vocab.surface.get(key);
  if (!forms) vocab.surface.set(key, (forms = new Map()));
  forms.set(surface, (forms.get(surface) ?? 0) + 1);
}

/** How a term is written in a label: its commonest form, lower-case unless the papers write a word as an acronym ("LLMs", "cryo-EM"). */
function display(vocab: Vocabulary, key: string): string {
  const forms = vocab.surface.get(key);
  if (!forms) return key.includes(' ') ? key.split(' ').map((w) => display(vocab, w)).join(' ') : key;
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

/** A sparse vector: parallel arrays of term indices (ascending) and weights, L2-normalised. */
interface SparseVector {
  idx: Int32Array;
  val: Float64Array;
}

interface Featurized {
  vectors: SparseVector[];
  dim: number;
  /** Each paper's raw (title-weighted) count of each term of its vector, aligned with `idx`. */
  counts: Float64Array[];
  /** Term keys by feature index. */
  terms: string[];
  termIndex: Map<string, number>;
  /** Phrases one word longer than a term that start or end with it, by term. */
  extensions: Map<string, string[]>;
  vocab: Vocabulary;
}

const MAX_FEATURES = 6000;
const PHRASE_SPELLING_PAPERS = 2000;

/** TF-IDF vectors (sublinear tf) over terms seen in at least two papers and in at most half of them. */
function featurize(papers: readonly Paper[]): Featurized {
  const words = new Map<string, WordInfo>();
  const vocab: Vocabulary = { surface: new Map() };
  // How phrases are written is learnt from the first papers only: enough to spell them, and cheap.
  const terms = papers.map((p, i) => docTerms(p, words, vocab, i < PHRASE_SPELLING_PAPERS, 3));
  const df = new Map<string, number>();
  for (const d of terms) for (const t of d.counts.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const n = papers.length;
  const maxDf = Math.max(2, Math.floor(n * 0.5));
  // A cap on the vocabulary bounds the factorisation's cost on big corpora; the commonest terms stay.
  const kept = [...df.entries()]
    .filter(([, f]) => f >= 2 && f <= maxDf)
    .sort((x, y) => y[1] - x[1] || compareStrings(x[0], y[0]))
    .slice(0, MAX_FEATURES)
    .map(([t]) => t)
    .sort(compareStrings);
  const index = new Map(kept.map((t, i) => [t, i]));
  const idf = kept.map((t) => Math.log(n / df.get(t)!));
  const counts: Float64Array[] = [];
  const vectors = terms.map((d) => {
    const entries: Array<[number, number]> = [];
    for (const [t, c] of d.counts) {
      const i = index.get(t);
      if (i !== undefined) entries.push([i, c]);
    }
    entries.sort((a, b) => a[0] - b[0]);
    counts.push(Float64Array.from(entries.map((e) => e[1])));
    const val = Float64Array.from(entries.map(([i, c]) => (1 + Math.log(c)) * idf[i]));
    let norm = 0;
    for (const v of val) norm += v * v;
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < val.length; i++) val[i] /= norm;
    return { idx: Int32Array.from(entries.map((e) => e[0])), val };
  });
  const extensions = new Map<string, string[]>();
  for (const t of kept) {
    if (!t.includes(' ')) continue;
    for (const part of [t.slice(0, t.lastIndexOf(' ')), t.slice(t.indexOf(' ') + 1)]) {
      if (index.has(part)) extensions.set(part, [...(extensions.get(part) ?? []), t]);
    }
  }
  return { vectors, counts, dim: kept.length, terms: kept, termIndex: index, extensions, vocab };
}

function dot(v: SparseVector, dense: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.idx.length; i++) s += v.val[i] * dense[v.idx[i]];
  return s;
}

function sparseDot(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let s = 0;
  while (i < a.idx.length && j < b.idx.length) {
    if (a.idx[i] === b.idx[j]) s += a.val[i++] * b.val[j++];
    else if (a.idx[i] < b.idx[j]) i++;
    else j++;
  }
  return s;
}

/** Unit-length mean of the members' vectors (a zero vector for no members). */
function centroid(vectors: readonly SparseVector[], members: readonly number[], dim: number): Float64Array {
  const c = new Float64Array(dim);
  for (const m of members) {
    const v = vectors[m];
    for (let i = 0; i < v.idx.length; i++) c[v.idx[i]] += v.val[i];
  }
  let norm = 0;
  for (let i = 0; i < dim; i++) norm += c[i] * c[i];
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < dim; i++) c[i] /= norm;
  return c;
}

/**
 * Spherical k-means over the given members: seeded k-means++ starts, Lloyd iterations on cosine
 * similarity; of `restarts` runs the one with the highest total similarity wins. Returns a cluster
 * number per member (clusters may come out empty).
 */
function sphericalKMeans(vectors: readonly SparseVector[], members: readonly number[], dim: number, k: number, restarts: number, seed: number): number[] {
  let best: number[] = members.map(() => 0);
  let bestScore = -Infinity;
  for (let r = 0; r < restarts; r++) {
    const random = seededRandom(seed + r * 7919);
    const centers: Float64Array[] = [];
    const first = members[Math.floor(random() * members.length)];
    centers.push(centroid(vectors, [first], dim));
    const nearest = members.map((m) => dot(vectors[m], centers[0]));
    while (centers.length < k) {
      // k-means++: pick the next centre with probability growing with its distance to the chosen ones.
      const weights = nearest.map((s) => Math.max(0, 1 - s) ** 2);
      const total = weights.reduce((a, b) => a + b, 0);
      let target = random() * total;
      let pick = 0;
      for (; pick < weights.length - 1; pick++) {
        target -= weights[pick];
        if (target <= 0) break;
      }
      const c = centroid(vectors, [members[pick]], dim);
      centers.push(c);
      members.forEach((m, i) => (nearest[i] = Math.max(nearest[i], dot(vectors[m], c))));
    }
    let assign = members.map(() => -1);
    let score = 0;
    for (let iter = 0; iter < 25; iter++) {
      score = 0;
      let moved = 0;
      const next = members.map((m, i) => {
        let bi = 0;
        let bs = -Infinity;
        for (let c = 0; c < centers.length; c++) {
          const s = dot(vectors[m], centers[c]);
          if (s > bs) {
            bs = s;
            bi = c;
          }
        }
        score += bs;
        if (bi !== assign[i]) moved++;
        return bi;
      });
      assign = next;
      if (moved === 0) break;
      for (let c = 0; c < centers.length; c++) {
        const own = members.filter((_, i) => assign[i] === c);
        if (own.length > 0) centers[c] = centroid(vectors, own, dim);
      }
    }
    if (score > bestScore + 1e-9) {
      bestScore = score;
      best = assign;
    }
  }
  return best;
}

/**
 * Latent semantic analysis: each paper as a point in the space of the corpus's top `rank` singular
 * directions (randomised subspace iteration with a seeded start, then a Jacobi eigen-solve of the
 * small projected matrix), rows scaled to unit length. Short abstracts share few exact terms; the
 * latent space lets "SNN" papers meet through the words their neighbours use.
 */
function latentVectors(vectors: readonly SparseVector[], dim: number, rank: number, seed: number, powerIterations: number): SparseVector[] {
  const n = vectors.length;
  const r = Math.max(2, Math.min(rank, n - 1, dim));
  const random = seededRandom(seed);
  const omega = new Float64Array(dim * r);
  for (let i = 0; i < omega.length; i++) omega[i] = random() * 2 - 1;
  // Y = X Ω (n × r), row-major.
  const times = (dense: Float64Array): Float64Array => {
    const y = new Float64Array(n * r);
    for (let d = 0; d < n; d++) {
      const v = vectors[d];
      const row = d * r;
      for (let t = 0; t < v.idx.length; t++) {
        const w = v.val[t];
        const col = v.idx[t] * r;
        for (let j = 0; j < r; j++) y[row + j] += w * dense[col + j];
      }
    }
    return y;
  };
  // Xᵀ Y (dim × r).
  const transposeTimes = (y: Float64Array): Float64Array => {
    const z = new Float64Array(dim * r);
    for (let d = 0; d < n; d++) {
      const v = vectors[d];
      const row = d * r;
      for (let t = 0; t < v.idx.length; t++) {
        const w = v.val[t];
        const col = v.idx[t] * r;
        for (let j = 0; j < r; j++) z[col + j] += w * y[row + j];
      }
    }
    return z;
  };
  const orthonormalize = (y: Float64Array, rows: number): void => {
    for (let j = 0; j < r; j++) {
      for (let i = 0; i < j; i++) {
        let s = 0;
        for (let d = 0; d < rows; d++) s += y[d * r + i] * y[d * r + j];
        for (let d = 0; d < rows; d++) y[d * r + j] -= s * y[d * r + i];
      }
      let norm = 0;
      for (let d = 0; d < rows; d++) norm += y[d * r + j] ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let d = 0; d < rows; d++) y[d * r + j] /= norm;
    }
  };
  let q = times(omega);
  orthonormalize(q, n);
  for (let it = 0; it < powerIterations; it++) {
    const z = transposeTimes(q);
    orthonormalize(z, dim);
    q = times(z);
    orthonormalize(q, n);
  }
  const z = transposeTimes(q);
  // C = Zᵀ Z (r × r): the squared singular values of X in the basis Q.
  const c = Array.from({ length: r }, (_, a) => Array.from({ length: r }, (_, b) => {
    let s = 0;
    for (let t = 0; t < dim; t++) s += z[t * r + a] * z[t * r + b];
    return s;
  }));
  const { values, vectors: eig } = jacobiEigen(c);
  const order = values.map((v, i) => [v, i] as const).sort((x, y) => y[0] - x[0] || x[1] - y[1]).map(([, i]) => i);
  return vectors.map((_, d) => {
    const val = new Float64Array(r);
    for (let o = 0; o < r; o++) {
      const e = order[o];
      let s = 0;
      for (let j = 0; j < r; j++) s += q[d * r + j] * eig[j][e];
      val[o] = s * Math.sqrt(Math.max(0, values[e]));
    }
    let norm = 0;
    for (const x of val) norm += x * x;
    norm = Math.sqrt(norm) || 1;
    for (let o = 0; o < r; o++) val[o] /= norm;
    return { idx: Int32Array.from({ length: r }, (_, i) => i), val };
  });
}

/** Eigenvalues and eigenvectors (columns) of a small symmetric matrix, by cyclic Jacobi rotations. */
function jacobiEigen(m: number[][]): { values: number[]; vectors: number[][] } {
  const n = m.length;
  const a = m.map((row) => row.slice());
  const v = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j): number => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 50; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off += a[i][j] ** 2;
    if (off < 1e-18) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        if (Math.abs(a[p][q]) < 1e-15) continue;
        const theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const cos = 1 / Math.sqrt(t * t + 1);
        const sin = t * cos;
        for (let k = 0; k < n; k++) {
          const akp = a[k][p];
          const akq = a[k][q];
          a[k][p] = cos * akp - sin * akq;
          a[k][q] = sin * akp + cos * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p][k];
          const aqk = a[q][k];
          a[p][k] = cos * apk - sin * aqk;
          a[q][k] = sin * apk + cos * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k][p];
          const vkq = v[k][q];
          v[k][p] = cos * vkp - sin * vkq;
          v[k][q] = sin * vkp + cos * vkq;
        }
      }
    }
  }
  return { values: a.map((row, i) => row[i]), vectors: v };
}

/** Average-linkage agglomerative clustering on cosine similarity, merged down to k clusters. O(n²) memory: small corpora only. */
function agglomerative(vectors: readonly SparseVector[], members: readonly number[], k: number): number[] {
  const n = members.length;
  const sim = Array.from({ length: n }, (_, i) => {
    const row = new Float64Array(n);
    for (let j = 0; j < n; j++) row[j] = i === j ? -Infinity : sparseDot(vectors[members[i]], vectors[members[j]]);
    return row;
  });
  const size = new Array<number>(n).fill(1);
  const alive = new Array<boolean>(n).fill(true);
  const label = members.map((_, i) => i);
  for (let clusters = n; clusters > k; clusters--) {
    let bi = -1;
    let bj = -1;
    let bs = -Infinity;
    for (let i = 0; i < n; i++) {
      if (!alive[i]) continue;
      for (let j = i + 1; j < n; j++) {
        if (alive[j] && sim[i][j] > bs) {
          bs = sim[i][j];
          bi = i;
          bj = j;
        }
      }
    }
    for (let x = 0; x < n; x++) {
      if (!alive[x] || x === bi || x === bj) continue;
      const s = (sim[bi][x] * size[bi] + sim[bj][x] * size[bj]) / (size[bi] + size[bj]);
      sim[bi][x] = s;
      sim[x][bi] = s;
    }
    size[bi] += size[bj];
    alive[bj] = false;
    for (let x = 0; x < n; x++) if (label[x] === bj) label[x] = bi;
  }
  const renumber = new Map<number, number>();
  return label.map((l) => {
    if (!renumber.has(l)) renumber.set(l, renumber.size);
    return renumber.get(l)!;
  });
}

/** Most papers the factorisation is fitted on; the others are assigned to the factor they project on most. */
const NMF_SAMPLE = 800;

/**
 * Non-negative matrix factorisation X ≈ W H (Lee and Seung's multiplicative updates, seeded start);
 * each paper goes to its heaviest factor. On big corpora H is fitted on an evenly spaced sample and
 * every paper goes to the factor its vector projects on most.
 */
function nmf(vectors: readonly SparseVector[], members: readonly number[], dim: number, k: number, seed: number, sampleSize = NMF_SAMPLE): number[] {
  const step = members.length / Math.min(members.length, sampleSize);
  const sample = members.length <= sampleSize ? members : Array.from({ length: sampleSize }, (_, i) => members[Math.floor(i * step)]);
  const random = seededRandom(seed);
  const n = sample.length;
  // W is n × k and H is dim × k (Hᵀ), both flat and row-major, so the inner loops run over k contiguous numbers.
  const W = Float64Array.from({ length: n * k }, () => 0.1 + random());
  const H = Float64Array.from({ length: dim * k }, () => 0.1 + random() * 0.1);
  const eps = 1e-9;
  const iterations = members.length <= 300 ? 100 : sampleSize < NMF_SAMPLE ? 25 : 40;
  const gram = (m: Float64Array, rows: number): Float64Array => {
    const g = new Float64Array(k * k);
    for (let r = 0; r < rows; r++) {
      const o = r * k;
      for (let a = 0; a < k; a++) {
        const x = m[o + a];
        if (x === 0) continue;
        for (let b = 0; b < k; b++) g[a * k + b] += x * m[o + b];
      }
    }
    return g;
  };
  const ratio = new Float64Array(k);
  for (let iter = 0; iter < iterations; iter++) {
    // H ← H ∘ (XᵀW) / (H WᵀW)
    const XtW = new Float64Array(dim * k);
    for (let i = 0; i < n; i++) {
      const v = vectors[sample[i]];
      const wo = i * k;
      for (let t = 0; t < v.idx.length; t++) {
        const x = v.val[t];
        const ho = v.idx[t] * k;
        for (let a = 0; a < k; a++) XtW[ho + a] += x * W[wo + a];
      }
    }
    const WtW = gram(W, n);
    for (let t = 0; t < dim; t++) {
      const o = t * k;
      for (let a = 0; a < k; a++) {
        let denom = eps;
        for (let b = 0; b < k; b++) denom += H[o + b] * WtW[b * k + a];
        ratio[a] = XtW[o + a] / denom;
      }
      for (let a = 0; a < k; a++) H[o + a] *= ratio[a];
    }
    // W ← W ∘ (X H) / (W HᵀH)
    const HtH = gram(H, dim);
    for (let i = 0; i < n; i++) {
      const v = vectors[sample[i]];
      const wo = i * k;
      ratio.fill(0);
      for (let t = 0; t < v.idx.length; t++) {
        const x = v.val[t];
        const ho = v.idx[t] * k;
        for (let a = 0; a < k; a++) ratio[a] += x * H[ho + a];
      }
      for (let a = 0; a < k; a++) {
        let denom = eps;
        for (let b = 0; b < k; b++) denom += W[wo + b] * HtH[b * k + a];
        ratio[a] /= denom;
      }
      for (let a = 0; a < k; a++) W[wo + a] *= ratio[a];
    }
  }
  const heaviest = (w: ArrayLike<number>, o: number) => {
    let bi = 0;
    for (let a = 1; a < k; a++) if (w[o + a] > w[o + bi]) bi = a;
    return bi;
  };
  if (sample === members) return members.map((_, i) => heaviest(W, i * k));
  const norms = new Float64Array(k);
  for (let t = 0; t < dim; t++) for (let a = 0; a < k; a++) norms[a] += H[t * k + a] ** 2;
  for (let a = 0; a < k; a++) norms[a] = Math.sqrt(norms[a]) || 1;
  const projection = new Float64Array(k);
  return members.map((m) => {
    const v = vectors[m];
    projection.fill(0);
    for (let t = 0; t < v.idx.length; t++) {
      const x = v.val[t];
      const ho = v.idx[t] * k;
      for (let a = 0; a < k; a++) projection[a] += x * H[ho + a];
    }
    for (let a = 0; a < k; a++) projection[a] /= norms[a];
    return heaviest(projection, 0);
  });
}

function cluster(f: Featurized, members: readonly number[], k: number, method: TopicMethod, seed: number): number[] {
  if (members.length <= k) return members.map((_, i) => i);
  switch (method) {
    case 'nmf': {
      // Only the terms these papers use: a subtopic's factorisation runs over its own small vocabulary.
      const local = new Map<number, number>();
      for (const m of members) for (const t of f.vectors[m].idx) if (!local.has(t)) local.set(t, local.size);
      const vectors = members.map((m) => ({ idx: f.vectors[m].idx.map((t) => local.get(t)!), val: f.vectors[m].val }));
      return nmf(vectors, vectors.map((_, i) => i), local.size, k, seed, members.length === f.vectors.length ? NMF_SAMPLE : 300);
    }
    case 'agglomerative':
      if (members.length <= 3000) return agglomerative(f.vectors, members, k);
      break;
    case 'lsa': {
      const latent = latentVectors(members.map((m) => f.vectors[m]), f.dim, 30, seed, 2);
      return sphericalKMeans(latent, latent.map((_, i) => i), latent[0]?.val.length ?? 0, k, 8, seed);
    }
  }
  return sphericalKMeans(f.vectors, members, f.dim, k, members.length <= 2000 ? 8 : 2, seed);
}

interface Group {
  members: number[];
  center: Float64Array;
}

/**
 * Clusters members into groups of at least `minSize`: smaller clusters are dissolved and their
 * papers join the nearest remaining group, or `leftover` when they resemble none (similarity < `floor`).
 */
function groups(f: Featurized, members: readonly number[], k: number, minSize: number, method: TopicMethod, seed: number): { groups: Group[]; leftover: number[] } {
  const assign = cluster(f, members, k, method, seed);
  const byCluster = new Map<number, number[]>();
  members.forEach((m, i) => byCluster.set(assign[i], [...(byCluster.get(assign[i]) ?? []), m]));
  const all = [...byCluster.values()];
  let kept = all.filter((g) => g.length >= minSize);
  if (kept.length === 0) kept = [members.slice()];
  const centers = kept.map((g) => centroid(f.vectors, g, f.dim));
  const leftover: number[] = [];
  const floor = 0.04;
  for (const g of all) {
    if (g.length >= minSize) continue;
    for (const m of g) {
      let bi = 0;
      let bs = -Infinity;
      centers.forEach((c, i) => {
        const s = dot(f.vectors[m], c);
        if (s > bs) {
          bs = s;
          bi = i;
        }
      });
      if (bs < floor) leftover.push(m);
      else kept[bi].push(m);
    }
  }
  return { groups: kept.map((g) => ({ members: g.sort((a, b) => a - b), center: centroid(f.vectors, g, f.dim) })), leftover };
}

/**
 * Class-based TF-IDF: a term scores in a class by how often the class uses it (term frequency over
 * the class's words) times how rare it is across the classes (log(1 + average class size / the
 * term's total count)), times how much of the class shares it and how much of its use falls in the
 * class, so a term every topic uses ("neural networks") names none. Phrases get a bonus.
 */
/** A class's best terms, scored, and how many of its papers use each term of the vocabulary. */
interface ClassTerms {
  scored: Array<[string, number]>;
  docs: Float64Array;
}

function classTermScores(f: Featurized, classes: readonly number[][]): ClassTerms[] {
  const phrase = f.terms.map((t) => (t.includes(' ') ? 1.5 : 1));
  const classCounts = classes.map((members) => {
    const counts = new Float64Array(f.dim);
    const docs = new Float64Array(f.dim);
    for (const m of members) {
      const { idx } = f.vectors[m];
      const c = f.counts[m];
      for (let i = 0; i < idx.length; i++) {
        counts[idx[i]] += c[i];
        docs[idx[i]] += 1;
      }
    }
    let words = 0;
    for (let t = 0; t < f.dim; t++) if (phrase[t] === 1) words += counts[t];
    return { counts, docs, size: members.length, words };
  });
  const total = new Float64Array(f.dim);
  const totalDocs = new Float64Array(f.dim);
  let words = 0;
  for (const c of classCounts) {
    for (let t = 0; t < f.dim; t++) {
      total[t] += c.counts[t];
      totalDocs[t] += c.docs[t];
    }
    words += c.words;
  }
  const avg = words / Math.max(1, classes.length);
  return classCounts.map(({ counts, docs, size, words: classWords }) => {
    // A label must speak for several papers of the topic, not one paper's repeated jargon.
    const minDocs = Math.min(3, Math.max(2, Math.ceil(size * 0.08)));
    const scored: Array<[string, number]> = [];
    for (let t = 0; t < f.dim; t++) {
      const d = docs[t];
      if (d < minDocs) continue;
      const coverage = d / size;
      const purity = d / totalDocs[t];
      scored.push([f.terms[t], (counts[t] / Math.max(1, classWords)) * Math.log(1 + avg / total[t]) * Math.sqrt(coverage) * purity * phrase[t]]);
    }
    scored.sort((x, y) => y[1] - x[1] || compareStrings(x[0], y[0]));
    return { scored: scored.slice(0, 100), docs };
  });
}

const capitalise = (s: string) => (/^[a-z]/.test(s) ? s[0].toUpperCase() + s.slice(1) : s);

/**
 * The longest phrase that continues `term` in most of the class papers that use it ("deep neural" →
 * "deep neural networks"): phrases cut after an adjective read badly on a shelf.
 */
function completePhrase(f: Featurized, term: string, docs: Float64Array): string {
  let best = term;
  for (;;) {
    const base = docs[f.termIndex.get(best)!];
    // A phrase ending in an adjective ("deep neural") wants its noun even when papers vary it.
    const share = /(?:al|ic|ive|ous|ar|ing)$/.test(best) ? 0.25 : 0.6;
    let next: string | undefined;
    for (const u of f.extensions.get(best) ?? []) {
      const d = docs[f.termIndex.get(u)!];
      if (d >= base * share && (next === undefined || d > docs[f.termIndex.get(next)!])) next = u;
    }
    if (!next) return best;
    best = next;
  }
}

/**
 * A shelf label from a class's scored terms: the best phrase of 2–3 words scoring at least a sixth of
 * the best term, completed to the phrase its papers usually write; else the two best words; never a
 * label already taken.
 */
function chooseLabel(f: Featurized, terms: ClassTerms, taken: ReadonlySet<string>): string {
  const words = (t: string) => t.split(' ').length;
  const top = terms.scored.slice(0, 60);
  const bestScore = top[0]?.[1] ?? 0;
  const fresh = (label: string) => !taken.has(label.toLowerCase());
  for (const [t, s] of top) {
    if (words(t) < 2 || s < bestScore / 6) continue;
    const longer = completePhrase(f, t, terms.docs);
    for (const candidate of longer !== t ? [longer, t] : [t]) {
      const label = capitalise(display(f.vocab, candidate));
      if (fresh(label)) return label;
    }
  }
  const singles = top.filter(([t]) => words(t) === 1).map(([t]) => display(f.vocab, t));
  for (let i = 0; i < singles.length; i++) {
    for (let j = i + 1; j < singles.length; j++) {
      const label = `${capitalise(singles[i])}, ${singles[j]}`;
      if (fresh(label)) return label;
    }
  }
  return capitalise(singles[0] ?? 'Papers');
}

/** The best keywords of a class, for a tooltip: words and phrases, no word repeated inside a phrase already listed. */
function keywords(f: Featurized, scored: ReadonlyArray<[string, number]>, count = 8): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const [t] of scored) {
    const shown = display(f.vocab, t);
    const lower = shown.toLowerCase();
    if ([...seen].some((s) => s.includes(lower) || lower.includes(s))) continue;
    seen.add(lower);
    out.push(shown);
    if (out.length >= count) break;
  }
  return out;
}

function defaultTopicCount(n: number): number {
  return Math.max(6, Math.min(14, Math.round(Math.sqrt(n / 2))));
}

/**
 * Learns the topic tree of a corpus: 6–14 top-level topics (fewer for tiny corpora), subtopics
 * under topics larger than `splitAbove`, every paper in exactly one leaf, a trailing "Other" for
 * papers that fit nowhere (at most 10%). Topics are ordered by size, papers by id. Deterministic.
 */
export function buildTopicTree(papers: readonly Paper[], options: TopicOptions = {}): TopicNode[] {
  if (papers.length === 0) return [];
  const method = options.method ?? 'nmf';
  const splitAbove = options.splitAbove ?? 25;
  const f = featurize(papers);
  const ids = papers.map((p) => p.id);
  const all = papers.map((_, i) => i);
  const withText = all.filter((i) => f.vectors[i].idx.length > 0);
  const noText = all.filter((i) => f.vectors[i].idx.length === 0);
  if (withText.length < 6) return [leaf(OTHER_LABEL, [], all.map((i) => ids[i]))];

  const k = options.topics ?? defaultTopicCount(papers.length);
  const minTop = Math.max(3, Math.round(papers.length * 0.02));
  const top = groups(f, withText, k, minTop, method, 1);
  const other = [...noText, ...top.leftover];
  // The catch-all stays under 10%: its most topical papers join their nearest topic.
  const cap = Math.floor(papers.length * 0.1);
  if (other.length > cap) {
    const ranked = other
      .filter((m) => f.vectors[m].idx.length > 0)
      .map((m) => {
        let bi = 0;
        let bs = -Infinity;
        top.groups.forEach((g, i) => {
          const s = dot(f.vectors[m], g.center);
          if (s > bs) {
            bs = s;
            bi = i;
          }
        });
        return { m, bi, bs };
      })
      .sort((a, b) => b.bs - a.bs || a.m - b.m);
    for (const r of ranked.slice(0, other.length - cap)) {
      top.groups[r.bi].members.push(r.m);
      other.splice(other.indexOf(r.m), 1);
    }
  }
  const topGroups = top.groups.sort((a, b) => b.members.length - a.members.length || a.members[0] - b.members[0]);
  const scores = classTermScores(f, topGroups.map((g) => g.members));
  const taken = new Set<string>([OTHER_LABEL.toLowerCase()]);
  const nodes = topGroups.map((g, gi) => {
    const label = chooseLabel(f, scores[gi], taken);
    taken.add(label.toLowerCase());
    const children = g.members.length > splitAbove ? subtopics(f, ids, g.members, label, method) : [];
    return { label, keywords: keywords(f, scores[gi].scored), paperIds: sortedIds(ids, g.members), children };
  });
  if (other.length > 0) nodes.push(leaf(OTHER_LABEL, [], sortedIds(ids, other)));
  return nodes;
}

function subtopics(f: Featurized, ids: readonly string[], members: number[], parentLabel: string, method: TopicMethod): TopicNode[] {
  const k = Math.max(2, Math.min(5, Math.round(members.length / 14)));
  const { groups: subs, leftover } = groups(f, members, k, 3, method, 17);
  if (leftover.length > 0) subs[0].members.push(...leftover);
  if (subs.length < 2) return [];
  subs.sort((a, b) => b.members.length - a.members.length || a.members[0] - b.members[0]);
  const scores = classTermScores(f, subs.map((g) => g.members));
  const taken = new Set<string>([parentLabel.toLowerCase()]);
  return subs.map((g, i) => {
    const label = chooseLabel(f, scores[i], taken);
    taken.add(label.toLowerCase());
    return leaf(label, keywords(f, scores[i].scored), sortedIds(ids, g.members));
  });
}

function leaf(label: string, kw: string[], paperIds: string[]): TopicNode {
  return { label, keywords: kw, paperIds, children: [] };
}

function sortedIds(ids: readonly string[], members: readonly number[]): string[] {
  return members.map((m) => ids[m]).sort(compareStrings);
}

/** Every leaf of a tree, depth first. */
export function topicLeaves(nodes: readonly TopicNode[]): TopicNode[] {
  return nodes.flatMap((n) => (n.children.length > 0 ? topicLeaves(n.children) : [n]));
}

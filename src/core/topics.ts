import { compareStrings, type Paper } from './paper';
import { seededRandom } from './syntheticCorpus';
import { displayTerm, featurize, isStopWord, type Featurized, type SparseVector } from './topics/features';
import { averageLinkage, consensusPartition } from './topics/consensus';
import { nmfClusters } from './topics/nmf';

/**
 * The topic model: a two-level hierarchy of topics learned from titles and abstracts. Papers become
 * TF-IDF vectors over words and phrases of 2–3 words; NMF groups them (on a small corpus, the
 * consensus of several seeded runs); each group is labelled with its most distinctive phrase by
 * class-based TF-IDF.
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
  /**
   * NMF runs (from different seeds) whose consensus groups the papers; by default
   * {@link CONSENSUS_RUNS} for a corpus of at most {@link CONSENSUS_MAX_PAPERS} papers, else one.
   */
  runs?: number;
  /** How many times a title counts against the abstract (default 3). */
  titleWeight?: number;
  /** Seed of the first factorisation (default 1): other seeds give other, equally valid trees. */
  seed?: number;
}

/**
 * NMF runs whose consensus groups a small corpus, where one run depends too much on its start: on
 * the bundled papers, over six seeds, one run agrees with the hand labels at NMI 0.50 ± 0.03, the
 * consensus of 8 runs with the same k at 0.55 ± 0.02, of 15 runs with k varied by ±2 at 0.57 ± 0.02.
 */
export const CONSENSUS_RUNS = 15;
/** How far the runs' numbers of factors stray from k (k−2 … k+2): varied runs disagree where the data does. */
const CONSENSUS_K_SPREAD = 2;
/** Largest corpus that gets a consensus by default: each run costs as much as a whole single-run tree. */
export const CONSENSUS_MAX_PAPERS = 300;

/**
 * Changes whenever the same papers would get another tree (a new algorithm or setting): a tree
 * cached by a host under an older version is learnt again.
 */
export const TOPIC_MODEL_VERSION = 4;

/** The label of the catch-all topic. */
export const OTHER_LABEL = 'Other';

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
  const sim = members.map((mi, i) => {
    const row = new Float64Array(members.length);
    members.forEach((mj, j) => (row[j] = i === j ? -Infinity : sparseDot(vectors[mi], vectors[mj])));
    return row;
  });
  return averageLinkage(sim, k);
}

/** Most papers a top-level factorisation is fitted on, and a subtopic's; the others are assigned by projection. */
const NMF_SAMPLE = 500;
const NMF_SUBTOPIC_SAMPLE = 120;

interface ClusterOptions {
  method: TopicMethod;
  runs: number;
}

/** A step of learning a tree: it yields between chunks of work (see {@link buildTopicTreeInSteps}) and returns its result. */
type Steps<T> = Generator<void, T, void>;

function* cluster(f: Featurized, members: readonly number[], k: number, how: ClusterOptions, seed: number): Steps<number[]> {
  const { method } = how;
  if (members.length <= k) return members.map((_, i) => i);
  switch (method) {
    case 'nmf': {
      const topLevel = members.length === f.vectors.length;
      const sampleSize = topLevel ? NMF_SAMPLE : NMF_SUBTOPIC_SAMPLE;
      // A corpus small enough to fit whole gets many rounds; a sample of a big one few (its papers then project onto H).
      const maxIterations = members.length <= sampleSize ? 100 : topLevel ? 25 : 15;
      if (how.runs <= 1) return nmfClusters(f.vectors, members, f.dim, { k, seed, sampleSize, maxIterations });
      // Run r has k + (r mod 5) − 2 factors: every number of factors in the spread gets as many seeds.
      const spread = 2 * CONSENSUS_K_SPREAD + 1;
      const partitions: number[][] = [];
      for (let r = 0; r < how.runs; r++) {
        partitions.push(nmfClusters(f.vectors, members, f.dim, { k: Math.max(2, k + (r % spread) - CONSENSUS_K_SPREAD), seed: seed + r * 7919, sampleSize, maxIterations }));
        yield;
      }
      return consensusPartition(partitions, k);
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
function* groups(f: Featurized, members: readonly number[], k: number, minSize: number, method: ClusterOptions, seed: number): Steps<{ groups: Group[]; leftover: number[] }> {
  const assign = yield* cluster(f, members, k, method, seed);
  const byCluster = new Map<number, number[]>();
  members.forEach((m, i) => {
    const own = byCluster.get(assign[i]);
    if (own) own.push(m);
    else byCluster.set(assign[i], [m]);
  });
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

/** A class's best terms, scored, and how many of its papers use each term of the vocabulary. */
interface ClassTerms {
  scored: Array<[string, number]>;
  /** The terms that could name the class, best first (see {@link classTermScores}). */
  naming: NameCandidate[];
  docs: Float64Array;
  /** Per term, the class's papers it describes (see {@link useOf}), summed. */
  uses: Float64Array;
  /** Per term, the class's papers that write it in the title (or as often in the abstract). */
  titled: Float64Array;
  members: readonly number[];
}

/** A term that could name a class, with the parts of its score. */
interface NameCandidate {
  term: number;
  /** Share of the class's papers the term describes: a paper with it in the title fully, one mention in the abstract a third. */
  cover: number;
  /** Share of the term's users, among the classes compared, that sit in this class, above the class's share of the papers (0 at chance, 1 when all of them do). */
  purity: number;
  /** See {@link specificity}. */
  specificity: number;
  /** How often the term's users write it in their titles (see {@link CorpusUse}). */
  topical: number;
  score: number;
}

/**
 * How well a term describes a class: the harmonic mean of the share of the class's papers it
 * describes and the share of its users in the class (an F-measure), so neither a word every topic
 * uses nor one paper's jargon names a topic.
 */
const describes = (cover: number, purity: number) => (cover + purity > 0 ? (2 * cover * purity) / (cover + purity) : 0);

/**
 * The fourth root of a term's IDF in the whole corpus: mild, since purity already tells a topic
 * from its siblings, but enough that "neural networks" names no subtopic of a corpus about neural
 * networks, while a big field's own name ("Language models") still names it.
 */
const specificity = (corpus: CorpusUse, t: number) => Math.log(corpus.papers / corpus.docs[t]) ** 0.25;

/** Candidates kept per class for its name. */
const NAMING_CANDIDATES = 40;

/** How many papers of the whole corpus use each term, and how many papers there are. */
interface CorpusUse {
  docs: Float64Array;
  papers: number;
  /**
   * Per term, the smoothed share of its users that write it in the title (or as often in the
   * abstract): a subject is named in titles, while words of the prose around it ("following",
   * "capabilities", "boundary conditions") live in abstracts.
   */
  topical: Float64Array;
}

function corpusUse(f: Featurized): CorpusUse {
  const docs = new Float64Array(f.dim);
  const titled = new Float64Array(f.dim);
  f.vectors.forEach((v, m) => {
    const c = f.counts[m];
    for (let i = 0; i < v.idx.length; i++) {
      docs[v.idx[i]]++;
      if (c[i] >= f.titleWeight) titled[v.idx[i]]++;
    }
  });
  const topical = docs.map((d, t) => (titled[t] + 1) / (d + 2));
  return { docs, papers: f.vectors.length, topical };
}

/** A paper's use of a term as a description of it: 1 in the title (or as often in the abstract), a fraction per abstract mention. */
const useOf = (count: number, titleWeight: number) => Math.min(count, titleWeight) / titleWeight;

/**
 * Scores the terms of each class two ways. `scored` (keywords) is class-based TF-IDF: how often the
 * class uses the term (over the class's words) times how rare it is across the classes
 * (log(1 + average class size / the term's total count)), times how much of the class shares it and
 * how much of its use falls in the class, phrases with a bonus. `naming` asks what a shelf label
 * needs: the share of the class's papers the term describes, in their titles above all (a label
 * speaks for the topic, not for its five most distinctive papers), times the share of the term's
 * users that sit in the class (it tells the topic from its siblings), times the square root of its
 * IDF in the whole corpus (so "neural networks" names no subtopic of a corpus about neural networks).
 */
function classTermScores(f: Featurized, classes: readonly number[][], corpus: CorpusUse): ClassTerms[] {
  const phrase = f.terms.map((t) => (t.includes(' ') ? 1.5 : 1));
  const classCounts = classes.map((members) => {
    const counts = new Float64Array(f.dim);
    const docs = new Float64Array(f.dim);
    const uses = new Float64Array(f.dim);
    const titled = new Float64Array(f.dim);
    for (const m of members) {
      const { idx } = f.vectors[m];
      const c = f.counts[m];
      for (let i = 0; i < idx.length; i++) {
        counts[idx[i]] += c[i];
        docs[idx[i]] += 1;
        uses[idx[i]] += useOf(c[i], f.titleWeight);
        if (c[i] >= f.titleWeight) titled[idx[i]]++;
      }
    }
    let words = 0;
    for (let t = 0; t < f.dim; t++) if (phrase[t] === 1) words += counts[t];
    return { counts, docs, uses, titled, size: members.length, words };
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
  const papers = classes.reduce((sum, members) => sum + members.length, 0);
  const seen = new Uint8Array(f.dim);
  return classCounts.map(({ counts, docs, uses, titled, size, words: classWords }, c) => {
    // A label must speak for several papers of the topic, not one paper's repeated jargon.
    const minDocs = Math.min(3, Math.max(2, Math.ceil(size * 0.08)));
    // Only the terms the class's papers use, not the whole vocabulary: a subtopic uses a small part of it.
    const candidates: number[] = [];
    seen.fill(0);
    for (const m of classes[c]) {
      for (const t of f.vectors[m].idx) {
        if (seen[t] || docs[t] < minDocs) continue;
        seen[t] = 1;
        candidates.push(t);
      }
    }
    const keyword = new Float64Array(candidates.length);
    const name = new Float64Array(candidates.length);
    const lift = new Float64Array(candidates.length);
    // A term spread evenly over the classes sits in this one as often as its share of the papers: only the excess tells it apart.
    const chance = size / Math.max(1, papers);
    for (let i = 0; i < candidates.length; i++) {
      const t = candidates[i];
      const d = docs[t];
      const purity = d / totalDocs[t];
      lift[i] = chance < 1 ? Math.max(0, (purity - chance) / (1 - chance)) : purity;
      keyword[i] = (counts[t] / Math.max(1, classWords)) * Math.log(1 + avg / total[t]) * Math.sqrt(d / size) * purity * phrase[t];
      name[i] = describes(uses[t] / size, lift[i]) * specificity(corpus, t) * corpus.topical[t] ** 0.25;
    }
    const naming = bestOf(f, candidates, name, NAMING_CANDIDATES).map((i): NameCandidate => {
      const t = candidates[i];
      return { term: t, cover: uses[t] / size, purity: lift[i], specificity: specificity(corpus, t), topical: corpus.topical[t], score: name[i] };
    });
    const scored = bestOf(f, candidates, keyword, 100).map((i): [string, number] => [f.terms[candidates[i]], keyword[i]]);
    return { scored, naming, docs, uses, titled, members: classes[c] };
  });
}

/** Positions of the `keep` best-scored candidate terms (`score[i]` is `candidates[i]`'s), best first, ties in term order. */
function bestOf(f: Featurized, candidates: readonly number[], score: Float64Array, keep: number): number[] {
  let shortlist = candidates.map((_, i) => i);
  if (candidates.length > keep) {
    // The keep-th best score, from a numeric sort of the scores alone: only the terms that reach it get the full comparison.
    const floor = score.slice().sort()[candidates.length - keep];
    shortlist = shortlist.filter((i) => score[i] >= floor);
  }
  return shortlist.sort((a, b) => score[b] - score[a] || compareStrings(f.terms[candidates[a]], f.terms[candidates[b]])).slice(0, keep);
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
 * A single word as the class's papers qualify it: the commonest phrase around it when at least a
 * quarter of the word's users (two papers at least) write it, completed; else the word itself. A
 * noun takes a modifier before it ("initialization" → "weight initialization"), a modifier its noun
 * ("visual" → "visual cortex"); the word after a noun only when most of its users write it
 * ("free" → "free energy", not "emerge following").
 */
function qualifiedWord(f: Featurized, word: string, docs: Float64Array): string {
  const base = docs[f.termIndex.get(word)!];
  const modifier = /(?:al|ic|ive|ous|ar|ing)$/.test(displayTerm(f.spelling, word));
  const noun = !/(?:al|ic|ive|ous|ar|ed)$/.test(displayTerm(f.spelling, word));
  let next: string | undefined;
  let nextDocs = 0;
  for (const u of f.extensions.get(word) ?? []) {
    // A word most of whose users write a noun after it is a modifier too ("free" → "free energy").
    const share = u.startsWith(`${word} `) ? (modifier ? 0.25 : 0.5) : noun ? 0.25 : Infinity;
    const d = docs[f.termIndex.get(u)!];
    if (d >= 2 && d >= base * share && d > nextDocs) {
      next = u;
      nextDocs = d;
    }
  }
  return next ? completePhrase(f, next, docs) : word;
}

/**
 * How a label's last word is shelved: in the plural when the corpus writes that word in the plural
 * at least a third of the time ("Induction head" → "Induction heads"), as it names a kind of thing
 * rather than a quantity ("Free energy" stays).
 */
function shelfForm(f: Featurized, label: string): string {
  const cut = label.lastIndexOf(' ') + 1;
  const last = label.slice(cut);
  if (!/^[a-z]{3,}$/.test(last) || /s$/.test(last)) return label;
  const forms = f.spelling.words.get(f.terms[f.termIndex.get(last) ?? -1] ?? '') ?? wordForms(f, last);
  if (!forms) return label;
  const plurals = new Set([`${last}s`, `${last}es`, /[^aeiou]y$/.test(last) ? `${last.slice(0, -1)}ies` : '']);
  let plural = '';
  let pluralUses = 0;
  let uses = 0;
  for (const [form, n] of forms) {
    const lower = form.toLowerCase();
    uses += n;
    if (plurals.has(lower)) {
      pluralUses += n;
      plural = lower;
    }
  }
  return plural && pluralUses * 3 >= uses ? label.slice(0, cut) + plural : label;
}

/** The spellings seen of the word whose key a written word has, if any paper wrote it. */
function wordForms(f: Featurized, written: string): Map<string, number> | undefined {
  for (const forms of f.spelling.words.values()) if (forms.has(written)) return forms;
  return undefined;
}

/** A label and the term keys it was made of (a subtopic's label repeats none of its parent's). */
interface Label {
  text: string;
  terms: string[];
}

/** Whether one term key is the other or a part of it ("initialization" in "weight initialization"). */
function overlaps(a: string, b: string): boolean {
  return ` ${a} `.includes(` ${b} `) || ` ${b} `.includes(` ${a} `);
}

/** Whether `short` is an acronym of `long` or of its last words ("LLMs" of "language models", "SNNs" of "spiking neural networks"). */
function abbreviates(short: string, long: string): boolean {
  if (!/^[A-Z]{2,}s?$/.test(short)) return false;
  const letters = short.replace(/s$/, '').toLowerCase();
  const initials = long.split(/[\s-]+/).map((w) => w[0]?.toLowerCase() ?? '').join('');
  return initials.length >= 2 && letters.endsWith(initials);
}

/** A pair of terms names a class less crisply than one phrase that describes as many of its papers. */
const PAIR_FACTOR = 0.8;
/** Naming candidates tried in pairs. */
const PAIR_CANDIDATES = 12;
/** Words that qualify rather than name ("molecular", "equivariant", "error-modulated"): never half of a pair alone. */
const QUALIFIER = /-|(?:al|ic|ive|ous|ed|ar|ant|ent)$/;

/**
 * A shelf label for a class, the best-scored of two kinds. A phrase of 2–4 words ("Spiking neural
 * networks"), or a single word the papers qualify the same way ("Weight initialization"), scored by
 * the share of the class's papers it describes, its purity and its specificity (see
 * {@link classTermScores}). Or two terms joined by "and" ("Molecules and materials"), scored by the
 * share of papers that either describes, less {@link PAIR_FACTOR}: the pair wins where no single
 * phrase speaks for most of the topic. Never a label already taken, nor one that repeats a term of
 * `avoid` (the parent's label).
 */
function chooseLabel(f: Featurized, terms: ClassTerms, taken: ReadonlySet<string>, avoid: readonly string[] = []): Label {
  // Where no term two titles write makes a fresh label, one title will do, then the abstracts.
  for (const minTitles of [Math.min(2, terms.members.length), 1, 0]) {
    const label = freshLabel(f, terms, taken, avoid, minTitles);
    if (label) return label;
  }
  for (const candidate of terms.naming) {
    const text = capitalise(displayTerm(f.spelling, f.terms[candidate.term]));
    if (!taken.has(text.toLowerCase())) return { text, terms: [f.terms[candidate.term]] };
  }
  return { text: 'Papers', terms: [] };
}

/** The best label of {@link chooseLabel} from terms that at least `minTitles` titles of the class write, if one is not taken. */
function freshLabel(f: Featurized, terms: ClassTerms, taken: ReadonlySet<string>, avoid: readonly string[], minTitles: number): Label | undefined {
  const wordCount = (s: string) => s.split(' ').length;
  const clashes = (key: string) => avoid.some((a) => overlaps(key, a));
  interface Name {
    key: string;
    text: string;
    candidate: NameCandidate;
    /** A modifier completed with the noun its papers write after it ("molecular dynamics"): a label alone, never half of a pair. */
    modified: boolean;
  }
  const names: Name[] = [];
  for (const candidate of terms.naming) {
    const term = f.terms[candidate.term];
    // A word whose key is a stop word ("ones" → "one") names nothing.
    if (clashes(term) || term.split(' ').some(isStopWord)) continue;
    // A subject is named in titles: a term no two titles of the class write is the prose of a few abstracts ("boundary conditions").
    if (terms.titled[candidate.term] < minTitles) continue;
    let key = term.includes(' ') ? completePhrase(f, term, terms.docs) : qualifiedWord(f, term, terms.docs);
    if (clashes(key)) key = term;
    // A phrase the papers mostly write with another word after it reads cut short ("one-dimensional quantum [well]").
    if (key.includes(' ') && f.continued[f.termIndex.get(key)!] >= 0.5) continue;
    // A word qualified as its papers write it speaks for them only half as its own phrase ("matrix" → "weight matrix").
    const qualified = !term.includes(' ') && key !== term;
    const cover = qualified ? (candidate.cover + terms.uses[f.termIndex.get(key)!] / terms.members.length) / 2 : candidate.cover;
    const score = qualified ? (candidate.score * describes(cover, candidate.purity)) / (describes(candidate.cover, candidate.purity) || 1) : candidate.score;
    names.push({ key, text: shelfForm(f, displayTerm(f.spelling, key)), candidate: { ...candidate, cover, score }, modified: qualified && key.startsWith(`${term} `) });
  }
  const options: Array<{ label: Label; score: number }> = [];
  for (const n of names) {
    if (n.key.includes(' ') && wordCount(n.text) <= 4) options.push({ label: { text: capitalise(n.text), terms: [n.key] }, score: n.candidate.score });
  }
  // A word its papers write before another two times in three ("electron" microscopy) qualifies rather than names, whatever its suffix.
  const pairable = names
    .filter((n) => (n.key.includes(' ') ? wordCount(n.text) <= 2 && !n.modified : !QUALIFIER.test(n.text) && f.continued[n.candidate.term] < 2 / 3))
    .slice(0, PAIR_CANDIDATES);
  // Each pairable term's use by each paper of the class, to score pairs by the papers either describes.
  const size = terms.members.length;
  const slot = new Int32Array(f.dim).fill(-1);
  pairable.forEach((n, i) => (slot[n.candidate.term] = i));
  const use = new Float64Array(pairable.length * size);
  terms.members.forEach((m, p) => {
    const { idx } = f.vectors[m];
    for (let i = 0; i < idx.length; i++) {
      const s = slot[idx[i]];
      if (s >= 0) use[s * size + p] = useOf(f.counts[m][i], f.titleWeight);
    }
  });
  const stems = (text: string) => text.toLowerCase().split(' ').map((w) => w.slice(0, 4));
  for (let i = 0; i < pairable.length; i++) {
    for (let j = i + 1; j < pairable.length; j++) {
      const [a, b] = [pairable[i], pairable[j]];
      if (wordCount(a.text) + wordCount(b.text) > 3) continue;
      // "Cells and cellular", "Neurons and neural networks", "LLMs and language models" say one thing twice.
      const aStems = stems(a.text);
      if (stems(b.text).some((s) => aStems.includes(s)) || abbreviates(a.text, b.text) || abbreviates(b.text, a.text)) continue;
      let either = 0;
      for (let p = 0; p < size; p++) either += Math.max(use[i * size + p], use[j * size + p]);
      const ca = a.candidate;
      const cb = b.candidate;
      const weight = ca.cover + cb.cover || 1;
      const purity = (ca.purity * ca.cover + cb.purity * cb.cover) / weight;
      const specificity = (ca.specificity * ca.cover + cb.specificity * cb.cover) / weight;
      const topical = (ca.topical * ca.cover + cb.topical * cb.cover) / weight;
      const [first, second] = cb.cover > ca.cover ? [b, a] : [a, b];
      options.push({
        label: { text: `${capitalise(first.text)} and ${second.text}`, terms: [first.key, second.key] },
        // Both terms must be themes of the topic: a pair scores the geometric mean of what both describe together and what each does alone.
        score: Math.cbrt(describes(either / Math.max(1, size), purity) * describes(ca.cover, ca.purity) * describes(cb.cover, cb.purity)) * specificity * topical ** 0.25 * PAIR_FACTOR,
      });
    }
  }
  options.sort((x, y) => y.score - x.score || compareStrings(x.label.text, y.label.text));
  return options.find((o) => !taken.has(o.label.text.toLowerCase()))?.label;
}

/**
 * The best keywords of a class, for a tooltip: words and phrases, each phrase completed as its papers
 * write it ("spiking neural" → "spiking neural networks"), none inside a keyword already listed.
 */
function keywords(f: Featurized, terms: ClassTerms, count = 8): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const [t] of terms.scored) {
    const shown = displayTerm(f.spelling, t.includes(' ') ? completePhrase(f, t, terms.docs) : t);
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
  const steps = topicTreeSteps(papers, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same tree as {@link buildTopicTree}, learnt in chunks of a few hundred milliseconds at most
 * (reading the papers, each factorisation, each topic's subtopics) with `pause()` awaited between
 * them, so a host can keep answering while it learns. The host chooses how to pause (the core has
 * no timers); the result does not depend on it.
 */
export async function buildTopicTreeInSteps(papers: readonly Paper[], options: TopicOptions, pause: () => Promise<void>): Promise<TopicNode[]> {
  const steps = topicTreeSteps(papers, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await pause();
  }
}

function* topicTreeSteps(papers: readonly Paper[], options: TopicOptions): Steps<TopicNode[]> {
  if (papers.length === 0) return [];
  const splitAbove = options.splitAbove ?? 25;
  const how: ClusterOptions = {
    method: options.method ?? 'nmf',
    runs: options.runs ?? (papers.length <= CONSENSUS_MAX_PAPERS ? CONSENSUS_RUNS : 1),
  };
  const f = featurize(papers, { titleWeight: options.titleWeight ?? 3 });
  yield;
  const ids = papers.map((p) => p.id);
  const all = papers.map((_, i) => i);
  const withText = all.filter((i) => f.vectors[i].idx.length > 0);
  const noText = all.filter((i) => f.vectors[i].idx.length === 0);
  if (withText.length < 6) return [leaf(OTHER_LABEL, [], all.map((i) => ids[i]))];

  const k = options.topics ?? defaultTopicCount(papers.length);
  const minTop = Math.max(3, Math.round(papers.length * 0.02));
  const top = yield* groups(f, withText, k, minTop, how, options.seed ?? 1);
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
  const use = corpusUse(f);
  const scores = classTermScores(f, topGroups.map((g) => g.members), use);
  const taken = new Set<string>([OTHER_LABEL.toLowerCase()]);
  const nodes: TopicNode[] = [];
  for (const [gi, g] of topGroups.entries()) {
    const label = chooseLabel(f, scores[gi], taken);
    taken.add(label.text.toLowerCase());
    const children = g.members.length > splitAbove ? yield* subtopics(f, ids, g.members, label, how, use) : [];
    nodes.push({ label: label.text, keywords: keywords(f, scores[gi]), paperIds: sortedIds(ids, g.members), children });
    yield;
  }
  const shelved = shelveUnnamed(nodes);
  if (other.length > 0) shelved.push(leaf(OTHER_LABEL, [], sortedIds(ids, other)));
  return shelved;
}

/**
 * A topic no phrase names (its label fell back to two words, "Particles, boundary") usually joins
 * two fields; when all its subtopics are named by phrases, they take its place on the top shelf (at
 * most 14 topics, labels still unique), sorted by size with the rest.
 */
function shelveUnnamed(nodes: readonly TopicNode[]): TopicNode[] {
  // Phrases never hold "and" (a stop word ends them): only a pair of terms does.
  const unnamed = (n: TopicNode) => n.label.includes(' and ');
  const labels = new Set(nodes.map((n) => n.label.toLowerCase()));
  const out: TopicNode[] = [];
  let count = nodes.length;
  for (const n of nodes) {
    const promote = unnamed(n) && n.children.length >= 2 && !n.children.some(unnamed) && count + n.children.length - 1 <= 14 && n.children.every((c) => !labels.has(c.label.toLowerCase()));
    if (!promote) {
      out.push(n);
      continue;
    }
    out.push(...n.children);
    for (const c of n.children) labels.add(c.label.toLowerCase());
    count += n.children.length - 1;
  }
  const order = new Map(out.map((n, i) => [n, i]));
  return out.sort((a, b) => b.paperIds.length - a.paperIds.length || order.get(a)! - order.get(b)!);
}

function* subtopics(f: Featurized, ids: readonly string[], members: number[], parent: Label, how: ClusterOptions, use: CorpusUse): Steps<TopicNode[]> {
  const k = Math.max(2, Math.min(5, Math.round(members.length / 14)));
  const { groups: subs, leftover } = yield* groups(f, members, k, 3, how, 17);
  if (leftover.length > 0) subs[0].members.push(...leftover);
  if (subs.length < 2) return [];
  subs.sort((a, b) => b.members.length - a.members.length || a.members[0] - b.members[0]);
  const scores = classTermScores(f, subs.map((g) => g.members), use);
  const taken = new Set<string>([parent.text.toLowerCase()]);
  return subs.map((g, i) => {
    const label = chooseLabel(f, scores[i], taken, parent.terms);
    taken.add(label.text.toLowerCase());
    return leaf(label.text, keywords(f, scores[i]), sortedIds(ids, g.members));
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

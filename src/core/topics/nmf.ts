import { seededRandom } from '../syntheticCorpus';
import type { SparseVector } from './features';

/** How a factorisation is fitted. */
export interface NmfOptions {
  /** Number of factors (topics). */
  k: number;
  seed: number;
  /** Most papers the factorisation is fitted on (an evenly spaced sample); the others are assigned by projection. */
  sampleSize: number;
  /** Most rounds of updates; fewer when the papers' heaviest factors (nearly) stop changing. */
  maxIterations: number;
}

/** Most terms a sampled factorisation runs over. */
const MAX_SAMPLE_TERMS = 1200;

/**
 * Rounds between two checks of convergence: a small corpus fitted whole checks every 5; a big
 * corpus's sample every 3, as it settles in fewer rounds and each costs more.
 */
const CHECK_EVERY = 5;
const CHECK_EVERY_SAMPLED = 3;

/**
 * Non-negative matrix factorisation X ≈ W H of the members' TF-IDF rows (Lee and Seung's
 * multiplicative updates from a seeded start), over the terms the fitted papers use. Returns a
 * factor per member: its heaviest one in W when every member was fitted, else the factor its vector
 * projects on most (H's columns normalised). Stops early once no fitted paper changes factor between
 * two checks. Deterministic for the same members, vectors and options.
 */
export function nmfClusters(vectors: readonly SparseVector[], members: readonly number[], dim: number, options: NmfOptions): number[] {
  const { k, seed, sampleSize, maxIterations } = options;
  const fitted = members.length <= sampleSize;
  const step = members.length / Math.min(members.length, sampleSize);
  const sample = fitted ? members : Array.from({ length: sampleSize }, (_, i) => members[Math.floor(i * step)]);
  // Only the terms the sample uses, numbered in order of appearance: a subtopic fits over its own small
  // vocabulary. A sample keeps its commonest terms, shared by at least two of its papers: rarer ones
  // shape no factor, and the update of H costs (terms × factors²) per round.
  const local = new Int32Array(dim).fill(-1);
  const uses = new Int32Array(dim);
  for (const m of sample) for (const t of vectors[m].idx) uses[t]++;
  const keep = new Uint8Array(dim);
  if (fitted) {
    for (let t = 0; t < dim; t++) keep[t] = uses[t] > 0 ? 1 : 0;
  } else {
    const shared: number[] = [];
    for (let t = 0; t < dim; t++) if (uses[t] >= 2) shared.push(t);
    shared.sort((a, b) => uses[b] - uses[a] || a - b);
    for (const t of shared.slice(0, MAX_SAMPLE_TERMS)) keep[t] = 1;
  }
  let localDim = 0;
  const rows = sample.map((m) => {
    const v = vectors[m];
    const idx: number[] = [];
    const val: number[] = [];
    for (let t = 0; t < v.idx.length; t++) {
      const g = v.idx[t];
      if (!keep[g]) continue;
      if (local[g] < 0) local[g] = localDim++;
      idx.push(local[g]);
      val.push(v.val[t]);
    }
    return { idx: Int32Array.from(idx), val: Float64Array.from(val) };
  });
  const n = rows.length;
  const random = seededRandom(seed);
  // W is n × k and H is localDim × k (Hᵀ), both flat and row-major, so the inner loops run over k contiguous numbers.
  const W = Float64Array.from({ length: n * k }, () => 0.1 + random());
  const H = Float64Array.from({ length: localDim * k }, () => 0.1 + random() * 0.1);
  const eps = 1e-9;
  // MᵀM is symmetric: the upper triangle is summed and mirrored (the same sums, in the same order).
  const gram = (m: Float64Array, count: number): Float64Array => {
    const g = new Float64Array(k * k);
    for (let r = 0; r < count; r++) {
      const o = r * k;
      for (let a = 0; a < k; a++) {
        const x = m[o + a];
        if (x === 0) continue;
        for (let b = a; b < k; b++) g[a * k + b] += x * m[o + b];
      }
    }
    for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) g[a * k + b] = g[b * k + a];
    return g;
  };
  const heaviest = (w: ArrayLike<number>, o: number) => {
    let bi = 0;
    for (let a = 1; a < k; a++) if (w[o + a] > w[o + bi]) bi = a;
    return bi;
  };
  const ratio = new Float64Array(k);
  const XtW = new Float64Array(localDim * k);
  let previous: Int32Array | undefined;
  for (let iter = 0; iter < maxIterations; iter++) {
    // H ← H ∘ (XᵀW) / (H WᵀW)
    XtW.fill(0);
    for (let i = 0; i < n; i++) {
      const v = rows[i];
      const wo = i * k;
      for (let t = 0; t < v.idx.length; t++) {
        const x = v.val[t];
        const ho = v.idx[t] * k;
        for (let a = 0; a < k; a++) XtW[ho + a] += x * W[wo + a];
      }
    }
    const WtW = gram(W, n);
    for (let t = 0; t < localDim; t++) {
      const o = t * k;
      for (let a = 0; a < k; a++) {
        let denom = eps;
        for (let b = 0; b < k; b++) denom += H[o + b] * WtW[b * k + a];
        ratio[a] = XtW[o + a] / denom;
      }
      for (let a = 0; a < k; a++) H[o + a] *= ratio[a];
    }
    // W ← W ∘ (X H) / (W HᵀH)
    const HtH = gram(H, localDim);
    for (let i = 0; i < n; i++) {
      const v = rows[i];
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
    if ((iter + 1) % (fitted ? CHECK_EVERY : CHECK_EVERY_SAMPLED) === 0) {
      const current = Int32Array.from({ length: n }, (_, i) => heaviest(W, i * k));
      // Converged when (almost) no paper changes factor: under 0.5% of them, none for small samples.
      let changed = 0;
      if (previous) for (let i = 0; i < n; i++) if (current[i] !== previous[i]) changed++;
      if (previous && changed <= Math.floor(n * 0.005)) break;
      previous = current;
    }
  }
  if (fitted) return members.map((_, i) => heaviest(W, i * k));
  const norms = new Float64Array(k);
  for (let t = 0; t < localDim; t++) for (let a = 0; a < k; a++) norms[a] += H[t * k + a] ** 2;
  for (let a = 0; a < k; a++) norms[a] = Math.sqrt(norms[a]) || 1;
  const projection = new Float64Array(k);
  return members.map((m) => {
    const v = vectors[m];
    projection.fill(0);
    for (let t = 0; t < v.idx.length; t++) {
      const l = local[v.idx[t]];
      if (l < 0) continue;
      const x = v.val[t];
      const ho = l * k;
      for (let a = 0; a < k; a++) projection[a] += x * H[ho + a];
    }
    for (let a = 0; a < k; a++) projection[a] /= norms[a];
    return heaviest(projection, 0);
  });
}

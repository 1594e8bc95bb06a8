/**
 * Consensus clustering: several partitions of the same items (e.g. NMF fitted from different seeds)
 * agree on a pair when they put both items in one cluster. Average-linkage clustering of that
 * co-association keeps the groupings most runs share and drops what one unlucky start invented.
 */

/**
 * Average-linkage agglomerative clustering of n items from a symmetric similarity matrix (rows are
 * overwritten), merged down to k clusters; ties go to the lowest pair of indices. Returns a cluster
 * number per item, numbered by first appearance. O(n³) time: a few thousand items at most.
 */
export function averageLinkage(sim: Float64Array[], k: number): number[] {
  const n = sim.length;
  const size = new Array<number>(n).fill(1);
  const alive = new Array<boolean>(n).fill(true);
  const label = Array.from({ length: n }, (_, i) => i);
  for (let clusters = n; clusters > k; clusters--) {
    let bi = -1;
    let bj = -1;
    let bs = -Infinity;
    for (let i = 0; i < n; i++) {
      if (!alive[i]) continue;
      const row = sim[i];
      for (let j = i + 1; j < n; j++) {
        if (alive[j] && row[j] > bs) {
          bs = row[j];
          bi = i;
          bj = j;
        }
      }
    }
    if (bi < 0) break;
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

/**
 * The consensus of several partitions of the same n items into k clusters: each pair's similarity is
 * the share of partitions that put it together, then average linkage cuts that into k clusters.
 * Deterministic for the same partitions in the same order.
 */
export function consensusPartition(partitions: readonly (readonly number[])[], k: number): number[] {
  const n = partitions[0]?.length ?? 0;
  const sim = Array.from({ length: n }, () => new Float64Array(n));
  for (const p of partitions) {
    for (let i = 0; i < n; i++) {
      const row = sim[i];
      const pi = p[i];
      for (let j = i + 1; j < n; j++) if (p[j] === pi) row[j] += 1;
    }
  }
  const runs = partitions.length;
  for (let i = 0; i < n; i++) {
    sim[i][i] = -Infinity;
    for (let j = i + 1; j < n; j++) {
      sim[i][j] /= runs;
      sim[j][i] = sim[i][j];
    }
  }
  return averageLinkage(sim, k);
}

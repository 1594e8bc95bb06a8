/** Graded relevance judgements of one query: paper id → grade (0 not relevant … 3 the paper sought). */
export type Judgements = Record<string, number>;

/** Normalised discounted cumulative gain of a ranking at cut-off k (1 when the best possible order). */
export function ndcgAt(ranked: readonly string[], judged: Judgements, k = 10): number {
  const gain = (grade: number) => 2 ** grade - 1;
  const dcg = ranked.slice(0, k).reduce((sum, id, i) => sum + gain(judged[id] ?? 0) / Math.log2(i + 2), 0);
  const ideal = Object.values(judged)
    .filter((g) => g > 0)
    .sort((a, b) => b - a)
    .slice(0, k)
    .reduce((sum, g, i) => sum + gain(g) / Math.log2(i + 2), 0);
  return ideal === 0 ? 0 : dcg / ideal;
}

/** Reciprocal rank of the first result judged relevant (grade ≥ 1); 0 if none is in the ranking. */
export function reciprocalRank(ranked: readonly string[], judged: Judgements): number {
  const i = ranked.findIndex((id) => (judged[id] ?? 0) > 0);
  return i < 0 ? 0 : 1 / (i + 1);
}

export interface JudgedQuery {
  query: string;
  kind: string;
  judgements: Judgements;
}

/** Mean nDCG@10 and MRR of a search function over a judged query set. */
export function evaluate(queries: readonly JudgedQuery[], search: (query: string) => string[]): { ndcg10: number; mrr: number; perQuery: Array<{ query: string; ndcg10: number; rr: number }> } {
  const perQuery = queries.map((q) => {
    const ranked = search(q.query);
    return { query: q.query, ndcg10: ndcgAt(ranked, q.judgements, 10), rr: reciprocalRank(ranked, q.judgements) };
  });
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  return { ndcg10: mean(perQuery.map((p) => p.ndcg10)), mrr: mean(perQuery.map((p) => p.rr)), perQuery };
}

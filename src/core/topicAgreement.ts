import type { TopicNode } from './topics';

/** Agreement of a learned top level with hand labels, over the papers both name. */
export interface TopicAgreement {
  /** Normalised mutual information (arithmetic mean normalisation), 0–1. */
  nmi: number;
  /** F1 over pairs of papers: a pair is positive when both papers share a topic. */
  pairwiseF1: number;
  /** Papers compared. */
  papers: number;
}

/** The top-level topic of each paper id. */
export function topLevelAssignment(nodes: readonly TopicNode[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const n of nodes) for (const id of n.paperIds) out.set(id, n.label);
  return out;
}

/**
 * Compares two labellings of the same papers (id → label), over the ids present in both. NMI is
 * I(A;B) / ((H(A) + H(B)) / 2); pairwise F1 counts paper pairs placed together by both.
 */
export function topicAgreement(learned: ReadonlyMap<string, string>, truth: ReadonlyMap<string, string> | Readonly<Record<string, string>>): TopicAgreement {
  const truthMap = truth instanceof Map ? truth : new Map(Object.entries(truth));
  const pairs: Array<[string, string]> = [];
  for (const [id, t] of truthMap) {
    const l = learned.get(id);
    if (l !== undefined) pairs.push([l, t]);
  }
  const n = pairs.length;
  if (n === 0) return { nmi: 0, pairwiseF1: 0, papers: 0 };
  const count = (xs: string[]) => xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>());
  const a = count(pairs.map((p) => p[0]));
  const b = count(pairs.map((p) => p[1]));
  const joint = count(pairs.map((p) => `${p[0]}\u0000${p[1]}`));
  const entropy = (m: Map<string, number>) => [...m.values()].reduce((h, c) => h - (c / n) * Math.log(c / n), 0);
  let mi = 0;
  for (const [key, c] of joint) {
    const [x, y] = key.split('\u0000');
    mi += (c / n) * Math.log((c * n) / (a.get(x)! * b.get(y)!));
  }
  const ha = entropy(a);
  const hb = entropy(b);
  const nmi = ha + hb > 0 ? (2 * mi) / (ha + hb) : 1;
  const together = (m: Map<string, number>) => [...m.values()].reduce((s, c) => s + (c * (c - 1)) / 2, 0);
  const tp = together(joint);
  const predicted = together(a);
  const actual = together(b);
  const precision = predicted > 0 ? tp / predicted : 0;
  const recall = actual > 0 ? tp / actual : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { nmi, pairwiseF1: f1, papers: n };
}

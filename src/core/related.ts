import type { Paper } from './paper';
import { foldTex, tokenize } from './searchText';
import { stem } from './stemmer';

/** One related paper and its cosine similarity to the paper asked about (0–1). */
export interface RelatedHit {
  id: string;
  score: number;
}

/** Words too common in abstracts to say what a paper is about. */
const STOP = new Set(
  ('a about above after again against all also an and any are as at based be been being between both but by can could ' +
    'did do does doing during each few for from further had has have having here how however if in into is it its itself ' +
    'more most new no nor not novel of off on once only or other our ours out over own paper propose proposed provide result ' +
    'results same show shows so some such than that the their them then there these they this those through thus to too under ' +
    'up use used using very via was we were what when where which while who why will with within without work would').split(' '),
);

/**
 * "Papers like this one": TF-IDF vectors of title and abstract (stemmed words, title words counted
 * twice, sublinear term frequency), compared by cosine. Build once per corpus; deterministic.
 */
export class RelatedIndex {
  private readonly vectors = new Map<string, Map<string, number>>();

  constructor(papers: readonly Paper[]) {
    const counts = new Map<string, Map<string, number>>();
    const df = new Map<string, number>();
    for (const p of papers) {
      const tf = new Map<string, number>();
      const add = (text: string, weight: number) => {
        for (const w of tokenize(text)) {
          if (w.length < 3 || STOP.has(w) || /^\d+$/.test(w)) continue;
          const s = stem(w);
          tf.set(s, (tf.get(s) ?? 0) + weight);
        }
      };
      add(p.title, 2);
      add(foldTex(p.abstract), 1);
      counts.set(p.id, tf);
      for (const term of tf.keys()) df.set(term, (df.get(term) ?? 0) + 1);
    }
    const n = papers.length;
    for (const [id, tf] of counts) {
      const vector = new Map<string, number>();
      let norm = 0;
      for (const [term, f] of tf) {
        const d = df.get(term) ?? 1;
        if (d === n && n > 1) continue; // in every paper: says nothing
        const w = (1 + Math.log(f)) * Math.log(1 + n / d);
        vector.set(term, w);
        norm += w * w;
      }
      norm = Math.sqrt(norm) || 1;
      for (const [term, w] of vector) vector.set(term, w / norm);
      this.vectors.set(id, vector);
    }
  }

  /** The papers most similar to `id`, best first (ties by id), never the paper itself; [] for an unknown id. */
  related(id: string, limit = 8): RelatedHit[] {
    const target = this.vectors.get(id);
    if (!target) return [];
    const hits: RelatedHit[] = [];
    for (const [other, vector] of this.vectors) {
      if (other === id) continue;
      let dot = 0;
      const [small, large] = target.size < vector.size ? [target, vector] : [vector, target];
      for (const [term, w] of small) {
        const v = large.get(term);
        if (v !== undefined) dot += w * v;
      }
      if (dot > 0) hits.push({ id: other, score: dot });
    }
    return hits.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)).slice(0, limit);
  }
}

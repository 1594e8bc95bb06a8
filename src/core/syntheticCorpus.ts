import type { Paper } from './paper';

/** A small, fast, seeded pseudo-random generator (mulberry32): the same seed gives the same sequence. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A corpus of `size` made-up papers built from real ones, for benchmarks: each title mixes the words
 * of two real titles, each abstract strings together three real sentences, authors and years are
 * drawn from the real corpus. Deterministic for a given seed. Ids are `synthetic-N`.
 */
export function syntheticCorpus(base: readonly Paper[], size: number, seed = 42): Paper[] {
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const sentences = base.flatMap((p) => p.abstract.split(/(?<=\.)\s+(?=[A-Z])/)).filter((s) => s.length > 40);
  const names = [...new Set(base.flatMap((p) => p.authors))];
  const titles = base.map((p) => p.title.split(/\s+/));
  const out: Paper[] = [];
  for (let i = 0; i < size; i++) {
    const a = pick(titles);
    const b = pick(titles);
    const cut = 1 + Math.floor(random() * Math.max(1, a.length - 1));
    const title = [...a.slice(0, cut), ...b.slice(Math.floor(random() * b.length))].join(' ');
    const authorCount = 1 + Math.floor(random() * 5);
    const authors = names.length ? Array.from({ length: authorCount }, () => pick(names)) : [];
    const year = 2015 + Math.floor(random() * 12);
    out.push({
      id: `synthetic-${i}`,
      key: `synthetic${i}`,
      title,
      authors,
      authorsTruncated: false,
      authorCount: authors.length,
      organization: null,
      date: `${year}-01-01`,
      year,
      abstract: [pick(sentences), pick(sentences), pick(sentences)].join(' '),
      upvotes: null,
      sources: [{ file: 'synthetic', site: 'synthetic', kind: 'search', line: i + 1, position: i + 1 }],
    });
  }
  return out;
}

import { withLibraries } from '../core/library/libraryCorpus';
import { readLibrary } from '../core/library/libraryPaper';
import { diffPapers } from '../core/library/merge';
import { syntheticBibtex } from '../core/library/syntheticLibrary';
import type { Corpus } from '../core/corpus';
import { PaperIndex } from '../core/searchIndex';

/** Figures of the "library" section of `paper-atlas bench`. */
export interface LibraryBenchRow {
  entries: number;
  bytes: number;
  read_ms: number;
  merge_ms: number;
  index_ms: number;
  /** Read + merge + index of the whole file: the budget is 2,000 ms for 20,000 entries. */
  total_ms: number;
  papers: number;
  problems: number;
}

export interface LibraryEditRow {
  entries: number;
  /** Median over {@link EDITS} edits of one entry's title each: re-read the file, merge, diff and update the index in place (budget 200 ms). */
  edit_ms: number;
  /** The slowest of those edits. */
  edit_max_ms: number;
  edits: number;
  reindexed: number;
  removed: number;
}

/** Successive edits measured in the edit row, each to another entry, as a user fixing titles would. */
const EDITS = 7;

const now = () => performance.now();
const ms = (t: number) => Math.round(t * 10) / 10;

/** Collects garbage when node runs with --expose-gc, so one section's leftovers are not billed to the next. */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Loads a deterministic `size`-entry `.bib` beside the seeds and indexes the result. */
export function benchLibraryLoad(seeds: Corpus, size: number): LibraryBenchRow {
  const text = syntheticBibtex(seeds.papers, size);
  collectGarbage();
  const t0 = now();
  const library = readLibrary(text, 'bench.bib');
  const t1 = now();
  const corpus = withLibraries(seeds, [library]);
  const t2 = now();
  PaperIndex.build(corpus.papers);
  const t3 = now();
  return { entries: size, bytes: text.length, read_ms: ms(t1 - t0), merge_ms: ms(t2 - t1), index_ms: ms(t3 - t2), total_ms: ms(t3 - t0), papers: corpus.papers.length, problems: library.problems.length };
}

/** Edits entries of a loaded `size`-entry library one after another and follows each the way the extension does. */
export function benchLibraryEdit(seeds: Corpus, size: number): LibraryEditRow {
  let text = syntheticBibtex(seeds.papers, size);
  let library = readLibrary(text, 'bench.bib');
  let corpus = withLibraries(seeds, [library]);
  const index = PaperIndex.build(corpus.papers);
  const times: number[] = [];
  collectGarbage();
  let reindexed = 0;
  let removed = 0;
  for (let n = 0; n < EDITS; n++) {
    // The n-th edit changes a title spread through the file (first, middle, last entries and between).
    const target = Math.floor(((n + 0.5) / EDITS) * size);
    const at = text.indexOf('title = {', text.indexOf(`@article{entry${target}_`));
    text = `${text.slice(0, at)}title = {Edited ${n} ${text.slice(at + 'title = {'.length)}`;
    const t0 = now();
    library = readLibrary(text, 'bench.bib', library);
    const next = withLibraries(seeds, [library]);
    const changes = diffPapers(corpus.papers, next.papers);
    index.apply(changes);
    times.push(now() - t0);
    corpus = next;
    reindexed += changes.upserts.length;
    removed += changes.removals.length;
  }
  times.sort((a, b) => a - b);
  return { entries: size, edit_ms: ms(times[times.length >> 1]), edit_max_ms: ms(times[times.length - 1]), edits: EDITS, reindexed, removed };
}

/** The "library" section of the bench: a 20,000-entry load and a 5,000-entry edit. */
export function benchLibrary(seeds: Corpus): { load: LibraryBenchRow[]; edit: LibraryEditRow[] } {
  benchLibraryLoad(seeds, 500); // warm up the JIT so the figures are steady-state
  return { load: [benchLibraryLoad(seeds, 5_000), benchLibraryLoad(seeds, 20_000)], edit: [benchLibraryEdit(seeds, 5_000)] };
}

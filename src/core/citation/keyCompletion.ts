import type { Paper } from '../paper';
import { tokenize } from '../searchText';

interface Entry {
  paper: Paper;
  key: string;
  titleWords: string[];
  nameWords: string[];
}

/**
 * Which papers to offer while a citation key is typed, ranked by Paper Atlas rather than by the
 * editor's fuzzy match (which lets scattered letters of a key match: `steering` finding
 * `synapticweight`). Build once per corpus; asking is a scan of pre-tokenised words.
 */
export class KeyCompletionIndex {
  private readonly entries: Entry[];

  constructor(papers: readonly Paper[]) {
    this.entries = papers.map((paper) => ({
      paper,
      key: paper.key.toLowerCase(),
      titleWords: tokenize(paper.title),
      nameWords: tokenize([...paper.authors, paper.organization ?? ''].join(' ')),
    }));
  }

  /**
   * The papers for what was typed of a key, best first: keys that start with it, then titles with a
   * word that starts with it (the earlier the word, the higher), then authors or organisations with
   * such a name; ties in corpus order. Case, accents and TeX are ignored (`frohl` finds Fröhlich). Every paper, in corpus order,
   * when nothing is typed yet: the list is never cut short.
   */
  candidates(typed: string): Paper[] {
    const text = typed.trim().toLowerCase();
    if (!text) return this.entries.map((e) => e.paper);
    const words = tokenize(text);
    // Where in a pool of words the typed words start (the latest of them), or -1 when one is missing.
    const matchAt = (pool: readonly string[]) => {
      let at = words.length > 0 ? 0 : -1;
      for (const w of words) {
        const i = pool.findIndex((p) => p.startsWith(w));
        if (i < 0) return -1;
        at = Math.max(at, i);
      }
      return at;
    };
    const byKey: Paper[] = [];
    const byTitle: Array<{ paper: Paper; at: number }> = [];
    const byName: Paper[] = [];
    for (const e of this.entries) {
      if (e.key.startsWith(text)) byKey.push(e.paper);
      else {
        const at = matchAt(e.titleWords);
        if (at >= 0) byTitle.push({ paper: e.paper, at });
        else if (matchAt(e.nameWords) >= 0) byName.push(e.paper);
      }
    }
    // A word early in a title says more about the paper than one late in it ("Physics Steering: …").
    byTitle.sort((a, b) => a.at - b.at);
    return [...byKey, ...byTitle.map((t) => t.paper), ...byName];
  }
}

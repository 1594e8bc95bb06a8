import { firstAuthorShort } from '../core/paperText';
import { PaperIndex } from '../core/searchIndex';
import { column, loadCorpus, positiveInt, reportWarnings, UsageError, type CliCommand } from './command';

export const searchCommand: CliCommand = {
  summary: 'rank papers for a query (same ranking as the Search Papers quick pick, without frecency)',
  usage: 'paper-atlas search "<query>" [--json] [--limit N]   (query syntax: au:lee year:2023..2025 src:flatiron "exact phrase" -exclude)',
  options: { json: { type: 'boolean' }, limit: { type: 'string' } },
  run({ values, positionals }, io) {
    const query = positionals.join(' ');
    if (!query.trim()) throw new UsageError('give a query, e.g. paper-atlas search "graph neural networks"');
    const limit = positiveInt(values.limit, 'limit', 10);
    const corpus = loadCorpus(values);
    reportWarnings(corpus, io);
    const byId = new Map(corpus.papers.map((p) => [p.id, p]));
    const hits = PaperIndex.build(corpus.papers).search(query, { limit });
    const rows = hits.map((h) => {
      const p = byId.get(h.id)!;
      return { id: p.id, key: p.key, title: p.title, score: Math.round(h.score * 1000) / 1000 };
    });
    if (values.json) {
      io.out(JSON.stringify(rows, null, 2));
      return 0;
    }
    if (rows.length === 0) io.out(`no papers match "${query}"`);
    rows.forEach((r, i) => {
      const p = byId.get(r.id)!;
      io.out(`${String(i + 1).padStart(2)}. ${column(r.title, 70)} ${column(firstAuthorShort(p), 22)} ${String(p.year ?? '')}  [${r.key}]`);
    });
    return 0;
  },
};

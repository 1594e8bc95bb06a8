import { renderAbstractPage } from '../core/abstractHtml';
import type { Corpus } from '../core/corpus';
import type { Paper } from '../core/paper';
import { RelatedIndex } from '../core/related';
import { column, loadCorpus, positiveInt, reportWarnings, UsageError, type CliCommand } from './command';

function findPaper(corpus: Corpus, idOrKey: string | undefined): Paper {
  if (!idOrKey) throw new UsageError('give a paper id or citation key');
  const paper = corpus.papers.find((p) => p.id === idOrKey || p.key === idOrKey);
  if (!paper) throw new UsageError(`no paper with id or key "${idOrKey}"`);
  return paper;
}

export const relatedCommand: CliCommand = {
  summary: 'list the papers most like one paper (TF-IDF cosine over title and abstract)',
  usage: 'paper-atlas related <id|key> [--json] [--limit N]',
  options: { json: { type: 'boolean' }, limit: { type: 'string' } },
  run({ values, positionals }, io) {
    const limit = positiveInt(values.limit, 'limit', 8);
    const corpus = loadCorpus(values);
    reportWarnings(corpus, io);
    const paper = findPaper(corpus, positionals[0]);
    const byId = new Map(corpus.papers.map((p) => [p.id, p]));
    const rows = new RelatedIndex(corpus.papers).related(paper.id, limit).map((h) => {
      const p = byId.get(h.id)!;
      return { id: p.id, key: p.key, title: p.title, score: Math.round(h.score * 1000) / 1000 };
    });
    if (values.json) io.out(JSON.stringify(rows, null, 2));
    else rows.forEach((r, i) => io.out(`${String(i + 1).padStart(2)}. ${r.score.toFixed(3)}  ${column(r.title, 80)} [${r.key}]`));
    return 0;
  },
};

export const renderCommand: CliCommand = {
  summary: 'print the HTML of a paper\'s abstract page (placeholder CSP source and nonce)',
  usage: 'paper-atlas render <id|key> --html',
  options: { html: { type: 'boolean' } },
  run({ values, positionals }, io) {
    if (!values.html) throw new UsageError('--html is required (the only output format)');
    const corpus = loadCorpus(values);
    reportWarnings(corpus, io);
    const paper = findPaper(corpus, positionals[0]);
    const byId = new Map(corpus.papers.map((p) => [p.id, p]));
    const related = new RelatedIndex(corpus.papers).related(paper.id, 7).map((h) => ({ paper: byId.get(h.id)!, score: h.score }));
    io.out(
      renderAbstractPage(
        { paper, related, canGoBack: false, canGoForward: false },
        { cspSource: 'vscode-webview-resource:', nonce: 'NONCE', styleUri: 'media/abstract.css', scriptUri: 'media/abstract.js' },
      ),
    );
    return 0;
  },
};

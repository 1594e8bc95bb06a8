import * as assert from 'node:assert/strict';
import { buildCorpus } from '../../src/core/corpus';
import { detectListingKind, parseListing } from '../../src/core/parse/listing';
import { parseDailyMeta } from '../../src/core/parse/daily';
import { joinWrapped } from '../../src/core/parse/text';
import { parseAuthorLine } from '../../src/core/parse/itemText';
import { fixture } from './fixturePaths';

const options = { captureYear: 2026 };

describe('the institute publication list', () => {
  const result = parseListing(fixture('listings', 'publications.txt'), 'pubs.txt', options);
  const byTitle = (start: string) => result.papers.find((p) => p.title.startsWith(start))!;

  it('reads every item and no page furniture', () => {
    assert.deepEqual(
      result.papers.map((p) => p.title),
      ['Sparse Coding of Odours in the Fly Mushroom Body', 'A Fast Solver for Integral Equations on Surfaces', 'Learning to Fold Proteins with Equivariant Networks'],
    );
    assert.deepEqual(result.warnings, []);
  });

  it('attributes a date line to the paper above it, not the one below', () => {
    assert.equal(byTitle('Sparse Coding').date, '2024-03-03');
    assert.equal(byTitle('Sparse Coding').year, 2024);
    assert.equal(byTitle('A Fast Solver').date, null);
    assert.equal(byTitle('Learning to Fold').date, '2023-01-09');
  });

  it('reads an item that has no author line', () => {
    const p = byTitle('A Fast Solver');
    assert.deepEqual(p.authors, []);
    assert.match(p.abstract, /^We present a fast solver/);
  });

  it('joins a hyphenated line break and keeps TeX as it was', () => {
    const p = byTitle('Sparse Coding');
    assert.match(p.abstract, /sparse decorrelation with random/);
    assert.match(p.abstract, /optical|odours onto a sparse code\. We show that the mushroom body/);
    assert.match(p.abstract, /95\\% accuracy/);
  });

  it('marks an "et al." author list as truncated', () => {
    const p = byTitle('Learning to Fold');
    assert.deepEqual(p.authors, ['Emmy Noether', 'D. Hilbert']);
    assert.equal(p.authorsTruncated, true);
    assert.equal(p.authorCount, null);
    assert.equal(byTitle('Sparse Coding').authorCount, 3);
  });

  it('records file, site, kind, line and position of each paper', () => {
    assert.deepEqual(byTitle('Learning to Fold').source, { file: 'pubs.txt', site: 'flatiron', kind: 'publications', line: 19, position: 3 });
  });
});

describe('the daily-papers list', () => {
  const result = parseListing(fixture('listings', 'daily.txt'), 'daily.txt', options);
  const byTitle = (start: string) => result.papers.find((p) => p.title.startsWith(start))!;

  it('reads every paper, including one without a meta block, and skips the page date', () => {
    assert.deepEqual(
      result.papers.map((p) => p.title),
      ['Attention Sinks in Small Language Models', 'Graph Neural Networks for Crystal Property Prediction', 'Untitled Work Without Meta', 'Diffusion Models for Weather Forecasting'],
    );
    assert.deepEqual(result.warnings, []);
  });

  it('puts a date without a year in the capture year', () => {
    assert.equal(byTitle('Attention Sinks').date, '2026-03-04');
    assert.equal(byTitle('Attention Sinks').authorCount, 3);
  });

  it('reads an organisation, a full date and an upvote count', () => {
    const p = byTitle('Graph Neural');
    assert.equal(p.organization, 'Google DeepMind');
    assert.equal(p.date, '2025-10-07');
    assert.equal(p.upvotes, 12);
    assert.equal(p.authorCount, null);
  });

  it('leaves the fields of a paper without meta empty', () => {
    const p = byTitle('Untitled Work');
    assert.equal(p.date, null);
    assert.equal(p.authorCount, null);
  });

  it('parses the meta line variants of the real pages', () => {
    assert.deepEqual(parseDailyMeta('• 5 authors · Aug 5, 2025 4', 2026), { authorCount: 5, organization: null, date: '2025-08-05', upvotes: 4, yearInferred: false, invalidDate: null });
    assert.deepEqual(parseDailyMeta('• 1 authors · Apr 12 2', 2026), { authorCount: 1, organization: null, date: '2026-04-12', upvotes: 2, yearInferred: true, invalidDate: null });
    assert.equal(parseDailyMeta('tau Tel Aviv University · Oct 7, 2025 2', 2026)?.organization, 'Tel Aviv University');
    assert.equal(parseDailyMeta('no meta here', 2026), null);
  });
});

describe('the daily-papers search page', () => {
  const result = parseListing(fixture('listings', 'search.txt'), 'search.txt', options);

  it('unglues the first title from the page furniture before it', () => {
    assert.equal(detectListingKind(fixture('listings', 'search.txt')), 'search');
    assert.deepEqual(
      result.papers.map((p) => p.title),
      ['Spiking Neural Networks with Adaptive Thresholds', 'Ψ-Flow: Sampling with Particle Flows'],
    );
    assert.equal(result.papers[0].source.line, 3);
    assert.equal(result.papers[1].source.kind, 'search');
  });
});

describe('broken listings', () => {
  it('skips an item without an abstract and a truncated last item, naming file and line', () => {
    const result = parseListing(fixture('listings', 'broken-publications.txt'), 'broken.txt', options);
    assert.deepEqual(result.papers.map((p) => p.title), ['A Good Paper After a Broken One']);
    assert.equal(result.papers[0].date, '2024-06-02');
    assert.deepEqual(
      result.warnings.map((w) => [w.file, w.line]),
      [
        ['broken.txt', 3],
        ['broken.txt', 15],
      ],
    );
    assert.match(result.warnings[0].message, /no abstract/);
    assert.match(result.warnings[1].message, /cut off/);
  });

  it('keeps a daily paper with an impossible date but drops the date, and reports stray meta lines', () => {
    const result = parseListing(fixture('listings', 'broken-daily.txt'), 'bd.txt', options);
    assert.deepEqual(result.papers.map((p) => [p.title, p.date, p.authorCount]), [['A Paper With An Impossible Date', null, 2]]);
    assert.deepEqual(result.warnings.map((w) => w.line), [3, 13, 17]);
  });

  it('reads an empty file as no papers and no warnings', () => {
    for (const text of ['', '\n\n', '\uFEFF']) assert.deepEqual(parseListing(text, 'empty.txt', options), { papers: [], warnings: [] });
  });

  it('reads CRLF and CR line endings exactly like LF', () => {
    for (const name of ['publications.txt', 'daily.txt', 'search.txt']) {
      const lf = parseListing(fixture('listings', name), name, options);
      assert.deepEqual(parseListing(fixture('listings', name).replace(/\n/g, '\r\n'), name, options), lf);
      assert.deepEqual(parseListing(fixture('listings', name).replace(/\n/g, '\r'), name, options), lf);
    }
  });

  it('reads a listing cut off at any line without throwing, and never invents a paper', () => {
    const text = fixture('listings', 'publications.txt');
    const lines = text.split('\n');
    for (let n = 0; n <= lines.length; n++) {
      const { papers } = parseListing(lines.slice(0, n).join('\n'), 'cut.txt', options);
      for (const p of papers) assert.ok(text.includes(p.title), p.title);
    }
  });
});

describe('text helpers', () => {
  it('joins wrapped lines with spaces, and hyphen breaks only before lower case', () => {
    assert.equal(joinWrapped(['number of', 'neurons']), 'number of neurons');
    assert.equal(joinWrapped(['eigenvector de-', 'localization']), 'eigenvector delocalization');
    assert.equal(joinWrapped(['the Rao-', 'Blackwell theorem']), 'the Rao- Blackwell theorem');
    assert.equal(joinWrapped(['force--', 'flux']), 'force-- flux');
  });

  it('tells author lines from sentences', () => {
    assert.deepEqual(parseAuthorLine('N. Apurva Ratan Murty, Aran Nayebi'), { authors: ['N. Apurva Ratan Murty', 'Aran Nayebi'], truncated: false });
    assert.deepEqual(parseAuthorLine('A. A. Ojha, R. Blackwell, et al.'), { authors: ['A. A. Ojha', 'R. Blackwell'], truncated: true });
    assert.deepEqual(parseAuthorLine('David Silva-Sánchez, Vincent van Gogh'), { authors: ['David Silva-Sánchez', 'Vincent van Gogh'], truncated: false });
    assert.equal(parseAuthorLine('We present a family of integral equation-based solvers.'), null);
  });
});

describe('merging listings', () => {
  const corpus = buildCorpus(
    [
      { name: 'a.txt', text: 'Daily Papers\n\nShared Paper Title\n\nA short abstract that is long enough to be read as one, ending with a full stop as abstracts do.\n\n  • 2 authors\n·\nMar 4\n' },
      { name: 'b.txt', text: '1 Publications\n\nShared paper title\n\nAda Lovelace, Alan Turing\n\nA short abstract that is long enough to be read as one, ending with a full stop as abstracts do. It is longer here.\n\nShow Abstract\nMay 5, 2025\n' },
    ],
    options,
  );

  it('merges the same paper by normalised title, keeping the richest value of each field', () => {
    assert.equal(corpus.papers.length, 1);
    const p = corpus.papers[0];
    assert.deepEqual(p.authors, ['Ada Lovelace', 'Alan Turing']);
    assert.equal(p.authorCount, 2);
    assert.equal(p.date, '2025-05-05', 'an exact date wins over one whose year was inferred');
    assert.match(p.abstract, /It is longer here\.$/);
    assert.deepEqual(p.sources.map((s) => s.file), ['a.txt', 'b.txt']);
  });
});

import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import fc from 'fast-check';
import { main } from '../../src/cli';
import { buildCorpus } from '../../src/core/corpus';
import { readBibtex } from '../../src/core/library/bibtexReader';
import { withLibraries } from '../../src/core/library/libraryCorpus';
import { bibtexDisplayName, readLibrary, type LibraryFileResult } from '../../src/core/library/libraryPaper';
import { diffPapers, mergeLibraries } from '../../src/core/library/merge';
import { decodeTex } from '../../src/core/library/texDecode';
import { readListingFiles } from '../../src/node/seedFiles';
import { parseBibtex } from './citationBibtexParser';
import { fixture, repoRoot } from './fixturePaths';

const hostile = () => readLibrary(fixture('library', 'hostile.bib'), 'hostile.bib');
const zotero = () => readLibrary(fixture('library', 'zotero.bib'), 'zotero.bib');
const byKey = (r: LibraryFileResult, key: string) => r.papers.find((p) => p.source.key === key)!;
const seeds = buildCorpus(readListingFiles(path.join(repoRoot, 'seeds')));

describe('reading a hostile BibTeX file', () => {
  it('expands @string macros, # concatenation and month macros, and ignores @comment and @preamble', () => {
    const r = hostile();
    const muller = byKey(r, 'muller2021attention');
    assert.equal(muller.venue, 'Journal of Machine Learning Research');
    assert.equal(muller.date, '2021-03');
    const smith = byKey(r, 'smith2020graphs');
    assert.equal(smith.title, 'Graphs All the Way Down');
    assert.equal(smith.venue, 'Advances in Neural Information Processing Systems 33');
    assert.equal(smith.date, '2020-12');
    assert.ok(!r.papers.some((p) => /jabref|noopsort/i.test(p.title)));
  });

  it('decodes TeX accents and case-protecting braces in names and titles', () => {
    const muller = byKey(hostile(), 'muller2021attention');
    assert.deepEqual(muller.authors, ['Jörg Müller', 'María García', 'Søren Østergaard']);
    assert.equal(muller.title, 'Attention Is Not All You Need: TeX Braces in BERT');
    assert.equal(byKey(hostile(), 'math2024').title, 'Learning O(n) Kernels with α-Divergences');
  });

  it('keeps von particles with the family name and a braced organisation whole', () => {
    assert.deepEqual(byKey(hostile(), 'smith2020graphs').authors, ['Alice Smith', 'Bob van der Berg', 'Deep Learning Consortium']);
    assert.equal(bibtexDisplayName('Ludwig van Beethoven').name, 'Ludwig van Beethoven');
    assert.equal(bibtexDisplayName('King, Jr, Martin Luther').name, 'Martin Luther King, Jr');
    assert.deepEqual(bibtexDisplayName('{World Health Organization}'), { name: 'World Health Organization', corporate: true });
  });

  it('fills a crossref child from its parent, the parent title becoming the booktitle', () => {
    const child = byKey(hostile(), 'child2020crossref');
    assert.equal(child.venue, 'Proceedings of NeurIPS 2020');
    assert.equal(child.year, 2020);
  });

  it('skips a broken entry, reports it at its own line with the reason, and reads the entries after it', () => {
    const r = hostile();
    const broken = r.problems.find((p) => p.key === 'broken2022missing')!;
    assert.equal(broken.line, 43);
    assert.equal(broken.severity, 'error');
    assert.match(broken.message, /not closed/);
    assert.ok(!r.papers.some((p) => p.source.key === 'broken2022missing'));
    assert.equal(byKey(r, 'survivor2023after').date, '2023-05-17');
  });

  it('reports an entry without a title instead of inventing one', () => {
    const problem = hostile().problems.find((p) => p.key === 'notitle2019')!;
    assert.equal(problem.line, 55);
    assert.match(problem.message, /no title/);
  });

  it('finds DOIs and arXiv ids wherever an export puts them', () => {
    assert.equal(byKey(hostile(), 'muller2021attention').doi, '10.5555/JMLR.2021.0001');
    assert.equal(byKey(hostile(), 'smith2020graphs').arxivId, '2006.01234');
    assert.equal(byKey(hostile(), 'math2024').arxivId, '2401.00001');
    assert.equal(byKey(zotero(), 'nichani_understanding_2024').arxivId, '2412.06538');
  });

  it('keeps the math of an abstract as written and decodes the rest', () => {
    assert.equal(byKey(hostile(), 'math2024').abstract, 'We show that $\\alpha$-divergences give linear kernels.');
  });

  // Compared in NFC, with one known difference: the parser decodes {\'\i} to a dotless ı plus a
  // combining accent, which no one types; we give í.
  const comparable = (s: string) => s.normalize('NFC').replace(/ı\u0301/g, 'í');

  it('agrees with the Better BibTeX parser on the titles and authors of every entry it reads', () => {
    for (const name of ['hostile.bib', 'zotero.bib']) {
      const ours = readLibrary(fixture('library', name), name);
      const theirs = parseBibtex(fixture('library', name)).entries;
      for (const p of ours.papers) {
        const t = theirs.find((e) => e.key === p.source.key)!;
        assert.equal(p.title, comparable(t.fields.title), p.source.key);
        const names = (t.fields.author ?? []).map((a) => comparable(a.name ?? [a.firstName, a.prefix, a.lastName].filter(Boolean).join(' ')));
        assert.deepEqual([...p.authors, ...(p.organization && names.length ? [p.organization] : [])].sort(), names.sort(), p.source.key);
      }
    }
  });
});

describe('reading a Zotero export', () => {
  it('reads every whole entry with its line, and reports the one cut short', () => {
    const r = zotero();
    assert.deepEqual(
      r.papers.map((p) => [p.source.key, p.source.line]),
      [['vaswani_attention_2017', 2], ['nichani_understanding_2024', 16], ['he_deep_2016', 30], ['goodfellow_deep_2016', 45], ['sanchez_redes_2019', 55]],
    );
    assert.deepEqual(r.problems.map((p) => [p.line, p.key]), [[40, 'broken_entry_2021']]);
    assert.ok(byKey(r, 'vaswani_attention_2017').authors.includes('Łukasz Kaiser'));
    assert.equal(byKey(r, 'sanchez_redes_2019').authors[0], 'José María Sánchez');
  });
});

describe('reading CSL-JSON', () => {
  const csl = () => readLibrary(fixture('library', 'zotero.json'), 'zotero.json');

  it('maps items to papers with their citation keys, dates, DOIs and organisations', () => {
    const r = csl();
    assert.deepEqual(r.papers.map((p) => p.source.key), ['vaswani2017attention', 'kingma2014adam', 'openai2023gpt4']);
    const adam = byKey(r, 'kingma2014adam');
    assert.equal(adam.date, '2014-12-22');
    assert.equal(adam.doi, '10.48550/arXiv.1412.6980');
    assert.equal(adam.arxivId, '1412.6980');
    assert.deepEqual(adam.authors, ['Diederik P. Kingma', 'Jimmy Ba']);
    const gpt4 = byKey(r, 'openai2023gpt4');
    assert.equal(gpt4.organization, 'OpenAI');
    assert.equal(gpt4.date, '2023-03-15');
  });

  it('reports items without a title, and non-objects, at their lines', () => {
    assert.deepEqual(csl().problems.map((p) => [p.line, p.severity]), [[36, 'error'], [37, 'error']]);
  });

  it('reports text that is not JSON as one problem instead of throwing', () => {
    const r = readLibrary('[{"title": "A"', 'bad.json');
    assert.equal(r.papers.length, 0);
    assert.equal(r.problems.length, 1);
    assert.match(r.problems[0].message, /not valid JSON/);
  });
});

describe('merging libraries with the seed papers', () => {
  it('shows a paper found in the seeds and in a library once, under the user’s key, with both sources', () => {
    const { papers } = mergeLibraries(seeds.papers, zotero().papers);
    const nichani = papers.filter((p) => /Factual Recall in Transformers/.test(p.title));
    assert.equal(nichani.length, 1);
    assert.equal(nichani[0].key, 'nichani_understanding_2024');
    assert.equal(nichani[0].id, 'understanding-factual-recall-in-transformers-via-associative-memories');
    assert.deepEqual(nichani[0].sources.map((s) => s.kind).sort(), ['library', ...nichani[0].sources.filter((s) => s.kind !== 'library').map((s) => s.kind)].sort());
    assert.equal(nichani[0].year, 2024);
    assert.equal(nichani[0].doi, '10.48550/arXiv.2412.06538');
    assert.equal(papers.length, seeds.papers.length + 4);
  });

  it('finds the same paper by DOI or arXiv id even when the titles differ', () => {
    const bib = '@article{a, title = {Deep Residual Learning}, doi = {10.1109/CVPR.2016.90}}\n@misc{b, title = {Adam (preprint)}, eprint = {1412.6980}, archiveprefix = {arXiv}}\n';
    const mine = readLibrary(bib, 'mine.bib').papers;
    const { papers } = mergeLibraries([], [...zotero().papers, ...readLibrary(fixture('library', 'zotero.json'), 'zotero.json').papers, ...mine]);
    assert.equal(papers.filter((p) => p.doi === '10.1109/CVPR.2016.90').length, 1);
    assert.equal(papers.filter((p) => p.arxivId === '1412.6980').length, 1);
    // The first library's key and title win; the later entry is one more source.
    const he = papers.find((p) => p.doi === '10.1109/CVPR.2016.90')!;
    assert.equal(he.key, 'he_deep_2016');
    assert.deepEqual(he.sources.map((s) => s.key), ['he_deep_2016', 'a']);
  });

  it('keeps the seed papers, their ids and keys, when no library is given', () => {
    assert.deepEqual(withLibraries(seeds, []).papers, seeds.papers);
    const merged = mergeLibraries(seeds.papers, []).papers;
    assert.deepEqual(merged.map((p) => [p.id, p.key]), seeds.papers.map((p) => [p.id, p.key]));
  });

  it('gives a seed paper another key when a library entry claims its key for a different paper', () => {
    const taken = seeds.papers[0].key;
    const { papers } = mergeLibraries(seeds.papers, readLibrary(`@misc{${taken}, title = {Something Else Entirely}}`, 'mine.bib').papers);
    const mine = papers.find((p) => p.title === 'Something Else Entirely')!;
    assert.equal(mine.key, taken);
    assert.notEqual(papers.find((p) => p.id === seeds.papers[0].id)!.key, taken);
    assert.equal(new Set(papers.map((p) => p.key)).size, papers.length);
  });

  it('reports one key used for two different papers, and keeps keys unique', () => {
    const a = readLibrary('@misc{same, title = {First Paper}}', 'a.bib').papers;
    const b = readLibrary('@misc{same, title = {Second Paper}}', 'b.bib').papers;
    const { papers, problems } = mergeLibraries([], [...a, ...b]);
    assert.equal(papers.find((p) => p.title === 'First Paper')!.key, 'same');
    assert.notEqual(papers.find((p) => p.title === 'Second Paper')!.key, 'same');
    assert.equal(problems.length, 1);
    assert.equal(problems[0].file, 'b.bib');
  });
});

describe('following an edited library', () => {
  it('re-reads only the changed entry and reports only its paper as changed', () => {
    const text = fixture('library', 'zotero.bib');
    const first = readLibrary(text, 'zotero.bib');
    const edited = text.replace('Deep {Residual} {Learning}', 'Deeper {Residual} {Learning}');
    const second = readLibrary(edited, 'zotero.bib', first);
    assert.equal(second.papers.find((p) => p.source.key === 'vaswani_attention_2017'), first.papers.find((p) => p.source.key === 'vaswani_attention_2017'));
    const before = withLibraries(seeds, [first]).papers;
    const after = withLibraries(seeds, [second]).papers;
    const { upserts, removals } = diffPapers(before, after);
    assert.deepEqual(upserts.map((p) => p.title), ['Deeper Residual Learning for Image Recognition']);
    assert.deepEqual(removals, ['deep-residual-learning-for-image-recognition']);
  });

  it('re-reads every entry when a @string macro changes', () => {
    const text = '@string{v = {Venue One}}\n@article{a, title = {A}, journal = v}\n';
    const first = readLibrary(text, 'm.bib');
    const second = readLibrary(text.replace('Venue One', 'Venue Two'), 'm.bib', first);
    assert.equal(second.papers[0].venue, 'Venue Two');
  });

  it('moves the line of an unchanged entry when lines are added above it', () => {
    const text = fixture('library', 'zotero.bib');
    const first = readLibrary(text, 'zotero.bib');
    const second = readLibrary(`% a note\n\n${text}`, 'zotero.bib', first);
    assert.equal(second.papers.find((p) => p.source.key === 'goodfellow_deep_2016')!.source.line, 47);
  });
});

describe('library reading properties', () => {
  const bibPiece = fc.oneof(
    fc.constantFrom('@article{', '@string{x = "y"}', '@comment{', '@preamble{"a"}', 'title = {', 'author = {A and B}', '}', '{', '"', ',', ' # ', '\\"{u}', '\\', 'month = jan', '\n', '@misc{k,', 'crossref = {k}'),
    fc.string({ maxLength: 30 }),
  );

  it('never throws on random text, and every paper has a title, a key and a line in the file', () => {
    fc.assert(
      fc.property(fc.array(bibPiece, { maxLength: 80 }), (pieces) => {
        const text = pieces.join('');
        const lines = text.split('\n').length;
        const r = readLibrary(text, 'random.bib');
        for (const p of r.papers) {
          assert.ok(p.title.length > 0);
          assert.ok(p.source.key.length > 0);
          assert.ok(p.source.line >= 1 && p.source.line <= lines);
        }
        for (const problem of r.problems) assert.ok(problem.line >= 1 && problem.line <= lines);
        const { papers } = mergeLibraries([], r.papers);
        assert.equal(new Set(papers.map((p) => p.key)).size, papers.length);
        assert.equal(new Set(papers.map((p) => p.id)).size, papers.length);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on random JSON', () => {
    fc.assert(
      fc.property(fc.json(), (json) => {
        const r = readLibrary(json, 'random.json');
        assert.ok(r.papers.every((p) => p.title.length > 0));
      }),
    );
  });

  it('decodes any TeX without throwing', () => {
    fc.assert(fc.property(fc.string(), (s) => typeof decodeTex(s) === 'string'));
  });

  it('reads the blocks of a file in order, whatever comes between them', () => {
    const r = readBibtex('junk @misc{a, title={A}} more junk\n@misc{b, title="B"}', 'x.bib');
    assert.deepEqual(r.entries.map((e) => e.key), ['a', 'b']);
  });
});

describe('the CLI with --library and --no-seeds', function () {
  this.timeout(30_000); // parses the seeds and builds a search index: slow on a busy machine
  async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }
  const lib = (name: string) => path.join(repoRoot, 'test', 'fixtures', 'library', name);

  it('searches a library beside the seeds and reports its broken entry on stderr', async () => {
    const r = await run('search', 'attention is all you need', '--library', lib('zotero.bib'), '--json', '--seeds', path.join(repoRoot, 'seeds'));
    assert.equal(r.code, 0);
    assert.equal(JSON.parse(r.out)[0].key, 'vaswani_attention_2017');
    assert.match(r.err, /zotero\.bib:40: @article\{broken_entry_2021\} skipped/);
  });

  it('lists only the libraries with --no-seeds, several --library options merged', async () => {
    const r = await run('papers', '--no-seeds', '--library', lib('zotero.bib'), '--library', lib('zotero.json'), '--json');
    const papers = JSON.parse(r.out) as Array<{ key: string; sources: unknown[] }>;
    assert.equal(papers.length, 7);
    assert.equal(papers.find((p) => p.key === 'vaswani_attention_2017')!.sources.length, 2);
  });

  it('fails with a usage error naming a library that cannot be read', async () => {
    const r = await run('papers', '--library', lib('missing.bib'), '--seeds', path.join(repoRoot, 'seeds'));
    assert.equal(r.code, 2);
    assert.match(r.err, /cannot read the library .*missing\.bib: ENOENT/);
  });
});

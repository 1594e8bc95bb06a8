import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { declaredBibliographies, entriesText, planBibliographyAppend, scanBibEntries } from '../../src/core/citation/bibliography';
import { formatInTextCitation, formatReferenceList, formatReferences } from '../../src/core/citation/citeproc';
import { toCslItem } from '../../src/core/citation/cslJson';
import { latexSyntax, pandocSyntax } from '../../src/core/citation/languages';
import { CITATION_STYLES } from '../../src/core/citation/styles';
import type { Paper } from '../../src/core/paper';
import { parseBibtex } from './citationBibtexParser';
import { fixture, repoRoot } from './fixturePaths';

function paper(overrides: Partial<Paper>): Paper {
  return {
    id: 'understanding-factual-recall',
    key: 'nichani2024understanding',
    title: 'Understanding Factual Recall in Transformers via Associative Memories',
    authors: ['Eshaan Nichani', 'Jason D. Lee', 'A. Bietti'],
    authorsTruncated: false,
    authorCount: 3,
    organization: null,
    date: '2024-12-09',
    year: 2024,
    abstract: 'Large language models recall facts.',
    upvotes: null,
    sources: [{ file: 'x.txt', site: 'flatiron', kind: 'publications', line: 1, position: 1 }],
    ...overrides,
  };
}

const other = paper({ id: 'spectral', key: 'kang2025spectral', title: 'Spectral Analysis of Representational Similarity', authors: ['Hyunmo Kang'], date: null, year: 2025 });

describe('the bibliography file', () => {
  it('reads the entries of a real .bib file with their keys and titles', () => {
    const entries = scanBibEntries(fixture('ws', 'references.bib'));
    assert.deepEqual(entries.map((e) => e.key), ['nichaniunderstanding', 'retrieval2024head']);
    assert.equal(entries[0].title, 'understanding factual recall in transformers via associative memories');
  });

  it('skips comments, strings and preambles, and tolerates text between entries', () => {
    const bib = '% my refs\n@string{jn = "J. Neuro"}\n@comment{x}\n@preamble{"\\newcommand"}\nfree text\n@Article(k1, title = "A {B}" , journal = jn)\n@misc{k2,\n title={C}}\n';
    assert.deepEqual(scanBibEntries(bib).map((e) => [e.key, e.title]), [['k1', 'a b'], ['k2', 'c']]);
  });

  it('appends only the missing entries, after the existing text, leaving it unchanged', () => {
    const bib = '@misc{kept,\n  title = {Something Else}\n}';
    const plan = planBibliographyAppend(bib, [paper({}), other]);
    assert.deepEqual(plan.added, ['nichani2024understanding', 'kang2025spectral']);
    assert.ok(plan.append.startsWith('\n\n@misc{nichani2024understanding,'));
    const after = bib + plan.append;
    assert.ok(after.startsWith(bib));
    const { entries, errors } = parseBibtex(after);
    assert.deepEqual(errors, []);
    assert.deepEqual(entries.map((e) => e.key), ['kept', 'nichani2024understanding', 'kang2025spectral']);
  });

  it('never adds a paper twice: the second sync of the same paper appends nothing', () => {
    const first = planBibliographyAppend('', [paper({}), paper({})]);
    assert.deepEqual(first.added, ['nichani2024understanding']);
    const second = planBibliographyAppend(first.append, [paper({})]);
    assert.equal(second.append, '');
    assert.deepEqual(second.added, []);
  });

  it('recognises a paper already there under another key by its title, and cites that key', () => {
    const bib = '@article{mykey,\n  title = {Understanding {F}actual {R}ecall in {T}ransformers via {A}ssociative {M}emories},\n}\n';
    const plan = planBibliographyAppend(bib, [paper({})]);
    assert.equal(plan.append, '');
    assert.equal(plan.keys.get('nichani2024understanding'), 'mykey');
  });

  it('starts the appended text on its own line, with one blank line before it', () => {
    assert.match(planBibliographyAppend('@misc{a, title={X}}\n', [paper({})]).append, /^\n@misc/);
    assert.match(planBibliographyAppend('@misc{a, title={X}}\n\n', [paper({})]).append, /^@misc/);
    assert.match(planBibliographyAppend('', [paper({})]).append, /^@misc/);
  });

  it('finds the bibliography a LaTeX or Pandoc document names', () => {
    assert.deepEqual(declaredBibliographies(latexSyntax, fixture('ws', 'draft.tex')), ['references.bib']);
    assert.deepEqual(declaredBibliographies(pandocSyntax, fixture('ws', 'draft.md')), ['references.bib']);
    assert.deepEqual(declaredBibliographies(undefined, 'text'), []);
  });

  it('copies the raw text of cited entries for an export', () => {
    const found = entriesText(fixture('ws', 'references.bib'), new Set(['retrieval2024head', 'absent']));
    assert.deepEqual([...found.keys()], ['retrieval2024head']);
    assert.match(found.get('retrieval2024head')!, /^@misc\{retrieval2024head,[\s\S]*month {2}= apr\n\}\n$/);
  });

  it('never throws on random .bib text (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        scanBibEntries(text);
        planBibliographyAppend(text, [paper({})]);
      }),
    );
  });
});

describe('styled references', function () {
  // Loading citeproc and compiling the large Chicago style takes a few seconds on a slow machine.
  this.timeout(30_000);
  const style = (name: keyof typeof CITATION_STYLES) => {
    const info = CITATION_STYLES[name];
    return { name: info.cslName, xml: info.file ? fs.readFileSync(path.join(repoRoot, 'media', 'csl', info.file), 'utf8') : undefined };
  };
  const item = toCslItem(paper({}));

  it('writes CSL-JSON with split names, the date parts and the listing', () => {
    assert.deepEqual(item.author, [
      { family: 'Nichani', given: 'Eshaan' },
      { family: 'Lee', given: 'Jason D.' },
      { family: 'Bietti', given: 'A.' },
    ]);
    assert.deepEqual(item.issued, { 'date-parts': [[2024, 12, 9]] });
    assert.equal(item.source, 'Flatiron Institute publications');
    assert.deepEqual(toCslItem(paper({ authors: [], organization: 'Tel Aviv University' })).author, [{ literal: 'Tel Aviv University' }]);
  });

  it('writes a journal article with its venue and DOI when a library gives them', () => {
    const journal = toCslItem(paper({ venue: 'Nature', doi: '10.1038/x' }));
    assert.equal(journal.type, 'article-journal');
    assert.equal(journal['container-title'], 'Nature');
    assert.equal(journal.DOI, '10.1038/x');
    assert.equal(toCslItem(paper({ arxivId: '2412.06538' })).URL, 'https://arxiv.org/abs/2412.06538');
    assert.match(formatReferences([journal], style('apa'))[0], /\. Nature\. https:\/\/doi\.org\/10\.1038\/x$/);
  });

  it('formats APA, IEEE and Chicago author-date references', () => {
    assert.equal(formatReferences([item], style('apa'))[0], 'Nichani, E., Lee, J. D., & Bietti, A. (2024). Understanding Factual Recall in Transformers via Associative Memories.');
    assert.match(formatReferences([item], style('ieee'))[0], /^\[1\] E\. Nichani, J\. D\. Lee, and A\. Bietti, “Understanding Factual Recall in Transformers via Associative Memories,” Dec\. 09, 2024\.$/);
    assert.match(formatReferences([item], style('chicago'))[0], /^Nichani, Eshaan, Jason D\. Lee, and A\. Bietti\. 2024\. “Understanding Factual Recall/);
    assert.equal(formatInTextCitation([item], style('chicago')), '(Nichani et al. 2024)');
  });

  it('lists several references in the style\'s order', () => {
    const list = formatReferenceList([item, toCslItem(other)], style('apa'));
    assert.deepEqual(list.split('\n').map((l) => l.slice(0, 7)), ['Kang, H', 'Nichani']);
  });

  it('formats with a style file the user gives, and refuses a file that is not CSL', () => {
    const xml = style('ieee').xml!.replace('<title>IEEE Reference Guide', '<title>My IEEE');
    assert.match(formatReferences([item], { name: 'mine', xml })[0], /^\[1\] E\. Nichani/);
    assert.throws(() => formatReferences([item], { name: 'broken', xml: '<html></html>' }), /not a CSL style/);
    assert.throws(() => formatReferences([item], { name: 'ieee' }), /needs its CSL file/);
  });
});

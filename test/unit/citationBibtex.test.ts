import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { bibtexName, formatBibliography, formatBibtexEntry } from '../../src/core/citation/bibtex';
import { escapeTexText, protectTitleCase } from '../../src/core/citation/texText';
import { buildCorpus } from '../../src/core/corpus';
import { normalizeTitle, type Paper } from '../../src/core/paper';
import { readListingFiles } from '../../src/node/seedFiles';
import { parseBibtex } from './citationBibtexParser';
import { repoRoot } from './fixturePaths';

function paper(overrides: Partial<Paper>): Paper {
  return {
    id: 'a-paper',
    key: 'doe2024paper',
    title: 'A Paper',
    authors: ['Jane Doe'],
    authorsTruncated: false,
    authorCount: 1,
    organization: null,
    date: null,
    year: 2024,
    abstract: '',
    upvotes: null,
    sources: [{ file: 'x.txt', site: 'flatiron', kind: 'publications', line: 1, position: 1 }],
    ...overrides,
  };
}

const parseEntries = parseBibtex;

/** "Nichani, Eshaan" back to the display order the listings use. */
function displayName(creator: { lastName?: string; firstName?: string; prefix?: string; name?: string }): string {
  if (creator.name) return creator.name;
  return [creator.firstName, creator.prefix, creator.lastName].filter(Boolean).join(' ');
}

describe('BibTeX entries', function () {
  // The real parser needs a few seconds for the whole corpus with its abstracts.
  this.timeout(30_000);
  const corpus = buildCorpus(readListingFiles(path.join(repoRoot, 'seeds')));

  it('writes every paper of the corpus as BibTeX that a real parser reads back with the same title, authors and year', () => {
    const { entries, errors } = parseEntries(formatBibliography(corpus.papers));
    assert.deepEqual(errors, []);
    assert.equal(entries.length, corpus.papers.length);
    entries.forEach((entry, i) => {
      const p = corpus.papers[i];
      assert.equal(entry.key, p.key);
      assert.equal(entry.type, 'misc');
      assert.equal(normalizeTitle(entry.fields.title.replace(/<[^>]+>/g, '')), normalizeTitle(p.title), p.key);
      const authors = (entry.fields.author ?? []).map(displayName);
      const expected = p.authors.length ? [...p.authors, ...(p.authorsTruncated ? ['others'] : [])] : p.organization ? [p.organization] : [];
      assert.deepEqual(authors, expected, p.key);
      assert.equal(entry.fields.year, p.year === null ? undefined : String(p.year), p.key);
    });
  });

  it('writes the ASCII form of every paper so that it parses to the same titles and names', () => {
    const bib = formatBibliography(corpus.papers, { ascii: true, omitAbstract: true });
    assert.doesNotMatch(bib, /[^\n\x20-\x7e]/, 'only printable ASCII characters');
    const { entries, errors } = parseEntries(bib);
    assert.deepEqual(errors, []);
    entries.forEach((entry, i) => {
      assert.equal(normalizeTitle(entry.fields.title.replace(/<[^>]+>/g, '')), normalizeTitle(corpus.papers[i].title));
      assert.deepEqual((entry.fields.author ?? []).map(displayName).slice(0, corpus.papers[i].authors.length).map((n) => n.normalize('NFC')), corpus.papers[i].authors);
    });
  });

  it('keeps the abstracts readable: the parser gets the same words back', () => {
    const p = corpus.papers.find((x) => x.key === 'nichaniunderstanding')!;
    const [entry] = parseEntries(formatBibtexEntry(p)).entries;
    assert.match(entry.fields.abstract, /obtain 100% accuracy on the task/);
  });

  it('writes a complete entry for a dated paper: month macro, year, listing, abstract', () => {
    const bib = formatBibtexEntry(
      paper({ key: 'powers2025cycliccae', title: 'CyclicCAE: A Conformational Autoencoder', authors: ['Andrew C. Powers', 'V. Mulligan'], date: '2025-02-27', year: 2025, abstract: 'We sample.' }),
    );
    assert.equal(
      bib,
      [
        '@misc{powers2025cycliccae,',
        '  author       = {Powers, Andrew C. and Mulligan, V.},',
        '  title        = {{CyclicCAE}: A {Conformational Autoencoder}},',
        '  year         = {2025},',
        '  month        = feb,',
        '  howpublished = {Listed in Flatiron Institute publications},',
        '  abstract     = {We sample.}',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('writes an ISO date for BibLaTeX instead of year and month', () => {
    const bib = formatBibtexEntry(paper({ date: '2026-04-17', year: 2026 }), { dialect: 'biblatex' });
    assert.match(bib, /date\s+= \{2026-04-17\}/);
    assert.doesNotMatch(bib, /month|year/);
  });

  it('ends a list the listing cut short with "and others", and braces an organisation as one name', () => {
    assert.match(formatBibtexEntry(paper({ authors: ['Jane Doe', 'John Roe'], authorsTruncated: true })), /author\s+= \{Doe, Jane and Roe, John and others\}/);
    assert.match(formatBibtexEntry(paper({ authors: [], organization: 'Tel Aviv University' })), /author\s+= \{\{Tel Aviv University\}\}/);
  });

  it('notes how many authors a paper has when the listing names none', () => {
    const bib = formatBibtexEntry(paper({ authors: [], authorCount: 5 }));
    assert.doesNotMatch(bib, /author /);
    assert.match(bib, /note\s+= \{5 authors, not named in the listing\}/);
  });

  it('writes @article or @inproceedings with the venue, DOI, arXiv id and URL a library entry gives', () => {
    const library = { file: '/home/w/zotero.bib', site: 'library', kind: 'library' as const, line: 1, position: 1 };
    const article = formatBibtexEntry(paper({ venue: 'Physical Review E', doi: '10.1103/PhysRevE.1_2', sources: [library] }));
    assert.match(article, /^@article\{doe2024paper,/);
    assert.match(article, /journal\s+= \{Physical Review E\}/);
    assert.match(article, /doi\s+= \{10\.1103\/PhysRevE\.1_2\}/, 'a DOI is verbatim, not escaped');
    assert.doesNotMatch(article, /howpublished|zotero/, 'no listing note for a paper only the library has');
    const talk = formatBibtexEntry(paper({ venue: 'Advances in Neural Information Processing Systems', arxivId: '2412.06538', url: 'https://x.org/a?b=1' }), { dialect: 'biblatex' });
    assert.match(talk, /^@inproceedings\{/);
    assert.match(talk, /booktitle\s+= \{Advances in Neural Information Processing Systems\}/);
    assert.match(talk, /eprint\s+= \{2412\.06538\},\n\s+eprinttype\s+= \{arxiv\}/);
    assert.match(talk, /note\s+= \{Listed in Flatiron Institute publications\}/);
    const preprint = formatBibtexEntry(paper({ venue: 'arXiv', arxivId: '2505.1' }));
    assert.match(preprint, /^@misc\{/);
    assert.match(preprint, /howpublished\s+= \{arXiv\}/);
    assert.match(preprint, /note\s+= \{Listed in Flatiron Institute publications\}/);
    const { entries, errors } = parseEntries(article + talk);
    assert.deepEqual(errors, []);
    assert.deepEqual(entries.map((e) => e.type), ['article', 'inproceedings']);
  });

  it('writes names family first, keeping particles with the family name', () => {
    assert.equal(bibtexName('Jason D. Lee'), 'Lee, Jason D.');
    assert.equal(bibtexName('Vincent van Gogh'), 'van Gogh, Vincent');
    assert.equal(bibtexName('David Silva-Sánchez'), 'Silva-Sánchez, David');
    assert.equal(bibtexName('David Silva-Sánchez', { ascii: true }), "Silva-S{\\'a}nchez, David");
    assert.equal(bibtexName('Plato'), 'Plato');
  });
});

describe('TeX text in BibTeX fields', function () {
  // The property test runs the real parser 300 times: seconds on a busy machine.
  this.timeout(30_000);
  it('escapes TeX special characters that are plain text', () => {
    assert.equal(escapeTexText('R&D at 100% for $5 #1 c_0 ~3 x^2 a \\ b'), 'R\\&D at 100\\% for \\$5 \\#1 c\\_0 \\textasciitilde{}3 x\\textasciicircum{}2 a \\textbackslash{} b');
  });

  it('keeps TeX that is already in the data', () => {
    assert.equal(escapeTexText('Saffman and Delbr\\"uck'), 'Saffman and Delbr\\"uck');
    assert.equal(escapeTexText('by $N_t$ steps of size $\\Delta t$'), 'by $N_t$ steps of size $\\Delta t$');
    assert.equal(escapeTexText('and \\emph{additionally} requires'), 'and \\emph{additionally} requires');
    assert.equal(escapeTexText('balancing {S}ignal {P}reservation'), 'balancing {S}ignal {P}reservation');
  });

  it('writes a brace with no partner as text, so the field stays balanced', () => {
    assert.equal(escapeTexText('a } b { c'), 'a \\textbraceright{} b \\textbraceleft{} c');
    assert.equal(escapeTexText('sets \\{x'), 'sets \\textbraceleft{}x');
  });

  it('writes non-ASCII characters as TeX when asked', () => {
    assert.equal(escapeTexText('Régaldo-Saint Blancard', { ascii: true }), "R{\\'e}galdo-Saint Blancard");
    assert.equal(escapeTexText('Ψ-Sampler in Ω', { ascii: true }), '$\\Psi$-Sampler in $\\Omega$');
    assert.equal(escapeTexText('Straße – “quoted”', { ascii: true }), "Stra{\\ss}e -- ``quoted''");
    assert.equal(escapeTexText('Müller', {}), 'Müller');
  });

  it('protects capitalised words and acronyms in titles, but not the first word', () => {
    assert.equal(protectTitleCase('Understanding Factual Recall in Transformers via Associative Memories'), 'Understanding {Factual Recall} in {Transformers} via {Associative Memories}');
    assert.equal(protectTitleCase('Engineering anisotropic electrodynamics at the graphene/CrSBr interface'), 'Engineering anisotropic electrodynamics at the {graphene/CrSBr} interface');
    assert.equal(protectTitleCase('URHand: Universal Relightable Hands'), '{URHand}: Universal {Relightable Hands}');
    assert.equal(protectTitleCase('Efficient Refusal Ablation in LLM'), 'Efficient {Refusal Ablation} in {LLM}');
    assert.equal(protectTitleCase('Solving the time-independent Schr\\"odinger equation'), 'Solving the time-independent {Schr\\"odinger} equation');
  });

  it('writes a backslash before a non-ASCII letter as text in ASCII output', () => {
    // Found by the property below: "{\\é}{" became "{\\{\\'e}}", whose "\\{" unbalanced the field.
    assert.equal(escapeTexText('{\\é}{', { ascii: true }), "{\\textbackslash{}{\\'e}}\\textbraceleft{}");
  });

  it('gives balanced braces for any text (property)', () => {
    const tricky = fc.constantFrom('{', '}', '\\', '$', '%', '&', '#', '_', '^', '~', ' ', 'a', 'B', 'é', '"', "'", '\\"', '\\emph{', '$x$', 'α');
    fc.assert(
      fc.property(fc.array(tricky, { maxLength: 30 }), fc.boolean(), (parts, ascii) => {
        const out = protectTitleCase(escapeTexText(parts.join(''), { ascii }));
        let depth = 0;
        for (const c of out) {
          if (c === '{') depth++;
          if (c === '}') depth--;
          assert.ok(depth >= 0, out);
        }
        assert.equal(depth, 0, out);
        const { errors } = parseEntries(`@misc{k, title = {${out}}}`);
        assert.deepEqual(errors, [], out);
      }),
      { numRuns: 300 },
    );
  });
});

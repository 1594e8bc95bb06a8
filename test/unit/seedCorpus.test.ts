import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { buildCorpus } from '../../src/core/corpus';
import { normalizeTitle } from '../../src/core/paper';
import { readListingFiles } from '../../src/node/seedFiles';
import { repoRoot } from './fixturePaths';

describe('the bundled seed corpus', () => {
  const files = readListingFiles(path.join(repoRoot, 'seeds'));
  const corpus = buildCorpus(files);
  const byTitle = (start: string) => {
    const found = corpus.papers.filter((p) => p.title.startsWith(start));
    assert.equal(found.length, 1, `one paper titled "${start}…"`);
    return found[0];
  };

  it('has 179 unique papers from five listings, with no warnings', () => {
    assert.equal(files.length, 5);
    assert.equal(corpus.papers.length, 179);
    assert.equal(new Set(corpus.papers.map((p) => normalizeTitle(p.title))).size, 179);
    assert.deepEqual(corpus.warnings, []);
  });

  it('lists every paper once, with a unique id and key', () => {
    assert.equal(new Set(corpus.papers.map((p) => p.id)).size, 179);
    assert.equal(new Set(corpus.papers.map((p) => p.key)).size, 179);
    for (const p of corpus.papers) {
      assert.match(p.id, /^[a-z0-9]+(-[a-z0-9]+)*$/, p.id);
      assert.match(p.key, /^[a-z0-9]+$/, p.key);
    }
  });

  it('gives the institute date to the paper above the date line', () => {
    assert.equal(byTitle('CyclicCAE').date, '2025-02-27');
    assert.equal(byTitle('Spectral Analysis of Representational').date, '2025-02-27');
    assert.equal(byTitle('Type-I Superconductors').date, null);
    assert.equal(byTitle('Understanding Factual Recall').date, null);
    assert.equal(byTitle('Brain-Model Evaluations').date, '2025-02-22');
    assert.equal(byTitle('Engineering anisotropic').date, null);
    assert.equal(byTitle('The Determinant Ratio Matrix').date, '2025-11-24');
    assert.equal(byTitle('Cellular and Spatial Drivers').date, '2025-11-24');
    assert.equal(byTitle('Walrus').date, null);
  });

  it('reads authors from the institute list, and none where the item has no author line', () => {
    assert.deepEqual(byTitle('Understanding Factual Recall').authors, ['Eshaan Nichani', 'Jason D. Lee', 'A. Bietti']);
    assert.deepEqual(byTitle('Engineering anisotropic').authors, []);
    assert.deepEqual(byTitle('Space-time adaptive').authors, []);
    assert.equal(byTitle('The ManifoldEM method').authorsTruncated, true);
    assert.equal(byTitle('Walrus').authors.length, 25);
    assert.match(byTitle('Spectral Analysis of Representational').abstract, /eigenvector delocalization\. To overcome/);
  });

  it('reads the daily meta lines: counts, organisation, dates with and without a year, upvotes', () => {
    const refusal = byTitle('Efficient Refusal Ablation');
    assert.deepEqual([refusal.authorCount, refusal.date, refusal.upvotes], [3, '2026-03-04', null]);
    const massive = byTitle('Hidden Dynamics of Massive Activations');
    assert.deepEqual([massive.date, massive.upvotes], ['2025-08-05', 4]);
    const routes = byTitle('How Alignment Routes');
    assert.deepEqual([routes.date, routes.upvotes, routes.authorCount], ['2026-04-12', 2, 1]);
    const mixing = byTitle('Mixing Mechanisms');
    assert.deepEqual([mixing.organization, mixing.date, mixing.upvotes], ['Tel Aviv University', '2025-10-07', 2]);
    const nerve = byTitle('NerVE');
    assert.deepEqual([nerve.date, nerve.authorCount], [null, null]);
    assert.equal(byTitle('The Latent Space').upvotes, 5);
  });

  it('reads the search page, including the title glued to "Subscribe"', () => {
    const first = byTitle('Reducing Information Loss for Spiking Neural Networks');
    assert.deepEqual(first.sources.map((s) => [s.file, s.kind, s.line]), [['003_f6e321bfe0db44ac.txt', 'search', 3]]);
    assert.ok(!corpus.papers.some((p) => /Subscribe|Get trending|Show Abstract|Previous Page/.test(p.title)));
    assert.equal(byTitle('Stim: a fast stabilizer').sources[0].line, 237);
    assert.equal(byTitle('Ψ-Sampler').key.startsWith('psisampler'), true);
  });

  it('merges a paper seen on several pages, keeping named authors, the date and every source', () => {
    const steering = byTitle('Physics Steering');
    assert.deepEqual(steering.sources.map((s) => s.file), ['001_9730354ebc45f7f2.txt', '002_77147413b7f61024.txt']);
    assert.equal(steering.authors[0], 'Rio Alexa Fear');
    assert.equal(steering.authorCount, 5);
    assert.equal(steering.date, '2025-11-25');
    assert.equal(steering.abstract.length, 1620, 'the longer of the two abstracts');
    assert.equal(byTitle('Neuroformer').sources.length, 3);
    assert.equal(corpus.papers.filter((p) => p.sources.length > 1).length, 9);
  });

  it('keeps TeX fragments of abstracts raw', () => {
    assert.ok(corpus.papers.some((p) => p.abstract.includes('\\emph{additionally}')));
    assert.ok(corpus.papers.some((p) => p.abstract.includes('5\\%')));
  });

  it('builds the same corpus twice, byte for byte', () => {
    assert.equal(JSON.stringify(buildCorpus(readListingFiles(path.join(repoRoot, 'seeds')))), JSON.stringify(corpus));
  });
});

import * as assert from 'node:assert/strict';
import { assignIdentities, baseCitationKey, familyName, foldToAscii, slugifyTitle } from '../../src/core/paper';

const paper = (title: string, authors: string[] = [], year: number | null = 2024, date: string | null = null) => ({
  title,
  authors,
  authorsTruncated: false,
  authorCount: null,
  organization: null,
  date,
  year,
  abstract: '',
  upvotes: null,
  sources: [],
});

describe('citation keys', () => {
  it('is family name, year and first significant title word, in lower-case ASCII', () => {
    assert.equal(baseCitationKey(paper('Understanding Factual Recall in Transformers', ['Eshaan Nichani', 'Jason D. Lee'])), 'nichani2024understanding');
    assert.equal(baseCitationKey(paper('On the Role of Noise', ['David Silva-Sánchez'])), 'silvasanchez2024role');
    assert.equal(baseCitationKey(paper('Brain Paints', ['Vincent van Gogh'])), 'vangogh2024brain');
  });

  it('uses title words when there are no authors, and leaves out a missing year', () => {
    assert.equal(baseCitationKey(paper('Efficient Refusal Ablation in LLM', [], 2026)), 'efficient2026refusal');
    assert.equal(baseCitationKey(paper('The Consciousness Prior', ['Y. Bengio'], null)), 'bengioconsciousness');
    assert.equal(baseCitationKey(paper('Ψ-Sampler: Initial Particle Sampling', ['A. B'])), 'b2024psisampler');
  });

  it('makes colliding keys unique with a, b, … in date order, whatever the input order', () => {
    const a = paper('Deep Learning of Things', ['Jane Lee'], 2024, '2024-01-01');
    const b = paper('Deep Learning of Stuff', ['Jane Lee'], 2024, '2024-06-01');
    const c = paper('Deep learning, again', ['Jane Lee'], 2024, '2024-09-01');
    const forward = assignIdentities([a, b, c]).map((p) => p.key);
    const backward = assignIdentities([c, b, a]).map((p) => p.key).reverse();
    assert.deepEqual(forward, ['lee2024deep', 'lee2024deepa', 'lee2024deepb']);
    assert.deepEqual(backward, forward);
  });

  it('makes colliding ids unique with -2, -3', () => {
    const ids = assignIdentities([paper('Same Title', ['A. One']), paper('Same title!', ['B. Two'])]).map((p) => p.id);
    assert.deepEqual(ids, ['same-title', 'same-title-2']);
  });
});

describe('names and slugs', () => {
  it('finds family names with particles', () => {
    assert.equal(familyName('Jason D. Lee'), 'Lee');
    assert.equal(familyName('Ludwig van Beethoven'), 'van Beethoven');
    assert.equal(familyName('Plato'), 'Plato');
  });

  it('folds accents and Greek letters to ASCII', () => {
    assert.equal(foldToAscii('Régaldo-Saint Blancard'), 'regaldo saint blancard');
    assert.equal(foldToAscii('Ψ-Sampler'), 'psi sampler');
    assert.equal(foldToAscii('Saffman-Delbrück'), 'saffman delbruck');
  });

  it('slugs titles into short URL-safe ids', () => {
    assert.equal(slugifyTitle('Ψ-Sampler: Initial Particle Sampling'), 'psi-sampler-initial-particle-sampling');
    assert.ok(slugifyTitle('word '.repeat(60)).length <= 80);
    assert.equal(slugifyTitle('!!!'), 'untitled');
  });
});

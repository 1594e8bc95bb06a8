import * as assert from 'node:assert/strict';
import { KeyCompletionIndex } from '../../src/core/citation/keyCompletion';
import type { Paper } from '../../src/core/paper';

function paper(key: string, title: string, authors: string[] = []): Paper {
  return {
    id: key, key, title, authors, authorsTruncated: false, authorCount: authors.length || null, organization: null,
    date: null, year: null, abstract: '', upvotes: null, sources: [],
  };
}

const PAPERS = [
  paper('synapticweight', 'Synaptic Weight Distributions'),
  paper('fear2025physics', 'Physics Steering: Causal Control of Concepts', ['Rio Alexa Fear']),
  paper('risefall', 'Rise and Fall of Anderson Localization', ['Mona Steer']),
  paper('steering2026activation', 'Fine-Grained Activation Steering'),
  paper('polarons2020', 'Polarons in the Fr\\"ohlich model'),
];

describe('citation key completion', () => {
  const index = new KeyCompletionIndex(PAPERS);
  const keys = (typed: string) => index.candidates(typed).map((p) => p.key);

  it('offers every paper before anything is typed', () => {
    assert.deepEqual(keys(''), PAPERS.map((p) => p.key));
  });

  it('ranks keys that start with the typed text first, then title words, then authors', () => {
    assert.deepEqual(keys('steer'), ['steering2026activation', 'fear2025physics', 'risefall']);
  });

  it('ranks a title whose early words match above one that mentions the word late', () => {
    const late = new KeyCompletionIndex([paper('late', 'A Study of Many Things, Including Steering'), paper('early', 'Steering Things')]);
    assert.deepEqual(late.candidates('steer').map((p) => p.key), ['early', 'late']);
  });

  it('does not offer papers whose key merely holds the typed letters scattered', () => {
    assert.ok(!keys('steering').includes('synapticweight'));
  });

  it('ignores case, accents and TeX', () => {
    assert.deepEqual(keys('FROHL'), ['polarons2020']);
    assert.deepEqual(keys('Fear2025'), ['fear2025physics']);
  });
});

import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { buildCorpus } from '../../src/core/corpus';
import { RelatedIndex } from '../../src/core/related';
import { readListingFiles } from '../../src/node/seedFiles';
import { repoRoot } from './fixturePaths';

describe('related papers', () => {
  const corpus = buildCorpus(readListingFiles(path.join(repoRoot, 'seeds')));
  const index = new RelatedIndex(corpus.papers);
  const titleOf = (id: string) => corpus.papers.find((p) => p.id === id)!.title;

  it('finds papers on the same subject, never the paper itself', () => {
    const snn = corpus.papers.find((p) => p.title.startsWith('Reducing Information Loss for Spiking'))!;
    const hits = index.related(snn.id, 5);
    assert.equal(hits.length, 5);
    assert.ok(hits.every((h) => h.id !== snn.id));
    assert.ok(hits.slice(0, 4).every((h) => /spiking/i.test(titleOf(h.id))), hits.map((h) => titleOf(h.id)).join(' | '));
    assert.ok(hits.every((h, i) => i === 0 || hits[i - 1].score >= h.score));
  });

  it('is deterministic and gives nothing for an unknown paper', () => {
    const id = corpus.papers[0].id;
    assert.deepEqual(new RelatedIndex(corpus.papers).related(id), index.related(id));
    assert.deepEqual(index.related('no-such-paper'), []);
  });
});

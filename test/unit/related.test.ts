import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { main } from '../../src/cli';
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

describe('the related and render commands', function () {
  this.timeout(30_000);

  async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main([...argv, '--seeds', path.join(repoRoot, 'seeds')], { out: (t) => out.push(t), err: (t) => err.push(t) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('lists papers like one given by key, as JSON rows of id, key, title and score', async () => {
    const { code, out } = await run('related', 'reducinginformation', '--json', '--limit', '3');
    assert.equal(code, 0);
    const rows = JSON.parse(out) as Array<Record<string, unknown>>;
    assert.equal(rows.length, 3);
    for (const row of rows) assert.deepEqual(Object.keys(row), ['id', 'key', 'title', 'score']);
    assert.match(String(rows[0].title), /spiking/i);
  });

  it('prints the page of a paper with placeholder CSP source and nonce', async () => {
    const { code, out } = await run('render', 'feather2025brainmodel', '--html');
    assert.equal(code, 0);
    assert.match(out, /^<!DOCTYPE html>/);
    assert.match(out, /<h1 id="title"[^>]*>Brain-Model Evaluations Need the NeuroAI Turing Test<\/h1>/);
    assert.match(out, /<script nonce="NONCE" src="media\/abstract.js"><\/script>/);
  });

  it('says which paper it could not find', async () => {
    const { code, err } = await run('related', 'no-such-paper', '--json');
    assert.notEqual(code, 0);
    assert.match(err, /no-such-paper/);
  });
});

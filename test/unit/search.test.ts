import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import fc from 'fast-check';
import { mineAcronyms, matchDefinition } from '../../src/core/acronyms';
import { buildCorpus } from '../../src/core/corpus';
import { parseQuery } from '../../src/core/query';
import { evaluate, ndcgAt, reciprocalRank, type JudgedQuery } from '../../src/core/relevance';
import { PaperIndex } from '../../src/core/searchIndex';
import { americanize, stem } from '../../src/core/stemmer';
import { readListingFiles } from '../../src/node/seedFiles';
import { fixture, repoRoot } from './fixturePaths';

const corpus = buildCorpus(readListingFiles(path.join(repoRoot, 'seeds')));
const index = PaperIndex.build(corpus.papers);
const title = (id: string) => corpus.papers.find((p) => p.id === id)!.title;
const top = (query: string, n = 1) => index.search(query, { limit: n }).map((h) => title(h.id));

describe('search relevance on the judged query set', () => {
  const judged = JSON.parse(fixture('search-judgements.json')) as JudgedQuery[];
  const result = evaluate(judged, (q) => index.search(q, { limit: 10 }).map((h) => h.id));

  it('judges at least 40 queries of every kind the issue names', () => {
    assert.ok(judged.length >= 40);
    const kinds = new Set(judged.map((q) => q.kind));
    for (const kind of ['topic', 'author', 'author-year', 'typo', 'prefix', 'title', 'acronym', 'variant', 'greek']) assert.ok(kinds.has(kind), kind);
    const ids = new Set(corpus.papers.map((p) => p.id));
    for (const q of judged) for (const id of Object.keys(q.judgements)) assert.ok(ids.has(id), `${q.query}: unknown paper ${id}`);
  });

  it('keeps nDCG@10 and MRR above their floors', () => {
    console.log(`      nDCG@10 ${result.ndcg10.toFixed(3)}, MRR ${result.mrr.toFixed(3)} over ${judged.length} queries`);
    assert.ok(result.ndcg10 >= 0.9, `nDCG@10 ${result.ndcg10}`);
    assert.ok(result.mrr >= 0.95, `MRR ${result.mrr}`);
  });
});

describe('what a researcher types', () => {
  it('finds a paper from a typo', () => {
    assert.match(top('trasnformer')[0], /Transformer/);
    assert.ok(top('diffsuion models', 3).every((t) => /Diffusion/.test(t)));
  });

  it('completes the word being typed', () => {
    assert.ok(top('equivar', 3).every((t) => /Equivarian/.test(t)));
    assert.ok(top('electroch', 2).every((t) => /Electrochem/.test(t)));
  });

  it('finds Ψ-Sampler by "Psi"', () => {
    assert.match(top('psi')[0], /^Ψ-Sampler/);
  });

  it('expands acronyms both ways, including ones defined in abstracts', () => {
    assert.match(top('SNN')[0], /Spiking Neural Networks/);
    assert.match(top('LLM')[0], /Large Language Models|LLM/);
    assert.ok(top('cryo electron microscopy', 2).some((t) => /cryo-EM/.test(t)));
    assert.ok(top('cryo-EM', 2).some((t) => /Cryo-electron/.test(t)));
    assert.deepEqual(index.acronymTable().snn, ['spike', 'neural', 'network']);
  });

  it('meets British and American spellings', () => {
    assert.equal(stem('initialise'), stem('initialization'));
    assert.equal(stem('modelling'), stem('modeling'));
    assert.equal(americanize('behaviour'), 'behavior');
    assert.equal(americanize('noise'), 'noise');
    assert.deepEqual(top('modelling neural activity'), top('modeling neural activity'));
  });

  it('ranks an author\'s papers, and the year narrows them', () => {
    const bietti = index.search('Bietti').map((h) => corpus.papers.find((p) => p.id === h.id)!);
    assert.ok(bietti.slice(0, 5).every((p) => p.authors.includes('A. Bietti')));
    assert.match(top('Bietti 2025')[0], /^Physics Steering/);
  });
});

describe('the query syntax', () => {
  it('reads field filters, ranges, phrases and exclusions', () => {
    const q = parseQuery('au:lee year:2023..2025 src:flatiron "exact phrase" -noise words');
    assert.deepEqual([q.authors, q.yearFrom, q.yearTo, q.sources, q.phrases, q.excludes, q.text], [['lee'], 2023, 2025, ['flatiron'], ['exact phrase'], ['noise'], 'exact phrase words']);
    assert.deepEqual([parseQuery('year:2020..').yearFrom, parseQuery('year:2020..').yearTo], [2020, null]);
    assert.deepEqual([parseQuery('year:2024').yearFrom, parseQuery('year:2024').yearTo], [2024, 2024]);
    assert.equal(parseQuery('year:soon').text, 'soon');
    assert.equal(parseQuery('au: ').hasFilters, false);
  });

  it('filters by author, year, source, phrase and exclusion', () => {
    const papers = (q: string) => index.search(q).map((h) => corpus.papers.find((p) => p.id === h.id)!);
    assert.ok(papers('au:bietti').length === 5);
    assert.ok(papers('year:2023..2024 transformer').every((p) => p.year! >= 2023 && p.year! <= 2024));
    assert.ok(papers('src:flatiron').every((p) => p.sources.some((s) => s.site === 'flatiron')));
    assert.ok(papers('"induction head"').every((p) => /induction head/i.test(`${p.title} ${p.abstract}`)));
    assert.ok(papers('spiking -membrane').every((p) => !/membrane/i.test(`${p.title} ${p.abstract}`)));
    assert.deepEqual(papers(''), []);
  });

  it('never throws on random input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (q) => {
        for (const hit of index.search(q, { limit: 5 })) assert.ok(Number.isFinite(hit.score));
      }),
      { numRuns: 300 },
    );
  });
});

describe('the index lifecycle', () => {
  it('serializes and loads to the same ranking', () => {
    const loaded = PaperIndex.load(JSON.parse(JSON.stringify(index.toJSON())), corpus.papers);
    for (const q of ['graph neural networks', 'Bietti', 'SNN', 'au:hanson']) {
      assert.deepEqual(loaded.search(q, { limit: 10 }), index.search(q, { limit: 10 }));
    }
  });

  it('adds, replaces and removes papers one at a time', () => {
    const small = PaperIndex.build(corpus.papers.slice(0, 5));
    const paper = { ...corpus.papers[10], title: 'Quokka dynamics in marsupial populations' };
    small.upsert(paper);
    assert.equal(index.search('quokka').length, 0);
    assert.equal(small.search('quokka')[0].id, paper.id);
    small.upsert({ ...paper, title: 'Wombat burrows' });
    assert.equal(small.search('quokka').length, 0);
    small.remove(paper.id);
    assert.equal(small.search('wombat').length, 0);
    assert.equal(small.size, 5);
  });

  it('multiplies scores by a boost (frecency) without dropping results', () => {
    const plain = index.search('spiking neural networks', { limit: 5 });
    const boosted = index.search('spiking neural networks', { limit: 5, boosts: new Map([[plain[4].id, 100]]) });
    assert.equal(boosted[0].id, plain[4].id);
  });
});

describe('relevance measures', () => {
  it('gives 1 to the ideal order and less to a worse one', () => {
    assert.equal(ndcgAt(['a', 'b'], { a: 3, b: 1 }), 1);
    assert.ok(ndcgAt(['b', 'a'], { a: 3, b: 1 }) < 1);
    assert.equal(reciprocalRank(['x', 'a'], { a: 1 }), 0.5);
  });

  it('mines acronym definitions whose initials spell the acronym', () => {
    assert.deepEqual(matchDefinition('we train spiking neural networks'.split(' '), 'snn'), ['spiking', 'neural', 'networks']);
    assert.deepEqual(matchDefinition('based on Low Rank Adaptation'.split(' '), 'lora'), ['Low', 'Rank', 'Adaptation']);
    assert.equal(matchDefinition('completely unrelated words'.split(' '), 'snn'), null);
    assert.deepEqual(mineAcronyms(['We study Conditionally Linear Dynamical System (CLDS) models.']).clds, ['condition', 'linear', 'dynam', 'system']);
  });
});

import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import MiniSearch from 'minisearch';
import { ScoreTable, TermIndex, type FieldSchema } from '../../src/core/termIndex';
import { TokenTable } from '../../src/core/tokenTable';
import { tokenize as searchTokenize } from '../../src/core/searchText';

const tokenize = (text: string) => text.split(/[^a-z]+/).filter(Boolean);
const FIELDS: FieldSchema[] = [
  { boost: 3, processTerm: (t) => [t] },
  { boost: 1, processTerm: (t) => (t === 'the' ? null : [t, `${t}x`]) },
];
const words = fc.constantFrom('alpha', 'beta', 'gamma', 'delta', 'the', 'alphabet', 'gamut', 'bet');
const docs = fc.uniqueArray(
  fc.record({ id: fc.string({ minLength: 1, maxLength: 6 }), title: fc.array(words, { maxLength: 4 }), body: fc.array(words, { maxLength: 12 }) }),
  { selector: (d) => d.id, minLength: 1, maxLength: 25 },
);

/** Scores of one query term in a TermIndex, by document id. */
function scores(index: TermIndex, term: string, prefix: boolean, maxEdits: number): Map<string, number> {
  const table = new ScoreTable();
  table.reset(index.capacity);
  index.accumulate(index.expand([{ term, prefix, maxEdits }], { prefix: 0.6, fuzzy: 0.35 }), () => 1, table);
  return new Map(Array.from(table.docs.subarray(0, table.size), (d) => [index.idAt(d), table.score[d]]));
}

function assertSameScores(actual: Map<string, number>, expected: Map<string, number>): void {
  assert.deepEqual([...actual.keys()].sort(), [...expected.keys()].sort());
  for (const [id, score] of expected) assert.ok(Math.abs(actual.get(id)! - score) <= 1e-5 * Math.max(1, score), `${id}: ${actual.get(id)} ≠ ${score}`);
}

describe('the term index', () => {
  it('scores exactly as MiniSearch does, for exact, prefix and fuzzy terms', () => {
    fc.assert(
      fc.property(docs, words, fc.boolean(), fc.constantFrom(0, 1, 2), (corpus, term, prefix, maxEdits) => {
        const index = TermIndex.build(FIELDS, corpus.map((d) => ({ id: d.id, texts: [d.title.join(' '), d.body.join(' ')] })), new TokenTable(tokenize));
        const mini = new MiniSearch<{ id: string; title: string; body: string }>({
          fields: ['title', 'body'],
          tokenize,
          processTerm: (t, field) => (field === 'title' ? t : FIELDS[1].processTerm(t) ?? null) as string | string[] | null,
        });
        mini.addAll(corpus.map((d) => ({ id: d.id, title: d.title.join(' '), body: d.body.join(' ') })));
        const expected = new Map(
          mini
            .search(term, { boost: { title: 3, body: 1 }, prefix, fuzzy: maxEdits, weights: { prefix: 0.6, fuzzy: 0.35 }, tokenize: (q) => [q], processTerm: (q) => q })
            .map((r) => [String(r.id), r.score]),
        );
        assertSameScores(scores(index, term, prefix, maxEdits), expected);
      }),
      { numRuns: 200 },
    );
  });

  it('counts two letters typed the wrong way round as one edit, as a near spelling does', () => {
    const index = TermIndex.build(
      FIELDS,
      [
        { id: 'swapped', texts: ['spiking', ''] },
        { id: 'substituted', texts: ['spiring', ''] },
        { id: 'far', texts: ['speaking', ''] },
      ],
      new TokenTable(tokenize),
    );
    // "spikign" is two substitutions from "spiking" by Levenshtein's count, one swap by a typist's.
    assert.deepEqual([...scores(index, 'spikign', false, 1).keys()], ['swapped']);
    assert.deepEqual([...scores(index, 'spikngi', false, 1).keys()], [], 'three letters rotated are two edits');
  });

  it('finds added papers and forgets removed ones, before and after a freeze', () => {
    const index = TermIndex.build(
      FIELDS,
      [
        { id: 'a', texts: ['alpha beta', 'gamma'] },
        { id: 'b', texts: ['beta', 'delta'] },
      ],
      new TokenTable(tokenize),
    );
    index.upsert('c', ['quokka', 'alpha']);
    index.upsert('a', ['wombat', '']);
    index.remove('b');
    for (let round = 0; round < 2; round++) {
      assert.deepEqual([...scores(index, 'quokka', false, 0).keys()], ['c']);
      assert.deepEqual([...scores(index, 'wom', true, 0).keys()], ['a']);
      assert.deepEqual([...scores(index, 'alpha', false, 0).keys()], ['c']);
      assert.equal(scores(index, 'delta', false, 0).size, 0);
      assert.equal(index.size, 2);
      index.freeze();
    }
  });

  it('saves and loads to the same scores', () => {
    fc.assert(
      fc.property(docs, (corpus) => {
        const input = corpus.map((d) => ({ id: d.id, texts: [d.title.join(' '), d.body.join(' ')] }));
        const built = TermIndex.build(FIELDS, input, new TokenTable(tokenize), { forSaving: true });
        const loaded = TermIndex.load(FIELDS, JSON.parse(JSON.stringify(built.toJSON())), new TokenTable(tokenize));
        for (const term of ['alpha', 'beta', 'gamma', 'delta', 'alphax', 'bet', 'gamut']) {
          assert.deepEqual(scores(loaded, term, true, 1), scores(built, term, true, 1));
        }
      }),
      { numRuns: 100 },
    );
  });

  it('numbers exactly the tokens the search tokenizer gives, plain text or not', () => {
    const text = fc.stringMatching(/^[A-Za-z0-9 \-–{}\\é$.,]{0,40}$/);
    fc.assert(
      fc.property(fc.array(text, { maxLength: 5 }), (texts) => {
        const table = new TokenTable();
        for (const t of texts) {
          const numbers: number[] = [];
          table.read(t, numbers);
          assert.deepEqual(numbers.map((n) => table.token(n)).sort(), searchTokenize(t).sort(), JSON.stringify(t));
        }
      }),
      { numRuns: 500 },
    );
  });
});

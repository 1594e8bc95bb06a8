import * as assert from 'node:assert/strict';
import { Frecency } from '../../src/core/frecency';
import { matchSnippet } from '../../src/core/snippet';

const DAY = 86_400_000;

describe('frecency', () => {
  it('ranks papers used often and lately first, and forgets slowly', () => {
    const f = new Frecency(undefined, 14);
    f.record('old', 0);
    f.record('old', 0);
    f.record('new', 30 * DAY);
    assert.deepEqual(f.ranked(30 * DAY), ['new', 'old']);
    assert.ok(f.weight('old', 14 * DAY) > 0.99 && f.weight('old', 14 * DAY) < 1.01, 'halves in a half-life');
    assert.equal(f.boost('never', 0), 1);
    assert.ok(f.boost('new', 30 * DAY) > 1 && f.boost('new', 30 * DAY) <= 2);
  });

  it('keeps at most its capacity, dropping the weakest, and survives a round trip', () => {
    const f = new Frecency(undefined, 14, 3);
    for (const [i, id] of ['a', 'b', 'c', 'd'].entries()) f.record(id, i * DAY);
    assert.deepEqual(f.ranked(4 * DAY).sort(), ['b', 'c', 'd']);
    assert.deepEqual(new Frecency(JSON.parse(JSON.stringify(f.toState())), 14, 3).ranked(4 * DAY), f.ranked(4 * DAY));
  });

  it('ignores malformed stored state', () => {
    const f = new Frecency({ entries: { ok: [1, 0], bad: [NaN, 0] as [number, number], worse: 'x' as unknown as [number, number] } });
    assert.deepEqual(f.ranked(0), ['ok']);
  });
});

describe('match snippets', () => {
  const abstract = 'We study how spiking neural networks lose information. Our method reduces the loss and improves accuracy on neuromorphic benchmarks while keeping spikes sparse.';

  it('shows the words around the first match, marking matched words', () => {
    const s = matchSnippet(abstract, ['spike', 'neural'])!;
    assert.match(s.text, /spiking neural networks/);
    assert.deepEqual(s.matches.map(([a, b]) => s.text.slice(a, b)).slice(0, 2), ['spiking', 'neural']);
  });

  it('cuts at word boundaries with an ellipsis, and gives null without a match', () => {
    const s = matchSnippet(`${'word '.repeat(60)}target ${'word '.repeat(60)}`, ['target'], 60)!;
    assert.ok(s.text.startsWith('…') && s.text.endsWith('…'));
    assert.ok(!/\bwor\b|\bwo\b/.test(s.text.replace(/…/g, ' ')));
    assert.equal(matchSnippet(abstract, ['quokka']), null);
    assert.equal(matchSnippet(abstract, []), null);
  });
});

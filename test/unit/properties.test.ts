import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildCorpus } from '../../src/core/corpus';
import { parseListing } from '../../src/core/parse/listing';
import { fixture } from './fixturePaths';

/** Lines that look like the pieces of real listings, shuffled into random documents. */
const listingLine = fc.oneof(
  fc.constantFrom('', 'Show Abstract', '  • 3 authors', '·', 'Mar 4', 'Apr 11, 2025 7', 'February 27, 2025', 'Subscribe', 'Daily Papers', '2697 Publications', '  • Next Page', 'A. B. Author, C. Dee, et al.', 'tau Tel Aviv University'),
  fc.string({ maxLength: 120 }),
  fc.lorem({ maxCount: 60, mode: 'sentences' }),
);

describe('parser properties', () => {
  it('never throws on random text, and every paper it returns is well formed', () => {
    fc.assert(
      fc.property(fc.array(listingLine, { maxLength: 60 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
        const corpus = buildCorpus([{ name: 'random.txt', text: lines.join(eol) }], { captureYear: 2026 });
        for (const p of corpus.papers) {
          assert.ok(p.title.trim().length > 0);
          assert.ok(p.abstract.trim().length > 0);
          assert.ok(p.date === null || /^\d{4}-\d{2}-\d{2}$/.test(p.date));
          assert.equal(p.year, p.date ? Number(p.date.slice(0, 4)) : p.year);
          assert.ok(p.sources.every((s) => s.line >= 1 && s.line <= lines.length));
        }
        for (const w of corpus.warnings) assert.ok(w.line >= 1 && w.line <= lines.length + 1 && w.message.length > 0);
        assert.equal(new Set(corpus.papers.map((p) => p.key)).size, corpus.papers.length);
      }),
      { numRuns: 300 },
    );
  });

  it('reads a real listing with random lines deleted without throwing', () => {
    const lines = fixture('listings', 'daily.txt').split('\n');
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: lines.length, maxLength: lines.length }), (keep) => {
        const text = lines.filter((_, i) => keep[i]).join('\n');
        const { papers } = parseListing(text, 'daily.txt', { captureYear: 2026 });
        assert.ok(papers.length <= 4, papers.map((p) => p.title).join(' | '));
        for (const p of papers) {
          assert.doesNotMatch(p.title, /^(·|•.*|\d+ authors?|Subscribe|Daily Papers|Get trending.*|[A-Z][a-z]{2} \d{1,2}(, \d{4})?( \d+)?)$/, p.title);
          assert.doesNotMatch(p.abstract, /^(·|•.*|\d+ authors?|[A-Z][a-z]{2} \d{1,2}(, \d{4})?( \d+)?)$/, p.abstract);
        }
      }),
      { numRuns: 600 },
    );
  });
});

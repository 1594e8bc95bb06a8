import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { texToHtml, texToPlain } from '../../src/core/texText';

describe('TeX in abstracts, made readable', () => {
  it('turns accents into letters and escapes into characters', () => {
    assert.equal(texToPlain('Fr\\"ohlich, H\\\'enon, Saffman-Delbr\\"{u}ck, \\c{c}a, 85\\%, A \\& B'), 'Fröhlich, Hénon, Saffman-Delbrück, ça, 85%, A & B');
  });

  it('renders emphasis, quotes and dashes', () => {
    assert.equal(texToHtml('\\emph{a} {\\em b} ``c\'\' force--flux'), '<em>a</em> <em>b</em> “c” force–flux');
  });

  it('typesets inline math with symbols, sub- and superscripts', () => {
    assert.equal(texToPlain('$\\mathcal O(M^2 N_t)$'), '𝒪(M^2 N_t)');
    assert.match(texToHtml('$\\Delta t \\leq \\frac{1}{2}$'), /><span class="upright">Δ<\/span>t ≤ 1\/2</, 'capital Greek is upright, as TeX sets it');
    assert.match(texToHtml('$\\alpha$'), />α</);
  });

  it('writes calligraphic, blackboard and fraktur letters as the letters a reader of the paper saw', () => {
    assert.match(texToHtml('$\\mathcal{O}(n) \\subset \\mathbb R^d, \\mathcal{AL}, \\mathfrak g$'), /<span class="upright">𝒪<\/span>\(n\) ⊂ <span class="upright">ℝ<\/span><sup>d<\/sup>, <span class="upright">𝒜ℒ<\/span>, <span class="upright">𝔤<\/span>/);
    assert.equal(texToPlain('\\mathcal{O} outside math'), 'O outside math');
  });

  it('sets operator names upright and apart, as TeX does', () => {
    assert.equal(
      texToHtml('$N^3\\log N$'),
      '<span class="math" title="$N^3\\log N$">N<sup>3</sup>\u2009<span class="upright">log</span> N</span>',
    );
  });

  it('degrades gracefully on broken TeX: unclosed math and braces, lost backslashes, unknown commands', () => {
    assert.equal(texToPlain('costs $5 and {more'), 'costs $5 and more');
    assert.equal(texToPlain('P_sys^{Delta}mathrm{dj}/{df}'), 'P_sys^{Delta}mathrmdj/df');
    assert.equal(texToPlain('1013cm--2 holes'), '1013cm--2 holes');
    assert.equal(texToPlain('\\unknowncommand{x}'), '\\unknowncommandx');
  });

  it('survives deep nesting without exhausting the stack', () => {
    assert.ok(texToHtml('\\emph{'.repeat(20000)).length > 0);
    assert.ok(texToHtml('$'.repeat(20001) + 'x^'.repeat(20000)).length > 0);
  });

  it('never throws on random TeX-like text, and its HTML has no markup but its own', () => {
    const texish = fc.array(fc.constantFrom('\\', '{', '}', '$', '^', '_', '<', '>', '"', "'", '&', '`', '-', '~', 'emph', 'frac', 'a', ' '), { maxLength: 60 });
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), texish.map((parts) => parts.join(''))), (text) => {
        const html = texToHtml(text);
        const stripped = html.replace(/<\/?(em|strong|sub|sup)>|<span class="(math|upright)"( title="[^"<>]*")?>|<\/span>/g, '');
        assert.doesNotMatch(stripped, /[<>"]/, html);
        assert.equal(typeof texToPlain(text), 'string');
      }),
      { numRuns: 500 },
    );
  });
});

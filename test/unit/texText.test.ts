import * as assert from 'node:assert/strict';
import { texToHtml, texToPlain } from '../../src/core/texText';

describe('TeX in abstracts, made readable', () => {
  it('turns accents into letters and escapes into characters', () => {
    assert.equal(texToPlain('Fr\\"ohlich, H\\\'enon, Saffman-Delbr\\"{u}ck, \\c{c}a, 85\\%, A \\& B'), 'Fröhlich, Hénon, Saffman-Delbrück, ça, 85%, A & B');
  });

  it('renders emphasis, quotes and dashes', () => {
    assert.equal(texToHtml('\\emph{a} {\\em b} ``c\'\' force--flux'), '<em>a</em> <em>b</em> “c” force–flux');
  });

  it('typesets inline math with symbols, sub- and superscripts', () => {
    assert.equal(texToPlain('$\\mathcal O(M^2 N_t)$'), 'O(M^2 N_t)');
    assert.match(texToHtml('$\\Delta t \\leq \\frac{1}{2}$'), /Δ t ≤ 1\/2/);
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
});

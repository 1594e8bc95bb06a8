import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import fc from 'fast-check';
import { readPageMessage, renderAbstractPage, type AbstractPageModel } from '../../src/core/abstractHtml';
import { buildCorpus } from '../../src/core/corpus';
import type { Paper } from '../../src/core/paper';
import { RelatedIndex } from '../../src/core/related';
import { texToHtml, texToPlain } from '../../src/core/texRender';
import { readListingFiles } from '../../src/node/seedFiles';
import { repoRoot } from './fixturePaths';

const RES = { cspSource: 'vscode-resource:', nonce: 'abc123', styleUri: 'style.css', scriptUri: 'page.js' };

function paper(fields: Partial<Paper>): Paper {
  return {
    id: 'p1', key: 'doe2024paper', title: 'A Paper', authors: ['Jane Doe'], authorsTruncated: false, authorCount: 1, organization: null,
    date: '2024-03-05', year: 2024, abstract: 'An abstract.', upvotes: null,
    sources: [{ file: 'f.txt', site: 'flatiron', kind: 'publications', line: 3, position: 1 }],
    ...fields,
  };
}

function page(p: Paper, related: Paper[] = []): string {
  const model: AbstractPageModel = { paper: p, related: related.map((r) => ({ paper: r, score: 0.5 })), canGoBack: false, canGoForward: true };
  return renderAbstractPage(model, RES);
}

/** The tags of an HTML document, for inertness checks: name and raw attribute text. */
function tags(html: string): Array<{ name: string; attrs: string; closing: boolean }> {
  return [...html.matchAll(/<(\/?)([a-zA-Z][\w-]*)([^>]*)>/g)].map((m) => ({ name: m[2].toLowerCase(), attrs: m[3], closing: m[1] === '/' }));
}

/** A check of well-formedness: every element the page opens is closed, in order (void elements aside). */
function assertBalanced(html: string): void {
  const VOID = new Set(['meta', 'link', 'br', 'img', 'input', '!doctype']);
  const stack: string[] = [];
  for (const m of html.matchAll(/<(\/?)([a-zA-Z][\w-]*)[^>]*>/g)) {
    const name = m[2].toLowerCase();
    if (VOID.has(name)) continue;
    if (m[1]) assert.equal(stack.pop(), name, `closing </${name}> out of order`);
    else stack.push(name);
  }
  assert.deepEqual(stack, []);
}

const ALLOWED_TAGS = new Set(['html', 'head', 'meta', 'link', 'title', 'body', 'nav', 'button', 'span', 'main', 'article', 'header', 'h1', 'h2', 'p', 'dl', 'div', 'dt', 'dd', 'br', 'code', 'section', 'aside', 'ol', 'li', 'em', 'strong', 'sub', 'sup', 'script']);

function assertInert(html: string): void {
  const scripts = tags(html).filter((t) => t.name === 'script' && !t.closing);
  assert.equal(scripts.length, 1, 'exactly one script');
  assert.match(scripts[0].attrs, /nonce="abc123" src="page.js"/);
  for (const t of tags(html)) {
    assert.ok(ALLOWED_TAGS.has(t.name), `unexpected <${t.name}>`);
    // Attribute names only: values are quoted and escaped, so text inside them is inert.
    const names = t.attrs.replace(/"[^"]*"/g, '""');
    assert.doesNotMatch(names, /['<]/, `unquoted value in <${t.name}${t.attrs}>`);
    assert.doesNotMatch(names, /\son[a-z]+\s*=/i, `event handler in <${t.name}${t.attrs}>`);
    assert.doesNotMatch(t.attrs, /(href|src)="\s*javascript:/i);
  }
  assertBalanced(html);
}

describe('the abstract page', () => {
  it('shows title, authors, date, listings, key and abstract, and a strict CSP', () => {
    const html = page(paper({ title: 'Fr\\"ohlich polarons', abstract: 'We show \\emph{this}: 85\\% with $N_t$ steps.' }));
    assert.match(html, /<h1 id="title">Fröhlich polarons<\/h1>/);
    assert.match(html, /Jane Doe/);
    assert.match(html, /March 5, 2024/);
    assert.match(html, /Flatiron Institute publications \(f\.txt, line 3\)/);
    assert.match(html, /<code>doe2024paper<\/code>/);
    assert.match(html, /<em>this<\/em>: 85% with <span class="math"[^>]*>N<sub>t<\/sub><\/span>/);
    assert.match(html, /content="default-src &#39;none&#39;; style-src vscode-resource:; font-src vscode-resource:; img-src vscode-resource:; script-src &#39;nonce-abc123&#39;"/);
    assert.match(html, /<nav class="history"[^>]*>/);
    assert.match(html, /data-action="back" disabled/);
    assertInert(html);
  });

  it('keeps hostile titles and abstracts inert and well formed', () => {
    const hostile = [
      '<script>alert(1)</script>',
      '"><img src=x onerror=alert(1)>',
      "javascript:alert('x')",
      '</style><style>body{display:none}</style>',
      '\\emph{<b>x</b>} $<svg onload=alert(1)>$ {\\em </em><script>}',
      '${'.repeat(500),
      '\\"'.repeat(300),
      '{'.repeat(5000) + '}'.repeat(10),
    ];
    for (const text of hostile) {
      const p = paper({ id: `id-"><script>${text.length}`, key: `k<"'>`, title: text, abstract: text, authors: [text], organization: text });
      const html = page(p, [paper({ id: 'r"><x', title: text })]);
      assertInert(html);
      assert.ok(!html.includes('<script>alert'), text);
      assert.ok(!/<img|<svg|<style>body/i.test(html), text);
    }
  });

  it('renders a 100 KB abstract completely and quickly enough not to matter', () => {
    const abstract = 'Spiking $N_t$ networks \\emph{learn}. '.repeat(2800);
    const html = page(paper({ abstract }));
    assert.ok(html.length > 100_000);
    assertInert(html);
  });

  it('never throws on random text, and its output never holds an unescaped < from the data', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const html = page(paper({ title: text, abstract: text, authors: [text] }));
        assertInert(html);
      }),
      { numRuns: 300 },
    );
  });
});

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

describe('messages from the page', () => {
  const known = (id: string) => id === 'p1';

  it('accepts only known types, known actions and known papers', () => {
    assert.deepEqual(readPageMessage({ type: 'open', paperId: 'p1' }, known), { type: 'open', paperId: 'p1' });
    assert.deepEqual(readPageMessage({ type: 'action', action: 'copyKey', paperId: 'p1' }, known), { type: 'action', action: 'copyKey', paperId: 'p1' });
    for (const bad of [null, 'open', {}, { type: 'open', paperId: 'p2' }, { type: 'action', action: 'runShell', paperId: 'p1' }, { type: 'eval', paperId: 'p1' }, { type: 'open', paperId: 1 }]) {
      assert.equal(readPageMessage(bad, known), undefined, JSON.stringify(bad));
    }
  });
});

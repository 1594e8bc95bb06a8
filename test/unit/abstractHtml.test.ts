import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { paperLink, readPageMessage, readPanelState, renderAbstractPage, topicLine, type AbstractPageModel } from '../../src/core/abstractHtml';
import type { Paper } from '../../src/core/paper';

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
    assert.match(html, /<h1 id="title"[^>]*>Fröhlich polarons<\/h1>/);
    assert.match(html, /Jane Doe/);
    assert.match(html, /March 5, 2024/);
    assert.match(html, /Flatiron Institute publications \(f\.txt, line 3\)/);
    assert.match(html, /<code>doe2024paper<\/code>/);
    assert.match(html, /<em>this<\/em>: 85% with <span class="math"[^>]*>N<sub>t<\/sub><\/span>/);
    assert.match(html, /content="default-src &#39;none&#39;; style-src vscode-resource:; font-src vscode-resource:; img-src vscode-resource:; script-src &#39;nonce-abc123&#39;; base-uri &#39;none&#39;; form-action &#39;none&#39;"/);
    assert.match(html, /<nav class="history"[^>]*>/);
    assert.match(html, /data-action="back" disabled/);
    assertInert(html);
  });

  it('gives screen readers landmarks and headings, and focuses the title only after a link on the page', () => {
    const html = page(paper({}));
    for (const landmark of [/<nav class="history" aria-label="Paper history">/, /<main>/, /<article aria-labelledby="title">/, /<section aria-labelledby="abstract-heading">/, /<aside aria-labelledby="related-heading">/]) {
      assert.match(html, landmark);
    }
    assert.deepEqual([...html.matchAll(/<(h[1-6])[^>]*>([^<]*)</g)].map((m) => `${m[1]} ${m[2]}`), ['h1 A Paper', 'h2 Abstract', 'h2 Related papers']);
    assert.match(html, /<div class="actions" role="toolbar" aria-label="Paper actions">/);
    assert.doesNotMatch(html, /data-focus=/, 'a page opened from outside leaves focus where the user put it');
    assert.match(renderAbstractPage({ paper: paper({}), related: [], canGoBack: true, canGoForward: false, focusTitle: true }, RES), /<body [^>]*data-focus="title"/);
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

describe('what the page offers beyond the abstract', () => {
  it('names a paper\'s topic from the top of the topic tree down to its leaf', () => {
    const leaf = (label: string, paperIds: string[]) => ({ label, keywords: [], paperIds, children: [] });
    const tree = [
      { label: 'Neuroscience', keywords: [], paperIds: ['a', 'b'], children: [leaf('Spiking networks', ['a']), leaf('Imaging', ['b'])] },
      leaf('Other', ['c']),
    ];
    assert.equal(topicLine(tree, 'a'), 'Neuroscience › Spiking networks');
    assert.equal(topicLine(tree, 'c'), 'Other');
    assert.equal(topicLine(tree, 'zzz'), undefined);
  });

  it('names the topic once the topic model gives one, and none before', () => {
    const model: AbstractPageModel = { paper: paper({}), related: [], canGoBack: false, canGoForward: false };
    assert.match(renderAbstractPage({ ...model, topic: 'Neuroscience › Spiking <networks>' }, RES), /<dt>Topic<\/dt><dd>Neuroscience › Spiking &#60;networks&#62;<\/dd>/);
    assert.doesNotMatch(renderAbstractPage(model, RES), /<dt>Topic/);
  });

  it('lists related papers with their authors and year, leaving out authors it does not know', () => {
    const html = page(paper({}), [paper({ id: 'r1', title: 'Known', authors: ['A. One', 'B. Two', 'C. Three'] }), paper({ id: 'r2', title: 'Unknown', authors: [], authorCount: null })]);
    assert.match(html, /data-paper-id="r1">Known<\/button><span class="related-meta">A\. One, B\. Two et al\. · 2024<\/span>/);
    assert.match(html, /data-paper-id="r2">Unknown<\/button><span class="related-meta">2024<\/span>/);
  });

  it('links a library paper to its DOI, arXiv page or https URL, and nothing else', () => {
    assert.deepEqual(paperLink(paper({ doi: '10.1109/CVPR.2016.90' })), { url: 'https://doi.org/10.1109/CVPR.2016.90', label: 'Open DOI' });
    assert.deepEqual(paperLink(paper({ arxivId: '2412.06538' })), { url: 'https://arxiv.org/abs/2412.06538', label: 'Open on arXiv' });
    assert.deepEqual(paperLink(paper({ url: 'https://example.org/paper' })), { url: 'https://example.org/paper', label: 'Open Link' });
    for (const url of ['javascript:alert(1)', 'http://example.org', 'https://x" onmouseover="alert(1)', 'command:workbench.action.terminal.new', 'file:///etc/passwd']) {
      assert.equal(paperLink(paper({ url })), undefined, url);
    }
    assert.equal(paperLink(paper({ doi: '10.1/x" onclick="y' })), undefined);
    const html = page(paper({ doi: '10.1109/CVPR.2016.90', venue: 'Proc. of \\emph{CVPR} <b>' }));
    assert.match(html, /data-action="openLink"/);
    assert.match(html, /<dt>Published in<\/dt><dd>Proc\. of <em>CVPR<\/em> &#60;b&#62;<\/dd>/);
    assertInert(html);
    assert.doesNotMatch(page(paper({})), /openLink/);
  });
});

describe('the panel state kept over a window reload', () => {
  const known = (id: string) => ['a', 'b', 'c'].includes(id);

  it('puts the history into the page, escaped, for the page to save', () => {
    const html = renderAbstractPage({ paper: paper({ id: 'b' }), related: [], canGoBack: true, canGoForward: true, history: { ids: ['a', 'b', 'c'], position: 1 } }, RES);
    assert.match(html, /<body data-paper-id="b" data-history="\[&#34;a&#34;,&#34;b&#34;,&#34;c&#34;\]" data-position="1">/);
  });

  it('restores the saved history, so Back still works after the reload', () => {
    assert.deepEqual(readPanelState({ paperId: 'b', history: ['a', 'b', 'c'], position: 1 }, known), { ids: ['a', 'b', 'c'], position: 1 });
  });

  it('trusts nothing the page saved: unknown papers or a position that does not hold leave only the paper', () => {
    assert.deepEqual(readPanelState({ paperId: 'b', history: ['a', 'x', 'b'], position: 2 }, known), { ids: ['b'], position: 0 });
    assert.deepEqual(readPanelState({ paperId: 'b', history: ['a', 'b'], position: 0 }, known), { ids: ['b'], position: 0 });
    assert.deepEqual(readPanelState({ paperId: 'b', history: 'a,b', position: '1' }, known), { ids: ['b'], position: 0 });
    assert.deepEqual(readPanelState({ paperId: 'b' }, known), { ids: ['b'], position: 0 }, 'a page saved by an older version');
    for (const bad of [undefined, null, 'b', { paperId: 'x' }, { paperId: 7 }, { history: ['a'], position: 0 }]) assert.equal(readPanelState(bad, known), undefined);
  });

  it('keeps at most the last 50 papers of a long history', () => {
    const ids = Array.from({ length: 120 }, (_, i) => ['a', 'b', 'c'][i % 3]);
    const restored = readPanelState({ paperId: ids[119], history: ids, position: 119 }, known)!;
    assert.equal(restored.ids.length, 50);
    assert.equal(restored.ids[restored.position], ids[119]);
    assert.equal(restored.position, 49);
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

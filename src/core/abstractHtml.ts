import type { Paper } from './paper';
import { authorSummary, sourceLabel } from './paperText';
import { escapeHtml, texToHtml } from './texText';
import type { TopicNode } from './topics';

export { escapeHtml };

/** What the abstract page shows. */
export interface AbstractPageModel {
  paper: Paper;
  /** Similar papers, best first. */
  related: ReadonlyArray<{ paper: Paper; score: number }>;
  /** The paper's topic label, once topics exist. */
  topic?: string | null;
  canGoBack: boolean;
  canGoForward: boolean;
  /**
   * True when the reader got here from the page itself (a related paper, Back, Forward): the page then
   * moves focus to the new title, so a keyboard or screen-reader user hears where they are.
   */
  focusTitle?: boolean;
  /** The panel's back/forward history (paper ids) and where in it this page is; kept in the page's state so a reload keeps it. */
  history?: PanelHistory;
}

/** A panel's back/forward history: paper ids, oldest first, and the index of the one shown. */
export interface PanelHistory {
  ids: string[];
  position: number;
}

/** Longest history a panel keeps across a reload. */
const HISTORY_LIMIT = 50;

/**
 * Reads the state a page saved (`{ paperId, history, position }`) when the window reloads: it comes
 * from the page, so only known papers are kept and the position must point at the saved paper.
 * Returns the history to restore (just the paper when the rest does not hold), or undefined when
 * the state names no known paper.
 */
export function readPanelState(state: unknown, knownPaper: (id: string) => boolean): PanelHistory | undefined {
  if (typeof state !== 'object' || state === null) return undefined;
  const s = state as Record<string, unknown>;
  if (typeof s.paperId !== 'string' || !knownPaper(s.paperId)) return undefined;
  const ids = Array.isArray(s.history) ? s.history.slice(-HISTORY_LIMIT) : [];
  const position = typeof s.position === 'number' && Number.isInteger(s.position) ? s.position - (Array.isArray(s.history) ? s.history.length - ids.length : 0) : -1;
  const valid = ids.every((id): id is string => typeof id === 'string' && knownPaper(id));
  if (!valid || position < 0 || position >= ids.length || ids[position] !== s.paperId) return { ids: [s.paperId], position: 0 };
  return { ids, position };
}

/** Where the page's resources come from; every value lands in an attribute, escaped. */
export interface PageResources {
  /** The webview's `cspSource`, allowed for styles, fonts and images. */
  cspSource: string;
  /** A fresh random nonce; only the script carrying it may run. */
  nonce: string;
  styleUri: string;
  scriptUri: string;
}

/** Actions the page's toolbar offers; the panel accepts no other. */
export const PAGE_ACTIONS = ['insertCitation', 'copyBibtex', 'copyReference', 'copyKey', 'searchWeb', 'openLink', 'back', 'forward'] as const;
export type PageAction = (typeof PAGE_ACTIONS)[number];

/** What the page may say: open another paper, or run one of the toolbar's actions on the shown one. */
export type PageMessage = { type: 'open'; paperId: string } | { type: 'action'; action: PageAction; paperId: string };

/**
 * Checks a message from the page before anything acts on it: a known type, a known action, and a
 * paper id the corpus has. Returns undefined for anything else.
 */
export function readPageMessage(message: unknown, knownPaper: (id: string) => boolean): PageMessage | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const m = message as Record<string, unknown>;
  if (typeof m.paperId !== 'string' || !knownPaper(m.paperId)) return undefined;
  if (m.type === 'open') return { type: 'open', paperId: m.paperId };
  if (m.type === 'action' && typeof m.action === 'string' && (PAGE_ACTIONS as readonly string[]).includes(m.action)) {
    return { type: 'action', action: m.action as PageAction, paperId: m.paperId };
  }
  return undefined;
}

/**
 * Where a paper can be read online: its DOI, its arXiv page, or its own URL when that is plain
 * `https:`. Built from the paper on the extension's side, never from what the page sends, so the
 * page cannot make the extension open any other address. Undefined when the paper names none.
 */
export function paperLink(paper: Paper): { url: string; label: string } | undefined {
  if (paper.doi && /^10\.\d{4,9}\/\S+$/.test(paper.doi)) return { url: `https://doi.org/${encodeURI(paper.doi)}`, label: 'Open DOI' };
  if (paper.arxivId && /^[\w./-]+$/.test(paper.arxivId)) return { url: `https://arxiv.org/abs/${paper.arxivId}`, label: 'Open on arXiv' };
  if (paper.url && /^https:\/\/[^\s"'<>\\]+$/i.test(paper.url)) return { url: paper.url, label: 'Open Link' };
  return undefined;
}

/**
 * The topic line of a paper's page: the labels from the top of the topic tree down to the leaf that
 * holds the paper ("Neuroscience › Spiking networks"), or undefined when no topic holds it.
 */
export function topicLine(topics: readonly TopicNode[], paperId: string): string | undefined {
  for (const node of topics) {
    if (!node.paperIds.includes(paperId)) continue;
    const below = topicLine(node.children, paperId);
    return below ? `${node.label} › ${below}` : node.label;
  }
  return undefined;
}

function formatDate(iso: string | null, year: number | null): string {
  if (!iso) return year ? String(year) : '';
  const [y, m, d] = iso.split('-').map(Number);
  const month = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][m - 1];
  return `${month} ${d}, ${y}`;
}

/** "Kang, Canatar et al. · 2025" under a related paper; unknown authors are left out rather than named. */
function relatedMeta(paper: Paper): string {
  const knownAuthors = paper.authors.length > 0 || paper.organization || paper.authorCount;
  return [knownAuthors ? authorSummary(paper, 2) : '', paper.year ? String(paper.year) : ''].filter(Boolean).join(' · ');
}

function button(action: PageAction, label: string, icon: string, extra = ''): string {
  const glyph = icon ? `<span class="icon" aria-hidden="true">${icon}</span>` : '';
  return `<button type="button" data-action="${action}"${extra ? ` ${extra}` : ''}>${glyph}${escapeHtml(label)}</button>`;
}

/**
 * The abstract page of a paper as a complete HTML document: a pure function of its inputs. Every
 * value from the paper is escaped (TeX is rendered by texToHtml, which escapes every character it
 * keeps); the CSP allows styles and fonts from the webview's source and only the script with the nonce.
 */
export function renderAbstractPage(model: AbstractPageModel, res: PageResources): string {
  const { paper } = model;
  const csp = [
    "default-src 'none'",
    `style-src ${res.cspSource}`,
    `font-src ${res.cspSource}`,
    `img-src ${res.cspSource}`,
    `script-src 'nonce-${res.nonce}'`,
    // default-src does not cover these: no <base> may redirect the page's URLs, no form may post anywhere.
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const who = authorSummary(paper, 24);
  const date = formatDate(paper.date, paper.year);
  const sources = paper.sources.map((s) => `${sourceLabel(s)} (${s.file}, line ${s.line})`);
  const link = paperLink(paper);
  const facts: Array<[string, string]> = [];
  if (date) facts.push(['Date', escapeHtml(date)]);
  facts.push(['Listed in', sources.map(escapeHtml).join('<br>')]);
  facts.push(['Citation key', `<code>${escapeHtml(paper.key)}</code>`]);
  if (paper.venue) facts.push(['Published in', texToHtml(paper.venue)]);
  if (paper.doi) facts.push(['DOI', `<code>${escapeHtml(paper.doi)}</code>`]);
  if (model.topic) facts.push(['Topic', escapeHtml(model.topic)]);
  if (paper.upvotes !== null) facts.push(['Upvotes', escapeHtml(String(paper.upvotes))]);
  const related = model.related.length
    ? `<ol class="related">${model.related
        .map(
          ({ paper: r }) =>
            `<li><button type="button" class="link" data-paper-id="${escapeHtml(r.id)}">${texToHtml(r.title)}</button>` +
            `<span class="related-meta">${escapeHtml(relatedMeta(r))}</span></li>`,
        )
        .join('')}</ol>`
    : '<p class="muted">No similar papers in the corpus.</p>';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(res.styleUri)}">
<title>${escapeHtml(paper.title)}</title>
</head>
<body data-paper-id="${escapeHtml(paper.id)}"${model.focusTitle ? ' data-focus="title"' : ''}${
    model.history ? ` data-history="${escapeHtml(JSON.stringify(model.history.ids))}" data-position="${model.history.position}"` : ''
  }>
<nav class="history" aria-label="Paper history">
${button('back', 'Back', '←', model.canGoBack ? 'title="Back (Alt+Left)"' : 'disabled')}
${button('forward', 'Forward', '→', model.canGoForward ? 'title="Forward (Alt+Right)"' : 'disabled')}
</nav>
<main>
<article aria-labelledby="title">
<header>
<h1 id="title" tabindex="-1">${texToHtml(paper.title)}</h1>
<p class="authors">${escapeHtml(who)}</p>
</header>
<dl class="facts">
${facts.map(([k, v]) => `<div><dt>${escapeHtml(k)}</dt><dd>${v}</dd></div>`).join('\n')}
</dl>
<div class="actions" role="toolbar" aria-label="Paper actions">
${button('insertCitation', 'Insert Citation', '❝')}
${button('copyBibtex', 'Copy BibTeX', '')}
${button('copyReference', 'Copy Reference', '')}
${button('copyKey', 'Copy Key', '')}
${link ? button('openLink', link.label, '↗', `title="${escapeHtml(`Opens ${link.url} in your browser`)}"`) : ''}
${button('searchWeb', 'Search the Web', '↗', 'title="Opens your browser with a search for this title"')}
</div>
<section aria-labelledby="abstract-heading">
<h2 id="abstract-heading">Abstract</h2>
<p class="abstract">${texToHtml(paper.abstract)}</p>
</section>
</article>
<aside aria-labelledby="related-heading">
<h2 id="related-heading">Related papers</h2>
${related}
</aside>
</main>
<script nonce="${escapeHtml(res.nonce)}" src="${escapeHtml(res.scriptUri)}"></script>
</body>
</html>`;
}

import type { Paper } from './paper';
import { authorSummary, sourceLabel } from './paperText';

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface PageResources {
  /** The webview's `cspSource`, allowed for styles and fonts. */
  cspSource: string;
  /** URI of the page's stylesheet under `media/`. */
  styleUri: string;
}

/**
 * The abstract page of a paper as a complete HTML document. Every value from the paper is escaped;
 * the page has no script, and its CSP allows nothing but styles from the webview's own source.
 */
export function renderAbstractPage(paper: Paper, res: PageResources): string {
  const meta = [authorSummary(paper, 12), paper.date ?? (paper.year ? String(paper.year) : '')].filter(Boolean);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${escapeHtml(res.cspSource)}; font-src ${escapeHtml(res.cspSource)};">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(res.styleUri)}">
<title>${escapeHtml(paper.title)}</title>
</head>
<body>
<main>
<article>
<h1 id="title">${escapeHtml(paper.title)}</h1>
<p class="meta">${meta.map(escapeHtml).join(' · ')}</p>
<p class="sources">${escapeHtml(paper.sources.map(sourceLabel).join(', '))} · <code>${escapeHtml(paper.key)}</code></p>
<section aria-labelledby="abstract-heading">
<h2 id="abstract-heading">Abstract</h2>
<p class="abstract">${escapeHtml(paper.abstract)}</p>
</section>
</article>
</main>
</body>
</html>`;
}

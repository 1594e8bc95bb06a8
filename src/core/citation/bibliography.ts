/**
 * Keeping a document's bibliography file in step with its citations, as pure functions over text:
 * which file the document names, which entries a `.bib` text already has, and the text to append
 * so that every cited paper has an entry, without touching what is there.
 */
import { normalizeTitle, type Paper } from '../paper';
import { formatBibtexEntry, type BibEntryOptions } from './bibtex';
import type { CitationSyntax } from './languages';

/** An entry found in a `.bib` text. */
export interface BibEntrySpan {
  type: string;
  key: string;
  /** Normalised title (see normalizeTitle), '' when the entry has none. */
  title: string;
  /** The title as written, without braces and with spaces collapsed, for display. */
  displayTitle: string;
  /** Offsets of the whole entry, from `@` to its closing brace. */
  start: number;
  end: number;
}

/** Length of a balanced `{…}` or `(…)` body starting at `start`, counting braces the way BibTeX does. */
function bodyLength(text: string, start: number): number {
  const open = text[start];
  const close = open === '(' ? ')' : '}';
  let depth = 0;
  let quoted = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === '"' && depth === 1 && open === '{' && text[i - 1] !== '\\') quoted = !quoted;
    if (open === '(' && c === ')' && depth === 0 && !quoted) return i - start + 1;
    if (open === '{' && c === close && depth === 0) return i - start + 1;
    if (depth < 0) return 0;
  }
  return 0;
}

/** The value of a field in an entry body (braced or quoted), undefined when absent. */
function fieldValue(body: string, field: string): string | undefined {
  const m = new RegExp(`[,\\s]${field}\\s*=\\s*`, 'i').exec(body);
  if (!m) return undefined;
  const start = m.index + m[0].length;
  if (body[start] === '{') {
    const length = bodyLength(body, start);
    return length > 0 ? body.slice(start + 1, start + length - 1) : undefined;
  }
  if (body[start] === '"') {
    const close = body.indexOf('"', start + 1);
    return close > start ? body.slice(start + 1, close) : undefined;
  }
  return /^[^,}\s]+/.exec(body.slice(start))?.[0];
}

/** Title text for comparison: TeX braces and accent commands dropped, then normalised. */
function comparableTitle(texTitle: string): string {
  return normalizeTitle(texTitle.replace(/\\[a-zA-Z]+\s*/g, ' ').replace(/[{}]/g, ''));
}

/**
 * The entries of a `.bib` text, in order. Tolerant: `@comment`, `@string`, `@preamble` and text
 * between entries are skipped, and an entry that never closes ends the scan.
 */
export function scanBibEntries(bibText: string): BibEntrySpan[] {
  const entries: BibEntrySpan[] = [];
  const head = /@\s*([a-zA-Z]+)\s*([{(])/g;
  let m: RegExpExecArray | null;
  while ((m = head.exec(bibText))) {
    const type = m[1].toLowerCase();
    const bodyStart = m.index + m[0].length - 1;
    const length = bodyLength(bibText, bodyStart);
    if (length === 0) break;
    head.lastIndex = bodyStart + length;
    if (type === 'comment' || type === 'string' || type === 'preamble') continue;
    const body = bibText.slice(bodyStart + 1, bodyStart + length - 1);
    const key = /^\s*([^,\s]+)\s*,/.exec(body)?.[1];
    if (!key) continue;
    const title = fieldValue(body, 'title');
    const displayTitle = (title ?? '').replace(/[{}]/g, '').replace(/\s+/g, ' ').trim();
    entries.push({ type, key, title: title ? comparableTitle(title) : '', displayTitle, start: m.index, end: bodyStart + length });
  }
  return entries;
}

/** Where an entry for a paper already is in a bibliography: matched by key, or failing that by title. */
export function findExistingEntry(entries: readonly BibEntrySpan[], paper: Pick<Paper, 'key' | 'title'>): BibEntrySpan | undefined {
  const byKey = entries.find((e) => e.key === paper.key);
  if (byKey) return byKey;
  const title = normalizeTitle(paper.title);
  return title ? entries.find((e) => e.title === title) : undefined;
}

/** What syncing a bibliography would do. */
export interface BibliographyPlan {
  /** Text to insert at the end of the file ('' when nothing is missing). Starts on a new line, after a blank line. */
  append: string;
  /** Keys of the papers that get a new entry. */
  added: string[];
  /**
   * The key to cite for each paper (by the paper's key): its own, or the key of an entry that
   * already holds the same title under another key.
   */
  keys: Map<string, string>;
}

/**
 * Plans the text to append to a bibliography so that each paper has an entry. An entry already
 * present (same key, or same normalised title) is never added again, nor is one paper added twice;
 * existing text is never changed: the plan only appends.
 */
export function planBibliographyAppend(bibText: string, papers: readonly Paper[], options: BibEntryOptions = {}): BibliographyPlan {
  const entries = scanBibEntries(bibText);
  const keys = new Map<string, string>();
  const added: string[] = [];
  const newEntries: string[] = [];
  for (const paper of papers) {
    if (keys.has(paper.key)) continue;
    const existing = findExistingEntry(entries, paper);
    if (existing) {
      keys.set(paper.key, existing.key);
      continue;
    }
    keys.set(paper.key, paper.key);
    added.push(paper.key);
    newEntries.push(formatBibtexEntry(paper, options));
  }
  if (newEntries.length === 0) return { append: '', added, keys };
  const separator = bibText.length === 0 ? '' : bibText.endsWith('\n\n') ? '' : bibText.endsWith('\n') ? '\n' : '\n\n';
  return { append: separator + newEntries.join('\n'), added, keys };
}

/**
 * The bibliography files a document names (LaTeX `\bibliography{}`/`\addbibresource{}`, Pandoc/Quarto
 * YAML `bibliography:`, Typst `#bibliography()`, Org `#+bibliography:`), `.bib` files first. Other
 * formats (a Typst `.yml`) come after, since only `.bib` files can be synced.
 */
export function declaredBibliographies(syntax: CitationSyntax | undefined, documentText: string): string[] {
  if (!syntax) return [];
  const files = syntax.bibliographyFiles(documentText);
  return [...files.filter((f) => /\.bib$/i.test(f)), ...files.filter((f) => !/\.bib$/i.test(f))];
}

/** The raw text of the entries with these keys, in the bibliography's order, for an export. */
export function entriesText(bibText: string, keys: ReadonlySet<string>): Map<string, string> {
  const found = new Map<string, string>();
  for (const entry of scanBibEntries(bibText)) {
    if (keys.has(entry.key) && !found.has(entry.key)) found.set(entry.key, `${bibText.slice(entry.start, entry.end)}\n`);
  }
  return found;
}

/**
 * The language table: for each document language, how a citation is written, how a key joins a
 * citation the cursor is in, where keys are being typed, which keys a document cites and which
 * bibliography files it declares. Adding a language is one entry in {@link LANGUAGE_SYNTAX} (and
 * a {@link CitationSyntax} if its syntax is new).
 */

/** LaTeX citation commands offered by the `paperAtlas.latexCiteCommand` setting. */
export const LATEX_CITE_COMMANDS = ['cite', 'citep', 'citet', 'parencite', 'textcite', 'autocite'] as const;
export type LatexCiteCommand = (typeof LATEX_CITE_COMMANDS)[number];

/** Typst: `@key` references, or `#cite(<key>)` calls. */
export type TypstCiteStyle = 'at' | 'function';

export interface CiteOptions {
  latexCommand?: LatexCiteCommand;
  typstStyle?: TypstCiteStyle;
}

/** A text edit as offsets into the document text. */
export interface TextInsertion {
  offset: number;
  text: string;
}

/** A key where a document cites it. `bracketed` is false for Pandoc's bare `@key`, which may be an @-mention. */
export interface CitedKey {
  key: string;
  start: number;
  end: number;
  bracketed: boolean;
}

/** The key being typed at the cursor: completion replaces `[start, offset)` with a key. */
export interface KeyPrefix {
  start: number;
  prefix: string;
}

/** How one family of languages writes and reads citations. Offsets are UTF-16 offsets into the text. */
export interface CitationSyntax {
  id: 'latex' | 'pandoc' | 'typst' | 'org' | 'rst';
  /** A new in-text citation of the keys (`\cite{a,b}`, `[@a; @b]`). */
  cite(keys: readonly string[], options?: CiteOptions): string;
  /**
   * With the cursor at `offset` inside an existing citation, the insertion that adds the keys to it
   * (keys it already has are left out; the text is empty when all are there); undefined when the
   * cursor is not in a citation.
   */
  joinAt(text: string, offset: number, keys: readonly string[], options?: CiteOptions): TextInsertion | undefined;
  /** The key being typed at `offset`, when the cursor is where a citation key goes. */
  keyPrefixAt(text: string, offset: number): KeyPrefix | undefined;
  /** Every key the text cites, in order of appearance. */
  citedKeys(text: string): CitedKey[];
  /** Bibliography files the document names, as written (relative paths; `.bib` added where the syntax implies it). */
  bibliographyFiles(text: string): string[];
}

/** What inserting a citation puts into a document of a language. */
export type InsertionKind = 'cite' | 'bibtex' | 'reference';

const LOOKBEHIND = 2000;

/** Text before the offset, at most LOOKBEHIND characters, and the index where it starts. */
function textBefore(text: string, offset: number): { before: string; base: number } {
  const base = Math.max(0, offset - LOOKBEHIND);
  return { before: text.slice(base, offset), base };
}

/**
 * Where to insert when the cursor sits inside a key: just past that key, so the key is not split.
 * With `trimPunctuation`, a key ends before trailing `. : - /` (Pandoc and Typst keys cannot end in them).
 */
function endOfKey(text: string, offset: number, keyChar: RegExp, trimPunctuation = false): number {
  if (offset === 0 || !keyChar.test(text[offset - 1])) return offset;
  let end = offset;
  while (end < text.length && keyChar.test(text[end])) end++;
  if (trimPunctuation) while (end > offset && /[.:\-/#$%&+?<>~]/.test(text[end - 1])) end--;
  return end;
}

/** First non-blank character at or after `offset`. */
function nextNonBlank(text: string, offset: number): string {
  return /\S/.exec(text.slice(offset, offset + 200))?.[0] ?? '';
}

/** The keys not yet in `present`, without repeats. */
function newKeys(keys: readonly string[], present: Iterable<string>): string[] {
  const seen = new Set(present);
  return keys.filter((k) => !seen.has(k) && (seen.add(k), true));
}

/** Is `offset` inside a `%` comment of a LaTeX line? */
function inLatexComment(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /(^|[^\\])%/.test(text.slice(lineStart, offset));
}

// ---------------------------------------------------------------------------------------------
// LaTeX (natbib, biblatex): \cite{a,b}, \citep[p.~3]{a}, \cites{a}{b}

const LATEX_CITE = String.raw`\\(?:[a-zA-Z]*cite[a-zA-Z]*|nocite)\*?(?:\s*\[[^\]\n]*\])*`;
const LATEX_OPEN_BEFORE = new RegExp(`${LATEX_CITE}(?:\\s*\\{[^{}]*\\})*\\s*\\{([^{}]*)$`);
const LATEX_KEY_CHAR = /[^\s,{}%\\]/;

export const latexSyntax: CitationSyntax = {
  id: 'latex',
  cite: (keys, options) => `\\${options?.latexCommand ?? 'cite'}{${keys.join(',')}}`,
  joinAt(text, offset, keys) {
    const { before } = textBefore(text, offset);
    const open = LATEX_OPEN_BEFORE.exec(before);
    if (!open || inLatexComment(text, offset)) return undefined;
    const at = endOfKey(text, offset, LATEX_KEY_CHAR);
    const close = text.indexOf('}', at);
    if (close < 0 || text.slice(at, close).includes('{')) return undefined;
    const inside = open[1] + text.slice(offset, close);
    const adding = newKeys(keys, inside.split(',').map((k) => k.trim()));
    if (adding.length === 0) return { offset: at, text: '' };
    const content = open[1] + text.slice(offset, at);
    const hasBefore = content.trim() !== '' && !content.trim().endsWith(',');
    const next = nextNonBlank(text, at);
    const hasAfter = next !== '}' && next !== ',';
    return { offset: at, text: `${hasBefore ? ',' : ''}${adding.join(',')}${hasAfter ? ',' : ''}` };
  },
  keyPrefixAt(text, offset) {
    const { before } = textBefore(text, offset);
    const open = LATEX_OPEN_BEFORE.exec(before);
    if (!open || inLatexComment(text, offset)) return undefined;
    const prefix = /[^,\s]*$/.exec(open[1])![0];
    return { start: offset - prefix.length, prefix };
  },
  citedKeys(text) {
    const found: CitedKey[] = [];
    const pattern = new RegExp(`${LATEX_CITE}((?:\\s*\\{[^{}]*\\})+)`, 'g');
    for (const m of text.matchAll(pattern)) {
      if (inLatexComment(text, m.index)) continue;
      const groupsStart = m.index + m[0].length - m[1].length;
      for (const g of m[1].matchAll(/\{([^{}]*)\}/g)) {
        let pos = groupsStart + g.index + 1;
        for (const part of g[1].split(',')) {
          const key = part.trim();
          if (key) {
            const start = pos + part.indexOf(key);
            found.push({ key, start, end: start + key.length, bracketed: true });
          }
          pos += part.length + 1;
        }
      }
    }
    return found;
  },
  bibliographyFiles(text) {
    const files: string[] = [];
    for (const m of text.matchAll(/\\(bibliography|addbibresource|addglobalbib|addsectionbib)\s*(?:\[[^\]]*\])?\s*\{([^{}]+)\}/g)) {
      if (inLatexComment(text, m.index)) continue;
      for (const name of m[2].split(',').map((n) => n.trim()).filter(Boolean)) {
        // \bibliography{refs} names refs.bib; biblatex commands give the file name whole.
        files.push(m[1] === 'bibliography' && !/\.bib$/i.test(name) ? `${name}.bib` : name);
      }
    }
    return files;
  },
};

// ---------------------------------------------------------------------------------------------
// Pandoc Markdown (and Quarto, R Markdown): [@a; @b, p. 3], bare @a

const PANDOC_KEY = String.raw`[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&+?<>~/-](?=[\p{L}\p{N}_]))*`;
const PANDOC_KEY_CHAR = /[\p{L}\p{N}_:.#$%&+?<>~/-]/u;

/** YAML front matter (`---` … `---` or `...`) at the very start of a document: its body and where it ends. */
function frontMatter(text: string): { yaml: string; end: number } {
  const m = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  return m ? { yaml: m[1], end: m[0].length } : { yaml: '', end: 0 };
}

/** The `[` that opens a bracketed citation around `offset`, if the cursor is inside one. */
function pandocBracketAt(text: string, offset: number): { open: number; close: number } | undefined {
  const { before, base } = textBefore(text, offset);
  const open = before.lastIndexOf('[');
  if (open < 0 || before.indexOf(']', open) >= 0 || /\n\s*\n/.test(before.slice(open))) return undefined;
  const afterText = text.slice(offset, offset + LOOKBEHIND);
  const close = afterText.search(/[[\]]/);
  if (close < 0 || afterText[close] !== ']' || /\n\s*\n/.test(afterText.slice(0, close))) return undefined;
  const inside = text.slice(base + open + 1, offset + close);
  if (!new RegExp(`(^|[\\s;])-?@${PANDOC_KEY}`, 'u').test(inside) && !/(^|[\s;])-?@$/.test(text.slice(base + open + 1, offset))) {
    return undefined;
  }
  return { open: base + open, close: offset + close };
}

export const pandocSyntax: CitationSyntax = {
  id: 'pandoc',
  cite: (keys) => `[${keys.map((k) => `@${k}`).join('; ')}]`,
  joinAt(text, offset, keys) {
    const bracket = pandocBracketAt(text, offset);
    if (!bracket) return undefined;
    const at = endOfKey(text, offset, PANDOC_KEY_CHAR, true);
    const inside = text.slice(bracket.open + 1, bracket.close);
    const present = [...inside.matchAll(new RegExp(`@(${PANDOC_KEY})`, 'gu'))].map((m) => m[1]);
    const adding = newKeys(keys, present);
    if (adding.length === 0) return { offset: at, text: '' };
    const content = text.slice(bracket.open + 1, at);
    if (/(^|[\s;])-?@$/.test(content)) {
      // The writer typed "[@" and asked for a paper: the first key goes right after the "@".
      const [first, ...rest] = adding;
      return { offset: at, text: first + rest.map((k) => `; @${k}`).join('') };
    }
    const hasBefore = content.trim() !== '' && !content.trim().endsWith(';');
    const next = nextNonBlank(text, at);
    const hasAfter = next !== ']' && next !== ';';
    return { offset: at, text: `${hasBefore ? '; ' : ''}${adding.map((k) => `@${k}`).join('; ')}${hasAfter ? '; ' : ''}` };
  },
  keyPrefixAt(text, offset) {
    const { before } = textBefore(text, offset);
    const m = /(?:^|[^\p{L}\p{N}_@])@([\p{L}\p{N}_:.#$%&+?<>~/-]*)$/u.exec(before);
    if (!m) return undefined;
    return { start: offset - m[1].length, prefix: m[1] };
  },
  citedKeys(text) {
    const found: CitedKey[] = [];
    const skipUntil = frontMatter(text).end;
    const fences = [...text.matchAll(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[ \t]*$/gm)].map((m) => [m.index, m.index + m[0].length]);
    for (const m of text.matchAll(new RegExp(`(^|[^\\p{L}\\p{N}_@\`])-?@(${PANDOC_KEY})`, 'gmu'))) {
      const start = m.index + m[0].length - m[2].length;
      if (start < skipUntil || fences.some(([a, b]) => start >= a && start < b)) continue;
      found.push({ key: m[2], start, end: start + m[2].length, bracketed: pandocBracketAt(text, start) !== undefined });
    }
    return found;
  },
  bibliographyFiles(text) {
    const { yaml } = frontMatter(text);
    const m = /^bibliography:[ \t]*(.*)$/m.exec(yaml);
    if (!m) return [];
    const unquote = (s: string) => s.trim().replace(/^(['"])(.*)\1$/, '$2');
    const inline = m[1].trim();
    if (inline.startsWith('[')) return inline.slice(1, inline.lastIndexOf(']')).split(',').map(unquote).filter(Boolean);
    if (inline) return [unquote(inline)];
    const list = yaml.slice(m.index + m[0].length).split(/\r?\n/);
    const files: string[] = [];
    for (const line of list.slice(1)) {
      const item = /^\s+-\s+(.+)$/.exec(line);
      if (!item) break;
      files.push(unquote(item[1]));
    }
    return files;
  },
};

// ---------------------------------------------------------------------------------------------
// Typst: @a, #cite(<a>), #bibliography("refs.bib")

const TYPST_KEY = String.raw`[\p{L}\p{N}_](?:[\p{L}\p{N}_:.-]*[\p{L}\p{N}_])?`;
const TYPST_KEY_CHAR = /[\p{L}\p{N}_:.-]/u;

/** Labels the Typst document defines itself (`<fig:map>`): `@fig:map` refers to them, not to a paper. */
function typstLabels(text: string): Set<string> {
  return new Set([...text.matchAll(new RegExp(`(?<![#(])<(${TYPST_KEY})>`, 'gu'))].map((m) => m[1]));
}

export const typstSyntax: CitationSyntax = {
  id: 'typst',
  cite: (keys, options) => (options?.typstStyle === 'function' ? keys.map((k) => `#cite(<${k}>)`).join(' ') : keys.map((k) => `@${k}`).join(' ')),
  joinAt(text, offset, keys, options) {
    const { before } = textBefore(text, offset);
    const call = /#cite\(\s*<([^<>\s]*)$/.exec(before);
    if (call) {
      const close = text.indexOf(')', offset);
      if (close < 0) return undefined;
      const adding = newKeys(keys, [call[1] + text.slice(offset, text.indexOf('>', offset))]);
      return { offset: close + 1, text: adding.length ? ` ${typstSyntax.cite(adding, options)}` : '' };
    }
    const ref = /(?:^|[^\p{L}\p{N}_])@([\p{L}\p{N}_:.-]*)$/u.exec(before);
    if (!ref) return undefined;
    const at = endOfKey(text, offset, TYPST_KEY_CHAR, true);
    const current = ref[1] + text.slice(offset, at);
    if (current === '') {
      const [first, ...rest] = newKeys(keys, []);
      return { offset: at, text: [first, ...rest.map((k) => `@${k}`)].join(' ') };
    }
    const adding = newKeys(keys, [current]);
    return { offset: at, text: adding.length ? ` ${typstSyntax.cite(adding, options)}` : '' };
  },
  keyPrefixAt(text, offset) {
    const { before } = textBefore(text, offset);
    const m = /(?:(?:^|[^\p{L}\p{N}_])@|#cite\(\s*<)([\p{L}\p{N}_:.-]*)$/u.exec(before);
    if (!m) return undefined;
    return { start: offset - m[1].length, prefix: m[1] };
  },
  citedKeys(text) {
    const labels = typstLabels(text);
    const found: CitedKey[] = [];
    const pattern = new RegExp(`(?:(^|[^\\p{L}\\p{N}_/])@|#cite\\(\\s*<)(${TYPST_KEY})`, 'gmu');
    for (const m of text.matchAll(pattern)) {
      const start = m.index + m[0].length - m[2].length;
      const lineStart = text.lastIndexOf('\n', start) + 1;
      if (labels.has(m[2]) || text.slice(lineStart, start).includes('//')) continue;
      found.push({ key: m[2], start, end: start + m[2].length, bracketed: true });
    }
    return found;
  },
  bibliographyFiles(text) {
    const m = /#bibliography\(\s*(\([^)]*\)|"[^"]*")/.exec(text);
    if (!m) return [];
    return [...m[1].matchAll(/"([^"]+)"/g)].map((f) => f[1]);
  },
};

// ---------------------------------------------------------------------------------------------
// Org mode (org-cite): [cite:@a;@b], #+bibliography: refs.bib

const ORG_OPEN_BEFORE = /\[cite(?:\/[\w/-]*)?:([^[\]]*)$/;

export const orgSyntax: CitationSyntax = {
  id: 'org',
  cite: (keys) => `[cite:${keys.map((k) => `@${k}`).join(';')}]`,
  joinAt(text, offset, keys) {
    const { before } = textBefore(text, offset);
    const open = ORG_OPEN_BEFORE.exec(before);
    const close = text.indexOf(']', offset);
    if (!open || close < 0 || text.slice(offset, close).includes('[')) return undefined;
    const at = endOfKey(text, offset, PANDOC_KEY_CHAR, true);
    const present = [...(open[1] + text.slice(offset, close)).matchAll(/@([^\s;\]]+)/g)].map((m) => m[1]);
    const adding = newKeys(keys, present);
    if (adding.length === 0) return { offset: at, text: '' };
    const content = (open[1] + text.slice(offset, at)).trim();
    if (content.endsWith('@')) return { offset: at, text: [adding[0], ...adding.slice(1).map((k) => `@${k}`)].join(';') };
    const hasBefore = content !== '' && !content.endsWith(';');
    const next = nextNonBlank(text, at);
    return { offset: at, text: `${hasBefore ? ';' : ''}${adding.map((k) => `@${k}`).join(';')}${next !== ']' && next !== ';' ? ';' : ''}` };
  },
  keyPrefixAt(text, offset) {
    const { before } = textBefore(text, offset);
    const open = ORG_OPEN_BEFORE.exec(before);
    const m = open && /@([^\s;@]*)$/.exec(open[1]);
    return m ? { start: offset - m[1].length, prefix: m[1] } : undefined;
  },
  citedKeys(text) {
    const found: CitedKey[] = [];
    for (const m of text.matchAll(/\[cite(?:\/[\w/-]*)?:([^[\]]*)\]/g)) {
      const innerStart = m.index + m[0].length - 1 - m[1].length;
      for (const k of m[1].matchAll(/@([^\s;\]]+)/g)) {
        const start = innerStart + k.index + 1;
        found.push({ key: k[1], start, end: start + k[1].length, bracketed: true });
      }
    }
    return found;
  },
  bibliographyFiles: (text) => [...text.matchAll(/^#\+bibliography:[ \t]*(\S.*?)[ \t]*$/gim)].map((m) => m[1]),
};

// ---------------------------------------------------------------------------------------------
// reStructuredText (sphinxcontrib-bibtex): :cite:`a,b`, :cite:p:`a`

const RST_OPEN_BEFORE = /:cite(?::[a-z]+)?:`([^`]*)$/;

export const rstSyntax: CitationSyntax = {
  id: 'rst',
  cite: (keys) => `:cite:\`${keys.join(',')}\``,
  joinAt(text, offset, keys) {
    const { before } = textBefore(text, offset);
    const open = RST_OPEN_BEFORE.exec(before);
    const close = text.indexOf('`', offset);
    if (!open || close < 0) return undefined;
    const at = endOfKey(text, offset, /[^\s,`]/);
    const adding = newKeys(keys, (open[1] + text.slice(offset, close)).split(',').map((k) => k.trim()));
    if (adding.length === 0) return { offset: at, text: '' };
    const content = (open[1] + text.slice(offset, at)).trim();
    const hasBefore = content !== '' && !content.endsWith(',');
    const next = nextNonBlank(text, at);
    return { offset: at, text: `${hasBefore ? ',' : ''}${adding.join(',')}${next !== '`' && next !== ',' ? ',' : ''}` };
  },
  keyPrefixAt(text, offset) {
    const open = RST_OPEN_BEFORE.exec(textBefore(text, offset).before);
    if (!open) return undefined;
    const prefix = /[^,\s]*$/.exec(open[1])![0];
    return { start: offset - prefix.length, prefix };
  },
  citedKeys(text) {
    const found: CitedKey[] = [];
    for (const m of text.matchAll(/:cite(?::[a-z]+)?:`([^`]*)`/g)) {
      let pos = m.index + m[0].length - 1 - m[1].length;
      for (const part of m[1].split(',')) {
        const key = part.trim();
        if (key) found.push({ key, start: pos + part.indexOf(key), end: pos + part.indexOf(key) + key.length, bracketed: true });
        pos += part.length + 1;
      }
    }
    return found;
  },
  bibliographyFiles: () => [],
};

/**
 * Document language id (VS Code's, e.g. from the file extension) → citation syntax. Languages not
 * listed get a formatted reference; `bibtex` files get the BibTeX entry itself.
 */
export const LANGUAGE_SYNTAX: Readonly<Record<string, CitationSyntax>> = {
  latex: latexSyntax,
  tex: latexSyntax,
  'latex-expl3': latexSyntax,
  doctex: latexSyntax,
  rsweave: latexSyntax,
  markdown: pandocSyntax,
  pandoc: pandocSyntax,
  quarto: pandocSyntax,
  rmd: pandocSyntax,
  rmarkdown: pandocSyntax,
  typst: typstSyntax,
  org: orgSyntax,
  restructuredtext: rstSyntax,
};

/** Languages whose documents are bibliographies: inserting a paper there inserts its entry. */
const BIBLIOGRAPHY_LANGUAGES = new Set(['bibtex', 'biblatex', 'bib']);

/** The citation syntax of a language, or undefined when it has none (plain text, code, …). */
export function citationSyntaxFor(languageId: string): CitationSyntax | undefined {
  return Object.hasOwn(LANGUAGE_SYNTAX, languageId) ? LANGUAGE_SYNTAX[languageId] : undefined;
}

/** What inserting a paper into a document of this language writes: a citation, a BibTeX entry, or a formatted reference. */
export function insertionKind(languageId: string): InsertionKind {
  if (citationSyntaxFor(languageId)) return 'cite';
  return BIBLIOGRAPHY_LANGUAGES.has(languageId) ? 'bibtex' : 'reference';
}

/**
 * What separates a new in-text citation from the character `before` it: right after a word
 * ("… memory models|") a space, in LaTeX an unbreakable one; after closing punctuation ("… a claim.|")
 * an ordinary space, so it does not stick to the sentence; else nothing.
 */
export function citationSpaceAfter(syntax: CitationSyntax, before: string): string {
  if (/[\p{L}\p{N}]/u.test(before)) return syntax.id === 'latex' ? '~' : ' ';
  return /[.,;:!?)\]]/.test(before) ? ' ' : '';
}

/**
 * The insertion at `offset` that cites the keys: joined into the citation the cursor is in when
 * there is one, otherwise a new citation at the cursor.
 */
export function citationInsertion(syntax: CitationSyntax, text: string, offset: number, keys: readonly string[], options: CiteOptions = {}): TextInsertion {
  const joined = syntax.joinAt(text, offset, keys, options);
  if (joined) return joined;
  return { offset, text: citationSpaceAfter(syntax, offset > 0 ? text[offset - 1] : '') + syntax.cite(keys, options) };
}

/**
 * Selected document text as a search query: citations already in it and TeX/Markdown markup are
 * dropped (`memories \cite{a} and \emph{b}` → `memories and b`), whitespace collapsed, at most 200 characters.
 */
export function selectionAsQuery(text: string): string {
  return text
    .replace(new RegExp(`${LATEX_CITE}(?:\\s*\\{[^{}]*\\})+`, 'g'), ' ')
    .replace(/\[[^[\]]*@[^[\]]*\]/g, ' ')
    .replace(/:cite(?::[a-z]+)?:`[^`]*`/g, ' ')
    .replace(/(^|[^\p{L}\p{N}_])-?@[\p{L}\p{N}_][\p{L}\p{N}_:.-]*/gu, '$1 ')
    .replace(/\\[a-zA-Z]+\*?/g, ' ')
    .replace(/[{}$%~^_*#`]/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/ ([,.;:!?])/g, '$1')
    .trim()
    .slice(0, 200);
}

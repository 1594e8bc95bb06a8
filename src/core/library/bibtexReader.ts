/**
 * A fast, forgiving BibTeX reader: splits a `.bib` file into entries with their lines, expands
 * `@string` macros, `#` concatenation and month macros, applies `crossref`, and reports a broken
 * entry (unclosed brace, missing key, bad field) at its own line while reading on after it.
 * Field values stay TeX here; {@link decodeTex} makes text of them when they become a paper.
 *
 * Our own code rather than a library: on a 20,000-entry file @retorquere/bibtex-parser needs ~20 s
 * and citation-js ~3.5 s (and citation-js rejects the whole file for one broken entry), while the
 * issue asks for 2 s including the search index. See the library notes in the README.
 */

/** One entry of a `.bib` file: fields are lower-case names to TeX values (macros expanded). */
export interface BibEntry {
  type: string;
  key: string;
  fields: Record<string, string>;
  /** 1-based line of the `@` that opens the entry. */
  line: number;
  /** The entry's text as written: a later read of the same file compares it to see what changed. */
  text: string;
  /** Warnings about the entry (an undefined macro), kept so a re-read that reuses the entry repeats them. */
  warnings?: string[];
}

/** Something wrong in a library file, at a line. `error`: the entry was skipped; `warning`: it was read partly. */
export interface LibraryProblem {
  file: string;
  line: number;
  message: string;
  severity: 'error' | 'warning';
  /** The entry's key, when it has one. */
  key?: string;
}

export interface BibtexReadResult {
  entries: BibEntry[];
  problems: LibraryProblem[];
  /** The file's `@string` definitions as written: entries of a re-read can be reused only if these are unchanged. */
  stringsText: string;
}

const MONTH_MACROS: Record<string, string> = {
  jan: 'January', feb: 'February', mar: 'March', apr: 'April', may: 'May', jun: 'June',
  jul: 'July', aug: 'August', sep: 'September', oct: 'October', nov: 'November', dec: 'December',
};

interface RawBlock {
  type: string;
  body: string;
  line: number;
  text: string;
  /** Why the block is broken, if it is. */
  broken?: string;
}

const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const CLOSE_PAREN = 41;
const QUOTE = 34;
const COMMA = 44;
const EQUALS = 61;
const HASH = 35;

/** Whether a character code is white space as BibTeX sees it (space, tab, line ends, form feed, no-break space). */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 160 || c === 0xfeff;
}

/** Counts newlines in `text` between `from` and `to`. */
function newlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

const ENTRY_START = /[ \t]*@[ \t]*[a-zA-Z]+[ \t]*[{(]/y;

/** Whether a line starting at `at` opens an entry (`@article{`), without copying the line. */
function startsEntry(text: string, at: number): boolean {
  let i = at;
  let c = text.charCodeAt(i);
  while (c === 32 || c === 9) c = text.charCodeAt(++i);
  if (c !== 64 /* @ */) return false;
  ENTRY_START.lastIndex = at;
  return ENTRY_START.test(text);
}

/** Characters that matter while looking for the end of a block. */
const BLOCK_MARKS = /[\\{}\n)]/g;

/**
 * Splits text into `@type{…}` blocks. Text between blocks is a comment (BibTeX's rule). A block
 * whose braces never balance ends where the next line starting with `@word{` begins, and is
 * marked broken so the entries after it are still read.
 */
function splitBlocks(text: string): RawBlock[] {
  const blocks: RawBlock[] = [];
  const opener = /@[ \t]*([a-zA-Z][\w-]*)[ \t\r\n]*([{(])/g;
  let line = 1;
  let lineAt = 0;
  let m: RegExpExecArray | null;
  while ((m = opener.exec(text))) {
    line += newlines(text, lineAt, m.index);
    lineAt = m.index;
    const type = m[1].toLowerCase();
    const parens = m[2] === '(';
    const start = opener.lastIndex;
    const checkNextEntry = type !== 'comment';
    let depth = 1;
    let end = -1;
    let broken: string | undefined;
    // Jump from one meaningful character to the next with the regex engine, which scans plain text
    // several times faster than a loop over char codes (most of a block is plain text).
    BLOCK_MARKS.lastIndex = start;
    for (let mark = BLOCK_MARKS.exec(text); mark; mark = BLOCK_MARKS.exec(text)) {
      const i = mark.index;
      const c = text.charCodeAt(i);
      if (c === BACKSLASH) {
        BLOCK_MARKS.lastIndex = i + 2;
      } else if (c === OPEN_BRACE) {
        depth++;
      } else if (c === CLOSE_BRACE) {
        depth--;
        if (depth === 0 && !parens) {
          end = i;
          break;
        }
        if (depth < 0) {
          end = i;
          broken = 'a closing brace has no opening brace';
          break;
        }
      } else if (c === CLOSE_PAREN) {
        if (parens && depth === 1) {
          end = i;
          break;
        }
      } else if (checkNextEntry && depth > 0 && startsEntry(text, i + 1)) {
        // A new entry starts at the beginning of a line while this one is still open: this one is broken.
        end = i;
        broken = 'the entry is not closed (a brace or quote is missing before the next entry)';
        break;
      }
    }
    if (end < 0) {
      end = text.length;
      broken = 'the entry is not closed (a brace is missing before the end of the file)';
    }
    blocks.push({ type, body: text.slice(start, end), line, text: text.slice(m.index, Math.min(text.length, end + 1)), broken });
    opener.lastIndex = broken ? end : end + 1;
  }
  return blocks;
}

const BRACE_MARKS = /[{}\\]/g;
const QUOTE_MARKS = /[{}\\"]/g;

/** Whether a character code can be part of a field name or macro (anything but space and `= , { } " #`). */
function isNameChar(c: number): boolean {
  return !isSpace(c) && c !== EQUALS && c !== COMMA && c !== OPEN_BRACE && c !== CLOSE_BRACE && c !== QUOTE && c !== HASH;
}

/** Reads `name = value # value …` pairs of a block body; throws a message on bad syntax. */
function readFields(body: string, strings: Map<string, string>, warn: (message: string) => void): Array<[string, string]> {
  const fields: Array<[string, string]> = [];
  const length = body.length;
  let i = 0;
  const skipSpace = () => {
    while (i < length && isSpace(body.charCodeAt(i))) i++;
  };
  while (true) {
    skipSpace();
    while (body.charCodeAt(i) === COMMA) {
      i++;
      skipSpace();
    }
    if (i >= length) break;
    const nameStart = i;
    while (i < length && isNameChar(body.charCodeAt(i))) i++;
    if (i === nameStart) throw new Error(`unexpected "${body[i]}" where a field name should be`);
    const name = body.slice(nameStart, i);
    skipSpace();
    if (body.charCodeAt(i) !== EQUALS) throw new Error(`field "${name}" has no "=" and value`);
    i++;
    let value = '';
    while (true) {
      skipSpace();
      const c = body.charCodeAt(i);
      if (c === OPEN_BRACE || c === QUOTE) {
        const startAt = i;
        const braced = c === OPEN_BRACE;
        const marks = braced ? BRACE_MARKS : QUOTE_MARKS;
        let depth = braced ? 1 : 0;
        marks.lastIndex = i + 1;
        let closed = false;
        for (let m = marks.exec(body); m; m = marks.exec(body)) {
          const ch = body.charCodeAt(m.index);
          if (ch === BACKSLASH) marks.lastIndex++;
          else if (ch === OPEN_BRACE) depth++;
          else if (ch === CLOSE_BRACE) depth--;
          if ((braced && depth === 0) || (ch === QUOTE && depth === 0)) {
            i = m.index;
            closed = true;
            break;
          }
        }
        if (!closed) throw new Error(`the value of "${name}" is not closed`);
        value += body.slice(startAt + 1, i);
        i++;
      } else if (i < length && /\w/.test(body[i])) {
        const wordStart = i;
        while (i < length && !isSpace(body.charCodeAt(i)) && body.charCodeAt(i) !== COMMA && body.charCodeAt(i) !== HASH && body.charCodeAt(i) !== CLOSE_BRACE) i++;
        const word = body.slice(wordStart, i);
        const lower = word.toLowerCase();
        if (/^\d+$/.test(word)) value += word;
        else if (strings.has(lower)) value += strings.get(lower)!;
        else if (MONTH_MACROS[lower]) value += MONTH_MACROS[lower];
        else {
          warn(`@string "${word}" is not defined; its name is used as the text`);
          value += word;
        }
      } else {
        throw new Error(`field "${name}" has no value`);
      }
      skipSpace();
      if (body.charCodeAt(i) === HASH) {
        i++;
        continue;
      }
      break;
    }
    fields.push([name.toLowerCase(), value]);
    skipSpace();
    if (i < length && body.charCodeAt(i) !== COMMA) throw new Error(`a comma is missing after field "${name}"`);
  }
  return fields;
}

/**
 * The entries of the previous reading of a file, found by their text. An edit leaves nearly every
 * entry where it was, so the entry after the last one found is tried first, then a few further on;
 * only then are all texts hashed into a map (a file edited in many places, or reordered).
 */
class PreviousEntries {
  private next = 0;
  private byText: Map<string, BibEntry> | undefined;

  constructor(private readonly entries: readonly BibEntry[]) {}

  find(text: string): BibEntry | undefined {
    const { entries } = this;
    for (let j = this.next; j < Math.min(entries.length, this.next + 4); j++) {
      if (entries[j].text === text) {
        this.next = j + 1;
        return reusable(entries[j]);
      }
    }
    this.byText ??= new Map(entries.map((e) => [e.text, e]));
    const found = this.byText.get(text);
    return found && reusable(found);
  }
}

/** An entry that took fields from its crossref parent is read again: the parent may have changed. */
function reusable(entry: BibEntry): BibEntry | undefined {
  return entry.fields.crossref ? undefined : entry;
}

/**
 * Reads a `.bib` file. Never throws: a broken entry becomes an `error` problem at its line and is
 * skipped; `@comment`, `@preamble` and text outside entries are ignored; `@string` definitions apply
 * to the entries after them; `crossref` fills missing fields from the entry it names (and its
 * `title` becomes the child's `booktitle`, Biber's rule). Duplicate keys: the first entry wins.
 */
export function readBibtex(text: string, file: string, previous?: BibtexReadResult): BibtexReadResult {
  const strings = new Map<string, string>();
  const entries: BibEntry[] = [];
  const problems: LibraryProblem[] = [];
  const seen = new Map<string, BibEntry>();
  const blocks = splitBlocks(text);
  const stringsText = blocks.filter((b) => b.type === 'string').map((b) => b.text).join('\n');
  // An edit re-reads only the entries whose text changed, as long as no macro changed.
  const reusable = previous && previous.stringsText === stringsText ? new PreviousEntries(previous.entries) : undefined;
  for (const block of blocks) {
    if (block.type === 'comment' || block.type === 'preamble') continue;
    const problem = (message: string, severity: LibraryProblem['severity'], key?: string) =>
      problems.push({ file, line: block.line, message, severity, ...(key ? { key } : {}) });
    if (block.type === 'string') {
      try {
        for (const [name, value] of readFields(block.body, strings, (m) => problem(m, 'warning'))) strings.set(name, value);
      } catch (error) {
        problem(`@string skipped: ${(error as Error).message}`, 'error');
      }
      continue;
    }
    const keyMatch = /^\s*([^\s,={}"]*)\s*(,|$)/.exec(block.body);
    const key = keyMatch?.[1] ?? '';
    if (!keyMatch || !key) {
      problem(`@${block.type} entry skipped: it has no citation key`, 'error');
      continue;
    }
    if (block.broken) {
      problem(`@${block.type}{${key}} skipped: ${block.broken}`, 'error', key);
      continue;
    }
    const old = reusable?.find(block.text);
    if (old && !block.broken && !seen.has(old.key)) {
      const entry = old.line === block.line ? old : { ...old, line: block.line };
      for (const w of old.warnings ?? []) problem(`${old.key}: ${w}`, 'warning', old.key);
      seen.set(entry.key, entry);
      entries.push(entry);
      continue;
    }
    let fields: Array<[string, string]>;
    const warnings: string[] = [];
    try {
      fields = readFields(block.body.slice(keyMatch[0].length), strings, (m) => warnings.push(m));
    } catch (error) {
      problem(`@${block.type}{${key}} skipped: ${(error as Error).message}`, 'error', key);
      continue;
    }
    for (const w of warnings) problem(`${key}: ${w}`, 'warning', key);
    if (seen.has(key)) {
      problem(`${key} is defined again (first at line ${seen.get(key)!.line}); the first entry is used`, 'warning', key);
      continue;
    }
    const entry: BibEntry = { type: block.type, key, fields: Object.fromEntries(fields), line: block.line, text: block.text, ...(warnings.length ? { warnings } : {}) };
    seen.set(key, entry);
    entries.push(entry);
  }
  for (const entry of entries) {
    const parentKey = entry.fields.crossref;
    if (!parentKey) continue;
    const parent = seen.get(parentKey);
    if (!parent) {
      problems.push({ file, line: entry.line, message: `${entry.key}: crossref "${parentKey}" is not in this file`, severity: 'warning', key: entry.key });
      continue;
    }
    if (!entry.fields.booktitle && parent.fields.title) entry.fields.booktitle = parent.fields.title;
    for (const [name, value] of Object.entries(parent.fields)) {
      if (name !== 'title' && entry.fields[name] === undefined) entry.fields[name] = value;
    }
  }
  return { entries, problems, stringsText };
}

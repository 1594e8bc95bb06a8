/**
 * Plain text to TeX text for BibTeX fields. Listing text is mostly plain, with TeX fragments left in
 * by the sites (`Fr\"ohlich`, `$N_t$`, `\emph{…}`, `{S}ignal`): those fragments stay TeX, everything
 * else is escaped so that BibTeX and LaTeX read back exactly the text the listing showed.
 */

/** A piece of field text: `tex` pieces are kept as they are, `text` pieces are escaped. */
interface Piece {
  kind: 'text' | 'tex' | 'space';
  value: string;
}

const ACCENT_COMMANDS = `"'\`^~=.`;
const ESCAPED_SPECIALS = '&%$#_{}\\,;!';

/** Length of the balanced `{…}` group starting at `start`, or 0 when it never closes. */
function groupLength(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) {
      const group = text.slice(start, i + 1);
      const dollars = group.replace(/\\./g, '').split('$').length - 1;
      return rawBalance(group) === 0 && dollars % 2 === 0 ? group.length : 0;
    }
  }
  return 0;
}

/** Opening minus closing braces as BibTeX counts them: a backslash does not hide a brace from BibTeX. */
function rawBalance(text: string): number {
  let depth = 0;
  for (const c of text) {
    if (c === '{') depth++;
    else if (c === '}' && --depth < 0) return -1;
  }
  return depth;
}

/**
 * Makes braces balanced for BibTeX: a brace (escaped or not) with no partner is written as
 * `\textbraceleft{}` / `\textbraceright{}`, which BibTeX and LaTeX both read as text.
 */
function balanceRawBraces(tex: string): string {
  const open: number[] = [];
  const unmatched = new Set<number>();
  for (let i = 0; i < tex.length; i++) {
    if (tex[i] === '{') open.push(i);
    else if (tex[i] === '}') {
      if (open.length > 0) open.pop();
      else unmatched.add(i);
    }
  }
  for (const i of open) unmatched.add(i);
  if (unmatched.size === 0) return tex;
  let out = '';
  for (let i = 0; i < tex.length; i++) {
    if (!unmatched.has(i)) {
      out += tex[i];
      continue;
    }
    if (out.endsWith('\\')) out = out.slice(0, -1);
    out += tex[i] === '{' ? '\\textbraceleft{}' : '\\textbraceright{}';
  }
  return out;
}

/** Length of the `$…$` math span starting at `start` (no blank line inside), or 0 when it never closes. */
function mathLength(text: string, start: number): number {
  const close = text.indexOf('$', start + 1);
  if (close <= start + 1) return 0;
  const body = text.slice(start + 1, close);
  if (/\n\s*\n/.test(body) || body.endsWith('\\')) return 0;
  if (groupBalance(body) !== 0 || rawBalance(body) !== 0) return 0;
  return close - start + 1;
}

/** Opening minus closing (unescaped) braces. */
function groupBalance(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '{') depth++;
    else if (text[i] === '}') depth--;
  }
  return depth;
}

/** Length of a TeX command at `start` (a backslash), with its braced argument when one follows; 0 if not a command. */
function commandLength(text: string, start: number): number {
  const next = text[start + 1];
  if (next === undefined) return 0;
  if (/[A-Za-z]/.test(next)) {
    let end = start + 1;
    while (end < text.length && /[A-Za-z]/.test(text[end])) end++;
    if (text[end] === '{') {
      const arg = groupLength(text, end);
      if (arg > 0) return end + arg - start;
    }
    return end - start;
  }
  if (ACCENT_COMMANDS.includes(next)) {
    const after = start + 2;
    if (text[after] === '{') {
      const arg = groupLength(text, after);
      return arg > 0 ? 2 + arg : 0;
    }
    return /[A-Za-z]/.test(text[after] ?? '') ? 3 : 0;
  }
  if (ESCAPED_SPECIALS.includes(next)) return 2;
  return 0;
}

/** Splits field text into kept TeX, escapable text and whitespace. */
function splitPieces(text: string): Piece[] {
  const pieces: Piece[] = [];
  const push = (kind: Piece['kind'], value: string) => {
    const last = pieces[pieces.length - 1];
    if (last && last.kind === kind && kind !== 'tex') last.value += value;
    else pieces.push({ kind, value });
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    let length = 0;
    if (c === '$') length = mathLength(text, i);
    else if (c === '\\') length = commandLength(text, i);
    else if (c === '{') length = groupLength(text, i);
    if (length > 0) {
      push('tex', text.slice(i, i + length));
      i += length;
    } else if (/\s/.test(c)) {
      push('space', c);
      i++;
    } else {
      push('text', c);
      i++;
    }
  }
  return pieces;
}

const TEXT_ESCAPES: Record<string, string> = {
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '{': '\\textbraceleft{}',
  '}': '\\textbraceright{}',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  '\\': '\\textbackslash{}',
};

/** TeX for characters outside ASCII, used when ASCII output is asked for. */
const ASCII_LETTERS: Record<string, string> = {
  ß: '{\\ss}', æ: '{\\ae}', Æ: '{\\AE}', ø: '{\\o}', Ø: '{\\O}', ł: '{\\l}', Ł: '{\\L}', œ: '{\\oe}', Œ: '{\\OE}',
  å: '{\\aa}', Å: '{\\AA}', ı: '{\\i}', đ: '{\\dj}', Đ: '{\\DJ}', þ: '{\\th}', Þ: '{\\TH}', ð: '{\\dh}', Ð: '{\\DH}',
  '–': '--', '—': '---', '‘': '`', '’': "'", '“': '``', '”': "''", '…': '{\\ldots}', '\u00a0': '~',
  '«': '{\\guillemotleft}', '»': '{\\guillemotright}', '€': '{\\texteuro}', '£': '{\\pounds}', '§': '{\\S}',
  '°': '{\\textdegree}', '·': '{\\textperiodcentered}',
};

/** Math-mode TeX for symbols (Greek letters and a few operators), written `$…$` in text. */
const MATH_SYMBOLS: Record<string, string> = {
  α: '\\alpha', β: '\\beta', γ: '\\gamma', δ: '\\delta', ε: '\\epsilon', ζ: '\\zeta', η: '\\eta', θ: '\\theta',
  ι: '\\iota', κ: '\\kappa', λ: '\\lambda', μ: '\\mu', ν: '\\nu', ξ: '\\xi', π: '\\pi', ρ: '\\rho', σ: '\\sigma',
  ς: '\\varsigma', τ: '\\tau', υ: '\\upsilon', φ: '\\phi', χ: '\\chi', ψ: '\\psi', ω: '\\omega', Γ: '\\Gamma',
  Δ: '\\Delta', Θ: '\\Theta', Λ: '\\Lambda', Ξ: '\\Xi', Π: '\\Pi', Σ: '\\Sigma', Υ: '\\Upsilon', Φ: '\\Phi',
  Ψ: '\\Psi', Ω: '\\Omega', '∂': '\\partial', '∼': '\\sim', '×': '\\times', '±': '\\pm', '≤': '\\leq', '≥': '\\geq',
  '≈': '\\approx', '→': '\\rightarrow', '∞': '\\infty', '∈': '\\in', '−': '-',
};

/** Combining marks → the TeX accent command that writes them. */
const ACCENTS: Record<string, string> = {
  '\u0300': '`', '\u0301': "'", '\u0302': '^', '\u0303': '~', '\u0304': '=', '\u0306': 'u', '\u0307': '.',
  '\u0308': '"', '\u030a': 'r', '\u030b': 'H', '\u030c': 'v', '\u0327': 'c', '\u0328': 'k', '\u0323': 'd',
};

/** One character as ASCII TeX (`é` → `{\'e}`, `α` → `$\alpha$`); characters with no known TeX are kept. */
function asciiChar(c: string, inMath: boolean): string {
  if (c.charCodeAt(0) < 128) return c;
  const symbol = MATH_SYMBOLS[c];
  if (symbol) return inMath ? `${symbol} ` : `$${symbol}$`;
  const letter = ASCII_LETTERS[c];
  if (letter) return letter;
  const [base, ...marks] = c.normalize('NFD');
  if (base && base.charCodeAt(0) < 128 && marks.length > 0 && marks.every((m) => ACCENTS[m])) {
    let out = base === 'i' ? '\\i' : base === 'j' ? '\\j' : base;
    for (const m of marks) {
      const accent = ACCENTS[m];
      out = /[a-zA-Z]/.test(accent) ? `\\${accent}{${out}}` : `\\${accent}${out.length > 1 ? `{${out}}` : out}`;
    }
    return `{${out}}`;
  }
  return c;
}

/** Replaces non-ASCII characters by TeX; inside math a symbol is written without its own `$…$`. */
function toAscii(text: string, inMath = false): string {
  let out = '';
  let escaped = false;
  for (const c of text) {
    const tex = asciiChar(c, inMath);
    // A backslash before a non-ASCII character ("\é") is no TeX command; written before the
    // character's TeX ("{\'e}") it would turn into "\{", an escaped brace that unbalances the field.
    if (escaped && tex !== c) out = `${out.slice(0, -1)}\\textbackslash{}`;
    out += tex;
    escaped = c === '\\' && !escaped;
  }
  return out;
}

export interface TexTextOptions {
  /** Write non-ASCII characters as TeX commands (`{\"o}`) instead of UTF-8. */
  ascii?: boolean;
}

/**
 * The text of a BibTeX field value: `& % $ # _ { } ~ ^ \` are escaped where they are text, while TeX
 * already in the input (math `$…$`, commands such as `\emph{…}` or `\"o`, balanced `{…}` groups)
 * is kept. The result always has balanced braces, so BibTeX can read it inside `{…}`.
 */
export function escapeTexText(text: string, options: TexTextOptions = {}): string {
  const tex = splitPieces(text)
    .map((piece) => {
      if (piece.kind === 'space') return piece.value === '\u00a0' ? (options.ascii ? '~' : piece.value) : ' ';
      if (piece.kind === 'tex') return options.ascii ? toAscii(piece.value, piece.value.startsWith('$')) : piece.value;
      const escaped = piece.value.replace(/[&%$#_{}~^\\]/g, (c) => TEXT_ESCAPES[c]);
      return options.ascii ? toAscii(escaped) : escaped;
    })
    .join('')
    .replace(/ {2,}/g, ' ')
    .trim();
  return balanceRawBraces(tex);
}

/** True when a title word needs braces to keep its capitals through a style's sentence casing. */
function hasProtectableCapital(word: string, sentenceStart: boolean): boolean {
  // Letters as a reader sees them: drop command names, math and existing brace groups.
  const visible = word.replace(/\$[^$]*\$/g, '').replace(/\\[A-Za-z]+/g, '').replace(/[\\{}]/g, '');
  const letters = visible.replace(/[^\p{L}\p{N}]/gu, '');
  if (!/\p{Lu}/u.test(letters)) return false;
  if (!sentenceStart) return true;
  // The first word keeps its capital anyway; protect it only for capitals after the first letter (`CyclicCAE`, `LLM`).
  return /\p{Lu}/u.test(letters.slice(1));
}

/**
 * A title for BibTeX with its capitals protected: every word that has a capital letter (`Transformers`,
 * acronyms such as `LLM`, mixed case such as `CrSBr`) is wrapped in braces, runs of such words in one
 * group (`{Associative Memories}`), so styles that lower-case titles keep them. The first word of the
 * title, and of a sub-title after `:`, is wrapped only if a capital follows its first letter.
 * Takes text already escaped by {@link escapeTexText}.
 */
export function protectTitleCase(texTitle: string): string {
  const out: string[] = [];
  let run: string[] = [];
  let lead = '';
  const flush = (trail = '') => {
    if (run.length > 0) out.push(`${lead}{${run.join(' ')}}${trail}`);
    run = [];
    lead = '';
  };
  let sentenceStart = true;
  for (const word of splitWords(texTitle)) {
    // Punctuation around a word stays outside its braces: `{CyclicCAE}:`, `({LLM})`.
    const [, before, core, after] = /^([([]*)(.*?)([)\]:;,.?!]*)$/s.exec(word)!;
    const alreadyGrouped = core.startsWith('{') && groupLength(core, 0) === core.length;
    if (core && !alreadyGrouped && hasProtectableCapital(core, sentenceStart)) {
      if (before) {
        flush();
        lead = before;
      }
      run.push(core);
      if (after) flush(after);
    } else {
      flush();
      out.push(word);
    }
    sentenceStart = /[:?!.]$/.test(word);
  }
  flush();
  return out.join(' ');
}

/** Splits escaped TeX into words at spaces that are outside math and outside braces. */
function splitWords(tex: string): string[] {
  const words: string[] = [];
  let current = '';
  for (const piece of splitPieces(tex)) {
    if (piece.kind === 'space') {
      if (current) words.push(current);
      current = '';
    } else {
      current += piece.value;
    }
  }
  if (current) words.push(current);
  return words;
}

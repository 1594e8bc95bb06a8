/**
 * TeX markup of BibTeX field values to plain Unicode text: accents (`{\"u}`, `\'{e}`, `\c c`),
 * special letters (`\o`, `\ss`, `\L`), escaped punctuation, dashes, ties, font commands
 * (`\emph{x}` → `x`) and case-protecting braces. Pure and total: unknown commands keep their
 * argument and lose their name, so nothing ever throws.
 */
import { TEX_ACCENTS } from '../texText';


const LETTERS: Record<string, string> = {
  o: 'ø', O: 'Ø', l: 'ł', L: 'Ł', ss: 'ß', ae: 'æ', AE: 'Æ', oe: 'œ', OE: 'Œ', aa: 'å', AA: 'Å', i: 'ı', j: 'ȷ',
  dh: 'ð', DH: 'Ð', th: 'þ', TH: 'Þ', ng: 'ŋ', NG: 'Ŋ', textendash: '–', textemdash: '—', textquoteright: '’',
  textquoteleft: '‘', ldots: '…', dots: '…', textellipsis: '…', copyright: '©', textregistered: '®', S: '§', P: '¶',
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', varepsilon: 'ε', zeta: 'ζ', eta: 'η', theta: 'θ',
  iota: 'ι', kappa: 'κ', lambda: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ', pi: 'π', rho: 'ρ', sigma: 'σ', tau: 'τ',
  upsilon: 'υ', phi: 'φ', varphi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω', Gamma: 'Γ', Delta: 'Δ', Theta: 'Θ',
  Lambda: 'Λ', Xi: 'Ξ', Pi: 'Π', Sigma: 'Σ', Phi: 'Φ', Psi: 'Ψ', Omega: 'Ω', ell: 'ℓ', infty: '∞', times: '×',
  le: '≤', leq: '≤', ge: '≥', geq: '≥', neq: '≠', approx: '≈', pm: '±', to: '→', rightarrow: '→', cdot: '·',
  LaTeX: 'LaTeX', TeX: 'TeX', BibTeX: 'BibTeX', textbackslash: '\\', textasciitilde: '~', textunderscore: '_',
};

/** Commands whose argument is the text itself (fonts, emphasis, case protection). */
const WRAPPERS = /^(?:emph|textit|textbf|textsc|textrm|textsf|texttt|textup|textsl|textmd|textnormal|mathrm|mathit|mathbf|mathcal|mathbb|mathsf|mathtt|mbox|hbox|text|NoCaseChange|MakeUppercase|MakeLowercase|url|href|ensuremath|operatorname|bm|boldsymbol)$/;

/** What {@link decodeTex} must look at; everything between is copied as it is. */
const SPECIAL = /[\\{}$~]|--/g;
/** Characters that call for decoding, with and without `$…$` kept (`--` is looked for apart). */
const TEX_MARKS = /[\\{}$~]/;
const TEX_MARKS_KEEP_MATH = /[\\{}~]/;
/** White space other than a plain space (what `\s` matches, less U+0020). */
const OTHER_SPACE = /[\t-\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;

/**
 * Collapses white space runs to one space and trims, without copying text that is already tidy.
 * Single-character-class tests and `includes` scan far faster than one regex with alternatives.
 */
function squeezeSpace(text: string): string {
  return (OTHER_SPACE.test(text) || text.includes('  ') ? text.replace(/\s+/g, ' ') : text).trim();
}

/** Reads the argument after a command at `i`: a brace group, or a single non-space character. */
function argumentAt(tex: string, i: number): { text: string; end: number } {
  let j = i;
  while (tex[j] === ' ') j++;
  if (tex[j] === '{') {
    let depth = 0;
    for (let k = j; k < tex.length; k++) {
      if (tex[k] === '\\') k++;
      else if (tex[k] === '{') depth++;
      else if (tex[k] === '}' && --depth === 0) return { text: tex.slice(j + 1, k), end: k + 1 };
    }
    return { text: tex.slice(j + 1), end: tex.length };
  }
  if (tex[j] === '\\') {
    const m = /^\\([a-zA-Z]+|.)/.exec(tex.slice(j));
    if (m) return { text: m[0], end: j + m[0].length };
  }
  return { text: tex[j] ?? '', end: Math.min(j + 1, tex.length) };
}

/**
 * Plain text of a TeX field value. `keepMath` leaves `$…$` spans as they are (abstracts keep their
 * formulas, as the seed abstracts do); otherwise math is decoded like text (`$\alpha$` → `α`).
 */
export function decodeTex(tex: string, options: { keepMath?: boolean } = {}): string {
  if (!(options.keepMath ? TEX_MARKS_KEEP_MATH : TEX_MARKS).test(tex) && !tex.includes('--')) return squeezeSpace(tex);
  let out = '';
  for (let i = 0; i < tex.length; ) {
    const c = tex[i];
    if (c === '$' && options.keepMath) {
      const close = tex.indexOf('$', i + 1);
      const end = close < 0 ? tex.length : close + 1;
      out += tex.slice(i, end);
      i = end;
    } else if (c === '\\') {
      const m = /^\\([a-zA-Z]+|.)/.exec(tex.slice(i, i + 40));
      if (!m) {
        i++;
        continue;
      }
      const name = m[1];
      i += m[0].length;
      if (TEX_ACCENTS[name] !== undefined && (name.length === 1 || /^[^a-zA-Z]/.test(tex[i] ?? ''))) {
        const arg = argumentAt(tex, i);
        const base = decodeTex(arg.text).replace(/^ı$/, 'i').replace(/^ȷ$/, 'j');
        out += (base.slice(0, 1) + TEX_ACCENTS[name]).normalize('NFC') + base.slice(1);
        i = arg.end;
      } else if (LETTERS[name] !== undefined) {
        out += LETTERS[name];
        if (/^[a-zA-Z]+$/.test(name) && tex[i] === '{' && tex[i + 1] === '}') i += 2;
      } else if (/^[&%$#_{}~ ,;:!>]$/.test(name)) {
        out += /^[,;:!> ~]$/.test(name) ? ' ' : name;
      } else if (name === '\\' || name === 'newline' || name === 'par') {
        out += ' ';
      } else if (name === '(' || name === ')' || name === '[' || name === ']') {
        // inline math delimiters: drop
      } else if (WRAPPERS.test(name) || /^[a-zA-Z]+$/.test(name)) {
        // Unknown and font commands keep their (first) argument's text.
        if (tex[i] === '{' || (WRAPPERS.test(name) && tex[i] === ' ')) {
          const arg = argumentAt(tex, i);
          out += decodeTex(arg.text, options);
          i = arg.end;
        }
      }
    } else if (c === '{' || c === '}' || (c === '$' && !options.keepMath)) {
      i++;
    } else if (c === '~') {
      out += ' ';
      i++;
    } else if (c === '-' && tex.startsWith('---', i)) {
      out += '—';
      i += 3;
    } else if (c === '-' && tex.startsWith('--', i)) {
      out += '–';
      i += 2;
    } else {
      // Copy the run of plain characters up to the next one that means something.
      SPECIAL.lastIndex = i + 1;
      const next = SPECIAL.exec(tex);
      const end = next ? next.index : tex.length;
      out += tex.slice(i, end);
      i = end;
    }
  }
  return squeezeSpace(out);
}

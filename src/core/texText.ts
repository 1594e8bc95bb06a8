/**
 * Readable rendering of the TeX fragments that listing abstracts carry (`Fr\"ohlich`, `\emph{…}`,
 * `85\%`, ``` ``quotes'' ```, `$\mathcal O(M^2 N_t)$`). The text is parsed once into a small tree
 * and rendered either as HTML (escaped, with <em>, <strong>, <sub>, <sup> and math spans) or as plain
 * text. Total: any input gives output, nothing throws, and nesting deeper than {@link MAX_DEPTH} is
 * read as plain characters, so hostile input cannot exhaust the stack.
 *
 * Why not KaTeX: one paper in the 179 bundled ones has inline math, and all of it is letters, Greek,
 * scripts, `\mathcal`, `\frac` and `\log` — which this renderer sets with <sub>/<sup>, upright
 * operators and a math font stack. KaTeX would add its script, stylesheet and fonts to the package
 * and a second script to a page whose CSP now allows one, for that one paper; math it cannot read
 * (the seeds' `P_sys^{Delta}mathrm{dj}/{df}`) would still need this fallback. The source of every
 * math span stays in its `title`, so a reader can always see the TeX as written.
 */

export type TexNode = string | { tag: 'em' | 'strong' | 'sub' | 'sup' | 'math' | 'upright'; children: TexNode[]; source?: string };

const MAX_DEPTH = 40;

/** TeX accent commands → the Unicode combining mark they put on a letter (`\\"` → U+0308). */
export const TEX_ACCENTS: Readonly<Record<string, string>> = {
  '"': '\u0308', "'": '\u0301', '`': '\u0300', '^': '\u0302', '~': '\u0303', '=': '\u0304', '.': '\u0307',
  u: '\u0306', v: '\u030c', H: '\u030b', c: '\u0327', k: '\u0328', r: '\u030a', d: '\u0323', b: '\u0331',
};

/** Commands that stand for a character, in text and in math. */
const SYMBOLS: Record<string, string> = {
  ss: 'ß', o: 'ø', O: 'Ø', l: 'ł', L: 'Ł', ae: 'æ', AE: 'Æ', oe: 'œ', OE: 'Œ', aa: 'å', AA: 'Å', i: 'ı',
  ldots: '…', dots: '…', cdots: '⋯', textendash: '–', textemdash: '—', textbackslash: '\\',
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ϵ', varepsilon: 'ε', zeta: 'ζ', eta: 'η', theta: 'θ',
  vartheta: 'ϑ', iota: 'ι', kappa: 'κ', lambda: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ', pi: 'π', rho: 'ρ', sigma: 'σ',
  tau: 'τ', upsilon: 'υ', phi: 'ϕ', varphi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω', Gamma: 'Γ', Delta: 'Δ',
  Theta: 'Θ', Lambda: 'Λ', Xi: 'Ξ', Pi: 'Π', Sigma: 'Σ', Upsilon: 'Υ', Phi: 'Φ', Psi: 'Ψ', Omega: 'Ω',
  leq: '≤', le: '≤', geq: '≥', ge: '≥', neq: '≠', ne: '≠', approx: '≈', sim: '∼', simeq: '≃', equiv: '≡',
  propto: '∝', times: '×', cdot: '·', pm: '±', mp: '∓', div: '÷', infty: '∞', partial: '∂', nabla: '∇',
  sum: '∑', prod: '∏', int: '∫', in: '∈', notin: '∉', subset: '⊂', subseteq: '⊆', cup: '∪', cap: '∩',
  forall: '∀', exists: '∃', to: '→', rightarrow: '→', leftarrow: '←', Rightarrow: '⇒', mapsto: '↦',
  langle: '⟨', rangle: '⟩', ell: 'ℓ', hbar: 'ℏ', circ: '∘', star: '⋆', ast: '∗', dagger: '†', prime: '′',
  log: 'log', ln: 'ln', exp: 'exp', sin: 'sin', cos: 'cos', tan: 'tan', max: 'max', min: 'min', det: 'det',
  lim: 'lim', arg: 'arg', quad: ' ', qquad: '  ', ',': ' ', ';': ' ', ':': ' ', '!': '', ' ': ' ',
  '%': '%', '&': '&', '$': '$', '#': '#', '_': '_', '{': '{', '}': '}', '|': '‖',
};

/** Symbols that are operator names, set upright with a space before them. */
const OPERATORS = new Set(['log', 'ln', 'exp', 'sin', 'cos', 'tan', 'max', 'min', 'det', 'lim', 'arg']);

/** Commands whose argument is shown as is (fonts, boxes); emphasis and bold get their own tags. */
const PASS_THROUGH = new Set(['textrm', 'textsf', 'texttt', 'textup', 'textsc', 'textnormal', 'textmd', 'text', 'mbox', 'hbox', 'mathit', 'mathsf', 'mathtt', 'operatorname', 'ensuremath', 'url', 'NoCaseChange']);
const UPRIGHT = new Set(['mathrm', 'mathcal', 'mathbb', 'mathfrak', 'mathscr']);

/**
 * Math alphabets with letters of their own in Unicode (`\mathcal O` → 𝒪, `\mathbb R` → ℝ): the first
 * code point of A and of a, and the letters Unicode had already placed in Letterlike Symbols.
 */
const ALPHABETS: Record<string, { upper: number; lower: number; placed: Record<string, string> }> = {
  mathcal: { upper: 0x1d49c, lower: 0x1d4b6, placed: { B: 'ℬ', E: 'ℰ', F: 'ℱ', H: 'ℋ', I: 'ℐ', L: 'ℒ', M: 'ℳ', R: 'ℛ', e: 'ℯ', g: 'ℊ', o: 'ℴ' } },
  mathbb: { upper: 0x1d538, lower: 0x1d552, placed: { C: 'ℂ', H: 'ℍ', N: 'ℕ', P: 'ℙ', Q: 'ℚ', R: 'ℝ', Z: 'ℤ' } },
  mathfrak: { upper: 0x1d504, lower: 0x1d51e, placed: { C: 'ℭ', H: 'ℌ', I: 'ℑ', R: 'ℜ', Z: 'ℨ' } },
};
ALPHABETS.mathscr = ALPHABETS.mathcal;

/** The letters of `text` in a math alphabet; other characters unchanged. */
function inAlphabet(name: string, text: string): string {
  const alphabet = ALPHABETS[name];
  if (!alphabet) return text;
  return text.replace(/[A-Za-z]/g, (c) => {
    const placed = alphabet.placed[c];
    if (placed) return placed;
    const upper = c <= 'Z';
    return String.fromCodePoint((upper ? alphabet.upper : alphabet.lower) + c.charCodeAt(0) - (upper ? 65 : 97));
  });
}
const EMPHASIS = new Set(['emph', 'textit', 'textsl']);
const BOLD = new Set(['textbf', 'mathbf', 'bm', 'boldsymbol']);
/** Delimiter sizing commands: the delimiter that follows is kept, the command is dropped. */
const SIZING = new Set(['left', 'right', 'big', 'Big', 'bigg', 'Bigg', 'bigl', 'bigr', 'Bigl', 'Bigr', 'middle']);

class Parser {
  private i = 0;
  constructor(private readonly src: string) {}

  /** Reads nodes until `stop` (a closing brace or dollar) or the end; `math` switches on sub/superscripts. */
  nodes(math: boolean, depth: number, stop?: '}' | '$'): TexNode[] {
    const out: TexNode[] = [];
    const text = (s: string) => {
      if (typeof out[out.length - 1] === 'string') out[out.length - 1] += s;
      else out.push(s);
    };
    const append = (n: TexNode) => {
      if (typeof n === 'string') text(n);
      else out.push(n);
    };
    const src = this.src;
    while (this.i < src.length) {
      const c = src[this.i];
      if (c === stop) return out;
      if (c === '\\') {
        this.command(out, text, math, depth);
      } else if (c === '{') {
        this.i++;
        if (depth >= MAX_DEPTH) {
          text('{');
          continue;
        }
        // {\em …} and {\it …} switch on italics for the rest of the group.
        const switchMatch = /^\\(em|it|itshape|bf|bfseries)\b\s*/.exec(src.slice(this.i, this.i + 12));
        if (switchMatch) this.i += switchMatch[0].length;
        const afterScript = !math && (src[this.i - 2] === '_' || src[this.i - 2] === '^');
        const children = this.nodes(math, depth + 1, '}');
        const closed = src[this.i] === '}';
        if (closed) this.i++;
        if (afterScript && !switchMatch) {
          // "P_sys^{Delta}": math that lost its dollars and backslashes; its braces say where the script ends.
          text(`{${plainOf(children)}${closed ? '}' : ''}`);
          continue;
        }
        if (switchMatch) out.push({ tag: /^b/.test(switchMatch[1]) ? 'strong' : 'em', children });
        else for (const n of children) append(n);
      } else if (c === '}') {
        this.i++; // a stray closing brace: drop it
      } else if (c === '$' && !math) {
        this.math(out, text, depth);
      } else if (math && (c === '_' || c === '^') && depth < MAX_DEPTH) {
        this.i++;
        out.push({ tag: c === '_' ? 'sub' : 'sup', children: this.argument(true, depth + 1) });
      } else if (!math && c === '`' && src[this.i + 1] === '`') {
        text('“');
        this.i += 2;
      } else if (!math && c === "'" && src[this.i + 1] === "'") {
        text('”');
        this.i += 2;
      } else if (!math && c === '-' && src.startsWith('---', this.i)) {
        text('—');
        this.i += 3;
      } else if (!math && c === '-' && src[this.i + 1] === '-' && /[\s\p{L}]/u.test(src[this.i + 2] ?? ' ') && /[\s\p{L}]/u.test(src[this.i - 1] ?? ' ')) {
        // "force--flux": an en dash between words; "1013cm--2" (a lost superscript) stays as it was.
        text('–');
        this.i += 2;
      } else if (c === '~' && !math) {
        text('\u00a0');
        this.i++;
      } else {
        text(c);
        this.i++;
      }
    }
    return out;
  }

  /** `$…$`: a math span if it closes, else a literal dollar sign. */
  private math(out: TexNode[], text: (s: string) => void, depth: number): void {
    const start = this.i;
    const close = this.src.indexOf('$', start + 1);
    if (close < 0 || close === start + 1 || depth >= MAX_DEPTH) {
      text('$');
      this.i++;
      return;
    }
    this.i++;
    const children = this.nodes(true, depth + 1, '$');
    this.i = Math.max(this.i, close) + 1;
    out.push({ tag: 'math', children, source: this.src.slice(start, Math.min(this.i, this.src.length)) });
  }

  /** A command at the cursor: accents, symbols, font and emphasis commands; unknown ones keep their name. */
  private command(out: TexNode[], text: (s: string) => void, math: boolean, depth: number): void {
    const m = /^\\([a-zA-Z]+|[^a-zA-Z])/.exec(this.src.slice(this.i, this.i + 32));
    if (!m) {
      text('\\');
      this.i++;
      return;
    }
    const name = m[1];
    this.i += m[0].length;
    if (TEX_ACCENTS[name] !== undefined && (name.length === 1 || !/^[a-zA-Z]/.test(this.src[this.i] ?? ''))) {
      const base = plainOf(this.argument(math, depth + 1)).replace(/^ı/, 'i');
      text(base ? (base[0] + TEX_ACCENTS[name]).normalize('NFC') + base.slice(1) : TEX_ACCENTS[name].normalize('NFC'));
      return;
    }
    if (SYMBOLS[name] !== undefined) {
      // An operator name (\log, \sin) is set apart from what precedes it, as TeX spaces it: "N^3\log N" → "N³ log N".
      const last = out[out.length - 1];
      const glued = last !== undefined && (typeof last !== 'string' || /[^\s([{]$/.test(last));
      if (math && OPERATORS.has(name)) {
        if (glued) text('\u2009');
        out.push({ tag: 'upright', children: [SYMBOLS[name]] });
        return;
      }
      // TeX sets capital Greek upright in math ("\Delta t" is an upright Δ before an italic t).
      if (math && /^[Α-Ω]$/.test(SYMBOLS[name])) out.push({ tag: 'upright', children: [SYMBOLS[name]] });
      else text(SYMBOLS[name]);
      // In math a letter such as \Delta swallows the spaces after it ("\Delta t" is "Δt"), as in TeX.
      if (math && /^\p{L}$/u.test(SYMBOLS[name])) while (this.src[this.i] === ' ') this.i++;
      if (/^[a-zA-Z]/.test(name) && this.src.startsWith('{}', this.i)) this.i += 2;
      else if (/^[a-zA-Z]/.test(name) && !math && this.src[this.i] === ' ' && /^(ss|o|O|l|L|ae|AE|oe|OE|aa|AA|i)$/.test(name)) this.i++;
      return;
    }
    if (SIZING.has(name)) {
      const delim = /^\s*(\\[{}|]|[()[\]|.])/.exec(this.src.slice(this.i, this.i + 4));
      if (delim) {
        this.i += delim[0].length;
        const d = delim[1].replace(/^\\/, '');
        if (d !== '.') text(d);
      }
      return;
    }
    if (name === 'frac' || name === 'dfrac' || name === 'tfrac') {
      const num = this.argument(math, depth + 1);
      const den = this.argument(math, depth + 1);
      out.push(...wrapParens(num), '/', ...wrapParens(den));
      return;
    }
    if (name === 'sqrt') {
      out.push('√(', ...this.argument(math, depth + 1), ')');
      return;
    }
    const takesArgument = this.src[this.i] === '{';
    if (EMPHASIS.has(name) || BOLD.has(name) || UPRIGHT.has(name) || PASS_THROUGH.has(name)) {
      const children = this.argument(math, depth + 1);
      if (EMPHASIS.has(name)) out.push({ tag: 'em', children });
      else if (BOLD.has(name)) out.push({ tag: 'strong', children });
      else if (UPRIGHT.has(name) && math) out.push({ tag: 'upright', children: children.map((n) => (typeof n === 'string' ? inAlphabet(name, n) : n)) });
      else for (const n of children) {
        if (typeof n === 'string') text(n);
        else out.push(n);
      }
      return;
    }
    if (name === 'cite' || name === 'ref' || name === 'label' || name === 'footnote') {
      if (takesArgument) this.argument(math, depth + 1);
      return;
    }
    // Unknown: keep it visible as written, so no information is lost.
    text(`\\${name}`);
  }

  /** The argument of a command or script: a brace group, a command, or one character. */
  private argument(math: boolean, depth: number): TexNode[] {
    while (this.src[this.i] === ' ') this.i++;
    const c = this.src[this.i];
    if (c === undefined) return [];
    if (depth >= MAX_DEPTH) {
      this.i++;
      return [c];
    }
    if (c === '{') {
      this.i++;
      const children = this.nodes(math, depth, '}');
      if (this.src[this.i] === '}') this.i++;
      return children;
    }
    if (c === '\\') {
      const out: TexNode[] = [];
      this.command(out, (s) => out.push(s), math, depth);
      return out;
    }
    this.i += c.length;
    return [c];
  }
}

function wrapParens(nodes: TexNode[]): TexNode[] {
  const plain = plainOf(nodes);
  return plain.length > 1 && !/^[\w.]+$/u.test(plain) ? ['(', ...nodes, ')'] : nodes;
}

/** Parses TeX-flavoured text into nodes. Total: never throws. */
export function parseTex(src: string): TexNode[] {
  return new Parser(src).nodes(false, 0);
}

function plainOf(nodes: readonly TexNode[]): string {
  let out = '';
  for (const n of nodes) {
    if (typeof n === 'string') out += n;
    else if (n.tag === 'sub') out += `_${plainOf(n.children)}`;
    else if (n.tag === 'sup') out += `^${plainOf(n.children)}`;
    else out += plainOf(n.children);
  }
  return out;
}

/** TeX-flavoured text as readable plain text: accents composed, commands resolved, math flattened. */
export function texToPlain(src: string): string {
  return plainOf(parseTex(src)).replace(/\s+/g, ' ').trim();
}

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function htmlOf(nodes: readonly TexNode[]): string {
  let out = '';
  for (const n of nodes) {
    if (typeof n === 'string') {
      out += escapeHtml(n);
      continue;
    }
    const inner = htmlOf(n.children);
    switch (n.tag) {
      case 'math':
        out += `<span class="math" title="${escapeHtml(n.source ?? '')}">${inner}</span>`;
        break;
      case 'upright':
        out += `<span class="upright">${inner}</span>`;
        break;
      default:
        out += `<${n.tag}>${inner}</${n.tag}>`;
    }
  }
  return out;
}

/**
 * TeX-flavoured text as HTML: every character of the input is escaped, and the only markup is the
 * renderer's own (<em>, <strong>, <sub>, <sup>, <span class="math|upright">).
 */
export function texToHtml(src: string): string {
  return htmlOf(parseTex(src));
}

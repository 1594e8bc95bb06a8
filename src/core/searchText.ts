import { foldLetters } from './paper';
import { americanize, stem } from './stemmer';

/** Turns TeX accent commands into the plain letter (`Fr\"ohlich` → `Frohlich`) and drops TeX grouping. */
export function foldTex(text: string): string {
  return text
    .replace(/\\["'`^~=.uvHckbdrt]\s*\{?\s*\\?([a-zA-Z])\}?/g, '$1')
    .replace(/\\(ss|ae|oe|aa|o|l)\b\{?\}?/gi, '$1')
    .replace(/\\[a-zA-Z]+\s*/g, ' ')
    .replace(/[{}$]/g, '');
}

/** Text that needs TeX and letter folding before it splits into words. */
export const NEEDS_FOLDING = /[\\{}$\u0080-\uffff]/;

/**
 * Splits text into lower-case ASCII words for the index and for queries: TeX and accents folded,
 * Greek letters spelled out (`Ψ` → `psi`), and a hyphenated compound also kept whole
 * (`cryo-EM` → `cryo`, `em`, `cryoem`) so either spelling finds it.
 */
export function tokenize(text: string): string[] {
  // Most text is plain ASCII without TeX: lower-casing is then all the folding it needs.
  const folded = NEEDS_FOLDING.test(text) ? foldLetters(foldTex(text)) : text.toLowerCase();
  const words: string[] = folded.match(/[a-z0-9]+/g) ?? [];
  if (/[a-z0-9][-‐–][a-z0-9]/.test(folded)) {
    for (const c of folded.match(/[a-z0-9]+(?:[-‐–][a-z0-9]+)+/g) ?? []) {
      const joined = c.replace(/[-‐–]/g, '');
      if (joined.length <= 24) words.push(joined);
    }
  }
  return words;
}

/**
 * The search forms of a word: its stem, and (with `keepRaw`) the word itself in American spelling
 * when that differs from the stem: typos are matched against whole words, and the whole word
 * separates "generalization" from "generative", which share the stem "gener".
 */
export function termForms(word: string, keepRaw: boolean): string[] {
  const s = stem(word);
  const raw = americanize(word);
  return keepRaw && s !== raw ? [s, raw] : [s];
}

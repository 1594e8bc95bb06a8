import { foldToAscii } from './paper';
import { stem } from './stemmer';

/** Turns TeX accent commands into the plain letter (`Fr\"ohlich` → `Frohlich`) and drops TeX grouping. */
export function foldTex(text: string): string {
  return text
    .replace(/\\["'`^~=.uvHckbdrt]\s*\{?\s*\\?([a-zA-Z])\}?/g, '$1')
    .replace(/\\(ss|ae|oe|aa|o|l)\b\{?\}?/gi, '$1')
    .replace(/\\[a-zA-Z]+\s*/g, ' ')
    .replace(/[{}$]/g, '');
}

/**
 * Splits text into lower-case ASCII words for the index and for queries: TeX and accents folded,
 * Greek letters spelled out (`Ψ` → `psi`), and a hyphenated compound also kept whole
 * (`cryo-EM` → `cryo`, `em`, `cryoem`) so either spelling finds it.
 */
export function tokenize(text: string): string[] {
  const folded = foldTex(text);
  const words = foldToAscii(folded).split(' ').filter(Boolean);
  const compounds = folded.match(/[\p{L}\p{N}]+(?:[-‐–][\p{L}\p{N}]+)+/gu) ?? [];
  for (const c of compounds) {
    const joined = foldToAscii(c).replace(/ /g, '');
    if (joined.length <= 24) words.push(joined);
  }
  return words;
}

/** The search forms of a word: its stem, and the word itself when it differs (typos match the raw word). */
export function termForms(word: string, keepRaw: boolean): string[] {
  const s = stem(word);
  return keepRaw && s !== word ? [s, word] : [s];
}

/**
 * A small English stemmer for search: M. F. Porter's 1980 algorithm (steps 1a–5b), preceded by a
 * fold of British spellings to American ones so "initialise", "initialisation" and "initialization"
 * meet, and "modelling" meets "modeling". Written for lower-case ASCII words, as the tokenizer
 * gives them; words of one or two letters and words with digits are returned unchanged.
 */

const BRITISH_ISE_EXCEPTIONS = new Set(
  ('advise advertise chastise circumcise comprise compromise concise demise despise devise disguise enterprise ' +
    'excise exercise expertise franchise improvise incise merchandise noise otherwise paradise poise praise precise ' +
    'premise promise raise revise rise supervise surmise surprise televise treatise wise arise apprise').split(' '),
);

/** Folds common British spellings to American ones ("-isation" → "-ization", "-ise" → "-ize", "colour" → "color"). */
export function americanize(word: string): string {
  if (word.length < 5) return word;
  let w = word;
  w = w.replace(/isation(s?)$/, 'ization$1');
  const ise = /^(.{3,})is(e|es|ed|ing|er|ers)$/.exec(w);
  if (ise && !BRITISH_ISE_EXCEPTIONS.has(`${ise[1]}ise`) && !/(?:[^aeiou]|^)w$/.test(ise[1])) w = `${ise[1]}iz${ise[2]}`;
  w = w.replace(/^(behavi|col|fav|hum|lab|neighb|rum|vap|harb|vig|hon)our/, '$1or');
  w = w.replace(/(cent|met|fib|theat)re(s?)$/, '$1er$2');
  w = w.replace(/yse([sd]?)$/, 'yze$1');
  return w;
}

const isConsonantAt = (w: string, i: number): boolean => {
  const c = w[i];
  if ('aeiou'.includes(c)) return false;
  if (c === 'y') return i === 0 || !isConsonantAt(w, i - 1);
  return true;
};

/** Porter's m: the number of vowel–consonant sequences in `w`. */
function measure(w: string): number {
  let m = 0;
  let i = 0;
  const n = w.length;
  while (i < n && isConsonantAt(w, i)) i++;
  while (i < n) {
    while (i < n && !isConsonantAt(w, i)) i++;
    if (i >= n) break;
    while (i < n && isConsonantAt(w, i)) i++;
    m++;
  }
  return m;
}

const hasVowel = (w: string): boolean => [...w].some((_, i) => !isConsonantAt(w, i));
const endsDoubleConsonant = (w: string): boolean => w.length >= 2 && w[w.length - 1] === w[w.length - 2] && isConsonantAt(w, w.length - 1);
/** Ends consonant–vowel–consonant, the last not w, x or y (e.g. "hop", not "snow"). */
const endsCvc = (w: string): boolean => {
  const n = w.length;
  return n >= 3 && isConsonantAt(w, n - 3) && !isConsonantAt(w, n - 2) && isConsonantAt(w, n - 1) && !'wxy'.includes(w[n - 1]);
};

/** Replaces `suffix` with `replacement` when the stem before it has measure above `minM`. */
function replaceIf(w: string, suffix: string, replacement: string, minM: number): string | null {
  if (!w.endsWith(suffix)) return null;
  const stem = w.slice(0, -suffix.length);
  return measure(stem) > minM ? stem + replacement : w;
}

const STEP2: Array<[string, string]> = [
  ['ational', 'ate'], ['tional', 'tion'], ['enci', 'ence'], ['anci', 'ance'], ['izer', 'ize'], ['bli', 'ble'],
  ['alli', 'al'], ['entli', 'ent'], ['eli', 'e'], ['ousli', 'ous'], ['ization', 'ize'], ['ation', 'ate'],
  ['ator', 'ate'], ['alism', 'al'], ['iveness', 'ive'], ['fulness', 'ful'], ['ousness', 'ous'], ['aliti', 'al'],
  ['iviti', 'ive'], ['biliti', 'ble'], ['logi', 'log'],
];
const STEP3: Array<[string, string]> = [
  ['icate', 'ic'], ['ative', ''], ['alize', 'al'], ['iciti', 'ic'], ['ical', 'ic'], ['ful', ''], ['ness', ''],
];
const STEP4 = ['al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant', 'ement', 'ment', 'ent', 'ion', 'ou', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize'];

/** Stems already computed: a corpus has far fewer distinct words than words, so this saves most of the work. */
const memo = new Map<string, string>();
const MEMO_LIMIT = 200_000;

/** The Porter stem of a lower-case word, after folding British spellings. */
export function stem(word: string): string {
  let s = memo.get(word);
  if (s === undefined) {
    s = porterStem(word);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(word, s);
  }
  return s;
}

function porterStem(word: string): string {
  if (word.length <= 2 || /[^a-z]/.test(word)) return word;
  let w = americanize(word);

  // Step 1a: plurals.
  if (w.endsWith('sses') || w.endsWith('ies')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);

  // Step 1b: -eed, -ed, -ing.
  if (w.endsWith('eed')) {
    if (measure(w.slice(0, -3)) > 0) w = w.slice(0, -1);
  } else {
    const m = /^(.*?)(ed|ing)$/.exec(w);
    if (m && hasVowel(m[1])) {
      w = m[1];
      if (/(at|bl|iz)$/.test(w)) w += 'e';
      else if (endsDoubleConsonant(w) && !/[lsz]$/.test(w)) w = w.slice(0, -1);
      else if (measure(w) === 1 && endsCvc(w)) w += 'e';
    }
  }

  // Step 1c: y → i after a vowel-containing stem.
  if (w.endsWith('y') && hasVowel(w.slice(0, -1))) w = `${w.slice(0, -1)}i`;

  // Steps 2 and 3: double and single suffixes, when the stem has m > 0.
  for (const table of [STEP2, STEP3]) {
    for (const [suffix, replacement] of table) {
      const r = replaceIf(w, suffix, replacement, 0);
      if (r !== null) {
        w = r;
        break;
      }
    }
  }

  // Step 4: drop a suffix when the stem has m > 1.
  for (const suffix of STEP4) {
    if (!w.endsWith(suffix)) continue;
    const stemPart = w.slice(0, -suffix.length);
    if (measure(stemPart) > 1 && (suffix !== 'ion' || /[st]$/.test(stemPart))) w = stemPart;
    break;
  }

  // Step 5: a final -e, and -ll → -l.
  if (w.endsWith('e')) {
    const s = w.slice(0, -1);
    const m = measure(s);
    if (m > 1 || (m === 1 && !endsCvc(s))) w = s;
  }
  if (measure(w) > 1 && w.endsWith('ll')) w = w.slice(0, -1);
  return w;
}

import { tokenize } from './searchText';

/**
 * Numbers the distinct tokens of the texts it reads, so that indexing a corpus looks each token up
 * once per occurrence without first cutting the text into strings: for plain ASCII text (most
 * abstracts) it scans the characters, hashing each word as it goes, and makes a string only for a
 * token it has not seen. Text with TeX or non-ASCII letters goes through {@link tokenize}. Either
 * way the tokens are exactly those `tokenize` gives (compounds included), in the same number.
 */
export class TokenTable {
  private keys: Array<string | undefined> = new Array<string | undefined>(1 << 12);
  private hashes = new Int32Array(1 << 12);
  private numbers = new Int32Array(1 << 12);
  private readonly tokens: string[] = [];

  /**
   * `split` replaces {@link tokenize} for tests; the character scan is used only with the
   * default, whose rules it follows.
   */
  constructor(private readonly split: (text: string) => string[] = tokenize) {}

  /** How many distinct tokens have been seen. */
  get size(): number {
    return this.tokens.length;
  }

  /** The token numbered `n`. */
  token(n: number): string {
    return this.tokens[n];
  }

  /** Appends the numbers of `text`'s tokens to `out`, numbering new tokens as they come. */
  read(text: string, out: number[]): void {
    if (this.split !== tokenize || !this.scan(text, out)) {
      for (const token of this.split(text)) out.push(this.numberOf(token));
    }
  }

  /**
   * Reads plain ASCII text without TeX by scanning its characters; gives up (returning false, with
   * `out` as it was) at the first character that needs folding.
   */
  private scan(text: string, out: number[]): boolean {
    const before = out.length;
    const length = text.length;
    let chainStart = -1;
    let chainParts = 0;
    let i = 0;
    while (i < length) {
      let c = text.charCodeAt(i);
      if (!isWordChar(c)) {
        if (c >= 128 || c === 92 || c === 123 || c === 125 || c === 36) {
          out.length = before;
          return false;
        }
        i++;
        continue;
      }
      const start = i;
      let hash = 0x811c9dc5;
      while (i < length && isWordChar((c = text.charCodeAt(i)))) {
        hash = Math.imul(hash ^ (c >= 65 && c <= 90 ? c + 32 : c), 16777619);
        i++;
      }
      out.push(this.numberAt(text, start, i, hash));
      // A hyphen between words chains them into a compound, also indexed whole ("cryo-em" → "cryoem").
      if (chainStart < 0) {
        chainStart = start;
        chainParts = 0;
      }
      chainParts++;
      if (text.charCodeAt(i) === 45 && i + 1 < length && isWordChar(text.charCodeAt(i + 1))) {
        i++;
        continue;
      }
      if (chainParts > 1) {
        const joined = text.slice(chainStart, i).replace(/-/g, '').toLowerCase();
        if (joined.length <= 24) out.push(this.numberOf(joined));
      }
      chainStart = -1;
    }
    return true;
  }

  /** The number of a token given as a string. */
  numberOf(token: string): number {
    let hash = 0x811c9dc5;
    for (let j = 0; j < token.length; j++) hash = Math.imul(hash ^ token.charCodeAt(j), 16777619);
    return this.numberAt(token, 0, token.length, hash);
  }

  /** The number of the lower-cased token `text[start, end)` with the given hash, adding it if new. */
  private numberAt(text: string, start: number, end: number, hash: number): number {
    const mask = this.keys.length - 1;
    const n = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const key = this.keys[slot];
      if (key === undefined) {
        const token = text.slice(start, end).toLowerCase();
        const number = this.tokens.length;
        this.tokens.push(token);
        this.keys[slot] = token;
        this.hashes[slot] = hash;
        this.numbers[slot] = number;
        if (this.tokens.length * 2 > this.keys.length) this.grow();
        return number;
      }
      if (this.hashes[slot] === hash && key.length === n && sameLowerCase(key, text, start)) return this.numbers[slot];
    }
  }

  private grow(): void {
    const { keys, hashes, numbers } = this;
    this.keys = new Array<string | undefined>(keys.length * 2);
    this.hashes = new Int32Array(keys.length * 2);
    this.numbers = new Int32Array(keys.length * 2);
    const mask = this.keys.length - 1;
    for (let old = 0; old < keys.length; old++) {
      if (keys[old] === undefined) continue;
      let slot = hashes[old] & mask;
      while (this.keys[slot] !== undefined) slot = (slot + 1) & mask;
      this.keys[slot] = keys[old];
      this.hashes[slot] = hashes[old];
      this.numbers[slot] = numbers[old];
    }
  }
}

/** ASCII letters and digits: what {@link tokenize} keeps of plain text. */
function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
}

/** Whether `text` from `start` spells `key` (lower case) in any case. */
function sameLowerCase(key: string, text: string, start: number): boolean {
  for (let j = 0; j < key.length; j++) {
    const c = text.charCodeAt(start + j);
    if (key.charCodeAt(j) !== (c >= 65 && c <= 90 ? c + 32 : c)) return false;
  }
  return true;
}

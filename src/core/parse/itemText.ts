/** Judgements about a piece of listing text that more than one parser needs. */

/**
 * True when a paragraph reads like an abstract rather than a title: long, or a sentence of some
 * length ending in a full stop. Titles in every listing we read are under 300 characters and do
 * not end with a full stop.
 */
export function looksLikeAbstract(text: string): boolean {
  return text.length > 300 || (text.length > 80 && /\.$/.test(text));
}

const NAME_WORD = /^(?:\p{Lu}[\p{L}'’.-]*|\p{Lu}\.|(?:van|von|der|den|de|del|della|da|di|du|la|le|ter|ten|dos|das|bin|al|y)|[IVX]+|Jr\.?|Sr\.?)$/u;

/** Splits an author line into names; `et al.` sets `truncated`. Returns null if it does not read like names. */
export function parseAuthorLine(line: string): { authors: string[]; truncated: boolean } | null {
  let text = line.trim();
  let truncated = false;
  const etAl = /,?\s*(?:et\s+al\.?|and\s+others|…|\.\.\.)\s*$/i;
  if (etAl.test(text)) {
    truncated = true;
    text = text.replace(etAl, '');
  }
  if (!text || text.length > 2000) return null;
  const parts = text
    .split(/\s*,\s*|\s*;\s*|\s+and\s+|\s*&\s*/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return null;
  for (const part of parts) {
    const words = part.split(/\s+/);
    if (words.length > 6 || part.length > 60) return null;
    if (!words.every((w) => NAME_WORD.test(w))) return null;
  }
  return { authors: parts, truncated };
}

/** DOIs and arXiv ids as library entries write them, in the one form merging compares. */

/** A DOI without resolver prefix, or undefined. */
export function cleanDoi(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const m = /10\.\d{4,9}\/\S+/.exec(value.trim());
  return m ? m[0].replace(/[.,;]$/, '') : undefined;
}

/** The arXiv id named anywhere in the given texts (`arXiv:2401.00001v2`, `arxiv.org/abs/…`, an arXiv DOI), without version. */
export function findArxivId(...texts: Array<string | undefined>): string | undefined {
  for (const t of texts) {
    if (!t) continue;
    const m = /(?:arxiv[.:/\s]*(?:org\/(?:abs|pdf)\/)?|10\.48550\/arxiv\.)(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})(?:v\d+)?/i.exec(t);
    if (m) return m[1];
  }
  return undefined;
}

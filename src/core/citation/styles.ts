/** The citation styles Paper Atlas offers by name, and the CSL file each needs (shipped in media/csl/). */

export type StyleName = 'apa' | 'ieee' | 'chicago';

export interface StyleInfo {
  /** Name citeproc knows the style by. */
  cslName: string;
  /** File under media/csl/ holding the style's XML; undefined when citation-js ships it. */
  file?: string;
  label: string;
}

export const CITATION_STYLES: Readonly<Record<StyleName, StyleInfo>> = {
  apa: { cslName: 'apa', label: 'APA 7th edition' },
  ieee: { cslName: 'ieee', file: 'ieee.csl', label: 'IEEE' },
  chicago: { cslName: 'chicago-author-date', file: 'chicago-author-date.csl', label: 'Chicago author-date' },
};

/** True for the names of {@link CITATION_STYLES}. */
export function isStyleName(name: unknown): name is StyleName {
  return typeof name === 'string' && Object.hasOwn(CITATION_STYLES, name);
}

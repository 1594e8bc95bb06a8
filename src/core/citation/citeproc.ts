/**
 * Styled references (APA, IEEE, Chicago, any CSL file) through citation-js, which wraps citeproc-js.
 * This module is its own bundle (dist/citeproc.js), loaded on first use, so activation and search
 * never pay for the ~1 MB processor. Style XML comes from the caller (the core reads no files).
 */
import { Cite, plugins } from '@citation-js/core';
import '@citation-js/plugin-csl';
import type { CslItem } from './cslJson';

/** A citation style: one citation-js knows (`apa`), or CSL XML to register under a name. */
export interface CslStyle {
  /** Short name, e.g. `apa`, `ieee`, `chicago-author-date`, or a user file's name. */
  name: string;
  /** The style's CSL XML; not needed for `apa`, which citation-js ships. */
  xml?: string;
}

export type OutputFormat = 'text' | 'html';

/** Small stable hash, so a changed style file registers as a new template instead of reusing the old engine. */
function hash(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
}

/** The citation-js template name for a style, registering its XML on first use. Throws for a style with no XML. */
function templateFor(style: CslStyle): string {
  const templates = plugins.config.get('@csl').templates;
  if (!style.xml) {
    if (templates.has(style.name)) return style.name;
    throw new Error(`the citation style "${style.name}" needs its CSL file`);
  }
  if (!/<style\b[^>]*xmlns="http:\/\/purl\.org\/net\/xbiblio\/csl"/.test(style.xml)) {
    throw new Error(`"${style.name}" is not a CSL style (no <style xmlns="http://purl.org/net/xbiblio/csl">)`);
  }
  const name = `paper-atlas-${style.name}-${hash(style.xml)}`;
  if (!templates.has(name)) templates.add(name, style.xml);
  return name;
}

/** Output of citeproc, trimmed, with its HTML wrapper divs left in for `html`. */
function render(items: readonly CslItem[], kind: 'bibliography' | 'citation', style: CslStyle, format: OutputFormat): string {
  if (items.length === 0) return '';
  const template = templateFor(style);
  return new Cite(items.map((i) => ({ ...i }))).format(kind, { template, format, lang: 'en-US' }).trim();
}

/** The reference list of the items in the style's own order, one reference per line (text) or as citeproc's HTML. */
export function formatReferenceList(items: readonly CslItem[], style: CslStyle, format: OutputFormat = 'text'): string {
  return render(items, 'bibliography', style, format);
}

/** One reference per item, in the order given (each formatted alone: no list numbering beyond `[1]`). */
export function formatReferences(items: readonly CslItem[], style: CslStyle, format: OutputFormat = 'text'): string[] {
  return items.map((item) => render([item], 'bibliography', style, format));
}

/** The in-text citation of the items together, e.g. `(Nichani & Lee, 2024)` in APA, `[1]` in IEEE. */
export function formatInTextCitation(items: readonly CslItem[], style: CslStyle): string {
  return render(items, 'citation', style, 'text');
}

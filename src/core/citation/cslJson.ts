/**
 * CSL-JSON, the input of every CSL processor (citeproc-js, Pandoc, Zotero). Field names follow the
 * CSL 1.0.2 data schema.
 */
import { familyName, type Paper } from '../paper';
import { bibEntryType, isPreprintServer, listingNote } from './bibtex';

export interface CslName {
  family?: string;
  given?: string;
  literal?: string;
}

export interface CslItem {
  id: string;
  type: string;
  'citation-key': string;
  title: string;
  author?: CslName[];
  issued?: { 'date-parts': number[][] };
  abstract?: string;
  'container-title'?: string;
  publisher?: string;
  DOI?: string;
  URL?: string;
  source?: string;
}

/** A display name as a CSL name: family and given split the way the listings write names (given first). */
export function cslName(name: string): CslName {
  const family = familyName(name);
  const given = name.trim().slice(0, name.trim().length - family.length).trim();
  return given ? { family, given } : { family };
}

/**
 * The CSL-JSON item of a paper. The type is `article-journal` or `paper-conference` when a library
 * entry names the venue, else `article` (CSL's preprint/working paper: the listings name no journal);
 * an organisation listed instead of authors becomes a literal name. TeX in the abstract is left as it is.
 */
export function toCslItem(paper: Paper): CslItem {
  const entryType = bibEntryType(paper);
  const type = entryType === 'article' ? 'article-journal' : entryType === 'inproceedings' ? 'paper-conference' : 'article';
  const item: CslItem = { id: paper.key, type, 'citation-key': paper.key, title: paper.title };
  if (paper.venue?.trim() && isPreprintServer(paper.venue)) item.publisher = paper.venue.trim();
  else if (paper.venue?.trim()) item['container-title'] = paper.venue.trim();
  if (paper.doi) item.DOI = paper.doi;
  const url = paper.url ?? (paper.arxivId ? `https://arxiv.org/abs/${paper.arxivId}` : undefined);
  if (url) item.URL = url;
  if (paper.authors.length > 0) item.author = paper.authors.map(cslName);
  else if (paper.organization) item.author = [{ literal: paper.organization }];
  const date = paper.date ? /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(paper.date) : null;
  if (date) item.issued = { 'date-parts': [[Number(date[1]), Number(date[2]), ...(date[3] ? [Number(date[3])] : [])]] };
  else if (paper.year !== null) item.issued = { 'date-parts': [[paper.year]] };
  if (paper.abstract.trim()) item.abstract = paper.abstract;
  const listed = listingNote(paper);
  if (listed) item.source = listed.replace(/^Listed in /, '');
  return item;
}

import { assignIdentities, normalizeTitle, type ListedPaper, type Paper } from '../paper';

type Unkeyed = Omit<Paper, 'id' | 'key'>;

/** How much a listing's date can be trusted: the institute's exact dates, then dates printed with a year, then dates whose year is only the page's. */
function dateRank(p: Pick<ListedPaper, 'date' | 'source' | 'dateYearInferred'>): number {
  if (!p.date) return 0;
  if (p.source.kind === 'publications') return 3;
  return p.dateYearInferred ? 1 : 2;
}

/**
 * Merges the papers of several listings into unique papers, by normalised title, in order of first
 * appearance. Each field keeps its richest value: named authors over none (the longer list, a
 * complete list over an "et al." one), a date over none, the longer abstract, the highest upvote
 * count; every source is kept. Then gives each paper its id and key.
 */
export function mergeListings(listed: readonly ListedPaper[]): Paper[] {
  const byTitle = new Map<string, Unkeyed & { dateRank: number }>();
  for (const item of listed) {
    const norm = normalizeTitle(item.title);
    const seen = byTitle.get(norm);
    if (!seen) {
      const { source, dateYearInferred: _inferred, ...fields } = item;
      byTitle.set(norm, { ...fields, authors: [...item.authors], sources: [source], dateRank: dateRank(item) });
      continue;
    }
    mergeInto(seen, item);
  }
  return assignIdentities([...byTitle.values()].map(({ dateRank: _rank, ...paper }) => paper));
}

function mergeInto(into: Unkeyed & { dateRank: number }, item: ListedPaper): void {
  into.sources.push(item.source);
  const betterAuthors =
    item.authors.length > 0 &&
    (into.authors.length === 0 ||
      (into.authorsTruncated && !item.authorsTruncated) ||
      (into.authorsTruncated === item.authorsTruncated && item.authors.length > into.authors.length));
  if (betterAuthors) {
    into.authors = [...item.authors];
    into.authorsTruncated = item.authorsTruncated;
  }
  into.authorCount = Math.max(into.authorCount ?? 0, item.authorCount ?? 0, into.authorsTruncated ? 0 : into.authors.length) || null;
  into.organization ??= item.organization;
  const rank = dateRank(item);
  if (rank > into.dateRank) {
    into.date = item.date;
    into.year = item.year;
    into.dateRank = rank;
  }
  if (item.abstract.length > into.abstract.length) into.abstract = item.abstract;
  if (item.upvotes !== null) into.upvotes = Math.max(into.upvotes ?? 0, item.upvotes);
  if (item.title.length > into.title.length && normalizeTitle(item.title) === normalizeTitle(into.title)) into.title = item.title;
}

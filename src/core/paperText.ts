import type { Paper } from './paper';

/** "Nichani, Lee, Bietti" style: who wrote it, as far as the listings tell ("5 authors", an organisation). */
export function authorSummary(paper: Paper, max = 3): string {
  if (paper.authors.length > 0) {
    const shown = paper.authors.slice(0, max).join(', ');
    return paper.authors.length > max || paper.authorsTruncated ? `${shown} et al.` : shown;
  }
  if (paper.organization) return paper.organization;
  if (paper.authorCount) return `${paper.authorCount} author${paper.authorCount === 1 ? '' : 's'}`;
  return 'authors unknown';
}

/** "Nichani et al." / "Tel Aviv University" / "3 authors": the short form a tree row or a list shows. */
export function firstAuthorShort(paper: Paper): string {
  if (paper.authors.length > 0) {
    const first = paper.authors[0];
    return paper.authors.length > 1 || paper.authorsTruncated ? `${first} et al.` : first;
  }
  return authorSummary(paper);
}

/** Human names of the listings a paper came from ("Flatiron publications", "HF daily papers"). */
export function sourceLabel(source: Paper['sources'][number]): string {
  if (source.kind === 'library') return source.file.replace(/^.*[\\/]/, '');
  const site = source.site === 'flatiron' ? 'Flatiron Institute' : source.site === 'huggingface' ? 'Hugging Face' : source.site;
  const kind = source.kind === 'publications' ? 'publications' : source.kind === 'daily' ? 'daily papers' : 'paper search';
  return `${site} ${kind}`;
}

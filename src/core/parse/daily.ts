import type { ListedPaper, ParseWarning } from '../paper';
import { isoDate, joinWrapped, monthNumber, paragraphs, splitLines, type Paragraph } from './text';
import { looksLikeAbstract } from './itemText';
import type { ListingResult } from './listing';

/** Page furniture of the daily-papers pages, matched against whole paragraphs. */
const CHROME = [
  /^new$/i,
  /^Get trending papers in your email inbox( once a day)?!?$/i,
  /^Subscribe$/i,
  /^Daily Papers$/i,
  /^by\s*AK and the research community$/i,
  /^[A-Z][a-z]{2,8}\.? \d{1,2}(, \d{4})?$/, // the page's own date, above the first paper (a lone date elsewhere is a broken meta block)
  /^(Previous|Next)( Page)?$/i,
];

/** Pieces of a meta block seen alone: "·", "• 3 authors", a date with or without upvotes. */
function isMetaFragment(text: string): boolean {
  return /^[•*]/.test(text) || /(^|\s)·(\s|$)/.test(text) || /^\d+\s+authors?$/i.test(text) || /^[A-Z][a-z]{2,8}\.? \d{1,2}(,? \d{4})?( \d+)?$/.test(text);
}

/** Prose, not a title: a sentence with a full stop, or a dozen words at least. */
function readsAsProse(text: string): boolean {
  return /[.!?]$/.test(text) || text.split(/\s+/).length >= 12;
}

const BULLET = /^\s*[•*]\s*\S/;
const DOT = /^\s*·\s*$/;
const DATE_LINE = /^\s*[A-Z][a-z]{2,8}\.? \d{1,2}(,? \d{4})?( \d+)?\s*$/;

/**
 * Cuts paragraphs into the units the list is made of — a title, an abstract, a meta block — even
 * where the page lost the blank lines between them: a meta block is the line before a lone "·"
 * (an "N authors" bullet or an organisation), the "·" and the date after it; a title line directly
 * followed by an abstract is split from it.
 */
function dailyUnits(paras: readonly Paragraph[]): Paragraph[] {
  const units: Paragraph[] = [];
  for (const para of paras) {
    let run: Paragraph | null = null;
    const flush = () => {
      if (run) units.push(...splitTitleFromAbstract(run));
      run = null;
    };
    for (let i = 0; i < para.lines.length; i++) {
      const line = para.lines[i];
      const n = para.line + i;
      const next = para.lines[i + 1];
      const startsMeta = BULLET.test(line) || DOT.test(line) || (next !== undefined && DOT.test(next) && line.trim().length <= 80);
      if (startsMeta) {
        flush();
        const meta: Paragraph = { line: n, lines: [line] };
        while (i + 1 < para.lines.length && (DOT.test(para.lines[i + 1]) || (DOT.test(para.lines[i]) && DATE_LINE.test(para.lines[i + 1])))) {
          meta.lines.push(para.lines[++i]);
        }
        units.push(meta);
        continue;
      }
      run ??= { line: n, lines: [] };
      run.lines.push(line);
    }
    flush();
  }
  return units;
}

function splitTitleFromAbstract(para: Paragraph): Paragraph[] {
  if (para.lines.length < 2) return [para];
  const [first, ...rest] = para.lines;
  const restText = joinWrapped(rest);
  if (!looksLikeAbstract(first.trim()) && !/[.!?]$/.test(first.trim()) && looksLikeAbstract(restText)) {
    return [{ line: para.line, lines: [first] }, { line: para.line + 1, lines: rest }];
  }
  return [para];
}

export interface DailyMeta {
  authorCount: number | null;
  organization: string | null;
  date: string | null;
  upvotes: number | null;
  /** True when the date had no year and got `captureYear`. */
  yearInferred: boolean;
  /** The date as printed when it is not a real calendar date ("Feb 30"); `date` is then null. */
  invalidDate: string | null;
}

const META = /^(?:[•*]\s*)?(.*?)\s*·\s*([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:,?\s+(\d{4}))?(?:\s+(\d+))?\s*$/;

/**
 * Reads a daily-papers meta block ("• 3 authors · Mar 4", "tau Tel Aviv University · Oct 7, 2025 2")
 * given as one line. A date without a year is in `captureYear`. Returns null if it is not a meta block.
 */
export function parseDailyMeta(text: string, captureYear: number): DailyMeta | null {
  const m = META.exec(text.replace(/\s+/g, ' ').trim());
  if (!m) return null;
  const month = monthNumber(m[2]);
  if (!month) return null;
  const date = isoDate(m[4] ? Number(m[4]) : captureYear, month, Number(m[3]));
  const who = m[1].trim();
  const count = /^(\d+)\s+authors?$/i.exec(who);
  return {
    authorCount: count ? Number(count[1]) : null,
    // An organisation is shown as "<handle> <Name>" (avatar text, then name): keep the name.
    organization: count || !who ? null : who.replace(/^[a-z0-9][a-z0-9_-]*\s+(?=\p{Lu})/u, ''),
    date,
    upvotes: m[5] ? Number(m[5]) : null,
    yearInferred: !m[4],
    invalidDate: date ? null : `${m[2]} ${m[3]}${m[4] ? `, ${m[4]}` : ''}`,
  };
}

/**
 * Reads a daily-papers list: title, abstract, then a meta block ("N authors" or an organisation,
 * "·", a date, maybe an upvote count) that belongs to the paper above it. Some papers have no meta
 * block. Titles without an abstract and meta blocks without a paper are skipped with a warning.
 */
export function parseDailyListing(text: string, file: string, captureYear: number, site = 'huggingface'): ListingResult {
  const papers: ListedPaper[] = [];
  const warnings: ParseWarning[] = [];
  let pending: { title: string; line: number; abstract?: string } | null = null;

  const emit = (meta: DailyMeta | null) => {
    if (!pending?.abstract) return;
    papers.push({
      title: pending.title,
      authors: [],
      authorsTruncated: false,
      authorCount: meta?.authorCount ?? null,
      organization: meta?.organization ?? null,
      date: meta?.date ?? null,
      year: meta?.date ? Number(meta.date.slice(0, 4)) : null,
      abstract: pending.abstract,
      upvotes: meta?.upvotes ?? null,
      dateYearInferred: meta?.yearInferred ?? false,
      source: { file, site, kind: 'daily', line: pending.line, position: papers.length + 1 },
    });
    pending = null;
  };
  const dropTitleWithoutAbstract = () => {
    if (pending && !pending.abstract) {
      warnings.push({ file, line: pending.line, message: `skipped "${pending.title.slice(0, 60)}": it has no abstract` });
      pending = null;
    }
  };

  for (const raw of dailyUnits(paragraphs(splitLines(text)))) {
    // Page furniture is dropped line by line: on a page whose blank lines were lost it shares a
    // paragraph with other furniture or with a paper.
    const meta = raw.lines.some((l) => l.includes('·')) ? parseDailyMeta(raw.lines.join(' '), captureYear) : null;
    const kept = raw.lines.map((l, i) => ({ l, n: raw.line + i })).filter(({ l }) => meta || !CHROME.some((re) => re.test(l.trim())));
    if (kept.length === 0) continue;
    const para = { line: kept[0].n, lines: kept.map((k) => k.l) };
    const joined = joinWrapped(para.lines);
    if (meta) {
      if (meta.invalidDate && pending?.abstract) {
        warnings.push({ file, line: para.line, message: `dropped the impossible date "${meta.invalidDate}" of "${pending.title.slice(0, 60)}"` });
      }
      if (pending?.abstract) emit(meta);
      else if (pending) dropTitleWithoutAbstract();
      else warnings.push({ file, line: para.line, message: 'ignored a meta line (authors · date) that follows no paper' });
      continue;
    }
    if (isMetaFragment(joined)) {
      warnings.push({ file, line: para.line, message: `ignored an incomplete meta line "${joined.slice(0, 40)}"` });
      continue;
    }
    if (looksLikeAbstract(joined)) {
      if (pending && !pending.abstract) pending.abstract = joined;
      else {
        if (pending) emit(null);
        warnings.push({ file, line: para.line, message: 'skipped an abstract that has no title above it' });
      }
      continue;
    }
    // A title-like paragraph. If the pending paper already has its abstract, it had no meta block.
    if (pending?.abstract) emit(null);
    else if (pending) {
      // Short abstracts exist: a short paragraph after a title is its abstract if it reads as prose.
      if (readsAsProse(joined)) {
        pending.abstract = joined;
        continue;
      }
      dropTitleWithoutAbstract();
    }
    pending = { title: joined, line: para.line };
  }
  if (pending?.abstract) emit(null);
  else dropTitleWithoutAbstract();
  return { papers, warnings };
}

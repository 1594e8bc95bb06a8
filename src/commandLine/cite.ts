import { formatBibliography } from '../core/citation/bibtex';
import { toCslItem } from '../core/citation/cslJson';
import { LANGUAGE_SYNTAX, LATEX_CITE_COMMANDS, type CiteOptions, type LatexCiteCommand } from '../core/citation/languages';
import { isStyleName } from '../core/citation/styles';
import type { Paper } from '../core/paper';
import { loadCiteproc, readCslStyle } from '../node/citeprocLoader';
import { loadCorpus, reportWarnings, UsageError, type CliCommand } from './command';

/** In-text formats: the language whose citation syntax each one prints. */
const IN_TEXT: Record<string, string> = { latex: 'latex', pandoc: 'pandoc', typst: 'typst', org: 'org', rst: 'restructuredtext' };
const STYLED = ['apa', 'ieee', 'chicago'];
const FORMATS = ['bibtex', 'biblatex', ...Object.keys(IN_TEXT), 'markdown', ...STYLED, 'csl', 'csl-json'];

/** citeproc's HTML for one reference as Markdown: italics and bold kept, other tags dropped, entities decoded. */
function htmlToMarkdown(html: string): string {
  return html
    .replace(/<\/?(i|em)>/g, '*')
    .replace(/<\/?(b|strong)>/g, '**')
    .replace(/<[^>]+>/g, '')
    .replace(/&#38;|&amp;/g, '&')
    .replace(/&#60;|&lt;/g, '<')
    .replace(/&#62;|&gt;/g, '>')
    .replace(/&#34;|&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** The papers for ids or keys, in the order given; unknown ones are thrown as a usage error naming them all. */
function resolvePapers(papers: readonly Paper[], wanted: readonly string[]): Paper[] {
  const byIdOrKey = new Map<string, Paper>();
  for (const p of papers) byIdOrKey.set(p.id, p).set(p.key, p);
  const unknown = wanted.filter((w) => !byIdOrKey.has(w));
  if (unknown.length > 0) throw new UsageError(`unknown paper ${unknown.map((u) => `"${u}"`).join(', ')} (give a citation key or id; "paper-atlas papers" lists them)`);
  return [...new Set(wanted.map((w) => byIdOrKey.get(w)!))];
}

export const citeCommand: CliCommand = {
  summary: 'print citations, BibTeX entries or formatted references for papers',
  usage: `paper-atlas cite <id|key>... [--format ${FORMATS.join('|')}] [--csl FILE] [--ascii] [--no-abstract] [--latex-command ${LATEX_CITE_COMMANDS.join('|')}] [--typst-style at|function]`,
  options: {
    format: { type: 'string', short: 'f' },
    csl: { type: 'string' },
    ascii: { type: 'boolean' },
    'no-abstract': { type: 'boolean' },
    'latex-command': { type: 'string' },
    'typst-style': { type: 'string' },
  },
  run({ values, positionals }, io) {
    const format = typeof values.format === 'string' ? values.format : 'bibtex';
    if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${format}"`);
    if (positionals.length === 0) throw new UsageError('give at least one paper id or citation key');
    const latexCommand = values['latex-command'] ?? 'cite';
    if (!(LATEX_CITE_COMMANDS as readonly unknown[]).includes(latexCommand)) {
      throw new UsageError(`--latex-command must be one of ${LATEX_CITE_COMMANDS.join(', ')}`);
    }
    const typstStyle = values['typst-style'] ?? 'at';
    if (typstStyle !== 'at' && typstStyle !== 'function') throw new UsageError('--typst-style must be "at" or "function"');
    if (format === 'csl' && typeof values.csl !== 'string') throw new UsageError('--format csl needs --csl FILE');

    const corpus = loadCorpus(values);
    reportWarnings(corpus, io);
    const papers = resolvePapers(corpus.papers, positionals);
    const keys = papers.map((p) => p.key);
    const options: CiteOptions = { latexCommand: latexCommand as LatexCiteCommand, typstStyle };

    if (format === 'bibtex' || format === 'biblatex') {
      io.out(formatBibliography(papers, { dialect: format, ascii: values.ascii === true, omitAbstract: values['no-abstract'] === true }).trimEnd());
    } else if (Object.hasOwn(IN_TEXT, format)) {
      io.out(LANGUAGE_SYNTAX[IN_TEXT[format]].cite(keys, options));
    } else if (format === 'csl-json') {
      io.out(JSON.stringify(papers.map(toCslItem), null, 2));
    } else {
      const styleName = typeof values.csl === 'string' ? values.csl : isStyleName(format) ? format : 'apa';
      const style = readCslStyle(styleName);
      const citeproc = loadCiteproc();
      const items = papers.map(toCslItem);
      if (format === 'markdown') {
        for (const html of citeproc.formatReferences(items, style, 'html')) io.out(`- ${htmlToMarkdown(html)}`);
      } else {
        io.out(citeproc.formatReferenceList(items, style, 'text'));
      }
    }
    return 0;
  },
};

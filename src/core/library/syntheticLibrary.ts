import type { Paper } from '../paper';
import { seededRandom } from '../syntheticCorpus';
import { MONTH_ABBREVIATIONS } from '../parse/text';

const ACCENTED: Array<[string, string]> = [['Müller', 'M{\\"u}ller'], ['García', 'Garc{\\\'\\i}a'], ['Ørsted', '{\\O}rsted'], ['Šimić', '{\\v{S}}imi{\\\'c}']];

/**
 * A Zotero-shaped `.bib` file of `size` made-up entries for benchmarks, built from real papers:
 * titles mix the words of two real titles, authors are real names (a few with TeX accents), with a
 * `@string` venue, month macros, DOIs and abstracts; every 500th entry is left unclosed. The same
 * size and seed give the same text.
 */
export function syntheticBibtex(base: readonly Paper[], size: number, seed = 7): string {
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const titles = base.map((p) => p.title.split(/\s+/));
  const names = [...new Set(base.flatMap((p) => p.authors))].filter((n) => n.includes(' '));
  const abstracts = base.map((p) => p.abstract).filter((a) => a.length > 80);
  const parts = ['@string{neurips = {Advances in Neural Information Processing Systems}}\n@comment{Exported by a benchmark}\n'];
  for (let i = 0; i < size; i++) {
    const a = pick(titles);
    const b = pick(titles);
    const title = [...a.slice(0, 1 + Math.floor(random() * a.length)), ...b.slice(Math.floor(random() * b.length))].join(' ');
    const authors = Array.from({ length: 1 + Math.floor(random() * 5) }, () => {
      const [given, ...family] = pick(names).split(' ');
      const accented = random() < 0.05 ? pick(ACCENTED)[1] : family.join(' ');
      return `${accented}, ${given}`;
    });
    const year = 2000 + Math.floor(random() * 26);
    const broken = i % 500 === 499;
    parts.push(
      `@article{entry${i}_${year},\n\ttitle = {${title.replace(/[{}\\]/g, '')}${broken ? '' : '}'},\n\tauthor = {${authors.join(' and ')}},\n` +
        `\tjournal = neurips,\n\tyear = {${year}},\n\tmonth = ${pick(MONTH_ABBREVIATIONS)},\n\tdoi = {10.5555/bench.${i}},\n` +
        `\tabstract = {${pick(abstracts).replace(/[{}\\]/g, '').slice(0, 600)}},\n${broken ? '' : '}\n'}\n`,
    );
  }
  return parts.join('');
}

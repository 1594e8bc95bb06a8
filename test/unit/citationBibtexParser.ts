import * as path from 'node:path';
import { repoRoot } from './fixturePaths';

/** The parts of @retorquere/bibtex-parser's result the citation tests read. */
export interface ParsedEntry {
  type: string;
  key: string;
  fields: Record<string, string> & { author?: Array<{ lastName?: string; firstName?: string; prefix?: string; name?: string }> };
}

interface ParserModule {
  parse(input: string, options?: { sentenceCase?: false; english?: boolean; unsupported?: 'ignore' }): { entries: ParsedEntry[]; errors: unknown[] };
}

/**
 * The real BibTeX parser (the one behind Better BibTeX). Its package's CommonJS build is ESM in
 * disguise ("type": "module"), so this loads the ESM build by path, which Node 20.19+ can require.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const parser = require(path.join(repoRoot, 'node_modules', '@retorquere', 'bibtex-parser', 'dist', 'esm', 'index.js')) as ParserModule;

/**
 * Parses BibTeX keeping titles' casing as written. TeX commands the parser cannot turn into Unicode
 * (`\\mathcal` in an abstract's math) are valid TeX, not syntax errors, so they are not reported.
 */
export function parseBibtex(bib: string): { entries: ParsedEntry[]; errors: unknown[] } {
  const library = parser.parse(bib, { sentenceCase: false, english: false, unsupported: 'ignore' });
  return { entries: library.entries, errors: library.errors };
}

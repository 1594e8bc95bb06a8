import type { Corpus } from './corpus';
import type { Paper, ParseWarning } from './paper';

/** Version of the prebuilt corpus file; bump when its shape changes so stale files are rebuilt. */
export const PREBUILT_VERSION = 1;

export interface PrebuiltCorpus {
  version: number;
  papers: Paper[];
  warnings: ParseWarning[];
}

/** The prebuilt corpus as JSON text (compact: it is read by programs). */
export function serializeCorpus(corpus: Corpus): string {
  const data: PrebuiltCorpus = { version: PREBUILT_VERSION, papers: corpus.papers, warnings: corpus.warnings };
  return JSON.stringify(data);
}

/** Reads a prebuilt corpus; throws an Error that says what is wrong if the text is not one of this version. */
export function deserializeCorpus(text: string): Corpus {
  const data = JSON.parse(text) as Partial<PrebuiltCorpus>;
  if (data.version !== PREBUILT_VERSION || !Array.isArray(data.papers) || !Array.isArray(data.warnings)) {
    throw new Error(`prebuilt corpus has version ${String(data.version)}, expected ${PREBUILT_VERSION}: run "npm run build"`);
  }
  return { papers: data.papers, warnings: data.warnings };
}

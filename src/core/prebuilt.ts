import type { Corpus } from './corpus';
import type { Paper, ParseWarning } from './paper';
import { PaperIndex, type SerializedIndex } from './searchIndex';
import { buildTopicTree, type TopicNode } from './topics';

/** Version of the prebuilt corpus file; bump when its shape changes so stale files are rebuilt. */
export const PREBUILT_VERSION = 2;

export interface PrebuiltCorpus {
  version: number;
  papers: Paper[];
  warnings: ParseWarning[];
  /** The serialized search index of `papers`, so the extension never indexes at activation. */
  index?: SerializedIndex;
  /** The topic tree of `papers` (see topics.ts), learnt at build time so the Topics view opens at once. */
  topics?: TopicNode[];
}

/** The corpus plus its search index as JSON text (compact: it is read by programs). */
export function serializeCorpus(corpus: Corpus, index: PaperIndex = PaperIndex.build(corpus.papers)): string {
  const data: PrebuiltCorpus = { version: PREBUILT_VERSION, papers: corpus.papers, warnings: corpus.warnings, index: index.toJSON(), topics: buildTopicTree(corpus.papers) };
  return JSON.stringify(data);
}

/** Reads a prebuilt corpus; throws an Error that says what is wrong if the text is not one of this version. */
export function deserializeCorpus(text: string): Corpus & { index?: SerializedIndex; topics?: TopicNode[] } {
  const data = JSON.parse(text) as Partial<PrebuiltCorpus>;
  if (data.version !== PREBUILT_VERSION || !Array.isArray(data.papers) || !Array.isArray(data.warnings)) {
    throw new Error(`prebuilt corpus has version ${String(data.version)}, expected ${PREBUILT_VERSION}: run "npm run build"`);
  }
  return { papers: data.papers, warnings: data.warnings, index: data.index, topics: data.topics };
}

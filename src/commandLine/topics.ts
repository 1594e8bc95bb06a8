import { buildTopicTree, type TopicMethod, type TopicNode } from '../core/topics';
import { loadCorpus, positiveInt, reportWarnings, UsageError, type CliCommand } from './command';

const METHODS: readonly TopicMethod[] = ['nmf', 'kmeans', 'lsa', 'agglomerative'];

/** The tree as an indented outline: one line per topic with its paper count and first keywords. */
function outline(nodes: readonly TopicNode[], depth = 0): string[] {
  return nodes.flatMap((n) => [
    `${'  '.repeat(depth)}${n.label} (${n.paperIds.length})${n.keywords.length ? `  — ${n.keywords.slice(0, 5).join(', ')}` : ''}`,
    ...outline(n.children, depth + 1),
  ]);
}

export const topicsCommand: CliCommand = {
  summary: 'learn the topic tree of the corpus (top-level topics and subtopics, with keywords)',
  usage: 'paper-atlas topics [--json] [--method nmf|kmeans|lsa|agglomerative] [--topics N] [--runs N] [--seeds DIR]',
  options: { json: { type: 'boolean' }, method: { type: 'string' }, topics: { type: 'string' }, runs: { type: 'string' } },
  run({ values }, io) {
    const method = (values.method ?? 'nmf') as TopicMethod;
    if (!METHODS.includes(method)) throw new UsageError(`--method takes one of ${METHODS.join(', ')}, not "${String(values.method)}"`);
    const corpus = loadCorpus(values);
    reportWarnings(corpus, io);
    const tree = buildTopicTree(corpus.papers, {
      method,
      topics: values.topics === undefined ? undefined : positiveInt(values.topics, 'topics', 9),
      runs: values.runs === undefined ? undefined : positiveInt(values.runs, 'runs', 15),
    });
    if (values.json) {
      io.out(JSON.stringify(tree, null, 2));
      return 0;
    }
    io.out(outline(tree).join('\n'));
    io.out(`${corpus.papers.length} papers in ${tree.length} topics`);
    return 0;
  },
};

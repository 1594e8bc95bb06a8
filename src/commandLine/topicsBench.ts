import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Paper } from '../core/paper';
import { syntheticCorpus } from '../core/syntheticCorpus';
import { topicAgreement, topLevelAssignment } from '../core/topicAgreement';
import { buildTopicTree, CONSENSUS_MAX_PAPERS, CONSENSUS_RUNS, topicLeaves, type TopicMethod } from '../core/topics';

export interface TopicMethodRow {
  method: TopicMethod;
  /** NMF runs whose consensus groups the papers (1: a single run). */
  runs: number;
  build_ms: number;
  cpu_ms: number;
  topics: number;
  nmi: number | null;
  pairwise_f1: number | null;
}

export interface TopicsBench {
  /** Each clustering method on the bundled corpus (NMF as a consensus of runs and as one run), scored against the hand labels. */
  methods: TopicMethodRow[];
  /**
   * The default method on a synthetic corpus of this many papers (the budget is one second): the
   * median of three builds (wall clock and process CPU, which a busy machine does not inflate) and
   * the first, cold build.
   */
  synthetic: { papers: number; build_ms: number; cpu_ms: number; first_build_ms: number; topics: number; leaves: number };
  labelled_papers: number;
}

const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

/** The hand labels of test/fixtures/topic-labels.json (id → topic), when the file is there. */
export function readTopicLabels(): Record<string, string> | null {
  const file = path.join(__dirname, '..', 'test', 'fixtures', 'topic-labels.json');
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { labels: Record<string, string> }).labels : null;
}

/** Times the topic model on the corpus (every method, with its agreement) and on a synthetic corpus of `syntheticSize` papers. */
export function benchTopics(papers: readonly Paper[], syntheticSize = 10_000): TopicsBench {
  const labels = readTopicLabels();
  const variants: Array<{ method: TopicMethod; runs?: number }> = [{ method: 'nmf' }, { method: 'nmf', runs: 1 }, { method: 'kmeans' }, { method: 'lsa' }, { method: 'agglomerative' }];
  const methods = variants.map(({ method, runs }): TopicMethodRow => {
    const cpu = process.cpuUsage();
    const t = performance.now();
    const tree = buildTopicTree(papers, { method, runs });
    const ms = performance.now() - t;
    const used = process.cpuUsage(cpu);
    const agreement = labels ? topicAgreement(topLevelAssignment(tree), labels) : null;
    return {
      method,
      runs: method === 'nmf' ? (runs ?? (papers.length <= CONSENSUS_MAX_PAPERS ? CONSENSUS_RUNS : 1)) : 1,
      build_ms: round(ms, 1),
      cpu_ms: round((used.user + used.system) / 1000, 1),
      topics: tree.length,
      nmi: agreement && round(agreement.nmi),
      pairwise_f1: agreement && round(agreement.pairwiseF1),
    };
  });
  const big = syntheticCorpus(papers, syntheticSize);
  const runs = [0, 1, 2].map(() => {
    const cpu = process.cpuUsage();
    const t = performance.now();
    const tree = buildTopicTree(big);
    const ms = performance.now() - t;
    const used = process.cpuUsage(cpu);
    return { ms, cpu: (used.user + used.system) / 1000, tree };
  });
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1];
  const { tree } = runs[0];
  return {
    methods,
    synthetic: {
      papers: big.length,
      build_ms: round(median(runs.map((r) => r.ms)), 1),
      cpu_ms: round(median(runs.map((r) => r.cpu)), 1),
      first_build_ms: round(runs[0].ms, 1),
      topics: tree.length,
      leaves: topicLeaves(tree).length,
    },
    labelled_papers: labels ? Object.keys(labels).length : 0,
  };
}

/** The bench's text lines for the topics section. */
export function topicsBenchLines(b: TopicsBench): string[] {
  return [
    ...b.methods.map((m) => `topics: ${`${m.method}${m.method === 'nmf' ? ` ×${m.runs}` : ''}`.padEnd(13)} ${String(m.build_ms).padStart(7)} ms (${m.cpu_ms} ms CPU)  ${m.topics} topics  NMI ${m.nmi ?? '–'}  pairwise F1 ${m.pairwise_f1 ?? '–'}  (${b.labelled_papers} hand-labelled papers)`),
    `topics: ${b.synthetic.papers} synthetic papers in ${b.synthetic.build_ms} ms (median of 3; ${b.synthetic.cpu_ms} ms CPU; first build ${b.synthetic.first_build_ms} ms) (${b.synthetic.topics} topics, ${b.synthetic.leaves} leaves)`,
  ];
}

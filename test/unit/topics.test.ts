import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { buildCorpus } from '../../src/core/corpus';
import type { Paper } from '../../src/core/paper';
import { deserializeCorpus, serializeCorpus } from '../../src/core/prebuilt';
import { topicAgreement, topLevelAssignment } from '../../src/core/topicAgreement';
import { buildTopicTree, buildTopicTreeInSteps, OTHER_LABEL, topicLeaves, type TopicNode } from '../../src/core/topics';
import { consensusPartition } from '../../src/core/topics/consensus';
import { readListingFiles } from '../../src/node/seedFiles';
import { fixture, repoRoot } from './fixturePaths';

/** Words a shelf label must not contain: stop words and words that say nothing about a field. */
const FORBIDDEN_LABEL_WORDS = new Set(
  'a an and the of for in on with to by from via using based model models result results method methods approach paper study analysis data new novel'.split(' '),
);

/** Generic nouns that may end a label after a content word. */
const GENERIC_HEADS = new Set(['model', 'models', 'method', 'methods', 'approach', 'data']);

const handLabels = (JSON.parse(fixture('topic-labels.json')) as { labels: Record<string, string> }).labels;

describe('the topic tree of the bundled papers', function () {
  // The consensus of 15 NMF runs takes a few seconds per tree; the bench times it.
  this.timeout(60_000);
  const papers = buildCorpus(readListingFiles(path.join(repoRoot, 'seeds'))).papers;
  const tree = buildTopicTree(papers);
  const topics = tree.filter((n) => n.label !== OTHER_LABEL);

  it('has 6 to 14 top-level topics', () => {
    assert.ok(topics.length >= 6 && topics.length <= 14, `${topics.length} topics`);
  });

  it('puts every paper in exactly one leaf', () => {
    const leafIds = topicLeaves(tree).flatMap((l) => l.paperIds);
    assert.equal(leafIds.length, papers.length);
    assert.deepEqual([...leafIds].sort(), papers.map((p) => p.id).sort());
  });

  it('lists in each node the papers of its whole subtree', () => {
    const check = (n: TopicNode) => {
      if (n.children.length === 0) return;
      assert.deepEqual([...n.paperIds].sort(), n.children.flatMap((c) => c.paperIds).sort(), n.label);
      n.children.forEach(check);
    };
    tree.forEach(check);
  });

  it('splits topics of more than about 25 papers into subtopics, and only those', () => {
    for (const n of topics) {
      if (n.paperIds.length > 25) assert.ok(n.children.length >= 2, `"${n.label}" (${n.paperIds.length} papers) has subtopics`);
      if (n.paperIds.length <= 25) assert.equal(n.children.length, 0, `"${n.label}" is a leaf`);
    }
  });

  it('keeps the catch-all "Other" to at most 10% of the papers', () => {
    const other = tree.find((n) => n.label === OTHER_LABEL);
    assert.ok((other?.paperIds.length ?? 0) <= papers.length * 0.1);
  });

  it('labels every topic with 2 to 4 words, a phrase or two terms joined by "and", none of them stop or generic words, unique among siblings', () => {
    const check = (nodes: TopicNode[]) => {
      const labels = nodes.map((n) => n.label.toLowerCase());
      assert.equal(new Set(labels).size, labels.length, `sibling labels ${labels.join(' | ')}`);
      for (const n of nodes) {
        if (n.label === OTHER_LABEL) continue;
        assert.ok(!n.label.includes(','), `"${n.label}" is no comma-joined list of loose words`);
        assert.ok(n.label.split(/\s+/).length >= 2 && n.label.split(/\s+/).length <= 4, `"${n.label}" has 2–4 words`);
        const parts = n.label.toLowerCase().split(' and ');
        assert.ok(parts.length <= 2 && parts.every(Boolean), `"${n.label}" joins at most two terms`);
        for (const words of parts.map((p) => p.split(/\s+/))) {
          // A generic noun may end a specific phrase ("Language models"), never start one or stand in it alone.
          words.forEach((w, i) => assert.ok(!FORBIDDEN_LABEL_WORDS.has(w) || (i === words.length - 1 && i > 0 && GENERIC_HEADS.has(w) && !FORBIDDEN_LABEL_WORDS.has(words[i - 1])), `"${n.label}" contains "${w}"`));
        }
        assert.ok(n.keywords.length >= 3, `"${n.label}" has keywords for its tooltip`);
        check(n.children);
      }
    };
    check(tree);
  });

  it('names the clearest fields of the corpus as a researcher would', () => {
    const labels = tree.flatMap((n) => [n.label, ...n.children.map((c) => c.label)]).map((l) => l.toLowerCase());
    for (const expected of ['spiking neural networks', 'weight initialization', 'markov jump processes']) {
      assert.ok(labels.includes(expected), `a topic "${expected}" among ${labels.join(' | ')}`);
    }
  });

  it('agrees with the hand labels above the floor (NMI ≥ 0.52, pairwise F1 ≥ 0.42)', () => {
    // The consensus scored 0.52–0.59 NMI over six seeds; one NMF run scored 0.49–0.54.
    const agreement = topicAgreement(topLevelAssignment(tree), handLabels);
    assert.equal(agreement.papers, papers.length, 'every paper is hand-labelled');
    assert.ok(agreement.nmi >= 0.52, `NMI ${agreement.nmi.toFixed(3)}`);
    assert.ok(agreement.pairwiseF1 >= 0.42, `pairwise F1 ${agreement.pairwiseF1.toFixed(3)}`);
  });

  it('never repeats a term of a topic\'s label in its subtopics\' labels', () => {
    const within = (a: string, b: string) => ` ${b} `.includes(` ${a} `);
    for (const n of topics) {
      const parentParts = n.label.toLowerCase().split(' and ');
      for (const c of n.children) {
        for (const part of c.label.toLowerCase().split(' and ')) {
          assert.ok(!parentParts.some((p) => within(p, part) || within(part, p)), `"${c.label}" under "${n.label}"`);
        }
      }
    }
  });

  it('shelves countable things in the plural, as researchers do ("Attention heads", "Spiking neural networks")', () => {
    const labels = tree.flatMap((n) => [n.label, ...n.children.map((c) => c.label)]);
    assert.ok(labels.some((l) => /\battention heads$/i.test(l)) && labels.includes('Spiking neural networks'), labels.join(' | '));
    assert.ok(!labels.some((l) => /\b(?:head|field|network|process)$/i.test(l)), labels.join(' | '));
  });

  it('is the same tree, byte for byte, when learnt again', () => {
    assert.equal(JSON.stringify(buildTopicTree([...papers])), JSON.stringify(tree));
  });

  it('is the same tree when learnt in steps, with pauses between them for the host', async () => {
    let pauses = 0;
    const stepped = await buildTopicTreeInSteps(papers, {}, async () => void pauses++);
    assert.equal(JSON.stringify(stepped), JSON.stringify(tree));
    assert.ok(pauses > 15, `${pauses} pauses`);
  });

  it('is stored with the prebuilt corpus', () => {
    const stored = deserializeCorpus(serializeCorpus({ papers, warnings: [] }));
    assert.equal(JSON.stringify(stored.topics), JSON.stringify(tree));
  });
});

describe('consensus of several clusterings', () => {
  it('keeps the grouping most runs agree on and drops one run\'s odd split', () => {
    const runs = [
      [0, 0, 0, 1, 1, 1],
      [1, 1, 1, 0, 0, 0],
      [0, 0, 1, 1, 2, 2],
      [2, 2, 2, 5, 5, 5],
    ];
    assert.deepEqual(consensusPartition(runs, 2), [0, 0, 0, 1, 1, 1]);
  });

  it('puts every item in one of k clusters', () => {
    const runs = [[0, 1, 2, 0, 1, 2, 0], [0, 0, 1, 1, 2, 2, 0]];
    const result = consensusPartition(runs, 3);
    assert.equal(result.length, 7);
    assert.equal(new Set(result).size, 3);
  });
});

describe('topic agreement', () => {
  it('is perfect for the same grouping under other names and poor for an unrelated one', () => {
    const truth = { a: 'x', b: 'x', c: 'y', d: 'y' };
    const same = topicAgreement(new Map([['a', '1'], ['b', '1'], ['c', '2'], ['d', '2']]), truth);
    assert.equal(same.nmi, 1);
    assert.equal(same.pairwiseF1, 1);
    const crossed = topicAgreement(new Map([['a', '1'], ['b', '2'], ['c', '1'], ['d', '2']]), truth);
    assert.equal(crossed.nmi, 0);
    assert.equal(crossed.pairwiseF1, 0);
  });
});

describe('topics of other corpora', () => {
  const paper = (id: string, title: string, abstract: string): Paper => ({
    id, key: id, title, abstract, authors: [], authorsTruncated: false, authorCount: null, organization: null, date: null, year: null, upvotes: null,
    sources: [{ file: 'f', site: 's', kind: 'library', line: 1, position: 1 }],
  });

  it('gives no topics for no papers', () => {
    assert.deepEqual(buildTopicTree([]), []);
  });

  it('puts a handful of papers in one leaf without failing', () => {
    const few = [paper('a', 'Graph neural networks', ''), paper('b', 'Protein folding', ''), paper('c', '', '')];
    const tree = buildTopicTree(few);
    assert.deepEqual(topicLeaves(tree).flatMap((n) => n.paperIds).sort(), ['a', 'b', 'c']);
  });

  it('places papers without any words in "Other"', () => {
    const papers = buildCorpus(readListingFiles(path.join(repoRoot, 'seeds'))).papers.slice(0, 60);
    const empty = paper('zz-empty', '???', '');
    const tree = buildTopicTree([...papers, empty]);
    assert.ok(tree.find((n) => n.label === OTHER_LABEL)?.paperIds.includes('zz-empty'));
  });
});

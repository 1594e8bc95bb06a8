import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Corpus } from '../../src/core/corpus';
import type { Paper } from '../../src/core/paper';
import type { PaperAtlasApi } from '../../src/extension';
import type { CorpusService } from '../../src/ui/corpus';
import { dropText, PAPER_MIME, TopicTreeProvider, type TreeNode } from '../../src/ui/topicTree';
import { closeAllEditors, EXTENSION_ID } from './hostUtils';

/** The bundled papers, as the build stored them. */
function bundledPapers(): Paper[] {
  const dist = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist', 'corpus.json');
  return (JSON.parse(fs.readFileSync(dist, 'utf8')) as { papers: Paper[] }).papers;
}

/** A corpus service holding a library with no prebuilt tree: the papers given, nothing else. */
function libraryCorpus(papers: Paper[]): CorpusService {
  const corpus: Corpus = { papers, warnings: [] };
  const fake = {
    get: () => Promise.resolve(corpus),
    bundledTopics: () => undefined,
    onDidChange: () => ({ dispose() {} }),
    find: (id: string) => Promise.resolve(papers.find((p) => p.id === id || p.key === id)),
  };
  return fake as unknown as CorpusService;
}

/** A memento kept in memory. */
function memoryState(): vscode.Memento {
  const values = new Map<string, unknown>();
  return { keys: () => [...values.keys()], get: <T>(key: string, fallback?: T) => (values.has(key) ? (values.get(key) as T) : fallback), update: async (key: string, value: unknown) => void values.set(key, value) } as vscode.Memento;
}

async function api(): Promise<PaperAtlasApi> {
  return (await vscode.extensions.getExtension<PaperAtlasApi>(EXTENSION_ID)!.activate()) as PaperAtlasApi;
}

const labelOf = (item: vscode.TreeItem) => (typeof item.label === 'string' ? item.label : (item.label?.label ?? ''));

describe('the Topics view', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('paperAtlas.clearTopicFilter');
    await vscode.commands.executeCommand('paperAtlas.groupByTopic');
    await closeAllEditors();
  });

  it('shows 6 to 14 learnt topics with counts and keyword tooltips, subtopics and papers under them', async () => {
    const tree = (await api()).topicTree();
    const roots = (await tree.getChildren()) ?? [];
    const topics = roots.filter((n) => n.kind === 'group' && n.label !== 'Other');
    assert.ok(topics.length >= 6 && topics.length <= 14, `${topics.length} topics`);
    const total = roots.reduce((n, r) => n + (r.kind === 'group' ? r.papers.length : 0), 0);
    assert.equal(total, 179, 'every paper under exactly one topic');
    const first = tree.getTreeItem(roots[0]);
    assert.match(String(first.description), /^\d+$/);
    assert.match((first.tooltip as vscode.MarkdownString).value, /Keywords: /);
    const labels = roots.map((r) => labelOf(tree.getTreeItem(r)));
    assert.ok(labels.includes('Spiking neural networks'), labels.join(' | '));

    const big = roots.find((r) => r.kind === 'group' && r.papers.length > 25)!;
    const subtopics = (await tree.getChildren(big)) ?? [];
    assert.ok(subtopics.length >= 2 && subtopics.every((s) => s.kind === 'group'));
    const papers = (await tree.getChildren(subtopics[0])) ?? [];
    const paperItem = tree.getTreeItem(papers[0]);
    assert.equal(paperItem.contextValue, 'paper');
    assert.match(String(paperItem.description), / · \d{4}$/);
    assert.equal(paperItem.command?.command, 'paperAtlas.openPaper');
  });

  it('groups by year from the title bar and narrows to a filter through the search index', async () => {
    const tree = (await api()).topicTree();
    await vscode.commands.executeCommand('paperAtlas.groupByYear');
    const years = ((await tree.getChildren()) ?? []).map((n) => labelOf(tree.getTreeItem(n)));
    assert.ok(years.includes('2025') && years.includes('2024'), years.join(' | '));
    assert.equal(tree.grouping, 'year');

    await vscode.commands.executeCommand('paperAtlas.groupByTopic');
    const matches = await vscode.commands.executeCommand<number>('paperAtlas.filterTopics', 'spiking');
    assert.ok(matches && matches > 3 && matches < 40, `${matches} matches`);
    const shown = ((await tree.getChildren()) ?? []).reduce((n, r) => n + (r.kind === 'group' ? r.papers.length : 0), 0);
    assert.equal(shown, matches);
  });

  it('copies the citation key of a paper from its context menu', async () => {
    const tree = (await api()).topicTree();
    const roots = (await tree.getChildren()) ?? [];
    const spiking = roots.find((r) => r.kind === 'group' && r.label === 'Spiking neural networks')!;
    const [paper] = ((await tree.getChildren(spiking)) ?? []) as Array<Extract<TreeNode, { kind: 'paper' }>>;
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('paperAtlas.copyCitationKey', paper, [paper]);
    assert.equal(await vscode.env.clipboard.readText(), paper.paper.key);
  });

  it('opens the seed listing at the paper\'s line', async () => {
    // Not in the workspace's references.bib, so it has one listing and no choice to make.
    const id = 'spectral-analysis-of-representational-similarity-with-limited-neurons';
    const uri = await vscode.commands.executeCommand<string>('paperAtlas.openSourceListing', id);
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.uri.toString(), uri);
    assert.match(editor.document.lineAt(editor.selection.active.line).text, /Spectral Analysis of Representational Similarity/);
  });

  it('drags papers as their ids and drops them as a citation in the document\'s syntax', async () => {
    const tree = (await api()).topicTree();
    const roots = (await tree.getChildren()) ?? [];
    const spiking = roots.find((r) => r.kind === 'group' && r.label === 'Spiking neural networks')!;
    const papers = ((await tree.getChildren(spiking)) ?? []).slice(0, 2) as Array<Extract<TreeNode, { kind: 'paper' }>>;
    const data = new vscode.DataTransfer();
    tree.handleDrag(papers, data);
    assert.deepEqual(JSON.parse(await data.get(PAPER_MIME)!.asString()), papers.map((p) => p.paper.id));
    const keys = papers.map((p) => p.paper.key);
    assert.equal(dropText('latex', papers.map((p) => p.paper)), `\\cite{${keys.join(',')}}`);
    assert.equal(dropText('markdown', papers.map((p) => p.paper)), `[${keys.map((k) => `@${k}`).join('; ')}]`);
  });

  it('learns the topics of a library without a prebuilt tree while the view says so, and remembers them across restarts', async () => {
    const papers = bundledPapers().slice(0, 70);
    const cacheDir = vscode.Uri.file(fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-topics-')));
    const first = new TopicTreeProvider(libraryCorpus(papers), memoryState(), cacheDir);
    const filled = new Promise<void>((resolve) => first.onDidChangeTreeData(() => resolve()));
    const [status] = await first.getChildren();
    assert.equal(status.kind, 'status');
    assert.match(String(first.getTreeItem(status).label), /Learning the topics of 70 papers/);
    await filled;
    const topics = (await first.getChildren()).filter((n) => n.kind === 'group');
    assert.equal(topics.reduce((n, t) => n + (t.kind === 'group' ? t.papers.length : 0), 0), 70);
    const [cached] = fs.readdirSync(path.join(cacheDir.fsPath, 'topics'));
    first.dispose();

    // The next start reads the cached tree instead of learning it: a label changed in the cache shows.
    const file = path.join(cacheDir.fsPath, 'topics', cached);
    const tree = JSON.parse(fs.readFileSync(file, 'utf8')) as Array<{ label: string }>;
    tree[0].label = 'Remembered topic';
    fs.writeFileSync(file, JSON.stringify(tree));
    const second = new TopicTreeProvider(libraryCorpus(papers), memoryState(), cacheDir);
    assert.equal((await second.topics())[0].label, 'Remembered topic');
    second.dispose();
  });

  it('drops a paper into a Markdown document as a citation and adds its BibTeX entry to the bibliography, once', async () => {
    const tree = (await api()).topicTree();
    const roots = (await tree.getChildren()) ?? [];
    const spiking = roots.find((r) => r.kind === 'group' && r.label === 'Spiking neural networks')!;
    const [paper] = ((await tree.getChildren(spiking)) ?? []) as Array<Extract<TreeNode, { kind: 'paper' }>>;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-drop-'));
    const file = path.join(dir, 'notes.md');
    fs.writeFileSync(file, 'Spikes, see .\n');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
    const bib = path.join(dir, 'references.bib');
    const entries = () => (fs.existsSync(bib) ? (fs.readFileSync(bib, 'utf8').match(new RegExp(`@\\w+\\{${paper.paper.key},`, 'g')) ?? []).length : 0);

    for (const attempt of [1, 2]) {
      const data = new vscode.DataTransfer();
      tree.handleDrag([paper], data);
      const at = new vscode.Position(0, 12);
      const drop = await tree.drop.provideDocumentDropEdits(editor.document, at, data);
      const text = drop?.insertText;
      assert.equal(typeof text, 'string');
      assert.ok(await editor.edit((b) => b.insert(at, text as string)));
      assert.equal(entries(), 1, `entries after drop ${attempt}`);
    }
    assert.equal(editor.document.getText(), `Spikes, see [@${paper.paper.key}][@${paper.paper.key}].\n`);
  });

  it('puts a space between a word and a paper dropped at its end, an unbreakable one in LaTeX', async () => {
    const tree = (await api()).topicTree();
    const roots = (await tree.getChildren()) ?? [];
    const spiking = roots.find((r) => r.kind === 'group' && r.label === 'Spiking neural networks')!;
    const [paper] = ((await tree.getChildren(spiking)) ?? []) as Array<Extract<TreeNode, { kind: 'paper' }>>;
    const key = paper.paper.key;
    const cases: Array<[string, string, string]> = [
      ['markdown', 'Spiking networks', `Spiking networks [@${key}]`],
      ['latex', 'Spiking networks', `Spiking networks~\\cite{${key}}`],
      ['markdown', 'Spiking networks ', `Spiking networks [@${key}]`],
    ];
    for (const [language, content, expected] of cases) {
      // Untitled documents have no bibliography to sync: the drop edit alone is under test.
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language, content }));
      const data = new vscode.DataTransfer();
      tree.handleDrag([paper], data);
      const at = editor.document.positionAt(content.length);
      const drop = await tree.drop.provideDocumentDropEdits(editor.document, at, data);
      assert.ok(await editor.edit((b) => b.insert(at, drop?.insertText as string)));
      assert.equal(editor.document.getText(), expected, `${language}: "${content}"`);
    }
  });
});

import { createHash } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { formatBibliography } from '../core/citation/bibtex';
import { citationSpaceAfter, citationSyntaxFor, insertionKind } from '../core/citation/languages';
import type { Corpus } from '../core/corpus';
import { compareStrings, type Paper } from '../core/paper';
import { authorSummary, firstAuthorShort, sourceLabel } from '../core/paperText';
import { buildTopicTreeInSteps, TOPIC_MODEL_VERSION, type TopicNode } from '../core/topics';
import { citationSettings, syncBibliography } from './citeCommands';
import type { Services } from './commands';
import type { CorpusService } from './corpus';
import { withSlowProgress } from './progress';

/** The ways the view groups papers; the choice is kept in the global state. */
export type Grouping = 'topic' | 'year' | 'source' | 'author';
const GROUPINGS: readonly Grouping[] = ['topic', 'year', 'source', 'author'];
const GROUPING_KEY = 'paperAtlas.topics.grouping';
const VIEW_ID = 'paperAtlas.topics';
/** What a dragged paper carries: its ids as JSON, for the drop provider. */
export const PAPER_MIME = 'application/vnd.paperatlas.papers';

/** A row of the tree: a group of papers (a topic, a year, a listing, an author), one paper, or a note while topics are learnt. */
export type TreeNode =
  | { kind: 'group'; id: string; label: string; keywords: string[]; papers: Paper[]; children: TreeNode[] }
  | { kind: 'paper'; paper: Paper; parentId: string }
  | { kind: 'status'; label: string; papers: number };

/** The topics of one corpus: known at once (prebuilt, cached), or still being learnt. */
interface LearntTopics {
  corpus: Corpus;
  topics: TopicNode[] | undefined;
  pending: Promise<TopicNode[]>;
}

/** Lets the extension host answer other work between two chunks of topic learning. */
const yieldToHost = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The name of a corpus's cached tree: a hash of what the topic model reads, and of its version. */
function topicCacheName(papers: readonly Paper[]): string {
  const hash = createHash('sha256').update(`paper-atlas topics v${TOPIC_MODEL_VERSION}\n`);
  for (const p of papers) hash.update(`${p.id}\u0000${p.title}\u0000${p.abstract}\u0001`);
  return `${hash.digest('hex').slice(0, 32)}.json`;
}

/** Builds the tree item of a paper: title, "first author · year", Markdown tooltip, opens on click. */
export function paperTreeItem(paper: Paper, parentId: string): vscode.TreeItem {
  const item = new vscode.TreeItem(paper.title, vscode.TreeItemCollapsibleState.None);
  item.id = `${parentId}/${paper.id}`;
  item.description = [firstAuthorShort(paper), paper.year].filter(Boolean).join(' · ');
  item.contextValue = 'paper';
  item.iconPath = new vscode.ThemeIcon('file-text');
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${escapeMd(paper.title)}**\n\n`);
  md.appendMarkdown(`${escapeMd(authorSummary(paper, 6))}${paper.date ? ` · ${paper.date}` : ''}\n\n`);
  md.appendMarkdown(`*${escapeMd(paper.sources.map(sourceLabel).join(', '))}* · \`${paper.key}\`\n\n`);
  md.appendMarkdown(escapeMd(paper.abstract.length > 300 ? `${paper.abstract.slice(0, 300)}…` : paper.abstract));
  item.tooltip = md;
  item.command = { command: 'paperAtlas.openPaper', title: 'Open Paper', arguments: [paper.id] };
  return item;
}

function escapeMd(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
}

/** Newest first, then by title: how papers are listed inside a group. */
function byDateDesc(a: Paper, b: Paper): number {
  return compareStrings(b.date ?? '', a.date ?? '') || compareStrings(a.title, b.title);
}

function group(id: string, label: string, papers: Paper[], keywords: string[] = [], children: TreeNode[] = []): TreeNode {
  return { kind: 'group', id, label, keywords, papers: [...papers].sort(byDateDesc), children };
}

/** Topic nodes of the learnt tree, restricted to the papers shown; empty topics are dropped. */
function topicGroups(nodes: readonly TopicNode[], shown: ReadonlyMap<string, Paper>, parent: string): TreeNode[] {
  return nodes.flatMap((n) => {
    const id = `${parent}/${n.label}`;
    const papers = n.paperIds.map((pid) => shown.get(pid)).filter((p): p is Paper => p !== undefined);
    if (papers.length === 0) return [];
    return [group(id, n.label, papers, n.keywords, topicGroups(n.children, shown, id))];
  });
}

/** Groups of papers by a key; a paper with several keys (authors, listings) appears under each. */
function groupsBy(papers: readonly Paper[], prefix: string, keys: (p: Paper) => string[], order: (a: [string, Paper[]], b: [string, Paper[]]) => number): TreeNode[] {
  const byKey = new Map<string, Paper[]>();
  for (const p of papers) for (const k of new Set(keys(p))) byKey.set(k, [...(byKey.get(k) ?? []), p]);
  return [...byKey.entries()].sort(order).map(([k, ps]) => group(`${prefix}:${k}`, k, ps));
}

/** The top level of the tree for a grouping, over the papers shown. */
export function groupPapers(grouping: Grouping, papers: readonly Paper[], topics: readonly TopicNode[]): TreeNode[] {
  switch (grouping) {
    case 'topic':
      return topicGroups(topics, new Map(papers.map((p) => [p.id, p])), 'topic');
    case 'year':
      return groupsBy(papers, 'year', (p) => [p.year !== null ? String(p.year) : 'Year unknown'], (a, b) => compareStrings(b[0], a[0]));
    case 'source':
      return groupsBy(papers, 'source', (p) => p.sources.map((s) => `${sourceLabel(s)} (${path.basename(s.file)})`), (a, b) => compareStrings(a[0], b[0]));
    case 'author':
      return groupsBy(papers, 'author', (p) => p.authors, (a, b) => b[1].length - a[1].length || compareStrings(a[0], b[0]));
  }
}

/**
 * The "Topics" view: papers grouped by learnt topic (or year, listing, author), narrowed by a
 * filter that runs the search index. Topics come from the prebuilt corpus when it is the one loaded,
 * else they are learnt once per corpus change.
 */
export class TopicTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.TreeDragAndDropController<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly dragMimeTypes = [PAPER_MIME, 'text/plain'];
  readonly dropMimeTypes: string[] = [];
  private readonly subscription: vscode.Disposable;
  private learnt: LearntTopics | undefined;
  /** Cites papers dropped into a document (registered by {@link registerTopicTree}). */
  readonly drop: PaperDropProvider;
  private filter: { query: string; ids: Set<string> } | undefined;
  private roots: TreeNode[] = [];
  view: vscode.TreeView<TreeNode> | undefined;

  constructor(
    private readonly corpus: CorpusService,
    private readonly state: vscode.Memento,
    /** Where learnt trees are cached (the extension's global storage), so a reload does not learn them again. */
    private readonly cacheDir?: vscode.Uri,
    private readonly log?: vscode.LogOutputChannel,
  ) {
    this.drop = new PaperDropProvider(corpus);
    this.subscription = corpus.onDidChange(() => {
      if (this.filter) void this.setFilter(this.filter.query);
      else this.changed.fire(undefined);
    });
    void this.updateContext();
  }

  get grouping(): Grouping {
    const saved = this.state.get<string>(GROUPING_KEY);
    return GROUPINGS.includes(saved as Grouping) ? (saved as Grouping) : 'topic';
  }

  async setGrouping(grouping: Grouping): Promise<void> {
    await this.state.update(GROUPING_KEY, grouping);
    await this.updateContext();
    this.changed.fire(undefined);
  }

  /**
   * The topic tree of the loaded corpus: the one learnt at build time when it covers exactly these
   * papers (a library that only adds sources to bundled papers keeps it), else the one cached for
   * the same papers, else learnt now, in chunks between which the host does other work.
   */
  async topics(): Promise<TopicNode[]> {
    return this.learn(await this.corpus.get()).pending;
  }

  private learn(corpus: Corpus): LearntTopics {
    if (this.learnt?.corpus === corpus) return this.learnt;
    const prebuilt = this.corpus.bundledTopics();
    const covered = prebuilt?.reduce((n, t) => n + t.paperIds.length, 0);
    const ids = new Set(corpus.papers.map((p) => p.id));
    if (prebuilt && covered === ids.size && prebuilt.every((t) => t.paperIds.every((id) => ids.has(id)))) {
      this.learnt = { corpus, topics: prebuilt, pending: Promise.resolve(prebuilt) };
      return this.learnt;
    }
    const learnt: LearntTopics = { corpus, topics: undefined, pending: Promise.resolve([]) };
    learnt.pending = withSlowProgress(`Paper Atlas: learning the topics of ${corpus.papers.length} papers…`, () => this.learnOrRecall(corpus)).then((topics) => {
      learnt.topics = topics;
      if (this.learnt === learnt && this.grouping === 'topic') this.changed.fire(undefined);
      return topics;
    });
    this.learnt = learnt;
    return learnt;
  }

  private async learnOrRecall(corpus: Corpus): Promise<TopicNode[]> {
    const started = Date.now();
    const file = this.cacheDir && vscode.Uri.joinPath(this.cacheDir, 'topics', topicCacheName(corpus.papers));
    if (file) {
      try {
        const cached: unknown = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file)));
        if (Array.isArray(cached)) {
          this.log?.info(`topics of ${corpus.papers.length} papers read from the cache in ${Date.now() - started} ms`);
          return cached as TopicNode[];
        }
      } catch {
        // Not cached yet (or unreadable): learn them.
      }
    }
    const topics = await buildTopicTreeInSteps(corpus.papers, {}, yieldToHost);
    this.log?.info(`topics of ${corpus.papers.length} papers learnt in ${Date.now() - started} ms`);
    if (file) {
      try {
        // One cached tree: the previous library's is dropped.
        const dir = vscode.Uri.joinPath(file, '..');
        await vscode.workspace.fs.createDirectory(dir);
        for (const [name] of await vscode.workspace.fs.readDirectory(dir)) {
          if (name.endsWith('.json') && name !== path.posix.basename(file.path)) await vscode.workspace.fs.delete(vscode.Uri.joinPath(dir, name));
        }
        await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(JSON.stringify(topics)));
      } catch (error) {
        this.log?.warn(`could not cache the topics: ${(error as Error).message}`);
      }
    }
    return topics;
  }

  /** Narrows the tree to the papers the search index finds for the query; an empty query clears it. */
  async setFilter(query: string | undefined): Promise<number | undefined> {
    const q = query?.trim();
    if (!q) {
      this.filter = undefined;
    } else {
      const index = await this.corpus.searchIndex();
      this.filter = { query: q, ids: new Set(index.search(q).map((h) => h.id)) };
    }
    if (this.view) this.view.message = this.filter ? `Papers matching "${this.filter.query}": ${this.filter.ids.size}` : undefined;
    await this.updateContext();
    this.changed.fire(undefined);
    return this.filter?.ids.size;
  }

  private async updateContext(): Promise<void> {
    await vscode.commands.executeCommand('setContext', 'paperAtlas.topicsFiltered', this.filter !== undefined);
    await vscode.commands.executeCommand('setContext', 'paperAtlas.topicsGrouping', this.grouping);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    if (node.kind === 'paper') return paperTreeItem(node.paper, node.parentId);
    if (node.kind === 'status') {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
      item.id = 'status';
      item.iconPath = new vscode.ThemeIcon('loading~spin');
      item.contextValue = 'status';
      item.tooltip = `Paper Atlas is learning the topics of ${node.papers} papers from their titles and abstracts. It does so once per library change and remembers them across reloads. The other groupings (by year, listing, author) are ready now.`;
      return item;
    }
    const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = node.id;
    item.description = `${node.papers.length}`;
    item.contextValue = this.grouping === 'topic' ? 'topic' : 'group';
    item.iconPath = new vscode.ThemeIcon(this.grouping === 'topic' ? 'library' : this.grouping === 'year' ? 'calendar' : this.grouping === 'author' ? 'person' : 'list-unordered');
    if (node.keywords.length > 0) {
      const md = new vscode.MarkdownString();
      md.appendMarkdown(`**${escapeMd(node.label)}** · ${node.papers.length} papers\n\n`);
      md.appendMarkdown(`Keywords: ${node.keywords.map(escapeMd).join(', ')}`);
      item.tooltip = md;
    }
    return item;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (node?.kind === 'group') {
      return node.children.length > 0 ? node.children : node.papers.map((paper) => ({ kind: 'paper', paper, parentId: node.id }));
    }
    if (node) return [];
    const corpus = await this.corpus.get();
    const shown = this.filter ? corpus.papers.filter((p) => this.filter!.ids.has(p.id)) : corpus.papers;
    const topics = this.grouping === 'topic' ? this.learn(corpus).topics : [];
    // Still learning: a row says so, and the tree fills in when they are learnt.
    if (!topics) return [{ kind: 'status', label: `Learning the topics of ${corpus.papers.length} papers…`, papers: corpus.papers.length }];
    this.roots = groupPapers(this.grouping, shown, topics);
    return this.roots;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    if (node.kind === 'status') return undefined;
    const id = node.kind === 'paper' ? node.parentId : node.id.slice(0, node.id.lastIndexOf('/'));
    const find = (nodes: TreeNode[]): TreeNode | undefined => {
      for (const n of nodes) {
        if (n.kind !== 'group') continue;
        if (n.id === id) return n;
        const inner = find(n.children);
        if (inner) return inner;
      }
      return undefined;
    };
    return find(this.roots);
  }

  handleDrag(source: readonly TreeNode[], data: vscode.DataTransfer): void {
    const papers = source.flatMap((n) => (n.kind === 'paper' ? [n.paper] : []));
    if (papers.length === 0) return;
    data.set(PAPER_MIME, new vscode.DataTransferItem(JSON.stringify(papers.map((p) => p.id))));
    data.set('text/plain', new vscode.DataTransferItem(papers.map((p) => p.key).join(', ')));
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/**
 * What dropping papers into a document inserts: a citation in the document's syntax, BibTeX entries
 * in a .bib file, else the keys. `keys` are the keys to cite (the bibliography's, once synced).
 */
export function dropText(languageId: string, papers: readonly Paper[], scope?: vscode.Uri, keys: readonly string[] = papers.map((p) => p.key)): string {
  const settings = citationSettings(scope);
  const syntax = citationSyntaxFor(languageId);
  if (syntax) return syntax.cite(keys, settings.cite);
  if (insertionKind(languageId) === 'bibtex') return formatBibliography(papers, settings.bibtex);
  return keys.join(', ');
}

/**
 * What separates an in-text citation dropped at `position` from the text before it, by the rule
 * Insert Citation follows ("networks [@key]", "networks~\cite{key}").
 */
export function citationSpace(document: vscode.TextDocument, position: vscode.Position): string {
  const syntax = citationSyntaxFor(document.languageId);
  if (!syntax || position.character === 0) return '';
  return citationSpaceAfter(syntax, document.lineAt(position.line).text.charAt(position.character - 1));
}

/**
 * Inserts the citation of papers dragged from the Topics view where they are dropped, and, as
 * Insert Citation does, adds their BibTeX entries to the document's bibliography (once).
 */
export class PaperDropProvider implements vscode.DocumentDropEditProvider {
  constructor(private readonly corpus: CorpusService) {}

  async provideDocumentDropEdits(document: vscode.TextDocument, position: vscode.Position, data: vscode.DataTransfer): Promise<vscode.DocumentDropEdit | undefined> {
    const raw = await data.get(PAPER_MIME)?.asString();
    if (!raw) return undefined;
    let ids: unknown;
    try {
      ids = JSON.parse(raw);
    } catch {
      return undefined;
    }
    if (!Array.isArray(ids)) return undefined;
    const papers: Paper[] = [];
    for (const id of ids) {
      const paper = typeof id === 'string' ? await this.corpus.find(id) : undefined;
      if (paper) papers.push(paper);
    }
    if (papers.length === 0) return undefined;
    let keys = papers.map((p) => p.key);
    if (insertionKind(document.languageId) === 'cite' && !document.isUntitled) {
      try {
        const synced = await syncBibliography(document, papers, citationSettings(document.uri));
        keys = papers.map((p) => synced.keys.get(p.key) ?? p.key);
      } catch (error) {
        // The citation still goes in; the message says why the bibliography did not follow.
        void vscode.window.showWarningMessage((error as Error).message);
      }
    }
    const edit = new vscode.DocumentDropEdit(citationSpace(document, position) + dropText(document.languageId, papers, document.uri, keys));
    edit.title = 'Insert citation';
    return edit;
  }
}

/** Opens the listing a paper came from at the paper's line (asks which, when it came from several). */
export async function openSourceListing(services: Services, extensionPath: string, paper: Paper): Promise<vscode.Uri | undefined> {
  const sources = paper.sources;
  let source = sources[0];
  if (sources.length > 1) {
    const picked = await vscode.window.showQuickPick(
      sources.map((s) => ({ label: sourceLabel(s), description: `${path.basename(s.file)}:${s.line}`, source: s })),
      { title: `Listings of "${paper.title}"` },
    );
    if (!picked) return undefined;
    source = picked.source;
  }
  if (!source) throw new Error(`"${paper.title}" has no source listing.`);
  const file = path.isAbsolute(source.file) ? source.file : path.join(extensionPath, 'seeds', source.file);
  const uri = vscode.Uri.file(file);
  const line = Math.max(0, source.line - 1);
  await vscode.window.showTextDocument(uri, { selection: new vscode.Range(line, 0, line, 0), preview: true });
  services.log.info(`opened ${file}:${source.line} for ${paper.key}`);
  return uri;
}

/**
 * Creates the Topics view with its provider, its title-bar commands (grouping, filter) and the drop
 * provider that cites dragged papers. Everything returned goes to the extension's subscriptions.
 */
export function registerTopicTree(corpus: CorpusService, state: vscode.Memento, cacheDir?: vscode.Uri, log?: vscode.LogOutputChannel): { provider: TopicTreeProvider; disposables: vscode.Disposable[] } {
  const provider = new TopicTreeProvider(corpus, state, cacheDir, log);
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true, canSelectMany: true, dragAndDropController: provider });
  provider.view = view;
  const groupingCommand = (grouping: Grouping) => vscode.commands.registerCommand(`paperAtlas.groupBy${grouping[0].toUpperCase()}${grouping.slice(1)}`, () => provider.setGrouping(grouping));
  return {
    provider,
    disposables: [
      provider,
      view,
      ...GROUPINGS.map(groupingCommand),
      vscode.commands.registerCommand('paperAtlas.filterTopics', async (query?: unknown) => {
        const value = typeof query === 'string' ? query : await vscode.window.showInputBox({ title: 'Filter Papers', prompt: 'Show only the papers that match (same syntax as Search Papers: au:, year:, "phrases")', value: '' });
        return value === undefined ? undefined : provider.setFilter(value);
      }),
      vscode.commands.registerCommand('paperAtlas.clearTopicFilter', () => provider.setFilter(undefined)),
      vscode.languages.registerDocumentDropEditProvider({ pattern: '**' }, provider.drop, { dropMimeTypes: [PAPER_MIME] }),
    ],
  };
}

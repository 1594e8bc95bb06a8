import * as vscode from 'vscode';
import type { Paper } from '../core/paper';
import { authorSummary, firstAuthorShort, sourceLabel } from '../core/paperText';
import type { CorpusService } from './corpus';

/** A row of the tree: a group of papers, or one paper. */
export type TreeNode = { kind: 'group'; id: string; label: string; papers: Paper[] } | { kind: 'paper'; paper: Paper; parentId: string };

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

/**
 * The "Topics" view. Until the topic model lands it groups papers by the listing they came from;
 * a paper seen in several listings appears under each.
 */
export class TopicTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly corpus: CorpusService) {
    this.subscription = corpus.onDidChange(() => this.changed.fire(undefined));
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    if (node.kind === 'paper') return paperTreeItem(node.paper, node.parentId);
    const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = node.id;
    item.description = `${node.papers.length}`;
    item.contextValue = 'group';
    item.iconPath = new vscode.ThemeIcon('library');
    return item;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (node?.kind === 'group') return node.papers.map((paper) => ({ kind: 'paper', paper, parentId: node.id }));
    if (node) return [];
    const corpus = await this.corpus.get();
    const groups = new Map<string, { label: string; papers: Paper[] }>();
    for (const paper of corpus.papers) {
      for (const source of paper.sources) {
        const group = groups.get(source.file) ?? { label: `${sourceLabel(source)} (${source.file})`, papers: [] };
        if (!group.papers.includes(paper)) group.papers.push(paper);
        groups.set(source.file, group);
      }
    }
    return [...groups.entries()].map(([file, g]) => ({ kind: 'group', id: `listing:${file}`, label: g.label, papers: g.papers }));
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

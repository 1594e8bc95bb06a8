import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { paperLink, readPageMessage, readPanelState, renderAbstractPage, topicLine, type PanelHistory } from '../core/abstractHtml';
import type { Paper } from '../core/paper';
import { RelatedIndex } from '../core/related';
import type { TopicNode } from '../core/topics';
import { PAPER_ENTRY_SCHEME } from './citeCommands';
import type { CorpusService } from './corpus';

const VIEW_TYPE = 'paperAtlas.abstract';
const RELATED_COUNT = 7;

/** One webview panel showing one paper at a time, with its own back/forward history. */
class PaperPanel {
  private history: string[] = [];
  private position = -1;
  private html = '';

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly owner: AbstractPanel,
  ) {
    panel.webview.onDidReceiveMessage((message) => owner.handleMessage(this, message));
  }

  get currentId(): string | undefined {
    return this.history[this.position];
  }

  get currentHtml(): string {
    return this.html;
  }

  /**
   * Shows a paper, adding it to the history (dropping any forward entries). `fromPage`: the reader
   * followed a link on the page, whose focus then moves to the new title.
   */
  async open(paper: Paper, fromPage = false): Promise<void> {
    if (this.currentId !== paper.id) {
      this.history = [...this.history.slice(0, this.position + 1), paper.id];
      this.position = this.history.length - 1;
    }
    await this.render(paper, fromPage);
  }

  /** Shows the paper at `position` of a history saved before a window reload. */
  async restore(saved: PanelHistory, paper: Paper): Promise<void> {
    this.history = [...saved.ids];
    this.position = saved.position;
    await this.render(paper);
  }

  /** Steps back or forward through the papers this panel has shown; does nothing at either end. */
  async go(step: -1 | 1): Promise<void> {
    const next = this.position + step;
    if (next < 0 || next >= this.history.length) return;
    const paper = await this.owner.corpus.find(this.history[next]);
    if (!paper) return;
    this.position = next;
    await this.render(paper, true);
  }

  private async render(paper: Paper, focusTitle = false): Promise<void> {
    const webview = this.panel.webview;
    const media = vscode.Uri.joinPath(this.owner.extensionUri, 'media');
    const related = await this.owner.relatedTo(paper.id);
    const topic = await this.owner.topicOf(paper.id);
    this.panel.title = paper.title;
    this.html = renderAbstractPage(
      {
        paper,
        related,
        topic,
        canGoBack: this.position > 0,
        canGoForward: this.position < this.history.length - 1,
        focusTitle,
        history: { ids: this.history, position: this.position },
      },
      {
        cspSource: webview.cspSource,
        nonce: randomBytes(16).toString('base64'),
        styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'abstract.css')).toString(),
        scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'abstract.js')).toString(),
      },
    );
    webview.html = this.html;
  }
}

/**
 * The abstract view: one panel reused for every paper (or one per paper with the setting
 * `paperAtlas.abstractView.openInNewPanel`), restored after a window reload, acting only on
 * validated messages from its page.
 */
export class AbstractPanel implements vscode.Disposable {
  private readonly panels = new Set<PaperPanel>();
  private lastPanel: PaperPanel | undefined;
  private related: RelatedIndex | undefined;
  private topicSource: (() => Promise<readonly TopicNode[]>) | undefined;
  private lastTextEditor: vscode.TextEditor | undefined = vscode.window.activeTextEditor;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly extensionUri: vscode.Uri,
    readonly corpus: CorpusService,
  ) {
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        // Go to Definition's entry document flashes by on its way to this panel: not a place to cite into.
        if (editor && editor.document.uri.scheme !== PAPER_ENTRY_SCHEME) this.lastTextEditor = editor;
      }),
      corpus.onDidChange(() => (this.related = undefined)),
      vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state: unknown) => {
          const loaded = await corpus.get().then(
            () => true,
            () => false,
          );
          const saved = loaded ? readPanelState(state, (id) => corpus.paperById(id) !== undefined) : undefined;
          const paper = saved && corpus.paperById(saved.ids[saved.position]);
          panel.webview.options = this.webviewOptions();
          const restored = this.adopt(panel);
          if (saved && paper) await restored.restore(saved, paper);
          else panel.dispose();
        },
      }),
    );
  }

  /** Opens a paper: in the last panel, or a new one when there is none or the setting asks for one per paper. */
  async show(paper: Paper): Promise<void> {
    const perPaper = vscode.workspace.getConfiguration('paperAtlas').get<boolean>('abstractView.openInNewPanel', false);
    let target = perPaper ? [...this.panels].find((p) => p.currentId === paper.id) : this.lastPanel;
    if (!target) {
      const panel = vscode.window.createWebviewPanel(VIEW_TYPE, paper.title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, this.webviewOptions());
      panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'atlas.svg');
      target = this.adopt(panel);
    }
    await target.open(paper);
    target.panel.reveal(undefined, false);
  }

  /**
   * Lets the topic model name each paper's topic on its page ("Neuroscience › Spiking networks").
   * Pages shown before a source is set, or papers no topic holds, show no topic line.
   */
  setTopicSource(topics: (() => Promise<readonly TopicNode[]>) | undefined): void {
    this.topicSource = topics;
  }

  async topicOf(paperId: string): Promise<string | undefined> {
    try {
      return this.topicSource ? topicLine(await this.topicSource(), paperId) : undefined;
    } catch {
      return undefined; // a topic model that fails must not take the page down with it
    }
  }

  /** The HTML of the most recently shown page (for tests and diagnostics). */
  currentHtml(): string | undefined {
    return this.lastPanel?.currentHtml;
  }

  /** The id of the paper shown in the most recently used panel. */
  currentPaperId(): string | undefined {
    return this.lastPanel?.currentId;
  }

  async relatedTo(id: string): Promise<Array<{ paper: Paper; score: number }>> {
    const { papers } = await this.corpus.get();
    this.related ??= new RelatedIndex(papers);
    return this.related.related(id, RELATED_COUNT).flatMap((hit) => {
      const paper = this.corpus.paperById(hit.id);
      return paper ? [{ paper, score: hit.score }] : [];
    });
  }

  async handleMessage(from: PaperPanel, raw: unknown): Promise<void> {
    this.lastPanel = from;
    const message = readPageMessage(raw, (id) => this.corpus.paperById(id) !== undefined);
    if (!message) return;
    const paper = this.corpus.paperById(message.paperId)!;
    if (message.type === 'open') {
      await from.open(paper, true);
      return;
    }
    switch (message.action) {
      case 'back':
        return from.go(-1);
      case 'forward':
        return from.go(1);
      case 'copyKey':
        await vscode.env.clipboard.writeText(paper.key);
        void vscode.window.setStatusBarMessage(`Copied ${paper.key}`, 3000);
        return;
      case 'searchWeb':
        await vscode.env.openExternal(vscode.Uri.parse(`https://scholar.google.com/scholar?q=${encodeURIComponent(`"${paper.title}"`)}`));
        return;
      case 'openLink': {
        // The address comes from the paper, never from the page.
        const link = paperLink(paper);
        if (link) await vscode.env.openExternal(vscode.Uri.parse(link.url, true));
        return;
      }
      case 'insertCitation':
        // Cite into the editor the writer was in before the panel took focus.
        if (this.lastTextEditor && !this.lastTextEditor.document.isClosed) {
          await vscode.window.showTextDocument(this.lastTextEditor.document, { viewColumn: this.lastTextEditor.viewColumn, preserveFocus: false });
        }
        await this.run('paperAtlas.insertCitation', paper.id);
        return;
      case 'copyBibtex':
        await this.run('paperAtlas.copyBibtex', paper.id);
        return;
      case 'copyReference':
        await this.run('paperAtlas.copyFormattedReference', paper.id);
        return;
    }
  }

  private async run(command: string, id: string): Promise<void> {
    const known = await vscode.commands.getCommands(true);
    if (!known.includes(command)) {
      void vscode.window.showInformationMessage(`This version of Paper Atlas cannot run ${command} yet.`);
      return;
    }
    await vscode.commands.executeCommand(command, id);
  }

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    // Scripts only for the toolbar and links; resources only from media/.
    return { enableScripts: true, enableFindWidget: true, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media')] };
  }

  private adopt(panel: vscode.WebviewPanel): PaperPanel {
    const paperPanel = new PaperPanel(panel, this);
    this.panels.add(paperPanel);
    this.lastPanel = paperPanel;
    panel.onDidChangeViewState((e) => {
      if (e.webviewPanel.active) this.lastPanel = paperPanel;
    });
    panel.onDidDispose(() => {
      this.panels.delete(paperPanel);
      if (this.lastPanel === paperPanel) this.lastPanel = [...this.panels].pop();
    });
    return paperPanel;
  }

  dispose(): void {
    for (const p of this.panels) p.panel.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

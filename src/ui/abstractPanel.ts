import * as vscode from 'vscode';
import { renderAbstractPage } from '../core/abstractHtml';
import type { Paper } from '../core/paper';

/** The one webview panel that shows a paper's abstract; reused for every paper opened. */
export class AbstractPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;

  constructor(private readonly extensionUri: vscode.Uri) {}

  show(paper: Paper): void {
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('paperAtlas.abstract', paper.title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, {
        enableScripts: false,
        localResourceRoots: [media],
      });
      this.panel.onDidDispose(() => (this.panel = undefined));
    }
    const webview = this.panel.webview;
    this.panel.title = paper.title;
    webview.html = renderAbstractPage(paper, {
      cspSource: webview.cspSource,
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'abstract.css')).toString(),
    });
    this.panel.reveal(undefined, false);
  }

  dispose(): void {
    this.panel?.dispose();
  }
}

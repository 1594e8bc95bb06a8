import * as vscode from 'vscode';
import type { AbstractPanel } from './abstractPanel';
import { addToBibliography, fixCitationKey } from './citationAssist';
import { copyBibtex, copyFormattedReference, exportBibliography, insertCitation, papersFromArgument } from './citeCommands';
import type { CorpusService } from './corpus';
import type { FrecencyStore } from './frecencyStore';
import { searchPapers } from './searchPick';
import { openSourceListing } from './topicTree';

/** What the command handlers work with. */
export interface Services {
  corpus: CorpusService;
  abstractPanel: AbstractPanel;
  frecency: FrecencyStore;
  log: vscode.LogOutputChannel;
}

type Handler = (services: Services, ...args: unknown[]) => unknown;

/** Runs a handler and turns a failure into an error message that says what happened. */
function guarded(id: string, handler: Handler, services: Services) {
  return async (...args: unknown[]) => {
    try {
      return await handler(services, ...args);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      services.log.error(`${id}: ${message}`);
      // The log holds what led to it; one click away instead of a hunt through the Output panel.
      void vscode.window.showErrorMessage(message, 'Show Log').then((choice) => choice && services.log.show());
      return undefined;
    }
  };
}

/** The command table: command id → handler. Every id here is contributed in package.json. */
export const COMMANDS: Record<string, Handler> = {
  'paperAtlas.searchPapers': ({ corpus, frecency }, value) => searchPapers(corpus, frecency, typeof value === 'string' ? value : undefined),
  'paperAtlas.openPaper': async ({ corpus, abstractPanel, frecency }, idOrKey) => {
    if (typeof idOrKey !== 'string') throw new Error('Open Paper needs a paper id or citation key.');
    const paper = await corpus.find(idOrKey);
    if (!paper) throw new Error(`No paper with id or key "${idOrKey}": it may have left your libraries. Find it with Paper Atlas: Search Papers.`);
    await abstractPanel.show(paper);
    await frecency.recordUse(paper.id);
    return paper.id;
  },
  'paperAtlas.showRelated': async (services, arg) => {
    const { corpus, abstractPanel } = services;
    // A paper id or key, a row of the Topics view, or else the paper the abstract panel shows.
    const current = abstractPanel.currentPaperId();
    const [paper] = (arg !== undefined ? await papersFromArgument(services, arg) : current ? [await corpus.find(current)] : undefined) ?? [];
    if (!paper) throw new Error('Show Related Papers needs a paper: open one first, or use it from a paper in the Topics view.');
    const related = await abstractPanel.relatedTo(paper.id);
    const picked = await vscode.window.showQuickPick(
      related.map(({ paper: r, score }) => ({ label: r.title, description: `${Math.round(score * 100)}% similar`, detail: r.key, id: r.id })),
      { title: `Papers like "${paper.title}"`, placeHolder: 'Pick a paper to open it' },
    );
    if (picked) await vscode.commands.executeCommand('paperAtlas.openPaper', picked.id);
    return picked?.id;
  },
  'paperAtlas.reloadCorpus': async ({ corpus }) => {
    const { papers } = await corpus.reload();
    void vscode.window.setStatusBarMessage(`Paper Atlas: ${papers.length} papers loaded`, 3000);
    return papers.length;
  },
  'paperAtlas.showLog': ({ log }) => log.show(),
  'paperAtlas.insertCitation': insertCitation,
  'paperAtlas.copyBibtex': copyBibtex,
  'paperAtlas.copyFormattedReference': copyFormattedReference,
  'paperAtlas.exportBibliography': (services, target) => exportBibliography(services, target),
  'paperAtlas.addToBibliography': addToBibliography,
  'paperAtlas.copyCitationKey': async (services, arg, more) => {
    const papers = await papersFromArgument(services, arg, more);
    if (!papers) throw new Error('Copy Citation Key needs a paper: use it from a paper in the Topics view.');
    const keys = papers.map((p) => p.key).join(',');
    await vscode.env.clipboard.writeText(keys);
    void vscode.window.setStatusBarMessage(`Paper Atlas: copied ${keys}`, 3000);
    return keys;
  },
  'paperAtlas.openSourceListing': async (services, arg) => {
    const [paper] = (await papersFromArgument(services, arg)) ?? [];
    if (!paper) throw new Error('Open Source Listing needs a paper: use it from a paper in the Topics view.');
    const extensionPath = vscode.extensions.getExtension('paper-atlas.paper-atlas')?.extensionPath ?? '';
    return (await openSourceListing(services, extensionPath, paper))?.toString();
  },
  'paperAtlas.fixCitationKey': fixCitationKey,
};

/** Registers every command of the table; the disposables go to the caller. */
export function registerCommands(services: Services): vscode.Disposable[] {
  return Object.entries(COMMANDS).map(([id, handler]) => vscode.commands.registerCommand(id, guarded(id, handler, services)));
}

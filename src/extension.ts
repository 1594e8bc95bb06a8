import * as vscode from 'vscode';
import { AbstractPanel } from './ui/abstractPanel';
import { registerCitationAssist } from './ui/citationAssist';
import { registerCommands } from './ui/commands';
import { CorpusService } from './ui/corpus';
import { FrecencyStore } from './ui/frecencyStore';
import { LibraryService } from './ui/libraries';
import { registerTopicTree, type TopicTreeProvider } from './ui/topicTree';

/** What the extension hands to other extensions: read-only views for tests and tools. */
export interface PaperAtlasApi {
  /** The HTML of the abstract page shown last, if any. */
  abstractPageHtml(): string | undefined;
  /** The Topics view's data provider (its rows as the view shows them). */
  topicTree(): TopicTreeProvider;
  /** The warnings shown so far about library files that could not be read. */
  unreadableLibraryReports(): readonly string[];
}

/** Wires the services to the UI. Nothing is loaded here: the corpus loads on first use. */
export function activate(context: vscode.ExtensionContext): PaperAtlasApi {
  const log = vscode.window.createOutputChannel('Paper Atlas', { log: true });
  const libraries = new LibraryService(log);
  const corpus = new CorpusService(context.extensionPath, log, libraries);
  const abstractPanel = new AbstractPanel(context.extensionUri, corpus);
  const topicTree = registerTopicTree(corpus, context.globalState, context.globalStorageUri, log);
  abstractPanel.setTopicSource(() => topicTree.provider.topics());
  const services = { corpus, abstractPanel, log, frecency: new FrecencyStore(context.globalState) };
  context.subscriptions.push(
    log,
    libraries,
    corpus,
    abstractPanel,
    ...topicTree.disposables,
    ...registerCommands(services),
    ...registerCitationAssist(services),
  );
  return { abstractPageHtml: () => abstractPanel.currentHtml(), topicTree: () => topicTree.provider, unreadableLibraryReports: () => libraries.unreadableReports };
}

export function deactivate(): void {}

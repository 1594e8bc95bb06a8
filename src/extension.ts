import * as vscode from 'vscode';
import { AbstractPanel } from './ui/abstractPanel';
import { registerCitationAssist } from './ui/citationAssist';
import { registerCommands } from './ui/commands';
import { CorpusService } from './ui/corpus';
import { FrecencyStore } from './ui/frecencyStore';
import { TopicTreeProvider } from './ui/topicTree';

/** Wires the services to the UI. Nothing is loaded here: the corpus loads on first use. */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Paper Atlas', { log: true });
  const corpus = new CorpusService(context.extensionPath, log);
  const abstractPanel = new AbstractPanel(context.extensionUri);
  const topicTree = new TopicTreeProvider(corpus);
  const services = { corpus, abstractPanel, log, frecency: new FrecencyStore(context.globalState) };
  context.subscriptions.push(
    log,
    corpus,
    abstractPanel,
    topicTree,
    vscode.window.createTreeView('paperAtlas.topics', { treeDataProvider: topicTree, showCollapseAll: true }),
    ...registerCommands(services),
    ...registerCitationAssist(services),
  );
}

export function deactivate(): void {}

import * as vscode from 'vscode';
import { scanBibEntries, type BibEntrySpan } from '../core/citation/bibliography';
import { KeyCompletionIndex } from '../core/citation/keyCompletion';
import { citationSyntaxFor, LANGUAGE_SYNTAX, type CitedKey } from '../core/citation/languages';
import type { Paper } from '../core/paper';
import { authorSummary, firstAuthorShort } from '../core/paperText';
import { texToPlain } from '../core/texText';
import { formatBibtexEntry } from '../core/citation/bibtex';
import { bibliographyUri, citationSettings, formattedReferences, PAPER_ENTRY_SCHEME, stopCiteproc, syncBibliography, trackTextEditors } from './citeCommands';
import type { Services } from './commands';
import { pickPapers } from './searchPick';

/** Every language with a citation syntax, as a document selector. */
const SELECTOR: vscode.DocumentSelector = Object.keys(LANGUAGE_SYNTAX).map((language) => ({ language }));
const DIAGNOSTIC_CODE = 'unknown-citation-key';
/** How long a hover waits for the styled reference before it shows a plain one. */
const HOVER_PATIENCE_MS = 1500;

/** Escapes Markdown punctuation in text from the listings. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

/** The cited key under a position, if any. */
function keyAt(document: vscode.TextDocument, position: vscode.Position): CitedKey | undefined {
  const syntax = citationSyntaxFor(document.languageId);
  if (!syntax) return undefined;
  const offset = document.offsetAt(position);
  return syntax.citedKeys(document.getText()).find((k) => k.start <= offset && offset <= k.end);
}

/** The entries of a document's bibliography file (unsaved changes included), empty when there is none. */
async function bibliographyEntries(document: vscode.TextDocument): Promise<BibEntrySpan[]> {
  const uri = bibliographyUri(document, citationSettings(document.uri));
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  try {
    return scanBibEntries(open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
  } catch {
    return [];
  }
}

/** Keys of the entries in a document's bibliography file. */
async function bibliographyKeys(document: vscode.TextDocument): Promise<Set<string>> {
  return new Set((await bibliographyEntries(document)).map((e) => e.key));
}

/** Key completion after `\cite{`, `[@`, `@`, `#cite(<`, `[cite:@`, `:cite:`: every paper, filtered on title and author words too. */
class CitationCompletion implements vscode.CompletionItemProvider {
  private index: { papers: readonly Paper[]; ranking: KeyCompletionIndex } | undefined;
  /** The paper behind each offered item, for its documentation once the item is highlighted. */
  private readonly papersOfItems = new WeakMap<vscode.CompletionItem, Paper>();

  constructor(private readonly services: Services) {}

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionList | undefined> {
    const syntax = citationSyntaxFor(document.languageId);
    const prefix = syntax?.keyPrefixAt(document.getText(), document.offsetAt(position));
    if (!prefix) return undefined;
    const { papers } = await this.services.corpus.get();
    if (this.index?.papers !== papers) this.index = { papers, ranking: new KeyCompletionIndex(papers) };
    const range = new vscode.Range(document.positionAt(prefix.start), position);
    const typed = document.getText(range);
    const items = this.index.ranking.candidates(typed).map((paper, i) => {
      const item = new vscode.CompletionItem(
        { label: paper.key, detail: ` ${[knownAuthors(paper) ? firstAuthorShort(paper) : '', paper.year].filter(Boolean).join(', ')}`, description: paper.title },
        vscode.CompletionItemKind.Reference,
      );
      item.range = range;
      item.insertText = paper.key;
      // Paper Atlas has already chosen and ranked these (key, title words, authors): the editor's own
      // fuzzy filter, which would let scattered letters of a key match, keeps them all as they are.
      item.filterText = typed;
      item.sortText = String(i).padStart(5, '0');
      item.detail = paper.title;
      this.papersOfItems.set(item, paper);
      item.command = { command: 'paperAtlas.addToBibliography', title: 'Add to Bibliography', arguments: [document.uri, paper.id] };
      return item;
    });
    // Entries the writer's own bibliography has and Paper Atlas does not: offered too, after the papers.
    const corpusKeys = new Set(papers.map((p) => p.key));
    for (const entry of await bibliographyEntries(document)) {
      if (corpusKeys.has(entry.key)) continue;
      if (typed && !`${entry.key} ${entry.displayTitle}`.toLowerCase().includes(typed.toLowerCase())) continue;
      const item = new vscode.CompletionItem({ label: entry.key, detail: ' (bibliography)', description: entry.displayTitle }, vscode.CompletionItemKind.Reference);
      item.range = range;
      item.insertText = entry.key;
      item.filterText = typed;
      item.sortText = `~${entry.key}`;
      item.detail = entry.displayTitle;
      items.push(item);
    }
    // Incomplete: each keystroke asks again, so the ranking follows what is typed.
    return new vscode.CompletionList(items, true);
  }

  /** Authors, year and the start of the abstract, worked out only for the item the writer looks at. */
  resolveCompletionItem(item: vscode.CompletionItem): vscode.CompletionItem {
    const paper = this.papersOfItems.get(item);
    if (paper && !item.documentation) {
      item.documentation = new vscode.MarkdownString(
        `${escapeMarkdown(authorSummary(paper, 4))}${paper.year ? ` (${paper.year})` : ''}\n\n${escapeMarkdown(abstractStart(paper, 400))}`,
      );
    }
    return item;
  }
}

/** True when the listing said anything about who wrote the paper. */
function knownAuthors(paper: Paper): boolean {
  return paper.authors.length > 0 || paper.organization !== null || paper.authorCount !== null;
}

/** The first sentences of an abstract as readable text (TeX accents as letters, no `\\emph`), cut at a word boundary. */
function abstractStart(paper: Paper, max: number): string {
  const text = texToPlain(paper.abstract);
  if (text.length <= max) return text;
  return `${text.slice(0, text.lastIndexOf(' ', max))}…`;
}

/** Hover on a cited key: the formatted reference, the start of the abstract and a link to open the paper. */
class CitationHover implements vscode.HoverProvider {
  constructor(private readonly services: Services) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const cited = keyAt(document, position);
    if (!cited) return undefined;
    const range = new vscode.Range(document.positionAt(cited.start), document.positionAt(cited.end));
    const paper = await this.services.corpus.find(cited.key);
    if (!paper) {
      if (!cited.bracketed) return undefined;
      const inBib = (await bibliographyKeys(document)).has(cited.key);
      return new vscode.Hover(new vscode.MarkdownString(inBib ? `\`${cited.key}\`: in the bibliography, not in Paper Atlas.` : `\`${cited.key}\`: not in Paper Atlas or the bibliography.`), range);
    }
    const md = new vscode.MarkdownString();
    md.isTrusted = { enabledCommands: ['paperAtlas.openPaper'] };
    // citeproc's first compile of a large style takes seconds: past a moment, the hover shows a plain
    // reference now and the styled one next time (the worker keeps compiling meanwhile).
    const plain = `${authorSummary(paper)}${paper.year ? ` (${paper.year})` : ''}. ${paper.title}.`;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const reference = await Promise.race([
      formattedReferences([paper], citationSettings(document.uri), 'text', this.services.log).then((r) => r[0]),
      new Promise<string>((resolve) => (timer = setTimeout(() => resolve(plain), HOVER_PATIENCE_MS))),
    ])
      .catch((error: unknown) => {
        this.services.log.warn(`hover: no formatted reference for ${paper.key}: ${(error as Error).message}`);
        return plain;
      })
      .finally(() => clearTimeout(timer));
    md.appendMarkdown(`${escapeMarkdown(reference)}\n\n`);
    if (paper.abstract.trim()) md.appendMarkdown(`${escapeMarkdown(abstractStart(paper, 320))}\n\n`);
    const args = encodeURIComponent(JSON.stringify([paper.id]));
    md.appendMarkdown(`[$(book) Open in Paper Atlas](command:paperAtlas.openPaper?${args} "Open the abstract")`);
    md.supportThemeIcons = true;
    return new vscode.Hover(md, range);
  }
}

/** The read-only document Go to Definition points at for a paper: its BibTeX entry. */
function paperEntryUri(paper: Paper): vscode.Uri {
  return vscode.Uri.from({ scheme: PAPER_ENTRY_SCHEME, path: `/${paper.key}.bib`, query: encodeURIComponent(paper.id) });
}

/** The paper id a paper-entry document stands for. */
function paperIdOf(uri: vscode.Uri): string {
  return decodeURIComponent(uri.query);
}

/** The text of a paper-entry document: the paper's BibTeX entry, which Ctrl+hover and Peek Definition show. */
class PaperEntryDocuments implements vscode.TextDocumentContentProvider {
  constructor(private readonly services: Services) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const paper = await this.services.corpus.find(paperIdOf(uri));
    return paper ? formatBibtexEntry(paper, citationSettings().bibtex) : `% ${paperIdOf(uri)} is no longer in Paper Atlas or your libraries.\n`;
  }
}

/**
 * Go to Definition on a key: a paper Paper Atlas knows points at its BibTeX entry in a read-only
 * document (shown by Ctrl+hover and Peek), and revealing that document in an editor opens the abstract
 * instead (see `openAbstractsForEntryEditors`); a key only the bibliography knows goes to its entry.
 * The provider itself must not open anything: VS Code also asks it while Ctrl is held over a key.
 */
class CitationDefinition implements vscode.DefinitionProvider {
  constructor(private readonly services: Services) {}

  async provideDefinition(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Location | undefined> {
    const cited = keyAt(document, position);
    if (!cited) return undefined;
    const paper = await this.services.corpus.find(cited.key);
    if (paper) {
      const lines = formatBibtexEntry(paper, citationSettings(document.uri).bibtex).split('\n').length;
      return new vscode.Location(paperEntryUri(paper), new vscode.Range(0, 0, Math.max(0, lines - 2), 1));
    }
    const uri = bibliographyUri(document, citationSettings(document.uri));
    try {
      const bib = await vscode.workspace.openTextDocument(uri);
      const entry = scanBibEntries(bib.getText()).find((e) => e.key === cited.key);
      return entry ? new vscode.Location(uri, bib.positionAt(entry.start)) : undefined;
    } catch {
      return undefined;
    }
  }
}

/** When Go to Definition reveals a paper-entry document in an editor, closes that editor and opens the paper's abstract. */
function openAbstractsForEntryEditors(): vscode.Disposable {
  return vscode.window.onDidChangeActiveTextEditor(async (editor) => {
    const uri = editor?.document.uri;
    if (uri?.scheme !== PAPER_ENTRY_SCHEME) return;
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString());
    await vscode.window.tabGroups.close(tabs);
    await vscode.commands.executeCommand('paperAtlas.openPaper', paperIdOf(uri));
  });
}

/** Warnings for cited keys that are in neither Paper Atlas nor the document's bibliography. */
class CitationDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('paperAtlas.citations');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly services: Services) {
    this.subscriptions.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.languageId === 'bibtex') vscode.workspace.textDocuments.forEach((d) => this.schedule(d));
        else this.schedule(e.document);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.collection.delete(d.uri)),
      // The key being typed is not reported until the cursor leaves it.
      vscode.window.onDidChangeTextEditorSelection((e) => this.schedule(e.textEditor.document)),
      services.corpus.onDidChange(() => vscode.workspace.textDocuments.forEach((d) => this.schedule(d))),
    );
    vscode.workspace.textDocuments.forEach((d) => this.schedule(d));
  }

  /** Re-checks a document a moment after typing stops. */
  schedule(document: vscode.TextDocument): void {
    if (!citationSyntaxFor(document.languageId)) return;
    const id = document.uri.toString();
    clearTimeout(this.timers.get(id));
    this.timers.set(
      id,
      setTimeout(() => {
        this.timers.delete(id);
        void this.check(document).catch((error: unknown) => this.services.log.warn(`citation check of ${document.uri.fsPath}: ${String(error)}`));
      }, 300),
    );
  }

  /** Computes and publishes the diagnostics of a document now. */
  async check(document: vscode.TextDocument): Promise<vscode.Diagnostic[]> {
    const syntax = citationSyntaxFor(document.languageId);
    if (!syntax || document.isClosed) return [];
    await this.services.corpus.get();
    const known = await bibliographyKeys(document);
    const diagnostics: vscode.Diagnostic[] = [];
    const editor = vscode.window.activeTextEditor;
    const active = editor?.document === document ? editor.selection?.active : undefined;
    const cursor = active ? document.offsetAt(active) : -1;
    for (const cited of syntax.citedKeys(document.getText())) {
      if (cursor >= cited.start && cursor <= cited.end) continue;
      if (!cited.bracketed || known.has(cited.key) || (await this.services.corpus.find(cited.key))) continue;
      const range = new vscode.Range(document.positionAt(cited.start), document.positionAt(cited.end));
      const diagnostic = new vscode.Diagnostic(range, `"${cited.key}" is neither in Paper Atlas nor in the bibliography.`, vscode.DiagnosticSeverity.Warning);
      diagnostic.source = 'Paper Atlas';
      diagnostic.code = DIAGNOSTIC_CODE;
      diagnostics.push(diagnostic);
    }
    this.collection.set(document.uri, diagnostics);
    return diagnostics;
  }

  dispose(): void {
    this.timers.forEach((t) => clearTimeout(t));
    this.subscriptions.forEach((s) => s.dispose());
    this.collection.dispose();
  }
}

/** Quick fix for an unknown key: search Paper Atlas for it, and put the picked paper's key in its place. */
class CitationQuickFix implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    return context.diagnostics
      .filter((d) => d.code === DIAGNOSTIC_CODE)
      .map((d) => {
        const key = document.getText(d.range);
        const action = new vscode.CodeAction(`Search Paper Atlas for "${key}"`, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [d];
        action.isPreferred = true;
        action.command = { command: 'paperAtlas.fixCitationKey', title: action.title, arguments: [document.uri, d.range] };
        return action;
      });
  }
}

/** A key as search words: `nichani2024understanding` → `nichani 2024 understanding`. */
export function keyAsQuery(key: string): string {
  return key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/(\D)(\d{4})(?=\D|$)/g, '$1 $2 ')
    .replace(/[_:.\-/]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** `paperAtlas.addToBibliography(uri, id)`: after a completion, the document's bibliography gets the paper's entry. */
export async function addToBibliography(services: Services, uri: unknown, id: unknown): Promise<string[] | undefined> {
  if (!(uri instanceof vscode.Uri) || typeof id !== 'string') throw new Error('Add to Bibliography needs a document and a paper id.');
  const document = await vscode.workspace.openTextDocument(uri);
  const paper = await services.corpus.find(id);
  if (!paper || document.isUntitled) return undefined;
  const synced = await syncBibliography(document, [paper], citationSettings(uri));
  const cited = synced.keys.get(paper.key) ?? paper.key;
  if (cited !== paper.key) {
    // The bibliography has this paper under another key: cite that one, so the document compiles.
    const editor = vscode.window.visibleTextEditors.find((e) => e.document === document);
    const at = editor?.selection.active;
    if (editor && at) {
      const start = at.translate(0, -Math.min(at.character, paper.key.length));
      const range = new vscode.Range(start, at);
      if (document.getText(range) === paper.key) await editor.edit((b) => b.replace(range, cited));
    }
  }
  await services.frecency.recordUse(paper.id);
  return synced.added;
}

/** `paperAtlas.fixCitationKey(uri, range)`: pick a paper for an unknown key and write its key there. */
export async function fixCitationKey(services: Services, uri: unknown, range: unknown): Promise<string | undefined> {
  if (!(uri instanceof vscode.Uri) || !(range instanceof vscode.Range)) throw new Error('Fix Citation Key needs a document and a range.');
  const document = await vscode.workspace.openTextDocument(uri);
  const key = document.getText(range);
  const picked = await pickPapers(services.corpus, services.frecency, { title: `Replace "${key}" with the key of…`, value: keyAsQuery(key) });
  const paper = picked?.[0];
  if (!paper) return undefined;
  const synced = await syncBibliography(document, [paper], citationSettings(uri));
  const newKey = synced.keys.get(paper.key) ?? paper.key;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, range, newKey);
  await vscode.workspace.applyEdit(edit);
  return newKey;
}

/** Registers completion, hover, definition, diagnostics and the quick fix for every citing language. */
export function registerCitationAssist(services: Services): vscode.Disposable[] {
  const diagnostics = new CitationDiagnostics(services);
  return [
    diagnostics,
    { dispose: stopCiteproc },
    trackTextEditors(),
    vscode.languages.registerCompletionItemProvider(SELECTOR, new CitationCompletion(services), '{', ',', '@', '<', '`', ':'),
    vscode.languages.registerHoverProvider(SELECTOR, new CitationHover(services)),
    vscode.languages.registerDefinitionProvider(SELECTOR, new CitationDefinition(services)),
    vscode.workspace.registerTextDocumentContentProvider(PAPER_ENTRY_SCHEME, new PaperEntryDocuments(services)),
    openAbstractsForEntryEditors(),
    vscode.languages.registerCodeActionsProvider(SELECTOR, new CitationQuickFix(), { providedCodeActionKinds: CitationQuickFix.kinds }),
  ];
}

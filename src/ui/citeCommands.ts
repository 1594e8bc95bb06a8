import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { declaredBibliographies, entriesText, planBibliographyAppend } from '../core/citation/bibliography';
import { formatBibliography, formatBibtexEntry, type BibEntryOptions } from '../core/citation/bibtex';
import { toCslItem } from '../core/citation/cslJson';
import { citationInsertion, citationSyntaxFor, insertionKind, LATEX_CITE_COMMANDS, selectionAsQuery, type CiteOptions, type LatexCiteCommand } from '../core/citation/languages';
import { isStyleName } from '../core/citation/styles';
import type { Paper } from '../core/paper';
import { readCslStyle } from '../node/citeprocLoader';
import { CiteprocClient } from './citeprocClient';
import { withSlowProgress } from './progress';
import type { Services } from './commands';
import { pickPapers } from './searchPick';

/** The citation settings, read fresh on every use so a change applies at once. */
export interface CitationSettings {
  bibliographyFile: string;
  cite: CiteOptions;
  /** A style name (`apa`, `ieee`, `chicago`) or the path of the user's `.csl` file. */
  style: string;
  bibtex: BibEntryOptions;
}

/** Reads the `paperAtlas.*` citation settings for a document's scope. */
export function citationSettings(scope?: vscode.Uri): CitationSettings {
  const config = vscode.workspace.getConfiguration('paperAtlas', scope);
  const latexCommand = config.get<string>('latexCiteCommand', 'cite');
  const cslFile = config.get<string>('cslFile', '').trim();
  const styleName = config.get<string>('citationStyle', 'apa');
  const folder = scope ? vscode.workspace.getWorkspaceFolder(scope) : vscode.workspace.workspaceFolders?.[0];
  return {
    bibliographyFile: config.get<string>('bibliographyFile', 'references.bib').trim() || 'references.bib',
    cite: {
      latexCommand: (LATEX_CITE_COMMANDS as readonly string[]).includes(latexCommand) ? (latexCommand as LatexCiteCommand) : 'cite',
      typstStyle: config.get<string>('typstCiteStyle', 'at') === 'function' ? 'function' : 'at',
    },
    style: cslFile ? (path.isAbsolute(cslFile) || !folder ? cslFile : path.join(folder.uri.fsPath, cslFile)) : isStyleName(styleName) ? styleName : 'apa',
    bibtex: { ascii: config.get<boolean>('bibtexAscii', false) },
  };
}

/** Papers named by a command argument: an id or key, a list of them, a tree node `{ paper }`, or a list of nodes. */
export async function papersFromArgument(services: Services, arg: unknown, more?: unknown): Promise<Paper[] | undefined> {
  const wanted: string[] = [];
  const collect = (value: unknown) => {
    if (typeof value === 'string') wanted.push(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') {
      const v = value as { paper?: { id?: unknown }; id?: unknown };
      if (v.paper && typeof v.paper.id === 'string') wanted.push(v.paper.id);
      else if (typeof v.id === 'string') wanted.push(v.id);
    }
  };
  // A tree's context menu passes the clicked node and then every selected node.
  collect(Array.isArray(more) && more.length > 0 ? more : arg);
  if (wanted.length === 0) return undefined;
  const papers: Paper[] = [];
  for (const idOrKey of wanted) {
    const paper = await services.corpus.find(idOrKey);
    if (!paper) throw new Error(`No paper with id or key "${idOrKey}": it may have left your libraries. Find it with Paper Atlas: Search Papers.`);
    if (!papers.includes(paper)) papers.push(paper);
  }
  return papers;
}

let citeproc: CiteprocClient | undefined;

/** The citation processor's worker, started on first use; `stopCiteproc` ends it. */
function citeprocClient(log?: vscode.LogOutputChannel): CiteprocClient {
  citeproc ??= new CiteprocClient(__dirname, log);
  return citeproc;
}

/** Stops the citation processor's worker, if it was started. */
export function stopCiteproc(): void {
  citeproc?.dispose();
  citeproc = undefined;
}

/** Styled references, one per paper, in the configured style (starts the citation processor on first use). */
export function formattedReferences(papers: readonly Paper[], settings: CitationSettings, format: 'text' | 'html' = 'text', log?: vscode.LogOutputChannel): Promise<string[]> {
  const style = readCslStyle(settings.style, path.join(__dirname, '..', 'media', 'csl'));
  return citeprocClient(log).format(papers.map(toCslItem), style, format);
}

/** The scheme of the read-only documents holding a paper's BibTeX entry (Go to Definition's target); never a place to cite into. */
export const PAPER_ENTRY_SCHEME = 'paper-atlas-entry';

let lastTextEditor: vscode.TextEditor | undefined;

/** Remembers the last focused text editor, so a cite button in a webview or the sidebar knows where to write. */
export function trackTextEditors(): vscode.Disposable {
  lastTextEditor = vscode.window.activeTextEditor;
  return vscode.window.onDidChangeActiveTextEditor((editor) => {
    if (editor && editor.document.uri.scheme !== PAPER_ENTRY_SCHEME) lastTextEditor = editor;
  });
}

/** The text editor a citation goes into: the active one, else the last one focused if still visible, else the only visible one. */
function targetEditor(): vscode.TextEditor | undefined {
  const visible = vscode.window.visibleTextEditors;
  if (vscode.window.activeTextEditor) return vscode.window.activeTextEditor;
  if (lastTextEditor && visible.includes(lastTextEditor)) return lastTextEditor;
  return visible.length === 1 ? visible[0] : undefined;
}

/**
 * True when the file behind a URI exists and is read-only: marked so by its file system, or (a local
 * file) with no write permission bit, which counts even for a user such as root who could write anyway.
 */
async function isReadonlyFile(uri: vscode.Uri): Promise<boolean> {
  try {
    if (((await vscode.workspace.fs.stat(uri)).permissions ?? 0) & vscode.FilePermission.Readonly) return true;
    return uri.scheme === 'file' && ((await fs.promises.stat(uri.fsPath)).mode & 0o222) === 0;
  } catch {
    return false;
  }
}

/** Why an editor cannot take a citation, or undefined when it can. */
async function whyNotInsertable(editor: vscode.TextEditor | undefined): Promise<string | undefined> {
  if (!editor) return 'No editor is open to insert the citation into.';
  const doc = editor.document;
  if (doc.isUntitled) return `${doc.fileName} is untitled: save it first, so Paper Atlas knows its language and where its bibliography goes.`;
  if (
    vscode.workspace.fs.isWritableFileSystem(doc.uri.scheme) === false ||
    ['output', 'git', 'vscode-settings'].includes(doc.uri.scheme) ||
    (await isReadonlyFile(doc.uri))
  ) {
    return `${path.basename(doc.uri.path)} is read-only.`;
  }
  return undefined;
}

/** The bibliography file of a document: the one it names, else the setting, relative to the workspace folder. */
export function bibliographyUri(document: vscode.TextDocument, settings: CitationSettings): vscode.Uri {
  const declared = declaredBibliographies(citationSyntaxFor(document.languageId), document.getText()).find((f) => /\.bib$/i.test(f));
  const docDir = vscode.Uri.joinPath(document.uri, '..');
  if (declared) return path.isAbsolute(declared) ? vscode.Uri.file(declared) : vscode.Uri.joinPath(docDir, declared);
  const configured = settings.bibliographyFile;
  if (path.isAbsolute(configured)) return vscode.Uri.file(configured);
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  return vscode.Uri.joinPath(folder ? folder.uri : docDir, configured);
}

/** The text of a file as the editor has it (unsaved changes included), or undefined when it does not exist. */
async function currentText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/** What a bibliography sync did: the key to cite for each paper, and the keys that got a new entry. */
export interface SyncResult {
  keys: Map<string, string>;
  added: string[];
  file: vscode.Uri;
}

/**
 * Makes sure the document's bibliography has an entry for each paper, through one WorkspaceEdit
 * (so Undo takes it back) that only appends. Creates the file when missing. Throws a readable Error,
 * having changed nothing, when the file cannot be written.
 */
export async function syncBibliography(document: vscode.TextDocument, papers: readonly Paper[], settings: CitationSettings): Promise<SyncResult> {
  const file = bibliographyUri(document, settings);
  const name = vscode.workspace.asRelativePath(file);
  const existing = await currentText(file);
  const plan = planBibliographyAppend(existing ?? '', papers, settings.bibtex);
  if (!plan.append) return { keys: plan.keys, added: [], file };
  if (existing !== undefined && (await isReadonlyFile(file))) {
    throw new Error(`Cannot add ${plan.added.join(', ')} to ${name}: the file is read-only. Nothing was changed.`);
  }
  const edit = new vscode.WorkspaceEdit();
  if (existing === undefined) {
    edit.createFile(file, { ignoreIfExists: true });
    edit.insert(file, new vscode.Position(0, 0), plan.append);
  } else {
    const doc = await vscode.workspace.openTextDocument(file);
    edit.insert(file, doc.positionAt(doc.getText().length), plan.append);
  }
  let applied: boolean;
  try {
    applied = await vscode.workspace.applyEdit(edit);
  } catch (error) {
    throw new Error(`Cannot add ${plan.added.join(', ')} to ${name}: ${(error as Error).message}. Nothing was changed.`, { cause: error });
  }
  if (!applied) throw new Error(`Cannot add ${plan.added.join(', ')} to ${name}: VS Code refused the edit. Nothing was changed.`);
  const doc = await vscode.workspace.openTextDocument(file);
  if (!(await doc.save())) {
    throw new Error(`Added ${plan.added.join(', ')} to ${name}, but could not save it: the entries are in the unsaved editor.`);
  }
  return { keys: plan.keys, added: plan.added, file };
}

/** The text that cites the papers in a document of the given language (citations join one at the cursor). */
async function insertionTexts(editor: vscode.TextEditor, papers: readonly Paper[], settings: CitationSettings, keys: readonly string[]): Promise<Array<{ position: vscode.Position; text: string }>> {
  const doc = editor.document;
  const kind = insertionKind(doc.languageId);
  const positions = editor.selections.map((s) => s.end);
  if (kind === 'cite') {
    const syntax = citationSyntaxFor(doc.languageId)!;
    const text = doc.getText();
    return positions.map((position) => {
      const insertion = citationInsertion(syntax, text, doc.offsetAt(position), keys, settings.cite);
      return { position: doc.positionAt(insertion.offset), text: insertion.text };
    });
  }
  const block = kind === 'bibtex' ? formatBibliography(papers, settings.bibtex) : (await withSlowProgress('Paper Atlas: formatting the references…', () => formattedReferences(papers, settings))).join('\n');
  return positions.map((position) => ({ position, text: block }));
}

/** Offers to copy text when it cannot be inserted. */
async function offerClipboard(reason: string, text: () => string | Promise<string>): Promise<void> {
  const copy = 'Copy to Clipboard';
  if ((await vscode.window.showWarningMessage(reason, copy)) === copy) {
    await vscode.env.clipboard.writeText(await text());
    void vscode.window.setStatusBarMessage('Paper Atlas: citation copied', 3000);
  }
}

/**
 * "Paper Atlas: Insert Citation". With a paper argument, cites it; without, opens the search pick
 * (several papers can be picked; the selected text is the query). Inserts at every cursor in the
 * document's citation syntax, joins a citation the cursor is in, and adds missing BibTeX entries to
 * the document's bibliography. Resolves with the cited keys, or undefined when nothing was inserted.
 */
export async function insertCitation(services: Services, arg?: unknown, more?: unknown): Promise<string[] | undefined> {
  const editor = targetEditor();
  const problem = await whyNotInsertable(editor);
  const given = await papersFromArgument(services, arg, more);
  const query = editor && !editor.selection.isEmpty ? selectionAsQuery(editor.document.getText(editor.selection)) : undefined;
  const papers = given ?? (await pickPapers(services.corpus, services.frecency, { title: 'Insert Citation', canSelectMany: true, value: problem ? undefined : query }));
  if (!papers || papers.length === 0) return undefined;
  const settings = citationSettings(editor?.document.uri);
  if (problem || !editor) {
    // Not awaited: the command finishes now, and the offer stays until the user answers or closes it.
    void offerClipboard(`${problem} Copy the citation instead?`, async () => {
      const syntax = editor ? citationSyntaxFor(editor.document.languageId) : undefined;
      if (syntax) return syntax.cite(papers.map((p) => p.key), settings.cite);
      return (await withSlowProgress('Paper Atlas: formatting the reference…', () => formattedReferences(papers, settings, 'text', services.log))).join('\n');
    });
    return undefined;
  }
  let keys = papers.map((p) => p.key);
  if (insertionKind(editor.document.languageId) === 'cite') {
    const synced = await syncBibliography(editor.document, papers, settings);
    keys = papers.map((p) => synced.keys.get(p.key) ?? p.key);
    if (synced.added.length > 0) {
      services.log.info(`added ${synced.added.join(', ')} to ${synced.file.fsPath}`);
      void vscode.window.setStatusBarMessage(`Paper Atlas: added ${synced.added.length} entr${synced.added.length === 1 ? 'y' : 'ies'} to ${vscode.workspace.asRelativePath(synced.file)}`, 4000);
    }
  }
  const inserts = await insertionTexts(editor, papers, settings, keys);
  const selected = editor.selections.map((s) => !s.isEmpty);
  const ok = await editor.edit((builder) => inserts.forEach(({ position, text }) => text && builder.insert(position, text)));
  if (!ok) throw new Error('The editor did not accept the citation (was the document changed meanwhile?).');
  // Text selected as the query ("cite this claim") stays; a selection grown over the new citation
  // would let the next keystroke replace claim and citation alike, so each cursor goes after it.
  if (selected.some(Boolean)) editor.selections = editor.selections.map((s, i) => (selected[i] ? new vscode.Selection(s.end, s.end) : s));
  for (const p of papers) await services.frecency.recordUse(p.id);
  return keys;
}

/** "Copy BibTeX": the entries of the given (or picked) papers to the clipboard. Resolves with the copied text. */
export async function copyBibtex(services: Services, arg?: unknown, more?: unknown): Promise<string | undefined> {
  const papers = (await papersFromArgument(services, arg, more)) ?? (await pickPapers(services.corpus, services.frecency, { title: 'Copy BibTeX', canSelectMany: true }));
  if (!papers || papers.length === 0) return undefined;
  const text = formatBibliography(papers, citationSettings().bibtex);
  await vscode.env.clipboard.writeText(text);
  void vscode.window.setStatusBarMessage(`Paper Atlas: BibTeX of ${papers.length} paper${papers.length === 1 ? '' : 's'} copied`, 3000);
  return text;
}

/** "Copy Formatted Reference": references in the configured style (APA by default) to the clipboard. */
export async function copyFormattedReference(services: Services, arg?: unknown, more?: unknown): Promise<string | undefined> {
  const papers = (await papersFromArgument(services, arg, more)) ?? (await pickPapers(services.corpus, services.frecency, { title: 'Copy Formatted Reference', canSelectMany: true }));
  if (!papers || papers.length === 0) return undefined;
  const settings = citationSettings(targetEditor()?.document.uri);
  // The first reference in a style compiles it (a few seconds for Chicago): say so if it takes a while.
  const text = (await withSlowProgress(`Paper Atlas: formatting ${papers.length === 1 ? 'the reference' : `${papers.length} references`}…`, () => formattedReferences(papers, settings, 'text', services.log))).join('\n');
  await vscode.env.clipboard.writeText(text);
  void vscode.window.setStatusBarMessage('Paper Atlas: reference copied', 3000);
  return text;
}

/**
 * "Export Bibliography of This Document": a `.bib` file with the entries of exactly the keys the
 * active document cites (from Paper Atlas, or from the document's own bibliography for keys Paper
 * Atlas does not know). `target` skips the save dialog. Resolves with the written file's URI.
 */
export async function exportBibliography(services: Services, target?: unknown): Promise<string | undefined> {
  const editor = targetEditor();
  if (!editor) throw new Error('Open the document whose bibliography you want to export.');
  const doc = editor.document;
  const syntax = citationSyntaxFor(doc.languageId);
  if (!syntax) throw new Error(`Paper Atlas does not know how ${doc.languageId} documents cite; it reads LaTeX, Markdown, Typst, Org and reStructuredText.`);
  const cited = [...new Set(syntax.citedKeys(doc.getText()).filter((k) => k.bracketed).map((k) => k.key))];
  if (cited.length === 0) throw new Error(`${path.basename(doc.fileName)} cites no papers yet: cite some with Paper Atlas: Insert Citation, then export.`);
  const settings = citationSettings(doc.uri);
  const bibText = doc.isUntitled ? undefined : await currentText(bibliographyUri(doc, settings));
  const fromBib = bibText ? entriesText(bibText, new Set(cited)) : new Map<string, string>();
  const entries: string[] = [];
  const missing: string[] = [];
  for (const key of cited) {
    const paper = await services.corpus.find(key);
    if (paper) entries.push(formatBibtexEntry(paper, settings.bibtex));
    else if (fromBib.has(key)) entries.push(fromBib.get(key)!);
    else missing.push(key);
  }
  let uri: vscode.Uri | undefined;
  if (typeof target === 'string') uri = vscode.Uri.parse(target);
  else if (target instanceof vscode.Uri) uri = target;
  else {
    const base = doc.isUntitled ? 'bibliography' : path.basename(doc.fileName, path.extname(doc.fileName));
    const defaultUri = vscode.Uri.joinPath(doc.isUntitled ? (vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file('/')) : vscode.Uri.joinPath(doc.uri, '..'), `${base}-cited.bib`);
    uri = await vscode.window.showSaveDialog({ defaultUri, filters: { BibTeX: ['bib'] }, title: 'Export Bibliography of This Document' });
  }
  if (!uri) return undefined;
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(entries.join('\n')));
  const note = missing.length ? ` Not found anywhere: ${missing.join(', ')}.` : '';
  void vscode.window.showInformationMessage(`Exported ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'} to ${vscode.workspace.asRelativePath(uri)}.${note}`);
  return uri.toString();
}

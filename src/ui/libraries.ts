import * as vscode from 'vscode';
import { readLibrary, type LibraryFileResult, type LibraryProblem } from '../core/library/libraryPaper';

interface TrackedFile {
  uri: vscode.Uri;
  /** Workspace-relative path: the `file` of the papers' sources and of problems. */
  name: string;
  result: LibraryFileResult;
}

const SECTION = 'paperAtlas';
/** Pause after the last keystroke in an open library before it is read again. */
const TYPING_PAUSE_MS = 150;

/**
 * The user's libraries: the files named in `paperAtlas.libraries` (paths or globs, relative to each
 * workspace folder) and, with `paperAtlas.includeWorkspaceBibliographies`, every `.bib` file of the
 * workspace. Reads them (never writes them), follows their changes on disk and in open editors,
 * shows broken entries in the Problems panel, and tells the corpus which file changed.
 */
export class LibraryService implements vscode.Disposable {
  private readonly files = new Map<string, TrackedFile>();
  private scanning: Promise<void> | undefined;
  private readonly changed = new vscode.EventEmitter<string[]>();
  /** Fires with the workspace-relative names of the library files whose papers changed. */
  readonly onDidChange = this.changed.event;
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('paperAtlas.libraries');
  private readonly subscriptions: vscode.Disposable[] = [];
  private watchers: vscode.Disposable[] = [];
  private readonly unreadableReported = new Set<string>();
  /** The notifications shown about files that could not be read, in order (for tests and tools). */
  readonly unreadableReports: string[] = [];
  private readonly typingTimers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.subscriptions.push(
      this.diagnostics,
      this.changed,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SECTION}.libraries`) || e.affectsConfiguration(`${SECTION}.includeWorkspaceBibliographies`)) void this.rescan();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.rescan()),
      vscode.workspace.onDidChangeTextDocument((e) => this.onEdit(e.document)),
    );
  }

  /** Every library file's papers and problems, in setting order then path order; scans on first call. */
  async results(): Promise<LibraryFileResult[]> {
    this.scanning ??= this.scan();
    await this.scanning;
    return [...this.files.values()].map((f) => f.result);
  }

  /** The file's URI for a source's `file` name, to open it at an entry's line. */
  uriOf(name: string): vscode.Uri | undefined {
    return [...this.files.values()].find((f) => f.name === name)?.uri;
  }

  private async rescan(): Promise<void> {
    const before = [...this.files.values()].map((f) => f.name);
    this.scanning = this.scan();
    await this.scanning;
    const after = [...this.files.values()].map((f) => f.name);
    this.changed.fire([...new Set([...before, ...after])]);
  }

  /** Finds the library files the settings name, reads the new ones, and watches them. */
  private async scan(): Promise<void> {
    const config = vscode.workspace.getConfiguration(SECTION);
    const patterns = config.get<string[]>('libraries', []).filter((p) => typeof p === 'string' && p.trim());
    const includeWorkspace = config.get<boolean>('includeWorkspaceBibliographies', true);
    const folders = vscode.workspace.workspaceFolders ?? [];
    const found: vscode.Uri[] = [];
    for (const pattern of patterns) {
      if (/^([a-zA-Z]:)?[\\/]/.test(pattern) && !/[*?[{]/.test(pattern)) found.push(vscode.Uri.file(pattern));
      else if (!/[*?[{]/.test(pattern)) found.push(...folders.map((f) => vscode.Uri.joinPath(f.uri, pattern)).slice(0, 1));
      else for (const f of folders) found.push(...(await vscode.workspace.findFiles(new vscode.RelativePattern(f, pattern))).sort(byPath));
    }
    if (includeWorkspace) found.push(...(await vscode.workspace.findFiles('**/*.bib', '**/node_modules/**')).sort(byPath));
    const wanted = new Map<string, vscode.Uri>();
    for (const uri of found) if (!wanted.has(uri.toString())) wanted.set(uri.toString(), uri);

    for (const key of [...this.files.keys()]) {
      if (wanted.has(key)) continue;
      this.diagnostics.delete(this.files.get(key)!.uri);
      this.files.delete(key);
    }
    const next = new Map<string, TrackedFile>();
    for (const [key, uri] of wanted) {
      const tracked = this.files.get(key) ?? (await this.read(uri));
      if (tracked) next.set(key, tracked);
    }
    this.files.clear();
    for (const [k, v] of next) this.files.set(k, v);
    this.watch(patterns, includeWorkspace, folders);
  }

  private watch(patterns: string[], includeWorkspace: boolean, folders: readonly vscode.WorkspaceFolder[]): void {
    for (const w of this.watchers) w.dispose();
    this.watchers = [];
    const globs = [...patterns, ...(includeWorkspace ? ['**/*.bib'] : [])];
    for (const glob of globs) {
      const targets = /^([a-zA-Z]:)?[\\/]/.test(glob) ? [new vscode.RelativePattern(vscode.Uri.file(glob.replace(/[\\/][^\\/]*$/, '') || '/'), glob.replace(/^.*[\\/]/, ''))] : folders.map((f) => new vscode.RelativePattern(f, glob));
      for (const target of targets) {
        const watcher = vscode.workspace.createFileSystemWatcher(target);
        watcher.onDidChange((uri) => void this.reread(uri));
        watcher.onDidCreate(() => void this.rescan());
        watcher.onDidDelete(() => void this.rescan());
        this.watchers.push(watcher);
      }
    }
  }

  /** Reads a file from disk (or its open editor); undefined when it cannot be read, reported once. */
  private async read(uri: vscode.Uri): Promise<TrackedFile | undefined> {
    const name = vscode.workspace.asRelativePath(uri, false);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    let text: string;
    try {
      text = open ? open.getText() : new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (!this.unreadableReported.has(uri.toString())) {
        this.unreadableReported.add(uri.toString());
        this.log.warn(`library ${name} cannot be read: ${reason}`);
        const message = `Paper Atlas: the library ${name} cannot be read (${reason}). Check the path in the paperAtlas.libraries setting and the file's permissions; its papers are left out until it can be read.`;
        this.unreadableReports.push(message);
        void vscode.window.showWarningMessage(message);
      }
      return undefined;
    }
    this.unreadableReported.delete(uri.toString());
    return this.parse(uri, name, text);
  }

  private parse(uri: vscode.Uri, name: string, text: string): TrackedFile {
    const started = Date.now();
    // The previous reading lets an edit re-read only the entries whose text changed.
    const result = readLibrary(text, name, this.files.get(uri.toString())?.result);
    this.showProblems(uri, result.problems);
    this.log.info(`library ${name}: ${result.papers.length} papers, ${result.problems.length} problems, read in ${Date.now() - started} ms`);
    return { uri, name, result };
  }

  private async reread(uri: vscode.Uri): Promise<void> {
    const key = uri.toString();
    if (!this.files.has(key)) return;
    const tracked = await this.read(uri);
    if (!tracked) return;
    this.files.set(key, tracked);
    this.changed.fire([tracked.name]);
  }

  private onEdit(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const tracked = this.files.get(key);
    if (!tracked) return;
    clearTimeout(this.typingTimers.get(key));
    this.typingTimers.set(
      key,
      setTimeout(() => {
        this.typingTimers.delete(key);
        if (!this.files.has(key)) return;
        this.files.set(key, this.parse(tracked.uri, tracked.name, document.getText()));
        this.changed.fire([tracked.name]);
      }, TYPING_PAUSE_MS),
    );
  }

  private showProblems(uri: vscode.Uri, problems: readonly LibraryProblem[]): void {
    this.diagnostics.set(
      uri,
      problems.map((p) => {
        const line = Math.max(0, p.line - 1);
        const d = new vscode.Diagnostic(new vscode.Range(line, 0, line, Number.MAX_SAFE_INTEGER), p.message, p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
        d.source = 'Paper Atlas';
        if (p.key) d.code = p.key;
        return d;
      }),
    );
  }

  dispose(): void {
    for (const t of this.typingTimers.values()) clearTimeout(t);
    for (const w of this.watchers) w.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

function byPath(a: vscode.Uri, b: vscode.Uri): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

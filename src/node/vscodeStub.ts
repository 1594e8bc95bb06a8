/**
 * A stand-in for the `vscode` module, enough to load and activate the extension bundle in plain node
 * and drive its Topics view and Search Papers pick the way the workbench would. Used by the start-up
 * bench (startupProbe.ts); it records what the extension registers instead of showing anything.
 * Parts of the API the extension uses without the bench needing them are inert: any property or
 * call on them gives another inert value, and the names touched are recorded.
 */
import { Module } from 'node:module';
import * as path from 'node:path';

type Listener<T> = (value: T) => unknown;
type AnyFunction = (...args: unknown[]) => unknown;

/** A real event emitter: the extension's services talk to each other through these. */
export class StubEventEmitter<T> {
  private listeners: Array<Listener<T>> = [];
  readonly event = (listener: Listener<T>) => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  fire(value: T): void {
    for (const l of [...this.listeners]) l(value);
  }
  dispose(): void {
    this.listeners = [];
  }
}

class Disposable {
  constructor(private readonly onDispose: () => void = () => {}) {}
  static from(...items: Array<{ dispose(): unknown }>): Disposable {
    return new Disposable(() => items.forEach((i) => i.dispose()));
  }
  dispose(): void {
    this.onDispose();
  }
}

class Uri {
  private constructor(
    readonly scheme: string,
    readonly path: string,
  ) {}
  get fsPath(): string {
    return this.path;
  }
  static file(p: string): Uri {
    return new Uri('file', path.resolve(p));
  }
  static parse(value: string): Uri {
    const m = /^([a-z][\w+.-]*):(?:\/\/[^/]*)?(.*)$/i.exec(value);
    return m ? new Uri(m[1], m[2]) : new Uri('file', value);
  }
  static joinPath(base: Uri, ...parts: string[]): Uri {
    return new Uri(base.scheme, path.posix.join(base.path, ...parts));
  }
  with(change: { scheme?: string; path?: string }): Uri {
    return new Uri(change.scheme ?? this.scheme, change.path ?? this.path);
  }
  toString(): string {
    return `${this.scheme}://${this.path}`;
  }
}

class TreeItem {
  [key: string]: unknown;
  constructor(
    readonly label: unknown,
    readonly collapsibleState = 0,
  ) {}
}

class ThemeIcon {
  constructor(readonly id: string) {}
}

class MarkdownString {
  constructor(
    public value = '',
    readonly supportThemeIcons = false,
  ) {}
  appendMarkdown(text: string): this {
    this.value += text;
    return this;
  }
  appendText(text: string): this {
    this.value += text;
    return this;
  }
  appendCodeblock(code: string, language = ''): this {
    this.value += `\n\`\`\`${language}\n${code}\n\`\`\`\n`;
    return this;
  }
}

/** A quick pick that a probe types into: `type` sets the value and tells the listeners, as a keystroke would. */
export class StubQuickPick {
  [key: string]: unknown;
  value = '';
  private current: unknown[] = [];
  /** Every assignment of `items`, with the value it answered. */
  readonly updates: Array<{ value: string; items: unknown[] }> = [];
  private readonly valueChanged = new StubEventEmitter<string>();
  private readonly accepted = new StubEventEmitter<void>();
  private readonly hidden = new StubEventEmitter<void>();
  private readonly buttons = new StubEventEmitter<unknown>();
  readonly onDidChangeValue = this.valueChanged.event;
  readonly onDidAccept = this.accepted.event;
  readonly onDidHide = this.hidden.event;
  readonly onDidTriggerItemButton = this.buttons.event;
  readonly onDidChangeActive = new StubEventEmitter<unknown>().event;
  readonly onDidChangeSelection = new StubEventEmitter<unknown>().event;
  activeItems: unknown[] = [];
  selectedItems: unknown[] = [];
  constructor(private readonly onItems: (pick: StubQuickPick) => void) {}
  get items(): unknown[] {
    return this.current;
  }
  set items(items: unknown[]) {
    this.current = items;
    this.updates.push({ value: this.value, items });
    this.onItems(this);
  }
  type(value: string): void {
    this.value = value;
    this.valueChanged.fire(value);
  }
  show(): void {
    this.shown?.(this);
  }
  shown: ((pick: StubQuickPick) => void) | undefined;
  hide(): void {
    this.hidden.fire();
  }
  dispose(): void {}
}

/** What the extension registered and touched while the stub stood in for VS Code. */
export interface StubRecord {
  commands: Map<string, AnyFunction>;
  treeProviders: Map<string, { getChildren(node?: unknown): Promise<unknown[]> | unknown[]; getTreeItem(node: unknown): unknown }>;
  quickPicks: StubQuickPick[];
  /** Called on every quick pick's `show()`. */
  onQuickPickShown: ((pick: StubQuickPick) => void) | undefined;
  /** Called whenever a quick pick's items change. */
  onQuickPickItems: ((pick: StubQuickPick) => void) | undefined;
  /** Names of the API that only the inert fallback answered (`window.createWebviewPanel`, …). */
  inert: Set<string>;
  log: string[];
  contextKeys: Map<string, unknown>;
}

/** An inert value: every property is another one, calling or constructing it gives another one, `dispose()` works. */
function inert(name: string, record: StubRecord): unknown {
  return new Proxy(function () {}, {
    get(_target, prop) {
      if (prop === 'then') return undefined; // not a promise: `await` gives the value itself
      if (prop === 'dispose') return () => {};
      if (prop === Symbol.toPrimitive) return () => name;
      if (prop === Symbol.iterator) return function* () {};
      if (typeof prop === 'symbol') return undefined;
      record.inert.add(`${name}.${prop}`);
      return inert(`${name}.${prop}`, record);
    },
    apply: () => inert(`${name}()`, record),
    construct: () => inert(`new ${name}`, record) as object,
  });
}

/** A namespace object (`window`, `workspace`, …) whose unlisted members are inert. */
function namespace(name: string, members: Record<string, unknown>, record: StubRecord): Record<string, unknown> {
  return new Proxy(members, {
    get: (target, prop) => (typeof prop === 'string' && !(prop in target) ? inert(`${name}.${prop}`, record) : Reflect.get(target, prop)),
  });
}

const enumOf = (...names: string[]) => Object.fromEntries(names.map((n, i) => [n, i]));

/** Builds the stand-in module and the record it fills. */
export function createVscodeStub(): { module: Record<string, unknown>; record: StubRecord } {
  const record: StubRecord = {
    commands: new Map(),
    treeProviders: new Map(),
    quickPicks: [],
    onQuickPickShown: undefined,
    onQuickPickItems: undefined,
    inert: new Set(),
    log: [],
    contextKeys: new Map(),
  };
  const logLine = (level: string) => (message: string) => void record.log.push(`${level} ${message}`);
  const outputChannel = () => ({
    name: 'Paper Atlas',
    logLevel: 2,
    onDidChangeLogLevel: new StubEventEmitter<number>().event,
    trace: logLine('trace'),
    debug: logLine('debug'),
    info: logLine('info'),
    warn: logLine('warn'),
    error: (e: unknown) => record.log.push(`error ${String(e)}`),
    append: logLine(''),
    appendLine: logLine(''),
    replace: logLine(''),
    clear: () => {},
    show: () => {},
    hide: () => {},
    dispose: () => {},
  });
  const event = () => new StubEventEmitter<unknown>().event;
  const disposable = () => new Disposable();

  const window = namespace(
    'window',
    {
      activeTextEditor: undefined,
      visibleTextEditors: [],
      createOutputChannel: outputChannel,
      createTreeView: (id: string, options: { treeDataProvider: StubRecord['treeProviders'] extends Map<string, infer P> ? P : never }) => {
        record.treeProviders.set(id, options.treeDataProvider);
        return { message: undefined, visible: true, selection: [], onDidChangeVisibility: event(), onDidChangeSelection: event(), onDidExpandElement: event(), onDidCollapseElement: event(), reveal: async () => {}, dispose: () => {} };
      },
      createQuickPick: () => {
        const pick = new StubQuickPick((p) => record.onQuickPickItems?.(p));
        pick.shown = (p) => record.onQuickPickShown?.(p);
        record.quickPicks.push(pick);
        return pick;
      },
      registerWebviewPanelSerializer: disposable,
      setStatusBarMessage: disposable,
      onDidChangeActiveTextEditor: event(),
      onDidChangeTextEditorSelection: event(),
      onDidChangeVisibleTextEditors: event(),
    },
    record,
  );
  const workspace = namespace(
    'workspace',
    {
      workspaceFolders: undefined,
      textDocuments: [],
      getConfiguration: () => ({ get: (_key: string, fallback?: unknown) => fallback, has: () => false, inspect: () => undefined, update: async () => {} }),
      findFiles: async () => [],
      asRelativePath: (p: unknown) => String(p),
      createFileSystemWatcher: () => ({ onDidChange: event(), onDidCreate: event(), onDidDelete: event(), dispose: () => {} }),
      onDidChangeConfiguration: event(),
      onDidChangeWorkspaceFolders: event(),
      onDidChangeTextDocument: event(),
      onDidOpenTextDocument: event(),
      onDidCloseTextDocument: event(),
      onDidSaveTextDocument: event(),
    },
    record,
  );
  const commands = namespace(
    'commands',
    {
      registerCommand: (id: string, handler: AnyFunction) => {
        record.commands.set(id, handler);
        return new Disposable(() => record.commands.delete(id));
      },
      executeCommand: async (id: string, ...args: unknown[]) => {
        if (id === 'setContext') return void record.contextKeys.set(String(args[0]), args[1]);
        return record.commands.get(id)?.(...args);
      },
      getCommands: async () => [...record.commands.keys()],
    },
    record,
  );
  const languages = namespace(
    'languages',
    {
      createDiagnosticCollection: () => ({ set: () => {}, delete: () => {}, clear: () => {}, get: () => undefined, forEach: () => {}, dispose: () => {} }),
      registerCompletionItemProvider: disposable,
      registerHoverProvider: disposable,
      registerDefinitionProvider: disposable,
      registerCodeActionsProvider: disposable,
      registerDocumentDropEditProvider: disposable,
    },
    record,
  );

  const module: Record<string, unknown> = {
    window,
    workspace,
    commands,
    languages,
    env: namespace('env', {}, record),
    extensions: namespace('extensions', { getExtension: () => undefined }, record),
    EventEmitter: StubEventEmitter,
    Disposable,
    Uri,
    TreeItem,
    ThemeIcon,
    MarkdownString,
    TreeItemCollapsibleState: enumOf('None', 'Collapsed', 'Expanded'),
    QuickPickItemKind: { Separator: -1, Default: 0 },
    DiagnosticSeverity: enumOf('Error', 'Warning', 'Information', 'Hint'),
    ViewColumn: { Active: -1, Beside: -2, One: 1, Two: 2, Three: 3 },
    CodeActionKind: { QuickFix: { value: 'quickfix' }, Empty: { value: '' } },
    CompletionItemKind: enumOf('Text', 'Method', 'Function', 'Constructor', 'Field', 'Variable', 'Class', 'Interface', 'Module', 'Property', 'Unit', 'Value', 'Enum', 'Keyword', 'Snippet', 'Color', 'File', 'Reference'),
    FilePermission: { Readonly: 1 },
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
  };
  // Classes the bench never constructs: inert, so a bundle that builds one still loads.
  for (const name of ['CodeAction', 'CompletionItem', 'CompletionList', 'DataTransferItem', 'Diagnostic', 'DocumentDropEdit', 'Hover', 'Location', 'Position', 'Range', 'RelativePattern', 'WorkspaceEdit', 'SnippetString', 'Selection']) {
    module[name] = inert(name, record);
  }
  return { module, record };
}

/** From now on in this process, requiring the `vscode` module gives the stub. */
export function installVscodeStub(stub: Record<string, unknown>): void {
  const loader = Module as unknown as { _load(request: string, parent: unknown, isMain: boolean): unknown };
  const original = loader._load;
  loader._load = function (request, parent, isMain) {
    return request === 'vscode' ? stub : original.call(this, request, parent, isMain);
  };
}

/** A minimal ExtensionContext for `activate`: real subscriptions and mementos, paths under `extensionDir`. */
export function stubExtensionContext(extensionDir: string): Record<string, unknown> {
  const memento = () => {
    const values = new Map<string, unknown>();
    return { get: (k: string, d?: unknown) => (values.has(k) ? values.get(k) : d), update: async (k: string, v: unknown) => void values.set(k, v), keys: () => [...values.keys()], setKeysForSync: () => {} };
  };
  return {
    subscriptions: [],
    extensionPath: extensionDir,
    extensionUri: Uri.file(extensionDir),
    globalState: memento(),
    workspaceState: memento(),
    asAbsolutePath: (p: string) => path.join(extensionDir, p),
    extensionMode: 3,
  };
}

/**
 * One start-up measurement in a fresh node process: `node --expose-gc startupProbe.js <extensionDir> <scenario>`.
 * Loads `<extensionDir>/dist/extension.js` against the stub `vscode` module, activates it, then
 *   tree    renders the Topics view's top level and its first group (getChildren + getTreeItem);
 *   search  runs Search Papers and types a query, until the pick holds that query's results;
 *   all     both, then the heap growth with everything loaded.
 * Prints one JSON line (StartupSample) on stdout. The start-up bench (commandLine/startupBench.ts)
 * builds this file and runs it several times.
 */
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createVscodeStub, installVscodeStub, stubExtensionContext, type StubQuickPick } from './vscodeStub';

/** The query typed into Search Papers; its first result is reported so a broken search shows. */
export const PROBE_QUERY = 'spiking neural networks';

export type StartupScenario = 'tree' | 'search' | 'all';

/** What one probe run measured and saw. Times in ms from the start of `require`; heap in bytes. */
export interface StartupSample {
  scenario: StartupScenario;
  require_ms: number;
  activate_ms: number;
  /** From the end of activation until the top level and first group of the Topics view have tree items. */
  tree_ms: number | null;
  tree_roots: number | null;
  /** From the end of activation (or of the tree render in `all`) until the pick shows results for PROBE_QUERY. */
  search_ms: number | null;
  first_result: string | null;
  /** The same three spans in process CPU time (user + system), which a busy machine inflates far less than wall time. */
  cpu: { activate_ms: number; tree_ms: number | null; search_ms: number | null };
  /** V8 heap used plus array buffers, after a full collection, before `require` and after the last step. */
  heap_before: number | null;
  heap_after: number | null;
  /** Modules that entered require's cache after the probe started (the extension's bundles). */
  modules: string[];
  /** Files read with readFileSync, with their sizes. */
  files_read: Array<{ file: string; bytes: number }>;
  workers: string[];
  /** Whether the Topics view learnt topics at run time instead of using the prebuilt ones. */
  topics_learnt: boolean | null;
  /** What the extension wrote to its log channel. */
  log: string[];
  error?: string;
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** The V8 heap plus array buffers (the search index's postings live in typed arrays) after a full collection. */
function collectedHeap(): number | null {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return null;
  gc();
  gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

/**
 * Node's own modules that the extension host has loaded long before any extension activates. Loaded
 * here first, so `require_ms` is the bundle's cost, not Node compiling its built-ins for the first time.
 */
const HOST_BUILTINS = ['node:fs', 'node:path', 'node:os', 'node:crypto', 'node:worker_threads', 'node:events', 'node:util', 'node:url', 'node:child_process', 'node:net', 'node:stream'];

/** Records readFileSync calls and worker starts, so the sample says what the extension pulled in. */
function watchLoads(relativeTo: string): { files: StartupSample['files_read']; workers: string[] } {
  const files: StartupSample['files_read'] = [];
  const workers: string[] = [];
  // The modules' own objects, which the extension bundle reads its functions from (an import binding cannot be reassigned).
  /* eslint-disable @typescript-eslint/no-require-imports */
  const fs = require('node:fs') as typeof import('node:fs');
  const workerThreads = require('node:worker_threads') as typeof import('node:worker_threads');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const read = fs.readFileSync;
  (fs as { readFileSync: unknown }).readFileSync = function (this: unknown, file: unknown, ...rest: unknown[]) {
    const result = (read as (...a: unknown[]) => string | Buffer).call(this, file, ...rest);
    if (typeof file === 'string') files.push({ file: path.relative(relativeTo, file), bytes: typeof result === 'string' ? Buffer.byteLength(result) : result.length });
    return result;
  };
  const RealWorker = workerThreads.Worker;
  (workerThreads as { Worker: unknown }).Worker = class extends RealWorker {
    constructor(filename: string | URL, options?: import('node:worker_threads').WorkerOptions) {
      workers.push(path.relative(relativeTo, String(filename)));
      super(filename, options);
    }
  };
  return { files, workers };
}

type TreeProvider = { getChildren(node?: unknown): Promise<unknown[]> | unknown[]; getTreeItem(node: unknown): unknown };

/** The first render of the Topics view: its top level, then the rows of its first group, as tree items. */
async function renderTree(provider: TreeProvider): Promise<number> {
  const roots = await provider.getChildren();
  roots.forEach((n) => provider.getTreeItem(n));
  if (roots.length > 0) (await provider.getChildren(roots[0])).forEach((n) => provider.getTreeItem(n));
  return roots.length;
}

/** Runs Search Papers, types the query, and resolves with the first result's label when the results arrive. */
function searchOnce(stub: ReturnType<typeof createVscodeStub>['record']): Promise<string> {
  const search = stub.commands.get('paperAtlas.searchPapers');
  if (!search) throw new Error('the extension registered no paperAtlas.searchPapers command');
  return new Promise<string>((resolve, reject) => {
    stub.onQuickPickShown = (pick: StubQuickPick) => pick.type(PROBE_QUERY);
    stub.onQuickPickItems = (pick: StubQuickPick) => {
      if (pick.value !== PROBE_QUERY) return;
      const first = pick.items[0] as { label?: string } | undefined;
      resolve(String(first?.label ?? '').replace(/\u2060/g, ''));
      queueMicrotask(() => pick.hide());
    };
    Promise.resolve(search()).catch(reject);
  });
}

async function probe(extensionDir: string, scenario: StartupScenario): Promise<StartupSample> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  for (const builtin of HOST_BUILTINS) require(builtin);
  const stub = createVscodeStub();
  installVscodeStub(stub.module);
  const loads = watchLoads(extensionDir);
  const cachedBefore = new Set(Object.keys(require.cache));
  const sample: StartupSample = { scenario, require_ms: 0, activate_ms: 0, tree_ms: null, tree_roots: null, search_ms: null, first_result: null, heap_before: null, heap_after: null, cpu: { activate_ms: 0, tree_ms: null, search_ms: null }, modules: [], files_read: loads.files, workers: loads.workers, topics_learnt: null, log: stub.record.log };
  sample.heap_before = collectedHeap();
  try {
    const start = performance.now();
    const cpuStart = cpuMs();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const extension = require(path.join(extensionDir, 'dist', 'extension.js')) as { activate(context: unknown): unknown };
    sample.require_ms = performance.now() - start;
    const api = extension.activate(stubExtensionContext(extensionDir)) as { topicTree(): { topics(): Promise<unknown> } };
    let mark = performance.now();
    let cpuMark = cpuMs();
    sample.activate_ms = mark - start;
    sample.cpu.activate_ms = cpuMark - cpuStart;
    if (scenario !== 'search') {
      const provider = stub.record.treeProviders.get('paperAtlas.topics');
      if (!provider) throw new Error('the extension created no paperAtlas.topics tree view');
      sample.tree_roots = await renderTree(provider);
      sample.tree_ms = performance.now() - mark;
      sample.cpu.tree_ms = cpuMs() - cpuMark;
      // Prebuilt topics are handed over as the very array the corpus loaded; learnt ones are new.
      const tree = api.topicTree() as unknown as { topics(): Promise<unknown>; corpus?: { bundledTopics?(): unknown } };
      const bundled = tree.corpus?.bundledTopics?.();
      sample.topics_learnt = bundled === undefined ? null : (await tree.topics()) !== bundled;
      mark = performance.now();
      cpuMark = cpuMs();
    }
    if (scenario !== 'tree') {
      sample.first_result = await searchOnce(stub.record);
      sample.search_ms = performance.now() - mark;
      sample.cpu.search_ms = cpuMs() - cpuMark;
    }
  } catch (error) {
    sample.error = error instanceof Error ? (error.stack ?? error.message) : String(error);
  }
  sample.heap_after = collectedHeap();
  sample.modules = Object.keys(require.cache)
    .filter((m) => !cachedBefore.has(m))
    .map((m) => path.relative(extensionDir, m));
  return sample;
}

if (require.main === module) {
  const [extensionDir, scenario] = process.argv.slice(2);
  if (!extensionDir || !['tree', 'search', 'all'].includes(scenario)) {
    process.stderr.write('usage: node --expose-gc startupProbe.js <extensionDir> tree|search|all\n');
    process.exit(2);
  }
  void probe(path.resolve(extensionDir), scenario as StartupScenario).then((sample) => {
    process.stdout.write(`${JSON.stringify(sample)}\n`);
    // The extension keeps watchers and workers alive in a real host; the probe is done.
    process.exit(0);
  });
}

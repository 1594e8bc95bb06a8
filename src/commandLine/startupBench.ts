import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import type { StartupSample, StartupScenario } from '../node/startupProbe';

/** The issue's budget: what a person waits for on a fresh window, and what the extension host keeps. */
export const STARTUP_TARGETS = { activation_ms: 20, first_search_ms: 50, heap_growth_mb: 30 } as const;

/** What `bench` reports about start-up: medians over fresh node processes running the production bundle. */
export interface StartupResult {
  runs: number;
  bundle_bytes: number;
  require_ms: number;
  activation_ms: number;
  first_tree_ms: number;
  first_search_ms: number;
  /** V8 heap plus array buffers (the index's typed arrays), after a full collection. */
  heap_growth_mb: number | null;
  /** The same spans in process CPU time: what they cost without the waits a busy shared machine adds. */
  cpu: { activation_ms: number; first_tree_ms: number; first_search_ms: number };
  targets: typeof STARTUP_TARGETS;
  /** Wall time within the target; `cpu_only` when only the CPU time is (the machine was busy). */
  within_targets: { activation: boolean | 'cpu_only'; first_search: boolean | 'cpu_only'; heap_growth: boolean | null };
  first_result: string | null;
  tree_roots: number | null;
  /** After activation, tree, one search: the files the extension required or read, and the workers it started. */
  loaded: { modules: string[]; files_read: Array<{ file: string; bytes: number }>; workers: string[]; topics_learnt: boolean | null };
  /** What must not load before it is needed and did not: citeproc, KaTeX, the topic model. */
  heavy_loaded_early: string[];
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

type Esbuild = { buildSync(options: Record<string, unknown>): unknown };

/**
 * Bundles the extension the way `npm run build:prod` does (minified, `vscode` external) and the probe
 * into a temporary extension folder, beside copies of the prebuilt corpus and the citeproc bundles.
 * Needs the repository (src/ and the esbuild dev dependency), not an installed package.
 */
function prepareExtension(repo: string, into: string): void {
  const dist = path.join(repo, 'dist');
  const sources = path.join(repo, 'src');
  if (!fs.existsSync(path.join(dist, 'corpus.json'))) throw new Error('dist/corpus.json is missing: run "npm run build" first');
  let esbuild: Esbuild;
  try {
    // Resolved at run time, never bundled: esbuild is a dev dependency, and its synchronous API starts a
    // worker on its own file, which inside dist/cli.js would be the CLI itself.
    esbuild = createRequire(__filename)('esbuild') as Esbuild;
  } catch {
    throw new Error('the start-up bench builds the production bundle with esbuild, a dev dependency: run "npm ci"');
  }
  if (!fs.existsSync(path.join(sources, 'extension.ts'))) throw new Error(`the start-up bench needs the sources (${sources})`);
  fs.mkdirSync(path.join(into, 'dist'), { recursive: true });
  for (const file of ['corpus.json', 'citeproc.js', 'citeprocWorker.js']) {
    if (fs.existsSync(path.join(dist, file))) fs.copyFileSync(path.join(dist, file), path.join(into, 'dist', file));
  }
  const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'silent' };
  // The options of esbuild.mjs's production build of the extension.
  esbuild.buildSync({ ...common, entryPoints: [path.join(sources, 'extension.ts')], outfile: path.join(into, 'dist', 'extension.js'), external: ['vscode'], minify: true, sourcemap: false });
  esbuild.buildSync({ ...common, entryPoints: [path.join(sources, 'node', 'startupProbe.ts')], outfile: path.join(into, 'probe.js') });
}

function runProbe(into: string, scenario: StartupScenario): StartupSample {
  const run = spawnSync(process.execPath, ['--expose-gc', path.join(into, 'probe.js'), into, scenario], { encoding: 'utf8', timeout: 60_000 });
  const line = run.stdout.trim().split('\n').pop() ?? '';
  let sample: StartupSample;
  try {
    sample = JSON.parse(line) as StartupSample;
  } catch {
    throw new Error(`the start-up probe (${scenario}) printed no result: ${run.stderr || run.error?.message || `exit ${run.status}`}`);
  }
  if (sample.error) throw new Error(`the start-up probe (${scenario}) failed: ${sample.error}`);
  return sample;
}

const verdict = (wall: number, cpu: number, target: number): boolean | 'cpu_only' => (wall < target ? true : cpu < target ? 'cpu_only' : false);

/** Files whose loading means something heavy came in early. */
const HEAVY = [
  { name: 'citeproc', test: (f: string) => /citeproc/i.test(f) },
  { name: 'KaTeX', test: (f: string) => /katex/i.test(f) },
];

/**
 * Activation, first tree render, first search and heap growth of the production bundle, each the
 * median of `runs` fresh node processes (so every run pays the cold require and JIT a window pays).
 * `repo` is the repository folder (src/, dist/). Throws with the reason when it cannot measure.
 */
export function benchStartup(repo: string, runs = 5, io?: { err(text: string): void }): StartupResult {
  const into = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-atlas-startup-'));
  try {
    io?.err('bench: start-up (production bundle, fresh processes)…');
    prepareExtension(repo, into);
    const samples: Record<StartupScenario, StartupSample[]> = { tree: [], search: [], all: [] };
    // Interleaved, so a busy moment of a shared machine spreads over the scenarios.
    for (let i = 0; i < runs; i++) for (const scenario of ['tree', 'search', 'all'] as const) samples[scenario].push(runProbe(into, scenario));
    const activation = [...samples.tree, ...samples.search].map((s) => s.activate_ms);
    const heap = samples.all.filter((s) => s.heap_after !== null && s.heap_before !== null).map((s) => (s.heap_after! - s.heap_before!) / 2 ** 20);
    const last = samples.all[samples.all.length - 1];
    const everything = [last.modules, last.files_read.map((f) => f.file), last.workers].flat();
    const heavy = HEAVY.filter((h) => everything.some(h.test)).map((h) => h.name);
    if (last.topics_learnt) heavy.push('topic model (topics learnt at start-up although the prebuilt ones cover the corpus)');
    const result: Omit<StartupResult, 'within_targets'> = {
      runs,
      bundle_bytes: fs.statSync(path.join(into, 'dist', 'extension.js')).size,
      require_ms: round(median([...samples.tree, ...samples.search].map((s) => s.require_ms)), 2),
      activation_ms: round(median(activation), 2),
      first_tree_ms: round(median(samples.tree.map((s) => s.tree_ms ?? NaN)), 2),
      first_search_ms: round(median(samples.search.map((s) => s.search_ms ?? NaN)), 2),
      heap_growth_mb: heap.length ? round(median(heap)) : null,
      cpu: {
        activation_ms: round(median([...samples.tree, ...samples.search].map((s) => s.cpu.activate_ms)), 2),
        first_tree_ms: round(median(samples.tree.map((s) => s.cpu.tree_ms ?? NaN)), 2),
        first_search_ms: round(median(samples.search.map((s) => s.cpu.search_ms ?? NaN)), 2),
      },
      targets: STARTUP_TARGETS,
      first_result: last.first_result,
      tree_roots: last.tree_roots,
      loaded: { modules: last.modules, files_read: last.files_read, workers: last.workers, topics_learnt: last.topics_learnt },
      heavy_loaded_early: heavy,
    };
    return {
      ...result,
      within_targets: {
        activation: verdict(result.activation_ms, result.cpu.activation_ms, STARTUP_TARGETS.activation_ms),
        first_search: verdict(result.first_search_ms, result.cpu.first_search_ms, STARTUP_TARGETS.first_search_ms),
        heap_growth: result.heap_growth_mb === null ? null : result.heap_growth_mb < STARTUP_TARGETS.heap_growth_mb,
      },
    };
  } finally {
    fs.rmSync(into, { recursive: true, force: true });
  }
}

/** The start-up section of `bench`'s table output. */
export function startupBenchLines(r: StartupResult): string[] {
  const mark = (ok: boolean | 'cpu_only' | null) => (ok === null ? '' : ok === 'cpu_only' ? '  ok in CPU time only (busy machine?)' : ok ? '  ok' : '  OVER BUDGET');
  const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;
  return [
    `startup: production extension.js ${kb(r.bundle_bytes)}, median of ${r.runs} fresh node processes (stub vscode module)`,
    `startup: activation (require ${r.require_ms} ms + activate) ${r.activation_ms} ms, CPU ${r.cpu.activation_ms} ms  (target < ${r.targets.activation_ms} ms)${mark(r.within_targets.activation)}`,
    `startup: first Topics render after activation ${r.first_tree_ms} ms, CPU ${r.cpu.first_tree_ms} ms (${r.tree_roots ?? '?'} topics, loads the prebuilt corpus)`,
    `startup: first search result after activation ${r.first_search_ms} ms, CPU ${r.cpu.first_search_ms} ms  (target < ${r.targets.first_search_ms} ms)${mark(r.within_targets.first_search)}  first: "${r.first_result ?? ''}"`,
    `startup: heap growth after corpus, index, tree and one search ${r.heap_growth_mb ?? '– (run node with --expose-gc)'} MB  (target < ${r.targets.heap_growth_mb} MB)${mark(r.within_targets.heap_growth)}`,
    `startup: loaded by then: ${[...r.loaded.modules, ...r.loaded.files_read.map((f) => `${f.file} (${kb(f.bytes)} read)`)].join(', ') || 'nothing'}; workers: ${r.loaded.workers.join(', ') || 'none'}; topics ${r.loaded.topics_learnt === null ? 'unknown' : r.loaded.topics_learnt ? 'LEARNT at start-up' : 'prebuilt'}`,
    `startup: heavy code loaded before needed: ${r.heavy_loaded_early.join(', ') || 'none (no citeproc, no KaTeX, no topic learning)'}`,
  ];
}

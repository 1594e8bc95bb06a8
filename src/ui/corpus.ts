import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { buildCorpus, type Corpus } from '../core/corpus';
import { withLibraries } from '../core/library/libraryCorpus';
import { diffPapers } from '../core/library/merge';
import type { Paper } from '../core/paper';
import { deserializeCorpus } from '../core/prebuilt';
import { PaperIndex, type SerializedIndex } from '../core/searchIndex';
import type { TopicNode } from '../core/topics';
import { readListingFiles } from '../node/seedFiles';
import type { LibraryService } from './libraries';
import { withBlockingProgress, withSlowProgress } from './progress';

type CorpusState = 'loading' | 'ready' | 'failed';

/** Papers from which building the search index (a second or more) is announced with a notification. */
const ANNOUNCED_BUILD = 10_000;

/**
 * Owns the paper corpus: loads the prebuilt `dist/corpus.json` once, on first use (falling back to
 * parsing `seeds/` if the prebuilt file is missing), reports warnings to the output channel, and
 * tells listeners when it is reloaded.
 */
export class CorpusService implements vscode.Disposable {
  private loading: Promise<Corpus> | undefined;
  private byId = new Map<string, Paper>();
  private byKey = new Map<string, Paper>();
  private serializedIndex: SerializedIndex | undefined;
  private index: PaperIndex | undefined;
  /** The index being built, while it is. */
  private indexing: Promise<PaperIndex> | undefined;
  /** The bundled papers as loaded, before the user's libraries are merged in (their index is the prebuilt one). */
  private seeds: Corpus = { papers: [], warnings: [] };
  private current: Corpus | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<Corpus>();
  /** Fires after every successful (re)load. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly extensionPath: string,
    private readonly log: vscode.LogOutputChannel,
    private readonly libraries?: LibraryService,
  ) {
    if (libraries) this.subscriptions.push(libraries.onDidChange((files) => void this.libraryChanged(files)));
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('paperAtlas.includeBundledPapers') && this.loading) void this.reload();
      }),
    );
  }

  /**
   * Merges a changed library into the loaded corpus: only the papers that differ are re-indexed
   * (MiniSearch add/replace/discard), then listeners hear of the new corpus.
   */
  private async libraryChanged(files: string[]): Promise<void> {
    if (!this.loading || !this.current || !this.libraries) return; // not loaded yet: the first get() reads them
    const started = Date.now();
    const corpus = withLibraries(this.seeds, await this.libraries.results());
    const changes = diffPapers(this.current.papers, corpus.papers);
    this.setCorpus(corpus);
    this.index?.apply(changes);
    this.loading = Promise.resolve(corpus);
    this.log.info(`library ${files.join(', ')} changed: ${changes.upserts.length} papers added or updated, ${changes.removals.length} removed in ${Date.now() - started} ms`);
    this.changed.fire(corpus);
  }

  private setCorpus(corpus: Corpus): void {
    this.current = corpus;
    this.byId = new Map(corpus.papers.map((p) => [p.id, p]));
    this.byKey = new Map(corpus.papers.map((p) => [p.key, p]));
  }

  /** The corpus, loading it on the first call. Rejects with a readable Error if nothing could be loaded. */
  get(): Promise<Corpus> {
    this.loading ??= this.load();
    return this.loading;
  }

  /** Drops the loaded corpus and loads it again. */
  async reload(): Promise<Corpus> {
    this.loading = undefined;
    return this.get();
  }

  /**
   * The search index of the loaded corpus: the prebuilt one, deserialized on first use, or built
   * from the papers when there is none. Callers that ask while it is being built share that build.
   */
  async searchIndex(): Promise<PaperIndex> {
    const corpus = await this.get();
    if (this.index) return this.index;
    this.indexing ??= this.makeIndex(corpus).finally(() => (this.indexing = undefined));
    return this.indexing;
  }

  private async makeIndex(corpus: Corpus): Promise<PaperIndex> {
    const started = Date.now();
    const diff = this.serializedIndex ? diffPapers(this.seeds.papers, corpus.papers) : undefined;
    let index: PaperIndex;
    // The prebuilt index holds the bundled papers: it follows a small library by a diff; a large
    // one is faster to index in one build than paper by paper.
    if (this.serializedIndex && diff && diff.upserts.length + diff.removals.length <= Math.max(500, this.seeds.papers.length)) {
      index = PaperIndex.load(this.serializedIndex, this.seeds.papers);
      index.apply(diff);
    } else if (corpus.papers.length >= ANNOUNCED_BUILD) {
      // A build this size blocks the host for a second or more: say so first.
      index = await withBlockingProgress(`Paper Atlas: indexing ${corpus.papers.length.toLocaleString('en-US')} papers for search…`, () => PaperIndex.build(corpus.papers));
    } else {
      index = PaperIndex.build(corpus.papers);
    }
    // A library edited (or the corpus reloaded) while the index was being built: catch up.
    if (this.current && this.current !== corpus) index.apply(diffPapers(corpus.papers, this.current.papers));
    this.index = index;
    this.serializedIndex = undefined;
    this.log.info(`search index ready in ${Date.now() - started} ms (${index.size} papers)`);
    return index;
  }

  /** The topic tree stored with the bundled papers (learnt at build time), if the prebuilt corpus had one. */
  bundledTopics(): TopicNode[] | undefined {
    return (this.seeds as Corpus & { topics?: TopicNode[] }).topics;
  }

  /** A paper by id, synchronously; undefined before the corpus has loaded. */
  paperById(id: string): Paper | undefined {
    return this.byId.get(id);
  }

  /** A paper by id or citation key, once loaded. */
  async find(idOrKey: string): Promise<Paper | undefined> {
    await this.get();
    return this.byId.get(idOrKey) ?? this.byKey.get(idOrKey);
  }

  private async load(): Promise<Corpus> {
    await this.setState('loading');
    try {
      const bundled = vscode.workspace.getConfiguration('paperAtlas').get<boolean>('includeBundledPapers', true);
      const { index, ...seeds } = bundled ? this.readCorpus() : { papers: [], warnings: [], index: undefined };
      this.seeds = seeds;
      const libraries = this.libraries;
      const corpus = libraries ? withLibraries(seeds, await withSlowProgress('Paper Atlas: reading your libraries…', () => libraries.results())) : seeds;
      this.serializedIndex = index;
      this.index = undefined;
      this.setCorpus(corpus);
      for (const w of corpus.warnings) this.log.warn(`${w.file}:${w.line}: ${w.message}`);
      this.log.info(`loaded ${corpus.papers.length} papers (${corpus.warnings.length} warnings)`);
      await this.setState('ready');
      this.changed.fire(corpus);
      return corpus;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.log.error(`could not load the papers: ${reason}`);
      await this.setState('failed');
      this.loading = undefined; // let the next call try again
      throw new Error(`Paper Atlas could not load its papers: ${reason}. See the log for details, then run Reload Papers.`, { cause: error });
    }
  }

  private readCorpus(): Corpus & { index?: SerializedIndex } {
    const prebuilt = path.join(this.extensionPath, 'dist', 'corpus.json');
    if (fs.existsSync(prebuilt)) return deserializeCorpus(fs.readFileSync(prebuilt, 'utf8'));
    this.log.warn(`${prebuilt} is missing: parsing the seed listings instead (run "npm run build")`);
    return buildCorpus(readListingFiles(path.join(this.extensionPath, 'seeds')));
  }

  private async setState(state: CorpusState): Promise<void> {
    await vscode.commands.executeCommand('setContext', 'paperAtlas.corpusState', state);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}

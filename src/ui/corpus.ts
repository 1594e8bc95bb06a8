import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { buildCorpus, type Corpus } from '../core/corpus';
import type { Paper } from '../core/paper';
import { deserializeCorpus } from '../core/prebuilt';
import { PaperIndex, type SerializedIndex } from '../core/searchIndex';
import { readListingFiles } from '../node/seedFiles';

type CorpusState = 'loading' | 'ready' | 'failed';

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
  private readonly changed = new vscode.EventEmitter<Corpus>();
  /** Fires after every successful (re)load. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly extensionPath: string,
    private readonly log: vscode.LogOutputChannel,
  ) {}

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
   * from the papers when there is none.
   */
  async searchIndex(): Promise<PaperIndex> {
    const corpus = await this.get();
    if (!this.index) {
      const started = Date.now();
      this.index = this.serializedIndex ? PaperIndex.load(this.serializedIndex, corpus.papers) : PaperIndex.build(corpus.papers);
      this.serializedIndex = undefined;
      this.log.info(`search index ready in ${Date.now() - started} ms (${this.index.size} papers)`);
    }
    return this.index;
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
      const { index, ...corpus } = this.readCorpus();
      this.serializedIndex = index;
      this.index = undefined;
      this.byId = new Map(corpus.papers.map((p) => [p.id, p]));
      this.byKey = new Map(corpus.papers.map((p) => [p.key, p]));
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
      throw new Error(`Paper Atlas could not load its papers: ${reason}`, { cause: error });
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
    this.changed.dispose();
  }
}

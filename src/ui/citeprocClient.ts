import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type * as vscode from 'vscode';
import type { CslStyle, OutputFormat } from '../core/citation/citeproc';
import type { CslItem } from '../core/citation/cslJson';
import type { CiteprocReply, CiteprocRequest } from '../node/citeprocWorker';

/**
 * Formats references in a worker thread running dist/citeprocWorker.js, started on first use and
 * kept for later ones. citeproc compiles a style the first time it sees it (0.5 s for APA, about
 * 3–5 s for Chicago author-date); in the worker that never freezes the editor.
 */
export class CiteprocClient implements vscode.Disposable {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(value: string[]): void; reject(error: Error): void }>();

  constructor(
    private readonly distDir: string,
    private readonly log?: vscode.LogOutputChannel,
  ) {}

  /** One formatted reference per item, in the order given. */
  format(items: CslItem[], style: CslStyle, format: OutputFormat = 'text'): Promise<string[]> {
    const worker = this.start();
    const id = this.nextId++;
    const started = Date.now();
    return new Promise<string[]>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      const request: CiteprocRequest = { id, items, style, format };
      worker.postMessage(request);
    }).finally(() => this.log?.trace(`formatted ${items.length} reference(s) in ${style.name} in ${Date.now() - started} ms`));
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(path.join(this.distDir, 'citeprocWorker.js'));
    worker.on('message', (reply: CiteprocReply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if ('error' in reply) waiting?.reject(new Error(reply.error));
      else waiting?.resolve(reply.result);
    });
    const fail = (error: Error) => {
      if (this.worker !== worker) return; // stopped on purpose (dispose)
      this.log?.error(`citation processor stopped: ${error.message}`);
      this.pending.forEach((p) => p.reject(error));
      this.pending.clear();
      this.worker = undefined;
    };
    worker.on('error', fail);
    worker.on('exit', (code) => code !== 0 && fail(new Error(`the citation processor exited with code ${code}; try again, and if it keeps failing, Paper Atlas: Show Log has the details`)));
    worker.unref();
    this.log?.info('citation processor started');
    this.worker = worker;
    return worker;
  }

  dispose(): void {
    const worker = this.worker;
    this.worker = undefined;
    this.pending.forEach((p) => p.reject(new Error('Paper Atlas is shutting down')));
    this.pending.clear();
    void worker?.terminate();
  }
}

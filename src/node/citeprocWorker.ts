// Worker thread that formats references, so that citeproc's first compile of a style (seconds for
// Chicago) never blocks the extension host. Messages: { id, items, style, format } → { id, result } or
// { id, error }. The processor itself is loaded from dist/citeproc.js on the first message.
import { parentPort } from 'node:worker_threads';
import type { CslStyle, OutputFormat } from '../core/citation/citeproc';
import type { CslItem } from '../core/citation/cslJson';
import { loadCiteproc } from './citeprocLoader';

/** A request to the worker: one reference per item, in the order given. */
export interface CiteprocRequest {
  id: number;
  items: CslItem[];
  style: CslStyle;
  format: OutputFormat;
}

export type CiteprocReply = { id: number; result: string[] } | { id: number; error: string };

parentPort?.on('message', (request: CiteprocRequest) => {
  let reply: CiteprocReply;
  try {
    reply = { id: request.id, result: loadCiteproc().formatReferences(request.items, request.style, request.format) };
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});

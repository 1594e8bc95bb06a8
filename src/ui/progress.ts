import * as vscode from 'vscode';

/** How long work may run before a progress notification appears: quicker work shows none. */
const NOTIFY_AFTER_MS = 1000;

/**
 * Runs asynchronous work and, if it is still running after a second, shows a progress notification
 * titled `title` until it ends. Resolves or rejects as the work does. For work that blocks the
 * extension host (a synchronous computation), use `withBlockingProgress`: a timer cannot fire then.
 */
export function withSlowProgress<T>(title: string, work: () => Promise<T>): Promise<T> {
  const running = work();
  let finished = false;
  const done = () => (finished = true);
  running.then(done, done);
  const timer = setTimeout(() => {
    if (!finished) void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, () => running.catch(() => undefined));
  }, NOTIFY_AFTER_MS);
  return running.finally(() => clearTimeout(timer));
}

/**
 * Shows a progress notification, lets the workbench draw it, then runs synchronous work that would
 * otherwise freeze the view without a word (learning the topics or building the index of a large
 * library). Callers decide from the input's size whether the work is long enough to announce.
 */
export function withBlockingProgress<T>(title: string, work: () => T): Promise<T> {
  return Promise.resolve(
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, async () => {
      // A moment for the notification to reach the workbench before the host is busy.
      await new Promise((resolve) => setTimeout(resolve, 50));
      return work();
    }),
  );
}

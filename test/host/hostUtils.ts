import * as vscode from 'vscode';

export const EXTENSION_ID = 'paper-atlas.paper-atlas';

/** Rejects after `ms` with a message naming what was awaited, so a hung call fails with a reason. */
export function within<T>(ms: number, promise: Thenable<T>, what: string): Promise<T> {
  return Promise.race([
    Promise.resolve(promise),
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms)),
  ]);
}

/** Polls `check` until it returns a truthy value, or fails after `ms` naming what was awaited. */
export async function waitFor<T>(check: () => T | Promise<T>, what: string, ms = 10_000): Promise<NonNullable<T>> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Closes every editor and panel a test opened. */
export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/**
 * Repeats `act` on the quick pick that `result`'s command is about to show until the command settles,
 * and resolves with its result. Acting before the pick is on screen does nothing, so this retries
 * instead of sleeping a fixed time that a busy machine overruns.
 */
async function actOnQuickPick<T>(result: Thenable<T>, act: () => Promise<void>, what: string, ms: number): Promise<T> {
  let settled = false;
  const outcome = Promise.resolve(result).finally(() => {
    settled = true;
  });
  const end = Date.now() + ms;
  while (!settled) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for a quick pick to ${what}`);
    await act();
    await Promise.race([outcome.catch(() => undefined), new Promise((r) => setTimeout(r, 300))]);
  }
  return outcome;
}

/**
 * Accepts the highlighted row of the quick pick that `result`'s command is about to show, as a user
 * pressing Enter would, and resolves with the command's result. `moveDown` first moves to the top
 * row (a multi-select pick highlights none until the user moves).
 */
export function acceptQuickPick<T>(result: Thenable<T>, { moveDown = false, ms = 20_000 } = {}): Promise<T> {
  return actOnQuickPick(
    result,
    async () => {
      if (moveDown) await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    },
    'accept',
    ms,
  );
}

/** Dismisses the quick pick that `result`'s command is about to show, as a user pressing Escape would. */
export function dismissQuickPick<T>(result: Thenable<T>, ms = 20_000): Promise<T> {
  return actOnQuickPick(result, async () => void (await vscode.commands.executeCommand('workbench.action.closeQuickOpen')), 'dismiss', ms);
}

/**
 * Runs a command that shows a quick pick and accepts its highlighted row, running it again when the
 * pick closed empty-handed: an accept that lands after the pick opens but before its rows are laid out
 * closes it with nothing picked, which a loaded machine hits now and then.
 */
export async function pickFirst<T>(run: () => Thenable<T | undefined>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await acceptQuickPick(run(), { ms });
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms: the quick pick kept closing with nothing picked`);
  }
}

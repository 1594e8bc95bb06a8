// Reusable steps for driving the real workbench (code-server + headless Chromium) as a person would.
// Used by the end-to-end journeys, scripts/screenshots.mjs (the README pictures) and scripts/screenshot.mjs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, remoteUri, startCodeServer, workbenchUrl } from '../../scripts/vscode-web/start-code-server.mjs';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const THEMES = { dark: 'Default Dark Modern', light: 'Default Light Modern' };

/** A throwaway copy of the sample workspace, so a journey can edit files freely. */
export function copySampleWorkspace() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-atlas-ws-'));
  fs.cpSync(path.join(repoRoot, 'test', 'fixtures', 'ws'), dir, { recursive: true });
  return dir;
}

/**
 * Starts code-server with Paper Atlas (from a .vsix, or from a development folder) and opens the
 * workbench on `folder` in Chromium. Returns { cs, browser, page, close() }.
 */
export async function openWorkbench({ vsix, extension, folder, settings = {}, theme, viewport = { width: 1400, height: 900 } } = {}) {
  const cs = await startCodeServer({
    vsix: vsix ? [vsix] : [],
    settings: { ...(theme ? { 'workbench.colorTheme': THEMES[theme] ?? theme } : {}), ...settings },
  });
  const payload = extension ? [['extensionDevelopmentPath', remoteUri(cs, path.resolve(extension))], ['skipWelcome', 'true']] : undefined;
  const browser = await launchChromium();
  const page = await (await browser.newContext({ viewport })).newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(workbenchUrl(cs, { folder: folder && path.resolve(folder), payload }));
  await page.locator('.monaco-workbench').waitFor();
  await page.locator('.activitybar .action-item').first().waitFor();
  // Paper Atlas's contributions are registered once its icon is in the activity bar.
  await page.locator('.activitybar .action-item a[aria-label^="Paper Atlas"]').first().waitFor();
  return {
    cs,
    browser,
    page,
    async close() {
      await browser.close().catch(() => {});
      await cs.stop().catch(() => {});
    },
  };
}

/** Runs a command by its palette title ("Paper Atlas: Search Papers"). */
export async function runCommand(page, title) {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
  await page.keyboard.type(title);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ state: 'visible' });
  await row.click();
}

/** Opens a view container by its activity-bar title, unless it is open already. */
export async function openActivity(page, title) {
  const item = page.locator(`.activitybar .action-item a[aria-label^="${title}"]`).first();
  await item.waitFor({ state: 'visible' });
  const checked = await item.evaluate((a) => a.closest('.action-item')?.classList.contains('checked'));
  if (!checked) await item.click();
}

/** The rows of a tree in a contributed view container. */
export function treeRows(page, containerId) {
  return page.locator(`[id="workbench.view.extension.${containerId}"] .monaco-list-row`);
}

/** Opens a file of the workspace through Quick Open. */
export async function openFile(page, name) {
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
  await page.keyboard.type(name);
  // Click the file's own row: Enter takes whichever row is highlighted, and while the list still
  // filters the typed name that can be another file ("draft.tex" once opened draft.md).
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** Text of the active editor (Monaco renders spaces as U+00A0). */
export async function activeEditorText(page) {
  const lines = page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
  await lines.waitFor({ state: 'visible' });
  return (await lines.innerText()).replace(/\u00a0/g, ' ');
}

/** Moves the pointer onto the middle of `text` where the active editor renders it (Monaco splits lines into token spans). */
export async function hoverEditorText(page, text) {
  const point = await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().evaluate((lines, wanted) => {
    const doc = lines.ownerDocument;
    for (const line of lines.querySelectorAll('.view-line')) {
      const walker = doc.createTreeWalker(line, doc.defaultView.NodeFilter.SHOW_TEXT);
      let all = '';
      const nodes = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        nodes.push({ node: n, start: all.length });
        all += n.textContent;
      }
      const at = all.replace(/\u00a0/g, ' ').lastIndexOf(wanted);
      if (at < 0) continue;
      const middle = at + Math.floor(wanted.length / 2);
      const hit = nodes.findLast((x) => x.start <= middle);
      const range = doc.createRange();
      range.setStart(hit.node, middle - hit.start);
      range.setEnd(hit.node, middle - hit.start + 1);
      const box = range.getBoundingClientRect();
      return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    }
    return undefined;
  }, text);
  if (!point) throw new Error(`"${text}" is not on screen in the editor`);
  // Two moves: Monaco starts its hover timer on a mouse move inside the editor.
  await page.mouse.move(point.x - 3, point.y);
  await page.mouse.move(point.x, point.y, { steps: 3 });
}

/** The document of the most recently shown webview (outer iframe > iframe#active-frame). */
export function webviewFrame(page) {
  return page.locator('iframe.webview.ready').last().contentFrame().locator('iframe#active-frame').contentFrame();
}

/** Polls `read` until `accept(value)` holds, or returns the last value after `ms`. */
export async function settle(read, accept, ms = 10_000) {
  const end = Date.now() + ms;
  let value = await read().catch(() => undefined);
  while (!accept(value) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 200));
    value = await read().catch(() => undefined);
  }
  return value;
}

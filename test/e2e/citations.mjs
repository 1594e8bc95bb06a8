#!/usr/bin/env node
// Journey: a writer cites papers in the sample LaTeX draft. Screenshots: key completion after
// \cite{ filtered by a title word, the hover on a cited key, and the Insert Citation pick started
// from selected text. Run `npm run build` first.
//
//   node test/e2e/citations.mjs [--theme dark|light] [--out-dir DIR]
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { activeEditorText, copySampleWorkspace, openWorkbench, repoRoot, runCommand, settle } from './workbench.mjs';

const { values: o } = parseArgs({
  options: {
    theme: { type: 'string', default: 'dark' },
    'out-dir': { type: 'string', default: path.join(repoRoot, 'test', 'e2e', 'screenshots') },
  },
});
fs.mkdirSync(o['out-dir'], { recursive: true });
const shot = (name) => path.join(o['out-dir'], name);

const folder = copySampleWorkspace();
const wb = await openWorkbench({ extension: repoRoot, folder, theme: o.theme });
const { page } = wb;
let code = 0;
try {
  await runCommand(page, 'Paper Atlas: Reload Papers');
  // Quick Open, then a click on the file's own row (Enter could open a better-ranked neighbour).
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
  await page.keyboard.type('draft.tex');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'draft.tex' }).first().click();
  await page.locator('.tab.active', { hasText: 'draft.tex' }).waitFor();
  const editor = page.locator('.editor-group-container.active .monaco-editor').first();
  await editor.click();

  // 1. Completion: type \cite{ at the end of the "steering physics" line, then a word of the title.
  await page.keyboard.press('Control+G');
  await page.keyboard.type('16');
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  await page.keyboard.type(' \\cite{', { delay: 60 });
  await page.locator('.suggest-widget.visible').waitFor();
  await page.keyboard.type('steering', { delay: 80 });
  // A title word, not the key, finds the paper: wait until the filtered list puts it on top.
  const rows = await settle(
    () => page.locator('.suggest-widget.visible .monaco-list-row').allInnerTexts(),
    (r) => Boolean(r?.length) && /^fear2025physics/.test(r[0]),
    10_000,
  );
  console.log(`completion rows for "steering": ${rows?.length}\n  ${(rows ?? []).slice(0, 4).map((r) => r.replace(/\s+/g, ' ')).join('\n  ')}`);
  if (!/^fear2025physics/.test(rows?.[0] ?? '')) throw new Error('completion did not find fear2025physics by the title word "steering"');
  await page.screenshot({ path: shot('cite-completion-tex.png') });
  await page.keyboard.press('Enter');
  await settle(() => activeEditorText(page), (t) => t.includes('\\cite{fear2025physics}'));

  // 2. Hover on a key the draft already cites.
  await page.keyboard.press('Escape');
  await page.locator('.view-lines span[class*="mtk"]').filter({ hasText: /^nichaniunderstanding$/ }).first().hover();
  await page.locator('.monaco-hover', { hasText: 'Open in Paper Atlas' }).first().waitFor();
  await page.waitForTimeout(500);
  await page.screenshot({ path: shot('cite-hover.png') });
  await page.mouse.move(5, 5);

  // 3. Insert Citation with the selected words as the query.
  await editor.click();
  await page.keyboard.press('Control+G');
  await page.keyboard.type('12');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+End');
  await runCommand(page, 'Paper Atlas: Insert Citation');
  await page.locator('.quick-input-widget .monaco-list-row').first().waitFor();
  await page.waitForTimeout(1000);
  await page.screenshot({ path: shot('cite-insert-pick.png') });
  await page.keyboard.press('Escape');
  console.log(`editor text now:\n${(await activeEditorText(page)).split('\n').slice(10, 17).join('\n')}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await page.screenshot({ path: shot('cite-failure.png') }).catch(() => {});
  code = 1;
} finally {
  await wb.close();
}
process.exit(code);

#!/usr/bin/env node
// Journey: a writer's own Zotero export sits in the workspace (library/zotero.bib) beside a second
// library with papers Paper Atlas does not bundle. Screenshots: the Problems panel with the broken
// entries at their lines, and the tree showing the library and its papers. Run `npm run build` first.
//
//   node test/e2e/library.mjs [--theme dark|light] [--out-dir DIR]
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { copySampleWorkspace, openActivity, openWorkbench, repoRoot, runCommand, treeRows } from './workbench.mjs';

const { values: o } = parseArgs({
  options: {
    theme: { type: 'string', default: 'dark' },
    'out-dir': { type: 'string', default: path.join(repoRoot, 'test', 'e2e', 'screenshots') },
  },
});
fs.mkdirSync(o['out-dir'], { recursive: true });
const shot = (name) => path.join(o['out-dir'], name);

const folder = copySampleWorkspace();
fs.copyFileSync(path.join(repoRoot, 'test', 'fixtures', 'library', 'zotero.bib'), path.join(folder, 'library', 'thesis.bib'));
const wb = await openWorkbench({ extension: repoRoot, folder, theme: o.theme });
const { page } = wb;
let code = 0;
try {
  await runCommand(page, 'Paper Atlas: Reload Papers');
  await openActivity(page, 'Paper Atlas');
  await treeRows(page, 'paperAtlas').first().waitFor();

  // 1. The Problems panel lists the broken entries of both libraries at their lines.
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
  await page.keyboard.type('library/zotero.bib');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'zotero.bib' }).first().click();
  await page.locator('.tab.active', { hasText: 'zotero.bib' }).waitFor();
  await runCommand(page, 'View: Focus Problems');
  await page.locator('.markers-panel .monaco-list-row', { hasText: 'not closed' }).first().waitFor();
  const problems = await page.locator('.markers-panel .monaco-list-row').allInnerTexts();
  console.log(`problems:\n  ${problems.map((r) => r.replace(/\s+/g, ' ')).join('\n  ')}`);
  await page.waitForTimeout(500);
  await page.screenshot({ path: shot('library-problems.png') });

  // 2. The tree shows the library's papers.
  const group = treeRows(page, 'paperAtlas').filter({ hasText: 'thesis.bib' }).first();
  await group.waitFor();
  await group.click();
  await treeRows(page, 'paperAtlas').filter({ hasText: 'Attention Is All You Need' }).first().waitFor();
  await treeRows(page, 'paperAtlas').filter({ hasText: 'Attention Is All You Need' }).first().hover();
  await page.waitForTimeout(1200);
  await page.screenshot({ path: shot('library-tree.png') });
  console.log('screenshots: library-problems.png, library-tree.png');
} catch (error) {
  code = 1;
  console.error(error);
  await page.screenshot({ path: shot('library-failure.png') }).catch(() => {});
} finally {
  await wb.close();
  fs.rmSync(folder, { recursive: true, force: true });
}
process.exit(code);

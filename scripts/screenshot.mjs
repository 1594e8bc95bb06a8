#!/usr/bin/env node
// Takes a screenshot of the real workbench with Paper Atlas loaded, after a few user steps, so a
// developer can look at what a user sees. Loads the extension from this folder (run `npm run build`
// first) on a copy of the sample workspace.
//
//   node scripts/screenshot.mjs [--theme dark|light] [--open FILE] [--command "Palette Title"]...
//        [--type TEXT] [--activity "Paper Atlas"] [--tree-row TEXT]... [--wait MS] [--out FILE.png]
//        [--folder DIR] [--setting KEY=JSON]... [--viewport 1400x900]
//
// Steps run in this order: --open, --command (each), --type (typed into what has focus),
// --activity, --tree-row (each clicked), then --wait, then the screenshot (written even when a step
// fails; the exit code is then 1). --folder opens that folder instead of a copy of test/fixtures/ws;
// --setting sets a user setting (`--setting paperAtlas.citationStyle='"ieee"'`).
// Examples:
//   node scripts/screenshot.mjs --activity "Paper Atlas" --tree-row "Hugging Face daily papers" --out /tmp/tree.png
//   node scripts/screenshot.mjs --open draft.tex --command "Paper Atlas: Search Papers" --type "steering" --out /tmp/pick.png
import path from 'node:path';
import { parseArgs } from 'node:util';
import { copySampleWorkspace, openActivity, openFile, openWorkbench, repoRoot, runCommand, treeRows } from '../test/e2e/workbench.mjs';

const { values: o } = parseArgs({
  options: {
    theme: { type: 'string', default: 'dark' },
    open: { type: 'string' },
    command: { type: 'string', multiple: true, default: [] },
    type: { type: 'string' },
    activity: { type: 'string' },
    'tree-row': { type: 'string', multiple: true, default: [] },
    wait: { type: 'string', default: '800' },
    out: { type: 'string', default: path.join(repoRoot, 'test', 'e2e', 'screenshots', 'workbench.png') },
    folder: { type: 'string' },
    setting: { type: 'string', multiple: true, default: [] },
    viewport: { type: 'string', default: '1400x900' },
  },
});

const settings = {};
for (const pair of o.setting) {
  const eq = pair.indexOf('=');
  if (eq < 1) throw new Error(`--setting expects KEY=JSON, got "${pair}"`);
  const raw = pair.slice(eq + 1);
  try {
    settings[pair.slice(0, eq)] = JSON.parse(raw);
  } catch {
    settings[pair.slice(0, eq)] = raw; // a bare word is taken as a string
  }
}
const [width, height] = o.viewport.split('x').map(Number);
if (!(width > 0 && height > 0)) throw new Error(`--viewport expects WIDTHxHEIGHT, got "${o.viewport}"`);

const folder = o.folder ? path.resolve(o.folder) : copySampleWorkspace();
const wb = await openWorkbench({ extension: repoRoot, folder, theme: o.theme, settings, viewport: { width, height } });
let code = 0;
try {
  const { page } = wb;
  if (o.open) await openFile(page, o.open);
  for (const title of o.command) await runCommand(page, title);
  if (o.type) {
    // A command may open its own input a moment later (the palette closes first): wait for it.
    await page.waitForTimeout(2000);
    await page.locator('.quick-input-widget input').click().catch(() => {});
    await page.keyboard.type(o.type, { delay: 80 });
  }
  if (o.activity) await openActivity(page, o.activity);
  for (const text of o['tree-row']) {
    const row = treeRows(page, 'paperAtlas').filter({ hasText: text }).first();
    await row.waitFor();
    await row.click();
  }
  await page.waitForTimeout(Number(o.wait));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  code = 1;
} finally {
  await wb.page.screenshot({ path: o.out }).catch((e) => console.error(`screenshot failed: ${e.message}`));
  console.log(o.out);
  await wb.close();
}
process.exit(code);

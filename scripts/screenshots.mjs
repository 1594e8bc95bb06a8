#!/usr/bin/env node
// `npm run screenshots`: regenerates the README's pictures in media/readme/ from what users install:
// it packages Paper Atlas (npm run package), starts code-server with the .vsix on a copy of the sample
// workspace (test/fixtures/ws) and takes each picture after the user steps that lead to it, waiting
// for what the picture must show, never for a fixed time. Each PNG is cropped to the part that matters
// and reported with its size (a warning past 150 KB). media/readme/ stays out of the .vsix
// (.vscodeignore).
//
//   node scripts/screenshots.mjs [--skip-package] [--vsix out/paper-atlas.vsix] [--out-dir media/readme]
//
// Pictures: sidebar.png (Topics view + abstract panel), topics-tree.png,
// search-pick.png, abstract-dark.png, abstract-light.png, cite-completion.png (\cite{ in draft.tex),
// cite-hover.png (a cited key's reference).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { waitFor } from '../test/e2e/journey.mjs';
import { activeEditorText, copySampleWorkspace, hoverEditorText, openActivity, openFile, openWorkbench, repoRoot, runCommand, treeRows, webviewFrame } from '../test/e2e/workbench.mjs';

const { values: o } = parseArgs({
  options: {
    'skip-package': { type: 'boolean', default: false },
    vsix: { type: 'string', default: path.join(repoRoot, 'out', 'paper-atlas.vsix') },
    'out-dir': { type: 'string', default: path.join(repoRoot, 'media', 'readme') },
  },
});
const VIEWPORT = { width: 1280, height: 780 };
const BUDGET_BYTES = 150 * 1024;
const SEARCH_QUERY = 'neuroai turing test';

if (!o['skip-package']) {
  const packaged = spawnSync('npm', ['run', '--silent', 'package'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  if (packaged.status !== 0) throw new Error('"npm run package" failed (see above)');
}
if (!fs.existsSync(o.vsix)) throw new Error(`${o.vsix} is missing: run "npm run package" first`);
fs.mkdirSync(o['out-dir'], { recursive: true });
const cli = (...args) => JSON.parse(execFileSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), ...args, '--json'], { encoding: 'utf8', maxBuffer: 64 << 20 }));
const [searched] = cli('search', SEARCH_QUERY, '--limit', '1');
let oversized = 0;

/**
 * Saves the part of the page that holds every locator in `around` (plus `pad` pixels), kept inside
 * the box of `within` when given; `whole` saves the whole window.
 */
async function save(page, file, { around = [], within, pad = 16, maxHeight = Infinity, whole = false } = {}) {
  const out = path.join(o['out-dir'], file);
  let clip;
  if (!whole) {
    const boxes = (await Promise.all(around.map((l) => l.boundingBox()))).filter(Boolean);
    if (boxes.length === 0) throw new Error(`${file}: nothing to frame`);
    let x1 = Math.min(...boxes.map((b) => b.x)) - pad;
    let y1 = Math.min(...boxes.map((b) => b.y)) - pad;
    let x2 = Math.max(...boxes.map((b) => b.x + b.width)) + pad;
    let y2 = Math.max(...boxes.map((b) => b.y + b.height)) + pad;
    const frame = within ? await within.boundingBox() : { x: 0, y: 0, ...VIEWPORT };
    [x1, y1] = [Math.max(x1, frame.x), Math.max(y1, frame.y)];
    [x2, y2] = [Math.min(x2, frame.x + frame.width), Math.min(y2, frame.y + frame.height, y1 + maxHeight)];
    clip = { x: Math.round(x1), y: Math.round(y1), width: Math.round(x2 - x1), height: Math.round(y2 - y1) };
  }
  await page.screenshot({ path: out, clip });
  const size = fs.statSync(out).size;
  if (size > BUDGET_BYTES) oversized++;
  console.log(`${path.relative(repoRoot, out)}  ${(size / 1024).toFixed(0)} KB${size > BUDGET_BYTES ? '  (over 150 KB: frame it tighter)' : ''}`);
}

/** Moves the pointer out of the way and waits until no tooltip or hover shows (they would sit on the picture). */
async function calm(page) {
  await page.mouse.move(1, 1);
  const hovers = page.locator('.workbench-hover:visible, .monaco-hover:not(.hidden):visible');
  await waitFor('tooltips to close', () => hovers.count(), (n) => n === 0);
}

/** Runs `steps` on a fresh workbench in `theme`, on a throwaway copy of the sample workspace. */
async function session(theme, steps) {
  const folder = copySampleWorkspace();
  const wb = await openWorkbench({ vsix: o.vsix, folder, theme, viewport: VIEWPORT });
  try {
    wb.page.setDefaultTimeout(60_000);
    await steps(wb.page);
  } finally {
    await wb.close();
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

/** Search Papers with SEARCH_QUERY typed, until the expected paper heads the list. */
async function searchPick(page) {
  await runCommand(page, 'Paper Atlas: Search Papers');
  await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Search Papers' }).waitFor();
  await page.keyboard.type(SEARCH_QUERY, { delay: 30 });
  const first = page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first().locator('.label-name').first();
  await waitFor(`"${searched.title}" first in Search Papers`, () => first.innerText(), (t) => t.trim() === searched.title);
  await calm(page);
}

/** Enter on the pick, until the abstract panel shows the paper. */
async function openSearched(page) {
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  await waitFor('the abstract panel', () => webviewFrame(page).locator('#title').innerText(), (t) => t.trim() === searched.title);
  await calm(page);
}

await session('dark', async (page) => {
  // The Topics view with a topic open, then a paper of it in the abstract panel.
  await openActivity(page, 'Paper Atlas');
  const sidebar = page.locator('.part.sidebar');
  const row = (attributes) => page.locator(`[id="workbench.view.extension.paperAtlas"] .monaco-list-row${attributes}`);
  await treeRows(page, 'paperAtlas').first().waitFor();
  const paperRow = row(':not([aria-expanded])').first();
  for (let depth = 1; depth <= 3 && !(await paperRow.isVisible()); depth++) {
    await row(`[aria-level="${depth}"][aria-expanded="false"]`).first().click();
    await row(`[aria-level="${depth + 1}"]`).first().waitFor();
  }
  await calm(page);
  await save(page, 'topics-tree.png', { around: [sidebar.locator('.composite.title').first(), treeRows(page, 'paperAtlas').last()], within: sidebar, pad: 8 });
  const title = (await paperRow.locator('.label-name').first().innerText()).trim();
  await paperRow.click();
  await waitFor('the tree\'s paper in the abstract panel', () => webviewFrame(page).locator('#title').innerText(), (t) => t.trim() === title);
  await calm(page);
  // The side bar and the panel, without title and status bars, cut below the start of the abstract.
  await save(page, 'sidebar.png', { around: [page.locator('.part.activitybar'), page.locator('.part.editor')], pad: 0, maxHeight: 560 });

  await searchPick(page);
  await save(page, 'search-pick.png', { around: [page.locator('.quick-input-widget')], pad: 12 });
  await openSearched(page);
  await save(page, 'abstract-dark.png', { around: [page.locator('.part.editor')], pad: 0 });

  // \cite{ completion in draft.tex, narrowed by a word of a title.
  await openFile(page, 'draft.tex');
  await page.locator('.tab.active', { hasText: 'draft.tex' }).waitFor();
  const editor = page.locator('.editor-group-container.active');
  await editor.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+G');
  await page.keyboard.type('16');
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  await page.keyboard.type(' \\cite{', { delay: 50 });
  await page.locator('.suggest-widget.visible').waitFor();
  await page.keyboard.type('steering', { delay: 50 });
  const suggestion = page.locator('.suggest-widget.visible .monaco-list-row').first();
  // Whatever the ranking, the picture waits until the first suggestion is a paper with the word in its title.
  const titleOf = new Map(cli('papers').map((p) => [p.key, p.title]));
  const key = (await waitFor('a "steering" paper first in the completion list', () => suggestion.locator('.label-name').first().innerText(), (t) => /steering/i.test(titleOf.get(t.trim()) ?? ''))).trim();
  await save(page, 'cite-completion.png', { around: [page.locator('.suggest-widget.visible'), editor.locator('.view-overlays .current-line').first(), editor.locator('.margin').first()], within: editor, pad: 24 });
  await page.keyboard.press('Enter');
  await waitFor(`\\cite{${key}} in draft.tex`, () => activeEditorText(page), (t) => t.includes(`\\cite{${key}}`));

  // The hover on a key the draft cites, once it shows the APA reference (its first compile can be slow).
  const apa = execFileSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), 'cite', 'nichaniunderstanding', '--format', 'apa'], { encoding: 'utf8' }).trim();
  const hover = editor.locator('.monaco-hover:not(.hidden)', { hasText: 'Open in Paper Atlas' }).first();
  await waitFor('the hover with the APA reference', async () => {
    await page.mouse.move(1, 1);
    await hoverEditorText(page, 'nichaniunderstanding');
    return hover.innerText({ timeout: 5_000 });
  }, (t) => t.includes(apa.slice(0, 40)));
  await save(page, 'cite-hover.png', { around: [hover, editor.locator('.view-line', { hasText: 'nichaniunderstanding' }).first()], within: editor, pad: 24 });
});

await session('light', async (page) => {
  await searchPick(page);
  await openSearched(page);
  await save(page, 'abstract-light.png', { around: [page.locator('.part.editor')], pad: 0 });
});

if (oversized) console.log(`${oversized} picture(s) over 150 KB`);

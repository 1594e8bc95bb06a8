#!/usr/bin/env node
// Journey 1: Command palette → "Paper Atlas: Search Papers" → a query typed one key at a time → the
// paper it names is the first result → Enter → the abstract panel shows that paper → after a window
// reload the panel is back on the same paper (its serializer and page state) → its Insert Citation
// button cites the paper in draft.tex, the editor the writer had open before searching.
import { runJourney } from '../journey.mjs';
import { activeEditorText, openFile, runCommand, webviewFrame } from '../workbench.mjs';

const QUERY = 'neuroai turing test';

await runJourney('search', async ({ page, check, shot, cli, waitFor }) => {
  const [expected] = cli('search', QUERY, '--limit', '1');
  await openFile(page, 'draft.tex');
  await page.locator('.tab.active', { hasText: 'draft.tex' }).waitFor();

  await runCommand(page, 'Paper Atlas: Search Papers');
  const input = page.locator('.quick-input-widget input');
  await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Search Papers' }).waitFor();
  await page.keyboard.type(QUERY, { delay: 40 });

  // The list follows every key; wait until it answers the whole query, then read the first row.
  const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
  await waitFor(`the pick to hold the query "${QUERY}"`, () => input.inputValue(), (v) => v === QUERY);
  const first = await waitFor(`"${expected.title}" as the first result`, () => rows.first().locator('.label-name').first().innerText(), (t) => t.trim() === expected.title);
  check('the paper the query names is the first result', first.trim() === expected.title, first);
  const detail = await rows.first().innerText();
  check('the first result shows its citation key', detail.includes(expected.key), detail);
  await shot('search-pick.png');

  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  const title = await waitFor('the abstract panel to show the paper', () => webviewFrame(page).locator('#title').innerText(), (t) => t.trim() === expected.title);
  check('the abstract panel shows the chosen paper', title.trim() === expected.title, title);
  const tab = await page.locator('.editor-group-container.active .tab.active').innerText();
  check('its tab is the active editor, beside the draft', tab.trim() === expected.title, tab);
  const abstract = await webviewFrame(page).locator('.abstract').innerText();
  check('the abstract is readable text', abstract.length > 200 && !/\\emph|\\textit/.test(abstract), abstract.slice(0, 80));
  await shot('search-abstract.png');

  // Wait for the new page to load, so the panel read below is not the one from before the reload.
  const reloaded = page.waitForEvent('load');
  await runCommand(page, 'Developer: Reload Window');
  await reloaded;
  await page.locator('.monaco-workbench').waitFor();
  const restored = await waitFor('the abstract panel after a window reload', () => webviewFrame(page).locator('#title').innerText(), (t) => t.trim() === expected.title);
  check('a window reload brings the panel back on the same paper', restored.trim() === expected.title, restored);

  await webviewFrame(page).locator('button[data-action="insertCitation"]').click();
  const cite = `\\cite{${expected.key}}`;
  await page.locator('.tab', { hasText: 'draft.tex' }).first().click();
  const draft = await waitFor(`${cite} in draft.tex`, () => activeEditorText(page), (t) => t.includes(cite));
  check('the panel\'s Insert Citation cites the paper in the draft', draft.includes(cite), cite);
});

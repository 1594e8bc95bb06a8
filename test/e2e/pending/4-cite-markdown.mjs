#!/usr/bin/env node
// Journey 4: open draft.md → type `[@` → completion lists papers → accept one → the document cites
// its key, and hovering the key shows the paper's reference.
// PENDING (not run by npm test, which runs test/e2e/journeys/ only): on a fresh window, typing `[@`
// in draft.md lists nothing, because nothing activates Paper Atlas when a Markdown or LaTeX file
// opens (package.json has no onLanguage activation events); with E2E_ACTIVATE_FIRST=1 the journey
// opens the Paper Atlas view first and completion works, but the hover step still fails to find the
// hover (the pointer target span needs looking at). Move it to journeys/ once both are fixed.
import { runJourney } from '../journey.mjs';
import { activeEditorText, openActivity, openFile } from '../workbench.mjs';

await runJourney('cite-markdown', async ({ page, check, shot, cli, waitFor }) => {
  const papers = cli('papers');
  if (process.env.E2E_ACTIVATE_FIRST) await openActivity(page, 'Paper Atlas');
  await openFile(page, 'draft.md');
  await page.locator('.tab.active', { hasText: 'draft.md' }).waitFor();
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(' [@', { delay: 60 });
  const suggest = page.locator('.suggest-widget.visible .monaco-list-row');
  await suggest.first().waitFor();
  const count = await suggest.count();
  const label = (await suggest.first().locator('.label-name').first().innerText()).trim();
  const paper = papers.find((p) => label.includes(p.key) || label.includes(p.title));
  check('completion after [@ lists papers', count > 1 && paper !== undefined, `${count} rows, first: ${label}`);
  await shot('cite-markdown-completion.png');

  await page.keyboard.press('Enter');
  const text = await waitFor(`[@${paper.key} in draft.md`, () => activeEditorText(page), (t) => t.includes(`[@${paper.key}`));
  check('accepting it cites the paper', text.includes(`[@${paper.key}`), text.split('\n').pop());

  await page.keyboard.press('Escape');
  await page.locator('.view-lines span').filter({ hasText: new RegExp(paper.key) }).last().hover();
  const hover = await waitFor('the hover on the key', () => page.locator('.monaco-hover').first().innerText(), (t) => t.includes('Open in Paper Atlas'));
  const titleWords = paper.title.split(/\s+/).slice(0, 3).join(' ');
  check('the hover shows the reference', hover.includes(titleWords), hover.slice(0, 200));
  await page.screenshot({ path: 'test/e2e/screenshots/cite-markdown-hover.png' });
});

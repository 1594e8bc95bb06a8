#!/usr/bin/env node
// Journey 3: open draft.tex → "Paper Atlas: Insert Citation" → tick two papers → the document holds
// \cite{a,b} and references.bib (named by \bibliography{references}) holds both entries once; the
// same two cited again elsewhere → the document cites them twice, the .bib still holds each once.
import fs from 'node:fs';
import path from 'node:path';
import { runJourney } from '../journey.mjs';
import { activeEditorText, runCommand } from '../workbench.mjs';

const QUERY = 'spiking neural networks membrane';

await runJourney('cite-latex', async ({ page, folder, check, shot, cli, waitFor }) => {
  const [a, b] = cli('search', QUERY, '--limit', '2');
  const bibFile = path.join(folder, 'references.bib');
  const entriesOf = (key) => (fs.readFileSync(bibFile, 'utf8').match(new RegExp(`@\\w+\\{${key},`, 'g')) ?? []).length;
  check('the sample bibliography does not hold them yet', entriesOf(a.key) === 0 && entriesOf(b.key) === 0);

  // Quick Open, then a click on the file's own row (Enter could open a better-ranked neighbour).
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
  await page.keyboard.type('draft.tex');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'draft.tex' }).first().click();
  await page.locator('.tab.active', { hasText: 'draft.tex' }).waitFor();

  const citeTwo = async (line) => {
    await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+G');
    await page.keyboard.type(String(line));
    await page.keyboard.press('Enter');
    await page.keyboard.press('End');
    await runCommand(page, 'Paper Atlas: Insert Citation');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Insert Citation' }).waitFor();
    await page.keyboard.type(QUERY, { delay: 20 });
    for (const paper of [a, b]) {
      const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: paper.key }).first();
      await row.waitFor();
      await row.locator('.monaco-checkbox').first().click();
      await waitFor(`"${paper.title}" to be ticked`, () => row.getAttribute('aria-checked'), (v) => v === 'true');
    }
    const ticked = await page.locator('.quick-input-widget .monaco-list-row[aria-checked="true"]').count();
    check('two papers are ticked in the pick', ticked === 2, ticked);
    await shot('cite-latex-pick.png');
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  };

  const cites = (text) => text.match(new RegExp(`\\\\cite\\{(${a.key},${b.key}|${b.key},${a.key})\\}`, 'g')) ?? [];
  await citeTwo(16);
  const once = await waitFor('the citation in draft.tex', () => activeEditorText(page), (t) => cites(t).length === 1);
  check('draft.tex cites both papers in one \\cite', cites(once).length === 1, cites(once)[0]);
  await waitFor('references.bib to hold both entries', () => entriesOf(a.key) + entriesOf(b.key), (n) => n === 2);
  check('references.bib holds each entry once', entriesOf(a.key) === 1 && entriesOf(b.key) === 1);
  check('references.bib keeps the entries it had', entriesOf('nichaniunderstanding') === 1 && entriesOf('retrieval2024head') === 1);

  await citeTwo(12);
  const twice = await waitFor('the second citation in draft.tex', () => activeEditorText(page), (t) => cites(t).length === 2);
  check('citing them again adds a second \\cite', cites(twice).length === 2);
  check('references.bib still holds each entry once', entriesOf(a.key) === 1 && entriesOf(b.key) === 1, `${entriesOf(a.key)}, ${entriesOf(b.key)}`);
  const dirty = await page.locator('.tab.dirty', { hasText: 'references.bib' }).count();
  check('references.bib is saved, not left dirty', dirty === 0);
  await shot('cite-latex.png');
});

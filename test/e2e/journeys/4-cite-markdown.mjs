#!/usr/bin/env node
// Journey 4: open draft.md → type `[@` → completion lists papers → type a word of a title → accept
// the paper → the document holds `[@key]` (and references.bib, the draft's YAML bibliography, gains
// its entry) → hovering the key shows the paper's reference with "Open in Paper Atlas".
//
// Paper Atlas activates only on its commands and views (no onLanguage activation, by design: opening
// a file never pays for it), and completion and hover come with it. So the journey first does what a
// writer does on a fresh window: clicks the Paper Atlas icon in the activity bar, sees the Topics
// view fill, then opens the draft and types. Without that step `[@` offers nothing (README,
// Troubleshooting).
import fs from 'node:fs';
import path from 'node:path';
import { runJourney } from '../journey.mjs';
import { activeEditorText, hoverEditorText, openActivity, openFile, treeRows } from '../workbench.mjs';

/** Words of the title of a paper with authors and a year that the sample bibliography does not hold yet. */
const TITLE_WORDS = 'spectral representational similarity limited neurons';

await runJourney('cite-markdown', async ({ page, folder, check, shot, cli, waitFor }) => {
  const papers = cli('papers');
  const [wanted] = cli('search', TITLE_WORDS, '--limit', '1');
  const bibFile = path.join(folder, 'references.bib');
  const entriesOf = (key) => (fs.readFileSync(bibFile, 'utf8').match(new RegExp(`@\\w+\\{${key},`, 'g')) ?? []).length;
  check('the sample bibliography does not hold the paper yet', entriesOf(wanted.key) === 0, wanted.key);

  // Make Paper Atlas active the way a user would: its activity-bar icon, then the tree shows papers.
  await openActivity(page, 'Paper Atlas');
  await treeRows(page, 'paperAtlas').first().waitFor();

  await openFile(page, 'draft.md');
  await page.locator('.tab.active', { hasText: 'draft.md' }).waitFor();
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' [@', { delay: 60 });
  const suggest = page.locator('.editor-group-container.active .suggest-widget.visible .monaco-list-row');
  await suggest.first().waitFor();
  const count = await suggest.count();
  const label = (await suggest.first().locator('.label-name').first().innerText()).trim();
  check('completion after [@ lists papers by citation key', count > 1 && papers.some((p) => p.key === label), `${count} rows shown, first: ${label}`);

  // Words of the title narrow the list to the paper (the writer remembers titles, not keys).
  await page.keyboard.type(TITLE_WORDS.split(' ')[0], { delay: 60 });
  const paper = papers.find((p) => p.key === wanted.key);
  const first = await waitFor(`${paper.key} first in the completion list`, () => suggest.first().locator('.label-name').first().innerText(), (t) => t.trim() === paper.key);
  check('a word of its title brings the paper first', first.trim() === paper.key, first);
  const row = (await suggest.first().innerText()).replace(/\s+/g, ' ');
  check('the completion row names the paper\'s title', row.includes(paper.title.slice(0, 30)), row);
  await shot('cite-markdown-completion.png');

  await page.keyboard.press('Enter');
  const text = await waitFor(`[@${paper.key}] in draft.md`, () => activeEditorText(page), (t) => t.includes(`[@${paper.key}]`));
  check('accepting it cites the paper as [@key]', text.includes(`[@${paper.key}]`), text.trim().split('\n').pop());
  const n = await waitFor('the entry in references.bib', () => entriesOf(paper.key), (k) => k > 0);
  check('references.bib gains the paper\'s BibTeX entry, once', n === 1, n);

  await hoverEditorText(page, paper.key);
  const hover = page.locator('.editor-group-container.active .monaco-hover:not(.hidden)', { hasText: 'Open in Paper Atlas' }).first();
  const hoverText = await waitFor('the hover on the key', () => hover.innerText(), (t) => t.includes(paper.title.slice(0, 30)));
  check('the hover shows the paper\'s reference', hoverText.includes(paper.title.slice(0, 30)), hoverText.slice(0, 200));
  const family = paper.authors[0]?.split(/\s+/).pop();
  check('the reference names the first author and the year, when known', (!family || hoverText.includes(family)) && (!paper.year || hoverText.includes(String(paper.year))), `${family ?? 'no authors'}, ${paper.year ?? 'no year'}`);
  // The picture keeps the pointer where it is: moving it away would close the hover.
  await shot('cite-markdown-hover.png', { keepPointer: true });
});

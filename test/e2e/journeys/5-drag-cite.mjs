#!/usr/bin/env node
// Journey 5: open draft.md → Paper Atlas's Topics view → expand a topic → drag a paper onto a line of
// the draft → the citation `[@key]` appears where it was dropped, and references.bib (the draft's
// YAML bibliography) gains the paper's entry once.
//
// How the drag is made: the HTML5 drag-and-drop events VS Code listens to (dragstart on the tree
// row, dragenter/dragover/drop on the editor line, dragend), dispatched in the page with one shared
// DataTransfer at the points a user's pointer would pass. Playwright's own drag (page.dragAndDrop, or
// mouse.down → mouse.move with steps → mouse.up, also with PLAYWRIGHT_LEGACY_DRAG_AND_DROP=1) makes
// Debian's headless Chromium 156 fire no dragstart on the tree row at all, so it cannot be used here.
// Everything after the events is VS Code's own: the tree asks the extension for the drag data
// (handleDrag), the editor asks the drop provider for the edit and applies it.
// No Shift is needed in VS Code 1.100 (checked both ways): the editor area's overlay, which takes a
// drag to open it in an editor unless Shift is held, only takes files, editors and resources, and
// Topics rows are none of these, so the drop reaches the text editor (editor.dropIntoEditor.enabled).
/* global document, DataTransfer, DragEvent -- these run in the page */
import fs from 'node:fs';
import path from 'node:path';
import { runJourney } from '../journey.mjs';
import { activeEditorText, openActivity, openFile, treeRows } from '../workbench.mjs';

/** The line of draft.md the paper is dropped on (its end). */
const DROP_LINE_TEXT = 'Membrane potential batch normalization for spiking networks';

await runJourney('drag-cite', async ({ page, folder, check, shot, cli, waitFor }) => {
  const papers = cli('papers');
  const bibFile = path.join(folder, 'references.bib');
  const entriesOf = (key) => (fs.readFileSync(bibFile, 'utf8').match(new RegExp(`@\\w+\\{${key},`, 'g')) ?? []).length;
  await openFile(page, 'draft.md');
  await page.locator('.tab.active', { hasText: 'draft.md' }).waitFor();

  await openActivity(page, 'Paper Atlas');
  const row = (attributes) => page.locator(`[id="workbench.view.extension.paperAtlas"] .monaco-list-row${attributes}`);
  await treeRows(page, 'paperAtlas').first().waitFor();
  const paperRow = row(':not([aria-expanded])').first();
  for (let depth = 1; depth <= 3 && !(await paperRow.isVisible()); depth++) {
    await row(`[aria-level="${depth}"][aria-expanded="false"]`).first().click();
    await waitFor(`rows under a level-${depth} topic`, () => row(`[aria-level="${depth + 1}"]`).count(), (n) => n > 0);
  }
  const title = (await paperRow.locator('.label-name').first().innerText()).trim();
  const paper = papers.find((p) => p.title === title);
  check('the Topics view shows a paper to drag', paper !== undefined, title);
  const before = await activeEditorText(page);
  check('the draft does not cite it yet, nor does references.bib hold it', !before.includes(`@${paper.key}`) && entriesOf(paper.key) === 0, paper.key);

  // Where to drop: just right of the end of DROP_LINE_TEXT in the editor.
  const line = page.locator('.editor-group-container.active .monaco-editor .view-line', { hasText: DROP_LINE_TEXT }).first();
  const lineBox = await line.locator('span').first().boundingBox();
  const target = { x: lineBox.x + lineBox.width + 20, y: lineBox.y + lineBox.height / 2 };
  const fromBox = await paperRow.locator('.label-name').first().boundingBox();
  const from = { x: fromBox.x + fromBox.width / 2, y: fromBox.y + fromBox.height / 2 };

  // The topic rows just clicked show their tooltips after a moment, over the rows below: pointer away first.
  await page.mouse.move(1, 1);
  await waitFor('tooltips to close', () => page.locator('.workbench-hover:visible, .monaco-hover:not(.hidden):visible').count(), (n) => n === 0);

  const transfer = await page.evaluateHandle(() => new DataTransfer());
  /**
   * Dispatches a drag event at a point, on `on` (a locator) or else on the element at that point;
   * returns whether a handler accepted it (preventDefault), on which element, and the data types.
   */
  const drag = async (type, point, on) => {
    const element = on ? await on.elementHandle() : await page.evaluateHandle((p) => document.elementFromPoint(p.x, p.y), point);
    return element.evaluate(
      (target, { type, point, transfer }) => {
        const event = new DragEvent(type, { bubbles: true, cancelable: true, composed: true, clientX: point.x, clientY: point.y, dataTransfer: transfer });
        return { accepted: !target.dispatchEvent(event), on: String(target.className), types: [...transfer.types] };
      },
      { type, point, transfer },
    );
  };
  const started = await drag('dragstart', from, paperRow.locator('.label-name').first());
  check('the tree row starts a drag carrying Paper Atlas papers', started.types.includes('application/vnd.paperatlas.papers'), `${started.types.join(', ') || 'no data'} (on ${started.on})`);
  await drag('dragenter', target);
  const over = await drag('dragover', target);
  check('the editor accepts the drag over the draft', over.accepted && /view-line/.test(over.on), over.on);
  await drag('drop', target);
  await drag('dragend', from, paperRow.locator('.label-name').first());

  const cite = `[@${paper.key}]`;
  const after = await waitFor(`${cite} in draft.md`, () => activeEditorText(page), (t) => t.includes(cite));
  const dropped = after.split('\n').find((l) => l.includes(cite));
  check('dropping the paper cites it in the draft\'s syntax', dropped !== undefined, dropped);
  check('the citation lands on the line it was dropped on', dropped.startsWith(DROP_LINE_TEXT), dropped);
  const entries = await waitFor(`the entry of ${paper.key} in references.bib`, () => entriesOf(paper.key), (n) => n > 0);
  check('references.bib gains the paper\'s BibTeX entry, once', entries === 1, entries);
  check('nothing else in the draft changed', after.replace(cite, '').replace(/\s+/g, ' ').trim() === before.replace(/\s+/g, ' ').trim());
  await shot('drag-cite.png');
});

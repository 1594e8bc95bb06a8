#!/usr/bin/env node
// Journey 2: Activity bar → Paper Atlas → expand a topic → open a paper from it → click a related
// paper in the abstract panel → the panel shows that one → Back returns to the first paper → a
// related paper opened from the keyboard alone (focus, Enter). Works whatever the topics are called:
// it takes the first topic and the first paper under it.
import { runJourney } from '../journey.mjs';
import { openActivity, treeRows, webviewFrame } from '../workbench.mjs';

await runJourney('topics', async ({ page, check, shot, waitFor }) => {
  await openActivity(page, 'Paper Atlas');
  const rows = treeRows(page, 'paperAtlas');
  const row = (attributes) => page.locator(`[id="workbench.view.extension.paperAtlas"] .monaco-list-row${attributes}`);
  const topic = rows.first();
  await topic.waitFor();
  const topicLabel = (await topic.locator('.label-name').first().innerText()).trim();
  check('the Topics view lists topics, collapsed', (await topic.getAttribute('aria-expanded')) === 'false', topicLabel);

  // Expand the topic (and a subtopic, if that is what it holds) until a paper row shows.
  const paperRow = row(':not([aria-expanded])').first();
  for (let depth = 1; depth <= 3 && !(await paperRow.isVisible()); depth++) {
    await row(`[aria-level="${depth}"][aria-expanded="false"]`).first().click();
    await waitFor(`a topic at level ${depth} to open`, () => row(`[aria-level="${depth}"][aria-expanded="true"]`).count(), (n) => n > 0);
    await waitFor('its rows to show', () => row(`[aria-level="${depth + 1}"]`).count(), (n) => n > 0);
  }
  const paperTitle = (await paperRow.locator('.label-name').first().innerText()).trim();
  check(`expanding "${topicLabel}" shows its papers`, paperTitle.length > 0, paperTitle);
  await shot('topics-tree.png');

  await paperRow.click();
  const frame = () => webviewFrame(page);
  const title = await waitFor('the abstract panel to open the paper', () => frame().locator('#title').innerText(), (t) => t.trim() === paperTitle);
  check('clicking a paper opens it in the abstract panel', title.trim() === paperTitle, title);
  const facts = await frame().locator('body').innerText();
  check('the panel names the paper\'s topic', facts.includes(topicLabel), topicLabel);

  const related = frame().locator('.related button.link').first();
  const relatedTitle = (await related.innerText()).trim();
  check('the panel lists related papers', relatedTitle.length > 0 && relatedTitle !== paperTitle, relatedTitle);
  await related.click();
  const after = await waitFor('the related paper to open', () => frame().locator('#title').innerText(), (t) => t.trim() === relatedTitle);
  check('clicking a related paper opens it in the same panel', after.trim() === relatedTitle, after);
  const panels = await page.locator('.tabs-container .tab').count();
  check('one abstract panel, reused', panels === 1, `${panels} tabs`);
  await shot('topics-related.png');

  const back = frame().locator('button[data-action="back"]');
  check('Back is enabled after following a related paper', !(await back.isDisabled()));
  await back.click();
  const backAgain = await waitFor('Back to show the first paper', () => frame().locator('#title').innerText(), (t) => t.trim() === paperTitle);
  check('Back returns to the paper opened from the tree', backAgain.trim() === paperTitle, backAgain);

  // The keyboard alone: focus the second related paper, press Enter.
  const second = frame().locator('.related button.link').nth(1);
  const secondTitle = (await second.innerText()).trim();
  await second.focus();
  await page.keyboard.press('Enter');
  const viaKeys = await waitFor('Enter to open the focused related paper', () => frame().locator('#title').innerText(), (t) => t.trim() === secondTitle);
  check('Enter on a focused related paper opens it', viaKeys.trim() === secondTitle, viaKeys);
});

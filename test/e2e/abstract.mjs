#!/usr/bin/env node
// Journey: a reader opens a paper from Search Papers, reads it in the abstract view, and follows a
// related paper, in a dark and a light theme. Checks the title and the related list inside the
// webview frame, and saves a screenshot per theme. Run `npm run build` first.
//
//   node test/e2e/abstract.mjs [--out-dir DIR]
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { activeEditorText, copySampleWorkspace, openFile, openWorkbench, repoRoot, runCommand, settle, webviewFrame } from './workbench.mjs';

const { values: o } = parseArgs({ options: { 'out-dir': { type: 'string', default: path.join(repoRoot, 'test', 'e2e', 'screenshots') } } });
fs.mkdirSync(o['out-dir'], { recursive: true });

let failures = 0;
function check(what, ok, detail) {
  if (!ok) failures++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${detail ? `: ${detail}` : ''}`);
}

for (const theme of ['dark', 'light']) {
  const wb = await openWorkbench({ extension: repoRoot, folder: copySampleWorkspace(), theme });
  const { page } = wb;
  try {
    await runCommand(page, 'Paper Atlas: Search Papers');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Search Papers' }).waitFor();
    await page.keyboard.type('NeuroAI Turing', { delay: 30 });
    await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
    await page.waitForTimeout(300);
    await page.keyboard.press('Enter');

    const frame = webviewFrame(page);
    const title = await settle(() => frame.locator('#title').textContent(), (t) => /NeuroAI/.test(t ?? ''), 20_000);
    check(`${theme}: the abstract view shows the paper`, /Brain-Model Evaluations Need the NeuroAI Turing Test/.test(title ?? ''), title);
    const abstract = await frame.locator('.abstract').textContent();
    check(`${theme}: TeX reads as text`, /“NeuroAI Turing Test”/.test(abstract ?? '') && !/\\emph/.test(abstract ?? ''));
    const firstRelated = frame.locator('.related button.link').first();
    const relatedTitle = (await firstRelated.textContent())?.trim();
    check(`${theme}: related papers are listed`, Boolean(relatedTitle), relatedTitle);
    await page.mouse.move(700, 880); // no tab tooltip over the page
    await page.waitForTimeout(800);
    await page.screenshot({ path: path.join(o['out-dir'], `abstract-tex-${theme}.png`) });

    await firstRelated.click();
    const after = await settle(() => webviewFrame(page).locator('#title').textContent(), (t) => (t ?? '').trim() === relatedTitle, 15_000);
    check(`${theme}: clicking a related paper opens it in the same panel`, (after ?? '').trim() === relatedTitle, after);
    const focused = await settle(() => webviewFrame(page).locator('#title').evaluate((el) => el === el.ownerDocument.activeElement), Boolean, 5_000);
    check(`${theme}: the new page's title has the focus, so a screen reader announces it`, focused === true);
    const back = webviewFrame(page).locator('button[data-action="back"]');
    check(`${theme}: Back is enabled after following a link`, !(await back.isDisabled()));
    await back.click();
    const again = await settle(() => webviewFrame(page).locator('#title').textContent(), (t) => /NeuroAI/.test(t ?? ''), 15_000);
    check(`${theme}: Back returns to the first paper`, /NeuroAI/.test(again ?? ''), again);

    // The keyboard alone: Tab to the second related paper and press Enter.
    const second = webviewFrame(page).locator('.related button.link').nth(1);
    const secondTitle = (await second.textContent())?.trim();
    await second.focus();
    await page.keyboard.press('Enter');
    const viaKeys = await settle(() => webviewFrame(page).locator('#title').textContent(), (t) => (t ?? '').trim() === secondTitle, 15_000);
    check(`${theme}: Enter on a focused related paper opens it`, (viaKeys ?? '').trim() === secondTitle, viaKeys);

    // A paper with inline math: scripts and operators are typeset, the TeX source is kept in a tooltip.
    await runCommand(page, 'Paper Atlas: Search Papers');
    await page.keyboard.type('truncated kernel windowed fourier', { delay: 20 });
    await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
    await page.waitForTimeout(300);
    await page.keyboard.press('Enter');
    const mathTitle = await settle(() => webviewFrame(page).locator('#title').textContent(), (t) => /Truncated kernel/i.test(t ?? ''), 15_000);
    check(`${theme}: the math paper opens in the same panel`, /Truncated kernel/i.test(mathTitle ?? ''), mathTitle);
    const scripts = await webviewFrame(page).locator('.abstract .math sub, .abstract .math sup').count();
    const source = await webviewFrame(page).locator('.abstract .math').nth(4).getAttribute('title');
    check(`${theme}: inline math is typeset`, scripts >= 5 && source === '$\\mathcal O(M^2 N_t)$', `${scripts} scripts; ${source}`);
    await page.mouse.move(700, 880);
    await page.waitForTimeout(800);
    // The note's screenshot: TeX accents, inline math and the related papers on one page.
    await page.screenshot({ path: path.join(o['out-dir'], `abstract-${theme}.png`) });

    // A window reload brings the panel back on the same paper (serializer + page state).
    await runCommand(page, 'Developer: Reload Window');
    await page.locator('.monaco-workbench').waitFor();
    const restored = await settle(() => webviewFrame(page).locator('#title').textContent(), (t) => /Truncated kernel/i.test(t ?? ''), 30_000);
    check(`${theme}: the panel is restored after a window reload`, /Truncated kernel/i.test(restored ?? ''), restored);
    const backAfterReload = webviewFrame(page).locator('button[data-action="back"]');
    check(`${theme}: Back still works after the reload`, !(await backAfterReload.isDisabled()));
    await backAfterReload.click();
    const previous = await settle(() => webviewFrame(page).locator('#title').textContent(), (t) => (t ?? '').trim() === secondTitle, 15_000);
    check(`${theme}: Back after the reload returns to the paper read before`, (previous ?? '').trim() === secondTitle, previous);

    // The panel's main action: Insert Citation writes into the editor the reader came from.
    if (theme === 'dark') {
      await openFile(page, 'draft.tex');
      await page.locator('.tab.active', { hasText: 'draft.tex' }).waitFor();
      await page.locator('.editor-group-container.active .monaco-editor').first().click();
      await page.keyboard.press('Control+End');
      await runCommand(page, 'Paper Atlas: Search Papers');
      await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Search Papers' }).waitFor();
      await page.keyboard.type('truncated kernel windowed fourier', { delay: 20 });
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Truncated kernel' }).first().waitFor();
      await page.keyboard.press('Enter');
      await settle(() => webviewFrame(page).locator('#title').textContent(), (t) => /Truncated kernel/i.test(t ?? ''), 15_000);
      await webviewFrame(page).locator('button[data-action="insertCitation"]').click();
      const lastLine = (t) => (t ?? '').trimEnd().split('\n').pop();
      const text = await settle(() => activeEditorText(page), (t) => lastLine(t) === '\\cite{truncatedkernel}', 15_000);
      check(`${theme}: Insert Citation in the panel cites into the document`, lastLine(text) === '\\cite{truncatedkernel}', lastLine(text));
    }
  } catch (error) {
    failures++;
    console.error(error instanceof Error ? error.stack : error);
    await page.screenshot({ path: path.join(o['out-dir'], `abstract-${theme}-failure.png`) }).catch(() => {});
  } finally {
    await wb.close();
  }
}
console.log(failures ? `${failures} failed` : 'abstract journey passed');
process.exit(failures ? 1 : 0);

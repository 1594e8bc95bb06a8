#!/usr/bin/env node
// Renders media/icon.png (128×128, the Marketplace icon) from media/atlas.svg with headless Chromium:
// the line-art book drawn in white on a rounded indigo square. Run after changing atlas.svg.
import fs from 'node:fs';
import path from 'node:path';
import { launchChromium } from './vscode-web/start-code-server.mjs';
import { repoRoot } from '../test/e2e/workbench.mjs';

const svg = fs.readFileSync(path.join(repoRoot, 'media', 'atlas.svg'), 'utf8').replace('stroke="currentColor"', 'stroke="#ffffff"');
const html = `<!DOCTYPE html><html><body style="margin:0;background:transparent">
<div style="width:128px;height:128px;border-radius:26px;background:linear-gradient(145deg,#4f46e5,#1e3a8a);display:flex;align-items:center;justify-content:center">
<div style="width:92px;height:92px">${svg.replace('width="24" height="24"', 'width="92" height="92"')}</div></div></body></html>`;
const browser = await launchChromium();
const page = await (await browser.newContext({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 })).newPage();
await page.setContent(html);
await page.screenshot({ path: path.join(repoRoot, 'media', 'icon.png'), omitBackground: true });
await browser.close();
console.log('wrote media/icon.png');

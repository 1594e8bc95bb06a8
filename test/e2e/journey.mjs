// The frame every end-to-end journey runs in: a fresh code-server with the packaged .vsix installed
// (what a user installs, not the development folder), a fresh copy of the sample workspace, headless
// Chromium. A journey is an async function of { page, folder, check, shot, cli }; it fails when a
// check fails or a step throws (a waited-for condition that never came). Each journey file runs alone:
//
//   node test/e2e/journeys/<name>.mjs [--vsix out/paper-atlas.vsix] [--out-dir test/e2e/screenshots] [--theme dark|light]
//
// Waits are for conditions (a row, a text, a file's content), never for fixed times, with limits
// generous enough for a loaded 2-core machine.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { copySampleWorkspace, openWorkbench, repoRoot } from './workbench.mjs';

/** How long a journey waits for anything the workbench or the extension does. */
export const PATIENCE_MS = 60_000;

/** Thrown by a failed check: the journey stops there. */
class CheckFailed extends Error {}

/**
 * Polls `read` (every 100 ms) until `accept(value)` holds and returns that value; throws with `what`
 * and the last value read when it never does within PATIENCE_MS.
 */
export async function waitFor(what, read, accept = Boolean, ms = PATIENCE_MS) {
  const end = Date.now() + ms;
  let value;
  let lastError;
  for (;;) {
    try {
      value = await read();
      if (accept(value)) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > end) {
      const seen = value === undefined && lastError ? `error: ${lastError.message.split('\n')[0]}` : JSON.stringify(value)?.slice(0, 400);
      throw new CheckFailed(`gave up waiting for ${what} (last seen: ${seen})`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Paper Atlas's command line on the bundled papers: the journeys look titles and keys up with it. */
function cli(...args) {
  return JSON.parse(execFileSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), ...args, '--json'], { encoding: 'utf8', maxBuffer: 64 << 20 }));
}

/**
 * Runs one journey and exits the process with 0 (passed) or 1. `name` names the screenshots.
 * Options: `settings` (user settings), `prepare(folder)` to change the workspace copy first.
 */
export async function runJourney(name, journey, { settings = {}, prepare } = {}) {
  const { values: o } = parseArgs({
    options: {
      vsix: { type: 'string', default: path.join(repoRoot, 'out', 'paper-atlas.vsix') },
      'out-dir': { type: 'string', default: path.join(repoRoot, 'test', 'e2e', 'screenshots') },
      theme: { type: 'string', default: 'dark' },
    },
  });
  if (!fs.existsSync(o.vsix)) {
    console.error(`${o.vsix} is missing: run "npm run package" first (npm run test:e2e does).`);
    process.exit(2);
  }
  fs.mkdirSync(o['out-dir'], { recursive: true });
  const shotPath = (file) => path.join(o['out-dir'], file);
  const started = Date.now();
  const folder = copySampleWorkspace();
  await prepare?.(folder);
  let failed = false;
  let wb;
  try {
    wb = await openWorkbench({ vsix: o.vsix, folder, theme: o.theme, settings });
    const { page } = wb;
    page.setDefaultTimeout(PATIENCE_MS);
    const check = (what, ok, detail) => {
      console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}${detail !== undefined ? `: ${String(detail).replace(/\s+/g, ' ').slice(0, 300)}` : ''}`);
      if (!ok) throw new CheckFailed(what);
    };
    const shot = async (file, { keepPointer = false } = {}) => {
      // Nothing under the pointer (no tooltip), then the picture; keepPointer for a hover to show.
      if (!keepPointer) await page.mouse.move(1, 1);
      await page.screenshot({ path: shotPath(file) });
      console.log(`  screenshot ${path.relative(repoRoot, shotPath(file))}`);
    };
    await journey({ page, folder, check, shot, cli, waitFor });
  } catch (error) {
    failed = true;
    console.error(`  ${error instanceof CheckFailed ? error.message : (error?.stack ?? error)}`);
    await wb?.page.screenshot({ path: shotPath(`${name}-failure.png`) }).catch(() => {});
    console.error(`  the workbench at the failure: ${path.relative(repoRoot, shotPath(`${name}-failure.png`))}`);
  } finally {
    await wb?.close();
    fs.rmSync(folder, { recursive: true, force: true });
  }
  console.log(`${failed ? 'FAILED' : 'passed'} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  process.exit(failed ? 1 : 0);
}

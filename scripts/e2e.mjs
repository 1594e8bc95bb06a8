#!/usr/bin/env node
// `npm run test:e2e`: packages Paper Atlas (production build + vsce package), fails when the .vsix
// reaches 600 KB, then runs every journey of test/e2e/journeys/ one after another (one code-server
// at a time), each against a fresh workbench with that .vsix installed. A journey that hangs is
// stopped after 5 minutes and counts as failed. Arguments are journey name filters (`npm run test:e2e -- search`).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const vsix = path.join(root, 'out', 'paper-atlas.vsix');
const LIMIT_BYTES = 600 * 1024;

const packaged = spawnSync('npm', ['run', '--silent', 'package'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
if (packaged.status !== 0) {
  console.error('e2e: "npm run package" failed (see above)');
  process.exit(1);
}
const size = fs.statSync(vsix).size;
console.log(`e2e: ${path.relative(root, vsix)} is ${(size / 1024).toFixed(1)} KB (limit ${LIMIT_BYTES / 1024} KB)`);
if (size >= LIMIT_BYTES) {
  console.error('e2e: the .vsix is too big: see what it holds with "npx vsce ls --no-dependencies"');
  process.exit(1);
}

const dir = path.join(root, 'test', 'e2e', 'journeys');
const filters = process.argv.slice(2);
const journeys = fs.readdirSync(dir).filter((f) => f.endsWith('.mjs') && (filters.length === 0 || filters.some((w) => f.includes(w)))).sort();
const failed = [];
for (const file of journeys) {
  console.log(`e2e: ${file}`);
  const run = spawnSync(process.execPath, [path.join(dir, file), '--vsix', vsix], { cwd: root, stdio: 'inherit', timeout: 5 * 60_000, killSignal: 'SIGTERM' });
  if (run.status !== 0) failed.push(run.signal ? `${file} (stopped after 5 min)` : file);
}
console.log(failed.length ? `e2e: ${failed.length} of ${journeys.length} journeys failed: ${failed.join(', ')}` : `e2e: all ${journeys.length} journeys passed`);
process.exit(failed.length ? 1 : 0);

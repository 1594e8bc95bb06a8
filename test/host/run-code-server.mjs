// `npm run test:host`: the extension-host suites in code-server (scripts/vscode-web/run-ext-tests.mjs)
// on a fresh copy of the sample workspace, so a test that writes files (or a save it did not mean)
// never changes test/fixtures/ws in the repository, and every run starts from the same files.
// Extra arguments go to run-ext-tests.mjs (e.g. --keep, --verbose); MOCHA_GREP narrows the run.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { copySampleWorkspace, repoRoot } from '../e2e/workbench.mjs';

const workspace = copySampleWorkspace();
const run = spawnSync(
  process.execPath,
  [
    path.join(repoRoot, 'scripts', 'vscode-web', 'run-ext-tests.mjs'),
    '--extension', repoRoot,
    '--tests', path.join(repoRoot, 'out', 'test', 'host', 'index.js'),
    '--workspace', workspace,
    '--screenshot', path.join(repoRoot, 'out', 'host-failure.png'),
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit' },
);
fs.rmSync(workspace, { recursive: true, force: true });
process.exit(run.status ?? 3);

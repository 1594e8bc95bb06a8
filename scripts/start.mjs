#!/usr/bin/env node
// `npm start`: packages Paper Atlas, starts VS Code in the browser (code-server) on 127.0.0.1 with it
// installed and a copy of the sample workspace open, prints the URL, and runs until Ctrl+C.
// `npm start -- --port 8080` picks the port; `--folder DIR` opens another folder instead.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startCodeServer, workbenchUrl } from './vscode-web/start-code-server.mjs';
import { copySampleWorkspace, repoRoot } from '../test/e2e/workbench.mjs';

const { values: o } = parseArgs({ options: { port: { type: 'string' }, folder: { type: 'string' } } });

const vsix = path.join(repoRoot, 'out', 'paper-atlas.vsix');
fs.mkdirSync(path.dirname(vsix), { recursive: true });
const vsce = path.join(repoRoot, 'node_modules', '.bin', 'vsce');
const packaged = spawnSync(vsce, ['package', '--no-dependencies', '--no-rewrite-relative-links', '--out', vsix], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
if (packaged.status !== 0) {
  console.error('Packaging the extension failed (see above). Run "npm run build" and try again.');
  process.exit(1);
}

const folder = o.folder ? path.resolve(o.folder) : copySampleWorkspace();
const cs = await startCodeServer({ vsix: [vsix], port: o.port ? Number(o.port) : undefined, keep: false });
const url = workbenchUrl(cs, { folder });
console.log(`
Paper Atlas is running in VS Code for the browser.

  Open:      ${url}
  Workspace: ${folder}${o.folder ? '' : ' (a copy of test/fixtures/ws: edit freely)'}

Try: the Paper Atlas icon in the activity bar, or F1 → "Paper Atlas: Search Papers".
Press Ctrl+C to stop.`);
await new Promise((resolve) => {
  process.on('SIGINT', resolve);
  process.on('SIGTERM', resolve);
});
await cs.stop();
if (!o.folder) console.log(`Stopped. Your copy of the sample workspace stays in ${folder}.`);

// Extension-host test entry: code-server (scripts/vscode-web/run-ext-tests.mjs) and
// @vscode/test-electron (test/host/run-electron.mjs) both load this file in the extension host
// and call run(). MOCHA_GREP narrows the run to matching tests.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: true, timeout: 30_000 });
  if (process.env.MOCHA_GREP) mocha.grep(process.env.MOCHA_GREP);
  for (const file of fs.readdirSync(__dirname).sort()) {
    if (file.endsWith('.test.js')) mocha.addFile(path.join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} test(s) failed.`)) : resolve()));
  });
}

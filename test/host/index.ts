// Extension-host test entry: code-server (scripts/vscode-web/run-ext-tests.mjs) and
// @vscode/test-electron (test/host/run-electron.mjs) both load this file in the extension host
// and call run(). MOCHA_GREP narrows the run to matching tests.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/** Runs before every other suite: it checks that nothing activated the extension before a command. */
const FIRST_SUITE = 'foundation.test.js';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: true, timeout: 30_000 });
  if (process.env.MOCHA_GREP) mocha.grep(process.env.MOCHA_GREP);
  const suites = fs.readdirSync(__dirname).filter((file) => file.endsWith('.test.js')).sort();
  suites.sort((a, b) => Number(b === FIRST_SUITE) - Number(a === FIRST_SUITE));
  for (const file of suites) mocha.addFile(path.join(__dirname, file));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} test(s) failed.`)) : resolve()));
  });
}

// The same extension-host suites in desktop VS Code, for machines with internet (downloads VS Code
// 1.100.3 into .vscode-test/ on first use; needs a display: `xvfb-run -a npm run test:electron`).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';
import { copySampleWorkspace } from '../e2e/workbench.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
try {
  await runTests({
    version: '1.100.3', // the VS Code of code-server 4.100.3, which CI uses
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out/test/host/index.js'),
    // A fresh copy of the sample workspace, as for code-server (test/host/run-code-server.mjs).
    launchArgs: [copySampleWorkspace(), '--disable-extensions', '--disable-workspace-trust', '--skip-welcome'],
    extensionTestsEnv: process.env.MOCHA_GREP ? { MOCHA_GREP: process.env.MOCHA_GREP } : undefined,
  });
} catch (error) {
  console.error(error);
  process.exit(1);
}

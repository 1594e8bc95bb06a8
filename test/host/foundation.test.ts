import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, EXTENSION_ID, waitFor } from './hostUtils';

interface Manifest {
  activationEvents: string[];
  contributes: {
    commands: Array<{ command: string }>;
    viewsContainers: { activitybar: Array<{ id: string }> };
    views: Record<string, Array<{ id: string }>>;
  };
}

describe('the extension in a real VS Code', () => {
  const extension = () => vscode.extensions.getExtension(EXTENSION_ID);
  const manifest = () => extension()!.packageJSON as Manifest;

  after(closeAllEditors);

  it('is installed and not active before anything asks for it', () => {
    console.log(`      vscode ${vscode.version}, ${vscode.env.appName}, uiKind=${vscode.UIKind[vscode.env.uiKind]}`);
    assert.ok(extension(), `${EXTENSION_ID} is not loaded`);
    // Only lazy events: something the user does (a command, a view, restoring an abstract panel).
    const eager = manifest().activationEvents.filter((e) => !/^(onCommand|onView|onWebviewPanel):/.test(e));
    assert.deepEqual(eager, []);
    assert.equal(extension()!.isActive, false);
  });

  it('activates when one of its commands runs, and lists every paper', async () => {
    const count = await vscode.commands.executeCommand<number>('paperAtlas.reloadCorpus');
    assert.equal(extension()!.isActive, true);
    assert.equal(count, 179);
  });

  it('registers every command it contributes', async () => {
    await extension()!.activate(); // also when MOCHA_GREP runs this test alone
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = manifest().contributes.commands.map((c) => c.command).filter((id) => !registered.has(id));
    assert.deepEqual(missing, []);
  });

  it('contributes the Paper Atlas view container with its Topics view', async () => {
    const { viewsContainers, views } = manifest().contributes;
    assert.ok(viewsContainers.activitybar.some((c) => c.id === 'paperAtlas'));
    assert.ok(views.paperAtlas.some((v) => v.id === 'paperAtlas.topics'));
    await vscode.commands.executeCommand('paperAtlas.topics.focus');
  });

  it('opens a paper by citation key in a webview panel', async () => {
    const id = await vscode.commands.executeCommand<string>('paperAtlas.openPaper', 'fear2025physics');
    assert.equal(id, 'physics-steering-causal-control-of-cross-domain-concepts-in-a-physics-foundation');
    const tab = await waitFor(
      () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview),
      'a webview tab',
    );
    assert.match(tab.label, /^Physics Steering/);
  });

  it('reports an unknown paper as an error instead of failing silently', async () => {
    const result = await vscode.commands.executeCommand('paperAtlas.openPaper', 'no-such-paper');
    assert.equal(result, undefined);
  });
});

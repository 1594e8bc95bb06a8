import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { acceptQuickPick, closeAllEditors, waitFor } from './hostUtils';

/** Opens a new file with the text in a fresh folder outside the workspace and returns its editor. */
async function openScratch(name: string, text: string): Promise<vscode.TextEditor> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'paper-atlas-qa-')), name);
  fs.writeFileSync(file, text);
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
}

function allTabs(): readonly vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs);
}

describe('what a writer noticed using Paper Atlas', () => {
  // Completion, hover and definitions come with Paper Atlas, which starts on its first command.
  before(() => vscode.commands.executeCommand('paperAtlas.showLog'));
  afterEach(closeAllEditors);

  it('opens nothing while Ctrl is held over a cited key, and opens the abstract on Go to Definition', async () => {
    const editor = await openScratch('paper.tex', 'See \\cite{fear2025physics}.\n');
    const at = new vscode.Position(0, 14);
    // VS Code asks the definition provider for the Ctrl+hover underline and preview, not only on F12.
    const [target] = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeDefinitionProvider', editor.document.uri, at);
    assert.ok(target, 'a definition for a known key');
    assert.equal(allTabs().some((t) => t.input instanceof vscode.TabInputWebview), false, 'no abstract opened by merely asking');
    const preview = await vscode.workspace.openTextDocument(target.uri);
    assert.match(preview.getText(), /^@misc\{fear2025physics,\n/, 'the preview shows the BibTeX entry');
    assert.match(preview.getText(), /title\s+= \{Physics \{Steering\}: Causal/);

    editor.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('editor.action.revealDefinition');
    const panel = await waitFor(() => allTabs().find((t) => t.input instanceof vscode.TabInputWebview), 'the abstract view');
    assert.match(panel.label, /^Physics Steering/);
    await waitFor(() => !allTabs().some((t) => t.input instanceof vscode.TabInputText && t.input.uri.scheme === target.uri.scheme), 'the entry document closed again');
  });

  it('leaves the cursor after the citation when the selected text was the query, not a selection over both', async () => {
    const editor = await openScratch('claim.md', 'Steering physics foundation models\n');
    editor.selection = new vscode.Selection(0, 0, 0, 34);
    const keys = await vscode.commands.executeCommand<string[]>('paperAtlas.insertCitation', 'fear2025physics');
    assert.deepEqual(keys, ['fear2025physics']);
    assert.equal(editor.document.lineAt(0).text, 'Steering physics foundation models [@fear2025physics]');
    assert.equal(editor.selection.isEmpty, true, 'nothing left selected');
    assert.equal(editor.selection.active.character, editor.document.lineAt(0).text.length, 'the cursor after the citation');
  });

  it('lists papers to pick from while a field is still being typed ("au:")', async () => {
    const picked = await acceptQuickPick(vscode.commands.executeCommand<string | undefined>('paperAtlas.searchPapers', 'au:'));
    assert.equal(typeof picked, 'string', 'Enter opened a paper');
  });
});

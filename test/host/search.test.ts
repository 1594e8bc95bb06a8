import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { acceptQuickPick, closeAllEditors, dismissQuickPick } from './hostUtils';

/** Runs Search Papers with a query, waits for the results, and accepts the highlighted one. */
async function searchAndAccept(query: string): Promise<string | undefined> {
  return acceptQuickPick(vscode.commands.executeCommand<string | undefined>('paperAtlas.searchPapers', query));
}

describe('Search Papers quick pick', () => {
  afterEach(closeAllEditors);

  it('ranks the sought paper first for a typo and opens it', async () => {
    const id = await searchAndAccept('pavlovian trasnformers');
    assert.equal(id, 'understanding-transformers-through-the-lens-of-pavlovian-conditioning');
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab ?? vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview);
    assert.match(tab?.label ?? '', /Pavlovian/);
  });

  it('understands field syntax and acronyms', async () => {
    assert.equal(await searchAndAccept('au:cranmer year:2025'), 'physics-steering-causal-control-of-cross-domain-concepts-in-a-physics-foundation');
    // The abstract panel just opened takes focus once its page loads, which would close the next pick.
    await closeAllEditors();
    assert.equal(await searchAndAccept('NAS'), 'einspace-searching-for-neural-architectures-from-fundamental-operations');
  });

  it('resolves to nothing when dismissed', async () => {
    assert.equal(await dismissQuickPick(vscode.commands.executeCommand<string | undefined>('paperAtlas.searchPapers', 'graph')), undefined);
  });
});

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, EXTENSION_ID, pickFirst, waitFor } from './hostUtils';

interface Api {
  abstractPageHtml(): string | undefined;
}

const api = () => vscode.extensions.getExtension<Api>(EXTENSION_ID)!.exports;

describe('the abstract view', () => {
  afterEach(closeAllEditors);

  it('shows a paper with readable TeX, its facts, actions and related papers', async () => {
    await vscode.commands.executeCommand('paperAtlas.openPaper', 'feather2025brainmodel');
    const html = await waitFor(() => api().abstractPageHtml(), 'the abstract page');
    assert.match(html, /<h1 id="title"[^>]*>Brain-Model Evaluations Need the NeuroAI Turing Test<\/h1>/);
    assert.match(html, /J\. Feather, Meenakshi Khosla/);
    assert.match(html, /February 22, 2025/);
    assert.match(html, /“NeuroAI Turing Test”/, 'TeX quotes become typographic quotes');
    assert.match(html, /<em>additionally<\/em>/, '\\emph becomes italics');
    assert.match(html, /<dt>Topic<\/dt><dd>[^<]+<\/dd>/, 'the topic model names its topic');
    assert.match(html, /data-action="insertCitation"/);
    assert.equal((html.match(/<li><button type="button" class="link" data-paper-id=/g) ?? []).length, 7);
    assert.match(html, /script-src &#39;nonce-[A-Za-z0-9+/=]+&#39;/);
  });

  it('reuses one panel for the next paper', async () => {
    await vscode.commands.executeCommand('paperAtlas.openPaper', 'kang2025spectral');
    await vscode.commands.executeCommand('paperAtlas.openPaper', 'fear2025physics');
    const webviews = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview);
    assert.equal(webviews.length, 1);
    assert.match(api().abstractPageHtml() ?? '', /<h1 id="title"[^>]*>Physics Steering/);
  });

  it('opens a panel per paper when the setting asks for it, and reuses the one a paper is in', async () => {
    const config = vscode.workspace.getConfiguration('paperAtlas');
    await config.update('abstractView.openInNewPanel', true, vscode.ConfigurationTarget.Global);
    try {
      await vscode.commands.executeCommand('paperAtlas.openPaper', 'kang2025spectral');
      await vscode.commands.executeCommand('paperAtlas.openPaper', 'fear2025physics');
      await vscode.commands.executeCommand('paperAtlas.openPaper', 'kang2025spectral');
      const webviews = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview);
      assert.deepEqual(webviews.map((t) => t.label).sort(), ['Physics Steering: Causal Control of Cross-Domain Concepts in a Physics Foundation Model', 'Spectral Analysis of Representational Similarity with Limited Neurons']);
    } finally {
      await config.update('abstractView.openInNewPanel', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('lists related papers in a pick and opens the chosen one', async () => {
    await vscode.commands.executeCommand('paperAtlas.openPaper', 'reducinginformation');
    const id = await pickFirst(() => vscode.commands.executeCommand<string | undefined>('paperAtlas.showRelated'));
    assert.ok(id);
    assert.match(api().abstractPageHtml() ?? '', /Spiking Neural Networks/);
  });

  it('lists the papers related to a row of the Topics view, not to the paper the panel shows', async () => {
    const snnId = await vscode.commands.executeCommand<string>('paperAtlas.openPaper', 'reducinginformation');
    await vscode.commands.executeCommand('paperAtlas.openPaper', 'feather2025brainmodel'); // the panel now shows another paper
    const row = { kind: 'paper', paper: { id: snnId } };
    assert.ok(await pickFirst(() => vscode.commands.executeCommand<string | undefined>('paperAtlas.showRelated', row)));
    assert.match(api().abstractPageHtml() ?? '', /<h1 id="title"[^>]*>[^<]*Spiking/);
  });
});

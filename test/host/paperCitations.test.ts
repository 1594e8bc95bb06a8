import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { acceptQuickPick, closeAllEditors, waitFor } from './hostUtils';

// Papers that no library in the test workspace renames (a library's own key wins over ours).
const KANG = 'spectral-analysis-of-representational-similarity-with-limited-neurons';
const FEAR = 'physics-steering-causal-control-of-cross-domain-concepts-in-a-physics-foundation';

/** Whether the citeproc bundle has been required into this extension host. */
function citeprocLoaded(): boolean {
  return Object.keys(require.cache).some((file) => /[\\/]dist[\\/]citeproc\.js$/.test(file));
}

/** A fresh folder outside the workspace for the documents and bibliographies a test writes. */
function scratchDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'paper-atlas-cite-'));
}

/** Opens a new file with the text, a cursor at each `|`, and returns its editor. */
async function openWithCursors(dir: string, name: string, textWithBars: string, language?: string): Promise<vscode.TextEditor> {
  const parts = textWithBars.split('|');
  const offsets: number[] = [];
  let length = 0;
  for (const part of parts.slice(0, -1)) offsets.push((length += part.length));
  const file = path.join(dir, name);
  fs.writeFileSync(file, parts.join(''));
  let doc = await vscode.workspace.openTextDocument(file);
  if (language && doc.languageId !== language) doc = await vscode.languages.setTextDocumentLanguage(doc, language);
  const editor = await vscode.window.showTextDocument(doc);
  if (offsets.length > 0) editor.selections = offsets.map((o) => new vscode.Selection(doc.positionAt(o), doc.positionAt(o)));
  return editor;
}

/** Number of entries with this key in a .bib file. */
function entryCount(bibFile: string, key: string): number {
  return (fs.readFileSync(bibFile, 'utf8').match(new RegExp(`@misc\\{${key},`, 'g')) ?? []).length;
}

describe('citations in a real VS Code', () => {
  // Providers exist once the extension is active; any of its commands activates it.
  before(() => vscode.commands.executeCommand('paperAtlas.showLog'));
  afterEach(closeAllEditors);

  it('activates without loading the citation processor', async () => {
    await vscode.commands.executeCommand('paperAtlas.reloadCorpus');
    assert.equal(citeprocLoaded(), false);
  });

  it('inserts a LaTeX citation and adds the entry to the bibliography the document names, once', async () => {
    const dir = scratchDir();
    const editor = await openWithCursors(dir, 'paper.tex', 'Facts live in memories |.\n\\bibliography{refs}\n');
    const keys = await vscode.commands.executeCommand<string[]>('paperAtlas.insertCitation', KANG);
    assert.deepEqual(keys, ['kang2025spectral']);
    assert.equal(editor.document.getText(), 'Facts live in memories \\cite{kang2025spectral}.\n\\bibliography{refs}\n');
    const bib = path.join(dir, 'refs.bib');
    assert.equal(entryCount(bib, 'kang2025spectral'), 1);

    // Citing it again, with the cursor inside the citation: no second key, no second entry.
    editor.selection = new vscode.Selection(0, 40, 0, 40);
    await vscode.commands.executeCommand('paperAtlas.insertCitation', KANG);
    assert.equal(editor.document.getText(), 'Facts live in memories \\cite{kang2025spectral}.\n\\bibliography{refs}\n');
    assert.equal(entryCount(bib, 'kang2025spectral'), 1);
  });

  it('joins a key into the LaTeX citation the cursor is in, and cites several papers at once', async () => {
    const dir = scratchDir();
    const editor = await openWithCursors(dir, 'paper.tex', 'A \\citep{kang2025spectral|} and B |.\n');
    await vscode.commands.executeCommand('paperAtlas.insertCitation', [FEAR]);
    assert.equal(editor.document.getText(), 'A \\citep{kang2025spectral,fear2025physics} and B \\cite{fear2025physics}.\n');
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    await vscode.commands.executeCommand('paperAtlas.insertCitation', [KANG, FEAR]);
    assert.match(editor.document.getText(), /\n\\cite\{kang2025spectral,fear2025physics\}$/);
    // No bibliography named: the default references.bib next to the document (outside any workspace folder).
    const bib = fs.readFileSync(path.join(dir, 'references.bib'), 'utf8');
    assert.equal(bib.match(/@misc\{/g)?.length, 2);
  });

  it('uses the LaTeX command from the settings', async () => {
    const config = vscode.workspace.getConfiguration('paperAtlas');
    await config.update('latexCiteCommand', 'parencite', vscode.ConfigurationTarget.Global);
    try {
      const editor = await openWithCursors(scratchDir(), 'paper.tex', 'X |\n');
      await vscode.commands.executeCommand('paperAtlas.insertCitation', FEAR);
      assert.equal(editor.document.getText(), 'X \\parencite{fear2025physics}\n');
    } finally {
      await config.update('latexCiteCommand', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('inserts Pandoc citations at every cursor, joining one the cursor is in, into the YAML bibliography', async () => {
    const dir = scratchDir();
    const editor = await openWithCursors(dir, 'notes.md', '---\nbibliography: lit.bib\n---\nOne |.\nTwo [@kang2025spectral|].\n');
    assert.equal(editor.document.languageId, 'markdown');
    await vscode.commands.executeCommand('paperAtlas.insertCitation', FEAR);
    assert.equal(editor.document.getText(), '---\nbibliography: lit.bib\n---\nOne [@fear2025physics].\nTwo [@kang2025spectral; @fear2025physics].\n');
    assert.equal(entryCount(path.join(dir, 'lit.bib'), 'fear2025physics'), 1);
  });

  it('inserts Typst references, next to one the cursor is on', async () => {
    const dir = scratchDir();
    const editor = await openWithCursors(dir, 'doc.typ', 'Claim |.\nOther @kang2025spectral|.\n#bibliography("works.bib")\n', 'typst');
    await vscode.commands.executeCommand('paperAtlas.insertCitation', [FEAR, KANG]);
    assert.equal(editor.document.getText(), 'Claim @fear2025physics @kang2025spectral.\nOther @kang2025spectral @fear2025physics.\n#bibliography("works.bib")\n');
    assert.equal(entryCount(path.join(dir, 'works.bib'), 'fear2025physics'), 1);
    assert.equal(entryCount(path.join(dir, 'works.bib'), 'kang2025spectral'), 1);
  });

  it('cites several papers in one Markdown citation, and a second insert adds no second entry', async () => {
    const dir = scratchDir();
    const editor = await openWithCursors(dir, 'notes.md', 'Intro |.\n\n');
    await vscode.commands.executeCommand('paperAtlas.insertCitation', [KANG, FEAR]);
    assert.equal(editor.document.getText(), 'Intro [@kang2025spectral; @fear2025physics].\n\n');
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    await vscode.commands.executeCommand('paperAtlas.insertCitation', FEAR);
    assert.equal(editor.document.getText(), 'Intro [@kang2025spectral; @fear2025physics].\n[@fear2025physics]\n');
    // No bibliography named and no workspace folder around the scratch file: references.bib beside it.
    const bib = path.join(dir, 'references.bib');
    assert.equal(entryCount(bib, 'fear2025physics'), 1);
    assert.equal(entryCount(bib, 'kang2025spectral'), 1);
  });

  it('inserts one Typst reference, or a #cite call when the setting asks for it', async () => {
    const dir = scratchDir();
    const editor = await openWithCursors(dir, 'doc.typ', 'See |.\n', 'typst');
    await vscode.commands.executeCommand('paperAtlas.insertCitation', FEAR);
    assert.equal(editor.document.getText(), 'See @fear2025physics.\n');
    const config = vscode.workspace.getConfiguration('paperAtlas');
    await config.update('typstCiteStyle', 'function', vscode.ConfigurationTarget.Global);
    try {
      editor.selection = new vscode.Selection(0, 3, 0, 3);
      await vscode.commands.executeCommand('paperAtlas.insertCitation', KANG);
      assert.equal(editor.document.getText(), 'See #cite(<kang2025spectral>) @fear2025physics.\n');
    } finally {
      await config.update('typstCiteStyle', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('takes the selected text as the query and cites the highlighted paper on Enter', async () => {
    await vscode.commands.executeCommand('paperAtlas.reloadCorpus');
    const editor = await openWithCursors(scratchDir(), 'claim.tex', 'Steering physics foundation models\n');
    editor.selection = new vscode.Selection(0, 0, 0, 34);
    // A multi-select pick highlights no row until the user moves to one: Down to the top result.
    const inserted = await acceptQuickPick(vscode.commands.executeCommand<string[]>('paperAtlas.insertCitation'), { moveDown: true });
    assert.deepEqual(inserted, ['fear2025physics']);
    assert.equal(editor.document.getText(), 'Steering physics foundation models~\\cite{fear2025physics}\n');
  });

  it('keeps the bibliography in step: an entry already there under another key is cited by that key', async () => {
    const dir = scratchDir();
    fs.writeFileSync(path.join(dir, 'refs.bib'), '@article{mine,\n  title = {Spectral Analysis of Representational Similarity with Limited Neurons},\n}\n');
    const editor = await openWithCursors(dir, 'paper.tex', 'See |.\n\\bibliography{refs}\n');
    await vscode.commands.executeCommand('paperAtlas.insertCitation', KANG);
    assert.equal(editor.document.getText(), 'See \\cite{mine}.\n\\bibliography{refs}\n');
    assert.equal(fs.readFileSync(path.join(dir, 'refs.bib'), 'utf8'), '@article{mine,\n  title = {Spectral Analysis of Representational Similarity with Limited Neurons},\n}\n');
  });

  it('adds to the bibliography through an edit that Undo takes back', async () => {
    const dir = scratchDir();
    const original = '@misc{other,\n  title = {Other}\n}\n';
    fs.writeFileSync(path.join(dir, 'refs.bib'), original);
    await openWithCursors(dir, 'paper.tex', 'See |.\n\\bibliography{refs}\n');
    await vscode.commands.executeCommand('paperAtlas.insertCitation', FEAR);
    const bibDoc = await vscode.workspace.openTextDocument(path.join(dir, 'refs.bib'));
    assert.match(bibDoc.getText(), /^@misc\{other,[\s\S]*\n\n@misc\{fear2025physics,/);
    await vscode.window.showTextDocument(bibDoc);
    await vscode.commands.executeCommand('undo');
    assert.equal(bibDoc.getText(), original);
  });

  it('explains why it cannot insert into an untitled document instead of failing silently', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'latex', content: 'x' });
    await vscode.window.showTextDocument(doc);
    const result = await vscode.commands.executeCommand('paperAtlas.insertCitation', FEAR);
    assert.equal(result, undefined);
    assert.equal(doc.getText(), 'x');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('cites into the document beside the abstract view when the view has focus', async () => {
    const editor = await openWithCursors(scratchDir(), 'paper.tex', 'See |.\n');
    await vscode.commands.executeCommand('paperAtlas.openPaper', FEAR);
    await waitFor(() => vscode.window.activeTextEditor === undefined, 'the abstract view to take focus');
    await vscode.commands.executeCommand('paperAtlas.insertCitation', FEAR);
    assert.equal(editor.document.getText(), 'See \\cite{fear2025physics}.\n');
  });

  it('does not write into a read-only document', async () => {
    const dir = scratchDir();
    const file = path.join(dir, 'locked.tex');
    fs.writeFileSync(file, 'See .\n');
    fs.chmodSync(file, 0o444);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
    assert.equal(await vscode.commands.executeCommand('paperAtlas.insertCitation', FEAR), undefined);
    assert.equal(fs.readFileSync(file, 'utf8'), 'See .\n');
    assert.equal(fs.existsSync(path.join(dir, 'references.bib')), false);
  });

  it('changes nothing when the bibliography cannot be written', async () => {
    const dir = scratchDir();
    const bib = path.join(dir, 'refs.bib');
    fs.writeFileSync(bib, '@misc{other, title = {Other}}\n');
    fs.chmodSync(bib, 0o444);
    const editor = await openWithCursors(dir, 'paper.tex', 'See |.\n\\bibliography{refs}\n');
    const result = await vscode.commands.executeCommand('paperAtlas.insertCitation', FEAR);
    assert.equal(result, undefined);
    assert.equal(editor.document.getText(), 'See .\n\\bibliography{refs}\n');
    assert.equal(fs.readFileSync(bib, 'utf8'), '@misc{other, title = {Other}}\n');
  });

  it('completes keys after \\cite{ with title, first author and year, filtering on title words', async () => {
    const editor = await openWithCursors(scratchDir(), 'paper.tex', 'See \\cite{|}\n');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, editor.selection.active, '{');
    // With a bibliography of its own, its keys are offered too.
    const bibDir = scratchDir();
    fs.writeFileSync(path.join(bibDir, 'references.bib'), '@misc{ownentry, title = {My {Own} Notes}}\n@misc{fear2025physics, title = {Physics Steering}}\n');
    const withBibEditor = await openWithCursors(bibDir, 'paper.tex', 'See \\cite{|}\n');
    const withBib = (
      await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', withBibEditor.document.uri, withBibEditor.selection.active, '{')
    ).items.filter((i) => i.kind === vscode.CompletionItemKind.Reference);
    const ours = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Reference);
    const paperCount = await vscode.commands.executeCommand<number>('paperAtlas.reloadCorpus');
    assert.equal(ours.length, paperCount, 'every paper, not a truncated list');
    assert.deepEqual(withBib.filter((i) => !ours.some((o) => (o.label as vscode.CompletionItemLabel).label === (i.label as vscode.CompletionItemLabel).label)).map((i) => (i.label as vscode.CompletionItemLabel).label), ['ownentry']);
    const item = ours.find((i) => (i.label as vscode.CompletionItemLabel).label === 'kang2025spectral')!;
    assert.equal((item.label as vscode.CompletionItemLabel).description, 'Spectral Analysis of Representational Similarity with Limited Neurons');
    assert.match((item.label as vscode.CompletionItemLabel).detail ?? '', /Hyunmo Kang et al\., 2025/);
    assert.equal((item.range as vscode.Range).start.character, 10);

    // A word of the title finds the paper; keys that merely hold the letters somewhere are not offered.
    const byWord = await openWithCursors(scratchDir(), 'paper.tex', 'See \\cite{representa|}\n');
    const offered = (
      await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', byWord.document.uri, byWord.selection.active, '{')
    ).items.filter((i) => i.kind === vscode.CompletionItemKind.Reference);
    assert.ok(offered.some((i) => (i.label as vscode.CompletionItemLabel).label === 'kang2025spectral'), 'found by a word of its title');
    for (const i of offered) assert.match((i.label as vscode.CompletionItemLabel).description ?? '', /representa/i, `${(i.label as vscode.CompletionItemLabel).label} is offered for a title word`);
  });

  it('completes after [@ in Markdown, and not in plain words', async () => {
    const md = await openWithCursors(scratchDir(), 'n.md', 'Text [@|]\n');
    const mdList = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', md.document.uri, md.selection.active, '@');
    assert.ok(mdList.items.some((i) => (i.label as vscode.CompletionItemLabel).label === 'fear2025physics'));
    const plain = await openWithCursors(scratchDir(), 'n2.md', 'Plain words|\n');
    const plainList = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', plain.document.uri, plain.selection.active);
    assert.ok(!plainList.items.some((i) => (i.label as vscode.CompletionItemLabel).label === 'fear2025physics'));
  });

  it('shows the formatted reference, the abstract and an Open link on hover, formatting off the extension host thread', async () => {
    // Start the processor first: a hover on a cold processor may show the plain reference instead.
    await vscode.commands.executeCommand('paperAtlas.copyFormattedReference', FEAR);
    const editor = await openWithCursors(scratchDir(), 'paper.tex', 'See \\cite{fear2025physics}.\n');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(0, 14));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /Fear, R\\\. A\\\., Mukhopadhyay, P\\\./, 'APA reference');
    assert.match(text, /Physics Steering/);
    assert.match(text, /command:paperAtlas\.openPaper\?/);
    assert.equal(citeprocLoaded(), false, 'citeproc runs in its worker thread');
  });

  it('completes keys after @ in Typst, replacing what was typed of the key', async () => {
    const editor = await openWithCursors(scratchDir(), 'doc.typ', 'See @fea|\n', 'typst');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, editor.selection.active, '@');
    const item = list.items.find((i) => (i.label as vscode.CompletionItemLabel).label === 'fear2025physics');
    assert.ok(item, 'the Typst document is offered the key');
    assert.equal((item.range as vscode.Range).start.character, 5);
    assert.equal((item.label as vscode.CompletionItemLabel).description, 'Physics Steering: Causal Control of Cross-Domain Concepts in a Physics Foundation Model');
  });

  it('shows the reference and a readable abstract on hover in Markdown and Typst documents', async () => {
    for (const [name, text, column, language] of [
      ['notes.md', 'See [@risefall].\n', 8, undefined],
      ['doc.typ', 'See @risefall.\n', 7, 'typst'],
    ] as const) {
      const editor = await openWithCursors(scratchDir(), name, text, language);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(0, column));
      const shown = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      assert.match(shown, /Rise and Fall of Anderson Localization/, `${name}: the reference`);
      assert.match(shown, /described by the Fröhlich model/, `${name}: TeX accents read as letters`);
      assert.doesNotMatch(shown, /Fr\\+"o/, `${name}: no TeX source in the abstract`);
      assert.match(shown, /command:paperAtlas\.openPaper\?/, `${name}: a link to open it`);
    }
  });

  it('warns about a cited key found neither in Paper Atlas nor in the bibliography, with a search quick fix', async () => {
    const dir = scratchDir();
    fs.writeFileSync(path.join(dir, 'refs.bib'), '@misc{ownentry, title = {Mine}}\n');
    const editor = await openWithCursors(dir, 'paper.tex', 'A \\cite{fear2025physics, ownentry, nosuchpaper2099}.\n\\bibliography{refs}\n');
    const diagnostics = await waitFor(() => {
      const found = vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === 'Paper Atlas');
      return found.length ? found : undefined;
    }, 'citation diagnostics');
    assert.deepEqual(diagnostics.map((d) => editor.document.getText(d.range)), ['nosuchpaper2099']);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, diagnostics[0].range);
    assert.ok(actions.some((a) => a.title === 'Search Paper Atlas for "nosuchpaper2099"'));
  });

  it('replaces an unknown key with the key of the paper picked in the quick fix search', async () => {
    const dir = scratchDir();
    const editor = await openWithCursors(dir, 'paper.tex', 'A \\cite{fear2025steering}.\n|');
    const range = new vscode.Range(0, 8, 0, 24);
    const fixed = await acceptQuickPick(vscode.commands.executeCommand<string>('paperAtlas.fixCitationKey', editor.document.uri, range));
    assert.equal(fixed, 'fear2025physics');
    assert.equal(editor.document.getText(), 'A \\cite{fear2025physics}.\n');
    assert.equal(entryCount(path.join(dir, 'references.bib'), 'fear2025physics'), 1);
  });

  it('copies BibTeX and formatted references in the configured style', async () => {
    const bib = await vscode.commands.executeCommand<string>('paperAtlas.copyBibtex', FEAR);
    assert.equal(await vscode.env.clipboard.readText(), bib);
    assert.match(bib, /^@misc\{fear2025physics,\n {2}author {7}= \{Fear, Rio Alexa and/);
    const config = vscode.workspace.getConfiguration('paperAtlas');
    await config.update('citationStyle', 'ieee', vscode.ConfigurationTarget.Global);
    try {
      await vscode.commands.executeCommand('paperAtlas.copyFormattedReference', { kind: 'paper', paper: { id: FEAR } });
      assert.match(await vscode.env.clipboard.readText(), /^\[1\] R\. A\. Fear, P\. Mukhopadhyay, M\. McCabe, A\. Bietti, and M\. Cranmer, “Physics Steering/);
    } finally {
      await config.update('citationStyle', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('inserts a formatted reference into a plain-text document', async () => {
    const editor = await openWithCursors(scratchDir(), 'notes.txt', 'Read: |\n');
    await vscode.commands.executeCommand('paperAtlas.insertCitation', FEAR);
    assert.match(editor.document.getText(), /^Read: Fear, R\. A\., Mukhopadhyay, P\., McCabe, M\., Bietti, A\., & Cranmer, M\. \(2025\)\. Physics Steering/);
  });

  it('exports the entries of exactly the keys a document cites', async () => {
    const dir = scratchDir();
    fs.writeFileSync(path.join(dir, 'refs.bib'), '@misc{ownentry, title = {Mine}}\n@misc{unused, title = {Not cited}}\n');
    await openWithCursors(dir, 'paper.tex', 'A \\cite{fear2025physics,ownentry}.|\n\\bibliography{refs}\n');
    const target = vscode.Uri.file(path.join(dir, 'export.bib')).toString();
    await vscode.commands.executeCommand('paperAtlas.exportBibliography', target);
    const exported = fs.readFileSync(path.join(dir, 'export.bib'), 'utf8');
    assert.deepEqual([...exported.matchAll(/@misc\{([^,]+),/g)].map((m) => m[1]), ['fear2025physics', 'ownentry']);
  });
});

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PaperAtlasApi } from '../../src/extension';
import { acceptQuickPick, closeAllEditors, EXTENSION_ID, waitFor } from './hostUtils';

// The sample workspace holds library/zotero.bib: two papers that are also bundled (so the corpus
// keeps its 179 papers for the other suites), a Zotero export cut short, and an entry without a title.
const KAWATA = 'from-shortcut-to-induction-head-how-data-diversity-shapes-algorithm-selection-in';

function workspaceFile(...parts: string[]): string {
  return path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, ...parts);
}

/** Runs Search Papers with a query, waits for the results, and accepts the highlighted one. */
async function searchAndAccept(query: string): Promise<string | undefined> {
  return acceptQuickPick(vscode.commands.executeCommand<string | undefined>('paperAtlas.searchPapers', query));
}

/** Paper Atlas's problems in a file, as the Problems panel lists them. */
function problems(file: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(vscode.Uri.file(file)).filter((d) => d.source === 'Paper Atlas');
}

describe('your own library in a real VS Code', () => {
  const bib = () => workspaceFile('library', 'zotero.bib');
  let original = '';

  before(async () => {
    original = fs.readFileSync(bib(), 'utf8');
    await vscode.commands.executeCommand('paperAtlas.reloadCorpus');
  });

  afterEach(async () => {
    await closeAllEditors();
  });

  after(() => {
    assert.equal(fs.readFileSync(bib(), 'utf8'), original, 'loading, searching and editing never write to the library');
  });

  it('shows the broken entry and the entry without a title in the Problems panel, at their lines', async () => {
    const found = await waitFor(() => (problems(bib()).length >= 2 ? problems(bib()) : undefined), 'library problems');
    assert.deepEqual(
      found.map((d) => [d.range.start.line + 1, d.severity === vscode.DiagnosticSeverity.Error, d.code]),
      [
        [12, true, 'broken_export_2024'],
        [26, true, 'untitled_note_2023'],
      ],
    );
    assert.match(found[0].message, /not closed/);
    assert.match(found[1].message, /no title/);
  });

  it('finds a library paper by search, with the year and names the library gives', async () => {
    assert.equal(await searchAndAccept('shortcut induction head year:2025'), KAWATA);
  });

  it('cites a library paper under the key of the library entry', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-atlas-library-'));
    fs.writeFileSync(path.join(dir, 'paper.tex'), 'Diversity matters .\n');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(path.join(dir, 'paper.tex')));
    editor.selection = new vscode.Selection(0, 17, 0, 17);
    const keys = await vscode.commands.executeCommand<string[]>('paperAtlas.insertCitation', KAWATA);
    assert.deepEqual(keys, ['kawata_shortcut_2025']);
    assert.match(editor.document.getText(), /\\cite\{kawata_shortcut_2025\}/);
  });

  it('follows an edit of the library in the editor, and its reversal, without saving', async () => {
    const doc = await vscode.workspace.openTextDocument(bib());
    await vscode.window.showTextDocument(doc);
    const at = doc.lineAt(2).text.indexOf('{Shortcut}');
    const replace = async (from: string, to: string, column: number) => {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(doc.uri, new vscode.Range(2, column, 2, column + from.length), to);
      assert.ok(await vscode.workspace.applyEdit(edit));
    };
    await replace('{Shortcut}', '{Memorization}', at);
    // The edited title is no longer the bundled paper's: it becomes a paper of its own, found by its new words.
    const id = await waitFor(async () => {
      const found = await searchAndAccept('from memorization to induction head');
      return found && found !== KAWATA ? found : undefined;
    }, 'the edited entry in search', 15_000);
    assert.match(id, /^from-memorization-to-induction-head/);

    await replace('{Memorization}', '{Shortcut}', at);
    assert.equal(doc.getText(), original);
    await waitFor(async () => ((await vscode.commands.executeCommand<string | undefined>('paperAtlas.openPaper', id)) === undefined ? true : undefined), 'the edited paper to go away', 15_000);
    assert.equal(await searchAndAccept('shortcut induction head'), KAWATA);
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('warns once about a library file that cannot be read, however often the libraries are read again', async () => {
    const api = (await vscode.extensions.getExtension<PaperAtlasApi>(EXTENSION_ID)!.activate()) as PaperAtlasApi;
    const config = () => vscode.workspace.getConfiguration('paperAtlas');
    const reportsAbout = (name: string) => api.unreadableLibraryReports().filter((m) => m.includes(name));
    try {
      await config().update('libraries', ['library/missing-one.bib'], vscode.ConfigurationTarget.Workspace);
      await waitFor(() => (reportsAbout('missing-one.bib').length > 0 ? true : undefined), 'the warning about the missing library');
      assert.match(reportsAbout('missing-one.bib')[0], /cannot be read.*paperAtlas\.libraries/);
      // Read the libraries again several ways; a second missing file proves the last re-read happened.
      for (let n = 0; n < 3; n++) await vscode.commands.executeCommand('paperAtlas.reloadCorpus');
      await config().update('libraries', ['library/missing-one.bib', 'library/missing-two.bib'], vscode.ConfigurationTarget.Workspace);
      await waitFor(() => (reportsAbout('missing-two.bib').length > 0 ? true : undefined), 'the warning about the second missing library');
      await vscode.commands.executeCommand('paperAtlas.reloadCorpus');
      assert.equal(reportsAbout('missing-one.bib').length, 1, 'the first file is reported once');
      assert.equal(reportsAbout('missing-two.bib').length, 1);
    } finally {
      await config().update('libraries', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('indexes a library of 10,000 entries that appears in the workspace and finds a paper in it', async () => {
    const big = workspaceFile('library', 'big-by-test.bib');
    const count = async () => (await vscode.commands.executeCommand<number>('paperAtlas.reloadCorpus')) ?? 0;
    const before = await count();
    const entries = Array.from({ length: 10_000 }, (_, i) => `@article{bulk${i},\n  title = {Bulk entry ${i.toString(36)} on measured quantity ${i % 97}},\n  author = {Writer, Alex and Reader, Sam},\n  year = {${2000 + (i % 25)}},\n}\n`);
    entries[7_777] = '@article{zebrafish2021,\n  title = {Zebrafish Lateral Line Regeneration Atlas},\n  author = {Okafor, Ngozi},\n  year = {2021},\n}\n';
    try {
      fs.writeFileSync(big, entries.join('\n'));
      await waitFor(async () => ((await count()) === before + 10_000 ? true : undefined), 'the 10,000 library papers', 60_000);
      assert.equal(await searchAndAccept('zebrafish lateral line'), 'zebrafish-lateral-line-regeneration-atlas');
    } finally {
      fs.rmSync(big, { force: true });
    }
    await waitFor(async () => ((await count()) === before ? true : undefined), 'the deleted library to go away', 30_000);
  });

  it('indexes a .bib file that appears in the workspace, follows its change on disk, and drops it when deleted', async () => {
    const added = workspaceFile('library', 'added-by-test.bib');
    const count = async () => (await vscode.commands.executeCommand<number>('paperAtlas.reloadCorpus')) ?? 0;
    const before = await count();
    try {
      fs.writeFileSync(added, '@article{hopfield1982neural,\n  title = {Neural Networks and Physical Systems with Emergent Collective Computational Abilities},\n  author = {Hopfield, John J.},\n  year = {1982},\n}\n');
      await waitFor(async () => ((await count()) === before + 1 ? true : undefined), 'the new library paper', 15_000);
      assert.equal(await searchAndAccept('emergent collective computational'), 'neural-networks-and-physical-systems-with-emergent-collective-computational');
      fs.writeFileSync(added, fs.readFileSync(added, 'utf8').replace('{1982}', '{1982}\n}\n@misc{second, title = {A Second Entry Written Later}'));
      await waitFor(async () => ((await count()) === before + 2 ? true : undefined), 'the changed library on disk', 15_000);
    } finally {
      fs.rmSync(added, { force: true });
    }
    await waitFor(async () => ((await count()) === before ? true : undefined), 'the deleted library to go away', 15_000);
  });
});

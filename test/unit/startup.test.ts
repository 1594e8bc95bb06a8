import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { benchStartup, type StartupResult } from '../../src/commandLine/startupBench';
import { repoRoot } from './fixturePaths';

// What start-up loads, checked on the production bundle in a fresh process with a stub `vscode`
// module. The times are figures for `npm run bench`, not assertions here.
describe('start-up of the production bundle', function () {
  this.timeout(120_000);
  let result: StartupResult;
  before(function () {
    if (!fs.existsSync(path.join(repoRoot, 'dist', 'corpus.json'))) this.skip(); // `npm run build` first; npm test does
    result = benchStartup(repoRoot, 1);
  });

  it('renders the Topics view from the prebuilt topics without learning any', () => {
    assert.ok((result.tree_roots ?? 0) > 0, 'the Topics view has top-level topics');
    assert.equal(result.loaded.topics_learnt, false);
  });

  it('answers the first search with the paper the query names', () => {
    assert.equal(result.first_result, 'Reducing Information Loss for Spiking Neural Networks');
  });

  it('loads neither the citation processor nor KaTeX, and starts no worker, before a reference is formatted', () => {
    assert.deepEqual(result.heavy_loaded_early, []);
    assert.deepEqual(result.loaded.workers, []);
    assert.deepEqual(result.loaded.modules, ['dist/extension.js']);
  });

  it('reads the prebuilt corpus, not the seed listings', () => {
    const read = result.loaded.files_read.map((f) => f.file);
    assert.ok(read.includes('dist/corpus.json'));
    assert.deepEqual(read.filter((f) => f.startsWith('seeds')), []);
  });
});

import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './fixturePaths';

/** What the .vsix may hold: the runtime bundles, the webview and style files, the seed listings, the docs. */
const ALLOWED = [
  /^dist\/(extension|citeproc|citeprocWorker)\.js$/,
  /^dist\/corpus\.json$/,
  /^media\/(?!readme\/)[^/]+\.(png|svg|css|js)$/,
  /^media\/csl\/[^/]+\.(csl|md)$/,
  /^media\/walkthrough\/[^/]+\.(md|svg|png)$/,
  /^seeds\/[^/]+\.txt$/,
  /^(README|CHANGELOG)\.md$/,
  /^LICENSE$/,
  /^package\.json$/,
];
const REQUIRED = ['dist/extension.js', 'dist/citeproc.js', 'dist/citeprocWorker.js', 'dist/corpus.json', 'package.json', 'README.md', 'CHANGELOG.md', 'LICENSE'];

/** The files `vsce ls` says the package would hold (it reads .vscodeignore as `vsce package` does). */
function packagedFiles(): string[] {
  const vsce = path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  const out = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return out
    .split('\n')
    .map((l) => l.trim().replace(/\\/g, '/'))
    .filter(Boolean);
}

describe('packaging', function () {
  this.timeout(60_000);
  let files: string[];
  before(function () {
    if (!fs.existsSync(path.join(repoRoot, 'dist', 'extension.js'))) this.skip(); // `npm run build` first; npm test does
    files = packagedFiles();
  });

  it('ships only runtime files, media, seeds and the docs (no sources, tests, maps or the CLI)', () => {
    const unexpected = files.filter((f) => !ALLOWED.some((re) => re.test(f)));
    assert.deepEqual(unexpected, [], `files that should stay out of the .vsix (see .vscodeignore): ${unexpected.join(', ')}`);
  });

  it('ships everything the installed extension loads', () => {
    const missing = REQUIRED.filter((f) => !files.includes(f));
    assert.deepEqual(missing, []);
    assert.ok(files.some((f) => f.startsWith('seeds/')), 'the seed listings (Open Source Listing opens them)');
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
      icon: string;
      contributes: { walkthroughs?: Array<{ steps: Array<{ media: Record<string, string | { light: string; dark: string }> }> }>; viewsContainers: { activitybar: Array<{ icon: string }> } };
    };
    const referenced = [
      manifest.icon,
      ...manifest.contributes.viewsContainers.activitybar.map((c) => c.icon),
      ...(manifest.contributes.walkthroughs ?? []).flatMap((w) =>
        w.steps.flatMap((s) => Object.values(s.media).flatMap((m) => (typeof m === 'string' ? [m] : [m.light, m.dark]))),
      ),
    ].map((f) => f.replace(/^\.\//, ''));
    const unshipped = referenced.filter((f) => /\.(png|svg|md)$/.test(f) && !files.includes(f));
    assert.deepEqual(unshipped, [], 'files package.json points to must be in the package');
  });

  it('keeps APA, IEEE and Chicago working in the trimmed citeproc bundle', () => {
    // dist/citeproc.js leaves out citation-js's fetching, other locales and built-in styles (scripts/citeprocTrim.mjs).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const citeproc = require(path.join(repoRoot, 'dist', 'citeproc.js')) as typeof import('../../src/core/citation/citeproc');
    const item = { id: 'v', 'citation-key': 'vaswani2017attention', type: 'paper-conference', title: 'Attention is all you need', author: [{ family: 'Vaswani', given: 'Ashish' }], issued: { 'date-parts': [[2017]] }, 'container-title': 'NeurIPS' };
    const csl = (name: string) => fs.readFileSync(path.join(repoRoot, 'media', 'csl', `${name}.csl`), 'utf8');
    assert.equal(citeproc.formatReferences([item], { name: 'apa' })[0], 'Vaswani, A. (2017). Attention is all you need. NeurIPS.');
    assert.match(citeproc.formatReferences([item], { name: 'ieee', xml: csl('ieee') })[0], /^\[1\] A\. Vaswani, “Attention is all you need,” .*NeurIPS.*2017\.$/);
    assert.equal(citeproc.formatInTextCitation([item], { name: 'chicago', xml: csl('chicago-author-date') }), '(Vaswani 2017)');
  });
});

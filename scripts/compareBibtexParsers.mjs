#!/usr/bin/env node
// Why Paper Atlas reads BibTeX with its own reader: compares it with @retorquere/bibtex-parser (a dev
// dependency) and citation-js's BibTeX plugin (not a dependency: install it for this script only) on
// the hostile fixtures and on a generated Zotero-shaped file, for what they read and how fast.
//
//   npm install --no-save @citation-js/plugin-bibtex@0.7.9
//   node scripts/compareBibtexParsers.mjs [entries=5000]
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const bundle = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bibcmp-')), 'ours.js');
await esbuild.build({
  stdin: { contents: "export { readLibrary } from './src/core/library/libraryPaper';\nexport { syntheticBibtex } from './src/core/library/syntheticLibrary';", resolveDir: root, loader: 'ts' },
  bundle: true, platform: 'node', format: 'cjs', outfile: bundle, logLevel: 'error',
});
const ours = require(bundle);
const { parse } = await import('@retorquere/bibtex-parser');
const { plugins } = await import('@citation-js/core');
await import('@citation-js/plugin-bibtex');
const citationJs = (text) => plugins.input.chain(text, { target: '@csl/list+object', generateGraph: false });

for (const name of ['hostile.bib', 'zotero.bib']) {
  const text = fs.readFileSync(path.join(root, 'test', 'fixtures', 'library', name), 'utf8');
  const o = ours.readLibrary(text, name);
  const r = parse(text, { sentenceCase: false, english: false, unsupported: 'ignore', applyCrossRef: true });
  let c;
  try {
    c = `${citationJs(text).length} items`;
  } catch (error) {
    c = `throws: ${String(error.message).split('\n')[0]}`;
  }
  console.log(`${name}\n  ours:        ${o.papers.length} papers; problems ${o.problems.map((p) => `${p.line}: ${p.message}`).join(' | ')}`);
  console.log(`  retorquere:  ${r.entries.length} entries; errors ${r.errors.map((e) => e.error).join(' | ')}`);
  console.log(`  citation-js: ${c}`);
}

const n = Number(process.argv[2] ?? 5000);
const corpus = JSON.parse(fs.readFileSync(path.join(root, 'dist', 'corpus.json'), 'utf8'));
// The bench's generated file without its unclosed entries, which citation-js would reject whole.
const text = ours.syntheticBibtex(corpus.papers, n).replace(/@article\{[^\n]*\n\ttitle = \{[^}\n]*,\n[\s\S]*?\n\n(?=@|$)/g, (m) => (m.includes('},\n\tauthor') ? m : ''));
const time = (f) => {
  const t = performance.now();
  const r = f();
  return [Math.round(performance.now() - t), r];
};
const best = (f) => {
  const runs = [time(f), time(f), time(f)];
  return runs.reduce((a, b) => (b[0] < a[0] ? b : a));
};
const [a, ra] = best(() => ours.readLibrary(text, 'x.bib'));
const [c, rc] = best(() => citationJs(text));
const [b, rb] = time(() => parse(text, { sentenceCase: false, english: false, unsupported: 'ignore' }));
console.log(JSON.stringify({ entries: rb.entries.length, bytes: text.length, ours_ms: a, ours_papers: ra.papers.length, citationjs_ms: c, citationjs_items: rc.length, retorquere_ms: b, loadavg: os.loadavg().map((l) => l.toFixed(1)) }));

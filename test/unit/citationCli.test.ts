import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { main } from '../../src/cli';
import { parseBibtex } from './citationBibtexParser';
import { repoRoot } from './fixturePaths';

/** Runs the CLI on the bundled seeds with an in-memory terminal. */
async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main([...argv, '--seeds', path.join(repoRoot, 'seeds')], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('the cite command', function () {
  this.timeout(30_000);

  it('prints the in-text citation of all given keys in LaTeX, Pandoc and Typst', async () => {
    assert.equal((await run('cite', 'nichaniunderstanding', 'fear2025physics', '--format', 'latex')).out, '\\cite{nichaniunderstanding,fear2025physics}');
    assert.equal((await run('cite', 'nichaniunderstanding', 'fear2025physics', '--format', 'latex', '--latex-command', 'citep')).out, '\\citep{nichaniunderstanding,fear2025physics}');
    assert.equal((await run('cite', 'nichaniunderstanding', 'fear2025physics', '--format', 'pandoc')).out, '[@nichaniunderstanding; @fear2025physics]');
    assert.equal((await run('cite', 'nichaniunderstanding', 'fear2025physics', '--format', 'typst')).out, '@nichaniunderstanding @fear2025physics');
  });

  it('accepts paper ids as well as keys', async () => {
    const { out } = await run('cite', 'physics-steering-causal-control-of-cross-domain-concepts-in-a-physics-foundation', '-f', 'pandoc');
    assert.equal(out, '[@fear2025physics]');
  });

  it('prints BibTeX entries that parse, BibLaTeX with an ISO date', async () => {
    const bib = await run('cite', 'nichaniunderstanding', 'fear2025physics');
    assert.equal(bib.code, 0);
    assert.deepEqual(parseBibtex(bib.out).entries.map((e) => e.key), ['nichaniunderstanding', 'fear2025physics']);
    assert.match((await run('cite', 'fear2025physics', '-f', 'biblatex')).out, /date\s+= \{2025-11-25\}/);
  });

  it('prints styled reference lists and CSL-JSON', async () => {
    assert.match((await run('cite', 'fear2025physics', '-f', 'apa')).out, /^Fear, R\. A\., Mukhopadhyay, P\., McCabe, M\., Bietti, A\., & Cranmer, M\. \(2025\)\. Physics Steering/);
    assert.match((await run('cite', 'fear2025physics', '-f', 'ieee')).out, /^\[1\] R\. A\. Fear, P\. Mukhopadhyay/);
    assert.match((await run('cite', 'fear2025physics', '-f', 'markdown')).out, /^- Fear, R\. A\.,.*\*Physics Steering/);
    const json = JSON.parse((await run('cite', 'fear2025physics', '-f', 'csl-json')).out);
    assert.equal(json[0]['citation-key'], 'fear2025physics');
  });

  it('exits 2 naming every unknown key, and prints nothing on stdout', async () => {
    const result = await run('cite', 'nope', 'nichaniunderstanding', 'alsonope');
    assert.equal(result.code, 2);
    assert.equal(result.out, '');
    assert.match(result.err, /unknown paper "nope", "alsonope"/);
  });

  it('rejects an unknown format with the list of formats', async () => {
    const result = await run('cite', 'nichaniunderstanding', '-f', 'mla');
    assert.equal(result.code, 2);
    assert.match(result.err, /--format must be one of bibtex, biblatex, latex/);
  });
});

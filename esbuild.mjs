// Bundles the extension and the CLI, then writes the prebuilt corpus.
//   node esbuild.mjs                development build with source maps
//   node esbuild.mjs --production   minified, no source maps (what `npm run package` ships)
//   node esbuild.mjs --watch        rebuild on change
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { citeprocTrim } from './scripts/citeprocTrim.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'info',
};

/** After every successful build, parse the seeds into dist/corpus.json so activation never parses text. */
const prebuildCorpus = {
  name: 'prebuild-corpus',
  setup(build) {
    build.onEnd((result) => {
      if (result.errors.length > 0) return;
      const run = spawnSync(process.execPath, ['dist/cli.js', 'prebuild', '--out', 'dist/corpus.json'], {
        stdio: 'inherit',
      });
      if (run.status !== 0) throw new Error('prebuilding the corpus failed');
    });
  },
};

const extension = {
  ...common,
  entryPoints: { extension: 'src/extension.ts' },
  outdir: 'dist',
  external: ['vscode'],
};
const cli = {
  ...common,
  entryPoints: { cli: 'src/cli.ts' },
  outdir: 'dist',
  banner: { js: '#!/usr/bin/env node' },
  // fuse.js is a dev dependency used only by `bench` for comparison: required at run time, not bundled.
  external: ['fuse.js'],
  plugins: [prebuildCorpus],
};
// citation-js + citeproc (~1 MB) in its own file, required on first styled reference only; the
// extension runs it in a worker thread (citeprocWorker.js, which requires citeproc.js).
const citeproc = {
  ...common,
  entryPoints: { citeproc: 'src/core/citation/citeproc.ts', citeprocWorker: 'src/node/citeprocWorker.ts' },
  outdir: 'dist',
  minify: true,
  sourcemap: false,
  plugins: [citeprocTrim],
};

if (watch) {
  const contexts = await Promise.all([esbuild.context(extension), esbuild.context(cli), esbuild.context(citeproc)]);
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all([esbuild.build(extension), esbuild.build(cli), esbuild.build(citeproc)]);
}

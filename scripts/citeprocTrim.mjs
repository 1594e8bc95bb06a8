// esbuild plugin for the citeproc bundle (dist/citeproc.js): leaves out what Paper Atlas never uses,
// so the .vsix stays small. Measured with esbuild's metafile, these were ~470 KB of the 920 KB bundle:
// - citation-js's network layer (sync-fetch, fetch-ponyfill → node-fetch → whatwg-url → tr46 with its
//   260 KB Unicode table): Paper Atlas formats items it already has and never fetches a DOI or URL,
//   so both modules are replaced by stubs whose fetch fails with a plain message;
// - plugin-csl's built-in locales other than en-US (we always format with lang en-US) and built-in
//   styles other than APA (IEEE and Chicago come from media/csl/, a user's style from its .csl file).

const NO_NETWORK = 'Paper Atlas formats references offline: fetching with citation-js is left out of this build';

const syncFetchStub = `
class Headers { constructor(init) { this.map = new Map(Object.entries(init || {})); } [Symbol.iterator]() { return this.map[Symbol.iterator](); } }
function syncFetch() { throw new Error(${JSON.stringify(NO_NETWORK)}); }
syncFetch.Headers = Headers;
module.exports = syncFetch;
`;

const fetchPonyfillStub = `
class Headers { constructor(init) { this.map = new Map(Object.entries(init || {})); } [Symbol.iterator]() { return this.map[Symbol.iterator](); } }
module.exports = () => ({ fetch: () => Promise.reject(new Error(${JSON.stringify(NO_NETWORK)})), Headers });
`;

/** Keeps only the named keys of a JSON object file. */
function pick(json, keys) {
  const all = JSON.parse(json);
  const kept = Object.fromEntries(keys.filter((k) => k in all).map((k) => [k, all[k]]));
  if (Object.keys(kept).length !== keys.length) throw new Error(`citeprocTrim: expected ${keys.join(', ')} in ${Object.keys(all).join(', ')}`);
  return JSON.stringify(kept);
}

/** @type {import('esbuild').Plugin} */
export const citeprocTrim = {
  name: 'citeproc-trim',
  setup(build) {
    build.onResolve({ filter: /^(sync-fetch|fetch-ponyfill)$/ }, (args) => ({ path: args.path, namespace: 'citeproc-stub' }));
    build.onLoad({ filter: /.*/, namespace: 'citeproc-stub' }, (args) => ({
      contents: args.path === 'sync-fetch' ? syncFetchStub : fetchPonyfillStub,
      loader: 'js',
    }));
    build.onLoad({ filter: /@citation-js[\\/]plugin-csl[\\/]lib[\\/](locales|styles)\.json$/ }, async (args) => {
      const fs = await import('node:fs/promises');
      const text = await fs.readFile(args.path, 'utf8');
      const keys = /locales\.json$/.test(args.path) ? ['en-US'] : ['apa'];
      return { contents: pick(text, keys), loader: 'json' };
    });
  },
};

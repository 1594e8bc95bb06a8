import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CslStyle } from '../core/citation/citeproc';
import { CITATION_STYLES, isStyleName } from '../core/citation/styles';

/** The styled-reference functions of src/core/citation/citeproc.ts. */
export type CiteprocModule = typeof import('../core/citation/citeproc');

/** First of the paths that exists. */
function firstExisting(candidates: string[]): string | undefined {
  return candidates.find((p) => fs.existsSync(p));
}

let loaded: CiteprocModule | undefined;

/**
 * Loads the citeproc bundle on first use: `dist/citeproc.js` next to the running bundle, or the
 * compiled module when running from `out/` (tests). The path is computed, so esbuild never pulls
 * citation-js into the bundle that requires this.
 */
export function loadCiteproc(): CiteprocModule {
  if (loaded) return loaded;
  const modulePath = firstExisting([path.join(__dirname, 'citeproc.js'), path.join(__dirname, '..', 'core', 'citation', 'citeproc.js')]);
  if (!modulePath) throw new Error(`the citation processor is missing (no citeproc.js near ${__dirname}); run "npm run build"`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded = require(modulePath) as CiteprocModule;
  return loaded;
}

/** True once the citeproc bundle has been loaded into this process. */
export function isCiteprocLoaded(): boolean {
  return loaded !== undefined;
}

/** The folder of the shipped CSL styles (media/csl), from a bundle in dist/ or a compiled module in out/src/node/. */
export function defaultStyleDir(): string {
  return firstExisting([path.join(__dirname, '..', 'media', 'csl'), path.join(__dirname, '..', '..', '..', 'media', 'csl')]) ?? path.join(__dirname, '..', 'media', 'csl');
}

/**
 * A citation style by name (`apa`, `ieee`, `chicago`) with its XML read from `styleDir`, or a
 * user's `.csl` file by path. Throws a readable Error when the file cannot be read.
 */
export function readCslStyle(nameOrFile: string, styleDir = defaultStyleDir()): CslStyle {
  if (isStyleName(nameOrFile)) {
    const info = CITATION_STYLES[nameOrFile];
    return { name: info.cslName, xml: info.file ? fs.readFileSync(path.join(styleDir, info.file), 'utf8') : undefined };
  }
  let xml: string;
  try {
    xml = fs.readFileSync(nameOrFile, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the citation style file ${nameOrFile}: ${(error as Error).message}`, { cause: error });
  }
  return { name: path.basename(nameOrFile, path.extname(nameOrFile)), xml };
}

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ListingFile } from '../core/corpus';

/** The bundled seed folder, next to `dist/` in the package. */
export function defaultSeedDir(distDir: string): string {
  return path.join(distDir, '..', 'seeds');
}

/** Reads every `.txt` listing in a folder, sorted by name so the corpus is the same on every machine. */
export function readListingFiles(dir: string): ListingFile[] {
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => ({ name, text: fs.readFileSync(path.join(dir, name), 'utf8') }));
}

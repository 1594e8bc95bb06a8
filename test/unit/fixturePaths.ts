import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository root, from the compiled test's location (out/test/unit). */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** Text of a file under test/fixtures/. */
export function fixture(...parts: string[]): string {
  return fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', ...parts), 'utf8');
}

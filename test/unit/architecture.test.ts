import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtinModules } from 'node:module';
import { repoRoot } from './fixturePaths';

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]|(?:require|import)\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g)) {
    found.push(m[1] ?? m[2] ?? m[3]);
  }
  return found;
}

describe('architecture', () => {
  const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

  it('keeps src/core free of vscode and of Node built-ins', () => {
    const offenders = sourceFiles(path.join(repoRoot, 'src', 'core')).flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec === 'vscode' || builtins.has(spec) || builtins.has(spec.split('/')[0]))
        .map((spec) => `${path.relative(repoRoot, file)} imports ${spec}`),
    );
    assert.deepEqual(offenders, []);
  });

  it('imports vscode only from src/ui and src/extension.ts', () => {
    const offenders = sourceFiles(path.join(repoRoot, 'src'))
      .filter((file) => !file.includes(`${path.sep}ui${path.sep}`) && !file.endsWith('extension.ts'))
      .filter((file) => importsOf(file).includes('vscode'))
      .map((file) => path.relative(repoRoot, file));
    assert.deepEqual(offenders, []);
  });

  it('points imports one way: core never imports ui, commandLine or node code', () => {
    const offenders = sourceFiles(path.join(repoRoot, 'src', 'core')).flatMap((file) =>
      importsOf(file)
        .filter((spec) => /(^|\/)(ui|commandLine|node)\//.test(spec) || /\.\.\/(extension|cli)$/.test(spec))
        .map((spec) => `${path.relative(repoRoot, file)} imports ${spec}`),
    );
    assert.deepEqual(offenders, []);
  });

  it('activates only through contributions, and to restore its own abstract panels after a reload', () => {
    // VS Code derives activation from commands and views, but not from webview panels to restore:
    // that one event has to be declared.
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    assert.deepEqual(manifest.activationEvents, ['onWebviewPanel:paperAtlas.abstract']);
  });
});
